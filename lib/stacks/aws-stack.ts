import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsSiteToSiteVpn } from "../../constructs/aws-site-to-site-vpn";
import { AwsVpc } from "../../constructs/aws-vpc";
import { BackendInstance } from "../../constructs/backend-instance";
import { HaVpnGateway } from "../../constructs/ha-vpn-gateway";
import { advertisedToAws, Config } from "../config";
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
      vpcId: network.vpc.id,
      routeTableIds: network.routeTables.map((t) => t.id),
      termination: aws.termination,
      attachmentSubnetIds: [network.privateSubnet.id],
      // With a transit gateway, the VPC routes the ranges advertised from Google Cloud to it.
      peerCidrs: advertisedToAws(config),
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
      vpcId: network.vpc.id,
      subnetId: network.privateSubnet.id,
      privateIp: aws.backend.privateIp,
      port: aws.backend.port,
      // AWS sees the load balancer's Envoy proxies, requests and health checks alike.
      allowedCidrs: [config.gcp.proxyOnlyCidr],
      instanceType: aws.backend.instanceType,
      amiId: aws.backend.amiId,
    });
  }
}
