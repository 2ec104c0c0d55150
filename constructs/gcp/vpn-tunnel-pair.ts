import { ComputeRouterInterface } from "@cdktf/provider-google/lib/compute-router-interface";
import { ComputeRouterPeer } from "@cdktf/provider-google/lib/compute-router-peer";
import { ComputeVpnTunnel } from "@cdktf/provider-google/lib/compute-vpn-tunnel";
import { Construct } from "constructs";
import { canonicalCidr, containsIp, isIpv4, nthAddress } from "../core/cidr";
import { BGP_ROUTE_PRIORITY, nameRoomFor, TUNNEL_INSIDE_RANGE } from "../core/limits";
import { Described } from "../core/errors";
import { replaceTriggeredBy } from "../core/lifecycle";
import { resourceName } from "../core/names";
import { isToken, PropsValidator, validateProps } from "../core/validation";
import { ICloudRouter } from "./cloud-router-bgp";
import { IExternalVpnGateway, peerInterfaceCount } from "./external-vpn-gateway";
import { IHaVpnGateway } from "./ha-vpn-gateway";

/** Interfaces of an HA VPN gateway: it has two. */
const HA_VPN_INTERFACES = [0, 1] as const;

/** One tunnel from an HA VPN interface to an interface of the peer gateway, and its BGP session. */
export interface PeerTunnel {
  /** HA VPN gateway interface the tunnel starts from: 0 or 1. */
  readonly haInterface: number;
  /**
   * Peer gateway interface the tunnel ends on: 0 for a
   * SINGLE_IP_INTERNALLY_REDUNDANT peer, 0 or 1 for TWO_IPS_REDUNDANCY, 0-3
   * for FOUR_IPS_REDUNDANCY.
   */
  readonly peerInterface: number;
  /**
   * Pre-shared key. Must be a reference to another resource's attribute (a
   * key the peer generates, such as an AWS VPN connection's tunnel key, or a
   * secret read from a secret store), never a literal, so that it is never
   * written into synthesized JSON.
   */
  readonly sharedSecret: string;
  /** Cloud Router's end of the BGP session: a host address of the tunnel's inside /30 in 169.254.0.0/16, e.g. 169.254.10.2 (AWS: the customer gateway inside address). */
  readonly insideAddress: string;
  /** The peer's end of the BGP session: the other host address of the same /30, e.g. 169.254.10.1 (AWS: the virtual private gateway inside address). */
  readonly peerInsideAddress: string;
  /**
   * Priority (MED) of the routes advertised on this tunnel's session; lower
   * is preferred. Higher values on some sessions make them passive.
   * @default - the pair's `advertisedRoutePriority`
   */
  readonly advertisedRoutePriority?: number;
}

/** Props of VpnTunnelPair: the gateways and router it joins, and its two tunnels. */
export interface VpnTunnelPairProps {
  /** Name prefix of the pair's resources (`<name>-tunnel-1`, `<name>-if-1`, `<name>-peer-1`, ...). */
  readonly name: string;
  /** Cloud Router holding the interfaces and BGP sessions. */
  readonly router: ICloudRouter;
  /** HA VPN gateway the tunnels start from. */
  readonly haVpnGateway: IHaVpnGateway;
  /** Peer gateway the tunnels end on; its redundancy type says which peer interfaces exist. */
  readonly peerGateway: IExternalVpnGateway;
  /** BGP ASN of the peer, public or private, and not the router's (the two sides speak eBGP). */
  readonly peerAsn: number;
  /** The two tunnels, each with the HA interface and the peer interface it joins. */
  readonly tunnels: readonly [PeerTunnel, PeerTunnel];
  /** Priority (MED) of the routes advertised on both sessions, unless a tunnel sets its own; lower is preferred. @default 100 */
  readonly advertisedRoutePriority?: number;
  /** Project of the resources. @default - the provider's project */
  readonly project?: string;
}

/**
 * Two HA VPN tunnels to one peer gateway (any peer: on-premises devices,
 * another cloud), each with its Cloud Router interface and BGP session. Each
 * tunnel names the HA VPN interface it starts from and the peer interface it
 * ends on, so this one construct builds the common HA VPN topologies
 * (Google Cloud docs, "HA VPN topologies"):
 *
 * - a peer with two interfaces (TWO_IPS_REDUNDANCY: two devices, or one with
 *   two public IPs): HA interface 0 to peer interface 0, HA interface 1 to
 *   peer interface 1;
 * - a peer with one interface (SINGLE_IP_INTERNALLY_REDUNDANT): HA interfaces
 *   0 and 1 both to peer interface 0;
 * - AWS (FOUR_IPS_REDUNDANCY): one pair per HA interface, its two tunnels to
 *   the two tunnels of one AWS VPN connection (HA interface i to peer
 *   interfaces 2i and 2i+1); `HaVpnToAws` builds both pairs and the peer gateway.
 *
 * One construct rather than one per topology: the topologies make the same
 * resources and differ only in which interfaces each tunnel joins, which is
 * data of the tunnel. The 99.99% SLA needs tunnels from both HA interfaces
 * (from this pair alone, or from two pairs together).
 */
