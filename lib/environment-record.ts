import * as fs from "fs";
import * as path from "path";
import { UserError } from "../constructs/core/errors";

/**
 * Which environment a `cdktf.out` was synthesized from, written beside
 * cdktf's manifest.json, so that a report or a baseline of one environment
 * is never mixed up with another's.
 */
export interface EnvironmentRecord {
  /** The config's `environment`. */
  readonly environment: string;
  /** The config file, as the app was given it (relative to where it ran). */
  readonly config: string;
}

/** The record's file name inside a cdktf.out directory. */
export const ENVIRONMENT_RECORD_FILE = "psc-environment.json";

export function writeEnvironmentRecord(outdir: string, record: EnvironmentRecord): void {
  fs.writeFileSync(path.join(outdir, ENVIRONMENT_RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

/** The record of a cdktf.out directory; undefined when there is none (not a synth of this app, or an older one). */
export function readEnvironmentRecord(outdir: string): EnvironmentRecord | undefined {
  const file = path.join(outdir, ENVIRONMENT_RECORD_FILE);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, "utf8")) as EnvironmentRecord;
}

/**
 * Throws when `outdir` holds a synth of another environment than
 * `environment`: `use` says what it was about to be used for, `fix` how to
 * get it right.
 */
export function refuseOtherEnvironment(outdir: string, environment: string, use: string, fix: string): void {
  const record = readEnvironmentRecord(outdir);
  if (record === undefined || record.environment === environment) return;
  throw new UserError(use, [
    {
      path: outdir,
      message: `holds a synth of environment ${record.environment} (${record.config}), not of ${environment}. Fix: ${fix}`,
    },
  ]);
}
