import { TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack } from "cdktf";
import { literalOrUndefined } from "../core/validation";

/** A predefined role a deployer needs, and why. */
export interface DeployerRole {
  /** The role, e.g. `roles/compute.networkAdmin`. */
  readonly role: string;
  /** Why a deployer of these resources needs it (for the reviewer of the grant). */
  readonly why: string;
  /** Where it is granted: on the resource's project, or on the organization or folder above it. @default "project" */
  readonly level?: "project" | "organization";
}

const NETWORK_ADMIN: DeployerRole = {
  role: "roles/compute.networkAdmin",
  why: "networks, subnets and their IAM policies, addresses, routes, routers, VPN gateways and tunnels, load balancer parts, PSC forwarding rules and service attachments (not firewall rules, not network endpoint groups)",
};
const LOAD_BALANCER_ADMIN: DeployerRole = { role: "roles/compute.loadBalancerAdmin", why: "the hybrid network endpoint group and its endpoints (compute.networkEndpointGroups.create is not in networkAdmin)" };
const SECURITY_ADMIN: DeployerRole = { role: "roles/compute.securityAdmin", why: "firewall rules (compute.firewalls.create is not in networkAdmin)" };
const XPN_ADMIN: DeployerRole = {
  role: "roles/compute.xpnAdmin",
  why: "enabling a Shared VPC host project and attaching service projects: Google grants this only on the organization or a folder",
  level: "organization",
};
const CLUSTER_ADMIN: DeployerRole = { role: "roles/container.clusterAdmin", why: "GKE clusters and node pools" };
const SA_USER: DeployerRole = { role: "roles/iam.serviceAccountUser", why: "running GKE nodes and Cloud Run jobs as the service accounts the stack makes (iam.serviceAccounts.actAs)" };
const SA_ADMIN: DeployerRole = { role: "roles/iam.serviceAccountAdmin", why: "the service accounts of GKE nodes and of the check jobs" };
const PROJECT_IAM_ADMIN: DeployerRole = {
  role: "roles/resourcemanager.projectIamAdmin",
  why: "the project role bindings the stack makes; granted under a condition that allows granting only the roles the stack's bindings name",
};
const SERVICE_USAGE_ADMIN: DeployerRole = { role: "roles/serviceusage.serviceUsageAdmin", why: "enabling the project's APIs (google_project_service)" };
const K8S_DEVELOPER: DeployerRole = {
  role: "roles/container.developer",
  why: "the Kubernetes objects in the tenant's cluster, through its DNS endpoint (container.clusters.connect)",
};
const BROWSER: DeployerRole = { role: "roles/browser", why: "reading the project's number (data google_project)" };

/**
 * The predefined roles a deployer needs to create, change and delete each
 * Terraform resource type (and read each data source) the constructs make,
 * on the resource's project unless `level` says otherwise. A type missing
 * here is a type nobody has granted: `googleDeployerNeeds` lists it as
 * unknown rather than guess. Kubernetes objects are created through the GKE
 * API in the cluster's project.
 */
export const GOOGLE_DEPLOYER_ROLES: Readonly<Record<string, readonly DeployerRole[]>> = {
  google_compute_network: [NETWORK_ADMIN],
  google_compute_subnetwork: [NETWORK_ADMIN],
  google_compute_address: [NETWORK_ADMIN],
  google_compute_global_address: [NETWORK_ADMIN],
  google_compute_forwarding_rule: [NETWORK_ADMIN],
  google_compute_route: [NETWORK_ADMIN],
  google_compute_router: [NETWORK_ADMIN],
  google_compute_router_interface: [NETWORK_ADMIN],
  google_compute_router_peer: [NETWORK_ADMIN],
  google_compute_ha_vpn_gateway: [NETWORK_ADMIN],
  google_compute_external_vpn_gateway: [NETWORK_ADMIN],
  google_compute_vpn_tunnel: [NETWORK_ADMIN],
  google_compute_network_endpoint_group: [LOAD_BALANCER_ADMIN],
  google_compute_network_endpoints: [LOAD_BALANCER_ADMIN],
  google_compute_region_backend_service: [NETWORK_ADMIN],
  google_compute_region_health_check: [NETWORK_ADMIN],
  google_compute_region_url_map: [NETWORK_ADMIN],
  google_compute_region_target_http_proxy: [NETWORK_ADMIN],
  google_compute_service_attachment: [NETWORK_ADMIN],
  google_compute_network_peering_routes_config: [NETWORK_ADMIN],
  google_compute_firewall: [SECURITY_ADMIN],
  google_compute_subnetwork_iam_member: [NETWORK_ADMIN],
  google_compute_shared_vpc_host_project: [XPN_ADMIN],
  google_compute_shared_vpc_service_project: [XPN_ADMIN],
  google_container_cluster: [CLUSTER_ADMIN, SA_USER],
  google_container_node_pool: [CLUSTER_ADMIN, SA_USER],
  google_service_account: [SA_ADMIN],
  google_project_iam_member: [PROJECT_IAM_ADMIN],
  google_project_service: [SERVICE_USAGE_ADMIN],
  google_dns_managed_zone: [{ role: "roles/dns.admin", why: "private DNS zones and their records" }],
  google_dns_record_set: [{ role: "roles/dns.admin", why: "private DNS zones and their records" }],
  google_service_networking_connection: [{ role: "roles/servicenetworking.networksAdmin", why: "the private services access connection" }],
  google_vpc_access_connector: [{ role: "roles/vpcaccess.admin", why: "Serverless VPC Access connectors" }],
  google_cloud_run_v2_job: [{ role: "roles/run.developer", why: "the Cloud Run check jobs" }, SA_USER],
  kubernetes_namespace_v1: [K8S_DEVELOPER],
  kubernetes_service_v1: [K8S_DEVELOPER],
  kubernetes_endpoint_slice_v1: [K8S_DEVELOPER],
  kubernetes_network_policy_v1: [K8S_DEVELOPER],
  kubernetes_cron_job_v1: [K8S_DEVELOPER],
  google_project: [BROWSER],
  // Reads the caller's own token: no permission.
  google_client_config: [],
  // Reads another stack's state: the state backend's permissions, granted with the bucket.
  terraform_remote_state: [],
};

