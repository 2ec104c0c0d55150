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
const CHECKED = VALIDATORS.filter(([name]) => !INNER.has(name));

interface NamedRead {
  /** The construct whose validate function read it (`VpcNetwork` for its subnets too). */
  readonly construct: string;
  /** The construct the rules run it as (named in the problems of its unmapped props). */
  readonly owner: string;
  readonly field: string;
  readonly value: unknown;
  /** The config path the rules name the field by. */
  readonly path: string;
}

/** Every value the config's construct rules read for `config`, with the name they give it. */
function namedReads(config: Config): NamedRead[] {
  const reads: NamedRead[] = [];
  const spies = CHECKED.map(([name, target, method]) => {
    const original = (target as any)[method] as (props: unknown, v: PropsValidator) => void;
    const construct = name.split(" ")[0];
    return jest.spyOn(target as any, method).mockImplementation((props: unknown, validator: unknown) => {
      const v = validator as PropsValidator;
      original.call(target, watched(props, "", (field, value) => reads.push({ construct, owner: v.owner, field, value, path: v.name(field) })), v);
    });
  });
  try {
    configRules(config);
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  return reads;
}

/** No such path: it goes into a value that is not an object, or past a list's end. */
const NO_PATH = Symbol("no such config path");

/** The value at a config path (`a.b[0].c`): undefined when an object along it lacks the key (an unset optional value). */
function valueAt(config: Config, path: string): unknown {
  const keys = path.split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== "");
  return keys.reduce<any>((v, key) => {
    if (v === undefined || v === NO_PATH) return v;
    if (v === null || typeof v !== "object" || (Array.isArray(v) && !(/^\d+$/.test(key) && Number(key) < v.length))) return NO_PATH;
    return v[key];
  }, config);
}

/** A stand-in, not a configured value: unknown until apply, or empty. */
const standIn = (value: unknown) => value === undefined || value === "" || (typeof value === "string" && Token.isUnresolved(value));

/**
 * Values the app sets, not the config (each a prefix of `<construct> <field>`): no config path holds them.
 * So are the lengths of the lists the app builds (a pair of peer IPs, one range per routed tenant): those
 * unnamed are accepted; a named one must be a configured list's.
 */
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
    const reads = namedReads(config);
    expect([...new Set(reads.filter((read) => read.owner !== read.construct).map((read) => `${read.construct} run as "${read.owner}"`))]).toEqual([]);
    const wrong = reads
      .filter((read) => !standIn(read.value) && !(read.path.startsWith("(") && (APP_VALUES.some((set) => `${read.construct} ${read.field}`.startsWith(set)) || read.field.endsWith("[length]"))))
      .filter((read) => {
        if (!/^[a-z]/i.test(read.path)) return true;
        const configured = valueAt(config, read.path);
        if (configured === NO_PATH) return true;
        // A list's length is no value of its own: its rules name the configured list (or an optional one left unset).
        if (read.field.endsWith("[length]")) {
          const list = read.path.endsWith("[length]") ? valueAt(config, read.path.slice(0, -"[length]".length)) : NO_PATH;
          return !(Array.isArray(list) || list === undefined);
        }
        // A default the app fills in: nothing to compare.
        if (configured === undefined || configured === read.value) return false;
        return !(typeof read.value === "string" && (typeof configured === "string" || typeof configured === "number") && read.value.includes(String(configured).replace(/\.$/, "")));
      })
      .map((read) => `${read.construct} ${read.field}=${JSON.stringify(read.value)} named "${read.path}"`);
    expect([...new Set(wrong)]).toEqual([]);
  });
});
