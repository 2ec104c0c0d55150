import * as path from "path";
import { App } from "cdktf";
import { addStacks } from "./lib/app";
import { ConfigError, formatWarnings, loadConfig } from "./lib/config";
import { PolicyChecks, PolicyError } from "./lib/policy";
import { writeReport } from "./lib/report";
import { BaselineError, chooseBaseline } from "./lib/snapshots";
import { PropsError } from "./lib/validation";

/**
 * The app: every stack of the environment described by the config file in
 * PSC_CONFIG (default: the bundled example, DESIGN.md's reference plan).
 * Bad config exits non-zero, listing every problem, before anything is written.
 * PSC_REPORT=<file> also writes the pull-request report for what was synthesized
 * (PSC_REPORT_BASELINE=<cdktf.out directory or .snap file> names the baseline; the
 * example's default is the committed snapshots).
 */

/** The bundled example: DESIGN.md's reference network plan (not part of the published package). */
const EXAMPLE_CONFIG_FILE = path.join(__dirname, "config", "example.yaml");

function main(): void {
  const file = process.env.PSC_CONFIG ?? EXAMPLE_CONFIG_FILE;
  try {
    const { config, warnings } = loadConfig(file);
    if (warnings.length > 0) console.error(formatWarnings(file, warnings));
    // A bad baseline fails before anything is written.
    const baseline = process.env.PSC_REPORT ? chooseBaseline(process.env.PSC_REPORT_BASELINE, file, __dirname) : undefined;
    const app = new App();
    addStacks(app, config);
    // cdktf writes stack by stack: check every stack first, so an error writes nothing.
    const notices = PolicyChecks.verify(app);
    if (notices.length > 0) console.error(`policy: ${notices.length} notice(s):\n${notices.map((n) => `  - ${n}`).join("\n")}`);
    app.synth();
    if (process.env.PSC_REPORT) writeReport(config, app.outdir, process.env.PSC_REPORT, baseline);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof PropsError || e instanceof PolicyError || e instanceof BaselineError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

main();
