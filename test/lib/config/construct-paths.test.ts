import { Token } from "cdktf";
import { PropsValidator } from "../../../constructs/core/validation";
import { configRules } from "../../../lib/config/rules";
import type { Config } from "../../../lib/config/schema";
import { INNER, VALIDATORS, VARIANTS, watched } from "./props-support";

// The config runs each construct's rules with every prop named by the
// config path it comes from, so a problem names what the user edits. This
// checks each name against the config: every value a rule reads (but the
// stand-ins for values known only at apply) is named by a config path, and
// that path holds the value, or a part of it (a name made from the prefix).

/** Every validate function the config rules call (the inner constructs' are called by the outer ones). */
const CHECKED = VALIDATORS.filter(([name]) => !INNER.has(name)).map(([, target, method]) => [target, method] as const);

interface NamedRead {
  readonly construct: string;
  readonly field: string;
  readonly value: unknown;
  /** The config path the rules name the field by. */
  readonly path: string;
}

/** Every value the config's construct rules read for `config`, with the name they give it. */
function namedReads(config: Config): NamedRead[] {
  const reads: NamedRead[] = [];
  const spies = CHECKED.map(([target, method]) => {
    const original = (target as any)[method] as (props: unknown, v: PropsValidator) => void;
    return jest.spyOn(target as any, method).mockImplementation((props: unknown, validator: unknown) => {
      const v = validator as PropsValidator;
      original.call(target, watched(props, "", (field, value) => reads.push({ construct: v.owner, field, value, path: v.name(field) })), v);
    });
  });
  try {
    configRules(config);
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  return reads;
}

/** The value at a config path (`a.b[0].c`). */
function valueAt(config: Config, path: string): unknown {
  return path.split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== "").reduce<any>((v, key) => v?.[key], config);
}

/** A stand-in, not a configured value: unknown until apply, or empty. */
const standIn = (value: unknown) => value === undefined || value === "" || (typeof value === "string" && Token.isUnresolved(value));

/** Values the app sets, not the config (each a prefix of `<construct> <field>`): no config path holds them. */
const APP_VALUES = [
  // No flow logs on the subnets without VMs (producer-stack.ts, consumer-stack.ts).
  "VpcNetwork flowLogSampling",
  // The in-cluster API Service's name (API_SERVICE_NAME).
  "ClusterApiService serviceName",
  // The deploy role's statements come from the aws stack: the config rules pass a stand-in.
  "GithubOidcRole statements",
];

describe.each(VARIANTS)("for %s", (_name, variant) => {
  test("every value a construct rule reads is named by the config path that holds it (or a part of it)", () => {
    const config = variant();
    const wrong = namedReads(config)
      // A list's length is no value of its own: its rules name the list.
      .filter((read) => !standIn(read.value) && !read.field.endsWith("[length]") && !(read.path.startsWith("(") && APP_VALUES.some((set) => `${read.construct} ${read.field}`.startsWith(set))))
      .filter((read) => {
        if (!/^[a-z]/i.test(read.path)) return true;
        const configured = valueAt(config, read.path);
        // A default the app fills in, or a value made from several (a list of ranges): nothing to compare.
        if (configured === undefined || typeof configured === "object" || configured === read.value) return false;
        return !(typeof read.value === "string" && (typeof configured === "string" || typeof configured === "number") && read.value.includes(String(configured).replace(/\.$/, "")));
      })
      .map((read) => `${read.construct} ${read.field}=${JSON.stringify(read.value)} named "${read.path}"`);
    expect([...new Set(wrong)]).toEqual([]);
  });
});
