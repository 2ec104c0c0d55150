import type { GkeSubnetProps, IGkeSubnet } from "../constructs/gcp/gke-subnet";
import type { PrivateGkeClusterProps } from "../constructs/gcp/private-gke-cluster";
import { httpUrl } from "../constructs/core/names";
import type { IPrivateDnsZone, PrivateDnsZoneProps } from "../constructs/gcp/private-dns-zone";
import type { PublishedServiceAddressProps } from "../constructs/gcp/published-service-address";
import type { ServerlessVpcAccessConnectorProps } from "../constructs/gcp/serverless-vpc-access";
import type { INetwork, ISubnetwork, SubnetProps } from "../constructs/gcp/vpc-network";
import type { InternalLoadBalancerServiceProps } from "../constructs/k8s/internal-load-balancer-service";
import type { ServerlessConnectivityCheckProps, ServerlessEgress } from "./app-constructs/serverless-check";
import { Config, PscTenantConfig, PublishedServiceConfig, publishedDnsNameOf, publishedZoneOf, TenantConfig } from "./config/schema";
import { ServerlessPath, tenantNames } from "./naming";

// The props of a tenant's constructs, once: the stacks pass them (a PSC
// tenant's in its own VPC, a routed tenant's in the hub) and the config rules
// validate exactly what the stacks will pass.

/** The tenant's GKE node subnet, in `network`. */
export function gkeSubnetProps(config: Config, tenant: TenantConfig, network: INetwork): GkeSubnetProps {
  return {
    network,
    name: tenantNames(config.prefix, tenant.name).gkeSubnet,
    region: config.gcp.region,
    nodesCidr: tenant.gkeNodesCidr,
    podsCidr: tenant.podsCidr,
    servicesCidr: tenant.servicesCidr,
    flowLogSampling: config.observability.gcpFlowLogSampling,
  };
}

/** The tenant's private GKE cluster, on `subnet` of `network`. */
export function gkeClusterProps(config: Config, tenant: TenantConfig, network: INetwork, subnet: IGkeSubnet): PrivateGkeClusterProps {
  const gke = tenant.gke;
  return {
    name: tenantNames(config.prefix, tenant.name).cluster,
    project: tenant.project,
    location: config.gcp.region,
    network,
    subnet,
    mode: gke.mode,
    nodePool: gke.nodePool,
    releaseChannel: gke.releaseChannel,
    deletionProtection: gke.deletionProtection,
    dnsEndpoint: gke.dnsEndpoint,
    publicEndpoint: gke.publicEndpoint,
    authorizedNetworks: gke.authorizedNetworks,
    controlPlaneCidr: gke.controlPlaneCidr,
  };
}

/**
 * Who may reach a tenant's published Services: for a routed tenant AWS, over the VPN; for a PSC
 * tenant the clients in its VPC (its nodes, and its pods: kube-proxy applies the source ranges to
 * in-cluster callers of the address too) and its serverless paths. Each range with the config path
 * that holds it (`at`: the tenant's, `tenants[i]`).
 */
export function publishedSources(config: Config, tenant: TenantConfig, at: string): Array<{ cidr: string; path: string }> {
  if (tenant.kind === "routed") return [{ cidr: config.aws.vpcCidr, path: "aws.vpcCidr" }];
  const { connector, directVpcEgressCidr } = tenant.serverless ?? {};
  return [
    { cidr: tenant.gkeNodesCidr, path: `${at}.gkeNodesCidr` },
    { cidr: tenant.podsCidr, path: `${at}.podsCidr` },
    ...(connector ? [{ cidr: connector.cidr, path: `${at}.serverless.connector.cidr` }] : []),
    ...(directVpcEgressCidr ? [{ cidr: directVpcEgressCidr, path: `${at}.serverless.directVpcEgressCidr` }] : []),
  ];
}

/** A PSC tenant's private zone of its published Services' names, in its VPC. */
export function publishedZoneProps(config: Config, tenant: PscTenantConfig, network: INetwork): PrivateDnsZoneProps {
  return {
    name: tenantNames(config.prefix, tenant.name).publishedZone,
    dnsName: publishedZoneOf(tenant),
    networks: [network],
    description: `Published Services of tenant ${tenant.name}: internal load balancers of its cluster`,
  };
}

