import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { validateConfig } from "../../../lib/config/load";
import { synthesize } from "../../../lib/synthesize";
import { exampleInput, problemsOf } from "../../helpers";

// Routed tenants trade PSC's freedom to overlap for reach: their ranges are
// routed over the VPN, so they must be unique across the hub, AWS and each other.

/** The example's routed tenant (team-c) in a config being edited. */
const routed = (c: any) => c.tenants.find((t: any) => t.kind === "routed");

/** A second routed tenant with ranges of its own, free of everything in the example. */
const teamD = { name: "team-d", kind: "routed", project: "example-routed-d-project", gkeNodesCidr: "10.40.0.0/22", podsCidr: "10.41.0.0/17", servicesCidr: "10.40.8.0/22" };

describe("routed tenants: accepted", () => {
  test("the example's routed tenant beside two PSC tenants, and a second routed tenant with ranges of its own", () => {
    expect(problemsOf(() => undefined)).toEqual([]);
    expect(problemsOf((c) => c.tenants.push(teamD))).toEqual([]);
  });

  test("a PSC tenant may still overlap a routed tenant: it lives in its own VPC and nothing routes between them", () => {
    expect(problemsOf((c) => Object.assign(c.tenants[0], { gkeNodesCidr: routed(c).gkeNodesCidr, podsCidr: routed(c).podsCidr }))).toEqual([]);
  });
});

