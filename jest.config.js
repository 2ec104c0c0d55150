/**
 * Tests run through @swc/jest (no type-checking in jest: `npm test` runs
 * `tsc --noEmit` once first), which is several times faster than ts-jest.
 * Snapshots live in the top-level __snapshots__/ (see test/snapshot-resolver.js).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", require("./scripts/swc.js")],
  },
  // The package's own names, as tsconfig.json's paths has them (the README's examples import them).
  moduleNameMapper: {
    "^@psc-hybrid/gke-aws-psc$": "<rootDir>/constructs/index.ts",
    "^@psc-hybrid/gke-aws-psc/app$": "<rootDir>/lib/index.ts",
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  snapshotResolver: "<rootDir>/test/snapshot-resolver.js",
  testTimeout: 120000,
};
