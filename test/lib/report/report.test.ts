import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { addStacks } from "../../../lib/app";
import { renderReport, StackJson } from "../../../lib/report/report";
import { BaselineError, chooseBaseline, loadBaseline, readSnapshotStacks } from "../../../lib/report/baselines";
import { exampleConfig, exampleWith, existingVpcAndBackend, synthApp } from "../../helpers";
import { checkFlowchart, MermaidSubsetError } from "./mermaid-subset";

// The pull-request report: rendered from config and synthesized stacks,
// compared with the committed snapshots.

const SNAPSHOTS = path.join(__dirname, "..", "..", "..", "__snapshots__", "example.test.ts.snap");
const baseline = readSnapshotStacks(SNAPSHOTS) as Record<string, StackJson>;
const jsonOf = (app: ReturnType<typeof synthApp>) => Object.fromEntries(Object.entries(app.byName).map(([n, s]) => [n, s.json as StackJson]));
const exampleStacks = jsonOf(synthApp());
const example = renderReport({ config: exampleConfig(), stacks: exampleStacks, baseline, baselineSource: "__snapshots__/example.test.ts.snap" });

function mermaidOf(markdown: string): string {
  const match = /```mermaid\n([\s\S]*?)```/.exec(markdown);
  if (!match) throw new Error("no mermaid block");
  return match[1];
}

describe("network plan", () => {
  test("every range with its purpose", () => {
    expect(example).toContain("| GCP producer | proxy-only | `10.10.30.0/24` | REGIONAL_MANAGED_PROXY: Envoy, the source AWS sees (advertised, admitted) | none |");
    expect(example).toContain("| GCP producer | PSC NAT | `10.10.10.0/24` | PRIVATE_SERVICE_CONNECT: source NAT of consumer connections | none |");
    expect(example).toContain("| AWS | private | `10.0.20.0/24` | backend 10.0.20.10:80 |");
  });

  test("consumer overlaps are named and marked intended", () => {
    expect(example).toContain(
      "| GCP consumer team-a | GKE nodes | `10.0.10.0/24` | node subnet | AWS public, GCP consumer team-b GKE nodes: intended (PSC NATs consumer traffic; nothing is routed between them) |",
    );
    expect(example).toContain("Routed over the VPN (must stay unique): `10.10.30.0/24`, `10.10.20.0/24`, `10.10.10.0/24`, `10.30.0.0/22`, `10.31.0.0/17`, `10.30.8.0/22`.");
  });
});

