import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as fc from "fast-check";
import { parse as parseYaml, stringify } from "yaml";
import { UserError } from "../../../constructs/core/errors";
import { loadConfig, parseConfig } from "../../../lib/config/load";
import { ConfigError } from "../../../lib/config/problems";
import { readSynthesizedStacks } from "../../../lib/report/baselines";
import { ENVIRONMENT_RECORD_FILE } from "../../../lib/environment-record";
import { synthesize } from "../../../lib/synthesize";
import { exampleInput } from "../../helpers";

// The config round trip, property-based: variations of the bundled example
// within the documented domains load without a problem and synthesize every
// stack through the app's own entry point (lib/synthesize.ts, to a scratch
// folder); an invalid edit of one value is refused with that value's config
// path, and nothing is written. Synths take about half a second each, so the
// synthesizing properties run few cases; the loading ones run many.

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "psc-round-trip-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let files = 0;
/** A fresh folder in the scratch folder. */
function scratch(): string {
  const dir = path.join(tmp, `case-${++files}`);
  fs.mkdirSync(dir);
  return dir;
}

/** Writes a config as YAML, the way a user writes one, and returns its path. */
function writeYaml(input: unknown): string {
  const file = path.join(scratch(), "config.yaml");
  fs.writeFileSync(file, stringify(input));
  return file;
}

const silent = () => undefined;

// ---------------------------------------------------------------------------
// Addresses, as plain numbers (test-side arithmetic only).

function dotted(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

function addressOf(ip: string): number {
  return ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
}

/** The block of `prefix` holding `addr`, written canonically. */
function blockAt(addr: number, prefix: number): string {
  const size = 2 ** (32 - prefix);
  return `${dotted(Math.floor(addr / size) * size)}/${prefix}`;
}

/**
 * Disjoint /14s of the private space (RFC 1918 10/8 and 172.16/12, RFC 6598
 * 100.64/10): a PSC tenant's ranges each take their own, so they never overlap.
 */
const PRIVATE_SLOTS = [
  ...Array.from({ length: 64 }, (_, i) => addressOf(`10.${i * 4}.0.0`)),
  ...Array.from({ length: 4 }, (_, i) => addressOf(`172.${16 + i * 4}.0.0`)),
  ...Array.from({ length: 16 }, (_, i) => addressOf(`100.${64 + i * 4}.0.0`)),
];
const SLOT_SIZE = 2 ** 18;

/** A block of `prefix` (14 or longer) somewhere in a slot. */
const inSlot = (slot: number, offset: number, prefix: number) => blockAt(slot + (offset % SLOT_SIZE), prefix);

// ---------------------------------------------------------------------------
// Valid variations of the example. The domains, from the schema and the
// construct rules: names are RFC 1035 labels short enough for every name made
// from them (a serverless check's service account id, prefix-tenant-check-connector,
// is the tightest: 30 characters); ASNs are private (RFC 6996) and differ (eBGP);
// route priorities 0-65535; tunnel inside /30s in 169.254.0.0/16, not AWS's
// reserved ones; a PSC tenant's ranges private, disjoint, and sized within GCP's limits.

const LOWER = "abcdefghijklmnopqrstuvwxyz";

/** A short RFC 1035 label with at most one '-' (a connector's name counts each '-' twice). */
function shortLabel(maxLength: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...LOWER), fc.string({ unit: fc.constantFrom(..."abcxyz0189"), maxLength: maxLength - 1 }), fc.boolean())
    .map(([first, rest, dash]) => (dash && rest.length >= 3 ? `${first}${rest.slice(0, 1)}-${rest.slice(2)}` : `${first}${rest}`))
    .filter((s) => s.length <= maxLength);
}

const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,14}[a-z0-9])?$/);

const privateAsn = fc.oneof(fc.integer({ min: 64512, max: 65534 }), fc.bigInt({ min: 4200000000n, max: 4294967294n }).map(Number), fc.constantFrom(64512, 65534, 4200000000, 4294967294));

