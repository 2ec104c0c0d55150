import { ComputeNetwork } from "@cdktf/provider-google/lib/compute-network";
import { ComputeSubnetwork } from "@cdktf/provider-google/lib/compute-subnetwork";
import { Construct } from "constructs";
import { PropsValidator } from "../lib/validation";
import { INetwork } from "./refs";

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

/** A custom-mode GCP VPC network (no auto subnets) to which subnets are added. */
export class VpcNetwork extends Construct implements INetwork {
  /** The network resource. */
  readonly network: ComputeNetwork;
  readonly id: string;
  readonly selfLink: string;
  readonly name: string;
  private readonly project?: string;

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    const v = new PropsValidator(`VpcNetwork ${this.node.path}`);
    v.gcpName("name", props.name);
    v.throwIfInvalid();

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
   * Adds a regular subnet with Private Google Access on.
   * @param id construct id of the subnet (stable: changing it replaces the subnet)
   */
  addSubnet(id: string, props: SubnetProps): ComputeSubnetwork {
    const v = new PropsValidator(`VpcNetwork ${this.node.path} subnet ${id}`);
    v.gcpName("name", props.name);
    v.privateCidr("ipCidrRange", props.ipCidrRange, { minPrefix: 8, maxPrefix: 29, why: "GCP subnet sizes" });
    v.throwIfInvalid();
    return new ComputeSubnetwork(this, id, {
      name: props.name,
      project: this.project,
      region: props.region,
      network: this.network.id,
      ipCidrRange: props.ipCidrRange,
      description: props.description,
      privateIpGoogleAccess: true,
    });
  }
}

export interface SubnetProps {
  /** Name of the subnet. */
  readonly name: string;
  /** Region of the subnet. */
  readonly region: string;
  /** Primary IPv4 range. */
  readonly ipCidrRange: string;
  /** Why the subnet exists. @default - none */
  readonly description?: string;
}
