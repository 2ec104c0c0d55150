import { ComputeSubnetwork } from "@cdktf/provider-google/lib/compute-subnetwork";
import { Construct } from "constructs";
import { overlaps } from "../lib/cidr";
import { resourceName } from "../lib/naming";
import { PropsValidator } from "../lib/validation";
import { INetwork, ISubnetwork } from "./refs";

export interface GkeSubnetProps {
  /** Network the subnet belongs to. */
  readonly network: INetwork;
  /** Name of the subnet; the secondary ranges are `<name>-pods` and `<name>-services`. */
  readonly name: string;
  /** Region of the subnet (the cluster's region). */
  readonly region: string;
  /** Primary range: node addresses. */
  readonly nodesCidr: string;
  /** Secondary range for pod addresses (GKE: /9 to /24). */
  readonly podsCidr: string;
  /** Secondary range for ClusterIP services (GKE: /16 to /28). */
  readonly servicesCidr: string;
  /** Project of the subnet. @default - the provider's project */
  readonly project?: string;
}

/** A subnet a VPC-native GKE cluster can use: its secondary ranges, by name. */
export interface IGkeSubnet extends ISubnetwork {
  /** Name of the secondary range for pods. */
  readonly podsRangeName: string;
  /** Name of the secondary range for services. */
  readonly servicesRangeName: string;
}

/**
 * The node subnet of a VPC-native GKE cluster, with secondary ranges for pods
 * and services and Private Google Access (private nodes reach Google APIs
 * without external addresses).
 */
export class GkeSubnet extends Construct implements IGkeSubnet {
  /** Longest `name` accepted: GCP\'s 63 characters less the longest suffix added. */
  static readonly MAX_NAME_LENGTH = 54;

  readonly subnet: ComputeSubnetwork;
  readonly id: string;
  readonly selfLink: string;
  readonly name: string;
  readonly podsRangeName: string;
  readonly servicesRangeName: string;

  constructor(scope: Construct, id: string, props: GkeSubnetProps) {
    super(scope, id);
    const v = new PropsValidator(`GkeSubnet ${this.node.path}`);
    v.gcpName("name", props.name, GkeSubnet.MAX_NAME_LENGTH, "to leave room for '-services'");
    const ranges = [
      { field: "nodesCidr", cidr: props.nodesCidr, min: 8, max: 29 },
      { field: "podsCidr", cidr: props.podsCidr, min: 9, max: 24 },
      { field: "servicesCidr", cidr: props.servicesCidr, min: 16, max: 28 },
    ];
    ranges.forEach(({ field, cidr, min, max }, i) => {
      v.privateCidr(field, cidr, { minPrefix: min, maxPrefix: max, why: "GKE limits" });
      for (const other of ranges.slice(0, i)) {
        v.check(!overlaps(other.cidr, cidr), field, cidr, `must not overlap ${other.field} ${other.cidr}`);
      }
    });
    v.throwIfInvalid();

    this.podsRangeName = resourceName(props.name, "pods");
    this.servicesRangeName = resourceName(props.name, "services");
    this.subnet = new ComputeSubnetwork(this, "subnet", {
      name: props.name,
      project: props.project,
      region: props.region,
      network: props.network.id,
      ipCidrRange: props.nodesCidr,
      description: "GKE nodes, with secondary ranges for pods and services",
      privateIpGoogleAccess: true,
      secondaryIpRange: [
        { rangeName: this.podsRangeName, ipCidrRange: props.podsCidr },
        { rangeName: this.servicesRangeName, ipCidrRange: props.servicesCidr },
      ],
    });
    this.id = this.subnet.id;
    this.selfLink = this.subnet.selfLink;
    this.name = this.subnet.name;
  }
}
