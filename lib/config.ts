import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { isPrivateAsn, PRIVATE_ASN_RULE } from "./asn";
import { containsCidr, containsIp, isIpv4, isNetworkCidr, isPrivateCidr, overlaps } from "./cidr";
import { GCP_NAME_RULE, isGcpName } from "./naming";

/**
 * The configuration of one environment: everything the five stacks need.
 * Written in YAML (see config/example.yaml); every key is documented there.
 */

const cidr = z
  .string()
  .refine(isNetworkCidr, "must be an IPv4 CIDR block with its host bits zero, e.g. 10.0.10.0/24");
const privateCidr = cidr.refine(isPrivateCidr, "must lie inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10");
const ipv4 = z.string().refine(isIpv4, "must be an IPv4 address, e.g. 10.0.20.10");
const port = z.number().int().min(1).max(65535);
const gcpName = z.string().refine(isGcpName, GCP_NAME_RULE);
const privateAsn = z.number().int().refine(isPrivateAsn, PRIVATE_ASN_RULE);
const gcpProject = z
  .string()
  .regex(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/, "must be a GCP project id: 6-30 lowercase letters, digits and '-'");

const tenantSchema = z.strictObject({
  /** Short tenant name; used in stack ids (`consumer-<name>`) and resource names. */
  name: gcpName,
  /** GCP project holding the tenant's VPC and GKE cluster. */
  project: gcpProject,
  /** Primary range of the GKE node subnet. May overlap AWS and other tenants. */
  gkeNodesCidr: privateCidr,
  /** Secondary range for pods. */
  podsCidr: privateCidr,
  /** Secondary range for services. */
  servicesCidr: privateCidr,
  /** Subnet holding the PSC endpoint's internal address. */
  pscEndpointCidr: privateCidr,
  /** Fixed internal address of the PSC endpoint; default: one allocated by GCP in pscEndpointCidr. */
  pscEndpointIp: ipv4.optional(),
  /** Connections this tenant may open to the service attachment. */
  connectionLimit: z.number().int().min(1).max(1000).default(10),
  /** Kubernetes namespace for the API's in-cluster name. */
  namespace: gcpName.default("aws-api"),
  /** Keep the GKE cluster from being deleted by Terraform. */
  deletionProtection: z.boolean().default(true),
});

const configSchema = z.strictObject({
  /** Prefix of every resource name. */
  prefix: gcpName,
  gcp: z.strictObject({
    /** Region of the producer and of every tenant's PSC endpoint (PSC endpoints are regional). */
    region: z.string().regex(/^[a-z]+-[a-z]+\d+$/, "must be a GCP region, e.g. asia-northeast1"),
    /** Zone of the hybrid NEG; default: `<region>-a`. */
    negZone: z.string().regex(/^[a-z]+-[a-z]+\d+-[a-z]$/, "must be a GCP zone, e.g. asia-northeast1-a").optional(),
    /** Project holding the producer VPC, load balancer, service attachment and HA VPN. */
    producerProject: gcpProject,
    /** BGP ASN of the Cloud Router. */
    routerAsn: privateAsn,
    /** Dedicated PSC NAT subnet (purpose PRIVATE_SERVICE_CONNECT). */
    pscNatCidr: privateCidr,
    /** Subnet of the load balancer's internal forwarding rule. */
    frontendCidr: privateCidr,
    /** Proxy-only subnet (REGIONAL_MANAGED_PROXY): the source AWS sees. */
    proxyOnlyCidr: privateCidr,
  }),
  aws: z.strictObject({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region, e.g. ap-northeast-1"),
    /** Availability zone of the subnets and the backend. */
    availabilityZone: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, "must be an AWS availability zone, e.g. ap-northeast-1a"),
    /** Amazon-side BGP ASN of the virtual private gateway. */
    asn: privateAsn,
    vpcCidr: privateCidr,
    publicSubnetCidr: privateCidr,
    privateSubnetCidr: privateCidr,
    backend: z.strictObject({
      /** Private address of the backend instance, inside privateSubnetCidr. */
      privateIp: ipv4,
      /** Port the backend serves HTTP on. */
      port: port,
      instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type, e.g. t3.micro").default("t3.micro"),
      /** Explicit AMI id; default: the latest Amazon Linux 2023, resolved through SSM at launch. */
      amiId: z.string().regex(/^ami-[0-9a-f]{8,17}$/, "must be an AMI id, e.g. ami-0123456789abcdef0").optional(),
    }),
  }),
  service: z
    .strictObject({
      /** Port the internal load balancer and the PSC endpoint listen on. */
      port: port.default(80),
      /** HTTP path of the hybrid NEG health check. */
      healthCheckPath: z.string().startsWith("/", "must start with '/'").default("/"),
      /** Private DNS name of the API in every consumer VPC. */
      dnsName: z
        .string()
        .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.){2,}$/, "must be a fully qualified name ending with '.', e.g. api.aws-api.internal.")
        .default("api.aws-api.internal."),
    })
    .prefault({}),
  vpn: z
    .strictObject({
      /** Diffie-Hellman group of both IKE phases. */
      dhGroup: z.union([z.literal(14), z.literal(19), z.literal(20), z.literal(21)]).default(14),
      /** Inside /30s of the four tunnels (connection 1 tunnels 1-2, connection 2 tunnels 1-2); default: allocated from 169.254.10.0. */
      insideCidrs: z.array(cidr).length(4).optional(),
    })
    .prefault({}),
  tenants: z.array(tenantSchema).min(1, "must list at least one tenant"),
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
  /** What is wrong and what would be valid. */
  readonly message: string;
}

