import { ComputeRouterPeer } from "@cdktf/provider-google/lib/compute-router-peer";
import { ComputeVpnTunnel } from "@cdktf/provider-google/lib/compute-vpn-tunnel";
import { Construct } from "constructs";
import type { IAwsVpnConnections } from "../aws/aws-site-to-site-vpn";
import { resourceName } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";
import { ICloudRouter } from "./cloud-router-bgp";
import { ExternalVpnGateway } from "./external-vpn-gateway";
import { IHaVpnGateway } from "./ha-vpn-gateway";
import { checkBgpAddresses, checkRoutePriority, checkSharedSecret, PeerTunnel, VpnTunnelPair } from "./vpn-tunnel-pair";

/** AWS VPN connections the topology takes: one per HA VPN interface. */
const CONNECTIONS = 2;
/** Tunnels (and BGP sessions) of the topology: two per connection. */
const TUNNELS = CONNECTIONS * 2;

/** Props of HaVpnToAws: the GCP pieces it joins, the AWS end, and the BGP settings. */
export interface HaVpnToAwsProps {
  /**
   * Name prefix: the peer gateway is `<name>`, the tunnel pairs `<name>-1`
   * and `<name>-2` (their resources `<name>-1-tunnel-1`, `<name>-1-if-1`,
   * `<name>-1-peer-1`, ...).
   */
  readonly name: string;
  /** Cloud Router holding the four interfaces and BGP sessions. */
  readonly router: ICloudRouter;
  /** HA VPN gateway the tunnels start from; its interface IPs are the AWS customer gateways' addresses. */
  readonly haVpnGateway: IHaVpnGateway;
  /** The AWS end: two VPN connections, connection i+1 for HA VPN interface i. */
  readonly awsVpn: IAwsVpnConnections;
  /** BGP ASN of the AWS side (the virtual private gateway's or transit gateway's Amazon-side ASN). */
  readonly peerAsn: number;
  /**
   * Route priority (MED) of each of the four BGP sessions, in tunnel order
   * (connection 1 tunnel 1, connection 1 tunnel 2, connection 2 tunnel 1,
   * connection 2 tunnel 2); lower is preferred. Equal values: active/active;
   * `[100, 100, 200, 200]`: HA interface 1 passive.
   * @default - VpnTunnelPair's default priority on every session
   */
  readonly routePriorities?: readonly number[];
  /** Project of the resources. @default - the provider's project */
  readonly project?: string;
}

/**
 * The GCP side of HA VPN to AWS (Google Cloud docs, "Create HA VPN
 * connections between Google Cloud and AWS"): an external VPN gateway holding
 * the outside IPs of AWS's two VPN connections (FOUR_IPS_REDUNDANCY, peer
 * interfaces in the order connection 1 tunnel 1, connection 1 tunnel 2,
 * connection 2 tunnel 1, connection 2 tunnel 2), and two tunnel pairs: HA VPN
 * interface i to AWS connection i+1, whose customer gateway is that
 * interface's IP, on peer interfaces 2i and 2i+1. Four IKEv2 tunnels and four
 * BGP sessions: the topology of the 99.99% SLA.
 *
 * The children's ids (`aws-gateway`, `connection-1`, `connection-2`) name
 * the Terraform resources: changing one replaces live tunnels.
 */
export class HaVpnToAws extends Construct {
  /** Longest `name` accepted: the pairs' limit less the `-1` this construct appends. */
  static readonly MAX_NAME_LENGTH = VpnTunnelPair.MAX_NAME_LENGTH - 2;

