import { Construct } from "constructs";
import { AwsSiteToSiteVpn } from "../../../constructs/aws/aws-site-to-site-vpn";
import { CloudRouterBgp } from "../../../constructs/gcp/cloud-router-bgp";
import { HaVpnGateway } from "../../../constructs/gcp/ha-vpn-gateway";
import { HaVpnToAws, HaVpnToAwsProps } from "../../../constructs/gcp/ha-vpn-to-aws";
import { network, synth } from "../support";

/**
 * HaVpnToAws used alone, as another team's app would: a Cloud Router, an HA
 * VPN gateway, and an AwsSiteToSiteVpn whose customer gateways are the HA
 * VPN gateway's two interface IPs, all in one scope.
 */
function haVpnToAws(s: Construct, props: Partial<HaVpnToAwsProps> = {}, peerIps?: (ips: readonly [string, string]) => string[]) {
  const net = network(s);
  const router = new CloudRouterBgp(s, "router", { name: "router", network: net, region: "europe-west1", asn: 65000 });
  const haVpnGateway = new HaVpnGateway(s, "ha", { network: net, name: "ha", region: "europe-west1" });
  const awsVpn = new AwsSiteToSiteVpn(s, "aws-vpn", {
    name: "aws",
    vpc: { vpcId: "vpc-0123456789abcdef0" },
    routeTables: [],
    amazonSideAsn: 65001,
    peerIps: peerIps ? peerIps(haVpnGateway.interfaceIps) : [...haVpnGateway.interfaceIps],
    peerAsn: 65000,
  });
  const vpn = new HaVpnToAws(s, "to-aws", { name: "to-aws", router, haVpnGateway, awsVpn, peerAsn: 65001, ...props });
  return { awsVpn, vpn };
}

/** Synthesizes `haVpnToAws` and returns the JSON with the AWS connections' logical ids. */
function synthesized(props: Partial<HaVpnToAwsProps> = {}) {
  let connectionIds: string[] = [];
  const out = synth((s) => {
    const { awsVpn } = haVpnToAws(s, props);
    connectionIds = awsVpn.connections.map((c) => c.connection.friendlyUniqueId);
  });
  const json = JSON.parse(out);
  /** The resource of `type` named `name`. */
  const named = (type: string, name: string) => Object.values<any>(json.resource[type]).find((r) => r.name === name);
  /** `${aws_vpn_connection.<connection c>.tunnel<t>_<attribute>}` */
  const aws = (c: number, t: number, attribute: string) => `\${aws_vpn_connection.${connectionIds[c - 1]}.tunnel${t}_${attribute}}`;
  return { json, named, aws };
}

/** Tunnel n (1-4) belongs to AWS connection ceil(n/2), as its tunnel (n-1)%2+1. */
const awsTunnelOf = (n: number) => ({ c: Math.ceil(n / 2), t: ((n - 1) % 2) + 1 });
const TUNNEL_NUMBERS = [1, 2, 3, 4];

