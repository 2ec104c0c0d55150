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
    "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } } }],
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  snapshotResolver: "<rootDir>/test/snapshot-resolver.js",
  testTimeout: 120000,
};
