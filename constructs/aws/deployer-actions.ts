import { TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import { literalOrUndefined } from "../core/validation";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamPolicyStatement } from "./github-oidc-role";

const ROUTE = ["ec2:CreateRoute", "ec2:DeleteRoute", "ec2:ReplaceRoute"];

/**
 * The IAM actions that create, change and delete each Terraform resource
 * type the constructs make (the provider's reads are `ec2:Describe*` and the
 * per-type reads listed here). IAM actions are scoped by awsDeployerStatements
 * to the roles and instance profiles the stack itself names. A type missing
 * here is listed as unknown rather than guessed.
 */
export const AWS_DEPLOYER_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  aws_vpc: ["ec2:CreateVpc", "ec2:DeleteVpc", "ec2:ModifyVpcAttribute"],
  aws_subnet: ["ec2:CreateSubnet", "ec2:DeleteSubnet", "ec2:ModifySubnetAttribute"],
  aws_route_table: ["ec2:CreateRouteTable", "ec2:DeleteRouteTable", ...ROUTE],
  aws_route: ROUTE,
  aws_route_table_association: ["ec2:AssociateRouteTable", "ec2:DisassociateRouteTable", "ec2:ReplaceRouteTableAssociation"],
  // The provider revokes the default allow-all egress rule of a new group.
  aws_security_group: ["ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup", "ec2:RevokeSecurityGroupEgress"],
  aws_vpc_security_group_ingress_rule: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:ModifySecurityGroupRules", "ec2:UpdateSecurityGroupRuleDescriptionsIngress"],
  aws_vpc_security_group_egress_rule: ["ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupEgress", "ec2:ModifySecurityGroupRules", "ec2:UpdateSecurityGroupRuleDescriptionsEgress"],
  aws_vpn_gateway: ["ec2:CreateVpnGateway", "ec2:DeleteVpnGateway", "ec2:AttachVpnGateway", "ec2:DetachVpnGateway"],
  aws_vpn_gateway_route_propagation: ["ec2:EnableVgwRoutePropagation", "ec2:DisableVgwRoutePropagation"],
  aws_customer_gateway: ["ec2:CreateCustomerGateway", "ec2:DeleteCustomerGateway"],
  aws_vpn_connection: ["ec2:CreateVpnConnection", "ec2:DeleteVpnConnection", "ec2:ModifyVpnConnection", "ec2:ModifyVpnConnectionOptions", "ec2:ModifyVpnTunnelOptions"],
  aws_ec2_transit_gateway: ["ec2:CreateTransitGateway", "ec2:DeleteTransitGateway", "ec2:ModifyTransitGateway"],
  aws_ec2_transit_gateway_vpc_attachment: ["ec2:CreateTransitGatewayVpcAttachment", "ec2:DeleteTransitGatewayVpcAttachment", "ec2:ModifyTransitGatewayVpcAttachment"],
  aws_ec2_transit_gateway_route_table: ["ec2:CreateTransitGatewayRouteTable", "ec2:DeleteTransitGatewayRouteTable", "ec2:GetTransitGatewayRouteTableAssociations", "ec2:GetTransitGatewayRouteTablePropagations"],
  aws_ec2_transit_gateway_route_table_association: ["ec2:AssociateTransitGatewayRouteTable", "ec2:DisassociateTransitGatewayRouteTable", "ec2:GetTransitGatewayRouteTableAssociations"],
  aws_ec2_transit_gateway_route_table_propagation: ["ec2:EnableTransitGatewayRouteTablePropagation", "ec2:DisableTransitGatewayRouteTablePropagation", "ec2:GetTransitGatewayRouteTablePropagations"],
  aws_vpc_endpoint: ["ec2:CreateVpcEndpoint", "ec2:DeleteVpcEndpoints", "ec2:ModifyVpcEndpoint"],
  // An instance launched from a template, with the AMI resolved from a public SSM parameter at launch.
  aws_launch_template: ["ec2:CreateLaunchTemplate", "ec2:DeleteLaunchTemplate", "ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate", "ec2:GetLaunchTemplateData"],
  aws_instance: ["ec2:RunInstances", "ec2:TerminateInstances", "ec2:StartInstances", "ec2:StopInstances", "ec2:ModifyInstanceAttribute", "ec2:ModifyInstanceMetadataOptions", "ssm:GetParameters", "iam:PassRole"],
  aws_flow_log: ["ec2:CreateFlowLogs", "ec2:DeleteFlowLogs", "iam:PassRole"],
  aws_cloudwatch_log_group: ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:TagResource", "logs:UntagResource", "logs:ListTagsForResource", "logs:DescribeLogGroups", "logs:AssociateKmsKey", "logs:DisassociateKmsKey"],
  aws_iam_role: ["iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole"],
  aws_iam_role_policy: ["iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"],
  aws_iam_instance_profile: ["iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:GetInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile"],
  // Reads another stack's state: the state backend's permissions, granted apart.
  terraform_remote_state: [],
};

