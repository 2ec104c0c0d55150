import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// The real toolchain: `cdktf synth` (the CLI from devDependencies) runs the
// app in a scratch copy of the project, as a user's `npm run synth` does.
const root = path.join(__dirname, "..");
const STACKS = ["aws", "consumer-team-a", "producer", "tunnels", "workloads-team-a"];

function scratchProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-cli-"));
  for (const entry of ["cdktf.json", "main.ts", "package.json", "tsconfig.json", "lib", "constructs", "config"]) {
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

describe("cdktf CLI", () => {
  let dir: string;
  beforeAll(() => {
    dir = scratchProject();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("synth writes all five stacks to cdktf.out", () => {
    const result = cdktfSynth(dir);
    expect({ status: result.status, stderr: result.status === 0 ? "" : result.stderr }).toEqual({ status: 0, stderr: "" });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(STACKS);
    for (const stack of STACKS) {
      const json = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8"));
      expect(Object.keys(json.resource).length).toBeGreaterThan(0);
    }
  });

  test("bad config exits non-zero, lists every problem, and leaves the previous cdktf.out as it was", () => {
    const stackFile = path.join(dir, "cdktf.out", "stacks", "tunnels", "cdk.tf.json");
    const before = fs.readFileSync(stackFile);
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
    expect(output).toMatch(/tenants\[0\]\.podsCidr: must be an IPv4 CIDR block with its host bits zero/);
    expect(fs.readFileSync(stackFile).equals(before)).toBe(true);
  });
});
