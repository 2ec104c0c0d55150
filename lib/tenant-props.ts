import type { GkeSubnetProps, IGkeSubnet } from "../constructs/gcp/gke-subnet";
import type { PrivateGkeClusterProps } from "../constructs/gcp/private-gke-cluster";
import type { INetwork } from "../constructs/gcp/vpc-network";
import type { Config, TenantConfig } from "./config/schema";
import { tenantNames } from "./naming";

// The props of a tenant's node subnet and cluster, once: the stacks pass them
// (a PSC tenant's in its own VPC, a routed tenant's in the hub) and the config
// rules validate exactly what the stacks will pass.

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