/** What deploying one stack takes, per project. */
export interface GoogleDeployerNeeds {
  /** By project id: the roles its resources need there (sorted, by role). */
  readonly projectRoles: ReadonlyMap<string, readonly DeployerRole[]>;
  /** By project id: the roles the stack's project IAM bindings grant there (what a projectIamAdmin condition allows). */
  readonly grantedRoles: ReadonlyMap<string, readonly string[]>;
  /** Roles needed on the organization or folder above the projects. */
  readonly organizationRoles: readonly DeployerRole[];
  /** Resource types GOOGLE_DEPLOYER_ROLES does not know: grant them by hand, or add them there. */
  readonly unknownTypes: readonly string[];
}

/**
 * The least predefined roles that deploy `stack`'s Google and Kubernetes
 * resources, read off the resources themselves: each resource's project
 * (its `project`, else the stack's Google provider's), its type's roles in
 * GOOGLE_DEPLOYER_ROLES, and the roles its project IAM bindings grant.
 * Providers of other clouds are not Google's: their resources are skipped.
 */
export function googleDeployerNeeds(stack: TerraformStack): GoogleDeployerNeeds {
  const elements = stack.node.findAll();
  const provider = elements.find((c): c is TerraformProvider => c instanceof TerraformProvider && c.terraformResourceType === "google");
  const defaultProject = literalOrUndefined((provider as { projectInput?: string } | undefined)?.projectInput);
  const projectRoles = new Map<string, Map<string, DeployerRole>>();
  const grantedRoles = new Map<string, Set<string>>();
  const organizationRoles = new Map<string, DeployerRole>();
  const unknownTypes = new Set<string>();
  for (const c of elements) {
    if (!(c instanceof TerraformResource || c instanceof TerraformDataSource)) continue;
    const type = c.terraformResourceType;
    if (!type.startsWith("google_") && !type.startsWith("kubernetes_") && type !== "terraform_remote_state") continue;
    const roles = GOOGLE_DEPLOYER_ROLES[type];
    if (roles === undefined) {
      unknownTypes.add(type);
      continue;
    }
    const project = literalOrUndefined((c as { projectInput?: string }).projectInput) ?? defaultProject ?? "(provider default)";
    for (const r of roles) {
      if (r.level === "organization") organizationRoles.set(r.role, r);
      else getOrAdd(projectRoles, project, () => new Map()).set(r.role, r);
    }
    const granted = type === "google_project_iam_member" ? literalOrUndefined((c as { roleInput?: string }).roleInput) : undefined;
    if (granted !== undefined) getOrAdd(grantedRoles, project, () => new Set()).add(granted);
  }
  const byRole = (a: DeployerRole, b: DeployerRole) => a.role.localeCompare(b.role);
  return {
    projectRoles: new Map([...projectRoles].sort(([a], [b]) => a.localeCompare(b)).map(([p, m]) => [p, [...m.values()].sort(byRole)])),
    grantedRoles: new Map([...grantedRoles].sort(([a], [b]) => a.localeCompare(b)).map(([p, s]) => [p, [...s].sort()])),
    organizationRoles: [...organizationRoles.values()].sort(byRole),
    unknownTypes: [...unknownTypes].sort(),
  };
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  if (!map.has(key)) map.set(key, make());
  return map.get(key)!;
}

/**
 * An IAM condition expression allowing a projectIamAdmin holder to grant (and
 * revoke) only `roles` (IAM docs, "Delegate the granting of roles":
 * `api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', [])`).
 */
export function onlyGrantsCondition(roles: readonly string[]): string {
  return `api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly([${roles.map((r) => `'${r}'`).join(", ")}])`;
}
