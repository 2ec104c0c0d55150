// Writes every snapshot to the top-level __snapshots__/ folder, named after
// its test file, so reviewers find all synthesized stacks in one place.
// Test file names are unique across test/ (the resolver maps them back).
const fs = require("fs");
const path = require("path");

const snapshotDir = path.join(__dirname, "..", "__snapshots__");

/** Every test file under test/, by file name. */
function testsByName() {
  const out = new Map();
  for (const file of fs.readdirSync(__dirname, { recursive: true })) {
    if (file.endsWith(".test.ts")) out.set(path.basename(file), path.join(__dirname, file));
  }
  return out;
}

module.exports = {
  resolveSnapshotPath: (testPath, snapshotExtension) => path.join(snapshotDir, path.basename(testPath) + snapshotExtension),
  resolveTestPath: (snapshotPath, snapshotExtension) => {
    const name = path.basename(snapshotPath, snapshotExtension);
    return testsByName().get(name) ?? path.join(__dirname, name);
  },
  testPathForConsistencyCheck: path.join(__dirname, "example.test.ts"),
};
