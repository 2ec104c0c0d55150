#!/usr/bin/env node
// npm run mutate [-- [--force] <group>...]: mutation testing (Stryker) of the pure logic,
// one group of source files at a time, each against its own test files
// (per-file test selection: a mutant run loads a few test files, not the
// suite), incrementally (test/mutation/<group>.incremental.json, committed:
// only mutants whose code or tests changed run again). Prints the score per file.
// Not part of npm test or CI; the README says when to run it.
"use strict";
const fs = require("fs");
const path = require("path");

/** Each group: the files Stryker mutates, and the tests that own their behaviour. */
const GROUPS = {
  cidr: {
    mutate: ["constructs/core/cidr.ts", "constructs/core/asn.ts", "constructs/core/limits.ts"],
    tests: ["test/constructs/core/cidr.test.ts", "test/constructs/core/asn.test.ts", "test/constructs/core/generative.test.ts", "test/constructs/core/validation.test.ts"],
  },
  names: {
    mutate: ["constructs/core/names.ts"],
    tests: ["test/constructs/core/names.test.ts", "test/constructs/core/generative.test.ts"],
  },
  validation: {
    mutate: ["constructs/core/validation.ts"],
    tests: ["test/constructs/core/validation.test.ts", "test/constructs/core/cidr.test.ts", "test/lib/config/construct-rules.test.ts"],
  },
  policy: {
    mutate: ["constructs/core/policy.ts"],
    tests: ["test/constructs/core/policy.test.ts"],
  },
  // The config rules in two halves, each against the tests that own it: every config test
  // validates a whole config, so each mutant runs every test of its group.
  "config-rules": {
    mutate: ["lib/config/rules.ts:1-404"],
    tests: ["test/lib/config/cross-rules.test.ts", "test/lib/config/config.test.ts", "test/lib/config/routed-tenants.test.ts", "test/lib/config/aws-choices.test.ts"],
  },
  "config-constructs": {
    mutate: ["lib/config/rules.ts:405-769"],
    tests: ["test/lib/config/construct-paths.test.ts", "test/lib/config/construct-checks.test.ts", "test/lib/config/construct-rules.test.ts"],
  },
  plan: {
    mutate: ["lib/plan.ts"],
    tests: ["test/lib/plan.test.ts", "test/lib/config/aws-choices.test.ts", "test/lib/config/routed-tenants.test.ts"],
  },
  replacement: {
    mutate: ["lib/report/replacement.ts"],
    tests: ["test/lib/report/replacement.test.ts"],
  },
};

const REPORTS = path.join("reports", "mutation");
/** The last run's results, committed: a run from a fresh clone tests only what changed since. */
const INCREMENTAL = path.join("test", "mutation");
const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

async function main() {
  const args = process.argv.slice(2);
  // --force: test every mutant again. Stryker's incremental mode keeps the result of a mutant in module-level
  // code (a table, a rule's words) even when a new test would now kill it; run with --force after adding such tests.
  const force = args.includes("--force");
  // --survivors: test again only the mutants the last run left undetected (and, as always, those whose code or tests
  // changed): what --force is for, at a fraction of its time.
  const retestSurvivors = args.includes("--survivors");
  const names = args.filter((a) => a !== "--force" && a !== "--survivors");
  const unknown = names.filter((n) => !(n in GROUPS));
  if (unknown.length > 0) throw new Error(`unknown group ${unknown.join(", ")}; groups are ${Object.keys(GROUPS).join(", ")}`);
  const { Stryker } = await import("@stryker-mutator/core");
  fs.mkdirSync(REPORTS, { recursive: true });
  const rows = [];
  const survivors = [];
  for (const name of names.length > 0 ? names : Object.keys(GROUPS)) {
    const group = GROUPS[name];
    process.env.PSC_MUTATE_TESTS = group.tests.join(",");
    if (retestSurvivors) forgetUndetected(path.join(INCREMENTAL, `${name}.incremental.json`));
    const started = Date.now();
    const results = await new Stryker({
      mutate: group.mutate,
      incrementalFile: path.join(INCREMENTAL, `${name}.incremental.json`),
      force,
      jsonReporter: { fileName: path.join(REPORTS, `${name}.json`) },
      htmlReporter: { fileName: path.join(REPORTS, `${name}.html`) },
    }).runMutationTest();
    const seconds = Math.round((Date.now() - started) / 1000);
    for (const spec of group.mutate) {
      // `file:from-to` mutates those lines only.
      const [file, lines] = spec.split(":");
      const [from, to] = lines === undefined ? [1, Infinity] : lines.split("-").map(Number);
      const own = results.filter((r) => path.relative(process.cwd(), path.resolve(r.fileName)) === file && r.location.start.line + 1 >= from && r.location.start.line + 1 <= to);
      const detected = own.filter((r) => DETECTED.has(r.status)).length;
      const undetected = own.filter((r) => UNDETECTED.has(r.status));
      survivors.push(...undetected.map((r) => `${file}:${r.location.start.line + 1}:${r.location.start.column + 1} ${r.status} ${r.mutatorName}: ${JSON.stringify(r.replacement ?? "")}`));
      const score = detected + undetected.length === 0 ? 100 : (100 * detected) / (detected + undetected.length);
      rows.push({ group: name, file: spec, mutants: own.length, detected, undetected: undetected.length, score: score.toFixed(1), seconds });
    }
  }
  fs.writeFileSync(path.join(REPORTS, "survivors.txt"), survivors.join("\n") + "\n");
  console.log("\nmutation score (killed + timed out, of those the tests could see; compile errors left out):");
  console.table(rows);
  console.log(`undetected mutants, one per line: ${path.join(REPORTS, "survivors.txt")}`);
}

/** Drops the undetected mutants from an incremental file, so that Stryker tests them again. */
function forgetUndetected(file) {
  if (!fs.existsSync(file)) return;
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const result of Object.values(report.files)) result.mutants = result.mutants.filter((m) => !UNDETECTED.has(m.status));
  fs.writeFileSync(file, JSON.stringify(report));
}

module.exports = { GROUPS };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
