import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { addStacks } from "./app";
import { ConfigError, loadConfig } from "./config";
import { writeReport } from "./report";

/**
 * `npm run report [-- --out <file>] [--baseline <.snap file>]`: synthesizes
 * the config in PSC_CONFIG (default: the example) into a scratch directory and
 * writes the pull-request report; for the example, replacement risks are
 * measured against the committed snapshots.
 */
function main(argv: string[]): void {
  const root = path.join(__dirname, "..");
  const outIndex = argv.indexOf("--out");
  const out = outIndex >= 0 ? argv[outIndex + 1] : path.join("cdktf.out", "plan-report.md");
  const file = process.env.PSC_CONFIG ?? path.join(root, "config", "example.yaml");
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-report-"));
  try {
    const { config } = loadConfig(file);
    const app = new App({ outdir });
    addStacks(app, config);
    app.synth();
    // The committed snapshots hold the example's stacks: they are the baseline only for the example.
    const baselineIndex = argv.indexOf("--baseline");
    const baseline = baselineIndex >= 0 ? argv[baselineIndex + 1] : process.env.PSC_CONFIG ? undefined : path.join(root, "__snapshots__", "example.test.ts.snap");
    writeReport(config, outdir, out, baseline);
    console.log(`report written to ${out}`);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exitCode = 1;
      return;
    }
    throw e;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
