import { closest, distance } from "fastest-levenshtein";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { isPrivateAsn, PRIVATE_ASN_RULE } from "./asn";
import { canonicalCidr, isIpv4, isNetworkCidr, isPrivateCidr, isUsableInsideCidr, parseCidr } from "./cidr";
import { DEFAULT_CHECK_IMAGE } from "../constructs/connectivity-check";
import { STANDARD_POOL_DEFAULTS } from "../constructs/private-gke-cluster";
import { crossChecks } from "./config-rules";
import { DNS_LABEL_PATTERN, FQDN_PATTERN, GCP_NAME_RULE, isGcpName, isSystemNamespace, SYSTEM_NAMESPACE_RULE } from "./naming";

/**
 * The configuration of one environment: everything the five stacks need.
 * Written in YAML (config/example.yaml documents every key). Shape and
 * single-value rules live in the schema below; rules that relate several
 * values live in config-rules.ts.
 */

/** An IPv4 CIDR block with its host bits zero, optionally private and within a prefix-length range. */
function cidr(opts: { private?: boolean; minPrefix?: number; maxPrefix?: number; why?: string } = {}) {
  return z.string().superRefine((value, ctx) => {
    const block = parseCidr(value);
    if (!block) {
      const fix = isIpv4(value) ? `. Fix: add the prefix length, e.g. ${value}/24` : "";
      ctx.addIssue({ code: "custom", message: `must be an IPv4 CIDR block like 10.0.10.0/24${fix}` });
      return;
    }
    if (!isNetworkCidr(value)) {
      ctx.addIssue({ code: "custom", message: `must have its host bits zero. Fix: write ${canonicalCidr(value)}` });
    }
    if (opts.private && !isPrivateCidr(value)) {
      ctx.addIssue({ code: "custom", message: "must be a private range: inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10" });
    }
    const min = opts.minPrefix ?? 0;
    const max = opts.maxPrefix ?? 32;
    if (block.prefix < min || block.prefix > max) {
      const range = min === max ? `a /${min}` : `between /${min} and /${max}`;
      const resized = canonicalCidr(`${value.split("/")[0]}/${Math.min(max, Math.max(min, block.prefix))}`);
      ctx.addIssue({ code: "custom", message: `must be ${range}${opts.why ? ` (${opts.why})` : ""}${resized ? `. Fix: e.g. ${resized}` : ""}` });
    }
  });
}

const ipv4 = z.string().refine(isIpv4, "must be an IPv4 address like 10.0.20.10");
const port = z.number().int("must be a whole number").min(1, "must be a port, 1-65535").max(65535, "must be a port, 1-65535");
const gcpName = z.string().refine(isGcpName, GCP_NAME_RULE);
const k8sName = z
  .string()
  .regex(DNS_LABEL_PATTERN, "must be a Kubernetes DNS label: 1-63 lowercase letters, digits and '-', not starting or ending with '-'");
const privateAsn = z.number().int("must be a whole number").refine(isPrivateAsn, PRIVATE_ASN_RULE);
const gcpProject = z
  .string()
  .regex(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/, "must be a GCP project id: 6-30 lowercase letters, digits and '-', starting with a letter");
const gcpRegion = z.string().regex(/^[a-z]+-[a-z]+\d+$/, "must be a GCP region like asia-northeast1");
const gcpZone = z.string().regex(/^[a-z]+-[a-z]+\d+-[a-z]$/, "must be a GCP zone like asia-northeast1-a");
const awsRegion = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "must be an AWS region like ap-northeast-1");
const awsZone = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, "must be an AWS availability zone like ap-northeast-1a");

/** A subnet's primary range: GCP subnets are /8 to /29. */
const gcpSubnet = cidr({ private: true, minPrefix: 8, maxPrefix: 29, why: "GCP subnet sizes" });
/** AWS VPCs and subnets are /16 to /28. */
const awsBlock = cidr({ private: true, minPrefix: 16, maxPrefix: 28, why: "AWS VPC and subnet sizes" });

