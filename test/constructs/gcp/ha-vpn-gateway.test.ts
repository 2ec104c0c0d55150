import { HaVpnGateway } from "../../../constructs/gcp/ha-vpn-gateway";
import { network, synth } from "../support";

describe("HaVpnGateway", () => {
  test("IPv4 gateway refusing destroy by default; exposes both interface IPs", () => {
    // GIVEN a network WHEN a gateway is made with defaults THEN prevent_destroy is on and the two interface IPs are references
    let gateway: HaVpnGateway | undefined;
    const json = JSON.parse(synth((s) => (gateway = new HaVpnGateway(s, "ha", { network: network(s), name: "ha", region: "europe-west1" }))));
    expect(Object.values<any>(json.resource.google_compute_ha_vpn_gateway)[0]).toMatchObject({ stack_type: "IPV4_ONLY", lifecycle: { prevent_destroy: true } });
    expect(gateway!.interfaceIps).toHaveLength(2);
  });

  test("fails when the region is a zone", () => {
    expect(() => synth((s) => new HaVpnGateway(s, "ha", { network: network(s), name: "ha", region: "europe-west1-b" }))).toThrow(
      /region: must be a GCP region like asia-northeast1, got "europe-west1-b"\. Fix: use the region europe-west1/,
    );
  });
});