describe("routed tenants: refused, with both ranges named and a fix", () => {
  test("a routed tenant name too long for its generated names is named once per name, under the tenant's name (not under a construct's prop)", () => {
    // GIVEN a routed tenant whose name makes its cluster's and its subnet's names too long WHEN loaded
    // THEN one problem per generated name over its limit, none under a path the config does not have
    expect(problemsOf((c) => (routed(c).name = "a".repeat(56)))).toEqual([
      expect.stringMatching(/^tenants\[2\]\.name: makes the GKE cluster name "psc-a{56}-gke" 64 characters, over its limit of 40\. Fix: shorten prefix or tenants\[2\]\.name by 24$/),
      expect.stringMatching(/^tenants\[2\]\.publishedServices\[0\]\.name: makes the published Service's address name "psc-a{56}-svc-orders" 71 characters/),
    ]);
  });

  test("fails when a routed pod range overlaps AWS", () => {
    expect(problemsOf((c) => (routed(c).podsCidr = "10.0.128.0/17"))).toEqual([
      expect.stringMatching(/^tenants\[2\]\.podsCidr: must not overlap aws\.vpcCidr 10\.0\.0\.0\/16 \(a routed tenant's ranges are routed over the VPN.*got "10\.0\.128\.0\/17"\. Fix: a range outside 10\.0\.0\.0\/16$/),
    ]);
  });

  test("fails when two routed tenants overlap", () => {
    expect(problemsOf((c) => c.tenants.push({ ...teamD, podsCidr: "10.31.0.0/18" }))).toEqual([
      'tenants[3].podsCidr: must not overlap tenants[2].podsCidr 10.31.0.0/17 in the same VPC, got "10.31.0.0/18". Fix: move one of the two to a free range',
    ]);
  });

  test("fails when a routed range overlaps a producer subnet, or a private services access range", () => {
    expect(problemsOf((c) => (routed(c).gkeNodesCidr = "10.10.28.0/22"))).toEqual([
      'tenants[2].gkeNodesCidr: must not overlap gcp.proxyOnlyCidr 10.10.30.0/24 in the same VPC, got "10.10.28.0/22". Fix: move one of the two to a free range',
    ]);
    expect(problemsOf((c) => (c.gcp.privateServicesAccessCidrs = ["10.30.0.0/20"]))).toEqual([
      expect.stringMatching(/^tenants\[2\]\.(gkeNodesCidr|servicesCidr): must not overlap gcp\.privateServicesAccessCidrs\[0\] 10\.30\.0\.0\/20/),
      expect.stringMatching(/^tenants\[2\]\.(gkeNodesCidr|servicesCidr): must not overlap gcp\.privateServicesAccessCidrs\[0\] 10\.30\.0\.0\/20/),
    ]);
  });

  test("fails when a private services access range overlaps AWS", () => {
    expect(problemsOf((c) => (c.gcp.privateServicesAccessCidrs = ["10.0.64.0/20"]))).toEqual([
      expect.stringMatching(/^gcp\.privateServicesAccessCidrs\[0\]: must not overlap aws\.vpcCidr 10\.0\.0\.0\/16/),
    ]);
  });

  test("fails when a routed tenant runs in the producer's project, or in another tenant's", () => {
    expect(problemsOf((c) => (routed(c).project = c.gcp.producerProject))).toEqual([
      'tenants[2].project: must differ from gcp.producerProject (a host cannot be its own service project), got "example-producer-project". Fix: attach the project that runs the workloads',
    ]);
    expect(problemsOf((c) => (routed(c).project = c.tenants[0].project))).toEqual([expect.stringMatching(/^tenants\[2\]\.project: must not be another tenant's project \(also tenants\[0\]\.project\)/)]);
  });

  test("fails when a routed tenant asks for a PSC tenant's keys, or the other way round", () => {
    expect(problemsOf((c) => (routed(c).pscEndpointCidr = "10.0.20.0/24"))).toEqual(["tenants[2].pscEndpointCidr: is a key of a psc tenant, not of this routed one. Fix: remove it, or set kind: psc"]);
    expect(problemsOf((c) => (c.tenants[0].subnetUsers = []))).toEqual(["tenants[0].subnetUsers: is a key of a routed tenant, not of this psc one. Fix: remove it, or set kind: routed"]);
    expect(problemsOf((c) => (routed(c).kind = "peered"))).toContain('tenants[2].kind: must be psc or routed, got "peered"');
  });

  test("fails when a routed tenant asks for the restricted Google APIs zones of a PSC tenant's own VPC", () => {
    expect(problemsOf((c) => (routed(c).gke = { restrictedGoogleApis: true }))).toEqual([expect.stringMatching(/^tenants\[2\]\.gke\.restrictedGoogleApis: is an option of a PSC tenant's own VPC/)]);
  });

  test("fails when two published Services share a name", () => {
    expect(problemsOf((c) => routed(c).publishedServices.push({ name: "orders", port: 9090 }))).toEqual([
      expect.stringMatching(/^tenants\[2\]\.publishedServices\[1\]\.name: must be unique in the tenant \(also tenants\[2\]\.publishedServices\[0\]\.name\)/),
    ]);
  });
});

describe("routed tenants: GKE sizing", () => {
  test("a Standard cluster's pod range must hold its nodes: refused below the first nodes, a warning below the autoscaler's most", () => {
    const standard = (podsCidr: string) => (c: any) => Object.assign(routed(c), { podsCidr, gke: { mode: "standard", nodePool: { maxPodsPerNode: 110, maxNodesPerZone: 3 } } });
    expect(problemsOf(standard("10.31.0.0/24"))).toEqual([expect.stringMatching(/^tenants\[2\]\.podsCidr: holds 1 node of 110 pods.*fewer than the 3 nodes the cluster starts with/)]);
    const input = exampleInput() as any;
    standard("10.31.0.0/22")(input);
    expect(validateConfig(input).warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([expect.stringMatching(/^tenants\[2\]\.podsCidr: holds 4 nodes of 110 pods.*fewer than the 9 nodes the autoscaler may add/)]);
  });
});

describe("a refused routed config writes nothing", () => {
  test("the app stops before cdktf.out exists, listing every problem", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-routed-"));
    try {
      const input = exampleInput() as any;
      routed(input).podsCidr = "10.0.128.0/17";
      input.tenants.push({ ...teamD, gkeNodesCidr: "10.10.20.0/22" });
      const file = path.join(dir, "bad.yaml");
      fs.writeFileSync(file, stringify(input));
      const outdir = path.join(dir, "cdktf.out");
      expect(() => synthesize({ configFile: file, outdir, print: () => undefined })).toThrow(/2 problems:[\s\S]*tenants\[2\]\.podsCidr[\s\S]*tenants\[3\]\.gkeNodesCidr: must not overlap gcp\.frontendCidr 10\.10\.20\.0\/24/);
      expect(fs.existsSync(outdir)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("routed tenants: the review's cases", () => {
  test("fails when a routed tenant's control plane range (in the producer VPC) overlaps AWS", () => {
    expect(problemsOf((c) => (routed(c).gke = { controlPlaneCidr: "10.0.20.0/28" }))).toEqual([
      expect.stringMatching(/^tenants\[2\]\.gke\.controlPlaneCidr: must not overlap aws\.vpcCidr 10\.0\.0\.0\/16 \(it is in the producer VPC, where its route would win over the VPN's routes to AWS/),
    ]);
  });

  test("a published port out of range is reported once, at its own path", () => {
    expect(problemsOf((c) => (routed(c).publishedServices[0].port = 70000))).toEqual([expect.stringMatching(/^tenants\[2\]\.publishedServices\[0\]\.port: /)]);
  });

  test("published Services without subnetUsers: a warning that the deployer needs Compute Network User on the subnet", () => {
    const input = exampleInput() as any;
    routed(input).subnetUsers = [];
    expect(validateConfig(input).warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([expect.stringMatching(/^tenants\[2\]\.subnetUsers: is empty: the identity that deploys consumer-team-c .*Compute Network User/)]);
  });
});
