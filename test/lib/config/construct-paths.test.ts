import { isDeepStrictEqual } from "node:util";
import { Token } from "cdktf";
import { PropsValidator } from "../../../constructs/core/validation";
import { configRules } from "../../../lib/config/rules";
import { type Config, configSchema } from "../../../lib/config/schema";
import { INNER, VALIDATORS, VARIANTS, watched, withValidatorsWrapped } from "./props-support";

// The config runs each construct's rules with every prop named by the
// config path it comes from, so a problem names what the user edits. This
// checks each name against the config: every value a rule reads (but the
// stand-ins for values known only at apply) is named by a config path, and
// that path holds the value, or a part of it (a name made from the prefix).

/** Every validate function the config rules call (the inner constructs' are called by the outer ones). */
const CHECKED = VALIDATORS.filter(([name]) => !INNER.has(name));

interface NamedValue {
  /** The construct whose validate function read it (`VpcNetwork` for its subnets too). */
  readonly construct: string;
  readonly field: string;
  readonly value: unknown;
  /** The config path the rules name the field by. */
  readonly path: string;
}

interface NamedRead extends NamedValue {
  /** The construct the rules run it as (named in the problems of its unmapped props). */
  readonly owner: string;
}

/** Runs the config's construct rules on `config`, each validate function given the props and validator `wrap` makes. */
function runWrapped(config: Config, wrap: (construct: string, props: unknown, v: PropsValidator) => [unknown, PropsValidator]): void {
  withValidatorsWrapped(CHECKED, (name, props, v) => wrap(name.split(" ")[0], props, v), () => configRules(config));
}

/** Every value the config's construct rules read for `config`, with the name they give it. */
function namedReads(config: Config): NamedRead[] {
  const reads: NamedRead[] = [];
  runWrapped(config, (construct, props, v) => [watched(props, "", (field, value) => reads.push({ construct, owner: v.owner, field, value, path: v.name(field) })), v]);
  return reads;
}

/** Where each PropsValidator method takes the fields it may report at (the first argument, for the others); each field's value follows it. */
const FIELD_ARGUMENTS: Record<string, number[]> = { check: [1], knownRegion: [1], gcpZone: [0, 2], addressInSubnet: [0, 2], noOverlap: [0, 2], ebgpPeer: [0, 2], name: [] };

/** Every field the config's construct rules may report a problem at for `config` (whether or not one is found), with its value and name. */
function reportFields(config: Config): NamedValue[] {
  const fields: NamedValue[] = [];
  runWrapped(config, (construct, props, v) => {
    const asked = new Proxy(v, {
      get(target, key) {
        const member = Reflect.get(target, key, target);
        if (typeof key !== "string" || typeof member !== "function") return member;
        return (...args: unknown[]) => {
          for (const i of FIELD_ARGUMENTS[key] ?? [0]) if (typeof args[i] === "string") fields.push({ construct, field: args[i] as string, value: args[i + 1], path: v.name(args[i] as string) });
          return member.apply(target, args);
        };
      },
    });
    return [props, asked];
  });
  return fields;
}

/** No such path: the schema does not declare it, or it goes into a value that is not an object, or past a list's end. */
const NO_PATH = Symbol("no such config path");

/** Whether the config schema declares the path `keys` (through optional values, defaults, unions and lists). */
function declared(schema: any, keys: readonly string[]): boolean {
  const def = schema._zod.def;
  if (keys.length === 0) return true;
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
      return declared(def.innerType, keys);
    case "union":
      return def.options.some((option: unknown) => declared(option, keys));
    case "array":
      return /^\d+$/.test(keys[0]) && declared(def.element, keys.slice(1));
    case "record":
      return declared(def.valueType, keys.slice(1));
    case "object":
      return Object.hasOwn(def.shape, keys[0]) && declared(def.shape[keys[0]], keys.slice(1));
    default:
      return false;
  }
}

/** The value at a config path (`a.b[0].c`): undefined when the schema declares it but it is unset (an optional value, or one inside an optional block). */
function valueAt(config: Config, path: string): unknown {
  const keys = path.split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== "");
  const value = keys.reduce<any>((v, key) => {
    if (v === undefined) return v;
    if (v === null || typeof v !== "object" || (Array.isArray(v) && !(/^\d+$/.test(key) && Number(key) < v.length))) return NO_PATH;
    return v[key];
  }, config);
  return value === undefined && !declared(configSchema, keys) ? NO_PATH : value;
}

/** A stand-in, not a configured value: unknown until apply, or unset. */
function standIn(value: unknown): boolean {
  if (value === undefined || (typeof value === "string" && Token.isUnresolved(value))) return true;
  // A list (or object) of stand-ins only: the route tables of a VPC made here.
  const items = value !== null && typeof value === "object" ? Object.values(value) : [];
  return items.length > 0 && items.every(standIn);
}

