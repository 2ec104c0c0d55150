import * as fs from "fs";
import * as path from "path";
import { containsCidr, overlaps } from "../../constructs/core/cidr";
import { Config } from "../config/schema";
import { mayOverlapAcross, networkPlan, PlannedRange, routedRanges } from "../plan";
import { replacementRisks } from "./replacement";
import { readSynthesizedStacks } from "./baselines";

/** Synthesized Terraform JSON of one stack, as far as the report reads it. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, unknown>>;
}

export interface ReportInput {
  readonly config: Config;
  /** Synthesized stacks by name. */
  readonly stacks: Record<string, StackJson>;
  /** What the stacks were before the change (the committed snapshots); omitted: no replacement section. */
  readonly baseline?: Record<string, StackJson>;
  /** Where the baseline came from, for the reader. */
  readonly baselineSource?: string;
  /** The config file the stacks were synthesized from, as the app was given it. */
  readonly configFile?: string;
}

/** The pull-request report: network plan, path and stacks, deploy waves, resources, replacement risks. */
export function renderReport(input: ReportInput): string {
  const { config, stacks } = input;
  const deps = dependencies(stacks);
  return [
    `# Plan report: ${config.prefix}, environment ${config.environment}`,
    "",
    `Synthesized from ${input.configFile ? `\`${input.configFile}\`` : "a config given as data"} (environment \`${config.environment}\`).`,
    "",
    "## Network plan",
    "",
    planTable(config),
    "",
    "## Path and stacks",
    "",
    "```mermaid",
    mermaid(config, deps),
    "```",
    "",
    "### Deploy waves",
    "",
    ...waves(deps).map((wave, i) => `${i + 1}. ${wave.map((s) => `\`${s}\``).join(", ")}`),
    "",
    "## Resources per stack",
    "",
    resourceTables(stacks),
    "",
    "## Replacement risks",
    "",
    risks(input),
    "",
  ].join("\n");
}

function planTable(config: Config): string {
  const rows: PlannedRange[] = networkPlan(config);
  const lines = ["| network | range | CIDR | purpose | overlaps with other networks |", "|---|---|---|---|---|"];
  for (const row of rows) {
    const others = rows.filter((o) => o.network !== row.network && !(row.network === "AWS" && o.network === "AWS") && overlaps(o.cidr, row.cidr));
    // Ranges containing a whole VPC's subnets report the VPC once.
    const names = [...new Set(others.filter((o) => !(o.name === "VPC" && others.some((x) => x.network === o.network && x !== o && containsCidr(o.cidr, x.cidr)))).map((o) => `${o.network} ${o.name}`))];
    const forbidden = others.some((o) => !mayOverlapAcross(row, o));
    const note = names.length === 0 ? "none" : `${names.join(", ")}: ${forbidden ? "**not allowed** (routed over the VPN)" : "intended (PSC NATs consumer traffic; nothing is routed between them)"}`;
    lines.push(`| ${row.network} | ${row.name} | \`${row.cidr}\` | ${row.purpose} | ${note} |`);
  }
  lines.push("", `Routed over the VPN (must stay unique): ${routedRanges(rows).map((r) => `\`${r.cidr}\``).join(", ")}.`);
  return lines.join("\n");
}

/** Stack -> the stacks it reads outputs from (its terraform_remote_state sources). */
function dependencies(stacks: Record<string, StackJson>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(stacks).map(([name, json]) => [
      name,
      Object.keys(json.data?.["terraform_remote_state"] ?? {})
        .map((id) => id.replace(/^cross-stack-reference-input-/, ""))
        .sort(),
    ]),
  );
}

function waves(deps: Record<string, string[]>): string[][] {
  const placed = new Map<string, number>();
  const level = (stack: string): number => {
    if (!placed.has(stack)) placed.set(stack, Math.max(0, ...deps[stack].map((d) => level(d) + 1)));
    return placed.get(stack)!;
  };
  const out: string[][] = [];
  for (const stack of Object.keys(deps).sort()) (out[level(stack)] ??= []).push(stack);
  return out;
}

function mermaid(config: Config, deps: Record<string, string[]>): string {
  const id = (stack: string) => stack.replace(/[^A-Za-z0-9]/g, "_");
  const lines = ["flowchart LR"];
  for (const t of config.tenants) {
    const c = id(`consumer-${t.name}`);
    const w = id(`workloads-${t.name}`);
    lines.push(
      `  subgraph ${w}["workloads-${t.name} (Kubernetes)"]`,
      `    ${w}_pod["pod in ${t.namespace}"] --> ${w}_svc["Service aws-api"]`,
      "  end",
    );
    if (t.kind === "routed") {
      // Pods reach AWS directly: the Service names the backend, the hub's router carries the pod range.
      const p = id(`project-${t.name}`);
      const h = id(`hub-${t.name}`);
      lines.push(
        `  subgraph ${p}["project-${t.name} (GCP ${t.project})"]`,
        `    ${p}_apis["APIs, project number"]`,
        "  end",
        `  subgraph ${h}["hub-${t.name} (GCP ${config.gcp.producerProject})"]`,
        `    ${h}_subnet["Shared VPC subnet ${t.gkeNodesCidr}, pods ${t.podsCidr}"]`,
        "  end",
        `  subgraph ${c}["consumer-${t.name} (GCP ${t.project})"]`,
        `    ${c}_gke["GKE cluster, service project"]`,
        "  end",
        `  ${c}_gke --> ${h}_subnet`,
        `  ${w}_svc -->|pods, routed| tunnels_router`,
      );
      continue;
    }
    lines.push(
      `  subgraph ${c}["consumer-${t.name} (GCP ${t.project})"]`,
      `    ${c}_ep["PSC endpoint in ${t.pscEndpointCidr}"]`,
      "  end",
      `  ${w}_svc --> ${c}_ep`,
      `  ${c}_ep --> producer_sa`,
    );
  }
  lines.push(
    `  subgraph producer["producer (GCP ${config.gcp.producerProject})"]`,
    `    producer_sa["service attachment, NAT ${config.gcp.pscNatCidr}"] --> producer_lb["internal ALB, proxies ${config.gcp.proxyOnlyCidr}"]`,
    `    producer_lb --> producer_neg["hybrid NEG ${config.aws.backend.privateIp}:${config.aws.backend.port}"]`,
    "    producer_neg --> producer_vpn[\"HA VPN gateway\"]",
    "  end",
    `  subgraph tunnels["tunnels (GCP)"]`,
    `    tunnels_router["Cloud Router AS ${config.gcp.routerAsn}, 4 tunnels, 4 BGP sessions"]`,
    "  end",
    `  subgraph aws["aws (AWS ${config.aws.region})"]`,
    `    aws_gw["${config.aws.termination === "tgw" ? "transit gateway" : "virtual private gateway"} AS ${config.aws.asn}"] --> aws_ec2["${config.aws.backend.existing ? "existing API" : "EC2"} ${config.aws.backend.privateIp}:${config.aws.backend.port}"]`,
    "  end",
    "  producer_vpn --> tunnels_router",
    "  tunnels_router ==>|IPsec IKEv2| aws_gw",
  );
  for (const [stack, from] of Object.entries(deps)) {
    for (const origin of from) lines.push(`  ${id(origin)} -.->|outputs| ${id(stack)}`);
  }
  return lines.join("\n");
}

function resourceTables(stacks: Record<string, StackJson>): string {
  const out: string[] = [];
  for (const [name, json] of Object.entries(stacks).sort(([a], [b]) => a.localeCompare(b))) {
    const counts = Object.entries(json.resource ?? {}).map(([type, byId]) => [type, Object.keys(byId).length] as const);
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    out.push(`### ${name} (${total} resources)`, "", "| type | count |", "|---|---|", ...counts.sort().map(([type, n]) => `| \`${type}\` | ${n} |`), "");
  }
  return out.join("\n").trimEnd();
}

