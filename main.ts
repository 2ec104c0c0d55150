import { UserError } from "./constructs/core/errors";
import { EXAMPLE_CONFIG_FILE, synthesize } from "./lib/synthesize";

/**
 * The app: every stack of the environment described by the config file in
 * PSC_CONFIG (default: the bundled example, DESIGN.md's reference plan).
 * Bad input exits non-zero, listing every problem, before anything is written.
 * PSC_REPORT=<file> also writes the pull-request report for what was synthesized
 * (PSC_REPORT_BASELINE=<cdktf.out directory or .snap file> names the baseline; the
 * example's default is the committed snapshots).
 */
try {
  synthesize({
    configFile: process.env.PSC_CONFIG ?? EXAMPLE_CONFIG_FILE,
    reportFile: process.env.PSC_REPORT,
    baseline: process.env.PSC_REPORT_BASELINE,
    print: (text) => console.error(text),
  });
} catch (e) {
  if (!UserError.isUserError(e)) throw e;
  console.error(e.message);
  process.exit(1);
}