/** Values the app sets, not the config (`<construct> <field>=<value as JSON>`): no config path holds them, their rules name the prop. */
const APP_VALUES: RegExp[] = [
  // No flow logs on the subnets without VMs (producer-stack.ts, consumer-stack.ts).
  /^VpcNetwork flowLogSampling=0$/,
  // The in-cluster API Service's name (API_SERVICE_NAME).
  /^ClusterApiService serviceName="aws-api"$/,
  // The deploy role's statements come from the aws stack: the config rules pass a stand-in.
  /^GithubOidcRole statements\b/,
  // The constructs' defaults, which the app keeps (the description of a range admitted without one).
  /^(ServerlessConnectivityCheck|ConnectivityCheck) timeoutSeconds=10$/,
  /^ConnectivityCheck name="aws-api-check"$/,
  /^HybridNegLoadBalancer maxRatePerEndpoint=100$/,
  /^BackendInstance rootVolumeSizeGb=8$/,
  /^(BackendInstance|AwsBackendIngress) allowedCidrs\[\d+\]\.description="Load balancer proxies \(requests and health checks\)"$/,
  // Lists the app builds from several config values (each item is named).
  /^(BackendInstance|AwsBackendIngress) allowedCidrs=/,
  /^AwsSiteToSiteVpn peerCidrs=/,
  /^CloudRouterBgp advertisedRanges=/,
  /^GkeLoadBalancerFirewall clients=/,
  /^HybridNegLoadBalancer endpoints=/,
  /^InternalLoadBalancerService sourceRanges=/,
  /^SharedVpcServiceProject subnets(\[0\])?=/,
];

/** A field the app sets, not the config. */
const appValue = ({ construct, field, value }: NamedValue) => APP_VALUES.some((set) => set.test(`${construct} ${field}=${JSON.stringify(value)}`));

/**
 * Whether a value a rule reads or reports at is named wrongly: by no config path (and not
 * the app's), by a path the config does not have, or by one that holds another value
 * (a name made from a configured part, `psc-team-a-nodes` from `tenants[0].name`, holds it).
 */
function misnamed(config: Config, named: NamedValue): boolean {
  const { value, path } = named;
  if (path.startsWith("(")) return !standIn(value) && !appValue(named);
  if (!/^[a-z]/i.test(path)) return true;
  const configured = valueAt(config, path);
  if (configured === NO_PATH) return true;
  // A default the app fills in: nothing to compare.
  if (standIn(value) || configured === undefined || isDeepStrictEqual(configured, value)) return false;
  // A list made from a configured list (the ports of the published Services): every value in it is one of the list's.
  if (typeof value === "object") {
    const held = leaves(configured);
    return !(Array.isArray(value) === Array.isArray(configured) && leaves(value).every((leaf) => held.includes(leaf)));
  }
  if (typeof value !== "string" || !(typeof configured === "string" || typeof configured === "number")) return true;
  // A name made from a tenant's name is named by a path of that tenant (not the prefix all names share).
  const tenants = config.tenants.flatMap((tenant, t) => (value.includes(tenant.name) ? [`tenants[${t}]`] : []));
  if (tenants.length > 0 && !tenants.some((at) => path.startsWith(`${at}.`))) return true;
  return !value.includes(String(configured).replace(/\.$/, ""));
}

/** The strings and numbers in a value. */
const leaves = (value: unknown): unknown[] => (value !== null && typeof value === "object" ? Object.values(value).flatMap(leaves) : [value]);

describe.each(VARIANTS)("for %s", (_name, variant) => {
  test("every value a construct rule reads is named by the config path that holds it (or a part of it)", () => {
    const config = variant();
    const reads = namedReads(config);
    expect([...new Set(reads.filter((read) => read.owner !== read.construct).map((read) => `${read.construct} run as "${read.owner}"`))]).toEqual([]);
    const wrong = reads
      // A list's length is no value of its own: the rules about it name the list (the next test checks those names).
      // An absent key (undefined) is no value either: a probe, like the token check's `resolve`.
      .filter((read) => read.value !== undefined && !read.field.endsWith("[length]") && misnamed(config, read))
      .map((read) => `${read.construct} ${read.field}=${JSON.stringify(read.value)} named "${read.path}"`);
    expect([...new Set(wrong)]).toEqual([]);
  });

  test("every field a construct rule may report at is named by the config path that holds its value", () => {
    const config = variant();
    const wrong = reportFields(config)
      .filter((f) => misnamed(config, f))
      .map((f) => `${f.construct} ${f.field}=${JSON.stringify(f.value)} named "${f.path}"`);
    expect([...new Set(wrong)]).toEqual([]);
  });
});
