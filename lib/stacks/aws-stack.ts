import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsSiteToSiteVpn } from "../../constructs/aws/aws-site-to-site-vpn";
import { AwsVpc } from "../../constructs/aws/aws-vpc";
import { BackendInstance } from "../app-constructs/backend-instance";
import { HaVpnGateway } from "../../constructs/gcp/ha-vpn-gateway";
import { Config } from "../config/schema";
import { admittedByAws, networkPlan, routedRanges } from "../plan";
import { useStateBackend } from "./state";

/** What the aws stack needs from the producer stack. */
export interface AwsStackInputs {
  readonly haVpnGateway: HaVpnGateway;
}

/**
 * AWS: the VPC, the Site-to-Site VPN end (virtual private gateway, two
 * customer gateways for the two HA VPN interfaces, two VPN connections) and
 * the backend instance.
 */
export class AwsStack extends TerraformStack {
  readonly vpn: AwsSiteToSiteVpn;

  constructor(scope: Construct, id: string, config: Config, inputs: AwsStackInputs) {
    super(scope, id);
    useStateBackend(this, config, "aws");
    const { aws, prefix } = config;
    const plan = networkPlan(config);
    new AwsProvider(this, "aws", {
      region: aws.region,
      defaultTags: [{ tags: { Project: prefix, ManagedBy: "cdktf" } }],
    });

    const network = new AwsVpc(this, "network", {
      name: prefix,
      cidrBlock: aws.vpcCidr,
      availabilityZone: aws.availabilityZone,
      publicSubnetCidr: aws.publicSubnetCidr,
      privateSubnetCidr: aws.privateSubnetCidr,
    });
    this.vpn = new AwsSiteToSiteVpn(this, "vpn", {
      name: prefix,
      vpc: network,
      routeTables: network.routeTables,
      termination: aws.termination,
      attachmentSubnets: [network.privateSubnet],
      // With a transit gateway, the VPC routes the ranges advertised from Google Cloud to it.
      peerCidrs: routedRanges(plan).map((r) => r.cidr),
      amazonSideAsn: aws.asn,
      peerIps: inputs.haVpnGateway.interfaceIps,
      peerAsn: config.gcp.routerAsn,
      insideCidrs: config.vpn.insideCidrs,
      dhGroup: config.vpn.dhGroup,
      encryption: config.vpn.encryption,
      preventDestroy: config.vpn.preventDestroy,
    });
    new BackendInstance(this, "api-backend", {
      name: prefix,
      vpc: network,
      subnet: network.privateSubnet,
      privateIp: aws.backend.privateIp,
      port: aws.backend.port,
      // AWS sees the load balancer's Envoy proxies, requests and health checks alike.
      allowedCidrs: admittedByAws(plan).map((r) => r.cidr),
      instanceType: aws.backend.instanceType,
      amiId: aws.backend.amiId,
    });
  }
}
