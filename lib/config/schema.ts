import { z } from "zod";
import { LOAD_BALANCER_DEFAULTS } from "../../constructs/gcp/hybrid-neg-load-balancer";
import { isPrivateAsn, PRIVATE_ASN_RULE } from "../../constructs/core/asn";
import { IPV4_RULE, isIpv4 } from "../../constructs/core/cidr";
import { DH_GROUP_RULE, ENCRYPTION_RULE, TERMINATION_RULE } from "../../constructs/aws/aws-site-to-site-vpn";
import { GKE_MODE_RULE, GKE_MODES } from "../../constructs/gcp/private-gke-cluster";
import { PrefixLimit, PREFIX_LIMITS, SHARED_DH_GROUPS, SHARED_ENCRYPTIONS, VPC_CONNECTOR_MACHINE_TYPES } from "../../constructs/core/limits";
import {
  AWS_REGION_PATTERN,
  AWS_REGION_RULE,
  AWS_ZONE_PATTERN,
  AWS_ZONE_RULE,
  DNS_LABEL_PATTERN,
  DNS_LABEL_RULE,
  DNS_LABEL_WORDS,
  FQDN_PATTERN,
  FQDN_RULE,
  GCP_NAME_RULE,
  GCP_PROJECT_PATTERN,
  GCP_PROJECT_RULE,
  gcpRegionProblem,
  GCP_ZONE_PATTERN,
  GCP_ZONE_RULE,
  isGcpName,
  isSystemNamespace,
  SYSTEM_NAMESPACE_RULE,
} from "../../constructs/core/names";
import { cidrProblems } from "../../constructs/core/validation";

/**
 * The shape of one environment's configuration, written in YAML
 * (config/example.yaml documents every key): types, formats, sizes. Rules
 * between values live in rules.ts; rules of one construct's props live in
 * that construct and reach config paths through rules.ts.
 *
 * Defaults: a value the app decides (the API's DNS name, a tenant's
 * namespace) has its default here; a value a construct decides (GKE's
 * release channel, the VPN's DH group) is left out, and the construct
 * applies its own documented default.
 */

/** An IPv4 CIDR block with its host bits zero, optionally private and within a size limit (one wording: cidrProblems). */
function cidr(opts: { private?: boolean; limit?: PrefixLimit } = {}) {
  return z.string().superRefine((value, ctx) => {
    for (const broken of cidrProblems(value, opts)) {
      ctx.addIssue({ code: "custom", message: broken.fix ? `${broken.rule}. Fix: ${broken.fix}` : broken.rule });
    }
  });
}

const ipv4 = z.string().refine(isIpv4, IPV4_RULE);
const wholeNumber = z.number().int("must be a whole number");
const gcpName = z.string().refine(isGcpName, GCP_NAME_RULE);
const k8sName = z.string().regex(DNS_LABEL_PATTERN, DNS_LABEL_RULE);
const privateAsn = wholeNumber.refine(isPrivateAsn, PRIVATE_ASN_RULE);
const gcpProject = z.string().regex(GCP_PROJECT_PATTERN, GCP_PROJECT_RULE);
const gcpRegion = z.string().superRefine((value, ctx) => {
  const broken = gcpRegionProblem(value);
  if (broken) ctx.addIssue({ code: "custom", message: broken.fix ? `${broken.rule}. Fix: ${broken.fix}` : broken.rule });
});
const gcpZone = z.string().regex(GCP_ZONE_PATTERN, GCP_ZONE_RULE);
const awsRegion = z.string().regex(AWS_REGION_PATTERN, AWS_REGION_RULE);
const awsZone = z.string().regex(AWS_ZONE_PATTERN, AWS_ZONE_RULE);

/** A regular GCP subnet's primary range. */
const gcpSubnet = cidr({ private: true, limit: PREFIX_LIMITS.gcpSubnet });
/** AWS VPCs and subnets. */
const awsBlock = cidr({ private: true, limit: PREFIX_LIMITS.awsVpc });

