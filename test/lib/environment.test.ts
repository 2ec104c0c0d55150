import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { environmentOfFile, loadConfig, parseConfig } from "../../lib/config/load";
import { ENVIRONMENT_RECORD_FILE, readEnvironmentRecord } from "../../lib/environment-record";
import { synthesize } from "../../lib/synthesize";
import { EXAMPLE_CONFIG_FILE, exampleInput, synthApp } from "../helpers";

// Environments side by side: each config is an environment with its own
// local state files, and a cdktf.out says which environment it holds, so a
// report or a baseline of one is never taken for another's.

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "psc-env-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes the example with one tenant (fewer stacks to synthesize) as `<name>` in the scratch folder, with `edit` applied to its data. */
function writeConfig(name: string, edit: (c: any) => void = () => {}): string {
  const input: any = exampleInput();
  delete input.environment;
  input.tenants = input.tenants.slice(0, 1);
  edit(input);
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(input));
  return file;
}

const silent = () => {};

let prod: string | undefined;
/** A synth of environment `prod` (config prod.yaml) in the scratch folder, made once: the other tests only read it. */
function prodOut(): string {
  if (prod === undefined) {
    prod = path.join(tmp, "prod.out");
    synthesize({ configFile: writeConfig("prod.yaml"), outdir: prod, print: silent });
  }
  return prod;
}

describe("the environment's name", () => {
  test("defaults to the config file's name", () => {
    expect(loadConfig(EXAMPLE_CONFIG_FILE).config.environment).toBe("example");
    expect(loadConfig(writeConfig("prod.yaml")).config.environment).toBe("prod");
  });

  test("a name the file gives wins over the file's name", () => {
    expect(loadConfig(writeConfig("prod-copy.yaml", (c) => (c.environment = "prod"))).config.environment).toBe("prod");
  });

  test("a file name that is not a valid name becomes one", () => {
    expect(environmentOfFile("config/Prod_EU.yml")).toBe("prod-eu");
    expect(environmentOfFile("/x/staging.json")).toBe("staging");
    expect(environmentOfFile("___.yaml")).toBe("default");
  });

  test("fails when a config given as data names no environment: the file's name is the one default, and only loadConfig has a file", () => {
    const input: any = exampleInput();
    delete input.environment;
    expect(() => parseConfig(input)).toThrow(/^config: 1 problem:\n {2}- environment: is required for a config not read from a file .*Fix: add environment: <name>, e.g\. prod$/);
    // The source label is only a label: naming a file there does not name the environment.
    expect(() => parseConfig(input, "config/prod.yaml")).toThrow(/environment: is required/);
    // ... listed with the config's other problems, not instead of them.
    expect(() => parseConfig({ ...input, prefix: "Bad Prefix" })).toThrow(/2 problems:[\s\S]*environment: is required[\s\S]*prefix: /);
  });

  test("fails when the name written is not a valid name, with the value", () => {
    expect(() => parseConfig({ ...exampleInput(), environment: "Prod EU" })).toThrow(/environment: must be an environment name: .*got "Prod EU"/);
  });
});

describe("state", () => {
  test("two configs of one project never share a local state file", () => {
    const example = synthApp();
    const eu = synthApp(loadConfig(writeConfig("eu.yaml")).config);
    for (const stack of Object.keys(eu.byName)) {
      const mine = (example.byName[stack].json.terraform as any).backend.local.path;
      const theirs = (eu.byName[stack].json.terraform as any).backend.local.path;
      expect({ stack, mine, theirs }).toEqual({ stack, mine: `../../../terraform.example.${stack}.tfstate`, theirs: `../../../terraform.eu.${stack}.tfstate` });
    }
    // Remote state follows the origin's path in the same environment.
    expect(eu.byName.tunnels.json.data?.terraform_remote_state["cross-stack-reference-input-aws"]).toMatchObject({ config: { path: "../../../terraform.eu.aws.tfstate" } });
  });
});

