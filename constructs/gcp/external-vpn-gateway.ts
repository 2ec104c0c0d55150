import { ComputeExternalVpnGateway } from "@cdktf/provider-google/lib/compute-external-vpn-gateway";
import { Construct } from "constructs";
import { isToken, PropsValidator, validateProps } from "../core/validation";

/**
 * How a peer gateway is redundant, as GCP names it: one IP (one device that
 * is redundant internally), two IPs (two devices, or two interfaces of one),
 * or four IPs (two devices with two interfaces each, e.g. AWS's two VPN
 * connections).
 */
export type PeerRedundancyType = "SINGLE_IP_INTERNALLY_REDUNDANT" | "TWO_IPS_REDUNDANCY" | "FOUR_IPS_REDUNDANCY";

/** The number of interfaces of each redundancy type: the peer interfaces a tunnel may use are 0 to this less one. */
export const PEER_INTERFACE_COUNTS: Readonly<Record<PeerRedundancyType, number>> = {
  SINGLE_IP_INTERNALLY_REDUNDANT: 1,
  TWO_IPS_REDUNDANCY: 2,
  FOUR_IPS_REDUNDANCY: 4,
};

/** The redundancy type of a gateway with `count` interfaces; undefined for a count GCP does not offer. */
function redundancyOf(count: number): PeerRedundancyType | undefined {
  return (Object.keys(PEER_INTERFACE_COUNTS) as PeerRedundancyType[]).find((type) => PEER_INTERFACE_COUNTS[type] === count);
}

/**
 * The number of interfaces a peer gateway of `redundancyType` has; undefined
 * when it is not known at synth (a token, e.g. the attribute of a gateway made
 * elsewhere) or not one of GCP's types.
 */
export function peerInterfaceCount(redundancyType: string): number | undefined {
  if (isToken(redundancyType) || !Object.hasOwn(PEER_INTERFACE_COUNTS, redundancyType)) return undefined;
  return PEER_INTERFACE_COUNTS[redundancyType as PeerRedundancyType];
}

/** Props of ExternalVpnGateway. */
export interface ExternalVpnGatewayProps {
  /** Name of the gateway. */
  readonly name: string;
  /**
   * Public IPs of the peer's VPN interfaces, interface 0 first: 1
   * (SINGLE_IP_INTERNALLY_REDUNDANT), 2 (TWO_IPS_REDUNDANCY) or 4
   * (FOUR_IPS_REDUNDANCY). For AWS, the outside IPs of two VPN connections'
   * tunnels, in the order connection 1 tunnel 1, connection 1 tunnel 2,
   * connection 2 tunnel 1, connection 2 tunnel 2 (HaVpnToAws builds it so).
   */
  readonly interfaceIps: readonly string[];
  /** Why the gateway exists. @default - none */
  readonly description?: string;
  /** Project of the gateway. @default - the provider's project */
  readonly project?: string;
}

/**
 * What a tunnel needs from a peer gateway: one made here, in another stack,
 * or elsewhere (a `ComputeExternalVpnGateway` resource has these three).
 */
export interface IExternalVpnGateway {
  readonly id: string;
  readonly selfLink: string;
  /**
   * SINGLE_IP_INTERNALLY_REDUNDANT, TWO_IPS_REDUNDANCY or FOUR_IPS_REDUNDANCY:
   * which peer interfaces exist (0; 0-1; 0-3). A token (a value known only at
   * apply) is accepted; tunnels are then checked against 0-3 only.
   */
  readonly redundancyType: string;
}

/**
 * The peer side of HA VPN as GCP sees it: any peer VPN gateway (on-premises
 * devices, another cloud). The redundancy type follows the number of
 * interfaces: one IP, two IPs, or four (AWS's two VPN connections).
 */
export class ExternalVpnGateway extends Construct implements IExternalVpnGateway {
  /** Records every problem with the props in `v`. */
  static validate(props: ExternalVpnGatewayProps, v: PropsValidator): void {
    const ips = props.interfaceIps;
    v.gcpName("name", props.name);
    v.check(redundancyOf(ips.length) !== undefined, "interfaceIps", ips.length, "must list 1, 2 or 4 addresses");
    ips.forEach((ip, i) => {
      v.ipv4(`interfaceIps[${i}]`, ip);
      const first = ips.indexOf(ip);
      v.check(first === i, `interfaceIps[${i}]`, ip, `must differ from ${v.name(`interfaceIps[${first}]`)} (each interface is its own peer endpoint)`, {
        fix: "list each address once (a peer with one address takes a list of 1)",
        involves: [`interfaceIps[${first}]`],
      });
    });
  }

  /** The gateway resource. */
  readonly gateway: ComputeExternalVpnGateway;
  readonly id: string;
  readonly selfLink: string;
  /** The redundancy type the number of interfaces gives. */
  readonly redundancyType: PeerRedundancyType;
  /** Number of peer interfaces: 1, 2 or 4. */
  readonly interfaceCount: number;

  constructor(scope: Construct, id: string, props: ExternalVpnGatewayProps) {
    super(scope, id);
    validateProps(this, "ExternalVpnGateway", (v) => ExternalVpnGateway.validate(props, v));
    this.interfaceCount = props.interfaceIps.length;
    this.redundancyType = redundancyOf(this.interfaceCount)!;

    this.gateway = new ComputeExternalVpnGateway(this, "gateway", {
      name: props.name,
      project: props.project,
      description: props.description,
      redundancyType: this.redundancyType,
      interface: props.interfaceIps.map((ipAddress, i) => ({ id: i, ipAddress })),
    });
    this.id = this.gateway.id;
    this.selfLink = this.gateway.selfLink;
  }
}
