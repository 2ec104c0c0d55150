import * as fs from "fs";
import * as path from "path";
import { UserError } from "../constructs/core/errors";
import { shownPath } from "./config/problems";

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

/**
 * Empties `outdir` when it holds a synth of another environment, before this
 * one is written: each stack's working directory keeps a `.terraform` bound
 * to the state backend it was last initialised with, and after a switch
 * `terraform init` would offer to migrate (copy) the other environment's
 * state into this one's. Its report and record go too. The stack folders
 * stay, emptied: the cdktf CLI listed them before it ran the app, and removes
 * those this environment does not have itself afterwards. Says what it did
 * through `print`.
 */
export function clearOtherEnvironment(outdir: string, environment: string, print: (text: string) => void): void {
  const record = readEnvironmentRecord(outdir);
  if (record === undefined || record.environment === environment) return;
  const stacks = path.join(outdir, "stacks");
  for (const entry of fs.readdirSync(outdir)) {
    if (entry !== "stacks") fs.rmSync(path.join(outdir, entry), { recursive: true, force: true });
  }
  for (const stack of fs.existsSync(stacks) ? fs.readdirSync(stacks) : []) {
    const folder = path.join(stacks, stack);
    if (!fs.statSync(folder).isDirectory()) fs.rmSync(folder, { force: true });
    else for (const entry of fs.readdirSync(folder)) fs.rmSync(path.join(folder, entry), { recursive: true, force: true });
  }
  print(`${shownPath(outdir)}: held environment ${record.environment} (${record.config}); cleared it for ${environment}, so no stack's .terraform stays bound to the other environment's state`);
}
