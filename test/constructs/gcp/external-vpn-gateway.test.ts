import { ExternalVpnGateway } from "../../../constructs/gcp/external-vpn-gateway";
import { synth } from "../support";

describe("ExternalVpnGateway", () => {
  test("redundancy follows the number of interfaces", () => {
    const out = synth((s) => new ExternalVpnGateway(s, "g", { name: "aws", interfaceIps: ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"] }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_external_vpn_gateway" }, { redundancy_type: "FOUR_IPS_REDUNDANCY" });
  });

  test("fails with three interfaces", () => {
    expect(() => synth((s) => new ExternalVpnGateway(s, "g", { name: "aws", interfaceIps: ["203.0.113.1", "203.0.113.2", "203.0.113.3"] }))).toThrow(
      /interfaceIps: must list 1, 2 or 4 addresses, got 3$/m,
    );
  });
});
