import * as crypto from "crypto";
import * as fs from "fs";
import Module = require("module");
import * as path from "path";
import * as vm from "vm";

/**
 * A V8 code cache for the packages the app loads: cdktf, the provider
 * bindings (20 MB of JavaScript), zod, yaml. Parsing and compiling them is
 * most of a synth's time; with the cache, a run after the first reads the
 * bytecode instead. Node 22 has this built in (`module.enableCompileCache`);
 * Node 20, which this project supports, does not.
 *
 * The cache is written once, when the process exits (so it holds the
 * functions the run compiled, not only the top level), under
 * `<node_modules>/.cache/psc-hybrid/v8-<node version>-<arch>-<flags>/` (or
 * PSC_CACHE_DIR), one file per module, keyed by the module's path and, for a
 * package's file, its size and modification time (a reinstalled or upgraded
 * package gets a new entry), for the project's own, its content. V8 refuses
 * data from another V8 or other flags (that module is then compiled as usual
 * and its entry written again).
 *
 * Required first by main.ts, so it applies to everything main.ts loads.
 * PSC_CODE_CACHE=0 turns it off; so does `--enable-source-maps`.
 */
function enableCodeCache(): void {
  const modules = path.dirname(path.dirname(require.resolve("cdktf/package.json")));
  const project = path.dirname(modules) + path.sep;
  const root = process.env.PSC_CACHE_DIR ?? path.join(modules, ".cache", "psc-hybrid");
  // V8 refuses data made under other flags (the cdktf CLI runs the app with --max-old-space-size=4096):
  // each set of flags gets its own cache, so switching between `node app.js` and `cdktf synth` keeps both.
  const flags = crypto.createHash("sha1").update(`${process.execArgv.join(" ")}\0${process.env.NODE_OPTIONS ?? ""}`).digest("hex").slice(0, 8);
  const dir = path.join(root, `v8-${process.version}-${process.arch}-${flags}`);
  const toWrite: Array<[string, vm.Script]> = [];
  const proto = Module.prototype as unknown as ModuleInternals;
  const compile = proto._compile;

  proto._compile = function compileWithCache(this: ModuleInternals, content: string, filename: string) {
    // A package's file, or the project's own (the one whose node_modules this is; not a copy elsewhere,
    // whose entries would pile up); not a module with a dynamic import(), which a script compiled from
    // cached data cannot run.
    const installed = filename.includes(`${path.sep}node_modules${path.sep}`);
    if ((!installed && !filename.startsWith(project)) || /\bimport\s*\(/.test(content)) return compile.call(this, content, filename);
    // A package's file by its size and modification time (an install writes new ones; hashing 20 MB
    // would cost what the cache saves); the project's own, which change in place, by their content.
    const stat = installed ? fs.statSync(filename) : undefined;
    const version = stat ? `${stat.size}\0${stat.mtimeMs}` : crypto.createHash("sha1").update(content).digest("hex");
    const key = crypto.createHash("sha1").update(`${filename}\0${version}`).digest("hex");
    const file = path.join(dir, key);
    let cachedData: Buffer | undefined;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      // first run with this file
    }
    // A hashbang is valid only at the very start of a script, and the wrapper comes first.
    const source = content.startsWith("#!") ? `//${content.slice(2)}` : content;
    const script = new vm.Script(Module.wrap(source), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) toWrite.push([file, script]);
    const wrapper = script.runInThisContext({ displayErrors: true });
    // What node's own loader passes a module: its require, with resolve, cache, main and extensions.
    const moduleRequire = Object.assign((id: string) => this.require(id), {
      resolve: Object.assign((request: string, options?: { paths?: string[] }) => ModuleStatics._resolveFilename(request, this, false, options), {
        paths: (request: string) => ModuleStatics._resolveLookupPaths(request, this),
      }),
      cache: ModuleStatics._cache,
      main: require.main,
      extensions: ModuleStatics._extensions,
    });
    return wrapper.call(this.exports, this.exports, moduleRequire, this, filename, path.dirname(filename));
  };

  process.once("exit", () => {
    if (toWrite.length === 0) return;
    try {
      fs.mkdirSync(dir, { recursive: true });
      for (const [file, script] of toWrite) {
        // Whole or not at all, whatever else runs at the same time.
        const partial = `${file}.${process.pid}`;
        fs.writeFileSync(partial, script.createCachedData());
        fs.renameSync(partial, file);
      }
    } catch {
      // A cache that cannot be written (read-only install) costs speed, not correctness.
    }
  });
}

/** The parts of node's CommonJS loader this uses (internal, stable since Node 12, used the same way by v8-compile-cache). */
interface ModuleInternals {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
const ModuleStatics = Module as unknown as {
  _resolveFilename(request: string, parent: ModuleInternals, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: ModuleInternals): string[] | null;
  _cache: Record<string, unknown>;
  _extensions: Record<string, unknown>;
};

/** Node maps stack traces through source maps only for modules its own loader compiled. */
const sourceMapsEnabled = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].includes("--enable-source-maps");

if (process.env.PSC_CODE_CACHE !== "0" && !sourceMapsEnabled) enableCodeCache();