  /** Records every problem with the props in `v`. */
  static validate(props: HaVpnToAwsProps, v: PropsValidator): void {
    v.gcpName("name", props.name, HaVpnToAws.MAX_NAME_LENGTH, "to leave room for '-1-tunnel-1'");
    v.ebgpPeer("peerAsn", props.peerAsn, "router.asn", props.router.asn);
    // The Amazon-side ASN of a virtual private gateway or transit gateway is private (AWS Site-to-Site VPN user guide, "Virtual private gateways").
    v.privateAsn("peerAsn", props.peerAsn);
    const connections = props.awsVpn.connections;
    v.check(connections.length === CONNECTIONS, "awsVpn.connections", connections, `must hold exactly ${CONNECTIONS} VPN connections, one per HA VPN interface`, {
      fix: "make the AwsSiteToSiteVpn with both HA VPN interface IPs as peerIps",
    });
    connections.forEach((c, i) =>
      c.tunnels.forEach((t, j) => {
        const at = `awsVpn.connections[${i}].tunnels[${j}]`;
        v.ipv4(`${at}.outsideIp`, t.outsideIp);
        checkSharedSecret(v, `${at}.presharedKey`, t.presharedKey);
        checkBgpAddresses(v, `${at}.cgwInsideAddress`, t.cgwInsideAddress, `${at}.vgwInsideAddress`, t.vgwInsideAddress);
      }),
    );
    const priorities = props.routePriorities;
    if (priorities !== undefined) {
      v.check(priorities.length === TUNNELS, "routePriorities", priorities, `must list exactly ${TUNNELS} priorities, one per BGP session`, {
        fix: `list ${TUNNELS}, in tunnel order, or leave them out for the same priority on every session`,
      });
      priorities.forEach((p, i) => checkRoutePriority(v, `routePriorities[${i}]`, p));
    }
  }

  /** The external VPN gateway with AWS's four outside IPs. */
  readonly peerGateway: ExternalVpnGateway;
  /** The pair of HA VPN interface 0 (AWS connection 1), then that of interface 1 (AWS connection 2). */
  readonly tunnelPairs: readonly [VpnTunnelPair, VpnTunnelPair];
  /** The four tunnels, in tunnel order (connection 1 tunnel 1, connection 1 tunnel 2, connection 2 tunnel 1, connection 2 tunnel 2). */
  readonly tunnels: readonly ComputeVpnTunnel[];
  /** The four BGP sessions, in tunnel order. */
  readonly bgpPeers: readonly ComputeRouterPeer[];

  constructor(scope: Construct, id: string, props: HaVpnToAwsProps) {
    super(scope, id);
    validateProps(this, "HaVpnToAws", (v) => HaVpnToAws.validate(props, v));
    const connections = props.awsVpn.connections;

    this.peerGateway = new ExternalVpnGateway(this, "aws-gateway", {
      name: props.name,
      project: props.project,
      description: "AWS Site-to-Site VPN: outside IPs of both connections' tunnels",
      interfaceIps: connections.flatMap((c) => c.tunnels.map((t) => t.outsideIp)),
    });
    // HA VPN interface i -> AWS connection i+1 -> peer interfaces 2i and 2i+1 (its tunnels 1 and 2).
    const pairs = connections.map((connection, i) => {
      const tunnel = (t: 0 | 1): PeerTunnel => {
        const aws = connection.tunnels[t];
        const n = i * 2 + t; // tunnel order: the session's priority, and the tunnel's peer interface
        return {
          haInterface: i,
          peerInterface: n,
          sharedSecret: aws.presharedKey,
          insideAddress: aws.cgwInsideAddress,
          peerInsideAddress: aws.vgwInsideAddress,
          advertisedRoutePriority: props.routePriorities?.[n],
        };
      };
      return new VpnTunnelPair(this, `connection-${i + 1}`, {
        name: resourceName(props.name, String(i + 1)),
        router: props.router,
        haVpnGateway: props.haVpnGateway,
        peerGateway: this.peerGateway,
        peerAsn: props.peerAsn,
        tunnels: [tunnel(0), tunnel(1)],
        project: props.project,
      });
    });
    this.tunnelPairs = [pairs[0], pairs[1]];
    this.tunnels = pairs.flatMap((p) => p.tunnels);
    this.bgpPeers = pairs.flatMap((p) => p.bgpPeers);
  }
}
