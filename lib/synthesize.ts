import * as path from "path";
import { App } from "cdktf";
import { formatProblemList } from "../constructs/core/errors";
import { PolicyChecks } from "../constructs/core/policy";
import { addBootstrapStacks, addStacks } from "./app";
import { loadConfig } from "./config/load";
import { shownPath } from "./config/problems";
import { Config } from "./config/schema";
import { clearOtherEnvironment, refuseOtherEnvironment, writeEnvironmentRecord } from "./environment-record";

/** The project folder: where the bundled example config and the committed snapshots are. */
export const PROJECT_ROOT = path.join(__dirname, "..");

/** The bundled example: DESIGN.md's reference network plan (not part of the published package). */
export const EXAMPLE_CONFIG_FILE = path.join(PROJECT_ROOT, "config", "example.yaml");

export interface SynthesizeOptions {
  /** The config file to read. */
  readonly configFile: string;
  /** Where cdktf writes the stacks. @default - cdktf's (CDKTF_OUTDIR, or cdktf.out) */
  readonly outdir?: string;
  /** Also write the pull-request report to this file. @default - no report */
  readonly reportFile?: string;
  /** The report's baseline: a cdktf.out directory or a .snap file. @default - the committed snapshots, for the example config */
  readonly baseline?: string;
  /** Where warnings and policy notices go, as they come. */
  readonly print: (text: string) => void;
}

/** What a synth produced. */
export interface Synthesized {
  readonly config: Config;
  readonly outdir: string;
  /** Where the report's baseline came from, when a report was written with one. */
  readonly baselineSource?: string;
}

/**
 * Reads and checks the config, adds every stack, checks every stack's
 * policy, and only then writes: bad input (a config problem, a construct's
 * props, a policy error, a missing baseline) throws a UserError and writes
 * nothing. Used by the app (main.ts) and the report command alike.
 */
export function synthesize(options: SynthesizeOptions): Synthesized {
  const { config, warnings } = loadConfig(options.configFile);
  if (warnings.length > 0) options.print(formatProblemList(options.configFile, warnings, "warning"));
  // Where cdktf writes: the folder given, or cdktf's own default (the CLI passes its output folder as CDKTF_OUTDIR).
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
  const report = options.reportFile === undefined ? undefined : prepareReport(options.reportFile, config, outdir, options);
  const app = new App({ outdir });
  addBootstrapStacks(app, config, addStacks(app, config));
  // cdktf writes stack by stack: check every stack first, so an error writes nothing.
  const notices = PolicyChecks.verify(app);
  if (notices.length > 0) options.print(formatProblemList("policy", notices, "notice"));
  clearOtherEnvironment(outdir, config.environment, options.print);
  app.synth();
  writeEnvironmentRecord(outdir, { environment: config.environment, config: shownPath(options.configFile) });
  report?.write(config, outdir);
  return { config, outdir, baselineSource: report?.baseline?.source };
}

/**
 * The report's modules load only when a report is asked for; a bad baseline, or a report
 * or baseline of another environment, fails here, before anything is written.
 */
function prepareReport(file: string, config: Config, outdir: string, options: SynthesizeOptions) {
  const { writeReport } = require("./report/report") as typeof import("./report/report");
  const { chooseBaseline } = require("./report/baselines") as typeof import("./report/baselines");
  const folder = path.dirname(path.resolve(file));
  // The synth about to run takes over its own outdir; a report written into another synth's folder must match it.
  if (folder !== outdir) {
    refuseOtherEnvironment(folder, config.environment, `report ${shownPath(file)}`, `set PSC_CONFIG to that environment's config, or write the report elsewhere (npm run report -- --out <file>)`);
  }
  const baseline = chooseBaseline(options.baseline, options.configFile, PROJECT_ROOT, config.environment);
  return { baseline, write: (config: Config, outdir: string) => writeReport(config, outdir, file, baseline, shownPath(options.configFile)) };
}