export class VpnTunnelPair extends Construct {
  /** Longest `name` accepted: GCP's 63 characters less the longest suffix added. */
  static readonly MAX_NAME_LENGTH = nameRoomFor("-tunnel-1");
  /** Route priority (MED) of a session when neither the tunnel nor the pair sets one. */
  static readonly DEFAULT_ROUTE_PRIORITY = 100;

  /** Records every problem with the props in `v`. */
  static validate(props: VpnTunnelPairProps, v: PropsValidator): void {
    v.gcpName("name", props.name, VpnTunnelPair.MAX_NAME_LENGTH, "to leave room for '-tunnel-1'");
    checkPeerAsn(v, props.peerAsn, props.router.asn);
    if (props.advertisedRoutePriority !== undefined) checkRoutePriority(v, "advertisedRoutePriority", props.advertisedRoutePriority);
    v.check(props.tunnels.length === 2, "tunnels", props.tunnels, "must list exactly 2 tunnels");
    props.tunnels.forEach((t, i) => {
      const at = `tunnels[${i}]`;
      v.check((HA_VPN_INTERFACES as readonly number[]).includes(t.haInterface), `${at}.haInterface`, t.haInterface, "must be 0 or 1 (an HA VPN gateway has two interfaces)");
      checkPeerInterface(v, `${at}.peerInterface`, t.peerInterface, "peerGateway", props.peerGateway.redundancyType);
      if (t.advertisedRoutePriority !== undefined) checkRoutePriority(v, `${at}.advertisedRoutePriority`, t.advertisedRoutePriority);
      checkSharedSecret(v, `${at}.sharedSecret`, t.sharedSecret);
      checkBgpAddresses(v, `${at}.insideAddress`, t.insideAddress, `${at}.peerInsideAddress`, t.peerInsideAddress);
    });
    const [a, b] = props.tunnels;
    if (a !== undefined && b !== undefined) {
      // Each BGP session needs a link of its own: Cloud Router refuses two interfaces in one /30.
      const links = [a, b].map((t) => (isToken(t.insideAddress) || !isIpv4(t.insideAddress) ? undefined : canonicalCidr(`${t.insideAddress}/30`)));
      v.check(links[0] === undefined || links[0] !== links[1], "tunnels[1].insideAddress", b.insideAddress, `must be in another /30 than ${v.name("tunnels[0].insideAddress")} (${links[0]}): each BGP session needs a link of its own`, {
        involves: ["tunnels[0].insideAddress"],
      });
      if (a.haInterface !== b.haInterface && a.peerInterface === b.peerInterface && props.peerGateway.redundancyType === "TWO_IPS_REDUNDANCY") {
        v.warn("tunnels[1].peerInterface", b.peerInterface, `is the peer interface of ${v.name("tunnels[0].peerInterface")} too: the peer's other interface carries no tunnel, so the pair is not the 99.99% topology`, {
          fix: `end one tunnel on peer interface ${1 - b.peerInterface}`,
          involves: ["tunnels[0].peerInterface"],
        });
      }
    }
    if (a !== undefined && b !== undefined && a.haInterface === b.haInterface) {
      v.check(
        b.peerInterface !== a.peerInterface,
        "tunnels[1].peerInterface",
        b.peerInterface,
        `must differ from ${v.name("tunnels[0].peerInterface")} when both tunnels start from HA interface ${b.haInterface} (two tunnels between the same two interfaces share every point of failure)`,
        { fix: "end it on another peer interface, or start it from the other HA interface", involves: ["tunnels[0].peerInterface", "tunnels[0].haInterface", "tunnels[1].haInterface"] },
      );
    }
  }

  /** The two tunnels, in the order of `tunnels`. */
  readonly tunnels: readonly ComputeVpnTunnel[];
  /** The two Cloud Router interfaces, in the order of `tunnels`. */
  readonly routerInterfaces: readonly ComputeRouterInterface[];
  /** The two BGP sessions, in the order of `tunnels`. */
  readonly bgpPeers: readonly ComputeRouterPeer[];