const gkeSchema = z.strictObject({
  /** autopilot (Google manages nodes) or standard (a node pool managed here). Default: PrivateGkeCluster's. */
  mode: z.enum(GKE_MODES, { error: GKE_MODE_RULE }).optional(),
  releaseChannel: z.enum(["RAPID", "REGULAR", "STABLE"], { error: "must be RAPID, REGULAR or STABLE" }).optional(),
  /** Keep the cluster from being deleted by Terraform; turn off only for throwaway environments. */
  deletionProtection: z.boolean().optional(),
  /** Serve the control plane on its IAM-authorised DNS endpoint (how Terraform and kubectl reach it). */
  dnsEndpoint: z.boolean().optional(),
  /** Give the control plane a public IP endpoint too (explicit opt-in). */
  publicEndpoint: z.boolean().optional(),
  /** Private ranges allowed to reach the control plane's private IP endpoint. */
  authorizedNetworks: z.array(z.strictObject({ cidr: cidr({ private: true }), displayName: z.string().min(1, "must not be empty") })).optional(),
  /** Control-plane range of a peering-based private cluster; default: none (PSC-based control plane). */
  controlPlaneCidr: cidr({ private: true, limit: PREFIX_LIMITS.gkeControlPlane }).optional(),
  /** Route and private DNS zones for restricted.googleapis.com, for a VPC with no internet path. */
  restrictedGoogleApis: z.boolean().default(false),
  /** Node pool (Standard mode only); each setting defaults to PrivateGkeCluster's. */
  nodePool: z
    .strictObject({
      machineType: z.string().regex(/^[a-z0-9]+-[a-z0-9-]+$/, "must be a machine type like e2-standard-2").optional(),
      minNodesPerZone: wholeNumber.optional(),
      maxNodesPerZone: wholeNumber.optional(),
      diskSizeGb: wholeNumber.optional(),
      /** Most pods per node; each node takes a block of twice as many pod addresses (32 -> /26). */
      maxPodsPerNode: wholeNumber.optional(),
    })
    .optional(),
});

/** A fully qualified DNS name, ending with '.'. */
const fqdn = z.string().regex(FQDN_PATTERN, FQDN_RULE);

/** An in-cluster Service published on a reserved internal address of the tenant's node subnet. */
const publishedServiceSchema = z.strictObject({
  /** Name of the Kubernetes Service (and of its reserved address). */
  name: k8sName,
  /** Port the address serves. */
  port: wholeNumber,
  /** Port of the pods. Default: port. */
  targetPort: wholeNumber.optional(),
  /** Labels of the pods that serve it. Default: {app: <name>}. */
  selector: z.record(z.string(), z.string()).optional(),
  /** A PSC tenant's only: its A record, in the tenant's dnsZone. Default (publishedDnsNameOf): <name>.<dnsZone>. */
  dnsName: fqdn.optional(),
});

/** What every tenant has, whichever way it reaches AWS. */
const tenantBase = {
  /** Short tenant name; used in stack ids (`consumer-<name>`) and resource names. */
  name: gcpName,
  /** GCP project holding the tenant's GKE cluster (and, for a PSC tenant, its VPC). */
  project: gcpProject,
  /** Primary range of the GKE node subnet. */
  gkeNodesCidr: gcpSubnet,
  /** Secondary range for pods. */
  podsCidr: cidr({ private: true, limit: PREFIX_LIMITS.gkePods }),
  /** Secondary range for services. */
  servicesCidr: cidr({ private: true, limit: PREFIX_LIMITS.gkeServices }),
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
  /** Image of the connectivity check jobs (needs sh and curl; must be pullable by private nodes). Default: ConnectivityCheck's. */
  checkImage: z.string().optional(),
  /**
   * In-cluster Services published on internal addresses reserved in the node subnet: a PSC
   * tenant's are named in its private zone and reached from its VPC and serverless clients, a
   * routed tenant's are reached from AWS over the VPN.
   */
  publishedServices: z.array(publishedServiceSchema).default([]),
};

