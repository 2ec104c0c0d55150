import { Token } from "cdktf";
import { nameRoomFor, PREFIX_LIMITS } from "../../../constructs/core/limits";
import { cidrProblems, PropsValidator, ValidationError } from "../../../constructs/core/validation";

describe("PropsValidator", () => {
  test("collects every problem, then throws one ValidationError listing them", () => {
    // GIVEN two bad props WHEN validated THEN one error names both, with values and rules
    const v = new PropsValidator("Thing scope/thing");
    v.port("port", 0);
    v.privateAsn("asn", 15169);
    expect(() => v.throwIfInvalid()).toThrow(ValidationError);
    expect(() => v.throwIfInvalid()).toThrow(/^Thing scope\/thing: 2 problems:\n {2}- port: must be a port, 1-65535, got 0\n {2}- asn: must be a private ASN/);
  });

  test("passes unresolved tokens through unchecked", () => {
    const v = new PropsValidator("Thing");
    v.ipv4("ip", Token.asString({ ref: "x" }));
    v.cidr("range", Token.asString({ ref: "y" }), { private: true, limit: PREFIX_LIMITS.gkePods });
    expect(v.problems).toEqual([]);
  });

  test("names fields as the reader knows them, in the path and in rules that mention another field", () => {
    // GIVEN an app that maps props to its config paths WHEN a rule relates two props THEN both are named by config path
    const v = new PropsValidator("config", (field) => ({ amazonSideAsn: "aws.asn", peerAsn: "gcp.routerAsn" })[field] ?? field);
    v.ebgpPeer("amazonSideAsn", 65000, "peerAsn", 65000);
    expect(v.problems).toEqual([
      { path: "aws.asn", message: "must differ from gcp.routerAsn 65000 (the two sides speak eBGP), got 65000. Fix: pick another private ASN, e.g. 65001", involves: ["gcp.routerAsn"] },
    ]);
  });

  test("a region on no known list is a warning with the nearest known region; a known one is neither", () => {
    // GIVEN a construct's region WHEN it is misspelled THEN synth goes on, with a warning that names the likely region
    const v = new PropsValidator("Thing");
    v.gcpRegion("region", "europe-wset1");
    v.knownRegion("gcp", "region", "europe-wset1");
    v.knownRegion("gcp", "other", "europe-west1");
    v.knownRegion("aws", "another", "eu-west-1");
    expect(v.problems).toEqual([]);
    expect(v.warnings).toEqual([{ path: "region", message: expect.stringMatching(/^is not a GCP region this app knows .*got "europe-wset1"\. Fix: did you mean europe-west1\?$/) }]);
  });

  test("a reserved fixed address in the smallest subnet gets a fix inside that subnet", () => {
    const v = new PropsValidator("Thing");
    v.addressInSubnet("ip", "10.0.0.1", "subnet", "10.0.0.0/29", { head: 2, tail: 2, words: "the four addresses GCP reserves", where: "the first two and the last two" });
    expect(v.problems.map((p) => p.message)).toEqual([expect.stringMatching(/Fix: use one of 10\.0\.0\.2-10\.0\.0\.5$/)]);
  });

  test("warnings are kept apart from problems and never throw", () => {
    const v = new PropsValidator("Thing");
    v.warn("size", 3, "is small");
    expect(() => v.throwIfInvalid()).not.toThrow();
    expect(v.warnings).toHaveLength(1);
  });
});

describe("cidrProblems", () => {
  test("every rule a block breaks, each with its fix", () => {
    expect(cidrProblems("10.0.100.5/25", { private: true, limit: PREFIX_LIMITS.gkePods })).toEqual([
      { rule: "must have its host bits zero", fix: "write 10.0.100.0/25" },
      { rule: "must be between /9 and /24 (GKE pod range sizes)", fix: "use a /24 or larger" },
    ]);
    expect(cidrProblems("10.0.10.0")).toEqual([{ rule: "must be an IPv4 CIDR block like 10.0.10.0/24", fix: "add the prefix length, e.g. 10.0.10.0/24" }]);
  });
});

describe("the size rules, as a user reads them", () => {
  // Each limit's wording, with its reason (constructs/core/limits.ts), on a block one size too small.
  const rules: Array<[keyof typeof PREFIX_LIMITS, string, string]> = [
    ["gcpSubnet", "10.0.0.0/30", "must be between /8 and /29 (GCP subnet sizes)"],
    ["proxyOnlySubnet", "10.0.0.0/27", "must be between /8 and /26 (a proxy-only subnet needs at least 64 addresses)"],
    ["pscNatSubnet", "10.0.0.0/30", "must be between /8 and /29 (the smallest PSC NAT subnet is a /29)"],
    ["gkePods", "10.0.0.0/25", "must be between /9 and /24 (GKE pod range sizes)"],
    ["gkeServices", "10.0.0.0/29", "must be between /16 and /28 (GKE service range sizes)"],
    ["gkeControlPlane", "10.0.0.0/29", "must be a /28 (GKE control-plane ranges are exactly /28)"],
    ["privateServicesAccess", "10.0.0.0/25", "must be between /8 and /24 (private services access needs at least a /24)"],
    ["serverlessConnector", "10.0.0.0/29", "must be a /28 (a Serverless VPC Access connector takes exactly a /28)"],
    ["directVpcEgress", "10.0.0.0/27", "must be between /8 and /26 (Direct VPC egress needs a /26 or larger subnet)"],
    ["awsVpc", "10.0.0.0/29", "must be between /16 and /28 (AWS VPC and subnet sizes)"],
  ];

  test("every limit has its wording here", () => {
    expect(rules.map(([name]) => name).sort()).toEqual(Object.keys(PREFIX_LIMITS).sort());
  });

  test.each(rules)("%s: %s is refused with its reason", (name, cidr, rule) => {
    expect(cidrProblems(cidr, { limit: PREFIX_LIMITS[name] }).map((p) => p.rule)).toEqual([rule]);
  });

  test("an address where an address is asked for; one where a block is asked for gets the prefix suggested", () => {
    const v = new PropsValidator("Thing");
    v.ipv4("ip", "10.0.20");
    expect(v.problems).toEqual([{ path: "ip", message: 'must be an IPv4 address like 10.0.20.10, got "10.0.20"' }]);
    expect(cidrProblems("10.0.20.0")).toEqual([{ rule: "must be an IPv4 CIDR block like 10.0.10.0/24", fix: "add the prefix length, e.g. 10.0.20.0/24" }]);
  });
});

describe("nameRoomFor", () => {
  test("leaves room in 63 characters for the longest suffix", () => {
    expect(nameRoomFor("-tunnel-1")).toBe(54);
    expect(nameRoomFor("")).toBe(63);
  });
});

