import { ComputeNetwork } from "@cdktf/provider-google/lib/compute-network";
import { ComputeSubnetwork, ComputeSubnetworkLogConfig } from "@cdktf/provider-google/lib/compute-subnetwork";
import { Construct } from "constructs";
import { PREFIX_LIMITS } from "../core/limits";
import { PropsValidator, validateProps } from "../core/validation";

/**
 * A GCP VPC network, as the constructs that use one need it: a network made
 * here, one from another stack (its attributes become remote-state
 * references) or an imported one (`{ id, selfLink, name }`) all fit.
 */
export interface INetwork {
  readonly id: string;
  readonly selfLink: string;
  readonly name: string;
}

/** A GCP subnetwork. `ComputeSubnetwork` and the subnet constructs satisfy it. */
export interface ISubnetwork {
  readonly id: string;
  readonly selfLink: string;
  readonly name: string;
  /** The primary range, when known: lets constructs check addresses that must lie inside it. */
  readonly ipCidrRange?: string;
}

export interface VpcNetworkProps {
  /** Name of the VPC network. */
  readonly name: string;
  /** Project of the network. @default - the provider's project */
  readonly project?: string;
  /**
   * Dynamic routing mode. Hybrid NEGs reached over Cloud VPN need GLOBAL
   * (Google Cloud docs, "Hybrid connectivity NEGs: network requirements").
   * @default "GLOBAL"
   */
  readonly routingMode?: "GLOBAL" | "REGIONAL";
  /** Why the network exists. @default - none */
  readonly description?: string;
}

/** A subnet's flow log settings when its props leave them out. */
export const SUBNET_FLOW_LOG_DEFAULTS = { sampling: 0.5 } as const;

/**
 * The `log_config` of a subnet carrying traffic of the path: VPC flow logs,
 * sampled, with all metadata (for GKE nodes the records then name the
 * cluster, pod and service at each end: "About VPC Flow Logs records").
 * 0 turns them off.
 */
export function flowLogConfig(sampling: number = SUBNET_FLOW_LOG_DEFAULTS.sampling): ComputeSubnetworkLogConfig | undefined {
  return sampling === 0 ? undefined : { flowSampling: sampling, metadata: "INCLUDE_ALL_METADATA" };
}

export interface SubnetProps {
  /** Name of the subnet. */
  readonly name: string;
  /** Region of the subnet. */
  readonly region: string;
  /** Primary IPv4 range (private, /8 to /29). */
  readonly ipCidrRange: string;
  /** Why the subnet exists. @default - none */
  readonly description?: string;
  /**
   * Share of the sampled flows VPC Flow Logs reports, 0 to 1 (0 turns flow
   * logs off): what to read when a connection does not get through.
   * @default 0.5 - half of the flows, with all metadata (Google's default rate)
   */
  readonly flowLogSampling?: number;
}

/** A custom-mode GCP VPC network (no auto subnets) to which subnets are added. */
export class VpcNetwork extends Construct implements INetwork {
  /** Records every problem with the props in `v`. */
  static validate(props: VpcNetworkProps, v: PropsValidator): void {
    v.gcpName("name", props.name);
  }

  /** Records every problem with a subnet's props in `v`. */
  static validateSubnet(props: SubnetProps, v: PropsValidator): void {
    v.gcpName("name", props.name);
    v.gcpRegion("region", props.region);
    v.privateCidr("ipCidrRange", props.ipCidrRange, PREFIX_LIMITS.gcpSubnet);
    v.logSampling("flowLogSampling", props.flowLogSampling);
  }

  /** The network resource. */
  readonly network: ComputeNetwork;
  readonly id: string;
  readonly selfLink: string;
  readonly name: string;
  private readonly project?: string;

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    validateProps(this, "VpcNetwork", (v) => VpcNetwork.validate(props, v));

    this.project = props.project;
    this.network = new ComputeNetwork(this, "network", {
      name: props.name,
      project: props.project,
      description: props.description,
      autoCreateSubnetworks: false,
      routingMode: props.routingMode ?? "GLOBAL",
    });
    this.id = this.network.id;
    this.selfLink = this.network.selfLink;
    this.name = this.network.name;
  }

  /**
   * Adds a regular subnet with Private Google Access and VPC flow logs on.
   * @param id - construct id of the subnet (stable: changing it replaces the subnet)
   */
  addSubnet(id: string, props: SubnetProps): ISubnetwork & { readonly subnet: ComputeSubnetwork } {
    validateProps(this, "VpcNetwork", (v) => VpcNetwork.validateSubnet(props, v), `VpcNetwork ${this.node.path} subnet ${id}`);
    const subnet = new ComputeSubnetwork(this, id, {
      name: props.name,
      project: this.project,
      region: props.region,
      network: this.network.id,
      ipCidrRange: props.ipCidrRange,
      description: props.description,
      privateIpGoogleAccess: true,
      logConfig: flowLogConfig(props.flowLogSampling),
    });
    return { subnet, id: subnet.id, selfLink: subnet.selfLink, name: subnet.name, ipCidrRange: props.ipCidrRange };
  }
}