/** The index of each /30 AWS reserves in 169.254.0.0/16 (AWS Site-to-Site VPN user guide, "Tunnel options"). */
const RESERVED_INSIDE = new Set([0, 1, 2, 3, 4, 5].map((i) => i * 64).concat([169 * 64 + 63]));
const insideCidrs = fc
  .uniqueArray(
    fc.integer({ min: 0, max: 16383 }).filter((i) => !RESERVED_INSIDE.has(i)),
    { minLength: 4, maxLength: 4 },
  )
  .map((indexes) => indexes.map((i) => `${dotted(addressOf("169.254.0.0") + i * 4)}/30`));

const pscTenant = fc.record({
  slots: fc.shuffledSubarray(PRIVATE_SLOTS, { minLength: 6, maxLength: 6 }),
  offsets: fc.array(fc.nat({ max: SLOT_SIZE - 1 }), { minLength: 6, maxLength: 6 }),
  prefixes: fc.record({
    nodes: fc.integer({ min: 16, max: 29 }),
    pods: fc.integer({ min: 14, max: 21 }),
    services: fc.integer({ min: 16, max: 28 }),
    psc: fc.integer({ min: 20, max: 29 }),
    direct: fc.integer({ min: 18, max: 26 }),
  }),
  serverless: fc.constantFrom("none", "connector", "direct", "both"),
  standard: fc.option(fc.record({ maxPodsPerNode: fc.integer({ min: 8, max: 110 }), minNodesPerZone: fc.integer({ min: 0, max: 2 }), extra: fc.integer({ min: 0, max: 2 }) })),
  published: fc.subarray(["inventory", "orders", "web"]),
  port: fc.constantFrom(8080, 8443, 9000),
  connectionLimit: fc.integer({ min: 1, max: 100 }),
  namespace: fc.constantFrom("aws-api", "api", "payments"),
  pscGlobalAccess: fc.boolean(),
});

const variant = fc.record({
  environment: dnsLabel,
  prefix: shortLabel(6),
  tenantNames: fc.uniqueArray(shortLabel(6).filter((n) => n !== "aws-api"), { minLength: 4, maxLength: 4 }),
  projects: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{5,20}$/), { minLength: 3, maxLength: 3 }),
  tenants: fc.array(pscTenant, { minLength: 1, maxLength: 3 }),
  routed: fc.boolean(),
  asns: fc.tuple(privateAsn, privateAsn).filter(([a, b]) => a !== b),
  routePriorities: fc.option(fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 4, maxLength: 4 })),
  insideCidrs: fc.option(insideCidrs),
  dhGroup: fc.option(fc.constantFrom(14, 19, 20, 21)),
  encryption: fc.option(fc.constantFrom("AES256", "AES256-GCM-16")),
  termination: fc.constantFrom("vgw", "tgw"),
  // The AWS VPC: 10.n.0.0/16 clear of the producer's 10.10/16 and the routed tenant's 10.30-10.31.
  awsSecondOctet: fc.integer({ min: 0, max: 255 }).filter((n) => ![10, 30, 31].includes(n)),
  awsSubnets: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 2, maxLength: 2 }),
  // AWS keeps the first four and the last address of a subnet.
  backendHost: fc.integer({ min: 4, max: 254 }),
  ssm: fc.boolean(),
  pipeline: fc.boolean(),
});

type Variant = typeof variant extends fc.Arbitrary<infer V> ? V : never;

