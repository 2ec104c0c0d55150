import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { configRules } from "./rules";
import { toDnsLabel } from "../../constructs/core/names";
import { ConfigError, ConfigProblem, formatPath, shapeProblems, shownPath, valueAt } from "./problems";
import { Config, configSchema } from "./schema";

/** A configuration that passed validation, with the warnings it raised. */
export interface ValidatedConfig {
  readonly config: Config;
  /** Things that work but deserve a look; they never fail synth. */
  readonly warnings: readonly ConfigProblem[];
}

/**
 * Checks a parsed configuration, applies defaults, and returns it with its
 * warnings; throws a ConfigError listing every problem, the shape problems
 * and the rules between values together (see rulesDespite).
 */
export function validateConfig(raw: unknown, source = "config"): ValidatedConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const shape = result.error.issues.flatMap((issue) => shapeProblems(configSchema, issue, raw));
    throw new ConfigError(source, [...shape, ...rulesDespite(raw, result.error.issues)]);
  }
  const { errors, warnings } = configRules(result.data);
  if (errors.length > 0) throw new ConfigError(source, errors);
  return { config: result.data, warnings };
}

const CONFIG_FILE = /\.(ya?ml|json)$/i;

/** The environment a config file names by its file name: `config/Prod_EU.yaml` -> `prod-eu`. */
export function environmentOfFile(file: string): string {
  return toDnsLabel(path.basename(file).replace(CONFIG_FILE, "")) || "default";
}

/** Like validateConfig, for callers that do not print warnings (tests, other apps). */
export function parseConfig(raw: unknown, source = "config"): Config {
  return validateConfig(raw, source).config;
}

/** Reads and checks a YAML (or JSON) configuration file. */
export function loadConfig(file: string): ValidatedConfig {
  const source = shownPath(file);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(source, [{ path: "(file)", message: `cannot be read: ${(e as Error).message}` }]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new ConfigError(source, [{ path: "(file)", message: `is not valid YAML: ${(e as Error).message}` }]);
  }
  // The environment's one default: the name of the file (config/prod.yaml is `prod`), unless the file names one.
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw) && !("environment" in raw)) raw = { environment: environmentOfFile(file), ...raw };
  return validateConfig(raw, source);
}

/**
 * A value of the right shape for every required key, used only to stand in
 * for a value that failed its shape check, so that the rules between values
 * still run on all the others.
 */
const STAND_IN = {
  environment: "x",
  prefix: "x",
  gcp: { region: "us-central1", producerProject: "stand-in-project", routerAsn: 64512, pscNatCidr: "10.255.0.0/29", frontendCidr: "10.255.0.8/29", proxyOnlyCidr: "10.255.0.64/26" },
  aws: {
    region: "us-east-1",
    availabilityZone: "us-east-1a",
    asn: 64513,
    vpcCidr: "10.254.0.0/16",
    publicSubnetCidr: "10.254.0.0/24",
    privateSubnetCidr: "10.254.1.0/24",
    backend: { privateIp: "10.254.1.10", port: 80 },
  },
  tenants: [{ name: "x", project: "stand-in-project-b", gkeNodesCidr: "10.253.0.0/24", podsCidr: "10.253.64.0/18", servicesCidr: "10.253.1.0/24", pscEndpointCidr: "10.253.2.0/24" }],
};

/**
 * The rules between values, run on a config whose shape is wrong: each value
 * that failed its shape check is replaced by a stand-in (or dropped when
 * optional; a bad item of a list drops the list), and any problem that involves a replaced value (its path, or
 * one of the paths it names in `involves`) is left out, so one run reports
 * everything that is really wrong.
 */
function rulesDespite(raw: unknown, issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return [];
  const repaired = structuredClone(raw) as Record<PropertyKey, unknown>;
  const replaced: string[] = [];
  let pending = issues;
  // A stand-in can leave its parent incomplete (a required key of an optional block): each
  // further round replaces one level higher, until the shape holds or the top is reached.
  for (let round = 0; round < 6; round++) {
    for (const issue of pending) {
      if (issue.code === "unrecognized_keys") {
        const parent = valueAt(repaired, issue.path);
        if (parent !== null && typeof parent === "object") for (const key of issue.keys) delete (parent as Record<string, unknown>)[key];
        continue;
      }
      // An item of a list other than tenants has no stand-in: the whole list goes (it is optional or has a default).
      const item = issue.path.findIndex((seg, i) => typeof seg === "number" && issue.path[i - 1] !== "tenants");
      const base = item === -1 ? issue.path : issue.path.slice(0, item);
      const at = base.slice(0, Math.max(0, base.length - round));
      if (at.length === 0) return [MORE_AFTER_FIXES];
      replaced.push(formatPath(at));
      const standIn = round === 0 ? valueAt(STAND_IN, at.map((seg, i) => (typeof seg === "number" && at[i - 1] === "tenants" ? 0 : seg))) : undefined;
      setAt(repaired, at, standIn === undefined ? undefined : structuredClone(standIn));
    }
    const again = configSchema.safeParse(repaired);
    if (again.success) {
      const involves = (problem: ConfigProblem) =>
        [problem.path, ...(problem.involves ?? [])].some((mentioned) => replaced.some((path) => isPathPrefix(path, mentioned) || isPathPrefix(mentioned, path)));
      return configRules(again.data).errors.filter((problem) => !involves(problem));
    }
    pending = again.error.issues;
  }
  return [MORE_AFTER_FIXES];
}

/** Said when the rules between values could not run around the shape problems. */
const MORE_AFTER_FIXES: ConfigProblem = { path: "(config)", message: "has more checks (overlaps, names, capacity) that run once the problems above are fixed" };

function isPathPrefix(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

function setAt(root: Record<PropertyKey, unknown>, segments: readonly PropertyKey[], value: unknown): void {
  let current: unknown = root;
  for (const seg of segments.slice(0, -1)) {
    if (current === null || typeof current !== "object") return;
    current = (current as Record<PropertyKey, unknown>)[seg];
  }
  if (current === null || typeof current !== "object") return;
  const last = segments[segments.length - 1];
  if (value === undefined) delete (current as Record<PropertyKey, unknown>)[last];
  else (current as Record<PropertyKey, unknown>)[last] = value;
}