describe("path, stacks and waves", () => {
  test("the Mermaid diagram is in the flowchart subset GitHub renders", () => {
    const chart = checkFlowchart(mermaidOf(example));
    expect({ type: chart.type, direction: chart.direction }).toEqual({ type: "flowchart", direction: "LR" });
    expect([...chart.subgraphs.keys()].sort()).toEqual(["aws", "consumer_team_a", "consumer_team_b", "consumer_team_c", "hub_team_c", "producer", "project_team_c", "tunnels", "workloads_team_a", "workloads_team_b", "workloads_team_c"]);
  });

  test("the subset check rejects broken diagrams (the check can fail)", () => {
    const problems = (text: string) => {
      try {
        checkFlowchart(text);
      } catch (error) {
        if (error instanceof MermaidSubsetError) return error.problems;
        throw error;
      }
      return [];
    };
    expect(problems("flowchart LR\n  a --> \n")).toEqual(['line 2 "  a --> ": the edge "-->" has no target']);
    expect(problems('flowchart LR\n  subgraph s["t"]\n    a["x"]\n  end\n  end\n')).toEqual(['line 5 "  end": `end` without an open subgraph']);
    expect(problems('flowchart LR\n  subgraph s["t"]\n    a["x"]\n')).toEqual(['line 2 "  subgraph s[\\"t\\"]": subgraph "s" is never closed with `end`']);
    expect(problems('flowchart LR\n  a["x"] --> end\n')).toEqual(['line 2 "  a[\\"x\\"] --> end": "end" is a reserved word in Mermaid flowcharts, not an id']);
    expect(problems('flowchart LR\n  a["say "hi""]\n')).toEqual([expect.stringMatching(/^line 2 .*: a label ends with "\] right after its closing quote/)]);
    expect(problems('flowchart LR\n  a["x"] -> b["y"]\n')).toEqual([expect.stringMatching(/^line 2 .*: unknown edge arrow "->"/)]);
    expect(problems('flowchart LR\n  a["x"] -.->|outputs| b\n')).toEqual(['line 2 "  a[\\"x\\"] -.->|outputs| b": "b" is neither a declared node nor a subgraph']);
    expect(problems("graph LR\n")).toEqual([expect.stringMatching(/^line 1 "graph LR": the first line must be exactly "flowchart <direction>"/)]);
    expect(() => checkFlowchart("flowchart LR\n  a --> \n")).toThrow(/^not in the Mermaid flowchart subset \(1 problem\):\n {2}- line 2 /);
  });

  test("the diagram shows the whole path and every cross-stack dependency", () => {
    const diagram = mermaidOf(example);
    for (const edge of ["workloads_team_a_svc --> consumer_team_a_ep", "consumer_team_b_ep --> producer_sa", "tunnels_router ==>|IPsec IKEv2| aws_gw", "aws -.->|outputs| tunnels", "consumer_team_b -.->|outputs| workloads_team_b"]) {
      expect(diagram).toContain(edge);
    }
  });

  test("the backend is named for what it is: the demo instance, or an existing API", () => {
    expect(mermaidOf(example)).toContain('aws_ec2["EC2 10.0.20.10:80"]');
    const config = exampleWith(existingVpcAndBackend("vgw"));
    const diagram = mermaidOf(renderReport({ config, stacks: jsonOf(synthApp(config)) }));
    expect(diagram).toContain('aws_ec2["existing API 10.0.20.10:80"]');
    expect(checkFlowchart(diagram)).toBeDefined();
  });

  test("deploy waves follow the dependencies", () => {
    expect(example).toContain(
      [
        "### Deploy waves",
        "",
        "1. `producer`, `project-team-c`",
        "2. `aws`, `consumer-team-a`, `consumer-team-b`, `hub-team-c`",
        "3. `consumer-team-c`, `tunnels`, `workloads-team-a`, `workloads-team-b`",
        "4. `workloads-team-c`",
      ].join("\n"),
    );
  });
});

describe("resources per stack", () => {
  test("type and count for each stack", () => {
    expect(example).toContain("### tunnels (14 resources)");
    expect(example).toContain("| `google_compute_vpn_tunnel` | 4 |");
    expect(example).toContain("### aws (32 resources)");
    expect(example).toContain("### hub-team-c (8 resources)");
  });
});

describe("replacement risks, against the committed snapshots", () => {
  test("the example as committed replaces nothing", () => {
    expect(example).toContain("No change replaces a live resource (baseline: __snapshots__/example.test.ts.snap).");
  });

  test("a new tunnel inside CIDR replaces its AWS VPN connection and, as a knock-on, what reads it in tunnels", () => {
    const config = exampleWith((c) => (c.vpn.insideCidrs = ["169.254.30.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"]));
    const report = renderReport({ config, stacks: jsonOf(synthApp(config)), baseline });
    // Connection 1 directly; its outside IPs and keys replace the external VPN gateway, its two tunnels and the first
    // router interface (and its BGP peer) in `tunnels`; the new external gateway replaces connection 2's tunnels (they read its id).
    expect(report).toContain("**8 live resources would be replaced or destroyed** (7 as a knock-on of another replacement):");
    expect(report).toMatch(/\| tunnels \| `google_compute_router_peer\.connection-1_peer-1_[0-9A-F]+` \| replaced because `google_compute_router_interface\.connection-1_interface-1_[0-9A-F]+` is replaced: `replace_triggered_by` names its `id` \|/);
    expect(report).toMatch(
      /\| aws \| `aws_vpn_connection\.vpn_connection-1_[0-9A-F]+` \| tunnel1_inside_cidr changed: replaces the resource \(it has `prevent_destroy`: Terraform refuses the plan until that is lifted\) \| `169\.254\.10\.0\/30` \| `169\.254\.30\.0\/30` \|/,
    );
    expect(report).toMatch(/\| tunnels \| `google_compute_vpn_tunnel\.connection-1_tunnel-2_[0-9A-F]+` \| replaced because `aws_vpn_connection\.vpn_connection-1_[0-9A-F]+` \(aws\) is replaced: `shared_secret` reads its `tunnel2_preshared_key` \(cross-stack output\) \| {2}\| {2}\|/);
    expect(report).toMatch(/\| tunnels \| `google_compute_vpn_tunnel\.connection-2_tunnel-1_[0-9A-F]+` \| replaced because `google_compute_external_vpn_gateway\.aws-gateway_[0-9A-F]+` is replaced: `peer_external_gateway` reads its `id` \|/);
  });

  test("GKE private settings are risks too", () => {
    const config = exampleWith((c) => (c.tenants[0].gke = { controlPlaneCidr: "172.16.0.0/28" }));
    const report = renderReport({ config, stacks: jsonOf(synthApp(config)), baseline });
    expect(report).toMatch(/\| consumer-team-a \| `google_container_cluster\.[^`]+` \| private_cluster_config\.master_ipv4_cidr_block changed: replaces the resource \| `\(unset\)` \| `172\.16\.0\.0\/28` \|/);
  });

  test("a removed tenant is one row per stack with its resource count, counted apart from replacements", () => {
    const config = exampleWith((c) => (c.tenants = c.tenants.filter((t: any) => t.name !== "team-b")));
    const report = renderReport({ config, stacks: jsonOf(synthApp(config)), baseline });
    expect(report).toContain("No change replaces a live resource; **2 stacks gone from the app** (21 resources left deployed, unmanaged):");
    const rows = report.split("\n").filter((line) => line.startsWith("| consumer-team-b ") || line.startsWith("| workloads-team-b "));
    expect(rows).toEqual([
      "| consumer-team-b | (whole stack: 16 resources) | stack is gone from the app: 16 resources stay deployed, unmanaged, unless it is destroyed while the config still has it (the README's Removing a tenant) |  |  |",
      "| workloads-team-b | (whole stack: 5 resources) | stack is gone from the app: 5 resources stay deployed, unmanaged, unless it is destroyed while the config still has it (the README's Removing a tenant) |  |  |",
    ]);
  });

  test("replacements and gone stacks together: both counts", () => {
    const config = exampleWith((c) => ((c.tenants = c.tenants.filter((t: any) => t.name !== "team-b")), (c.aws.asn = 65010)));
    const report = renderReport({ config, stacks: jsonOf(synthApp(config)), baseline });
    expect(report).toContain("**3 live resources would be replaced or destroyed** (2 as a knock-on of another replacement); **2 stacks gone from the app** (21 resources left deployed, unmanaged):");
  });

  test("without a baseline the section says so", () => {
    expect(renderReport({ config: exampleConfig(), stacks: exampleStacks })).toContain("No baseline given: nothing to compare with.");
  });
});

describe("baselines", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "psc-baseline-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("an earlier synth's cdktf.out directory is a baseline, stack by stack", () => {
    const outdir = path.join(tmp, "main.out");
    const app = new App({ outdir });
    addStacks(app, exampleConfig());
    app.synth();
    const fromDir = loadBaseline(outdir);
    expect(Object.keys(fromDir).sort()).toEqual(Object.keys(baseline).sort());
    expect(fromDir).toEqual(baseline);
  });

  test("a missing file, or a snapshot file with no stack, is an error, never an empty comparison", () => {
    expect(() => loadBaseline(path.join(tmp, "nope.snap"))).toThrow(BaselineError);
    expect(() => loadBaseline(path.join(tmp, "nope.snap"))).toThrow(/^baseline .*nope\.snap: 1 problem:\n {2}- \(file\): no such file or directory\. Fix: /);
    const other = path.join(tmp, "other.snap");
    fs.writeFileSync(other, "exports[`something else 1`] = `\"x\"`;\n");
    expect(() => loadBaseline(other)).toThrow(/^baseline .*other\.snap: 1 problem:\n {2}- \(file\): holds no stack to compare with\. Fix: /);
    fs.mkdirSync(path.join(tmp, "empty"));
    expect(() => loadBaseline(path.join(tmp, "empty"))).toThrow(/a directory without a cdktf manifest\.json/);
  });

  test("the example defaults to the committed snapshots, named by any path; another config has no default", () => {
    const root = path.join(__dirname, "..", "..", "..");
    expect(chooseBaseline(undefined, path.join(root, "config", "example.yaml"), root, "example")?.stacks).toEqual(baseline);
    expect(chooseBaseline(undefined, path.relative(process.cwd(), path.join(root, "config", "..", "config", "example.yaml")), root, "example")).toBeDefined();
    expect(chooseBaseline(undefined, path.join(tmp, "prod.yaml"), root, "prod")).toBeUndefined();
  });

  test("npm run report: a bad flag or a bad baseline exits non-zero with the reason", () => {
    const run = (...args: string[]) =>
      // What `npm run report` runs.
      spawnSync(process.execPath, ["-r", path.join(__dirname, "..", "..", "..", "scripts", "ts.js"), path.join(__dirname, "..", "..", "..", "lib", "report", "command.ts"), ...args], {
        encoding: "utf8",
        cwd: tmp,
        env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "PSC_CONFIG")),
        timeout: 60_000,
      });
    const noValue = run("--out");
    expect(noValue.status).toBe(2);
    expect(noValue.stderr).toMatch(/--out.*\nusage: npm run report/);
    const missing = run("--baseline", "missing.snap");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^baseline missing\.snap: 1 problem:\n {2}- \(file\): no such file or directory/m);
    expect(fs.existsSync(path.join(tmp, "cdktf.out", "plan-report.md"))).toBe(false);
  });
});
