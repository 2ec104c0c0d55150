import { TerraformStack, Testing, Token } from "cdktf";
import { Construct } from "constructs";
import { nameRoomFor, PREFIX_LIMITS, RESERVED_SUBNET_ADDRESSES } from "../../../constructs/core/limits";
import { cidrProblems, isToken, literalOrUndefined, PropsValidator, validateProps, ValidationError } from "../../../constructs/core/validation";

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


describe("each check, both ways, in the words a user reads", () => {
  /** The problems one check records on a fresh validator, as `path: message`. */
  const problemsOf = (run: (v: PropsValidator) => void, pathOf?: (field: string) => string) => {
    const v = new PropsValidator("Thing", pathOf);
    run(v);
    return v.problems.map((p) => `${p.path}: ${p.message}${p.involves ? ` [${p.involves.join(", ")}]` : ""}`);
  };
  const token = Token.asString({ ref: "x" });

  test("gcpName: the name rule, then room for suffixes", () => {
    expect(problemsOf((v) => v.gcpName("name", "psc-a"))).toEqual([]);
    expect(problemsOf((v) => v.gcpName("name", "Psc"))).toEqual([`name: must be a GCP resource name: 1-63 characters of lowercase letters, digits and '-', starting with a letter and not ending with '-', got "Psc"`]);
    expect(problemsOf((v) => v.gcpName("name", "psc-abc", 5))).toEqual([`name: must be at most 5 characters to leave room for the suffixes of the resources it names (7 given), got "psc-abc". Fix: shorten it by 2`]);
    expect(problemsOf((v) => v.gcpName("name", "psc-a", 5))).toEqual([]);
    expect(problemsOf((v) => v.gcpName("name", "Psc-abc", 5, "for its cluster's"))).toHaveLength(1);
    expect(problemsOf((v) => v.gcpName("name", "a".repeat(63), 63))).toEqual([]);
    // Too long for any GCP name: the name rule says so, once.
    expect(problemsOf((v) => v.gcpName("name", "a".repeat(64)))).toHaveLength(1);
  });

  test("regions: a zone where a region belongs gets its region; tokens pass", () => {
    expect(problemsOf((v) => v.gcpRegion("region", "asia-northeast1-a"))).toEqual([`region: must be a GCP region like asia-northeast1, got "asia-northeast1-a". Fix: use the region asia-northeast1`]);
    expect(problemsOf((v) => v.gcpRegion("region", token))).toEqual([]);
    expect(problemsOf((v) => v.awsRegion("region", "ap-northeast-1a"))).toEqual([`region: must be an AWS region like ap-northeast-1, got "ap-northeast-1a"`]);
    expect(problemsOf((v) => v.awsRegion("region", token))).toEqual([]);
  });

  test("gcpZone: checked only against a well-formed region, naming the region's field", () => {
    expect(problemsOf((v) => v.gcpZone("zone", "europe-west1-b", "region", "asia-northeast1"), (f) => `cfg.${f}`)).toEqual([
      `cfg.zone: must be a zone of cfg.region asia-northeast1, got "europe-west1-b". Fix: e.g. asia-northeast1-a [cfg.region]`,
    ]);
    expect(problemsOf((v) => v.gcpZone("zone", "europe-west1-b", "region", "not a region"))).toEqual([]);
    expect(problemsOf((v) => v.gcpZone("zone", "europe-west1-b", "region", token))).toEqual([]);
    expect(problemsOf((v) => v.gcpZone("zone", "asia-northeast1-b", "region", "asia-northeast1"))).toEqual([]);
  });

  test("cidr: every rule a block breaks, each with its fix; tokens pass", () => {
    expect(problemsOf((v) => v.privateCidr("range", "8.8.8.1/30", PREFIX_LIMITS.gkeControlPlane))).toEqual([
      `range: must have its host bits zero, got "8.8.8.1/30". Fix: write 8.8.8.0/30`,
      `range: must be a private range: inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10, got "8.8.8.1/30"`,
      `range: must be a /28 (GKE control-plane ranges are exactly /28), got "8.8.8.1/30". Fix: use a /28`,
    ]);
    expect(problemsOf((v) => v.cidr("range", "10.0.0.0/25", { limit: PREFIX_LIMITS.gkePods }))).toEqual([`range: must be between /9 and /24 (GKE pod range sizes), got "10.0.0.0/25". Fix: use a /24 or larger`]);
    expect(problemsOf((v) => v.cidr("range", "10.0.0.0/8", { limit: PREFIX_LIMITS.gkePods }))).toEqual([`range: must be between /9 and /24 (GKE pod range sizes), got "10.0.0.0/8". Fix: use a /9 or smaller`]);
    expect(problemsOf((v) => v.cidr("range", "10.0.0.0/9", { limit: PREFIX_LIMITS.gkePods }))).toEqual([]);
    expect(problemsOf((v) => v.cidr("range", "10.0.0.0/24", { limit: PREFIX_LIMITS.gkePods }))).toEqual([]);
    expect(problemsOf((v) => v.cidr("range", "8.8.8.0/24"))).toEqual([]);
    expect(problemsOf((v) => v.cidr("range", "nope"))).toEqual([`range: must be an IPv4 CIDR block like 10.0.10.0/24, got "nope"`]);
    expect(problemsOf((v) => v.privateCidr("range", token))).toEqual([]);
  });

  test("addressInSubnet: an address, inside its subnet, not one the cloud keeps", () => {
    const gcp = RESERVED_SUBNET_ADDRESSES.gcp;
    const run = (ip: string, subnet: string | undefined) => problemsOf((v) => v.addressInSubnet("ip", ip, "subnet", subnet, gcp));
    expect(run("10.0.20.5", "10.0.20.0/24")).toEqual([]);
    expect(run("10.0.20.2", "10.0.20.0/24")).toEqual([]);
    expect(run("10.0.20.253", "10.0.20.0/24")).toEqual([]);
    expect(run("10.0.21.5", "10.0.20.0/24")).toEqual([`ip: must lie inside subnet 10.0.20.0/24, got "10.0.21.5" [subnet]`]);
    expect(run("10.0.20.1", "10.0.20.0/24")).toEqual([`ip: is one of the four addresses GCP reserves in 10.0.20.0/24 (the first two and the last two), got "10.0.20.1". Fix: use one of 10.0.20.2-10.0.20.253 [subnet]`]);
    expect(run("10.0.20.254", "10.0.20.0/24")).toHaveLength(1);
    expect(run("10.0.20.1", "10.0.20.0/30")).toEqual([`ip: is one of the four addresses GCP reserves in 10.0.20.0/30 (the first two and the last two), got "10.0.20.1". Fix: use a larger subnet [subnet]`]);
    expect(run("10.0.20", "10.0.20.0/24")).toEqual([`ip: must be an IPv4 address like 10.0.20.10, got "10.0.20"`]);
    // Without a known subnet, only the address itself is checked.
    expect([run("10.9.9.9", undefined), run("10.9.9.9", token), run("10.9.9.9", "nope"), run(token, "10.0.20.0/24")]).toEqual([[], [], [], []]);
  });

  test("logSampling: 0 to 1, when given", () => {
    expect([0, 0.5, 1, undefined].flatMap((s) => problemsOf((v) => v.logSampling("sampling", s)))).toEqual([]);
    expect([-0.1, 1.1, Number.NaN].map((s) => problemsOf((v) => v.logSampling("sampling", s)).length)).toEqual([1, 1, 1]);
    expect(problemsOf((v) => v.logSampling("sampling", 2))).toEqual(["sampling: must be a share from 0 to 1 (0 turns logging off, 1 logs everything), got 2"]);
  });

  test("noOverlap, oneOf, port, asn", () => {
    expect(problemsOf((v) => v.noOverlap("a", "10.0.0.0/24", "b", "10.0.0.128/25"), (f) => `cfg.${f}`)).toEqual([`cfg.a: must not overlap cfg.b 10.0.0.128/25 in the same VPC, got "10.0.0.0/24". Fix: move one of the two to a free range [cfg.b]`]);
    expect(problemsOf((v) => v.noOverlap("a", "10.0.0.0/24", "b", "10.0.1.0/24"))).toEqual([]);
    expect(problemsOf((v) => v.noOverlap("a", "10.0.0.0/24", "b", token))).toEqual([]);
    expect(problemsOf((v) => v.oneOf("mode", "x", ["a", "b"], "must be a or b"))).toEqual([`mode: must be a or b, got "x"`]);
    expect(problemsOf((v) => v.oneOf("mode", "a", ["a", "b"], "must be a or b"))).toEqual([]);
    expect([1, 65535].flatMap((p) => problemsOf((v) => v.port("port", p)))).toEqual([]);
    expect([0, 65536, 80.5].map((p) => problemsOf((v) => v.port("port", p)).length)).toEqual([1, 1, 1]);
    expect(problemsOf((v) => v.asn("asn", 23456))).toEqual(["asn: must be an ASN: 1-4294967294, not 23456 or 65535 (reserved), got 23456"]);
    expect(problemsOf((v) => v.asn("asn", 15169))).toEqual([]);
  });

  test("ebgpPeer: the fix suggests an ASN the other side does not have", () => {
    expect(problemsOf((v) => v.ebgpPeer("a", 65001, "b", 65001))).toEqual(["a: must differ from b 65001 (the two sides speak eBGP), got 65001. Fix: pick another private ASN, e.g. 65002 [b]"]);
    expect(problemsOf((v) => v.ebgpPeer("a", 65001, "b", 65000))).toEqual([]);
  });

  test("throwIfInvalid throws nothing without a problem; warnings never throw", () => {
    const v = new PropsValidator("Thing");
    v.warn("x", 1, "deserves a look");
    expect(() => v.throwIfInvalid()).not.toThrow();
    expect(v.warnings).toEqual([{ path: "x", message: "deserves a look, got 1" }]);
    // A rule that relates no other field names none.
    v.fail("y", 2, "is wrong", { involves: [] });
    expect(v.problems).toEqual([{ path: "y", message: "is wrong, got 2" }]);
  });

  test("isToken: strings, numbers and lists holding a token; plain values are not", () => {
    expect([token, Token.asNumber({ ref: "n" }), ["a", token], Token.asList({ ref: "l" })].map(isToken)).toEqual([true, true, true, true]);
    expect([undefined, null, "a", 1, ["a", "b"], { a: 1 }].map(isToken)).toEqual([false, false, false, false, false, false]);
  });

  test("literalOrUndefined: a literal, or undefined for a token or nothing", () => {
    expect([literalOrUndefined("a"), literalOrUndefined(token), literalOrUndefined(undefined)]).toEqual(["a", undefined, undefined]);
  });

  test("validateProps throws every problem under the construct's kind and path, and turns warnings into its annotations", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const scope = new Construct(stack, "thing");
    expect(() => validateProps(scope, "Thing", (v) => (v.port("port", 0), v.port("other", 0)))).toThrow(/^Thing s\/thing: 2 problems:\n {2}- port: must be a port, 1-65535, got 0\n {2}- other: /);
    validateProps(scope, "Thing", (v) => v.warn("x", 1, "deserves a look"));
    expect(scope.node.metadata.map((m) => [m.type, m.data])).toEqual([["@cdktf/warn", "Thing s/thing: x: deserves a look, got 1"]]);
  });
});
