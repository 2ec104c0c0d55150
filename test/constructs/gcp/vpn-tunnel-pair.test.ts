import { VpnConnection } from "@cdktf/provider-aws/lib/vpn-connection";
import { ComputeExternalVpnGateway } from "@cdktf/provider-google/lib/compute-external-vpn-gateway";
import { DataGoogleSecretManagerSecretVersion } from "@cdktf/provider-google/lib/data-google-secret-manager-secret-version";
import { Construct } from "constructs";
import { CloudRouterBgp } from "../../../constructs/gcp/cloud-router-bgp";
import { ExternalVpnGateway, IExternalVpnGateway } from "../../../constructs/gcp/external-vpn-gateway";
import { HaVpnGateway } from "../../../constructs/gcp/ha-vpn-gateway";
import { PeerTunnel, VpnTunnelPair, VpnTunnelPairProps } from "../../../constructs/gcp/vpn-tunnel-pair";
import { network, awsConnection, synth } from "../support";

type Tunnel = Omit<PeerTunnel, "sharedSecret">;

/** The router and HA VPN gateway every pair starts from. */
function gcpSide(s: Construct) {
  const net = network(s);
  const router = new CloudRouterBgp(s, "router", { name: "router", network: net, region: "europe-west1", asn: 65000 });
  const haVpnGateway = new HaVpnGateway(s, "ha", { network: net, name: "ha", region: "europe-west1" });
  return { router, haVpnGateway };
}

/** A pair to an on-premises peer: keys read from Secret Manager (references, as an on-premises setup keeps them). */
function onPremPair(s: Construct, peerIps: string[], tunnels: [Tunnel, Tunnel], peerGateway?: IExternalVpnGateway, peerAsn = 65010) {
  const key = (n: number) => new DataGoogleSecretManagerSecretVersion(s, `psk-${n}`, { secret: `vpn-psk-${n}` }).secretData;
  return new VpnTunnelPair(s, "pair", {
    ...gcpSide(s),
    name: "onprem",
    peerGateway: peerGateway ?? new ExternalVpnGateway(s, "peer", { name: "onprem", interfaceIps: peerIps }),
    peerAsn,
    tunnels: [
      { ...tunnels[0], sharedSecret: key(1) },
      { ...tunnels[1], sharedSecret: key(2) },
    ],
  });
}

const BGP = {
  first: { insideAddress: "169.254.20.1", peerInsideAddress: "169.254.20.2" },
  second: { insideAddress: "169.254.20.5", peerInsideAddress: "169.254.20.6" },
};
const TWO_IPS = ["198.51.100.1", "198.51.100.2"];
const ONE_IP = ["198.51.100.1"];

function resources(out: string, type: string): any[] {
  return Object.values(JSON.parse(out).resource[type]);
}

