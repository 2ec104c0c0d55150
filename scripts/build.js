// `npm run build` (and prepack): the package's dist/, compiled by tsc from
// scratch. Only clean builds: an incremental one can print the members of a
// declaration's union type in another order, which the API report flags.
// A clean build's output is kept under node_modules/.cache/psc-hybrid/build,
// named by a hash of everything that goes into it (the sources, the
// tsconfigs, the lockfile that pins the compiler and the type packages, this
// file);
// while that hash is unchanged, dist/ is a copy of the build it names.
"use strict";
const { execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const INPUTS = ["scripts/build.js", "tsconfig.json", "tsconfig.build.json", "package-lock.json", "lib", "constructs"];

/** The files under INPUTS, each path relative to the project. */
function inputFiles() {
  return INPUTS.flatMap((entry) => {
    const full = path.join(ROOT, entry);
    if (!fs.statSync(full).isDirectory()) return [entry];
    return fs
      .readdirSync(full, { recursive: true })
      .map((name) => path.join(entry, name))
      .filter((file) => fs.statSync(path.join(ROOT, file)).isFile());
  });
}

function hashOfInputs() {
  const hash = crypto.createHash("sha256");
  for (const file of inputFiles().sort()) hash.update(`${file}\0`).update(fs.readFileSync(path.join(ROOT, file))).update("\0");
  return hash.digest("hex").slice(0, 32);
}

const cached = path.join(ROOT, "node_modules", ".cache", "psc-hybrid", "build", hashOfInputs());
fs.rmSync(DIST, { recursive: true, force: true });
if (!fs.existsSync(cached)) {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "inherit" });
  // Kept whole or not at all (another build may run at the same time).
  const partial = `${cached}.${process.pid}`;
  fs.cpSync(DIST, partial, { recursive: true });
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  try {
    fs.renameSync(partial, cached);
  } catch {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  // The five builds used last stay (switching branches back and forth); older ones go.
  const builds = fs
    .readdirSync(path.dirname(cached))
    .filter((name) => !name.includes(".")) // not another build's work in progress
    .map((name) => path.join(path.dirname(cached), name));
  builds.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  for (const old of builds.slice(5)) fs.rmSync(old, { recursive: true, force: true });
} else {
  fs.cpSync(cached, DIST, { recursive: true });
  const now = new Date();
  fs.utimesSync(cached, now, now);
}