/** How a PSC tenant's serverless workloads (App Engine, Cloud Run, Cloud Run functions) send requests into its VPC. */
const serverlessSchema = z
  .strictObject({
    /** A Serverless VPC Access connector (App Engine standard, Cloud Run, Cloud Run functions). Bounds and defaults: ServerlessVpcAccessConnector's. */
    connector: z
      .strictObject({
        /** The connector's own /28, used by nothing else in the tenant's VPC. */
        cidr: cidr({ private: true, limit: PREFIX_LIMITS.serverlessConnector }),
        machineType: z.enum(VPC_CONNECTOR_MACHINE_TYPES, { error: `must be one of ${VPC_CONNECTOR_MACHINE_TYPES.join(", ")}` }).optional(),
        minInstances: wholeNumber.optional(),
        maxInstances: wholeNumber.optional(),
      })
      .optional(),
    /** A subnet for Cloud Run's Direct VPC egress (Cloud Run services, jobs and functions; not App Engine): a /26 or larger. */
    directVpcEgressCidr: cidr({ private: true, limit: PREFIX_LIMITS.directVpcEgress }).optional(),
  })
  .refine((s) => s.connector !== undefined || s.directVpcEgressCidr !== undefined, {
    error: "must set connector (App Engine, Cloud Run) or directVpcEgressCidr (Cloud Run), or both. Fix: e.g. connector: {cidr: 10.8.0.0/28}, or remove serverless",
  });

/**
 * A PSC tenant (the default): its own VPC, reaching the one published API
 * through a PSC endpoint. Its ranges may overlap AWS and other tenants.
 */
const pscTenantSchema = z.strictObject({
  ...tenantBase,
  /** How the tenant reaches AWS: `psc` (default) or `routed`. */
  kind: z.literal("psc").optional().default("psc"),
  /** Subnet holding the PSC endpoint's internal address. */
  pscEndpointCidr: gcpSubnet,
  /** Fixed internal address of the PSC endpoint; default: one allocated by GCP in pscEndpointCidr. */
  pscEndpointIp: ipv4.optional(),
  /** Connections this tenant may open to the service attachment. */
  connectionLimit: wholeNumber.max(1000, "must be at most 1000").default(10),
  /** Let clients in any region of the tenant's VPC use the PSC endpoint (PSC global access). */
  pscGlobalAccess: z.boolean().optional(),
  /** Serverless clients in the tenant's project: the paths their requests take into its VPC, and a check of each. */
  serverless: serverlessSchema.optional(),
  /** Private Cloud DNS zone of the published Services' names, bound to the tenant's VPC. Default (publishedZoneOf): <name>.internal. */
  dnsZone: fqdn.optional(),
});

/**
 * A routed tenant: a Shared VPC service project whose cluster runs on a
 * subnet of the producer (host) VPC. Its node, pod and service ranges are
 * advertised to AWS, so its pods reach any AWS address the VPN routes and
 * AWS reaches its published services; they must be unique across the hub,
 * AWS and the other routed tenants.
 */
const routedTenantSchema = z.strictObject({
  ...tenantBase,
  kind: z.literal("routed"),
  /**
   * Principals that deploy the tenant's stacks (`serviceAccount:...`, `group:...`), granted Compute
   * Network User on its subnet: reserving the published Services' addresses in it needs that.
   */
  subnetUsers: z.array(z.string()).default([]),
});

const tenantSchema = z.discriminatedUnion("kind", [pscTenantSchema, routedTenantSchema], { error: "must be psc or routed" });

/**
 * Where an environment's state objects live in a bucket. No default: two
 * environments sharing a bucket and a default would share (and overwrite)
 * each other's state.
 */
const statePath = z
  .string({ error: (issue) => (issue.input === undefined ? "is required, one per environment (two environments with one path share state). Fix: e.g. psc-hybrid/prod" : "must be a path like psc-hybrid/prod") })
  .regex(/^[\w.-]+(\/[\w.-]+)*$/, "must be a path like psc-hybrid/prod");

const natCidr = cidr({ private: true, limit: PREFIX_LIMITS.pscNatSubnet });

/**
 * The configuration file's schema (zod): its shape, types and defaults. Only
 * the shape is checked here; `validateConfig` also runs the rules between
 * values (overlaps, limits, names).
 */
