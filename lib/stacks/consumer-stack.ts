import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { GkeSubnet } from "../../constructs/gcp/gke-subnet";
import { PrivateGkeCluster } from "../../constructs/gcp/private-gke-cluster";
import { ProjectServices } from "../../constructs/gcp/project-services";
import { PscEndpoint } from "../../constructs/gcp/psc-endpoint";
import { RestrictedGoogleApis } from "../../constructs/gcp/restricted-google-apis";
import { IServiceAttachment } from "../../constructs/gcp/service-attachment";
import { VpcNetwork } from "../../constructs/gcp/vpc-network";
import { Config, PscTenantConfig } from "../config/schema";
import { tenantNames } from "../naming";
import { gkeClusterProps, gkeSubnetProps } from "../tenant-props";
import { apiOwners } from "./apis";
import { useStateBackend } from "./state";

/** What a consumer stack needs from the producer stack. */
export interface ConsumerStackInputs {
  readonly serviceAttachment: IServiceAttachment;
}

/**
 * GCP, the tenant's project: its VPC, a private VPC-native GKE cluster, and
 * the PSC endpoint with a private DNS name. Its ranges may overlap AWS and
 * other tenants: nothing is routed between them.
 */
export class ConsumerStack extends TerraformStack {
  readonly cluster: PrivateGkeCluster;
  readonly pscEndpoint: PscEndpoint;

  constructor(scope: Construct, id: string, config: Config, tenant: PscTenantConfig, inputs: ConsumerStackInputs) {
    super(scope, id);
    useStateBackend(this, config, "gcp");
    const region = config.gcp.region;
    const names = tenantNames(config.prefix, tenant.name);
    new GoogleProvider(this, "google", { project: tenant.project, region });
    // APIs first: every Google resource of the stack waits for them (none here when the producer stack owns the project's).
    const apis = apiOwners(config).tenants[tenant.name];
    if (apis.length > 0) new ProjectServices(this, "apis", { project: tenant.project, services: apis });

    const network = new VpcNetwork(this, "network", {
      name: names.network,
      description: `Consumer ${tenant.name}: reaches the AWS API through one PSC endpoint`,
    });
    const gkeSubnet = new GkeSubnet(this, "gke-subnet", gkeSubnetProps(config, tenant, network));
    const pscSubnet = network.addSubnet("psc-subnet", {
      name: names.pscSubnet,
      region,
      ipCidrRange: tenant.pscEndpointCidr,
      description: "PSC endpoint address",
      // No VM sends or receives in it (only an address), and VPC Flow Logs records the flows of VMs
      // (Google Cloud docs, "VPC Flow Logs"): they would record nothing here, at a cost.
      flowLogSampling: 0,
    });
    const gke = tenant.gke;
    this.cluster = new PrivateGkeCluster(this, "gke", gkeClusterProps(config, tenant, network, gkeSubnet));
    if (gke.restrictedGoogleApis) {
      new RestrictedGoogleApis(this, "restricted-google-apis", { name: names.network, network, project: tenant.project });
    }
    this.pscEndpoint = new PscEndpoint(this, "psc-endpoint", {
      name: names.pscEndpoint,
      region,
      network,
      subnetwork: pscSubnet,
      serviceAttachment: inputs.serviceAttachment,
      ipAddress: tenant.pscEndpointIp,
      dnsName: config.service.dnsName,
      globalAccess: tenant.pscGlobalAccess,
    });
  }
}
