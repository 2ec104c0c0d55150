// Runs the project's TypeScript under plain `node`: `node -r ./scripts/ts.js some.ts`.
//
// Only the project's own .ts files pass through here; cdktf and the provider
// bindings (20 MB of JavaScript) load as node loads any package. Each .ts file
// is compiled once (swc, the transpiler the tests use: types stripped, no
// type-check, which `npm test` does), and the JavaScript is kept under
// node_modules/.cache/psc-hybrid/ts, one file per source file, stamped with a
// hash of the source, swc's version and this file: while none of them
// changes, the file is never compiled again, and a changed file alone is
// recompiled.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const SWC_OPTIONS = require("./swc.js");

const ROOT = path.join(__dirname, "..");
/** PSC_CACHE_DIR moves every cache of the app (this one and the code cache, lib/code-cache.ts). */
const CACHE = path.join(process.env.PSC_CACHE_DIR ?? path.join(ROOT, "node_modules", ".cache", "psc-hybrid"), "ts");
/** What else decides the output: the compiler and how it is called. */
const COMPILER = `${require("@swc/core/package.json").version}\0${fs.readFileSync(__filename, "utf8")}\0${JSON.stringify(SWC_OPTIONS)}`;

let swc;
function compile(source, filename) {
  swc ??= require("@swc/core");
  return swc.transformSync(source, {
    ...SWC_OPTIONS,
    filename,
    // Inline: `node --enable-source-maps app.js` maps a stack trace to .ts lines (not on by
    // default: node would then look for the source map of every provider file, +0.3 s). The map
    // names the file beside it, so the output is the same wherever the project is.
    sourceMaps: "inline",
    sourceFileName: path.basename(filename),
    swcrc: false,
    module: { type: "commonjs" },
  }).code;
}

function compiled(filename) {
  const source = fs.readFileSync(filename, "utf8");
  // Last, so the source map's lines stay the file's.
  const stamp = `\n// ${crypto.createHash("sha1").update(`${COMPILER}\0${source}`).digest("hex")}\n`;
  // One cache file per path in the project (a copy of the project elsewhere shares it).
  const cached = path.join(CACHE, `${path.relative(ROOT, filename).replace(/[\\/]/g, "__")}.js`);
  try {
    const code = fs.readFileSync(cached, "utf8");
    if (code.endsWith(stamp)) return code;
  } catch {
    // not compiled yet
  }
  const code = compile(source, filename) + stamp;
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    // Written whole or not at all, whatever runs at the same time.
    const partial = `${cached}.${process.pid}`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, cached);
  } catch {
    // A cache that cannot be written costs speed, not correctness.
  }
  return code;
}

require.extensions[".ts"] = function loadTypeScript(module, filename) {
  module._compile(compiled(filename), filename);
};