export const configSchema = z.strictObject({
  /**
   * The environment's name: keys its local state files (`terraform.<environment>.<stack>.tfstate`)
   * and is recorded in `cdktf.out`, so two configs never share state or a report.
   * Default (loadConfig): the config file's name (`prod` for config/prod.yaml); a config given as data must name it.
   */
  environment: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? "is required for a config not read from a file (loadConfig names it after the file): it names the environment's state files. Fix: add environment: <name>, e.g. prod"
          : "must be a string",
    })
    .regex(DNS_LABEL_PATTERN, `must be an environment name: ${DNS_LABEL_WORDS}`),
  /** Prefix of every resource name. */
  prefix: gcpName,
  gcp: z.strictObject({
    /** Region of the producer and of every tenant's PSC endpoint (PSC endpoints are regional). */
    region: gcpRegion,
    /** Zone of the hybrid NEG; default: HybridNegLoadBalancer's (the region's first zone). */
    negZone: gcpZone.optional(),
    /** Project holding the producer VPC, load balancer, service attachment and HA VPN. */
    producerProject: gcpProject,
    /**
     * Enable the Google APIs each GCP stack needs (google_project_service, never
     * disabled on destroy). false: a project factory enables them; nothing is created.
     */
    manageApis: z.boolean().default(true),
    /** BGP ASN of the Cloud Router. */
    routerAsn: privateAsn,
    /** Dedicated PSC NAT subnet (purpose PRIVATE_SERVICE_CONNECT). */
    pscNatCidr: natCidr,
    /**
     * More PSC NAT subnets, added as tenants grow (each connection takes NAT
     * addresses). Appending one updates the service attachment in place.
     */
    additionalPscNatCidrs: z.array(natCidr).default([]),
    /** Subnet of the load balancer's internal forwarding rule. */
    frontendCidr: gcpSubnet,
    /** Proxy-only subnet (REGIONAL_MANAGED_PROXY): the source AWS sees. */
    proxyOnlyCidr: cidr({ private: true, limit: PREFIX_LIMITS.proxyOnlySubnet }),
    /**
     * Ranges allocated in the producer (hub) VPC for private services access (Cloud SQL,
     * Memorystore): peered with Google's service networking, custom routes exported to the
     * peering, advertised to AWS. Routed like the hub's subnets: unique across the hub and AWS.
     */
    privateServicesAccessCidrs: z.array(cidr({ private: true, limit: PREFIX_LIMITS.privateServicesAccess })).default([]),
  }),
  aws: z.strictObject({
    region: awsRegion,
    /** Availability zone of the subnets and the backend. */
    availabilityZone: awsZone,
    /** Amazon-side BGP ASN of the virtual private gateway. */
    asn: privateAsn,
    /** What terminates the VPN: a virtual private gateway (vgw) or a transit gateway (tgw). Default: AwsSiteToSiteVpn's. */
    termination: z.enum(["vgw", "tgw"], { error: TERMINATION_RULE }).optional(),
    /** The VPC's range: the one this app creates, or the existing VPC's (the overlap rules and the plan need it). */
    vpcCidr: awsBlock,
    /** Subnets of the VPC this app creates; refused with existingVpc (rules.ts). */
    publicSubnetCidr: awsBlock.optional(),
    privateSubnetCidr: awsBlock.optional(),
    /** A VPC made elsewhere, instead of creating one: the VPN attaches to it and routes into the given tables. */
    existingVpc: z
      .strictObject({
        /** The VPC's id (its form: AwsSiteToSiteVpn's rule). */
        vpcId: z.string(),
        /** Route tables that must reach Google Cloud: VPN routes are propagated into them (vgw) or routed to the transit gateway (tgw). */
        routeTableIds: z.array(z.string()).min(1, "must list at least one route table (those of the backend's subnets)"),
        /** Subnets of the transit gateway's VPC attachment, one per AZ; tgw only (AwsSiteToSiteVpn's rule). */
        attachmentSubnetIds: z.array(z.string()).optional(),
      })
      .optional(),
    backend: z.strictObject({
      /** Private address of the backend: inside privateSubnetCidr for the demo instance, inside vpcCidr for an existing one. */
      privateIp: ipv4,
      /** Port the backend serves HTTP on. */
      port: wholeNumber,
      /** Demo instance only. Default: BackendInstance's. */
      instanceType: z.string().optional(),
      /** Demo instance only. Explicit AMI id; default: the latest Amazon Linux 2023, resolved through SSM at launch. */
      amiId: z.string().optional(),
      /** Demo instance only. Session Manager access (instance profile + the VPC endpoints it needs); off unless set. */
      ssm: z.boolean().optional(),
      /** An API already running at privateIp:port, instead of the demo instance; its security group gets the ingress rule. */
      existing: z.strictObject({ securityGroupId: z.string() }).optional(),
    }),
  }),
  service: z
    .strictObject({
      /** Port the internal load balancer and the PSC endpoint listen on. */
      port: wholeNumber.default(LOAD_BALANCER_DEFAULTS.port),
      /** HTTP path of the hybrid NEG health check, and of the connectivity check's request. */
      healthCheckPath: z.string().default(LOAD_BALANCER_DEFAULTS.healthCheckPath),
      /**
       * Accept PSC endpoints from any project. An explicit opt-in: by default only
       * the tenants' projects are accepted (ACCEPT_MANUAL with an accept list).
       */
      acceptAllConsumers: z.boolean().optional(),
      /**
       * Domain of the service attachment (ending with '.'), so consumers' PSC endpoints get
       * an automatic DNS name (Google Cloud docs, "Configure DNS names for published services").
       */
      attachmentDomainName: z.string().optional(),
      /** Private DNS name of the API in every consumer VPC. */
      dnsName: z
        .string()
        .regex(FQDN_PATTERN, FQDN_RULE)
        .default("api.aws-api.internal."),
    })
    .prefault({}),
  vpn: z
    .strictObject({
      /** Diffie-Hellman group of both IKE phases. Default: AwsSiteToSiteVpn's. */
      dhGroup: z.union(SHARED_DH_GROUPS.map((g) => z.literal(g)), { error: DH_GROUP_RULE }).optional(),
      /** Encryption of both IKE phases. Default: AwsSiteToSiteVpn's. */
      encryption: z.enum(SHARED_ENCRYPTIONS, { error: ENCRYPTION_RULE }).optional(),
      /** Ranges the Cloud Router advertises to AWS beyond all producer subnets (the proxy-only range is always advertised). */
      advertisedRanges: z.array(cidr({ private: true })).default([]),
      /**
       * Priority (MED) of the routes advertised on each of the four BGP sessions, in tunnel order;
       * lower is preferred. Equal values: active/active; e.g. [100, 100, 200, 200]: interface 1 passive.
       * Default: VpnTunnelPair's on every session. Count and range: HaVpnToAws's rules.
       */
      routePriorities: z.array(wholeNumber).optional(),
      /** Keep Terraform from destroying (or replacing) the HA VPN gateway and the AWS VPN connections. Default: the constructs' (on). */
      preventDestroy: z.boolean().optional(),
      /** Inside /30s of the four tunnels (connection 1 tunnels 1-2, connection 2 tunnels 1-2); default: allocated by AwsSiteToSiteVpn. */
      insideCidrs: z.array(z.string()).optional(),
    })
    .prefault({}),
  /** What the path logs, to read when a request does not get through (README: "Where to look"). */
  observability: z
    .strictObject({
      /** Share of sampled flows VPC Flow Logs reports on the GKE node subnets (the path's only VMs), 0 to 1; 0 turns them off. Default: GkeSubnet's (SUBNET_FLOW_LOG_DEFAULTS). */
      gcpFlowLogSampling: z.number().optional(),
      /** Share of requests the internal load balancer logs, 0 to 1; 0 turns request logs off. Default: HybridNegLoadBalancer's (every request). */
      loadBalancerLogSampling: z.number().optional(),
      /** VPC flow logs (all traffic) on the AWS VPC, to a CloudWatch Logs log group. */
      awsFlowLogs: z.boolean().default(true),
      /** Retention of the flow log group, in days. Default and allowed values: AwsVpcFlowLog's. */
      awsLogRetentionDays: wholeNumber.optional(),
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
  /**
   * The deploy pipeline (GitHub Actions): who may deploy this environment
   * keylessly. When set, the app adds the `bootstrap-gcp` and `bootstrap-aws`
   * stacks (deployed once by an administrator) that create the identities
   * the deploy workflow runs as.
   */
  pipeline: z
    .strictObject({
      /** The GitHub repository whose workflows deploy this environment, as owner/name. */
      repository: z.string(),
      /** The branch whose workflows may deploy (the GitHub environment named after `environment` holds the approvals). */
      branch: z.string().default("main"),
      /** Project of the workload identity pool and of the deployers' service accounts. Default: gcp.producerProject. */
      gcpProject: gcpProject.optional(),
      /**
       * Where the Shared VPC roles are granted, `organizations/<id>` or `folders/<id>`: Google grants
       * Shared VPC Admin only there. Required with routed tenants (the hub is a Shared VPC host).
       */
      sharedVpcAdminScope: z.string().regex(/^(organizations|folders)\/\d+$/, "must be organizations/<number> or folders/<number>").optional(),
      /** ARN of the AWS account's existing OIDC provider for GitHub Actions (an account has one per issuer). Default: bootstrap-aws creates it. */
      awsOidcProviderArn: z.string().optional(),
    })
    .optional(),
});

