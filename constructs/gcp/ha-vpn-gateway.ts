import { ComputeHaVpnGateway } from "@cdktf/provider-google/lib/compute-ha-vpn-gateway";
import { Construct } from "constructs";
import { PropsValidator, validateProps } from "../core/validation";
import { INetwork } from "./vpc-network";

export interface HaVpnGatewayProps {
  /** Network the gateway serves. */
  readonly network: INetwork;
  /** Name of the gateway. */
  readonly name: string;
  /** Region of the gateway. */
  readonly region: string;
  /** Project of the gateway. @default - the provider's project */
  readonly project?: string;
  /**
   * Refuse `terraform destroy` (and replacement) of the gateway: a new
   * gateway has new public IPs, so every peer's gateway and VPN
   * connection behind it would be replaced too.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/** What a tunnel needs from an HA VPN gateway: one made here, in another stack, or elsewhere. */
export interface IHaVpnGateway {
  readonly id: string;
  readonly selfLink: string;
}

/**
 * An HA VPN gateway: two interfaces, each with its own public IP, for the
 * 99.99% SLA when both have tunnels to a redundant peer.
 */
export class HaVpnGateway extends Construct implements IHaVpnGateway {
  /** The gateway resource. */
  readonly gateway: ComputeHaVpnGateway;
  readonly id: string;
  readonly selfLink: string;
  /** Public IPs of interface 0 and interface 1: what the peer configures as this side's addresses (for AWS, the customer gateways). */
  readonly interfaceIps: readonly [string, string];

  /** Records every problem with the props in `v`. */
  static validate(props: HaVpnGatewayProps, v: PropsValidator): void {
    v.gcpName("name", props.name);
    v.gcpRegion("region", props.region);
  }

  constructor(scope: Construct, id: string, props: HaVpnGatewayProps) {
    super(scope, id);
    validateProps(this, "HaVpnGateway", (v) => HaVpnGateway.validate(props, v));

    this.gateway = new ComputeHaVpnGateway(this, "gateway", {
      name: props.name,
      project: props.project,
      region: props.region,
      network: props.network.id,
      stackType: "IPV4_ONLY",
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.id = this.gateway.id;
    this.selfLink = this.gateway.selfLink;
    this.interfaceIps = [this.gateway.vpnInterfaces.get(0).ipAddress, this.gateway.vpnInterfaces.get(1).ipAddress];
  }
}
