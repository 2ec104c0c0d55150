// Runs the project's TypeScript under plain `node`: `node -r ./scripts/ts.js some.ts`.
//
// Only the project's own .ts files pass through here; cdktf and the provider
// bindings (20 MB of JavaScript) load as node loads any package. Each .ts file
// is compiled once (swc, the transpiler the tests use: types stripped, no
// type-check, which `npm test` does), and the JavaScript is kept under
// node_modules/.cache/psc-hybrid/ts, one file per source, stamped with a hash
// of the source: while a file is unchanged it is never compiled again, and a
// changed file alone is recompiled.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const CACHE = path.join(ROOT, "node_modules", ".cache", "psc-hybrid", "ts");
/** The first line of every cached file: the hash of the source it was compiled from. */
const STAMP = "// source sha1 ";

let swc;
function compile(source, filename) {
  swc ??= require("@swc/core");
  return swc.transformSync(source, {
    filename,
    // Inline: `node --enable-source-maps app.js` maps a stack trace to .ts lines (not on by
    // default: node would then look for the source map of every provider file, +0.3 s).
    sourceMaps: "inline",
    swcrc: false,
    jsc: { target: "es2022", parser: { syntax: "typescript" } },
    module: { type: "commonjs" },
  }).code;
}

function compiled(filename) {
  const source = fs.readFileSync(filename, "utf8");
  const stamp = `${STAMP}${crypto.createHash("sha1").update(source).digest("hex")}\n`;
  // One cache file per source file (its inline source map names the file).
  const cached = path.join(CACHE, `${path.basename(filename, ".ts")}-${crypto.createHash("sha1").update(filename).digest("hex").slice(0, 16)}.js`);
  try {
    const code = fs.readFileSync(cached, "utf8");
    if (code.startsWith(stamp)) return code;
  } catch {
    // not compiled yet
  }
  const code = stamp + compile(source, filename);
  fs.mkdirSync(CACHE, { recursive: true });
  // Written whole or not at all, whatever runs at the same time.
  const partial = `${cached}.${process.pid}`;
  fs.writeFileSync(partial, code);
  fs.renameSync(partial, cached);
  return code;
}

require.extensions[".ts"] = function loadTypeScript(module, filename) {
  module._compile(compiled(filename), filename);
};
