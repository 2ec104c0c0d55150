// First: the packages this loads are read from the V8 code cache (lib/code-cache.ts).
import "../code-cache";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { UserError } from "../../constructs/core/errors";
import { EXAMPLE_CONFIG_FILE, synthesize } from "../synthesize";

const USAGE = "usage: npm run report [-- --out <file>] [--baseline <cdktf.out directory | .snap file>]";

/**
 * `npm run report [-- --out <file>] [--baseline <dir|.snap>]`: synthesizes
 * the config in PSC_CONFIG (default: the example) into a scratch directory and
 * writes the pull-request report; for the example, replacement risks are
 * measured against the committed snapshots, for another config against the
 * baseline named.
 */
function main(argv: string[]): void {
  let args: { out?: string; baseline?: string };
  try {
    args = parseArgs({ args: argv, options: { out: { type: "string" }, baseline: { type: "string" } }, strict: true }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const out = args.out ?? path.join("cdktf.out", "plan-report.md");
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-report-"));
  try {
    const { baselineSource } = synthesize({
      configFile: process.env.PSC_CONFIG || EXAMPLE_CONFIG_FILE,
      outdir,
      reportFile: out,
      baseline: args.baseline,
      print: (text) => console.error(text),
    });
    console.log(`report written to ${out}${baselineSource ? ` (baseline: ${baselineSource})` : " (no baseline: replacement risks not assessed)"}`);
  } catch (e) {
    if (!UserError.isUserError(e)) throw e;
    console.error(e.message);
    process.exitCode = 1;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