describe("VpnTunnelPair: on-premises peers", () => {
  const twoIpTunnels: [Tunnel, Tunnel] = [
    { haInterface: 0, peerInterface: 0, ...BGP.first },
    { haInterface: 1, peerInterface: 1, ...BGP.second },
  ];

  test("a peer with a public ASN is a BGP peer like any other", () => {
    // GIVEN an on-premises network with its own public ASN (64500: a documentation ASN, RFC 5398) WHEN it is the peer
    const out = synth((s) => onPremPair(s, TWO_IPS, twoIpTunnels, undefined, 64500));
    // THEN both sessions name it
    expect(resources(out, "google_compute_router_peer").map((p) => p.peer_asn)).toEqual([64500, 64500]);
  });

  test("fails when the peer ASN is reserved (AS_TRANS)", () => {
    expect(() => synth((s) => onPremPair(s, TWO_IPS, twoIpTunnels, undefined, 23456))).toThrow(/peerAsn: must be an ASN: 1-4294967294, not 23456 or 65535 \(reserved\), got 23456/);
  });

  test("a two-IP peer: HA interface 0 to peer interface 0, HA interface 1 to peer interface 1", () => {
    // GIVEN a peer gateway with two IPs WHEN one tunnel runs from each HA interface to the peer interface of the same number
    const out = synth((s) =>
      onPremPair(s, TWO_IPS, [
        { haInterface: 0, peerInterface: 0, ...BGP.first },
        { haInterface: 1, peerInterface: 1, ...BGP.second },
      ]),
    );
    // THEN the peer gateway is TWO_IPS_REDUNDANCY and each tunnel joins its interfaces, IKEv2, with the referenced key
    const [gateway] = resources(out, "google_compute_external_vpn_gateway");
    expect(gateway.redundancy_type).toBe("TWO_IPS_REDUNDANCY");
    expect(gateway.interface).toEqual([
      { id: 0, ip_address: "198.51.100.1" },
      { id: 1, ip_address: "198.51.100.2" },
    ]);
    const tunnels = resources(out, "google_compute_vpn_tunnel");
    expect(tunnels.map((t) => [t.vpn_gateway_interface, t.peer_external_gateway_interface, t.ike_version])).toEqual([
      [0, 0, 2],
      [1, 1, 2],
    ]);
    expect(tunnels.map((t) => t.shared_secret)).toEqual([expect.stringMatching(/secret_manager_secret_version\.psk-1\.secret_data\}$/), expect.stringMatching(/psk-2\.secret_data\}$/)]);
    expect(resources(out, "google_compute_router_interface").map((i) => i.ip_range)).toEqual(["169.254.20.1/30", "169.254.20.5/30"]);
    expect(resources(out, "google_compute_router_peer").map((p) => [p.peer_ip_address, p.peer_asn, p.advertised_route_priority])).toEqual([
      ["169.254.20.2", 65010, 100],
      ["169.254.20.6", 65010, 100],
    ]);
  });

  test("a one-IP peer: both HA interfaces to peer interface 0", () => {
    // GIVEN a peer gateway with one IP (internally redundant) WHEN both HA interfaces reach its interface 0
    const out = synth((s) =>
      onPremPair(s, ONE_IP, [
        { haInterface: 0, peerInterface: 0, ...BGP.first },
        { haInterface: 1, peerInterface: 0, ...BGP.second },
      ]),
    );
    // THEN the peer gateway is SINGLE_IP_INTERNALLY_REDUNDANT and the tunnels differ by HA interface only
    const [gateway] = resources(out, "google_compute_external_vpn_gateway");
    expect(gateway.redundancy_type).toBe("SINGLE_IP_INTERNALLY_REDUNDANT");
    expect(gateway.interface).toEqual([{ id: 0, ip_address: "198.51.100.1" }]);
    expect(resources(out, "google_compute_vpn_tunnel").map((t) => [t.vpn_gateway_interface, t.peer_external_gateway_interface])).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  test.each([2, 3])("fails when peerInterface is %i on a two-IP peer", (peerInterface) => {
    // GIVEN a TWO_IPS_REDUNDANCY peer WHEN a tunnel names a peer interface it does not have THEN the field, the value and the rule are named
    const build = () =>
      synth((s) =>
        onPremPair(s, TWO_IPS, [
          { haInterface: 0, peerInterface: 0, ...BGP.first },
          { haInterface: 1, peerInterface, ...BGP.second },
        ]),
      );
    expect(build).toThrow(new RegExp(`tunnels\\[1\\]\\.peerInterface: must be 0 or 1 \\(peerGateway is TWO_IPS_REDUNDANCY: 2 interfaces\\), got ${peerInterface}$`, "m"));
  });

  test("fails when both BGP sessions sit in one inside /30", () => {
    // GIVEN two tunnels WHEN the second's inside address is in the first's /30 THEN it is refused (Cloud Router needs a link per session)
    const build = () =>
      synth((s) =>
        onPremPair(s, TWO_IPS, [
          { haInterface: 0, peerInterface: 0, ...BGP.first },
          { haInterface: 1, peerInterface: 1, insideAddress: "169.254.20.2", peerInsideAddress: "169.254.20.1" },
        ]),
      );
    expect(build).toThrow(/tunnels\[1\]\.insideAddress: must be in another \/30 than tunnels\[0\]\.insideAddress \(169\.254\.20\.0\/30\): each BGP session needs a link of its own, got "169\.254\.20\.2"/);
  });

  test("warns when both tunnels end on one interface of a two-IP peer", () => {
    // GIVEN a two-IP peer WHEN both HA interfaces reach its interface 0 THEN it synthesizes with a warning: the peer's interface 1 carries nothing
    let pair: VpnTunnelPair | undefined;
    synth((s) => {
      pair = onPremPair(s, TWO_IPS, [
        { haInterface: 0, peerInterface: 0, ...BGP.first },
        { haInterface: 1, peerInterface: 0, ...BGP.second },
      ]);
    });
    const warnings = pair!.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/tunnels\[1\]\.peerInterface: is the peer interface of tunnels\[0\]\.peerInterface too: .*not the 99\.99% topology, got 0\. Fix: end one tunnel on peer interface 1$/)]);
  });

  test("fails when peerInterface is 1 on a one-IP peer", () => {
    // GIVEN a SINGLE_IP_INTERNALLY_REDUNDANT peer WHEN the second tunnel ends on peer interface 1 (the two-IP shape)
    const build = () =>
      synth((s) =>
        onPremPair(s, ONE_IP, [
          { haInterface: 0, peerInterface: 0, ...BGP.first },
          { haInterface: 1, peerInterface: 1, ...BGP.second },
        ]),
      );
    // THEN it is refused, with the fix
    expect(build).toThrow(
      /tunnels\[1\]\.peerInterface: must be 0 \(peerGateway is SINGLE_IP_INTERNALLY_REDUNDANT: 1 interface\), got 1\. Fix: use 0: both HA interfaces reach a one-IP peer on its interface 0$/m,
    );
  });

  test("a peer gateway whose redundancy type is known only at apply: any peer interface 0-3 passes, 4 fails", () => {
    // GIVEN a peer gateway resource made outside the library (its redundancy type is a token)
    const withRaw = (peerInterface: number) => () =>
      synth((s) => {
        const raw = new ComputeExternalVpnGateway(s, "raw", { name: "raw", redundancyType: "FOUR_IPS_REDUNDANCY", interface: [0, 1, 2, 3].map((id) => ({ id, ipAddress: `198.51.100.${id + 1}` })) });
        onPremPair(
          s,
          [],
          [
            { haInterface: 0, peerInterface: 0, ...BGP.first },
            { haInterface: 1, peerInterface, ...BGP.second },
          ],
          raw,
        );
      });
    // WHEN a tunnel names peer interface 3, or 4 THEN 3 is left to GCP, 4 exists on no peer gateway
    expect(withRaw(3)).not.toThrow();
    expect(withRaw(4)).toThrow(/tunnels\[1\]\.peerInterface: must be 0-3 \(a peer gateway has at most 4 interfaces\), got 4$/m);
  });

  test("fails when both tunnels join the same two interfaces", () => {
    // GIVEN a two-IP peer WHEN both tunnels run from HA interface 0 to peer interface 1
    const build = () =>
      synth((s) =>
        onPremPair(s, TWO_IPS, [
          { haInterface: 0, peerInterface: 1, ...BGP.first },
          { haInterface: 0, peerInterface: 1, ...BGP.second },
        ]),
      );
    // THEN the second tunnel is refused, naming the first
    expect(build).toThrow(
      /tunnels\[1\]\.peerInterface: must differ from tunnels\[0\]\.peerInterface when both tunnels start from HA interface 0 \(two tunnels between the same two interfaces share every point of failure\), got 1/,
    );
  });
});

