import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, loadConfig, parseConfig } from "../lib/config";
import { exampleConfig, exampleInput, exampleWith, synthApp } from "./helpers";

/** The problems a config produces, as `path: message` lines. */
function problemsOf(edit: (c: any) => void): string[] {
  try {
    exampleWith(edit);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe("example config", () => {
  test("reproduces DESIGN.md's reference plan", () => {
    const config = exampleConfig();
    expect(config.gcp).toMatchObject({ region: "asia-northeast1", routerAsn: 65000, pscNatCidr: "10.10.10.0/24", frontendCidr: "10.10.20.0/24", proxyOnlyCidr: "10.10.30.0/24" });
    expect(config.aws).toMatchObject({ region: "ap-northeast-1", asn: 65001, vpcCidr: "10.0.0.0/16", publicSubnetCidr: "10.0.10.0/24", privateSubnetCidr: "10.0.20.0/24" });
    expect(config.aws.backend).toMatchObject({ privateIp: "10.0.20.10", port: 80 });
    expect(config.tenants).toEqual([
      expect.objectContaining({ gkeNodesCidr: "10.0.10.0/24", pscEndpointCidr: "10.0.20.0/24", podsCidr: "10.0.100.0/24", servicesCidr: "10.0.200.0/24" }),
    ]);
  });

  test("consumer ranges overlapping AWS are accepted (the point of PSC)", () => {
    expect(problemsOf(() => undefined)).toEqual([]);
  });
});

describe("a second tenant", () => {
  test("with the same CIDRs as the first synthesizes its own two stacks", () => {
    const config = exampleWith((c) => c.tenants.push({ ...c.tenants[0], name: "team-b", project: "example-consumer-b" }));
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

  test("fails when it reuses a tenant name", () => {
    expect(problemsOf((c) => c.tenants.push({ ...c.tenants[0] }))).toEqual(["tenants[1].name: must be unique among tenants, got 'team-a' twice"]);
  });
});

describe("bad config is refused with the config path of each problem", () => {
  test("fails on an unknown key", () => {
    expect(problemsOf((c) => (c.gcp.routerAns = 65000))).toEqual([expect.stringMatching(/^gcp: Unrecognized key: "routerAns"/)]);
  });

  test("fails on a missing required key", () => {
    expect(problemsOf((c) => delete c.aws.vpcCidr)).toEqual([expect.stringMatching(/^aws.vpcCidr: .*expected string/)]);
  });

  test("fails on a CIDR with host bits set", () => {
    expect(problemsOf((c) => (c.tenants[0].podsCidr = "10.0.100.5/24"))).toEqual([
      'tenants[0].podsCidr: must be an IPv4 CIDR block with its host bits zero, e.g. 10.0.10.0/24, got "10.0.100.5/24"',
    ]);
  });

  test("fails when a producer range overlaps AWS (it is routed over the VPN)", () => {
    expect(problemsOf((c) => (c.gcp.proxyOnlyCidr = "10.0.30.0/24"))).toEqual([
      "gcp.proxyOnlyCidr: must not overlap aws.vpcCidr 10.0.0.0/16 (producer ranges are routed over the VPN), got 10.0.30.0/24",
    ]);
  });

  test("fails when the backend IP is outside the private subnet", () => {
    expect(problemsOf((c) => (c.aws.backend.privateIp = "10.0.10.10"))).toEqual([
      "aws.backend.privateIp: must lie inside aws.privateSubnetCidr 10.0.20.0/24, got 10.0.10.10",
    ]);
  });

  test("fails when both sides use the same ASN", () => {
    expect(problemsOf((c) => (c.aws.asn = 65000))).toEqual(["aws.asn: must differ from gcp.routerAsn (eBGP between two ASNs), got 65000 for both"]);
  });

  test("fails when two ranges of one consumer VPC overlap", () => {
    expect(problemsOf((c) => (c.tenants[0].servicesCidr = "10.0.10.128/25"))).toEqual([
      "tenants[0].servicesCidr: must not overlap tenants[0].gkeNodesCidr 10.0.10.0/24 in the same VPC, got 10.0.10.128/25",
    ]);
  });

  test("reports every problem at once", () => {
    const problems = problemsOf((c) => {
      c.gcp.routerAsn = 15169;
      c.aws.backend.port = 0;
      c.tenants[0].name = "Team A";
    });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["aws.backend.port", "gcp.routerAsn", "tenants[0].name"]);
  });

  test("fails on a file that is not YAML, naming the file", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "psc-config-")), "broken.yaml");
    fs.writeFileSync(file, "prefix: [unclosed\n");
    expect(() => loadConfig(file)).toThrow(/broken\.yaml: 1 problem:\n  - \(file\): is not valid YAML/);
  });

  test("applies documented defaults", () => {
    const input = exampleInput() as any;
    delete input.service;
    delete input.vpn;
    delete input.tenants[0].connectionLimit;
    const config = parseConfig(input);
    expect(config.service).toEqual({ port: 80, healthCheckPath: "/", dnsName: "api.aws-api.internal." });
    expect(config.vpn).toEqual({ dhGroup: 14 });
    expect(config.tenants[0].connectionLimit).toBe(10);
  });
});
