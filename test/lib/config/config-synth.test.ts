import { exampleWith, synthApp } from "../../helpers";

// Configs the rules accept, synthesized: what the rules let through builds.
// (Kept apart from config.test.ts, which npm run mutate runs against every
// mutant of the config rules: a synth there would cost a second per mutant.)

/** The example reduced to its first tenant, so each case below changes one thing. */
const oneTenant = (edit: (c: any) => void) => (c: any) => {
  c.tenants = c.tenants.slice(0, 1);
  edit(c);
};

describe("accepted configs synthesize", () => {
  test("a second tenant with the first one's CIDRs synthesizes its own two stacks", () => {
    const config = exampleWith(oneTenant((c) => c.tenants.push({ ...c.tenants[0], name: "team-b", project: "example-consumer-b" })));
    expect(Object.keys(synthApp(config).byName).sort()).toEqual([
      "aws",
      "consumer-team-a",
      "consumer-team-b",
      "producer",
      "tunnels",
      "workloads-team-a",
      "workloads-team-b",
    ]);
  });

  test("a PSC NAT range that warns (fewer addresses than connections) still synthesizes", () => {
    const config = exampleWith(oneTenant((c) => (c.gcp.pscNatCidr = "10.10.10.0/29")));
    expect(Object.keys(synthApp(config).byName)).toHaveLength(5);
  });
});

describe("the hybrid NEG's zone", () => {
  test("defaults to the region's zone a, or zone b where the region has no zone a", () => {
    const zoneOf = (region: string) => {
      const producer = synthApp(exampleWith((c) => (c.gcp.region = region))).byName["producer"];
      return Object.values(producer.json.resource?.["google_compute_network_endpoint_group"] ?? {}).map((neg: any) => neg.zone);
    };
    expect(zoneOf("asia-northeast1")).toEqual(["asia-northeast1-a"]);
    expect(zoneOf("europe-west1")).toEqual(["europe-west1-b"]);
    expect(zoneOf("us-east1")).toEqual(["us-east1-b"]);
  });
});