/** What deploying one stack's AWS resources takes. */
export interface AwsDeployerNeeds {
  /** The policy statements, each action scoped as narrowly as IAM allows. */
  readonly statements: readonly IamPolicyStatement[];
  /** Resource types AWS_DEPLOYER_ACTIONS does not know. */
  readonly unknownTypes: readonly string[];
}

/**
 * The least IAM statements that deploy `stack`'s AWS resources in `region`,
 * read off the resources: EC2, Logs and SSM actions limited to that region
 * (`aws:RequestedRegion`), IAM actions limited to the roles and instance
 * profiles whose name prefixes the stack gives (so the deployer can change
 * no other role, its own included).
 */
export function awsDeployerStatements(stack: TerraformStack, region: string, partition = "aws"): AwsDeployerNeeds {
  const regional = new Set<string>(["ec2:Describe*", "ec2:CreateTags", "ec2:DeleteTags"]);
  const iam = new Set<string>();
  const unknownTypes = new Set<string>();
  const iamResources = new Set<string>();
  let transitGateway = false;
  for (const c of stack.node.findAll()) {
    if (!(c instanceof TerraformResource || c instanceof TerraformDataSource)) continue;
    const type = c.terraformResourceType;
    if (!type.startsWith("aws_") && type !== "terraform_remote_state") continue;
    const actions = AWS_DEPLOYER_ACTIONS[type];
    if (actions === undefined) {
      unknownTypes.add(type);
      continue;
    }
    for (const a of actions) (a.startsWith("iam:") ? iam : regional).add(a);
    if (type === "aws_ec2_transit_gateway_vpc_attachment") transitGateway = true;
    if (c instanceof IamRole || c instanceof IamInstanceProfile) {
      const name = iamName(c.namePrefixInput, c.nameInput);
      if (name === undefined) unknownTypes.add(`${type} (name known only at apply)`);
      else iamResources.add(`arn:${partition}:iam::*:${c instanceof IamRole ? "role" : "instance-profile"}/${name}`);
    }
  }
  const statements: IamPolicyStatement[] = [
    { Sid: "StackResources", Effect: "Allow", Action: [...regional].sort(), Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": region } } },
  ];
  if (iam.size > 0 && iamResources.size > 0) {
    // The roles the stack makes only: PassRole hands them to the instance and the flow log, nothing else.
    statements.push({ Sid: "StackRoles", Effect: "Allow", Action: [...iam].sort(), Resource: [...iamResources].sort() });
  }
  if (transitGateway) {
    // The first attachment in an account creates the transit gateway's service-linked role
    // (Amazon VPC Transit Gateways, "Service-linked role for transit gateways").
    statements.push({
      Sid: "TransitGatewayServiceLinkedRole",
      Effect: "Allow",
      Action: ["iam:CreateServiceLinkedRole"],
      Resource: `arn:${partition}:iam::*:role/aws-service-role/transitgateway.amazonaws.com/*`,
      Condition: { StringEquals: { "iam:AWSServiceName": "transitgateway.amazonaws.com" } },
    });
  }
  return { statements, unknownTypes: [...unknownTypes].sort() };
}

/** A role or instance profile name pattern: its prefix and '*', or its name; undefined when only apply knows it. */
function iamName(namePrefix: string | undefined, name: string | undefined): string | undefined {
  return literalOrUndefined(namePrefix) !== undefined ? `${namePrefix}*` : literalOrUndefined(name);
}
