import { ComputeRouterInterface } from "@cdktf/provider-google/lib/compute-router-interface";
import { ComputeRouterPeer } from "@cdktf/provider-google/lib/compute-router-peer";
import { ComputeVpnTunnel } from "@cdktf/provider-google/lib/compute-vpn-tunnel";
import { Construct } from "constructs";
import { isPrivateAsn, PRIVATE_ASN_RULE } from "../core/asn";
import { canonicalCidr, containsIp, isIpv4, nthAddress } from "../core/cidr";
import { resourceName } from "../core/names";
import { isToken, PropsValidator } from "../core/validation";
import { ICloudRouter } from "./cloud-router-bgp";
import { IExternalVpnGateway } from "./external-vpn-gateway";
import { IHaVpnGateway } from "./ha-vpn-gateway";

/** One tunnel of an AWS VPN connection, as the GCP side needs it. */
export interface PeerTunnel {
  /** Interface of the external VPN gateway that holds this tunnel's AWS outside IP (0-3). */
  readonly peerInterface: number;
  /**
   * Pre-shared key. Must be a reference to another resource's attribute
   * (the AWS VPN connection's tunnel key), never a literal, so that it is
   * never written into synthesized JSON.
   */
  readonly sharedSecret: string;
  /** GCP side (AWS "customer gateway") inside address of the tunnel, e.g. 169.254.10.2. */
  readonly insideAddress: string;
  /** AWS side (AWS "virtual private gateway") inside address: the BGP peer, e.g. 169.254.10.1. */
  readonly peerInsideAddress: string;
  /**
   * Priority (MED) of the routes advertised on this tunnel's session; lower
   * is preferred. Higher values on some sessions make them passive.
   * @default - the pair's `advertisedRoutePriority`
   */
  readonly advertisedRoutePriority?: number;
}

export interface VpnTunnelPairProps {
  /** Name prefix of the pair's resources (`<name>-tunnel-1`, `<name>-if-1`, `<name>-peer-1`, ...). */
  readonly name: string;
  /** Cloud Router holding the interfaces and BGP sessions. */
  readonly router: ICloudRouter;
  /** HA VPN gateway the tunnels start from. */
  readonly haVpnGateway: IHaVpnGateway;
  /** HA VPN gateway interface (0 or 1) both tunnels use: one AWS VPN connection per interface. */
  readonly haInterface: number;
  /** Peer gateway holding the AWS outside IPs. */
  readonly peerGateway: IExternalVpnGateway;
  /** BGP ASN of the AWS side (virtual private gateway or transit gateway). */
  readonly peerAsn: number;
  /** The connection's two tunnels. */
  readonly tunnels: readonly [PeerTunnel, PeerTunnel];
  /** Base priority (MED) of the routes advertised on both sessions; lower is preferred. @default 100 */
  readonly advertisedRoutePriority?: number;
  /** Project of the resources. @default - the provider's project */
  readonly project?: string;
}

/**
 * The GCP side of one AWS Site-to-Site VPN connection: two IKEv2 tunnels from
 * one HA VPN interface, two Cloud Router interfaces with the AWS inside
 * addresses, two BGP sessions. Two pairs (one per HA VPN interface) make the
 * four-tunnel topology of the 99.99% SLA.
 */
export class VpnTunnelPair extends Construct {
  /** Longest `name` accepted: GCP\'s 63 characters less the longest suffix added. */
  static readonly MAX_NAME_LENGTH = 54;

  /** The two tunnels, in the order of `tunnels`. */
  readonly tunnels: readonly ComputeVpnTunnel[];
  /** The two BGP sessions, in the order of `tunnels`. */
  readonly bgpPeers: readonly ComputeRouterPeer[];

