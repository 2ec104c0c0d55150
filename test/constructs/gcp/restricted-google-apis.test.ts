import { RESTRICTED_APIS_EGRESS_PRIORITY, RestrictedGoogleApis } from "../../../constructs/gcp/restricted-google-apis";
import { network, synth } from "../support";

describe("RestrictedGoogleApis", () => {
  test("a route to the restricted VIP and private zones sending googleapis.com, gcr.io and pkg.dev there", () => {
    // GIVEN a VPC with no internet path WHEN the construct is added THEN private nodes resolve Google APIs to restricted.googleapis.com
    const json = JSON.parse(synth((s) => new RestrictedGoogleApis(s, "apis", { name: "vpc", network: network(s) })));
    expect(Object.values<any>(json.resource.google_compute_route)).toEqual([expect.objectContaining({ dest_range: "199.36.153.4/30", next_hop_gateway: "default-internet-gateway" })]);
    expect(Object.values<any>(json.resource.google_dns_managed_zone).map((z) => [z.dns_name, z.visibility]).sort()).toEqual([
      ["gcr.io.", "private"],
      ["googleapis.com.", "private"],
      ["pkg.dev.", "private"],
    ]);
  });

  test("an egress rule allows HTTPS to the VIP at a priority that wins over a deny-all egress rule", () => {
    // GIVEN a VPC whose owners deny all egress (commonly at the default priority 1000) WHEN the construct is added THEN nodes still reach the VIP
    const json = JSON.parse(synth((s) => new RestrictedGoogleApis(s, "apis", { name: "vpc", network: network(s) })));
    expect(Object.values<any>(json.resource.google_compute_firewall)).toEqual([
      expect.objectContaining({
        name: "vpc-apis-egress",
        direction: "EGRESS",
        destination_ranges: ["199.36.153.4/30"],
        allow: [{ protocol: "tcp", ports: ["443"] }],
        priority: RESTRICTED_APIS_EGRESS_PRIORITY,
      }),
    ]);
    // Lower numbers win, and a deny wins a tie: the allow must be below the default 1000.
    expect(RESTRICTED_APIS_EGRESS_PRIORITY).toBeLessThan(1000);
  });

  test("fails when the name leaves no room for its suffix", () => {
    expect(() => synth((s) => new RestrictedGoogleApis(s, "apis", { name: "a".repeat(RestrictedGoogleApis.MAX_NAME_LENGTH + 1), network: network(s) }))).toThrow(
      /name: must be at most 47 characters to leave room for '-restricted-apis'/,
    );
  });
});
