import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { GkeLoadBalancerFirewall } from "../../constructs/gcp/gke-load-balancer-firewall";
import { GkeSubnet } from "../../constructs/gcp/gke-subnet";
import { SharedVpcHost, SharedVpcServiceProject } from "../../constructs/gcp/shared-vpc";
import { INetwork } from "../../constructs/gcp/vpc-network";
import { Config, RoutedTenantConfig } from "../config/schema";
import { tenantNames } from "../naming";
import { gkeSubnetProps } from "../tenant-props";
import { useStateBackend } from "./state";

/** What a hub stack needs from the producer and tenant project stacks. */
export interface HubStackInputs {
  /** The producer (host) VPC. */
  readonly network: INetwork;
  /** The producer project, enabled as a Shared VPC host. */
  readonly host: SharedVpcHost;
  /** The tenant project's number (its service agents' emails). */
  readonly tenantProjectNumber: string;
}

/**
 * GCP, producer (host) project: what the hub's owners give one routed
 * tenant. The tenant's node subnet with its pod and service ranges in the
 * host VPC, the service project's attachment, the subnet and host-project
 * roles GKE documents for a cluster in a service project, and the firewall
 * rules of the tenant's published Services (made here rather than by GKE,
 * which would need Compute Security Admin over the whole shared VPC).
 * Host-project credentials only: the cluster is the tenant's (consumer-<tenant>).
 */
export class HubStack extends TerraformStack {
  readonly subnet: GkeSubnet;
  readonly serviceProject: SharedVpcServiceProject;

  constructor(scope: Construct, id: string, config: Config, tenant: RoutedTenantConfig, inputs: HubStackInputs) {
    super(scope, id);
    useStateBackend(this, config, "gcp");
    const { gcp } = config;
    const names = tenantNames(config.prefix, tenant.name);
    new GoogleProvider(this, "google", { project: gcp.producerProject, region: gcp.region });

    // Made as a PSC tenant's node subnet is, in the hub's network.
    this.subnet = new GkeSubnet(this, "gke-subnet", gkeSubnetProps(config, tenant, inputs.network));
    this.serviceProject = new SharedVpcServiceProject(this, "service-project", {
      hostProject: inputs.host.project,
      serviceProject: tenant.project,
      serviceProjectNumber: inputs.tenantProjectNumber,
      subnets: [{ name: this.subnet.name, region: gcp.region }],
      subnetUsers: tenant.subnetUsers,
    });
    if (tenant.publishedServices.length > 0) {
      new GkeLoadBalancerFirewall(this, "published-services-firewall", {
        network: inputs.network,
        name: names.publishedFirewall,
        nodesCidr: tenant.gkeNodesCidr,
        // AWS reaches the published Services over the VPN; nothing else is let in here.
        clients: [config.aws.vpcCidr],
        ports: [...new Set(tenant.publishedServices.map((s) => s.port))],
      });
    }
  }
}