/** Raised when a configuration has problems; lists all of them. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Checks a parsed configuration and applies defaults; throws a ConfigError listing every problem. */
export function parseConfig(raw: unknown, source = "config"): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      source,
      result.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        message: withValue(issue.message, valueAt(raw, issue.path)),
      })),
    );
  }
  const problems = crossChecks(result.data);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return result.data;
}

/** Reads and checks a YAML (or JSON) configuration file. */
export function loadConfig(file: string): Config {
  const text = fs.readFileSync(file, "utf8");
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new ConfigError(file, [{ path: "(file)", message: `is not valid YAML: ${(e as Error).message}` }]);
  }
  const relative = path.relative(process.cwd(), file);
  return parseConfig(raw, relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(file) : relative);
}

/** The bundled example: DESIGN.md's reference network plan. */
export const EXAMPLE_CONFIG_FILE = path.join(__dirname, "..", "config", "example.yaml");

/** Rules that relate several fields to each other. */
function crossChecks(config: Config): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { gcp, aws } = config;

  if (gcp.routerAsn === aws.asn) {
    problems.push({ path: "aws.asn", message: `must differ from gcp.routerAsn (eBGP between two ASNs), got ${aws.asn} for both` });
  }
  for (const key of ["publicSubnetCidr", "privateSubnetCidr"] as const) {
    if (!containsCidr(aws.vpcCidr, aws[key])) {
      problems.push({ path: `aws.${key}`, message: `must lie inside aws.vpcCidr ${aws.vpcCidr}, got ${aws[key]}` });
    }
  }
  if (overlaps(aws.publicSubnetCidr, aws.privateSubnetCidr)) {
    problems.push({ path: "aws.privateSubnetCidr", message: `must not overlap aws.publicSubnetCidr ${aws.publicSubnetCidr}, got ${aws.privateSubnetCidr}` });
  }
  if (!containsIp(aws.privateSubnetCidr, aws.backend.privateIp)) {
    problems.push({
      path: "aws.backend.privateIp",
      message: `must lie inside aws.privateSubnetCidr ${aws.privateSubnetCidr}, got ${aws.backend.privateIp}`,
    });
  }

  // Producer ranges are routed over the VPN, so they must be unique on both sides (DESIGN.md).
  const producer = (["pscNatCidr", "frontendCidr", "proxyOnlyCidr"] as const).map((key) => ({ path: `gcp.${key}`, cidr: gcp[key] }));
  producer.forEach((a, i) => {
    if (overlaps(a.cidr, aws.vpcCidr)) {
      problems.push({ path: a.path, message: `must not overlap aws.vpcCidr ${aws.vpcCidr} (producer ranges are routed over the VPN), got ${a.cidr}` });
    }
    for (const b of producer.slice(i + 1)) {
      if (overlaps(a.cidr, b.cidr)) problems.push({ path: b.path, message: `must not overlap ${a.path} ${a.cidr}, got ${b.cidr}` });
    }
  });

  // Consumer ranges may overlap AWS and other tenants (that is what PSC is for), but not each other within one VPC.
  const seen = new Set<string>();
  config.tenants.forEach((tenant, t) => {
    if (seen.has(tenant.name)) problems.push({ path: `tenants[${t}].name`, message: `must be unique among tenants, got '${tenant.name}' twice` });
    seen.add(tenant.name);
    const ranges = (["gkeNodesCidr", "podsCidr", "servicesCidr", "pscEndpointCidr"] as const).map((key) => ({
      path: `tenants[${t}].${key}`,
      cidr: tenant[key],
    }));
    ranges.forEach((a, i) => {
      for (const b of ranges.slice(i + 1)) {
        if (overlaps(a.cidr, b.cidr)) problems.push({ path: b.path, message: `must not overlap ${a.path} ${a.cidr} in the same VPC, got ${b.cidr}` });
      }
    });
    if (tenant.pscEndpointIp !== undefined && !containsIp(tenant.pscEndpointCidr, tenant.pscEndpointIp)) {
      problems.push({
        path: `tenants[${t}].pscEndpointIp`,
        message: `must lie inside tenants[${t}].pscEndpointCidr ${tenant.pscEndpointCidr}, got ${tenant.pscEndpointIp}`,
      });
    }
  });
  return problems;
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

function withValue(message: string, value: unknown): string {
  if (value === undefined || typeof value === "object") return message;
  return `${message}, got ${JSON.stringify(value)}`;
}