  constructor(scope: Construct, id: string, props: VpnTunnelPairProps) {
    super(scope, id);
    validateProps(this, "VpnTunnelPair", (v) => VpnTunnelPair.validate(props, v));
    const priority = props.advertisedRoutePriority ?? VpnTunnelPair.DEFAULT_ROUTE_PRIORITY;

    const common = { project: props.project, region: props.router.region };
    const tunnels: ComputeVpnTunnel[] = [];
    const routerInterfaces: ComputeRouterInterface[] = [];
    const peers: ComputeRouterPeer[] = [];
    props.tunnels.forEach((t, i) => {
      const n = String(i + 1);
      const tunnel = new ComputeVpnTunnel(this, `tunnel-${n}`, {
        ...common,
        name: resourceName(props.name, "tunnel", n),
        vpnGateway: props.haVpnGateway.id,
        vpnGatewayInterface: t.haInterface,
        peerExternalGateway: props.peerGateway.id,
        peerExternalGatewayInterface: t.peerInterface,
        router: props.router.name,
        // IKEv2 only: IKEv1 is weaker and rekeys worse. The peer must offer IKEv2.
        ikeVersion: 2,
        sharedSecret: t.sharedSecret,
      });
      const routerInterface = new ComputeRouterInterface(this, `interface-${n}`, {
        ...common,
        name: resourceName(props.name, "if", n),
        router: props.router.name,
        // The session's two ends are the two host addresses of one /30: Cloud Router takes insideAddress.
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
          // A replaced interface (new inside range) must take its peer with it: Google refuses the new
          // interface while the old peer's address lies outside it, and the provider would only update
          // peer_ip_address in place (hashicorp/terraform #29594; terraform-google-vpn replaces the peer too).
          lifecycle: { replaceTriggeredBy: replaceTriggeredBy(routerInterface) },
        }),
      );
      tunnels.push(tunnel);
      routerInterfaces.push(routerInterface);
    });
    this.tunnels = tunnels;
    this.routerInterfaces = routerInterfaces;
    this.bgpPeers = peers;
  }
}

// The rules of one tunnel and its session, shared with the constructs that
// build tunnel pairs from values of their own (HaVpnToAws), so that each rule
// has one wording whichever prop carries the value.

/** The peer's ASN: any ASN (an on-prem peer may have a public one), and not the router's (`router.asn`), since the two sides speak eBGP. */
function checkPeerAsn(v: PropsValidator, peerAsn: number, routerAsn: number): void {
  v.asn("peerAsn", peerAsn);
  v.ebgpPeer("peerAsn", peerAsn, "router.asn", routerAsn);
}

/** A route priority (MED) of a BGP session. */
export function checkRoutePriority(v: PropsValidator, field: string, priority: number): void {
  const { min, max } = BGP_ROUTE_PRIORITY;
  v.check(Number.isInteger(priority) && priority >= min && priority <= max, field, priority, `must be a whole number ${min}-${max}`);
}

/**
 * A peer interface against the redundancy type of the peer gateway
 * (`gatewayField`): 0; 0 or 1; 0-3. When the type is known only at apply,
 * only 0-3 (the most any type has) is checked.
 */
function checkPeerInterface(v: PropsValidator, field: string, peerInterface: number, gatewayField: string, redundancyType: string): void {
  const count = peerInterfaceCount(redundancyType);
  const isWhole = Number.isInteger(peerInterface) && peerInterface >= 0;
  if (count === undefined) {
    v.check(isWhole && peerInterface <= 3, field, peerInterface, "must be 0-3 (a peer gateway has at most 4 interfaces)");
    return;
  }
  const allowed = count === 1 ? "0" : count === 2 ? "0 or 1" : `0-${count - 1}`;
  v.check(isWhole && peerInterface < count, field, peerInterface, `must be ${allowed} (${v.name(gatewayField)} is ${redundancyType}: ${count} interface${count === 1 ? "" : "s"})`, {
    fix: count === 1 ? "use 0: both HA interfaces reach a one-IP peer on its interface 0" : undefined,
    involves: [gatewayField],
  });
}

/** A pre-shared key must be a reference; the literal is never printed. */
export function checkSharedSecret(v: PropsValidator, field: string, secret: string): void {
  // A literal key would be written into cdk.tf.json and the snapshots.
  if (!isToken(secret)) {
    v.fail(
      field,
      new Described("a literal string (hidden)"),
      "must be a reference to a resource attribute (e.g. the AWS VPN connection's tunnel1PresharedKey, or a secret version's data), so no key is written into synthesized JSON",
    );
  }
}

/** The two ends of one BGP session: link-local, and the two host addresses of one /30. */
export function checkBgpAddresses(v: PropsValidator, insideField: string, insideAddress: string, peerField: string, peerInsideAddress: string): void {
  v.check(isIpv4(insideAddress) && containsIp(TUNNEL_INSIDE_RANGE, insideAddress), insideField, insideAddress, `must be an address in ${TUNNEL_INSIDE_RANGE}`);
  v.check(isIpv4(peerInsideAddress) && containsIp(TUNNEL_INSIDE_RANGE, peerInsideAddress), peerField, peerInsideAddress, `must be an address in ${TUNNEL_INSIDE_RANGE}`);
  const inside = isToken(insideAddress) ? undefined : canonicalCidr(`${insideAddress}/30`);
  if (inside === undefined || !isIpv4(peerInsideAddress)) return;
  const hosts = [nthAddress(inside, 1), nthAddress(inside, 2)];
  v.check(hosts.includes(insideAddress), insideField, insideAddress, `must be a host address of its /30 ${inside} (${hosts.join(" or ")})`);
  v.check(
    hosts.includes(peerInsideAddress) && peerInsideAddress !== insideAddress,
    peerField,
    peerInsideAddress,
    `must be the other host address of ${v.name(insideField)}'s /30 ${inside} (${hosts.filter((h) => h !== insideAddress).join(" or ")})`,
    { involves: [insideField] },
  );
}
