import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// The real toolchain: `cdktf synth` (the CLI from devDependencies) runs the
// app in a scratch copy of the project, as a user's `npm run synth` does.
const root = path.join(__dirname, "..", "..");
const STACKS = ["aws", "consumer-team-a", "consumer-team-b", "producer", "tunnels", "workloads-team-a", "workloads-team-b"];

function scratchProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-cli-"));
  for (const entry of ["cdktf.json", "main.ts", "package.json", "tsconfig.json", "lib", "constructs", "config", "__snapshots__"]) {
    fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

function cdktfSynth(dir: string, env: Record<string, string> = {}) {
  return spawnSync(path.join(root, "node_modules", ".bin", "cdktf"), ["synth"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", ...env },
    timeout: 180_000,
  });
}

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

describe("cdktf CLI", () => {
  let dir: string;
  beforeAll(() => {
    dir = scratchProject();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("synth writes every stack of the example to cdktf.out, and the report when PSC_REPORT asks for it", () => {
    const result = cdktfSynth(dir, { PSC_REPORT: "pr-report.md" });
    expect({ status: result.status, stderr: result.status === 0 ? "" : result.stderr }).toEqual({ status: 0, stderr: "" });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(STACKS);
    for (const stack of STACKS) {
      const json = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8"));
      expect(Object.keys(json.resource).length).toBeGreaterThan(0);
    }
    const report = fs.readFileSync(path.join(dir, "pr-report.md"), "utf8");
    expect(report).toMatch(/^# Plan report: psc\n/);
    expect(report).toContain("No change replaces a live resource");
  });

  test("bad config exits non-zero, lists every problem, and leaves the previous cdktf.out as it was", () => {
    const before = snapshotDir(path.join(dir, "cdktf.out"));
    expect(Object.keys(before).length).toBeGreaterThan(5);
    const bad = fs
      .readFileSync(path.join(dir, "config", "example.yaml"), "utf8")
      .replace("routerAsn: 65000", "routerAsn: 15169")
      .replace("podsCidr: 10.0.100.0/24", "podsCidr: 10.0.100.5/24");
    fs.writeFileSync(path.join(dir, "config", "bad.yaml"), bad);

    const result = cdktfSynth(dir, { PSC_CONFIG: "config/bad.yaml" });

    expect(result.status).not.toBe(0);
    const output = result.stdout + result.stderr;
    expect(output).toMatch(/config\/bad\.yaml: 2 problems/);
    expect(output).toMatch(/gcp\.routerAsn: must be a private ASN/);
    expect(output).toMatch(/tenants\[0\]\.podsCidr: must have its host bits zero, got "10\.0\.100\.5\/24"\. Fix: write 10\.0\.100\.0\/24/);
    expect(snapshotDir(path.join(dir, "cdktf.out"))).toEqual(before);
  });

  test("warnings are printed and the synth goes on", () => {
    const warned = fs.readFileSync(path.join(dir, "config", "example.yaml"), "utf8").replace("pscNatCidr: 10.10.10.0/24", "pscNatCidr: 10.10.10.0/29");
    fs.writeFileSync(path.join(dir, "config", "warned.yaml"), warned);
    const outdir = path.join(dir, "warned.out");
    const result = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["main.ts"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, PSC_CONFIG: "config/warned.yaml", CDKTF_OUTDIR: outdir },
      timeout: 120_000,
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/config\/warned\.yaml: 1 warning:\n {2}- gcp\.pscNatCidr: with gcp\.additionalPscNatCidrs has 4 usable addresses, fewer than the 15 connections/);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(STACKS);
  });
});
