import { ComputeSubnetwork } from "@cdktf/provider-google/lib/compute-subnetwork";
import { Construct } from "constructs";
import { nameRoomFor, PREFIX_LIMITS } from "../core/limits";
import { resourceName } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";
import { flowLogConfig, INetwork, ISubnetwork } from "./vpc-network";

export interface GkeSubnetProps {
  /** Network the subnet belongs to. */
  readonly network: INetwork;
  /** Name of the subnet; the secondary ranges are `<name>-pods` and `<name>-services`. */
  readonly name: string;
  /** Region of the subnet (the cluster's region). */
  readonly region: string;
  /** Primary range: node addresses. */
  readonly nodesCidr: string;
  /** Secondary range for pod addresses (GKE: /9 to /24); each node takes a block of it. */
  readonly podsCidr: string;
  /** Secondary range for ClusterIP services (GKE: /16 to /28). */
  readonly servicesCidr: string;
  /** Project of the subnet. @default - the provider's project */
  readonly project?: string;
  /**
   * Share of the sampled flows VPC Flow Logs reports, 0 to 1 (0 turns flow
   * logs off): the nodes' flows to the PSC endpoint show up here.
   * @default 0.5 - half of the flows, with all metadata (pod and service names)
   */
  readonly flowLogSampling?: number;
}

/** A subnet a VPC-native GKE cluster can use: its secondary ranges, by name. */
export interface IGkeSubnet extends ISubnetwork {
  /** Name of the secondary range for pods. */
  readonly podsRangeName: string;
  /** The pod range, when known: lets the cluster check it holds its nodes. */
  readonly podsCidr?: string;
  /** Name of the secondary range for services. */
  readonly servicesRangeName: string;
}

/**
 * The node subnet of a VPC-native GKE cluster, with secondary ranges for pods
 * and services, Private Google Access (private nodes reach Google APIs
 * without external addresses) and VPC flow logs.
 */
export class GkeSubnet extends Construct implements IGkeSubnet {
  /** Longest `name` accepted: GCP\'s 63 characters less the longest suffix added. */
  static readonly MAX_NAME_LENGTH = nameRoomFor("-services");

  /** Records every problem with the props in `v`. */
  static validate(props: GkeSubnetProps, v: PropsValidator): void {
    v.gcpName("name", props.name, GkeSubnet.MAX_NAME_LENGTH, "to leave room for '-services'");
    v.gcpRegion("region", props.region);
    const ranges = [
      { field: "nodesCidr", cidr: props.nodesCidr, limit: PREFIX_LIMITS.gcpSubnet },
      { field: "podsCidr", cidr: props.podsCidr, limit: PREFIX_LIMITS.gkePods },
      { field: "servicesCidr", cidr: props.servicesCidr, limit: PREFIX_LIMITS.gkeServices },
    ];
    ranges.forEach(({ field, cidr, limit }, i) => {
      v.privateCidr(field, cidr, limit);
      for (const other of ranges.slice(0, i)) {
        v.noOverlap(field, cidr, other.field, other.cidr);
      }
    });
    v.logSampling("flowLogSampling", props.flowLogSampling);
  }

  readonly subnet: ComputeSubnetwork;
  readonly id: string;
  readonly selfLink: string;
  readonly name: string;
  readonly ipCidrRange: string;
  readonly podsRangeName: string;
  readonly servicesRangeName: string;
  readonly podsCidr: string;

  constructor(scope: Construct, id: string, props: GkeSubnetProps) {
    super(scope, id);
    validateProps(this, "GkeSubnet", (v) => GkeSubnet.validate(props, v));

    this.ipCidrRange = props.nodesCidr;
    this.podsCidr = props.podsCidr;
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
      logConfig: flowLogConfig(props.flowLogSampling),
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
