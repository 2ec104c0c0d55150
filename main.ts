// First: the packages main.ts loads are read from the V8 code cache (lib/code-cache.ts).
import "./lib/code-cache";
import * as fs from "fs";
import * as path from "path";
import { UserError } from "./constructs/core/errors";
import { shownPath } from "./lib/config/problems";
import { EXAMPLE_CONFIG_FILE, synthesize } from "./lib/synthesize";

/**
 * The app: every stack of the environment described by the config file in
 * PSC_CONFIG (default: the bundled example, DESIGN.md's reference plan).
 * Bad input exits non-zero, listing every problem, before anything is written.
 * PSC_REPORT=<file> also writes the pull-request report for what was synthesized
 * (PSC_REPORT_BASELINE=<cdktf.out directory or .snap file> names the baseline; the
 * example's default is the committed snapshots).
 * Says on stdout which config (and environment) it read and which stacks it wrote where;
 * cdktf.out/psc-environment.json records the same for the report.
 */
try {
  // An empty PSC_CONFIG (`PSC_CONFIG= node app.js`) is unset, as a shell user means it.
  const configFile = process.env.PSC_CONFIG || EXAMPLE_CONFIG_FILE;
  const { config, outdir } = synthesize({
    configFile,
    reportFile: process.env.PSC_REPORT,
    baseline: process.env.PSC_REPORT_BASELINE,
    print: (text) => console.error(text),
  });
  const stacks = Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")).stacks);
  console.log(`${shownPath(configFile)} (environment ${config.environment}): ${stacks.length} stacks written to ${shownPath(outdir)}/: ${stacks.join(", ")}`);
} catch (e) {
  if (!UserError.isUserError(e)) throw e;
  console.error(e.message);
  process.exit(1);
}