describe("VpnTunnelPair: one AWS VPN connection", () => {
  /** Both tunnels of one AWS connection on HA interface 1, the connection's outside IPs as a two-IP peer. */
  function awsPair(s: Construct, overrides: Partial<VpnTunnelPairProps> = {}) {
    const conn = awsConnection(s);
    const peer = new ExternalVpnGateway(s, "peer", { name: "peer", interfaceIps: [conn.tunnel1Address, conn.tunnel2Address] });
    return new VpnTunnelPair(s, "pair", {
      ...gcpSide(s),
      name: "aws-1",
      peerGateway: peer,
      peerAsn: 65001,
      tunnels: [
        { haInterface: 1, peerInterface: 0, sharedSecret: conn.tunnel1PresharedKey, insideAddress: conn.tunnel1CgwInsideAddress, peerInsideAddress: conn.tunnel1VgwInsideAddress },
        { haInterface: 1, peerInterface: 1, sharedSecret: conn.tunnel2PresharedKey, insideAddress: conn.tunnel2CgwInsideAddress, peerInsideAddress: conn.tunnel2VgwInsideAddress },
      ],
      ...overrides,
    });
  }

  /** The tunnels of `awsPair` with literal inside addresses, keys still references. */
  function literalAddresses(s: Construct, first: { insideAddress: string; peerInsideAddress: string }): VpnTunnelPairProps["tunnels"] {
    const conn = new VpnConnection(s, "keys", { type: "ipsec.1", customerGatewayId: "cgw-1", vpnGatewayId: "vgw-1" });
    return [
      { haInterface: 1, peerInterface: 0, sharedSecret: conn.tunnel1PresharedKey, ...first },
      { haInterface: 1, peerInterface: 1, sharedSecret: conn.tunnel2PresharedKey, insideAddress: "169.254.10.6", peerInsideAddress: "169.254.10.5" },
    ];
  }

  test("two IKEv2 tunnels on one HA interface, with interfaces and BGP peers; tokens pass validation", () => {
    // GIVEN one AWS VPN connection WHEN its two tunnels are built on HA interface 1
    const out = synth((s) => awsPair(s));
    // THEN both start from interface 1, end on the connection's two outside IPs, and read AWS's keys and inside addresses
    const tunnels = resources(out, "google_compute_vpn_tunnel");
    expect(tunnels.map((t) => [t.vpn_gateway_interface, t.peer_external_gateway_interface, t.ike_version])).toEqual([
      [1, 0, 2],
      [1, 1, 2],
    ]);
    expect(tunnels.map((t) => t.shared_secret)).toEqual(["${aws_vpn_connection.aws-connection.tunnel1_preshared_key}", "${aws_vpn_connection.aws-connection.tunnel2_preshared_key}"]);
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_router_interface" }, { ip_range: "${aws_vpn_connection.aws-connection.tunnel1_cgw_inside_address}/30" });
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_router_peer" }, { peer_asn: 65001, peer_ip_address: "${aws_vpn_connection.aws-connection.tunnel2_vgw_inside_address}" });
  });

  test("each BGP peer is replaced with its router interface (a new inside range cannot be applied to a live peer)", () => {
    // GIVEN a pair WHEN synthesized THEN each peer names its own interface, and only it, as a replacement trigger
    const out = synth((s) => awsPair(s));
    const peers = resources(out, "google_compute_router_peer");
    expect(peers.map((p) => p.interface)).toEqual([expect.stringMatching(/^\$\{google_compute_router_interface\.pair_interface-1_\w+\.name\}$/), expect.stringMatching(/interface-2_\w+\.name\}$/)]);
    // The interface's id, bare (cdktf would write "${...}", which Terraform refuses): unknown only when it is replaced.
    expect(peers.map((p) => p.lifecycle)).toEqual(peers.map((p) => ({ replace_triggered_by: [p.interface.replace(/^\$\{(.*)\.name\}$/, "$1.id")] })));
  });

  test("exposes its tunnels, router interfaces and BGP sessions in tunnel order", () => {
    // GIVEN a pair WHEN a caller reads its attributes THEN each is the resource of that tunnel
    synth((s) => {
      const pair = awsPair(s);
      expect(pair.tunnels.map((t) => t.node.id)).toEqual(["tunnel-1", "tunnel-2"]);
      expect(pair.routerInterfaces.map((i) => i.node.id)).toEqual(["interface-1", "interface-2"]);
      expect(pair.bgpPeers.map((p) => p.node.id)).toEqual(["peer-1", "peer-2"]);
    });
  });

  test("fails when a pre-shared key is a literal, without printing it", () => {
    // GIVEN literal keys WHEN the pair is built THEN each key is refused and never echoed
    const build = () =>
      synth((s) =>
        awsPair(s, {
          tunnels: [
            { haInterface: 1, peerInterface: 0, sharedSecret: "hunter2hunter2", insideAddress: "169.254.10.2", peerInsideAddress: "169.254.10.1" },
            { haInterface: 1, peerInterface: 1, sharedSecret: "hunter2hunter2", insideAddress: "169.254.10.6", peerInsideAddress: "169.254.10.5" },
          ],
        }),
      );
    expect(build).toThrow(/tunnels\[0\]\.sharedSecret: must be a reference to a resource attribute/);
    expect(build).toThrow(/tunnels\[1\]\.sharedSecret: must be a reference to a resource attribute/);
    expect(build).not.toThrow(/hunter2/);
  });

  test("fails when the two ends of a BGP session are not the two hosts of one /30", () => {
    // GIVEN literal inside addresses WHEN they are not the two hosts of one /30 THEN the end at fault is named
    const literal = (insideAddress: string, peerInsideAddress: string) => () => synth((s) => awsPair(s, { tunnels: literalAddresses(s, { insideAddress, peerInsideAddress }) }));
    expect(literal("169.254.10.0", "169.254.10.1")).toThrow(/tunnels\[0\]\.insideAddress: must be a host address of its \/30 169\.254\.10\.0\/30 \(169\.254\.10\.1 or 169\.254\.10\.2\), got "169\.254\.10\.0"/);
    expect(literal("169.254.10.2", "169.254.20.1")).toThrow(
      /tunnels\[0\]\.peerInsideAddress: must be the other host address of tunnels\[0\]\.insideAddress's \/30 169\.254\.10\.0\/30 \(169\.254\.10\.1\), got "169\.254\.20\.1"/,
    );
    expect(literal("169.254.10.2", "169.254.10.2")).toThrow(/tunnels\[0\]\.peerInsideAddress: must be the other host address/);
    expect(literal("10.0.0.2", "10.0.0.1")).toThrow(/tunnels\[0\]\.insideAddress: must be an address in 169\.254\.0\.0\/16, got "10\.0\.0\.2"/);
    expect(literal("169.254.10.2", "169.254.10.1")).not.toThrow();
  });

  test("fails when the HA interface does not exist", () => {
    // GIVEN an HA VPN gateway (interfaces 0 and 1) WHEN a tunnel names interface 2 THEN it is refused
    const build = () =>
      synth((s) => {
        const tunnels = literalAddresses(s, { insideAddress: "169.254.10.2", peerInsideAddress: "169.254.10.1" });
        awsPair(s, { tunnels: [{ ...tunnels[0], haInterface: 2 }, tunnels[1]] });
      });
    expect(build).toThrow(/tunnels\[0\]\.haInterface: must be 0 or 1 \(an HA VPN gateway has two interfaces\), got 2/);
  });

  test("fails when the peer ASN equals the router's", () => {
    // GIVEN a router on AS 65000 WHEN the peer is AS 65000 too THEN eBGP is refused, naming the router's ASN
    expect(() => synth((s) => awsPair(s, { peerAsn: 65000 }))).toThrow(/peerAsn: must differ from router\.asn 65000 \(the two sides speak eBGP\), got 65000\. Fix: pick another private ASN, e\.g\. 65001/);
  });

  test("fails when a route priority is out of range, on the pair or on a tunnel", () => {
    // GIVEN priorities outside 0-65535 WHEN the pair is built THEN each is refused at its field
    const build = () =>
      synth((s) => {
        const tunnels = literalAddresses(s, { insideAddress: "169.254.10.2", peerInsideAddress: "169.254.10.1" });
        awsPair(s, { advertisedRoutePriority: -1, tunnels: [{ ...tunnels[0], advertisedRoutePriority: 70000 }, tunnels[1]] });
      });
    expect(build).toThrow(/advertisedRoutePriority: must be a whole number 0-65535, got -1/);
    expect(build).toThrow(/tunnels\[0\]\.advertisedRoutePriority: must be a whole number 0-65535, got 70000/);
  });
});