const gkeSchema = z.strictObject({
  /** autopilot (Google manages nodes) or standard (a node pool managed here). */
  mode: z.enum(["autopilot", "standard"], { error: "must be 'autopilot' or 'standard'" }).default("autopilot"),
  releaseChannel: z.enum(["RAPID", "REGULAR", "STABLE"], { error: "must be RAPID, REGULAR or STABLE" }).default("REGULAR"),
  /** Keep the cluster from being deleted by Terraform; turn off only for throwaway environments. */
  deletionProtection: z.boolean().default(true),
  /** Serve the control plane on its IAM-authorised DNS endpoint (how Terraform and kubectl reach it). */
  dnsEndpoint: z.boolean().default(true),
  /** Give the control plane a public IP endpoint too (explicit opt-in). */
  publicEndpoint: z.boolean().default(false),
  /** Private ranges allowed to reach the control plane's private IP endpoint. */
  authorizedNetworks: z.array(z.strictObject({ cidr: cidr({ private: true }), displayName: z.string().min(1, "must not be empty") })).default([]),
  /** Control-plane range of a peering-based private cluster; default: none (PSC-based control plane). */
  controlPlaneCidr: cidr({ private: true, minPrefix: 28, maxPrefix: 28, why: "GKE control-plane ranges are exactly /28" }).optional(),
  /** Route and private DNS zones for restricted.googleapis.com, for a VPC with no internet path. */
  restrictedGoogleApis: z.boolean().default(false),
  /** Node pool (Standard mode only). */
  nodePool: z
    .strictObject({
      machineType: z.string().regex(/^[a-z0-9]+-[a-z0-9-]+$/, "must be a machine type like e2-standard-2").default(STANDARD_POOL_DEFAULTS.machineType),
      minNodesPerZone: z.number().int("must be a whole number").min(0, "must be at least 0").default(STANDARD_POOL_DEFAULTS.minNodesPerZone),
      maxNodesPerZone: z.number().int("must be a whole number").min(1, "must be at least 1").default(STANDARD_POOL_DEFAULTS.maxNodesPerZone),
      diskSizeGb: z.number().int("must be a whole number").min(10, "must be at least 10").default(STANDARD_POOL_DEFAULTS.diskSizeGb),
      /** Most pods per node (8-256); each node takes a block of twice as many pod addresses (32 -> /26). */
      maxPodsPerNode: z.number().int("must be a whole number").min(8, "must be 8-256").max(256, "must be 8-256").default(STANDARD_POOL_DEFAULTS.maxPodsPerNode),
    })
    .optional(),
});

const tenantSchema = z.strictObject({
  /** Short tenant name; used in stack ids (`consumer-<name>`) and resource names. */
  name: gcpName,
  /** GCP project holding the tenant's VPC and GKE cluster. */
  project: gcpProject,
  /** Primary range of the GKE node subnet. May overlap AWS and other tenants. */
  gkeNodesCidr: gcpSubnet,
  /** Secondary range for pods. */
  podsCidr: cidr({ private: true, minPrefix: 9, maxPrefix: 24, why: "GKE pod range sizes" }),
  /** Secondary range for services. */
  servicesCidr: cidr({ private: true, minPrefix: 16, maxPrefix: 28, why: "GKE service range sizes" }),
  /** Subnet holding the PSC endpoint's internal address. */
  pscEndpointCidr: gcpSubnet,
  /** Fixed internal address of the PSC endpoint; default: one allocated by GCP in pscEndpointCidr. */
  pscEndpointIp: ipv4.optional(),
  /** Connections this tenant may open to the service attachment. */
  connectionLimit: z.number().int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000").default(10),
  /** Let clients in any region of the tenant's VPC use the PSC endpoint (PSC global access). */
  pscGlobalAccess: z.boolean().default(false),
  /** Kubernetes namespace for the API's in-cluster name. */
  namespace: k8sName.refine((name) => !isSystemNamespace(name), SYSTEM_NAMESPACE_RULE).default("aws-api"),
  /** The tenant's GKE cluster. */
  gke: gkeSchema.prefault({}),
  /**
   * How Terraform authenticates to the cluster for the workloads stack:
   * `access-token` (the Kubernetes provider's documented GKE pattern: a Google
   * access token of the credentials Terraform runs with, via google_client_config;
   * works on any runner, and the short-lived token is kept in state) or
   * `gke-gcloud-auth-plugin` (the caller's gcloud login; no token in state).
   */
  kubernetesAuth: z.enum(["access-token", "gke-gcloud-auth-plugin"], { error: "must be 'access-token' or 'gke-gcloud-auth-plugin'" }).default("access-token"),
  /** Image of the connectivity check job (needs sh and curl; must be pullable by private nodes). */
  checkImage: z.string().regex(/^[a-z0-9.-]+(:\d+)?\/[a-z0-9._\/-]+(:[\w.-]+|@sha256:[0-9a-f]{64})?$/, "must be a container image reference like gcr.io/project/image:tag").default(DEFAULT_CHECK_IMAGE),
});

