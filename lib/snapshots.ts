import * as fs from "fs";
import * as vm from "vm";

/**
 * Reads the stacks stored in a jest snapshot file whose snapshots are the
 * synthesized JSON text of each stack (test/example.test.ts), keyed by stack
 * name: the committed baseline a pull request is compared with.
 */
export function readSnapshotStacks(file: string): Record<string, unknown> {
  const exportsObject: Record<string, string> = {};
  // A .snap file is a CommonJS module of template literals; evaluate it with nothing but `exports` in scope.
  vm.runInNewContext(fs.readFileSync(file, "utf8"), { exports: exportsObject }, { filename: file, timeout: 5000 });
  const stacks: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(exportsObject)) {
    const match = /^example config stack (\S+) matches its snapshot 1$/.exec(key);
    if (!match) continue;
    // Snapshot strings are printed between double quotes, surrounded by newlines.
    const text = value.trim().replace(/^"/, "").replace(/"$/, "");
    stacks[match[1]] = JSON.parse(text);
  }
  return stacks;
}
