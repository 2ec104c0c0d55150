import { VpnConnection } from "@cdktf/provider-aws/lib/vpn-connection";
import { Construct } from "constructs";
import { CloudRouterBgp } from "../../../constructs/gcp/cloud-router-bgp";
import { ExternalVpnGateway } from "../../../constructs/gcp/external-vpn-gateway";
import { HaVpnGateway } from "../../../constructs/gcp/ha-vpn-gateway";
import { VpnTunnelPair } from "../../../constructs/gcp/vpn-tunnel-pair";
import { network, awsConnection, synth } from "../support";

describe("VpnTunnelPair", () => {
  function pair(s: Construct, overrides: Partial<ConstructorParameters<typeof VpnTunnelPair>[2]> = {}) {
    const net = network(s);
    const conn = awsConnection(s);
    const router = new CloudRouterBgp(s, "router", { name: "router", network: net, region: "europe-west1", asn: 65000 });
    const ha = new HaVpnGateway(s, "ha", { network: net, name: "ha", region: "europe-west1" });
    const peer = new ExternalVpnGateway(s, "peer", { name: "peer", interfaceIps: [conn.tunnel1Address, conn.tunnel2Address] });
    return new VpnTunnelPair(s, "pair", {
      name: "aws-1",
      router,
      haVpnGateway: ha,
      haInterface: 1,
      peerGateway: peer,
      peerAsn: 65001,
      tunnels: [
        { peerInterface: 0, sharedSecret: conn.tunnel1PresharedKey, insideAddress: conn.tunnel1CgwInsideAddress, peerInsideAddress: conn.tunnel1VgwInsideAddress },
        { peerInterface: 1, sharedSecret: conn.tunnel2PresharedKey, insideAddress: conn.tunnel2CgwInsideAddress, peerInsideAddress: conn.tunnel2VgwInsideAddress },
      ],
      ...overrides,
    });
  }

  test("two IKEv2 tunnels on one HA interface, with interfaces and BGP peers; tokens pass validation", () => {
    const out = synth((s) => pair(s));
    const json = JSON.parse(out);
    const tunnels = Object.values<any>(json.resource.google_compute_vpn_tunnel);
    expect(tunnels.map((t) => [t.vpn_gateway_interface, t.peer_external_gateway_interface, t.ike_version])).toEqual([
      [1, 0, 2],
      [1, 1, 2],
    ]);
    expect(tunnels.map((t) => t.shared_secret)).toEqual(["${aws_vpn_connection.aws-connection.tunnel1_preshared_key}", "${aws_vpn_connection.aws-connection.tunnel2_preshared_key}"]);
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_router_interface" }, { ip_range: "${aws_vpn_connection.aws-connection.tunnel1_cgw_inside_address}/30" });
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_router_peer" }, { peer_asn: 65001, peer_ip_address: "${aws_vpn_connection.aws-connection.tunnel2_vgw_inside_address}" });
  });

  test("fails when a pre-shared key is a literal, without printing it", () => {
    const build = () =>
      synth((s) =>
        pair(s, {
          tunnels: [
            { peerInterface: 0, sharedSecret: "hunter2hunter2", insideAddress: "169.254.10.2", peerInsideAddress: "169.254.10.1" },
            { peerInterface: 1, sharedSecret: "hunter2hunter2", insideAddress: "169.254.10.6", peerInsideAddress: "169.254.10.5" },
          ],
        }),
      );
    expect(build).toThrow(/tunnels\[0\].sharedSecret: must be a reference to a resource attribute/);
    expect(build).not.toThrow(/hunter2/);
  });

  test("fails when the two ends of a BGP session are not the two hosts of one /30", () => {
    const literal = (insideAddress: string, peerInsideAddress: string) => () =>
      synth((s) => {
        const conn = new VpnConnection(s, "keys", { type: "ipsec.1", customerGatewayId: "cgw-1", vpnGatewayId: "vgw-1" });
        pair(s, {
          tunnels: [
            { peerInterface: 0, sharedSecret: conn.tunnel1PresharedKey, insideAddress, peerInsideAddress },
            { peerInterface: 1, sharedSecret: conn.tunnel2PresharedKey, insideAddress: "169.254.10.6", peerInsideAddress: "169.254.10.5" },
          ],
        });
      });
    expect(literal("169.254.10.0", "169.254.10.1")).toThrow(/tunnels\[0\].insideAddress: must be a host address of its \/30 169.254.10.0\/30 \(169.254.10.1 or 169.254.10.2\), got "169.254.10.0"/);
    expect(literal("169.254.10.2", "169.254.20.1")).toThrow(/tunnels\[0\].peerInsideAddress: must be the other host address of insideAddress's \/30 169.254.10.0\/30 \(169.254.10.1\), got "169.254.20.1"/);
    expect(literal("169.254.10.2", "169.254.10.2")).toThrow(/tunnels\[0\].peerInsideAddress: must be the other host address/);
    expect(literal("169.254.10.2", "169.254.10.1")).not.toThrow();
  });

  test("fails when the HA interface does not exist", () => {
    expect(() => synth((s) => pair(s, { haInterface: 2 }))).toThrow(/haInterface: must be 0 or 1 .*got 2/);
  });

  test("fails when the peer ASN equals the router's", () => {
    expect(() => synth((s) => pair(s, { peerAsn: 65000 }))).toThrow(/peerAsn: must differ from the router's ASN 65000 \(eBGP\), got 65000/);
  });
});