function risks(input: ReportInput): string {
  if (!input.baseline) return "No baseline given: nothing to compare with.";
  const found = replacementRisks(input.baseline, input.stacks);
  const source = input.baselineSource ? ` (baseline: ${input.baselineSource})` : "";
  if (found.length === 0) return `No change replaces a live resource${source}.`;
  // Resources and gone stacks are counted apart: a stack that left the app
  // destroys nothing by itself (its resources stay, unmanaged), and a removed
  // tenant must not read as dozens of replacements.
  const resources = new Set(found.filter((r) => r.address !== undefined).map((r) => `${r.stack} ${r.address}`));
  const knockOn = found.filter((r) => r.kind === "knock-on").length;
  const gone = found.filter((r) => r.kind === "stack gone");
  const left = gone.reduce((n, r) => n + (r.resources ?? 0), 0);
  const summary = [
    resources.size === 0 ? "No change replaces a live resource" : `**${plural(resources.size, "live resource")} would be replaced or destroyed**${knockOn === 0 ? "" : ` (${knockOn} as a knock-on of another replacement)`}`,
    ...(gone.length === 0 ? [] : [`**${plural(gone.length, "stack")} gone from the app** (${plural(left, "resource")} left deployed, unmanaged)`]),
  ];
  const cell = (v?: string) => (v === undefined ? "" : `\`${v.replace(/\|/g, "\\|")}\``);
  return [
    `${summary.join("; ")}${source}:`,
    "",
    "| stack | resource | risk | before | after |",
    "|---|---|---|---|---|",
    ...found.map((r) => `| ${r.stack} | ${r.address === undefined ? `(whole stack: ${plural(r.resources ?? 0, "resource")})` : `\`${r.address}\``} | ${r.change} | ${cell(r.before)} | ${cell(r.after)} |`),
  ].join("\n");
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * Writes the report for what was just synthesized into `outdir`, comparing
 * it with `baseline` (see loadBaseline) when one is given; `configFile` is the config it was made from, as the reader knows it.
 */
export function writeReport(config: Config, outdir: string, file: string, baseline?: { stacks: Record<string, unknown>; source: string }, configFile?: string): void {
  const stacks = Object.fromEntries(Object.entries(readSynthesizedStacks(outdir)).map(([name, text]) => [name, JSON.parse(text)]));
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, renderReport({ config, stacks, baseline: baseline?.stacks as Record<string, StackJson> | undefined, baselineSource: baseline?.source, configFile }));
}