describe("HaVpnToAws", () => {
  test("the peer gateway holds AWS's four outside IPs, connection 1 tunnel 1 first", () => {
    // GIVEN an AwsSiteToSiteVpn with two connections WHEN HaVpnToAws is built from it
    const { named, aws } = synthesized();
    // THEN one FOUR_IPS_REDUNDANCY gateway lists the outside IPs in tunnel order
    expect(named("google_compute_external_vpn_gateway", "to-aws")).toMatchObject({
      redundancy_type: "FOUR_IPS_REDUNDANCY",
      interface: TUNNEL_NUMBERS.map((n) => ({ id: n - 1, ip_address: aws(awsTunnelOf(n).c, awsTunnelOf(n).t, "address") })),
    });
  });

  test("four tunnels: HA interface 0 to peer interfaces 0 and 1, HA interface 1 to peer interfaces 2 and 3, each with its AWS tunnel's key", () => {
    // GIVEN an AwsSiteToSiteVpn WHEN HaVpnToAws is built from it
    const { named, aws } = synthesized();
    const tunnel = (n: number) => named("google_compute_vpn_tunnel", `to-aws-${awsTunnelOf(n).c}-tunnel-${awsTunnelOf(n).t}`);
    // THEN tunnel n joins the expected interfaces
    expect(TUNNEL_NUMBERS.map((n) => [tunnel(n).vpn_gateway_interface, tunnel(n).peer_external_gateway_interface, tunnel(n).ike_version])).toEqual([
      [0, 0, 2],
      [0, 1, 2],
      [1, 2, 2],
      [1, 3, 2],
    ]);
    // AND tunnel n's key is connection ceil(n/2)'s tunnel ((n-1)%2+1) pre-shared key, by reference
    for (const n of TUNNEL_NUMBERS) {
      const { c, t } = awsTunnelOf(n);
      expect({ n, secret: tunnel(n).shared_secret }).toEqual({ n, secret: aws(c, t, "preshared_key") });
    }
  });

  test("four BGP sessions at the AWS inside addresses, with the route priorities given, in tunnel order", () => {
    // GIVEN route priorities making HA interface 1 passive WHEN HaVpnToAws is built
    const { named, aws } = synthesized({ routePriorities: [100, 110, 200, 210] });
    // THEN session n peers with its AWS tunnel's virtual private gateway address, on its tunnel's customer gateway address, at priority n
    for (const n of TUNNEL_NUMBERS) {
      const { c, t } = awsTunnelOf(n);
      expect(named("google_compute_router_interface", `to-aws-${c}-if-${t}`).ip_range).toBe(`${aws(c, t, "cgw_inside_address")}/30`);
      expect(named("google_compute_router_peer", `to-aws-${c}-peer-${t}`)).toMatchObject({
        peer_ip_address: aws(c, t, "vgw_inside_address"),
        peer_asn: 65001,
        advertised_route_priority: [100, 110, 200, 210][n - 1],
      });
    }
  });

  test("without route priorities, every session gets VpnTunnelPair's default", () => {
    // GIVEN no route priorities WHEN HaVpnToAws is built THEN all four sessions are equal (active/active)
    const { json } = synthesized();
    expect(Object.values<any>(json.resource.google_compute_router_peer).map((p) => p.advertised_route_priority)).toEqual([100, 100, 100, 100]);
  });

  test("exposes the peer gateway, the two pairs, the four tunnels and the four BGP sessions", () => {
    // GIVEN HaVpnToAws WHEN a caller reads its attributes THEN they are typed and in tunnel order
    synth((s) => {
      const { vpn } = haVpnToAws(s);
      expect(vpn.peerGateway.redundancyType).toBe("FOUR_IPS_REDUNDANCY");
      expect(vpn.tunnelPairs.map((p) => p.node.id)).toEqual(["connection-1", "connection-2"]);
      expect(vpn.tunnels.map((t) => t.node.path)).toEqual(["connection-1/tunnel-1", "connection-1/tunnel-2", "connection-2/tunnel-1", "connection-2/tunnel-2"].map((p) => expect.stringMatching(new RegExp(`/to-aws/${p}$`))));
      expect(vpn.bgpPeers.map((p) => p.node.path)).toEqual(["connection-1/peer-1", "connection-1/peer-2", "connection-2/peer-1", "connection-2/peer-2"].map((p) => expect.stringMatching(new RegExp(`/to-aws/${p}$`))));
    });
  });

  test("fails with a wrong number of route priorities", () => {
    // GIVEN three priorities for four sessions WHEN HaVpnToAws is built THEN it is refused before any resource is made
    expect(() => synth((s) => haVpnToAws(s, { routePriorities: [100, 100, 200] }))).toThrow(
      /^HaVpnToAws .*\/to-aws: 1 problem:\n {2}- routePriorities: must list exactly 4 priorities, one per BGP session, got a list of 3\. Fix: list 4, in tunnel order, or leave them out for the same priority on every session$/,
    );
  });

  test("fails with a route priority out of range", () => {
    // GIVEN a priority above 65535 WHEN HaVpnToAws is built THEN that priority is named
    expect(() => synth((s) => haVpnToAws(s, { routePriorities: [100, 100, 70000, 200] }))).toThrow(/- routePriorities\[2\]: must be a whole number 0-65535, got 70000$/m);
  });

  test("fails when the AWS side has one VPN connection", () => {
    // GIVEN an AwsSiteToSiteVpn for one HA VPN interface only WHEN HaVpnToAws is built from it THEN it asks for both
    expect(() => synth((s) => haVpnToAws(s, {}, (ips) => [ips[0]]))).toThrow(
      /- awsVpn\.connections: must hold exactly 2 VPN connections, one per HA VPN interface, got a list of 1\. Fix: make the AwsSiteToSiteVpn with both HA VPN interface IPs as peerIps$/m,
    );
  });

  test("fails when the AWS ASN is the router's", () => {
    // GIVEN a router on AS 65000 WHEN the AWS side is said to be AS 65000 THEN eBGP is refused, naming the router's ASN
    expect(() => synth((s) => haVpnToAws(s, { peerAsn: 65000 }))).toThrow(/- peerAsn: must differ from router\.asn 65000 \(the two sides speak eBGP\), got 65000/);
  });

  test("fails when the name leaves no room for the pairs' suffixes", () => {
    // GIVEN a 53-character name WHEN HaVpnToAws is built THEN it is refused with the overshoot
    const name = "a".repeat(53);
    expect(() => synth((s) => haVpnToAws(s, { name }))).toThrow(/- name: must be at most 52 characters to leave room for '-1-tunnel-1' \(53 given\), got "a{53}"\. Fix: shorten it by 1$/m);
  });
});