  constructor(scope: Construct, id: string, props: VpnTunnelPairProps) {
    super(scope, id);
    const priority = props.advertisedRoutePriority ?? 100;
    const v = new PropsValidator(`VpnTunnelPair ${this.node.path}`);
    v.gcpName("name", props.name, VpnTunnelPair.MAX_NAME_LENGTH, "to leave room for '-tunnel-1'");
    v.check(props.haInterface === 0 || props.haInterface === 1, "haInterface", props.haInterface, "must be 0 or 1 (an HA VPN gateway has two interfaces)");
    v.check(isPrivateAsn(props.peerAsn), "peerAsn", props.peerAsn, PRIVATE_ASN_RULE);
    v.check(props.peerAsn !== props.router.asn, "peerAsn", props.peerAsn, `must differ from the router's ASN ${props.router.asn} (eBGP)`);
    v.check(isPriority(priority), "advertisedRoutePriority", priority, "must be a whole number 0-65535");
    v.check(props.tunnels.length === 2, "tunnels", `${props.tunnels.length} tunnels`, "must list exactly 2 tunnels (one AWS VPN connection)");
    v.check(
      props.tunnels.length !== 2 || props.tunnels[0].peerInterface !== props.tunnels[1].peerInterface,
      "tunnels[1].peerInterface",
      props.tunnels[1]?.peerInterface,
      "must differ from tunnels[0].peerInterface",
    );
    props.tunnels.forEach((t, i) => {
      v.check([0, 1, 2, 3].includes(t.peerInterface), `tunnels[${i}].peerInterface`, t.peerInterface, "must be 0-3");
      if (t.advertisedRoutePriority !== undefined) {
        v.check(isPriority(t.advertisedRoutePriority), `tunnels[${i}].advertisedRoutePriority`, t.advertisedRoutePriority, "must be a whole number 0-65535");
      }
      // A literal key would be written into cdk.tf.json and the snapshots.
      if (!isToken(t.sharedSecret)) {
        v.fail(`tunnels[${i}].sharedSecret`, "a literal string (hidden)", "must be a reference to a resource attribute (e.g. the AWS VPN connection's tunnel1PresharedKey), so no key is written into synthesized JSON");
      }
      for (const key of ["insideAddress", "peerInsideAddress"] as const) {
        v.check(isIpv4(t[key]) && containsIp("169.254.0.0/16", t[key]), `tunnels[${i}].${key}`, t[key], "must be an address in 169.254.0.0/16");
      }
      // Both ends of one BGP session sit on the two host addresses of the tunnel's inside /30.
      const inside = canonicalCidr(`${t.insideAddress}/30`);
      if (inside !== undefined && isIpv4(t.peerInsideAddress)) {
        const hosts = [nthAddress(inside, 1), nthAddress(inside, 2)];
        v.check(hosts.includes(t.insideAddress), `tunnels[${i}].insideAddress`, t.insideAddress, `must be a host address of its /30 ${inside} (${hosts.join(" or ")})`);
        v.check(
          hosts.includes(t.peerInsideAddress) && t.peerInsideAddress !== t.insideAddress,
          `tunnels[${i}].peerInsideAddress`,
          t.peerInsideAddress,
          `must be the other host address of insideAddress's /30 ${inside} (${hosts.filter((h) => h !== t.insideAddress).join(" or ")})`,
        );
      }
    });
    v.throwIfInvalid();

    const common = { project: props.project, region: props.router.region };
    const tunnels: ComputeVpnTunnel[] = [];
    const peers: ComputeRouterPeer[] = [];
    props.tunnels.forEach((t, i) => {
      const n = String(i + 1);
      const tunnel = new ComputeVpnTunnel(this, `tunnel-${n}`, {
        ...common,
        name: resourceName(props.name, "tunnel", n),
        vpnGateway: props.haVpnGateway.id,
        vpnGatewayInterface: props.haInterface,
        peerExternalGateway: props.peerGateway.id,
        peerExternalGatewayInterface: t.peerInterface,
        router: props.router.name,
        // AWS and Cloud VPN agree on IKEv2; IKEv1 is weaker and rekeys worse.
        ikeVersion: 2,
        sharedSecret: t.sharedSecret,
      });
      const routerInterface = new ComputeRouterInterface(this, `interface-${n}`, {
        ...common,
        name: resourceName(props.name, "if", n),
        router: props.router.name,
        // AWS inside CIDRs are /30s: the GCP side takes the customer gateway address.
        ipRange: `${t.insideAddress}/30`,
        vpnTunnel: tunnel.name,
      });
      peers.push(
        new ComputeRouterPeer(this, `peer-${n}`, {
          ...common,
          name: resourceName(props.name, "peer", n),
          router: props.router.name,
          interface: routerInterface.name,
          peerIpAddress: t.peerInsideAddress,
          peerAsn: props.peerAsn,
          advertisedRoutePriority: t.advertisedRoutePriority ?? priority,
        }),
      );
      tunnels.push(tunnel);
    });
    this.tunnels = tunnels;
    this.bgpPeers = peers;
  }
}

function isPriority(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 65535;
}
