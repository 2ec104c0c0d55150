// First: the packages this loads are read from the V8 code cache (lib/code-cache.ts).
import "./code-cache";
import * as fs from "fs";
import * as path from "path";
import { UserError } from "../constructs/core/errors";
import { loadConfig } from "./config/load";
import { kindOfStack, StackKind } from "./pipeline";

const USAGE = "usage: npm run pipeline -- environments <owner/repo> <branch> [<environment>] | kinds <cdktf.out>";

/**
 * The deploy workflow's questions, answered from the repository's own files:
 * - `environments <owner/repo> <branch> [<environment>]`: the environments
 *   (config/<environment>.yaml) whose `pipeline` names this repository and
 *   branch, as a JSON list; with an environment, that one only, or an error
 *   saying why it is not deployable from here.
 * - `kinds <cdktf.out>`: the kinds of stack a synth holds (JSON list), so
 *   the waves skip the kinds an environment does not have.
 */
function main([command, ...args]: string[]): void {
  if (command === "environments" && args.length >= 2) console.log(JSON.stringify(environments(args[0], args[1], args[2] || undefined)));
  else if (command === "kinds" && args.length === 1) console.log(JSON.stringify(kinds(args[0])));
  else {
    console.error(USAGE);
    process.exitCode = 2;
  }
}

export function environments(repository: string, branch: string, only?: string, folder = "config"): string[] {
  const out: string[] = [];
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith(".yaml")).sort()) {
    const name = path.basename(file, ".yaml");
    if (only !== undefined && name !== only) continue;
    const { config } = loadConfig(path.join(folder, file));
    const pipeline = config.pipeline;
    const why =
      pipeline === undefined
        ? "has no pipeline block"
        : pipeline.repository.toLowerCase() !== repository.toLowerCase()
          ? `names repository ${pipeline.repository}, not ${repository}`
          : pipeline.branch !== branch
            ? `deploys from branch ${pipeline.branch}, not ${branch}`
            : config.environment !== name
              ? `is environment ${config.environment}: the workflow reads config/<environment>.yaml, so name the file ${config.environment}.yaml`
              : undefined;
    if (why === undefined) out.push(name);
    else if (only !== undefined) throw new UserError(`${folder}/${file}`, [{ path: "pipeline", message: `${why}: the deploy workflow does not deploy it from here` }]);
  }
  if (only !== undefined && out.length === 0 && !fs.existsSync(path.join(folder, `${only}.yaml`))) throw new UserError(`${folder}/${only}.yaml`, [{ path: "environment", message: "has no config file: the deploy workflow reads config/<environment>.yaml" }]);
  return out;
}

export function kinds(outdir: string): StackKind[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  const found = Object.keys(manifest.stacks).map(kindOfStack).filter((k): k is StackKind => k !== undefined);
  return [...new Set(found)].sort();
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    if (!UserError.isUserError(e)) throw e;
    console.error(e.message);
    process.exitCode = 1;
  }
}