/** A validated configuration, app defaults applied (construct defaults are the constructs'). */
export type Config = z.output<typeof configSchema>;
/** One tenant, of either kind. */
export type TenantConfig = Config["tenants"][number];
/** A tenant reaching AWS through its PSC endpoint. */
export type PscTenantConfig = Extract<TenantConfig, { kind: "psc" }>;
/** A tenant on a subnet of the Shared VPC hub, its ranges routed to AWS. */
export type RoutedTenantConfig = Extract<TenantConfig, { kind: "routed" }>;
/** A Service published on a reserved address of a tenant's node subnet. */
export type PublishedServiceConfig = TenantConfig["publishedServices"][number];

/** The PSC tenants, in config order, each with its index in `tenants`. */
export function pscTenants(config: Config): Array<{ tenant: PscTenantConfig; index: number }> {
  return config.tenants.flatMap((tenant, index) => (tenant.kind === "psc" ? [{ tenant, index }] : []));
}

/** The routed tenants, in config order, each with its index in `tenants`. */
export function routedTenants(config: Config): Array<{ tenant: RoutedTenantConfig; index: number }> {
  return config.tenants.flatMap((tenant, index) => (tenant.kind === "routed" ? [{ tenant, index }] : []));
}
/** The configuration as written in the file, before defaults. */
export type ConfigInput = z.input<typeof configSchema>;