/** A published Service's reserved address in the tenant's node subnet, named in `zone` (a PSC tenant's) when given. */
export function publishedAddressProps(config: Config, tenant: TenantConfig, service: PublishedServiceConfig, subnetwork: ISubnetwork, zone?: IPrivateDnsZone): PublishedServiceAddressProps {
  const reach = tenant.kind === "routed" ? "reachable from AWS over the VPN" : "reachable from the tenant's VPC and serverless clients";
  return {
    name: tenantNames(config.prefix, tenant.name).publishedAddress(service.name),
    region: config.gcp.region,
    subnetwork,
    description: `Published Service ${tenant.namespace}/${service.name}: its internal load balancer's address, ${reach}`,
    dns: zone !== undefined && tenant.kind === "psc" ? { zone, name: publishedDnsNameOf(tenant, service) } : undefined,
  };
}

/** A published Service in the cluster, on its reserved address (`name` and `ip` of a PublishedServiceAddress). */
export function publishedServiceProps(config: Config, tenant: TenantConfig, service: PublishedServiceConfig, namespace: string, address: { name: string; ip: string }): InternalLoadBalancerServiceProps {
  return {
    namespace,
    name: service.name,
    port: service.port,
    targetPort: service.targetPort,
    selector: service.selector,
    addressName: address.name,
    address: address.ip,
    sourceRanges: publishedSources(config, tenant, "").map((source) => source.cidr),
  };
}

/** A PSC tenant's Serverless VPC Access connector in its VPC, when the config asks for one; the project number grants its service agent's role. */
export function connectorProps(config: Config, tenant: PscTenantConfig, network: INetwork, projectNumber: string): ServerlessVpcAccessConnectorProps | undefined {
  const connector = tenant.serverless?.connector;
  if (connector === undefined) return undefined;
  return {
    name: tenantNames(config.prefix, tenant.name).connector,
    project: tenant.project,
    projectNumber,
    region: config.gcp.region,
    network,
    ipCidrRange: connector.cidr,
    machineType: connector.machineType,
    minInstances: connector.minInstances,
    maxInstances: connector.maxInstances,
  };
}

/** A PSC tenant's subnet of Cloud Run's Direct VPC egress, when the config asks for one. */
export function directVpcEgressSubnetProps(config: Config, tenant: PscTenantConfig): SubnetProps | undefined {
  const cidr = tenant.serverless?.directVpcEgressCidr;
  if (cidr === undefined) return undefined;
  return {
    name: tenantNames(config.prefix, tenant.name).serverlessSubnet,
    region: config.gcp.region,
    ipCidrRange: cidr,
    description: "Cloud Run Direct VPC egress: its instances take addresses here",
    flowLogSampling: config.observability.gcpFlowLogSampling,
  };
}

/** The URL serverless clients call the AWS API at: its private name in the tenant's VPC. */
export function privateApiUrl(config: Config): string {
  return httpUrl(config.service.dnsName, config.service.port);
}

/** A PSC tenant's serverless check through one path into its VPC, requesting the API's health path by its private name. */
export function serverlessCheckProps(config: Config, tenant: PscTenantConfig, path: ServerlessPath, egress: ServerlessEgress): ServerlessConnectivityCheckProps {
  return {
    name: tenantNames(config.prefix, tenant.name).serverlessCheck(path),
    project: tenant.project,
    region: config.gcp.region,
    egress,
    url: `${privateApiUrl(config)}${config.service.healthCheckPath}`,
    image: tenant.checkImage,
  };
}

/** The paths into its VPC a PSC tenant's config asks for, each with a check: the connector's, then Direct VPC egress. */
export function serverlessPaths(tenant: PscTenantConfig): ServerlessPath[] {
  const serverless = tenant.serverless;
  return [...(serverless?.connector ? (["connector"] as const) : []), ...(serverless?.directVpcEgressCidr ? (["direct"] as const) : [])];
}