/**
 * Where an environment's state objects live in a bucket. No default: two
 * environments sharing a bucket and a default would share (and overwrite)
 * each other's state.
 */
const statePath = z
  .string({ error: (issue) => (issue.input === undefined ? "is required, one per environment (two environments with one path share state). Fix: e.g. psc-hybrid/prod" : "must be a path like psc-hybrid/prod") })
  .regex(/^[\w.-]+(\/[\w.-]+)*$/, "must be a path like psc-hybrid/prod");

const configSchema = z.strictObject({
  /** Prefix of every resource name. */
  prefix: gcpName,
  gcp: z.strictObject({
    /** Region of the producer and of every tenant's PSC endpoint (PSC endpoints are regional). */
    region: gcpRegion,
    /** Zone of the hybrid NEG; default: `<region>-a` (`<region>-b` where the region has no zone a). */
    negZone: gcpZone.optional(),
    /** Project holding the producer VPC, load balancer, service attachment and HA VPN. */
    producerProject: gcpProject,
    /** BGP ASN of the Cloud Router. */
    routerAsn: privateAsn,
    /** Dedicated PSC NAT subnet (purpose PRIVATE_SERVICE_CONNECT). */
    pscNatCidr: cidr({ private: true, minPrefix: 8, maxPrefix: 29, why: "the smallest PSC NAT subnet is a /29" }),
    /**
     * More PSC NAT subnets, added as tenants grow (each connection takes NAT
     * addresses). Appending one updates the service attachment in place.
     */
    additionalPscNatCidrs: z.array(cidr({ private: true, minPrefix: 8, maxPrefix: 29, why: "the smallest PSC NAT subnet is a /29" })).default([]),
    /** Subnet of the load balancer's internal forwarding rule. */
    frontendCidr: gcpSubnet,
    /** Proxy-only subnet (REGIONAL_MANAGED_PROXY): the source AWS sees. */
    proxyOnlyCidr: cidr({ private: true, minPrefix: 8, maxPrefix: 26, why: "a proxy-only subnet needs at least 64 addresses" }),
  }),
  aws: z.strictObject({
    region: awsRegion,
    /** Availability zone of the subnets and the backend. */
    availabilityZone: awsZone,
    /** Amazon-side BGP ASN of the virtual private gateway. */
    asn: privateAsn,
    /** What terminates the VPN: a virtual private gateway (vgw) or a transit gateway (tgw). */
    termination: z.enum(["vgw", "tgw"], { error: "must be 'vgw' (virtual private gateway) or 'tgw' (transit gateway)" }).default("vgw"),
    vpcCidr: awsBlock,
    publicSubnetCidr: awsBlock,
    privateSubnetCidr: awsBlock,
    backend: z.strictObject({
      /** Private address of the backend instance, inside privateSubnetCidr. */
      privateIp: ipv4,
      /** Port the backend serves HTTP on. */
      port: port,
      instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type like t3.micro").default("t3.micro"),
      /** Explicit AMI id; default: the latest Amazon Linux 2023, resolved through SSM at launch. */
      amiId: z.string().regex(/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/, "must be an AMI id like ami-0123456789abcdef0").optional(),
    }),
  }),
  service: z
    .strictObject({
      /** Port the internal load balancer and the PSC endpoint listen on. */
      port: port.default(80),
      /** HTTP path of the hybrid NEG health check. */
      healthCheckPath: z.string().regex(/^\/[\x21-\x7e]*$/, "must be an HTTP path starting with '/', without spaces").default("/"),
      /**
       * Accept PSC endpoints from any project. An explicit opt-in: by default only
       * the tenants' projects are accepted (ACCEPT_MANUAL with an accept list).
       */
      acceptAllConsumers: z.boolean().default(false),
      /**
       * Domain of the service attachment (ending with '.'), so consumers' PSC endpoints get
       * an automatic DNS name (Google Cloud docs, "Configure DNS names for published services").
       */
      attachmentDomainName: z
        .string()
        .regex(FQDN_PATTERN, "must be a domain of at least two labels ending with '.', like aws-api.example.com.")
        .optional(),
      /** Private DNS name of the API in every consumer VPC. */
      dnsName: z
        .string()
        .regex(FQDN_PATTERN, "must be a fully qualified name of at least two labels ending with '.', like api.aws-api.internal.")
        .default("api.aws-api.internal."),
    })
    .prefault({}),
  vpn: z
    .strictObject({
      /** Diffie-Hellman group of both IKE phases. */
      dhGroup: z
        .union([z.literal(14), z.literal(19), z.literal(20), z.literal(21)], {
          error: "must be 14, 19, 20 or 21 (the groups both AWS and Cloud VPN support)",
        })
        .default(14),
      /** Encryption of both IKE phases. */
      encryption: z.enum(["AES256", "AES256-GCM-16"], { error: "must be 'AES256' or 'AES256-GCM-16' (AES-256, supported by both AWS and Cloud VPN)" }).default("AES256"),
      /** Ranges the Cloud Router advertises to AWS beyond all producer subnets (the proxy-only range is always advertised). */
      advertisedRanges: z.array(cidr({ private: true })).default([]),
      /**
       * Priority (MED) of the routes advertised on each of the four BGP sessions, in tunnel order;
       * lower is preferred. Equal values: active/active; e.g. [100, 100, 200, 200]: interface 1 passive.
       */
      routePriorities: z
        .array(z.number().int("must be a whole number").min(0, "must be 0-65535").max(65535, "must be 0-65535"))
        .length(4, "must list exactly 4 priorities, one per BGP session")
        .default([100, 100, 100, 100]),
      /** Keep Terraform from destroying (or replacing) the HA VPN gateway and the AWS VPN connections. */
      preventDestroy: z.boolean().default(true),
      /** Inside /30s of the four tunnels (connection 1 tunnels 1-2, connection 2 tunnels 1-2); default: allocated from 169.254.10.0. */
      insideCidrs: z
        .array(
          z.string().superRefine((value, ctx) => {
            if (isUsableInsideCidr(value)) return;
            const canonical = canonicalCidr(value);
            const fix = canonical !== undefined && canonical !== value && isUsableInsideCidr(canonical) ? `. Fix: write ${canonical}` : "";
            ctx.addIssue({
              code: "custom",
              message: `must be a /30 inside 169.254.0.0/16 with host bits zero, not one AWS reserves (169.254.0.0/30 to 169.254.5.0/30, 169.254.169.252/30)${fix}`,
            });
          }),
        )
        .length(4, "must list exactly 4 /30s, one per tunnel. Fix: list four, or remove vpn.insideCidrs to have four allocated from 169.254.10.0")
        .optional(),
    })
    .prefault({}),
  tenants: z.array(tenantSchema).min(1, "must list at least one tenant"),
  /** Where Terraform state lives; cross-stack references follow it. */
  state: z
    .strictObject({
      /** local (default), split (GCP and Kubernetes stacks in GCS, the AWS stack in S3), gcs or s3 (every stack in one bucket). */
      backend: z.enum(["local", "split", "gcs", "s3"], { error: "must be local, split, gcs or s3" }).default("local"),
      gcs: z
        .strictObject({
          bucket: z.string().regex(/^[a-z0-9][-a-z0-9_.]{1,61}[a-z0-9]$/, "must be a GCS bucket name"),
          /** Object prefix, one per environment; each stack's state is under <prefix>/<stack>. */
          prefix: statePath,
        })
        .optional(),
      s3: z
        .strictObject({
          bucket: z.string().regex(/^[a-z0-9][-a-z0-9.]{1,61}[a-z0-9]$/, "must be an S3 bucket name"),
          /** Key prefix, one per environment; each stack's state is <keyPrefix>/<stack>.tfstate. */
          keyPrefix: statePath,
          region: awsRegion,
        })
        .optional(),
    })
    .prefault({}),
});

