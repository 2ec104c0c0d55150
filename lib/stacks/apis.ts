import type { Config } from "../config/schema";

/**
 * What the producer and tunnels stacks create (VPC, subnets, HA VPN gateway,
 * Cloud Router, tunnels, load balancer, service attachment) is all Compute
 * Engine API.
 */
const PRODUCER_PROJECT_APIS = ["compute.googleapis.com"] as const;

/**
 * What a consumer stack creates: VPC, subnets, PSC endpoint and route
 * (Compute Engine), the GKE cluster (Kubernetes Engine), private DNS zones
 * (Cloud DNS), the nodes' service account (IAM) and its project role binding
 * (Cloud Resource Manager); and Service Directory, where Google registers
 * every new PSC endpoint and, when the service attachment has a domain
 * (`service.attachmentDomainName`), makes the endpoint's DNS zone (Google
 * Cloud docs, "Access published services through endpoints": before you
 * begin, and "DNS configuration for published services").
 */
const TENANT_PROJECT_APIS = [
  "compute.googleapis.com",
  "container.googleapis.com",
  "dns.googleapis.com",
  "iam.googleapis.com",
  "cloudresourcemanager.googleapis.com",
  "servicedirectory.googleapis.com",
] as const;

/**
 * What a routed tenant's stacks create in its (service) project: the GKE
 * cluster (Kubernetes Engine; enabling it also creates the GKE service agent
 * the hub grants roles to), published Services' addresses (Compute Engine,
 * also needed to attach the project to the Shared VPC host), the nodes'
 * service account (IAM) and its project role binding (Cloud Resource Manager).
 */
const ROUTED_TENANT_PROJECT_APIS = ["compute.googleapis.com", "container.googleapis.com", "iam.googleapis.com", "cloudresourcemanager.googleapis.com"] as const;

/**
 * The host project's own extras: with routed tenants, Kubernetes Engine (the
 * service projects' GKE agents act as the host's GKE agent: GKE docs,
 * "Setting up clusters with Shared VPC" enables the API in the host and
 * every service project) and Resource Manager (each hub stack binds a role
 * on the host project); Service Networking for private services access.
 */
const HOST_PROJECT_APIS = { routedTenants: ["container.googleapis.com", "cloudresourcemanager.googleapis.com"], privateServicesAccess: ["servicenetworking.googleapis.com"] } as const;

/**
 * A PSC tenant's serverless extras: Serverless VPC Access for a connector,
 * Cloud Run for the checks (one per path into the VPC).
 */
const SERVERLESS_APIS = { connector: "vpcaccess.googleapis.com", checks: "run.googleapis.com" } as const;

/** What a PSC tenant's consumer stack creates in its project: the base list, and the serverless extras its config asks for. */
function pscTenantApis(tenant: Config["tenants"][number]): string[] {
  const serverless = tenant.kind === "psc" ? tenant.serverless : undefined;
  if (serverless === undefined) return [...TENANT_PROJECT_APIS];
  return [...TENANT_PROJECT_APIS, ...(serverless.connector ? [SERVERLESS_APIS.connector] : []), SERVERLESS_APIS.checks];
}

/** The APIs each GCP stack enables in its project: one stack per project. */
export interface ApiOwners {
  /** Enabled by the producer stack in gcp.producerProject (the tunnels stack deploys after it, in the same project). */
  readonly producer: readonly string[];
  /**
   * Enabled in each tenant's project, by tenant name: by a PSC tenant's consumer stack (none when the
   * producer stack owns that project), by a routed tenant's project stack (before the hub grants its agents roles).
   */
  readonly tenants: Readonly<Record<string, readonly string[]>>;
}

/**
 * Which stack enables which APIs. Never two stacks for one project: both
 * would manage the same `google_project_service`, and the second destroy
 * or import would fight the first. A tenant in the producer's own project
 * has its APIs enabled by the producer stack, which it deploys after.
 * The workloads stacks create no Google resource (they only read an
 * access token): they enable nothing. `gcp.manageApis: false` (a project
 * factory enables APIs): nothing anywhere.
 */
export function apiOwners(config: Config): ApiOwners {
  if (!config.gcp.manageApis) return { producer: [], tenants: Object.fromEntries(config.tenants.map((t) => [t.name, []])) };
  const inProducerProject = config.tenants.filter((t) => t.project === config.gcp.producerProject);
  const hosts = config.tenants.some((t) => t.kind === "routed");
  const producer = [
    ...new Set([
      ...PRODUCER_PROJECT_APIS,
      ...(hosts ? HOST_PROJECT_APIS.routedTenants : []),
      ...(config.gcp.privateServicesAccessCidrs.length > 0 ? HOST_PROJECT_APIS.privateServicesAccess : []),
      ...inProducerProject.flatMap(pscTenantApis),
    ]),
  ];
  const tenantApis = (t: Config["tenants"][number]): string[] => (t.kind === "routed" ? [...ROUTED_TENANT_PROJECT_APIS] : t.project === config.gcp.producerProject ? [] : pscTenantApis(t));
  return { producer, tenants: Object.fromEntries(config.tenants.map((t) => [t.name, tenantApis(t)])) };
}
