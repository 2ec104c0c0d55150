// One measured synth, run by test/bench.ts in a fresh process:
//   floor        a cdktf app with one empty stack
//   example      the bundled example config
//   tenants:<N>  the example with N generated tenants
// Prints one JSON line: {"maxRssKb": ...} (wall time is measured by the parent).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";

const mode = process.argv[2] ?? "floor";
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-bench-"));
try {
  const app = new App({ outdir });
  if (mode === "floor") {
    new TerraformStack(app, "empty");
  } else {
    // Loaded only here, so the floor measures cdktf alone.
    const { loadConfig, parseConfig } = require("../lib/config/load") as typeof import("../lib/config/load");
    const { addStacks } = require("../lib/app") as typeof import("../lib/app");
    const example = loadConfig(path.join(__dirname, "..", "config", "example.yaml")).config;
    let config = example;
    if (mode.startsWith("tenants:")) {
      const count = Number(mode.split(":")[1]);
      const [first] = example.tenants;
      const tenants = Array.from({ length: count }, (_, i) => ({
        ...first,
        name: `t${String(i).padStart(3, "0")}`,
        project: `tenant-project-${String(i).padStart(3, "0")}`,
        connectionLimit: 2,
      }));
      config = parseConfig({ ...example, tenants });
    }
    addStacks(app, config);
    // As main.ts does: every stack's policy findings before anything is written.
    const { PolicyChecks } = require("../constructs/core/policy") as typeof import("../constructs/core/policy");
    PolicyChecks.verify(app);
  }
  app.synth();
  process.stdout.write(`${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, stacks: fs.readdirSync(path.join(outdir, "stacks")).length })}\n`);
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