/** A validated configuration, defaults applied. */
export type Config = z.output<typeof configSchema>;
/** One consumer of the published service. */
export type TenantConfig = Config["tenants"][number];
/** The configuration as written in the file, before defaults. */
export type ConfigInput = z.input<typeof configSchema>;

/** One problem found in a configuration. */
export interface ConfigProblem {
  /** Where, as a config path: `tenants[1].podsCidr`. */
  readonly path: string;
  /** The rule, the value found, and a fix where one can be named. */
  readonly message: string;
}

/** A configuration that passed validation, with the warnings it raised. */
export interface ValidatedConfig {
  readonly config: Config;
  /** Things that work but deserve a look; they never fail synth. */
  readonly warnings: readonly ConfigProblem[];
}

/** Raised when a configuration has problems; lists all of them. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${formatProblems(problems)}`);
    this.name = "ConfigError";
  }
}

/** Formats problems or warnings one per line. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n");
}

/** The warnings of a config file as printed on synth: a header naming the file, then one per line. */
export function formatWarnings(source: string, warnings: readonly ConfigProblem[]): string {
  return `${source}: ${warnings.length} warning(s):\n${formatProblems(warnings)}`;
}

/**
 * Checks a parsed configuration, applies defaults, and returns it with its
 * warnings; throws a ConfigError listing every problem, the shape problems
 * and the rules between values together (see crossChecksDespite).
 */
