import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { App } from "cdktf";
import { addStacks } from "./app";
import { ConfigError, formatWarnings, loadConfig } from "./config";
import { writeReport } from "./report";
import { BaselineError, chooseBaseline } from "./snapshots";

const USAGE = "usage: npm run report [-- --out <file>] [--baseline <cdktf.out directory | .snap file>]";

/**
 * `npm run report [-- --out <file>] [--baseline <dir|.snap>]`: synthesizes
 * the config in PSC_CONFIG (default: the example) into a scratch directory and
 * writes the pull-request report; for the example, replacement risks are
 * measured against the committed snapshots, for another config against the
 * baseline named.
 */
function main(argv: string[]): void {
  const root = path.join(__dirname, "..");
  let args: { out?: string; baseline?: string };
  try {
    args = parseArgs({ args: argv, options: { out: { type: "string" }, baseline: { type: "string" } }, strict: true }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const out = args.out ?? path.join("cdktf.out", "plan-report.md");
  const file = process.env.PSC_CONFIG ?? path.join(root, "config", "example.yaml");
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-report-"));
  try {
    const { config, warnings } = loadConfig(file);
    if (warnings.length > 0) console.error(formatWarnings(file, warnings));
    const baseline = chooseBaseline(args.baseline, file, root);
    const app = new App({ outdir });
    addStacks(app, config);
    app.synth();
    writeReport(config, outdir, out, baseline);
    console.log(`report written to ${out}${baseline ? ` (baseline: ${baseline.source})` : " (no baseline: replacement risks not assessed)"}`);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof BaselineError) {
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