/** The example with the variant's values: raw config data, as a user would write it. */
function configOf(v: Variant): any {
  const input: any = exampleInput();
  const routedTenant = input.tenants.find((t: any) => t.kind === "routed");
  input.environment = v.environment;
  input.prefix = v.prefix;
  input.gcp.routerAsn = v.asns[0];
  input.aws.asn = v.asns[1];
  input.aws.termination = v.termination;
  const n = v.awsSecondOctet;
  const [pub, priv] = v.awsSubnets;
  Object.assign(input.aws, { vpcCidr: `10.${n}.0.0/16`, publicSubnetCidr: `10.${n}.${pub}.0/24`, privateSubnetCidr: `10.${n}.${priv}.0/24` });
  Object.assign(input.aws.backend, { privateIp: `10.${n}.${priv}.${v.backendHost}`, ssm: v.ssm });
  input.vpn = {
    ...input.vpn,
    routePriorities: v.routePriorities ?? undefined,
    insideCidrs: v.insideCidrs ?? undefined,
    dhGroup: v.dhGroup ?? undefined,
    encryption: v.encryption ?? undefined,
  };
  for (const key of Object.keys(input.vpn)) if (input.vpn[key] === undefined) delete input.vpn[key];
  input.tenants = v.tenants.map((t, i) => {
    const [nodes, pods, services, psc, connector, direct] = t.slots.map((slot, k) => ({ slot, offset: t.offsets[k] }));
    const serverless = {
      ...(t.serverless === "connector" || t.serverless === "both" ? { connector: { cidr: inSlot(connector.slot, connector.offset, 28) } } : {}),
      ...(t.serverless === "direct" || t.serverless === "both" ? { directVpcEgressCidr: inSlot(direct.slot, direct.offset, t.prefixes.direct) } : {}),
    };
    const gke = t.standard
      ? { mode: "standard", nodePool: { maxPodsPerNode: t.standard.maxPodsPerNode, minNodesPerZone: t.standard.minNodesPerZone, maxNodesPerZone: Math.max(1, t.standard.minNodesPerZone) + t.standard.extra } }
      : { mode: "autopilot" };
    return {
      name: v.tenantNames[i],
      project: v.projects[i],
      gkeNodesCidr: inSlot(nodes.slot, nodes.offset, t.prefixes.nodes),
      podsCidr: inSlot(pods.slot, pods.offset, t.prefixes.pods),
      servicesCidr: inSlot(services.slot, services.offset, t.prefixes.services),
      pscEndpointCidr: inSlot(psc.slot, psc.offset, t.prefixes.psc),
      connectionLimit: t.connectionLimit,
      namespace: t.namespace,
      pscGlobalAccess: t.pscGlobalAccess,
      gke,
      ...(t.serverless === "none" ? {} : { serverless }),
      publishedServices: t.published.map((name) => ({ name, port: t.port })),
    };
  });
  if (v.routed) input.tenants.push({ ...routedTenant, name: v.tenantNames[3] });
  if (v.pipeline) {
    input.state = { backend: "split", gcs: { bucket: "example-tf-state", prefix: `psc/${v.environment}` }, s3: { bucket: "example-tf-state-aws", keyPrefix: `psc/${v.environment}`, region: "ap-northeast-1" } };
    input.pipeline = { repository: "example-org/psc-hybrid", sharedVpcAdminScope: "organizations/123456789012" };
  } else {
    delete input.pipeline;
    input.state = { backend: "local" };
  }
  return input;
}

/** The stacks a config makes (lib/app.ts): the three shared ones, two per PSC tenant, four per routed tenant, two for a pipeline. */
function expectedStacks(input: any): string[] {
  const perTenant = input.tenants.flatMap((t: any) =>
    t.kind === "routed" ? [`project-${t.name}`, `hub-${t.name}`, `consumer-${t.name}`, `workloads-${t.name}`] : [`consumer-${t.name}`, `workloads-${t.name}`],
  );
  return ["producer", "aws", "tunnels", ...perTenant, ...(input.pipeline ? ["bootstrap-gcp", "bootstrap-aws"] : [])].sort();
}

// ---------------------------------------------------------------------------
// The names every synthesized resource carries, against the clouds' limits
// (Google Cloud docs: resource names are RFC 1035 labels of 1-63; GKE cluster
// names at most 40; service account ids 6-30; workload identity pool and
// provider ids 4-32, not gcp-*; a Serverless VPC Access connector under 21
// characters with '-' counted twice. IAM: a role's name_prefix at most 38).

