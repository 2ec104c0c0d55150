import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import type { PscHybridStacks } from "../lib/app";
import { loadConfig, parseConfig } from "../lib/config/load";
import { ConfigError } from "../lib/config/problems";
import { Config, ConfigInput } from "../lib/config/schema";
import { readSynthesizedStacks } from "../lib/report/baselines";

/** One synthesized stack: Terraform JSON as written to cdktf.out. */
export interface SynthesizedStack {
  /** The file's text, for cdktf's matchers (which take synthesized JSON strings). */
  readonly text: string;
  /** The parsed JSON. */
  readonly json: TerraformJson;
}

/** The parts of Terraform JSON the tests read. */
export interface TerraformJson {
  readonly provider?: Record<string, unknown[]>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown; sensitive?: boolean }>;
  readonly terraform?: Record<string, unknown>;
}

export interface SynthesizedApp {
  readonly stacks: PscHybridStacks;
  readonly byName: Record<string, SynthesizedStack>;
  /** cdktf's manifest.json: stack names, dependencies, working directories. */
  readonly manifest: { stacks: Record<string, { dependencies: string[]; workingDirectory: string }> };
}

/** The bundled example config (DESIGN.md's reference plan). */
export const EXAMPLE_CONFIG_FILE = path.join(__dirname, "..", "config", "example.yaml");

let example: Config | undefined;
/** The bundled example config, validated (read once per test file; frozen, so no test can change it for the next). */
export function exampleConfig(): Config {
  return (example ??= deepFreeze(loadConfig(EXAMPLE_CONFIG_FILE).config));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The example config as plain data, to derive variants from in tests. */
export function exampleInput(): ConfigInput {
  return structuredClone(exampleConfig()) as ConfigInput;
}

/** A variant of the example: `edit` changes a copy of its data, which is then validated. */
export function exampleWith(edit: (c: any) => void): Config {
  const input = exampleInput();
  edit(input);
  return parseConfig(input);
}

/**
 * An edit of the example (for exampleWith): an existing VPC, given by id with
 * two route tables, and an existing API behind its own security group,
 * instead of the VPC and the demo instance this app creates. With `tgw`, the
 * transit gateway's attachment subnet is given too.
 */
export function existingVpcAndBackend(termination: "vgw" | "tgw"): (c: any) => void {
  return (c) => {
    delete c.aws.publicSubnetCidr;
    delete c.aws.privateSubnetCidr;
    c.aws.termination = termination;
    c.aws.existingVpc = {
      vpcId: "vpc-0123456789abcdef0",
      routeTableIds: ["rtb-0123456789abcdef0", "rtb-0123456789abcdef1"],
      ...(termination === "tgw" ? { attachmentSubnetIds: ["subnet-0123456789abcdef0"] } : {}),
    };
    c.aws.backend = { privateIp: "10.0.20.10", port: 80, existing: { securityGroupId: "sg-0123456789abcdef0" } };
  };
}

/**
 * Synthesizes the whole app the way `cdktf synth` does (stacks prepared, so
 * cross-stack references come out as remote state), into a temporary
 * directory, and reads every stack back.
 */
export function synthApp(config?: Config): SynthesizedApp {
  // The example's synth is read by most test files, often more than once: made once per file, frozen.
  if (config === undefined) {
    if (exampleApp === undefined) {
      const app = synthesizeApp(exampleConfig());
      // The JSON is frozen (a test that edits it fails), the constructs are not (cdktf still works on them).
      exampleApp = { ...app, byName: deepFreeze(app.byName), manifest: deepFreeze(app.manifest) };
    }
    return exampleApp;
  }
  return synthesizeApp(config);
}

let exampleApp: SynthesizedApp | undefined;

function synthesizeApp(config: Config): SynthesizedApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-synth-"));
  try {
    const app = new App({ outdir });
    // Required here, not at the top: config-only test files (and each mutant run of npm run mutate) skip loading every stack and provider.
    const { addBootstrapStacks, addStacks } = require("../lib/app") as typeof import("../lib/app");
    const stacks = addStacks(app, config);
    addBootstrapStacks(app, config, stacks);
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    const byName: Record<string, SynthesizedStack> = {};
    for (const [name, text] of Object.entries(readSynthesizedStacks(outdir))) byName[name] = { text, json: JSON.parse(text) };
    return { stacks, byName, manifest };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The resources of one type in a stack, keyed by logical id. */
export function resourcesOf(stack: SynthesizedStack, type: string): Record<string, Record<string, any>> {
  return stack.json.resource?.[type] ?? {};
}

/** The single resource of a type in a stack; fails when there is not exactly one. */
export function onlyResource(stack: SynthesizedStack, type: string): Record<string, any> {
  const all = Object.values(resourcesOf(stack, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** The single resource of a type made by one top-level construct of a stack (its logical id starts with `<constructId>_`). */
export function resourceUnder(stack: SynthesizedStack, type: string, constructId: string): Record<string, any> {
  const all = Object.entries(resourcesOf(stack, type)).filter(([id]) => id.startsWith(`${constructId}_`));
  if (all.length !== 1) throw new Error(`expected exactly one ${type} under ${constructId}, found ${all.length}`);
  return all[0][1];
}

/** Every string anywhere inside a JSON value. */
export function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(allStrings);
  return [];
}

/** The problems a variant of the example produces (none when it is valid), as `path: message` lines. */
export function problemsOf(edit: (c: any) => void): string[] {
  try {
    exampleWith(edit);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

/** The example with a deploy pipeline: split state (the pipeline's rule) and the `pipeline` block, so the bootstrap stacks are made. */
export function pipelineConfig(edit: (c: any) => void = () => undefined): Config {
  return exampleWith((c) => {
    c.state = {
      backend: "split",
      gcs: { bucket: "example-tf-state", prefix: "psc/example" },
      s3: { bucket: "example-tf-state-aws", keyPrefix: "psc/example", region: "ap-northeast-1" },
    };
    c.pipeline = { repository: "example-org/psc-hybrid", sharedVpcAdminScope: "organizations/123456789012" };
    edit(c);
  });
}
