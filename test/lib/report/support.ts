import * as path from "path";
import { ReplacementRisk, replacementRisks } from "../../../lib/report/replacement";
import { readSnapshots, readSnapshotStacks } from "../../../lib/report/baselines";
import { exampleWith, synthApp, TerraformJson } from "../../helpers";

// What the replacement tests share: the baseline (the example's committed
// snapshots), the current stacks of a config edit or of an edited baseline,
// and ways to read the risks.

export type Stacks = Record<string, TerraformJson>;
const SNAPSHOTS = path.join(__dirname, "..", "..", "..", "__snapshots__", "example.test.ts.snap");
export const baseline = readSnapshotStacks(SNAPSHOTS) as Stacks;

/** The transit-gateway variant's aws stack, as test/lib/stacks/vpn.test.ts committed it. */
export function tgwAwsSnapshot(): TerraformJson {
  return JSON.parse(readSnapshots(path.join(__dirname, "..", "..", "..", "__snapshots__", "vpn.test.ts.snap"))["routing TGW variant matches its snapshot 1"]);
}

/** The app's stacks for the example with `edit` applied to its config. */
export function synth(edit: (c: any) => void): Stacks {
  return Object.fromEntries(Object.entries(synthApp(exampleWith(edit)).byName).map(([name, s]) => [name, s.json]));
}

/** A copy of the baseline with `edit` applied: a change no config key makes (yet). */
export function edited(edit: (stacks: Stacks) => void): Stacks {
  const copy = structuredClone(baseline) as any;
  edit(copy);
  return copy;
}

export const of = (risks: ReplacementRisk[], kind: ReplacementRisk["kind"], stack?: string) => risks.filter((r) => r.kind === kind && (stack === undefined || r.stack === stack));
export const types = (risks: ReplacementRisk[]) => risks.map((r) => r.address!.split(".")[0]).sort();
export const idOf = (stacks: Stacks, stack: string, type: string, name: string) => Object.entries(stacks[stack].resource![type]).find(([, r]) => r.name === name)![0];

/** The risks as `<kind> <stack> <type>` lines, one per type (` xN` when N resources of it), in report order. */
export function summary(risks: ReplacementRisk[]): string[] {
  const counts = new Map<string, Set<string>>();
  for (const r of risks) {
    const line = r.address === undefined ? `${r.kind} ${r.stack}` : `${r.kind} ${r.stack} ${r.address.split(".")[0]}`;
    counts.set(line, (counts.get(line) ?? new Set()).add(r.address ?? r.stack));
  }
  return [...counts].map(([line, addresses]) => (addresses.size > 1 ? `${line} x${addresses.size}` : line));
}

/** The risks in one stack, as `address: change (before -> after)` (addresses without their hash). */
export const risksIn = (stack: string, current: Stacks, before: Stacks = baseline) =>
  replacementRisks(before, current)
    .filter((r) => r.stack === stack)
    .map((r) => `${r.address!.replace(/_[0-9A-F]{8}$/, "")}: ${r.change} (${r.before} -> ${r.after})`);
