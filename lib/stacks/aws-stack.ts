import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsBackendIngress } from "../../constructs/aws/aws-backend-ingress";
import { AwsSiteToSiteVpn } from "../../constructs/aws/aws-site-to-site-vpn";
import { AwsSsmEndpoints } from "../../constructs/aws/aws-ssm-endpoints";
import { AwsVpc, IAwsRouteTable, IAwsSubnet, IAwsVpc } from "../../constructs/aws/aws-vpc";
import { AwsVpcFlowLog } from "../../constructs/aws/aws-vpc-flow-log";
import { BackendInstance } from "../app-constructs/backend-instance";
import { HaVpnGateway } from "../../constructs/gcp/ha-vpn-gateway";
import { awsBackendOf, awsVpcOf, Config } from "../config/schema";
import { admittedByAws, networkPlan, routedRanges } from "../plan";
import { useStateBackend } from "./state";

/** What the aws stack needs from the producer stack. */
export interface AwsStackInputs {
  readonly haVpnGateway: HaVpnGateway;
}

/** The VPC the VPN attaches to, made here or imported by id: what AwsSiteToSiteVpn and the flow log read. */
interface VpnVpc {
  readonly vpc: IAwsVpc;
  readonly routeTables: readonly IAwsRouteTable[];
  readonly attachmentSubnets: readonly IAwsSubnet[];
  /** The VPC made here, when it is: the demo instance and its endpoints go in its private subnet. */
  readonly created?: AwsVpc;
}

/**
 * AWS: the VPC (made here, or an existing one), the Site-to-Site VPN end
 * (virtual private gateway or transit gateway, two customer gateways for the
 * two HA VPN interfaces, two VPN connections), the VPC flow log, and the
 * backend: the demo instance, or an ingress rule on an existing API's
 * security group.
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

    const network = this.network(config);
    this.vpn = new AwsSiteToSiteVpn(this, "vpn", {
      name: prefix,
      vpc: network.vpc,
      routeTables: network.routeTables,
      termination: aws.termination,
      attachmentSubnets: network.attachmentSubnets,
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
    if (config.observability.awsFlowLogs) {
      const flowLog = new AwsVpcFlowLog(this, "vpc-flow-log", { name: prefix, vpc: network.vpc, retentionDays: config.observability.awsLogRetentionDays });
      new TerraformOutput(this, "vpc-flow-log-group", { value: flowLog.logGroupName, description: "CloudWatch Logs log group of the VPC flow log (all traffic)" });
    }

    // AWS sees the load balancer's Envoy proxies, requests and health checks alike.
    const allowedCidrs = admittedByAws(plan);
    const backend = awsBackendOf(aws);
    if (backend.kind === "existing") {
      new AwsBackendIngress(this, "api-backend", { securityGroupId: backend.securityGroupId, port: backend.port, allowedCidrs });
      return;
    }
    const created = network.created;
    // validateConfig refuses the demo instance in an existing VPC: its subnet would be unknown.
    if (created === undefined) throw new Error("aws.backend: the demo instance needs the VPC this app creates");
    const sessionManager = backend.ssm ? new AwsSsmEndpoints(this, "ssm-endpoints", { name: prefix, vpc: created, subnets: [created.privateSubnet], region: aws.region }) : undefined;
    const instance = new BackendInstance(this, "api-backend", {
      name: prefix,
      vpc: created,
      subnet: created.privateSubnet,
      privateIp: backend.privateIp,
      port: backend.port,
      allowedCidrs,
      instanceType: backend.instanceType,
      amiId: backend.amiId,
      sessionManager,
    });
    new TerraformOutput(this, "backend-instance-id", { value: instance.instance.id, description: "The demo backend instance: aws ssm start-session --target <id> (with aws.backend.ssm)" });
  }

  /** The VPC from config: made here with its two subnets, or an existing one by id with its route tables. */
  private network(config: Config): VpnVpc {
    const choice = awsVpcOf(config.aws);
    if (choice === undefined) throw new Error("aws: a VPC created here needs publicSubnetCidr and privateSubnetCidr (validateConfig refuses the config without them)");
    if (choice.kind === "existing") {
      return {
        vpc: { vpcId: choice.vpcId, cidrBlock: choice.vpcCidr },
        routeTables: choice.routeTableIds.map((routeTableId) => ({ routeTableId })),
        attachmentSubnets: (choice.attachmentSubnetIds ?? []).map((subnetId) => ({ subnetId })),
      };
    }
    const created = new AwsVpc(this, "network", {
      name: config.prefix,
      cidrBlock: choice.vpcCidr,
      availabilityZone: config.aws.availabilityZone,
      publicSubnetCidr: choice.publicSubnetCidr,
      privateSubnetCidr: choice.privateSubnetCidr,
    });
    return { vpc: created, routeTables: created.routeTables, attachmentSubnets: [created.privateSubnet], created };
  }
}