const RFC1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS1123 = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const SERVICE_ACCOUNT_ID = /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/;
const POOL_ID = /^(?!gcp-)[a-z][-a-z0-9]{2,30}[a-z0-9]$/;

function nameProblems(stacks: Record<string, any>): string[] {
  const problems: string[] = [];
  const check = (where: string, value: unknown, ok: (s: string) => boolean) => {
    if (typeof value === "string" && !value.includes("${") && !ok(value)) problems.push(`${where}: ${JSON.stringify(value)}`);
  };
  for (const [stack, json] of Object.entries(stacks)) {
    for (const [type, resources] of Object.entries<Record<string, any>>(json.resource ?? {})) {
      for (const [id, r] of Object.entries<any>(resources)) {
        const at = `${stack} ${type}.${id}`;
        if (type === "google_container_cluster") check(`${at}.name`, r.name, (s) => RFC1035.test(s) && s.length <= 40);
        else if (type === "google_vpc_access_connector") check(`${at}.name`, r.name, (s) => RFC1035.test(s) && s.length + (s.match(/-/g) ?? []).length <= 20);
        else if (type === "google_service_account") check(`${at}.account_id`, r.account_id, (s) => SERVICE_ACCOUNT_ID.test(s));
        else if (type === "google_iam_workload_identity_pool") check(`${at}.workload_identity_pool_id`, r.workload_identity_pool_id, (s) => POOL_ID.test(s));
        else if (type === "google_iam_workload_identity_pool_provider") check(`${at}.workload_identity_pool_provider_id`, r.workload_identity_pool_provider_id, (s) => POOL_ID.test(s));
        else if (type === "aws_iam_role") check(`${at}.name_prefix`, r.name_prefix, (s) => s.length <= 38);
        else if (type.startsWith("kubernetes_")) check(`${at}.metadata.name`, r.metadata?.name, (s) => DNS1123.test(s));
        else if (type.startsWith("google_") && type !== "google_dns_record_set") check(`${at}.name`, r.name, (s) => RFC1035.test(s));
      }
    }
  }
  return problems;
}

/** The resources of one type in a synthesized stack. */
const resources = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});

