import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run, RunResult } from "./run";

// The commands users run, in scratch copies of the project: the README's main
// command (`node app.js`, the app command of cdktf.json, run directly) and the
// real `cdktf synth` CLI from devDependencies, which runs the same app command.
// The two scratch projects run at once: one is synthesized by the CLI, the
// other by `node app.js` first and then given a bad config through the CLI.
const root = path.join(__dirname, "..", "..");
const STACKS = ["aws", "consumer-team-a", "consumer-team-b", "consumer-team-c", "hub-team-c", "producer", "project-team-c", "tunnels", "workloads-team-a", "workloads-team-b", "workloads-team-c"];

function scratchProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-cli-"));
  for (const entry of ["cdktf.json", "app.js", "main.ts", "package.json", "tsconfig.json", "scripts", "lib", "constructs", "config", "__snapshots__"]) {
    fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Runs a command in a scratch project, with the CLI's telemetry and prompts off. */
const runIn = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  run(command, args, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", ...env } });

const cdktfSynth = (dir: string, env: Record<string, string> = {}) => runIn(path.join(root, "node_modules", ".bin", "cdktf"), ["synth"], dir, env);
const nodeApp = (dir: string, env: Record<string, string> = {}) => runIn(process.execPath, ["app.js"], dir, env);

/** Every file under a directory with its bytes (as base64) and modification time. */
function snapshotDir(top: string): Record<string, { bytes: string; mtimeMs: number }> {
  const out: Record<string, { bytes: string; mtimeMs: number }> = {};
  for (const entry of fs.readdirSync(top, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(top, file)] = { bytes: fs.readFileSync(file).toString("base64"), mtimeMs: fs.statSync(file).mtimeMs };
  }
  return out;
}

const bytesOf = (snapshot: ReturnType<typeof snapshotDir>) => Object.fromEntries(Object.entries(snapshot).map(([file, { bytes }]) => [file, bytes]));

describe("the app command and the cdktf CLI", () => {
  const dirs: string[] = [];
  let cli: Promise<{ dir: string; synth: RunResult }>;
  let direct: Promise<{ dir: string; synth: RunResult; before: ReturnType<typeof snapshotDir>; bad: RunResult }>;

  beforeAll(() => {
    const [cliDir, directDir] = [scratchProject(), scratchProject()];
    dirs.push(cliDir, directDir);
    // The CLI's project held another environment first, with stacks the example does not have: the CLI
    // listed them before the app ran, and removes them after it (the app empties them on the switch).
    const other = fs.readFileSync(path.join(cliDir, "config", "example.yaml"), "utf8").replace("- name: team-a", "- name: solo");
    fs.writeFileSync(path.join(cliDir, "config", "solo.yaml"), other);
    cli = nodeApp(cliDir, { PSC_CONFIG: "config/solo.yaml" })
      .then(() => cdktfSynth(cliDir, { PSC_REPORT: "pr-report.md" }))
      .then((synth) => ({ dir: cliDir, synth }));
    direct = (async () => {
      const synth = await nodeApp(directDir);
      const before = snapshotDir(path.join(directDir, "cdktf.out"));
      const bad = fs
        .readFileSync(path.join(directDir, "config", "example.yaml"), "utf8")
        .replace("routerAsn: 65000", "routerAsn: 15169")
        .replace("podsCidr: 10.0.100.0/24", "podsCidr: 10.0.100.5/24");
      fs.writeFileSync(path.join(directDir, "config", "bad.yaml"), bad);
      return { dir: directDir, synth, before, bad: await cdktfSynth(directDir, { PSC_CONFIG: "config/bad.yaml" }) };
    })();
    // Awaited by the tests; a failure here is reported there.
    cli.catch(() => undefined);
    direct.catch(() => undefined);
  });
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  test("cdktf synth writes every stack of the example to cdktf.out, after another environment's synth, and the report when PSC_REPORT asks for it", async () => {
    const { dir, synth } = await cli;
    expect({ status: synth.status, stderr: synth.status === 0 ? "" : synth.stderr }).toEqual({ status: 0, stderr: "" });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(STACKS);
    expect(fs.readdirSync(path.join(dir, "cdktf.out", "stacks")).sort()).toEqual(STACKS);
    for (const stack of STACKS) {
      const json = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8"));
      expect(Object.keys(json.resource).length).toBeGreaterThan(0);
    }
    const report = fs.readFileSync(path.join(dir, "pr-report.md"), "utf8");
    expect(report).toMatch(/^# Plan report: psc, environment example\n\nSynthesized from `config\/example.yaml` \(environment `example`\)\.\n/);
    expect(report).toContain("No change replaces a live resource");
  });

  test("`node app.js` writes the same cdktf.out as cdktf synth, byte for byte, and says what it read and wrote", async () => {
    const [{ dir: cliDir }, { synth, before }] = await Promise.all([cli, direct]);
    expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: "" });
    expect(synth.stdout).toBe(`config/example.yaml (environment example): ${STACKS.length} stacks written to cdktf.out/: ${STACKS.join(", ")}\n`);
    expect(bytesOf(before)).toEqual(bytesOf(snapshotDir(path.join(cliDir, "cdktf.out"))));
  });

  test("bad config through cdktf synth exits non-zero, lists every problem, and leaves the previous cdktf.out as it was", async () => {
    const { dir, before, bad } = await direct;
    expect(Object.keys(before).length).toBeGreaterThan(5);
    expect(bad.status).not.toBe(0);
    const output = bad.stdout + bad.stderr;
    expect(output).toMatch(/config\/bad\.yaml: 2 problems/);
    expect(output).toMatch(/gcp\.routerAsn: must be a private ASN/);
    expect(output).toMatch(/tenants\[0\]\.podsCidr: must have its host bits zero, got "10\.0\.100\.5\/24"\. Fix: write 10\.0\.100\.0\/24/);
    expect(snapshotDir(path.join(dir, "cdktf.out"))).toEqual(before);
  });

  test("warnings are printed and the synth goes on", async () => {
    const { dir } = await direct;
    const warned = fs.readFileSync(path.join(dir, "config", "example.yaml"), "utf8").replace("pscNatCidr: 10.10.10.0/24", "pscNatCidr: 10.10.10.0/29");
    fs.writeFileSync(path.join(dir, "config", "warned.yaml"), warned);
    const outdir = path.join(dir, "warned.out");
    const result = await nodeApp(dir, { PSC_CONFIG: "config/warned.yaml", CDKTF_OUTDIR: outdir });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/config\/warned\.yaml: 1 warning:\n {2}- gcp\.pscNatCidr: with gcp\.additionalPscNatCidrs has 4 usable addresses, fewer than the 15 connections/);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(STACKS);
  });
});
