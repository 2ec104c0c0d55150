/**
 * The tests `npm run mutate` (scripts/mutate.js) runs against each mutant of
 * one group of source files: only that group's test files (PSC_MUTATE_TESTS,
 * comma-separated paths under test/), so a mutant run loads a few files, not
 * the suite. Jest filters tests by name inside the files it loads.
 * @type {import('jest').Config}
 */
const tests = (process.env.PSC_MUTATE_TESTS ?? "").split(",").filter(Boolean);
if (tests.length === 0) throw new Error("jest.mutate.config.js: set PSC_MUTATE_TESTS (npm run mutate does)");
module.exports = {
  ...require("./jest.config.js"),
  testMatch: tests.map((file) => `<rootDir>/${file}`),
};
