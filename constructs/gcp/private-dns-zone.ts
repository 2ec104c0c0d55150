import { DnsManagedZone } from "@cdktf/provider-google/lib/dns-managed-zone";
import { Construct } from "constructs";
import { FQDN_PATTERN, FQDN_RULE } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";
import { INetwork } from "./vpc-network";

/** A private Cloud DNS zone, as the constructs that add records to it need it. */
export interface IPrivateDnsZone {
  /** The zone's resource name (what a record set's `managed_zone` takes). */
  readonly name: string;
  /** The zone's DNS name, ending with '.'. */
  readonly dnsName: string;
  /** Project of the zone. @default - the provider's project */
  readonly project?: string;
}

/** Which names the zone holds, and which networks see them. */
export interface PrivateDnsZoneProps {
  /** Resource name of the zone (a GCP name). */
  readonly name: string;
  /** DNS name of the zone, ending with '.', e.g. `team-a.internal.`. */
  readonly dnsName: string;
  /** The VPC networks whose clients resolve the zone: at least one. */
  readonly networks: readonly INetwork[];
  /** Project of the zone. @default - the provider's project */
  readonly project?: string;
  /** What the zone holds. @default - "Private names" */
  readonly description?: string;
}

/**
 * A private Cloud DNS zone, visible only to the given VPC networks: their
 * VMs, GKE nodes and pods, and the serverless workloads that send requests
 * into them resolve it through the network's metadata server. One network
 * cannot see two private zones of the same DNS name.
 */
export class PrivateDnsZone extends Construct implements IPrivateDnsZone {
  /** Records every problem with the props in `v`. */
  static validate(props: PrivateDnsZoneProps, v: PropsValidator): void {
    v.gcpName("name", props.name);
    v.check(FQDN_PATTERN.test(props.dnsName), "dnsName", props.dnsName, FQDN_RULE);
    v.check(props.networks.length > 0, "networks", props.networks, "must list at least one VPC network (a private zone nobody sees resolves nothing)");
  }

  /** The zone resource. */
  readonly zone: DnsManagedZone;
  readonly name: string;
  readonly dnsName: string;
  readonly project?: string;

  constructor(scope: Construct, id: string, props: PrivateDnsZoneProps) {
    super(scope, id);
    validateProps(this, "PrivateDnsZone", (v) => PrivateDnsZone.validate(props, v));
    this.zone = new DnsManagedZone(this, "zone", {
      name: props.name,
      project: props.project,
      dnsName: props.dnsName,
      description: props.description ?? "Private names",
      visibility: "private",
      privateVisibilityConfig: { networks: props.networks.map((network) => ({ networkUrl: network.id })) },
    });
    this.name = this.zone.name;
    this.dnsName = props.dnsName;
    this.project = props.project;
  }
}