export function validateConfig(raw: unknown, source = "config"): ValidatedConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const shape = result.error.issues.flatMap((issue) => shapeProblems(issue, raw));
    throw new ConfigError(source, [...shape, ...crossChecksDespite(raw, result.error.issues)]);
  }
  const { errors, warnings } = crossChecks(result.data);
  if (errors.length > 0) throw new ConfigError(source, errors);
  return { config: result.data, warnings };
}

/**
 * A value of the right shape for every required key, used only to stand in
 * for a value that failed its shape check, so that the rules between values
 * still run on all the others.
 */
const STAND_IN = {
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
 * optional), and any problem that involves a replaced value is left out, so
 * one run reports everything that is really wrong.
 */
function crossChecksDespite(raw: unknown, issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return [];
  const repaired = structuredClone(raw) as Record<PropertyKey, unknown>;
  const replaced: string[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const parent = valueAt(repaired, issue.path);
      if (parent !== null && typeof parent === "object") for (const key of issue.keys) delete (parent as Record<string, unknown>)[key];
      continue;
    }
    if (issue.path.length === 0) return [];
    replaced.push(formatPath(issue.path));
    const standIn = valueAt(STAND_IN, issue.path.map((seg, i) => (typeof seg === "number" && issue.path[i - 1] === "tenants" ? 0 : seg)));
    setAt(repaired, issue.path, standIn === undefined ? undefined : structuredClone(standIn));
  }
  const again = configSchema.safeParse(repaired);
  if (!again.success) return [];
  const involves = (problem: ConfigProblem) =>
    [problem.path, ...(problem.message.match(CONFIG_PATH_MENTION) ?? [])].some((mentioned) =>
      replaced.some((path) => isPathPrefix(path, mentioned) || isPathPrefix(mentioned, path)),
    );
  return crossChecks(again.data).errors.filter((problem) => !involves(problem));
}

