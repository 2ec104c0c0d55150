/**
 * The tests `npm run mutate` (Stryker) runs against each mutant: every suite
 * that runs in-process. The end-to-end suites spawn the CLI, terraform and a
 * registry; a mutant in the kernel never reaches them through coverage.
 * @type {import('jest').Config}
 */
module.exports = {
  ...require("./jest.config.js"),
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
};