describe("one cdktf.out holds one environment", () => {
  test("a synth of another environment into a cdktf.out clears it first: no stack keeps the other's .terraform (its state binding), report or stacks", () => {
    const out = path.join(tmp, "shared.out");
    synthesize({ configFile: EXAMPLE_CONFIG_FILE, outdir: out, print: silent });
    // What a deploy leaves: a working directory bound to the example's state, and a report.
    fs.mkdirSync(path.join(out, "stacks", "consumer-team-b", ".terraform"), { recursive: true });
    fs.writeFileSync(path.join(out, "plan-report.md"), "# Plan report: psc, environment example\n");
    const said: string[] = [];
    synthesize({ configFile: writeConfig("eu.yaml"), outdir: out, print: (t) => said.push(t) });
    // The other environment's stack folders stay, empty (the cdktf CLI removes those it listed itself).
    expect(fs.readdirSync(path.join(out, "stacks", "consumer-team-b"))).toEqual([]);
    expect(fs.readdirSync(path.join(out, "stacks", "producer"))).toEqual(["cdk.tf.json"]);
    expect(fs.existsSync(path.join(out, "plan-report.md"))).toBe(false);
    expect(readEnvironmentRecord(out)?.environment).toBe("eu");
    expect(said).toEqual([expect.stringMatching(/shared\.out: held environment example \(.*example\.yaml\); cleared it for eu/)]);
  });

  test("a synth of the same environment keeps what is there (its .terraform is bound to its own state)", () => {
    const out = path.join(tmp, "kept.out");
    const file = writeConfig("kept.yaml");
    synthesize({ configFile: file, outdir: out, print: silent });
    fs.mkdirSync(path.join(out, "stacks", "producer", ".terraform"), { recursive: true });
    synthesize({ configFile: file, outdir: out, print: silent });
    expect(fs.existsSync(path.join(out, "stacks", "producer", ".terraform"))).toBe(true);
  });

  test("with cdktf's default folder (CDKTF_OUTDIR, as the CLI sets it), a report of a new environment into that folder is the synth's own, not refused", () => {
    const out = path.join(tmp, "default.out");
    const before = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = out;
    try {
      synthesize({ configFile: writeConfig("first.yaml"), print: silent });
      synthesize({ configFile: writeConfig("eu.yaml"), reportFile: path.join(out, "plan-report.md"), print: silent });
    } finally {
      if (before === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = before;
    }
    expect(fs.readFileSync(path.join(out, "plan-report.md"), "utf8")).toMatch(/^# Plan report: psc, environment eu\n/);
  });
});

describe("cdktf.out records its environment", () => {
  test("a synth writes which config and environment it holds", () => {
    expect(readEnvironmentRecord(prodOut())).toEqual({ environment: "prod", config: path.join(tmp, "prod.yaml") });
  });

  test("fails when a report would be written into another environment's cdktf.out, and writes nothing", () => {
    const before = fs.readdirSync(prodOut()).sort();
    const scratch = path.join(tmp, "scratch.out");
    expect(() =>
      synthesize({ configFile: EXAMPLE_CONFIG_FILE, outdir: scratch, reportFile: path.join(prodOut(), "plan-report.md"), print: silent }),
    ).toThrow(/plan-report\.md: 1 problem:\n {2}- .*prod\.out: holds a synth of environment prod \(.*prod\.yaml\), not of example\. Fix: set PSC_CONFIG/);
    expect(fs.readdirSync(prodOut()).sort()).toEqual(before);
    expect(fs.existsSync(scratch)).toBe(false);
  });

  test("fails when the baseline is another environment's cdktf.out", () => {
    expect(() =>
      synthesize({ configFile: EXAMPLE_CONFIG_FILE, outdir: path.join(tmp, "b.out"), reportFile: path.join(tmp, "b.md"), baseline: prodOut(), print: silent }),
    ).toThrow(/baseline .*prod\.out: 1 problem:\n {2}- .*: holds a synth of environment prod .*Fix: synthesize the baseline from the same config/);
    expect(fs.existsSync(path.join(tmp, "b.md"))).toBe(false);
  });

  test("fails when another environment's baseline is the example's snapshot file", () => {
    const snap = path.join(__dirname, "..", "..", "__snapshots__", "example.test.ts.snap");
    expect(() => synthesize({ configFile: writeConfig("eu.yaml"), outdir: path.join(tmp, "s.out"), reportFile: path.join(tmp, "s.md"), baseline: snap, print: silent })).toThrow(
      /example\.test\.ts\.snap: 1 problem:\n {2}- \(file\): is a jest snapshot file, which holds the bundled example's stacks, not environment eu's\. Fix: synthesize the baseline from the same config/,
    );
    expect(fs.existsSync(path.join(tmp, "s.md"))).toBe(false);
  });

  test("the same environment's cdktf.out is a fine baseline and report folder", () => {
    const out = path.join(tmp, "same.out");
    const file = writeConfig("same.yaml");
    synthesize({ configFile: file, outdir: out, print: silent });
    const second = path.join(tmp, "same2.out");
    synthesize({ configFile: file, outdir: second, reportFile: path.join(out, "plan-report.md"), baseline: out, print: silent });
    const report = fs.readFileSync(path.join(out, "plan-report.md"), "utf8");
    expect(report).toContain("No change replaces a live resource");
    // The report names the config it was made from.
    expect(report.split("\n").slice(0, 3)).toEqual(["# Plan report: psc, environment same", "", `Synthesized from \`${file}\` (environment \`same\`).`]);
    expect(fs.existsSync(path.join(out, ENVIRONMENT_RECORD_FILE))).toBe(true);
  });
});
