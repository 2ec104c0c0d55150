import { ComputeAddress } from "@cdktf/provider-google/lib/compute-address";
import { DnsRecordSet } from "@cdktf/provider-google/lib/dns-record-set";
import { Construct } from "constructs";
import { FQDN_PATTERN, FQDN_RULE } from "../core/names";
import { isToken, PropsValidator, validateProps } from "../core/validation";
import { IPrivateDnsZone } from "./private-dns-zone";
import { ISubnetwork } from "./vpc-network";

/** Where an in-cluster Service's address comes from, and the name it gets. */
export interface PublishedServiceAddressProps {
  /** Name of the address (a GCP name): the GKE Service's annotation names it. */
  readonly name: string;
  /** Region of the address: the cluster's. */
  readonly region: string;
  /** The cluster's node subnet, where GKE puts an internal load balancer's address. */
  readonly subnetwork: ISubnetwork;
  /** Project of the address: the cluster's (in a Shared VPC, the service project). @default - the provider's project */
  readonly project?: string;
  /** Why the address exists. @default - "Internal load balancer of a published GKE Service" */
  readonly description?: string;
  /**
   * An A record for the address: `name` (fully qualified, ending with '.') in the private `zone`,
   * which must hold it.
   * @default - no record
   */
  readonly dns?: { readonly zone: IPrivateDnsZone; readonly name: string };
}

/**
 * The Google side of publishing an in-cluster Service inside the VPC: an
 * internal address reserved in the cluster's node subnet, so the address is
 * known at plan time, and optionally an A record naming it in a private
 * zone. The Kubernetes side is `InternalLoadBalancerService`, given this
 * address's `name` and `ip`: GKE builds the internal passthrough load
 * balancer on exactly this address.
 */
export class PublishedServiceAddress extends Construct {
  /** Records every problem with the props in `v`. */
  static validate(props: PublishedServiceAddressProps, v: PropsValidator): void {
    v.gcpName("name", props.name);
    v.gcpRegion("region", props.region);
    if (props.dns === undefined) return;
    const { name, zone } = props.dns;
    v.check(FQDN_PATTERN.test(name), "dns.name", name, FQDN_RULE);
    if (!isToken(zone.dnsName)) {
      v.check(name.endsWith(`.${zone.dnsName}`), "dns.name", name, `must be a name inside the zone ${zone.dnsName}`, { fix: `e.g. ${name.split(".")[0]}.${zone.dnsName}` });
    }
  }

  /** The reserved address. */
  readonly address: ComputeAddress;
  /** The address's name, for `InternalLoadBalancerService.addressName`. */
  readonly name: string;
  /** The internal IP, known once the address is reserved. */
  readonly ip: string;
  /** The A record's name, when one was asked for. */
  readonly dnsName?: string;

  constructor(scope: Construct, id: string, props: PublishedServiceAddressProps) {
    super(scope, id);
    validateProps(this, "PublishedServiceAddress", (v) => PublishedServiceAddress.validate(props, v));
    this.address = new ComputeAddress(this, "address", {
      name: props.name,
      project: props.project,
      region: props.region,
      subnetwork: props.subnetwork.id,
      addressType: "INTERNAL",
      description: props.description ?? "Internal load balancer of a published GKE Service",
    });
    this.name = this.address.name;
    this.ip = this.address.address;
    if (props.dns !== undefined) {
      this.dnsName = props.dns.name;
      new DnsRecordSet(this, "record", {
        project: props.dns.zone.project,
        managedZone: props.dns.zone.name,
        name: props.dns.name,
        type: "A",
        ttl: 300,
        rrdatas: [this.ip],
      });
    }
  }
}
