import { ComputeExternalVpnGateway } from "@cdktf/provider-google/lib/compute-external-vpn-gateway";
import { Construct } from "constructs";
import { isIpv4 } from "../core/cidr";
import { PropsValidator } from "../core/validation";

export interface ExternalVpnGatewayProps {
  /** Name of the gateway. */
  readonly name: string;
  /**
   * Public IPs of the peer's VPN endpoints: 1, 2 or 4. For AWS, the outside
   * IPs of two VPN connections' tunnels, in the order connection 1 tunnel 1,
   * connection 1 tunnel 2, connection 2 tunnel 1, connection 2 tunnel 2.
   */
  readonly interfaceIps: readonly string[];
  /** Why the gateway exists. @default - none */
  readonly description?: string;
  /** Project of the gateway. @default - the provider's project */
  readonly project?: string;
}

/** What a tunnel needs from a peer gateway. */
export interface IExternalVpnGateway {
  readonly id: string;
  readonly selfLink: string;
}

const REDUNDANCY: Record<number, string> = {
  1: "SINGLE_IP_INTERNALLY_REDUNDANT",
  2: "TWO_IPS_REDUNDANCY",
  4: "FOUR_IPS_REDUNDANCY",
};

/**
 * The peer side of HA VPN as GCP sees it. The redundancy type follows the
 * number of interfaces; AWS's two VPN connections give four.
 */
export class ExternalVpnGateway extends Construct implements IExternalVpnGateway {
  /** The gateway resource. */
  readonly gateway: ComputeExternalVpnGateway;
  readonly id: string;
  readonly selfLink: string;

  constructor(scope: Construct, id: string, props: ExternalVpnGatewayProps) {
    super(scope, id);
    const count = props.interfaceIps.length;
    const v = new PropsValidator(`ExternalVpnGateway ${this.node.path}`);
    v.gcpName("name", props.name);
    v.check(count in REDUNDANCY, "interfaceIps", count, "must list 1, 2 or 4 addresses");
    props.interfaceIps.forEach((ip, i) => v.check(isIpv4(ip), `interfaceIps[${i}]`, ip, "must be an IPv4 address"));
    v.throwIfInvalid();

    this.gateway = new ComputeExternalVpnGateway(this, "gateway", {
      name: props.name,
      project: props.project,
      description: props.description,
      redundancyType: REDUNDANCY[count],
      interface: props.interfaceIps.map((ipAddress, i) => ({ id: i, ipAddress })),
    });
    this.id = this.gateway.id;
    this.selfLink = this.gateway.selfLink;
  }
}
