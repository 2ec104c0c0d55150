import { CloudRouterBgp } from "../../../constructs/gcp/cloud-router-bgp";
import { network, synth } from "../support";

describe("CloudRouterBgp", () => {
  test("CUSTOM advertisement: all subnets plus the given ranges", () => {
    const out = synth((s) => new CloudRouterBgp(s, "r", { name: "router", network: network(s), region: "europe-west1", asn: 64600, advertisedRanges: ["10.10.30.0/24"] }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_router" }, {
      bgp: { asn: 64600, advertise_mode: "CUSTOM", advertised_groups: ["ALL_SUBNETS"], advertised_ip_ranges: [{ range: "10.10.30.0/24" }], keepalive_interval: 20 },
    });
  });

  test("fails when the ASN is public", () => {
    expect(() => synth((s) => new CloudRouterBgp(s, "r", { name: "router", network: network(s), region: "europe-west1", asn: 15169 }))).toThrow(
      /asn: must be a private ASN: 64512-65534 or 4200000000-4294967294 \(RFC 6996\), got 15169/,
    );
  });
});
