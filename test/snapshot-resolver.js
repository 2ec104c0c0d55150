// Writes every snapshot to the top-level __snapshots__/ folder, named after
// its test file, so reviewers find all synthesized stacks in one place.
const path = require("path");

const snapshotDir = path.join(__dirname, "..", "__snapshots__");

module.exports = {
  resolveSnapshotPath: (testPath, snapshotExtension) =>
    path.join(snapshotDir, path.basename(testPath) + snapshotExtension),
  resolveTestPath: (snapshotPath, snapshotExtension) =>
    path.join(__dirname, path.basename(snapshotPath, snapshotExtension)),
  testPathForConsistencyCheck: path.join(__dirname, "example.test.ts"),
};