/** The AWS VPC a valid config describes: one this app creates, with its two subnets, or one made elsewhere. */
export type AwsVpcChoice =
  | { readonly kind: "created"; readonly vpcCidr: string; readonly publicSubnetCidr: string; readonly privateSubnetCidr: string }
  | ({ readonly kind: "existing"; readonly vpcCidr: string } & NonNullable<Config["aws"]["existingVpc"]>);

/** The backend a valid config describes: the demo instance this app creates, or an API already running. */
export type AwsBackendChoice =
  | ({ readonly kind: "instance" } & Omit<Config["aws"]["backend"], "existing">)
  | { readonly kind: "existing"; readonly privateIp: string; readonly port: number; readonly securityGroupId: string };

/**
 * The AWS VPC of a config, as one of its two kinds; undefined for a created
 * VPC missing a subnet, which validateConfig refuses (rules.ts, awsLayout),
 * so a validated config always has one.
 */
export function awsVpcOf(aws: Config["aws"]): AwsVpcChoice | undefined {
  if (aws.existingVpc !== undefined) return { kind: "existing", vpcCidr: aws.vpcCidr, ...aws.existingVpc };
  if (aws.publicSubnetCidr === undefined || aws.privateSubnetCidr === undefined) return undefined;
  return { kind: "created", vpcCidr: aws.vpcCidr, publicSubnetCidr: aws.publicSubnetCidr, privateSubnetCidr: aws.privateSubnetCidr };
}

/** The backend of a config, as one of its two kinds (rules.ts refuses demo-instance settings with an existing backend). */
export function awsBackendOf(aws: Config["aws"]): AwsBackendChoice {
  const { existing, ...instance } = aws.backend;
  if (existing !== undefined) return { kind: "existing", privateIp: aws.backend.privateIp, port: aws.backend.port, securityGroupId: existing.securityGroupId };
  return { kind: "instance", ...instance };
}

/** Where a tenant's in-cluster API name points: its PSC endpoint (address known at apply) on the service port, or for a routed tenant the backend itself. */
export function apiTargetOf(config: Config, tenant: TenantConfig): { readonly ip?: string; readonly port: number } {
  return tenant.kind === "routed" ? { ip: config.aws.backend.privateIp, port: config.aws.backend.port } : { port: config.service.port };
}

/** The private zone of a PSC tenant's published Services' names. */
export function publishedZoneOf(tenant: PscTenantConfig): string {
  return tenant.dnsZone ?? `${tenant.name}.internal.`;
}

/** A PSC tenant's published Service's name in its private zone. */
export function publishedDnsNameOf(tenant: PscTenantConfig, service: PublishedServiceConfig): string {
  return service.dnsName ?? `${service.name}.${publishedZoneOf(tenant)}`;
}
