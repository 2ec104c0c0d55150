import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { HaVpnGateway } from "../../constructs/gcp/ha-vpn-gateway";
import { HybridNegLoadBalancer } from "../../constructs/gcp/hybrid-neg-load-balancer";
import { ProjectServices } from "../../constructs/gcp/project-services";
import { ProxyOnlySubnet } from "../../constructs/gcp/proxy-only-subnet";
import { PrivateServicesAccess } from "../../constructs/gcp/private-services-access";
import { PscNatSubnet } from "../../constructs/gcp/psc-nat-subnet";
import { ServiceAttachment } from "../../constructs/gcp/service-attachment";
import { SharedVpcHost } from "../../constructs/gcp/shared-vpc";
import { VpcNetwork } from "../../constructs/gcp/vpc-network";
import { Config, pscTenants, routedTenants } from "../config/schema";
import { producerNames } from "../naming";
import { apiOwners } from "./apis";
import { useStateBackend } from "./state";

/**
 * GCP, producer project: the VPC, its dedicated subnets, the HA VPN gateway,
 * the internal Application Load Balancer in front of the AWS backend, and
 * the service attachment that publishes it; with routed tenants, the project
 * as a Shared VPC host; with private services access, its allocations.
 * Needs nothing but config.
 */
export class ProducerStack extends TerraformStack {
  readonly network: VpcNetwork;
  readonly haVpnGateway: HaVpnGateway;
  readonly serviceAttachment: ServiceAttachment;
  /** The producer project as a Shared VPC host, when the environment has routed tenants. */
  readonly sharedVpcHost?: SharedVpcHost;

  constructor(scope: Construct, id: string, config: Config) {
    super(scope, id);
    useStateBackend(this, config, "gcp");
    const { gcp } = config;
    const names = producerNames(config.prefix);
    new GoogleProvider(this, "google", { project: gcp.producerProject, region: gcp.region });
    // APIs first: every Google resource of the stack waits for them (the tunnels stack deploys after this one).
    const apis = apiOwners(config).producer;
    if (apis.length > 0) new ProjectServices(this, "apis", { project: gcp.producerProject, services: apis });

    this.network = new VpcNetwork(this, "network", {
      name: names.network,
      description: "Producer: publishes the AWS API over PSC and reaches AWS over HA VPN",
      routingMode: "GLOBAL",
    });
    const frontend = this.network.addSubnet("frontend-subnet", {
      name: names.frontendSubnet,
      region: gcp.region,
      ipCidrRange: gcp.frontendCidr,
      description: "Internal load balancer frontend (forwarding rule address)",
      // No VM sends or receives in it (only an address), and VPC Flow Logs records the flows of VMs
      // (Google Cloud docs, "VPC Flow Logs"): they would record nothing here, at a cost.
      flowLogSampling: 0,
    });
    const proxyOnly = new ProxyOnlySubnet(this, "proxy-only-subnet", {
      network: this.network,
      name: names.proxyOnlySubnet,
      region: gcp.region,
      ipCidrRange: gcp.proxyOnlyCidr,
    });
    // The first NAT subnet keeps its original construct id; later ones are appended, so adding one never renames another.
    const natSubnets = [gcp.pscNatCidr, ...gcp.additionalPscNatCidrs].map(
      (ipCidrRange, i) =>
        new PscNatSubnet(this, i === 0 ? "psc-nat-subnet" : `psc-nat-subnet-${i + 1}`, {
          network: this.network,
          name: names.pscNatSubnet(i),
          region: gcp.region,
          ipCidrRange,
        }),
    );
    this.haVpnGateway = new HaVpnGateway(this, "ha-vpn-gateway", {
      network: this.network,
      name: names.haVpnGateway,
      region: gcp.region,
      preventDestroy: config.vpn.preventDestroy,
    });
    const loadBalancer = new HybridNegLoadBalancer(this, "load-balancer", {
      name: names.loadBalancer,
      region: gcp.region,
      zone: gcp.negZone,
      network: this.network,
      subnetwork: frontend,
      proxyOnlySubnet: proxyOnly,
      endpoints: [{ ipAddress: config.aws.backend.privateIp, port: config.aws.backend.port }],
      port: config.service.port,
      healthCheckPath: config.service.healthCheckPath,
      logSampling: config.observability.loadBalancerLogSampling,
    });
    if (routedTenants(config).length > 0) {
      // Routed tenants are service projects running clusters on subnets of this VPC.
      this.sharedVpcHost = new SharedVpcHost(this, "shared-vpc-host", { project: gcp.producerProject });
    }
    if (gcp.privateServicesAccessCidrs.length > 0) {
      new PrivateServicesAccess(this, "private-services-access", { network: this.network, name: names.privateServicesAccess, ranges: gcp.privateServicesAccessCidrs });
    }
    this.serviceAttachment = new ServiceAttachment(this, "service-attachment", {
      name: names.serviceAttachment,
      region: gcp.region,
      targetService: loadBalancer.forwardingRule.id,
      natSubnets,
      consumers: pscTenants(config).map(({ tenant }) => ({ project: tenant.project, connectionLimit: tenant.connectionLimit })),
      acceptAllConsumers: config.service.acceptAllConsumers,
      domainName: config.service.attachmentDomainName,
    });
  }
}