describe("(a) any valid config synthesizes", () => {
  test("every generated variation of the example loads without a problem (as data and as a YAML file)", () => {
    fc.assert(
      fc.property(variant, (v) => {
        const input = configOf(v);
        const problems = (() => {
          try {
            parseConfig(input);
            return [];
          } catch (e) {
            if (e instanceof ConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
            throw e;
          }
        })();
        expect(problems).toEqual([]);
        expect(loadConfig(writeYaml(input)).config).toEqual(parseConfig(input));
      }),
      { numRuns: 100 },
    );
  });

  test("every generated variation synthesizes every stack through the app's entry point, with its ASNs, priorities, inside CIDRs and names", () => {
    fc.assert(
      fc.property(variant, (v) => {
        const input = configOf(v);
        const configFile = writeYaml(input);
        const outdir = path.join(path.dirname(configFile), "cdktf.out");
        const result = synthesize({ configFile, outdir, print: silent });
        expect(result.config).toEqual(parseConfig(input));

        const stacks = Object.fromEntries(Object.entries(readSynthesizedStacks(outdir)).map(([name, text]) => [name, JSON.parse(text)]));
        expect(Object.keys(stacks).sort()).toEqual(expectedStacks(input));
        expect(JSON.parse(fs.readFileSync(path.join(outdir, ENVIRONMENT_RECORD_FILE), "utf8")).environment).toBe(v.environment);

        // The ASNs, each where AWS and Cloud Router take it (bgp_asn stops at 2147483647: EC2 API, CreateCustomerGateway).
        const [routerAsn, awsAsn] = v.asns;
        const aws = stacks["aws"];
        const amazonSide = v.termination === "vgw" ? resources(aws, "aws_vpn_gateway") : resources(aws, "aws_ec2_transit_gateway");
        expect(amazonSide.map((g) => String(g.amazon_side_asn))).toEqual([String(awsAsn)]);
        const cgwAsn = routerAsn > 2147483647 ? { bgp_asn_extended: String(routerAsn) } : { bgp_asn: String(routerAsn) };
        const cgws = resources(aws, "aws_customer_gateway");
        expect(cgws.map((g) => ({ bgp_asn: g.bgp_asn, bgp_asn_extended: g.bgp_asn_extended }))).toEqual([cgwAsn, cgwAsn]);
        expect(resources(stacks["tunnels"], "google_compute_router").map((r) => Number(r.bgp.asn))).toEqual([routerAsn]);

        // The four tunnels' inside /30s, in tunnel order: the ones given, or allocated from 169.254.10.0.
        const inside = resources(aws, "aws_vpn_connection").flatMap((c) => [c.tunnel1_inside_cidr, c.tunnel2_inside_cidr]);
        expect(inside).toEqual(v.insideCidrs ?? ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"]);

        // Each BGP session peers with the AWS ASN, with its route priority in tunnel order (<prefix>-aws-<connection>-peer-<tunnel>).
        const peers = resources(stacks["tunnels"], "google_compute_router_peer").sort((a, b) => a.name.localeCompare(b.name));
        expect(peers.map((p) => p.name)).toEqual([1, 2].flatMap((c) => [1, 2].map((t) => `${v.prefix}-aws-${c}-peer-${t}`)));
        expect(peers.map((p) => Number(p.peer_asn))).toEqual([awsAsn, awsAsn, awsAsn, awsAsn]);
        if (v.routePriorities !== null) expect(peers.map((p) => p.advertised_route_priority)).toEqual(v.routePriorities);

        expect(nameProblems(stacks)).toEqual([]);
      }),
      { numRuns: 6 },
    );
  });

  test("YAML round trip: a loaded config, written back with the yaml package and loaded again, is the same config", () => {
    fc.assert(
      fc.property(variant, (v) => {
        const config = parseConfig(configOf(v));
        const text = stringify(config);
        expect(parseConfig(parseYaml(text))).toEqual(config);
        expect(loadConfig(writeYaml(config)).config).toEqual(config);
      }),
      { numRuns: 20 },
    );
  });
});

// ---------------------------------------------------------------------------
// Invalid edits: each breaks one value and names the config path that must be
// blamed. Applied to a valid variation, so the problem is the edit's.

interface Edit {
  /** What the edit breaks, for the failure message. */
  readonly what: string;
  /** The config path the refusal must name (for an overlap, either of the two ranges). */
  readonly path: string | readonly string[];
  readonly apply: (input: any) => void;
}

const badCidrText = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([a, b]) => `10.0${a}.${b}.0/24`),
  fc.integer({ min: 256, max: 999 }).map((o) => `10.${o}.0.0/16`),
  fc.integer({ min: 33, max: 99 }).map((p) => `10.0.0.0/${p}`),
  fc.constantFrom("10.0.0.0", "10.0.0.0/", "10.0.0/24", "10.0.0.0.0/24", "fd00::/8", "10.0.0.0/24 ", "ten.0.0.0/24", ""),
);

/** Public /24s: outside RFC 1918 and RFC 6598 (the edges of those ranges included). */
const publicBlock = fc.oneof(
  fc.constantFrom("9.255.255.0/24", "11.0.0.0/24", "172.15.255.0/24", "172.32.0.0/24", "192.167.255.0/24", "192.169.0.0/24", "100.63.255.0/24", "100.128.0.0/24", "8.8.8.0/24"),
  fc.tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
    .filter(([a, b]) => a !== 10 && !(a === 172 && b >= 16 && b < 32) && !(a === 192 && b === 168) && !(a === 100 && b >= 64 && b < 128))
    .map(([a, b, c]) => `${a}.${b}.${c}.0/24`),
);

