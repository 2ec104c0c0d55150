import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { HTTPS_PORT } from "../core/limits";
import { resourceName } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";
import { checkAwsId, IAwsSubnet, IAwsVpc } from "./aws-vpc";

/**
 * The interface endpoints Session Manager needs where instances have no
 * internet path (AWS Systems Manager User Guide, "Improve the security of
 * EC2 instances by using VPC endpoints for Systems Manager"): ssm (the agent
 * registers), ssmmessages (session channels) and ec2messages (agents before
 * 3.3.40.0 use it; an explicit AMI may carry one).
 */
export const SSM_ENDPOINT_SERVICES = ["ssm", "ssmmessages", "ec2messages"] as const;

/** Systems Manager endpoints, as an instance that uses them needs them: the group its agent sends HTTPS to. */
export interface IAwsSsmEndpoints {
  /** The endpoints' security group: the instance's egress rule names it. */
  readonly securityGroupId: string;
}

export interface AwsSsmEndpointsProps {
  /** Name prefix, used in `Name` tags and the security group name. */
  readonly name: string;
  /** The VPC; its range is the only source the endpoints admit, so it must be known. */
  readonly vpc: IAwsVpc;
  /** Subnets (one per AZ) the endpoints' network interfaces go in. */
  readonly subnets: readonly IAwsSubnet[];
  /** The VPC's region: the endpoints' service names are `com.amazonaws.<region>.<service>`. */
  readonly region: string;
}

/**
 * Systems Manager's interface endpoints in a VPC with no internet path, so
 * instances with the SSM agent and an instance profile can be reached with
 * `aws ssm start-session` (no SSH, no open port). Private DNS is on, so the
 * agent's usual service names resolve to the endpoints (the VPC needs DNS
 * support and DNS hostnames, which AwsVpc turns on). Their security group
 * admits HTTPS from the VPC's range only.
 */
export class AwsSsmEndpoints extends Construct implements IAwsSsmEndpoints {
  /** Records every problem with the props in `v`. */
  static validate(props: AwsSsmEndpointsProps, v: PropsValidator): void {
    v.check(props.vpc.cidrBlock !== undefined, "vpc.cidrBlock", props.vpc.cidrBlock, "must be given: the endpoints admit HTTPS from the VPC's range and nothing else");
    if (props.vpc.cidrBlock !== undefined) v.privateCidr("vpc.cidrBlock", props.vpc.cidrBlock);
    v.check(props.subnets.length > 0, "subnets", props.subnets, "must list at least one subnet for the endpoints' network interfaces");
    checkAwsId(v, "vpc", "vpc", props.vpc.vpcId);
    props.subnets.forEach((s, i) => checkAwsId(v, `subnets[${i}]`, "subnet", s.subnetId));
    v.awsRegion("region", props.region);
  }

  readonly securityGroup: SecurityGroup;
  readonly securityGroupId: string;
  /** One interface endpoint per service of SSM_ENDPOINT_SERVICES. */
  readonly endpoints: Readonly<Record<(typeof SSM_ENDPOINT_SERVICES)[number], VpcEndpoint>>;

  constructor(scope: Construct, id: string, props: AwsSsmEndpointsProps) {
    super(scope, id);
    validateProps(this, "AwsSsmEndpoints", (v) => AwsSsmEndpoints.validate(props, v));

    // No egress rule: the endpoints only answer (security groups are stateful).
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: resourceName(props.name, "ssm-endpoints"),
      description: "Systems Manager endpoints: HTTPS from the VPC only",
      vpcId: props.vpc.vpcId,
      tags: { Name: resourceName(props.name, "ssm-endpoints") },
    });
    this.securityGroupId = this.securityGroup.id;
    new VpcSecurityGroupIngressRule(this, "ingress-https", {
      securityGroupId: this.securityGroup.id,
      description: "SSM agents in the VPC",
      ipProtocol: "tcp",
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
      cidrIpv4: props.vpc.cidrBlock,
    });
    this.endpoints = Object.fromEntries(
      SSM_ENDPOINT_SERVICES.map((service) => [
        service,
        new VpcEndpoint(this, `endpoint-${service}`, {
          vpcId: props.vpc.vpcId,
          serviceName: `com.amazonaws.${props.region}.${service}`,
          vpcEndpointType: "Interface",
          subnetIds: props.subnets.map((s) => s.subnetId),
          securityGroupIds: [this.securityGroup.id],
          privateDnsEnabled: true,
          tags: { Name: resourceName(props.name, service) },
        }),
      ]),
    ) as Record<(typeof SSM_ENDPOINT_SERVICES)[number], VpcEndpoint>;
  }
}