/** Config paths named in a problem's message, like `aws.vpcCidr` or `tenants[1].podsCidr`. */
const CONFIG_PATH_MENTION = /\bprefix\b|\b(?:gcp|aws|service|vpn|tenants|state)(?:\[\d+\]|\.[A-Za-z]\w*)+/g;

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

/** Like validateConfig, for callers that do not print warnings (tests, other apps). */
export function parseConfig(raw: unknown, source = "config"): Config {
  return validateConfig(raw, source).config;
}

/** Reads and checks a YAML (or JSON) configuration file. */
export function loadConfig(file: string): ValidatedConfig {
  const relative = path.relative(process.cwd(), file);
  const source = relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(file) : relative;
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
  return validateConfig(raw, source);
}

/**
 * The producer ranges AWS must route back over the VPN: every producer
 * subnet (the Cloud Router advertises all subnets) plus the extra ranges.
 */
export function advertisedToAws(config: Config): string[] {
  const { gcp, vpn } = config;
  return [gcp.proxyOnlyCidr, gcp.frontendCidr, gcp.pscNatCidr, ...gcp.additionalPscNatCidrs, ...vpn.advertisedRanges];
}

/** Turns one zod issue into config-path problems with the value found. */
function shapeProblems(issue: z.core.$ZodIssue, raw: unknown): ConfigProblem[] {
  const at = formatPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const known = knownKeys(issue.path);
    return issue.keys.map((key) => {
      const near = known.length > 0 ? closest(key, known) : undefined;
      const fix = near !== undefined && distance(key, near) <= 2 ? `did you mean '${near}'?` : `remove it, or use one of: ${known.join(", ")}`;
      return { path: at === "(top level)" ? key : `${at}.${key}`, message: `is not a known key. Fix: ${fix}` };
    });
  }
  const value = valueAt(raw, issue.path);
  if (issue.code === "invalid_type") {
    if (value === undefined) return [{ path: at, message: issue.message.startsWith("is required") ? issue.message : `is required (${issue.expected})` }];
    return [{ path: at, message: `must be ${TYPE_NAMES[issue.expected] ?? article(issue.expected)}, got ${describe(value)}${quotedFix(issue.expected, value)}` }];
  }
  const [rule, fix] = issue.message.split(". Fix: ");
  return [{ path: at, message: `${rule}, got ${describe(value)}${fix ? `. Fix: ${fix}` : ""}` }];
}

/** The keys the schema accepts at a path (for unknown-key messages). */
function knownKeys(segments: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = configSchema;
  for (const seg of segments) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodObject) schema = schema.shape[seg as string] as z.ZodType;
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function formatPath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return "(top level)";
  return segments.reduce<string>((acc, seg) => {
    if (typeof seg === "number") return `${acc}[${seg}]`;
    return acc === "" ? String(seg) : `${acc}.${String(seg)}`;
  }, "");
}

function valueAt(raw: unknown, segments: readonly PropertyKey[]): unknown {
  let current: unknown = raw;
  for (const seg of segments) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[seg];
  }
  return current;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value !== null && typeof value === "object") return "a mapping";
  return JSON.stringify(value);
}

/** Zod's type names in the words of a YAML file. */
/** A fix for a number or boolean written in quotes (or as a YAML word that is not a boolean). */
function quotedFix(expected: string, value: unknown): string {
  if (typeof value !== "string") return "";
  if ((expected === "number" || expected === "int") && value.trim() !== "" && !Number.isNaN(Number(value))) return `. Fix: write ${Number(value)} without quotes`;
  if (expected === "boolean") {
    const word = value.toLowerCase();
    if (["yes", "on", "true", "y"].includes(word)) return ". Fix: write true";
    if (["no", "off", "false", "n"].includes(word)) return ". Fix: write false";
  }
  return "";
}

const TYPE_NAMES: Record<string, string> = { int: "a whole number", array: "a list", object: "a mapping", boolean: "true or false" };

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
