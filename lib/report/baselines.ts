import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { UserError } from "../../constructs/core/errors";
import { shownPath } from "../config/problems";
import { refuseOtherEnvironment } from "../environment-record";

/** The snapshots of a jest snapshot file, keyed by snapshot name, as the text each was taken of. */
export function readSnapshots(file: string): Record<string, string> {
  const exportsObject: Record<string, string> = {};
  // A .snap file is a CommonJS module of template literals; evaluate it with nothing but `exports` in scope.
  vm.runInNewContext(fs.readFileSync(file, "utf8"), { exports: exportsObject }, { filename: file, timeout: 5000 });
  // Snapshot strings are printed between double quotes, surrounded by newlines.
  return Object.fromEntries(Object.entries(exportsObject).map(([key, value]) => [key, value.trim().replace(/^"/, "").replace(/"$/, "")]));
}

/**
 * Reads the stacks stored in a jest snapshot file whose snapshots are the
 * synthesized JSON text of each stack (test/example.test.ts), keyed by stack
 * name: the committed baseline a pull request is compared with.
 */
export function readSnapshotStacks(file: string): Record<string, unknown> {
  const stacks: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(readSnapshots(file))) {
    const match = /^example config stack (\S+) matches its snapshot 1$/.exec(key);
    if (match) stacks[match[1]] = JSON.parse(text);
  }
  return stacks;
}

/** Reads every stack cdktf wrote to `outdir`, keyed by stack name, as text. */
export function readSynthesizedStacks(outdir: string): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  return Object.fromEntries(
    Object.entries<{ synthesizedStackPath: string }>(manifest.stacks).map(([name, entry]) => [name, fs.readFileSync(path.join(outdir, entry.synthesizedStackPath), "utf8")]),
  );
}

/** A baseline that cannot be read or holds no stack. */
export class BaselineError extends UserError {
  constructor(file: string, message: string) {
    super(`baseline ${file}`, [{ path: "(file)", message }]);
  }
}

/**
 * The stacks of a baseline to compare a synth with: a `cdktf.out` directory
 * of an earlier synth (for example of the main branch), or a jest snapshot
 * file in the form of `__snapshots__/example.test.ts.snap`. Throws a
 * BaselineError, rather than comparing with nothing, when the file is
 * missing or holds no stack, or, when `environment` is given, is another
 * environment's synth (or the example's snapshots for another config).
 */
export function loadBaseline(file: string, isExample = true, environment?: string): Record<string, unknown> {
  const fix = `Fix: pass an earlier synth's cdktf.out directory (e.g. synthesize the main branch with CDKTF_OUTDIR=/tmp/main.out)${isExample ? " or __snapshots__/example.test.ts.snap" : ""}`;
  if (!fs.existsSync(file)) throw new BaselineError(file, `no such file or directory. ${fix}`);
  // Comparing one environment with another's synth would list every difference between them as a risk.
  const sameConfig = "synthesize the baseline from the same config (PSC_CONFIG) as the report";
  let stacks: Record<string, unknown>;
  if (fs.statSync(file).isDirectory()) {
    if (environment !== undefined) refuseOtherEnvironment(file, environment, `baseline ${shownPath(file)}`, sameConfig);
    if (!fs.existsSync(path.join(file, "manifest.json"))) throw new BaselineError(file, `is a directory without a cdktf manifest.json. ${fix}`);
    stacks = Object.fromEntries(Object.entries(readSynthesizedStacks(file)).map(([name, text]) => [name, JSON.parse(text)]));
  } else {
    if (environment !== undefined && !isExample) {
      throw new BaselineError(shownPath(file), `is a jest snapshot file, which holds the bundled example's stacks, not environment ${environment}'s. Fix: ${sameConfig}, e.g. from the main branch (README, "Plan report")`);
    }
    try {
      stacks = readSnapshotStacks(file);
    } catch (e) {
      throw new BaselineError(file, `is not a jest snapshot file (${(e as Error).message}). ${fix}`);
    }
  }
  if (Object.keys(stacks).length === 0) throw new BaselineError(file, `holds no stack to compare with. ${fix}`);
  return stacks;
}

/**
 * The baseline of a report: the one named, or for the bundled example config
 * the committed snapshots (they hold the example's stacks; another config
 * has no default baseline). `root` is the project folder.
 */
export function chooseBaseline(named: string | undefined, configFile: string, root: string, environment: string): { stacks: Record<string, unknown>; source: string } | undefined {
  const isExample = path.resolve(configFile) === path.resolve(root, "config", "example.yaml");
  const file = named ?? (isExample ? path.join(root, "__snapshots__", "example.test.ts.snap") : undefined);
  if (file === undefined) return undefined;
  return { stacks: loadBaseline(file, isExample, environment), source: shownPath(file) };
}
