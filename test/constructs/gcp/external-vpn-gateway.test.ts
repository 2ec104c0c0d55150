import { ExternalVpnGateway } from "../../../constructs/gcp/external-vpn-gateway";
import { synth } from "../support";

describe("ExternalVpnGateway", () => {
  test.each([
    [["203.0.113.1"], "SINGLE_IP_INTERNALLY_REDUNDANT"],
    [["203.0.113.1", "203.0.113.2"], "TWO_IPS_REDUNDANCY"],
    [["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"], "FOUR_IPS_REDUNDANCY"],
  ])("redundancy follows the number of interfaces: %j is %s", (interfaceIps, redundancyType) => {
    // GIVEN a peer's public IPs WHEN the gateway is made
    let gateway: ExternalVpnGateway | undefined;
    const out = synth((s) => (gateway = new ExternalVpnGateway(s, "g", { name: "peer", interfaceIps })));
    // THEN its redundancy type follows their number, each IP is the interface of its position, and callers can read both
    expect(out).toHaveResourceWithProperties(
      { tfResourceType: "google_compute_external_vpn_gateway" },
      { redundancy_type: redundancyType, interface: interfaceIps.map((ip_address, id) => ({ id, ip_address })) },
    );
    expect(gateway!.redundancyType).toBe(redundancyType);
    expect(gateway!.interfaceCount).toBe(interfaceIps.length);
  });

  test("fails with three interfaces", () => {
    // GIVEN three IPs WHEN the gateway is made THEN it is refused: GCP has no three-interface type
    expect(() => synth((s) => new ExternalVpnGateway(s, "g", { name: "aws", interfaceIps: ["203.0.113.1", "203.0.113.2", "203.0.113.3"] }))).toThrow(
      /interfaceIps: must list 1, 2 or 4 addresses, got 3$/m,
    );
  });

  test("fails when an interface repeats another's address", () => {
    // GIVEN two interfaces with one address WHEN the gateway is made THEN the second is refused, naming the first
    expect(() => synth((s) => new ExternalVpnGateway(s, "g", { name: "peer", interfaceIps: ["203.0.113.1", "203.0.113.1"] }))).toThrow(
      /interfaceIps\[1\]: must differ from interfaceIps\[0\] \(each interface is its own peer endpoint\), got "203\.0\.113\.1"\. Fix: list each address once \(a peer with one address takes a list of 1\)$/m,
    );
  });

  test("fails when an address is not an IPv4 address, or the name not a GCP name", () => {
    // GIVEN a bad address and a bad name WHEN the gateway is made THEN both are reported at once
    const build = () => synth((s) => new ExternalVpnGateway(s, "g", { name: "Peer", interfaceIps: ["203.0.113"] }));
    expect(build).toThrow(/interfaceIps\[0\]: must be an IPv4 address like 10\.0\.20\.10, got "203\.0\.113"$/m);
    expect(build).toThrow(/name: must be a GCP resource name.*got "Peer"$/m);
  });
});
