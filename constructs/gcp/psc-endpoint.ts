import { ComputeAddress } from "@cdktf/provider-google/lib/compute-address";
import { ComputeForwardingRule } from "@cdktf/provider-google/lib/compute-forwarding-rule";
import { DnsManagedZone } from "@cdktf/provider-google/lib/dns-managed-zone";
import { DnsRecordSet } from "@cdktf/provider-google/lib/dns-record-set";
import { Construct } from "constructs";
import { replaceTriggeredBy } from "../core/lifecycle";
import { nameRoomFor, RESERVED_SUBNET_ADDRESSES } from "../core/limits";
import { FQDN_PATTERN, FQDN_RULE, resourceName } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";
import { IServiceAttachment } from "./service-attachment";
import { INetwork, ISubnetwork } from "./vpc-network";

/** The private zone that holds a DNS name: its parent domain (`aws-api.internal.` for `api.aws-api.internal.`). */
export function privateZoneOf(dnsName: string): string {
  return dnsName.slice(dnsName.indexOf(".") + 1);
}

export interface PscEndpointProps {
  /** Name prefix of the endpoint's resources (`<name>-ip`, `<name>-fr`, `<name>-zone`). */
  readonly name: string;
  /** Region of the endpoint: the service attachment's region. */
  readonly region: string;
  /** Consumer network. */
  readonly network: INetwork;
  /** Consumer subnet the endpoint's internal address comes from. */
  readonly subnetwork: ISubnetwork;
  /** The producer's service attachment. */
  readonly serviceAttachment: IServiceAttachment;
  /** Fixed internal address, inside `subnetwork` and not one GCP reserves. @default - allocated by GCP */
  readonly ipAddress?: string;
  /**
   * Fully qualified name (ending with '.') to give the endpoint in a private
   * Cloud DNS zone visible only to `network`; the zone is the name's parent
   * domain (for `api.aws-api.internal.`, the zone `aws-api.internal.`).
   * @default - no DNS name
   */
  readonly dnsName?: string;
  /**
   * Let clients in every region of the consumer VPC use the endpoint (PSC
   * global access); otherwise only clients in `region`.
   * @default false
   */
  readonly globalAccess?: boolean;
  /** Project of the resources. @default - the provider's project */
  readonly project?: string;
}

/**
 * A Private Service Connect endpoint: one internal address in the consumer
 * VPC that reaches a producer's service attachment. Nothing else of the
 * producer (or what lies behind it) is routed into the consumer VPC.
 */
export class PscEndpoint extends Construct {
  /** Longest `name` accepted: GCP\'s 63 characters less the longest suffix added. */
  static readonly MAX_NAME_LENGTH = nameRoomFor("-zone");

  readonly forwardingRule: ComputeForwardingRule;
  /** Internal address of the endpoint. */
  readonly ipAddress: string;
  /** The DNS name, when one was given. */
  readonly dnsName?: string;

  /** Records every problem with the props in `v`. */
  static validate(props: PscEndpointProps, v: PropsValidator): void {
    v.gcpName("name", props.name, PscEndpoint.MAX_NAME_LENGTH, "to leave room for '-zone'");
    v.gcpRegion("region", props.region);
    if (props.ipAddress !== undefined) v.addressInSubnet("ipAddress", props.ipAddress, "subnetwork", props.subnetwork.ipCidrRange, RESERVED_SUBNET_ADDRESSES.gcp);
    if (props.dnsName !== undefined) {
      v.check(FQDN_PATTERN.test(props.dnsName), "dnsName", props.dnsName, FQDN_RULE);
    }
  }

  constructor(scope: Construct, id: string, props: PscEndpointProps) {
    super(scope, id);
    validateProps(this, "PscEndpoint", (v) => PscEndpoint.validate(props, v));

    const address = new ComputeAddress(this, "address", {
      name: resourceName(props.name, "ip"),
      project: props.project,
      region: props.region,
      addressType: "INTERNAL",
      subnetwork: props.subnetwork.id,
      address: props.ipAddress,
      description: "PSC endpoint: the only address of the published service in this VPC",
    });
    this.ipAddress = address.address;
    this.forwardingRule = new ComputeForwardingRule(this, "forwarding-rule", {
      name: resourceName(props.name, "fr"),
      project: props.project,
      region: props.region,
      network: props.network.id,
      ipAddress: address.id,
      target: props.serviceAttachment.selfLink,
      // An empty scheme is what makes a forwarding rule a PSC endpoint.
      loadBalancingScheme: "",
      allowPscGlobalAccess: props.globalAccess ? true : undefined,
      // When the producer's service attachment is replaced (same name, new
      // resource), the endpoint's connection is CLOSED: the consumer's next
      // apply recreates the endpoint, which connects to the new attachment.
      recreateClosedPsc: true,
      lifecycle: {
        // A new address keeps the address resource's id (same name), so the
        // rule alone sees no change and the address, still in use, cannot be
        // deleted (terraform-provider-google #16870). Replacing the rule with
        // it destroys the rule first, then the address, and creates both anew.
        replaceTriggeredBy: replaceTriggeredBy(address),
      },
    });

    if (props.dnsName !== undefined) {
      this.dnsName = props.dnsName;
      const zone = new DnsManagedZone(this, "zone", {
        name: resourceName(props.name, "zone"),
        project: props.project,
        dnsName: privateZoneOf(props.dnsName),
        description: "Private name of the PSC endpoint",
        visibility: "private",
        privateVisibilityConfig: { networks: [{ networkUrl: props.network.id }] },
      });
      new DnsRecordSet(this, "record", {
        project: props.project,
        managedZone: zone.name,
        name: props.dnsName,
        type: "A",
        ttl: 300,
        rrdatas: [this.ipAddress],
      });
    }
  }
}
