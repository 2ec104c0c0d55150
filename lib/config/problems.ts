import * as path from "path";
import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { describeProblem, Problem, UserError } from "../../constructs/core/errors";

/** One problem found in a configuration: a config path, the message, the other paths it involves. */
export type ConfigProblem = Problem;

/** Raised when a configuration has problems; lists all of them. */
export class ConfigError extends UserError {}


/** A file path as the user reads it: relative to where the app runs, absolute when outside it. */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(file) : relative.split(path.sep).join("/");
}

/** A config path as the user reads it: `tenants[1].podsCidr`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return "(top level)";
  return segments.reduce<string>((acc, seg) => {
    if (typeof seg === "number") return `${acc}[${seg}]`;
    return acc === "" ? String(seg) : `${acc}.${String(seg)}`;
  }, "");
}

/** The value at a path of parsed YAML, or undefined. */
export function valueAt(raw: unknown, segments: readonly PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const seg of segments) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[seg];
  }
  return current;
}

/** Turns one zod issue into config-path problems with the value found. */
export function shapeProblems(schema: z.ZodType, issue: z.core.$ZodIssue, raw: unknown): ConfigProblem[] {
  const at = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const { known, others } = knownKeys(schema, issue.path, raw);
    return issue.keys.map((key) => {
      const path = at === "(top level)" ? key : `${at}.${key}`;
      const elsewhere = others.find((o) => o.keys.includes(key));
      if (elsewhere !== undefined) return { path, message: `is a key of a ${elsewhere.kind} ${elsewhere.what}, not of this ${elsewhere.current} one. Fix: remove it, or set kind: ${elsewhere.kind}` };
      const near = known.length > 0 ? closest(key, known) : undefined;
      const fix = near !== undefined && distance(key, near) <= 2 ? `did you mean '${near}'?` : `remove it, or use one of: ${known.join(", ")}`;
      return { path, message: `is not a known key. Fix: ${fix}` };
    });
  }
  const value = valueAt(raw, issue.path);
  if (issue.code === "invalid_type") {
    if (value === null && issue.path.length === 0) return [{ path: at, message: "is empty: a config needs at least prefix, gcp, aws and tenants (config/example.yaml shows every key)" }];
    if (value === undefined) return [{ path: at, message: issue.message.startsWith("is required") ? issue.message : `is required (${issue.expected})` }];
    return [{ path: at, message: describeProblem(`must be ${TYPE_NAMES[issue.expected] ?? article(issue.expected)}`, value, quotedFix(issue.expected, value)) }];
  }
  const [rule, fix] = issue.message.split(". Fix: ");
  return [{ path: at, message: describeProblem(rule, value, fix) }];
}

/**
 * The keys the schema accepts at a path (for unknown-key messages). Where a
 * list item is one of several kinds (a tenant: psc or routed), the item's
 * own `kind` picks the keys, and the other kinds' keys are named apart.
 */
function knownKeys(root: z.ZodType, segments: readonly PropertyKey[], raw: unknown): { known: string[]; others: Array<{ kind: string; current: string; what: string; keys: string[] }> } {
  let schema: z.ZodType = root;
  const pick = (at: readonly PropertyKey[]) => {
    schema = unwrap(schema);
    if (!(schema instanceof z.ZodDiscriminatedUnion)) return [];
    const options = schema.options as z.ZodObject[];
    const kindOf = (o: z.ZodObject) => String((unwrap(o.shape.kind as z.ZodType) as z.ZodLiteral).value);
    const given = (valueAt(raw, at) as { kind?: unknown } | undefined)?.kind;
    const chosen = options.find((o) => kindOf(o) === given) ?? options[0];
    schema = chosen;
    const what = typeof at[at.length - 2] === "string" ? String(at[at.length - 2]).replace(/s$/, "") : "item";
    return options.filter((o) => o !== chosen).map((o) => ({ kind: kindOf(o), current: kindOf(chosen), what, keys: Object.keys(o.shape).filter((k) => !(k in chosen.shape)) }));
  };
  segments.forEach((seg, i) => {
    pick(segments.slice(0, i));
    if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodObject) schema = schema.shape[seg as string] as z.ZodType;
  });
  const others = pick(segments);
  return { known: schema instanceof z.ZodObject ? Object.keys(schema.shape) : [], others };
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** A fix for a number or boolean written in quotes (or as a YAML word that is not a boolean). */
function quotedFix(expected: string, value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if ((expected === "number" || expected === "int") && value.trim() !== "" && !Number.isNaN(Number(value))) return `write ${Number(value)} without quotes`;
  if (expected === "boolean") {
    const word = value.toLowerCase();
    if (["yes", "on", "true", "y"].includes(word)) return "write true";
    if (["no", "off", "false", "n"].includes(word)) return "write false";
  }
  return undefined;
}

/** Zod's type names in the words of a YAML file. */
const TYPE_NAMES: Record<string, string> = { int: "a whole number", array: "a list", object: "a mapping", boolean: "true or false" };

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