const notPrivateAsn = fc.oneof(
  fc.constantFrom(0, 1, 23456, 64511, 65535, 65536, 4199999999, 4294967295, 4294967296, -1, 64512.5),
  fc.integer({ min: 1, max: 64511 }),
  fc.integer({ min: 65535, max: 2000000000 }),
);

const badGcpName = fc.oneof(
  fc.constantFrom("Psc", "1psc", "psc-", "-psc", "psc_a", "psc.a", "", "a".repeat(64), "p\u00e9c"),
  fc.stringMatching(/^[a-z][a-z0-9]{0,4}[A-Z_.][a-z0-9]{0,3}$/),
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  // The valid variations' first tenant is a PSC tenant.
  fc.tuple(badCidrText, fc.constantFrom("gkeNodesCidr", "podsCidr", "servicesCidr", "pscEndpointCidr")).map(([cidr, field]) => ({
    what: `a tenant's ${field} is not a CIDR block`,
    path: `tenants[0].${field}`,
    apply: (c: any) => (c.tenants[0][field] = cidr),
  })),
  fc.tuple(badCidrText, fc.constantFrom("pscNatCidr", "frontendCidr", "proxyOnlyCidr")).map(([cidr, field]) => ({ what: "a producer range is not a CIDR block", path: `gcp.${field}`, apply: (c: any) => (c.gcp[field] = cidr) })),
  fc.tuple(fc.integer({ min: 1, max: 255 }), fc.constantFrom("frontendCidr", "proxyOnlyCidr")).map(([host, field]) => ({
    what: "host bits set",
    path: `gcp.${field}`,
    apply: (c: any) => (c.gcp[field] = c.gcp[field].replace(/\.0\/(\d+)$/, `.${host}/$1`)),
  })),
  publicBlock.map((cidr) => ({ what: "a public range where a private one is required", path: "tenants[0].pscEndpointCidr", apply: (c: any) => (c.tenants[0].pscEndpointCidr = cidr) })),
  fc.tuple(notPrivateAsn, fc.constantFrom(["gcp", "routerAsn"], ["aws", "asn"])).map(([asn, [block, key]]) => ({
    what: "an ASN outside RFC 6996's private ranges",
    path: `${block}.${key}`,
    apply: (c: any) => (c[block][key] = asn),
  })),
  fc.constant<Edit>({ what: "the same ASN on both sides of eBGP", path: "aws.asn", apply: (c: any) => (c.aws.asn = c.gcp.routerAsn) }),
  badGcpName.map((name) => ({ what: "an invalid prefix", path: "prefix", apply: (c: any) => (c.prefix = name) })),
  badGcpName.map((name) => ({ what: "an invalid tenant name", path: "tenants[0].name", apply: (c: any) => (c.tenants[0].name = name) })),
  fc.constant<Edit>({ what: "two tenants of one name", path: "tenants[1].name", apply: (c: any) => c.tenants.splice(1, 0, { ...structuredClone(c.tenants[0]), project: "another-project-x" }) }),
  fc.constantFrom(-1, 65536, 1e6, 0.5).chain((p) =>
    fc.nat({ max: 3 }).map((k) => ({ what: "a route priority outside 0-65535", path: `vpn.routePriorities[${k}]`, apply: (c: any) => (c.vpn.routePriorities = [100, 100, 100, 100].map((x, j) => (j === k ? p : x))) })),
  ),
  fc.constantFrom([100], [100, 100, 100], [100, 100, 100, 100, 100]).map((list) => ({ what: "route priorities not one per session", path: "vpn.routePriorities", apply: (c: any) => (c.vpn.routePriorities = list) })),
  fc.tuple(fc.constantFrom("169.254.0.0/30", "169.254.5.0/30", "169.254.169.252/30", "169.254.10.0/29", "169.254.10.1/30", "169.255.0.0/30", "10.0.0.0/30"), fc.nat({ max: 3 })).map(([bad, k]) => ({
    what: "a tunnel inside CIDR AWS refuses",
    path: `vpn.insideCidrs[${k}]`,
    apply: (c: any) => (c.vpn.insideCidrs = ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"].map((x, j) => (j === k ? bad : x))),
  })),
  fc.constant<Edit>({ what: "two tunnels with one inside CIDR", path: "vpn.insideCidrs[3]", apply: (c: any) => (c.vpn.insideCidrs = ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.0/30"]) }),
  fc.constantFrom(16, 24).map((prefix) => ({
    what: "a tenant's services range overlapping its pod range",
    path: ["tenants[0].servicesCidr", "tenants[0].podsCidr"],
    // A services-sized block at the pod range's start: inside it, or holding it.
    apply: (c: any) => (c.tenants[0].servicesCidr = blockAt(addressOf(c.tenants[0].podsCidr.split("/")[0]), prefix)),
  })),
  fc.constant<Edit>({ what: "a producer range inside the AWS VPC", path: "gcp.frontendCidr", apply: (c: any) => (c.gcp.frontendCidr = c.aws.vpcCidr.replace(/\.0\.0\/16$/, ".200.0/24")) }),
  fc.constant<Edit>({ what: "two producer ranges overlapping", path: ["gcp.proxyOnlyCidr", "gcp.frontendCidr"], apply: (c: any) => (c.gcp.proxyOnlyCidr = c.gcp.frontendCidr) }),
  fc.constantFrom(8, 25, 28).map((p) => ({ what: "a pod range outside /9-/24", path: "tenants[0].podsCidr", apply: (c: any) => (c.tenants[0].podsCidr = blockAt(addressOf(c.tenants[0].podsCidr.split("/")[0]), p)) })),
  fc.constantFrom("tenant", "prefixx", "gcpp").map((key) => ({ what: "an unknown key", path: key, apply: (c: any) => (c[key] = "x") })),
);

/** Every file under a folder with its contents; empty when the folder does not exist. */
function contentsOf(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8");
  }
  return out;
}

describe("(b) any refused config writes nothing", () => {
  test("an invalid edit of a valid config is refused by the app's entry point with the edited value's path, and no file is written", () => {
    fc.assert(
      fc.property(variant, edit, fc.boolean(), (v, e, outdirExists) => {
        const input = configOf(v);
        e.apply(input);
        const configFile = writeYaml(input);
        const outdir = path.join(path.dirname(configFile), "cdktf.out");
        // An earlier synth's folder, of another environment, must be left as it was too.
        if (outdirExists) {
          fs.mkdirSync(path.join(outdir, "stacks", "producer"), { recursive: true });
          fs.writeFileSync(path.join(outdir, "manifest.json"), "{}");
          fs.writeFileSync(path.join(outdir, "stacks", "producer", "cdk.tf.json"), "{}");
          fs.writeFileSync(path.join(outdir, ENVIRONMENT_RECORD_FILE), JSON.stringify({ environment: "earlier", config: "earlier.yaml" }));
        }
        const before = contentsOf(outdir);
        let thrown: unknown;
        try {
          synthesize({ configFile, outdir, print: silent });
        } catch (error) {
          thrown = error;
        }
        expect(UserError.isUserError(thrown)).toBe(true);
        const refusal = thrown as UserError;
        const wanted: readonly string[] = typeof e.path === "string" ? [e.path] : e.path;
        const blamed = refusal.problems.find((p) => wanted.includes(p.path));
        expect({ what: e.what, paths: refusal.problems.map((p) => p.path), blamed: blamed !== undefined }).toMatchObject({ blamed: true });
        expect(refusal.message).toContain(`  - ${blamed!.path}: `);
        // An overlap names the other range too.
        if (wanted.length > 1) expect(blamed!.message).toContain(wanted.find((other) => other !== blamed!.path));
        expect(fs.existsSync(outdir)).toBe(outdirExists);
        expect(contentsOf(outdir)).toEqual(before);
      }),
      { numRuns: 120 },
    );
  });
});
