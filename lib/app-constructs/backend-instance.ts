import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { iamNamePrefix, serviceTrustPolicy } from "../../constructs/aws/iam";
import { addBackendIngress, BackendIngress, validateBackendIngress } from "../../constructs/aws/aws-backend-ingress";
import { IAwsSsmEndpoints } from "../../constructs/aws/aws-ssm-endpoints";
import { checkAwsId, IAwsSubnet, IAwsVpc } from "../../constructs/aws/aws-vpc";
import { HTTPS_PORT, RESERVED_SUBNET_ADDRESSES } from "../../constructs/core/limits";
import { resourceName } from "../../constructs/core/names";
import { PropsValidator, validateProps } from "../../constructs/core/validation";

/** Latest Amazon Linux 2023 (x86_64), a public SSM parameter. */
export const AMAZON_LINUX_2023_SSM_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/** What the props leave out gets these. */
const DEFAULTS = { instanceType: "t3.micro", rootVolumeSizeGb: 8 } as const;

export interface BackendInstanceProps extends BackendIngress {
  /** Name prefix, used in `Name` tags and the security group name. */
  readonly name: string;
  /** VPC of the instance. */
  readonly vpc: IAwsVpc;
  /** Private subnet of the instance. */
  readonly subnet: IAwsSubnet;
  /** Fixed private IP of the instance, inside the subnet and not one AWS reserves. */
  readonly privateIp: string;
  /** EC2 instance type. @default "t3.micro" */
  readonly instanceType?: string;
  /**
   * AMI id. When omitted, the launch template resolves
   * `AMAZON_LINUX_2023_SSM_PARAMETER` at launch (`resolve:ssm:`), so no AWS
   * API is called at plan time and re-plans do not replace the instance
   * (hashicorp/terraform-provider-aws#43364 is why it is not on the instance).
   * @default - latest Amazon Linux 2023 (x86_64)
   */
  readonly amiId?: string;
  /** Size of the encrypted root volume. @default 8 */
  readonly rootVolumeSizeGb?: number;
  /**
   * Systems Manager's endpoints in the VPC: when given, the instance gets an
   * instance profile allowed Session Manager only and may reach the
   * endpoints on 443, so `aws ssm start-session` opens a shell with no SSH
   * and no internet path. The SSM agent is preinstalled on Amazon Linux 2023
   * (AWS Systems Manager User Guide, "Find AMIs with the SSM Agent preinstalled").
   * @default - no instance profile and no egress: nothing reaches the instance but the service port
   */
  readonly sessionManager?: IAwsSsmEndpoints;
}

/**
 * The private API backend: one EC2 instance serving HTTP from Python's
 * standard library (no package download, so no internet access needed),
 * with IMDSv2 only, an encrypted root volume, and a security group that
 * admits only the given ranges on the service port and allows no egress
 * (with `sessionManager`: HTTPS to the endpoints' security group, nothing else).
 */
export class BackendInstance extends Construct {
  /** Records every problem with the props in `v`. */
  static validate(props: BackendInstanceProps, v: PropsValidator): void {
    v.addressInSubnet("privateIp", props.privateIp, "subnet", props.subnet.cidrBlock, RESERVED_SUBNET_ADDRESSES.aws);
    validateBackendIngress(props, v);
    if (props.instanceType !== undefined) v.check(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(props.instanceType), "instanceType", props.instanceType, "must be an EC2 instance type like t3.micro");
    if (props.amiId !== undefined) checkAwsId(v, "amiId", "ami", props.amiId);
    const rootVolumeSizeGb = props.rootVolumeSizeGb ?? DEFAULTS.rootVolumeSizeGb;
    v.check(Number.isInteger(rootVolumeSizeGb) && rootVolumeSizeGb >= 8, "rootVolumeSizeGb", rootVolumeSizeGb, "must be a whole number of at least 8 (Amazon Linux 2023's snapshot size)");
  }

  readonly instance: Instance;
  readonly securityGroup: SecurityGroup;
  readonly launchTemplate: LaunchTemplate;
  /** The instance profile (with `sessionManager`): the role Systems Manager acts through. */
  readonly instanceProfile?: IamInstanceProfile;

  constructor(scope: Construct, id: string, props: BackendInstanceProps) {
    super(scope, id);
    validateProps(this, "BackendInstance", (v) => BackendInstance.validate(props, v));
    const rootVolumeSizeGb = props.rootVolumeSizeGb ?? DEFAULTS.rootVolumeSizeGb;

    // No egress rule (but Session Manager's, below): Terraform removes AWS's default allow-all
    // egress, and replies to admitted requests pass anyway (security groups are stateful).
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: resourceName(props.name, "backend"),
      description: `Backend: HTTP on ${props.port} from the load balancer proxies only`,
      vpcId: props.vpc.vpcId,
      tags: { Name: resourceName(props.name, "backend") },
    });
    addBackendIngress(this, this.securityGroup.id, props);
    if (props.sessionManager !== undefined) this.instanceProfile = this.sessionManagerAccess(props.name, props.sessionManager);

    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name: resourceName(props.name, "backend"),
      description: "Private API backend",
      imageId: props.amiId ?? `resolve:ssm:${AMAZON_LINUX_2023_SSM_PARAMETER}`,
      instanceType: props.instanceType ?? DEFAULTS.instanceType,
      // IMDSv2 only (AWS Security Hub EC2.8); one hop keeps containers off the metadata service.
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          // Encrypted at rest (AWS Security Hub EC2.3).
          ebs: { encrypted: "true", volumeSize: rootVolumeSizeGb, volumeType: "gp3", deleteOnTermination: "true" },
        },
      ],
      userData: Fn.base64encode(Fn.rawString(userData(props.port))),
      tagSpecifications: [{ resourceType: "instance", tags: { Name: resourceName(props.name, "backend") } }],
    });
    this.instance = new Instance(this, "instance", {
      launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.toString() },
      subnetId: props.subnet.subnetId,
      privateIp: props.privateIp,
      vpcSecurityGroupIds: [this.securityGroup.id],
      associatePublicIpAddress: false,
      // On the instance, not the launch template: attaching a profile later is an update in place (AssociateIamInstanceProfile), not a new instance.
      iamInstanceProfile: this.instanceProfile?.name,
      tags: { Name: resourceName(props.name, "backend") },
    });
  }

  /** The instance profile Session Manager needs, and the one egress the agent needs: HTTPS to the endpoints. */
  private sessionManagerAccess(name: string, endpoints: IAwsSsmEndpoints): IamInstanceProfile {
    new VpcSecurityGroupEgressRule(this, "egress-ssm", {
      securityGroupId: this.securityGroup.id,
      description: "SSM agent to the Systems Manager endpoints",
      ipProtocol: "tcp",
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
      referencedSecurityGroupId: endpoints.securityGroupId,
    });
    const role = new IamRole(this, "ssm-role", {
      namePrefix: iamNamePrefix(name, "-backend-ssm-"),
      description: "Lets Systems Manager manage the backend instance (Session Manager)",
      assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"),
      tags: { Name: resourceName(name, "backend-ssm") },
    });
    // Session Manager only: the agent registers and opens its session channels (AWS Systems Manager User
    // Guide, "Create a custom IAM role for Session Manager"; ec2messages for agents before 3.3.40.0). Not
    // AmazonSSMManagedInstanceCore: that one also reads every SSM parameter of the account and region
    // (ssm:GetParameter(s) on *), SecureStrings included, which a debugging path does not need.
    new IamRolePolicy(this, "session-manager-policy", {
      name: "session-manager-only",
      role: role.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: [
              "ssm:UpdateInstanceInformation",
              "ssmmessages:CreateControlChannel",
              "ssmmessages:CreateDataChannel",
              "ssmmessages:OpenControlChannel",
              "ssmmessages:OpenDataChannel",
              "ec2messages:AcknowledgeMessage",
              "ec2messages:DeleteMessage",
              "ec2messages:FailMessage",
              "ec2messages:GetEndpoint",
              "ec2messages:GetMessages",
              "ec2messages:SendReply",
            ],
            Resource: "*",
          },
        ],
      }),
    });
    return new IamInstanceProfile(this, "instance-profile", {
      namePrefix: iamNamePrefix(name, "-backend-ssm-"),
      role: role.name,
      tags: { Name: resourceName(name, "backend-ssm") },
    });
  }
}

/** A systemd service answering HTTP with Python's standard library, as an unprivileged dynamic user. */
function userData(port: number): string {
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    "mkdir -p /srv/api",
    "echo '{\"status\":\"ok\",\"source\":\"aws-backend\"}' > /srv/api/index.html",
    "cat > /etc/systemd/system/private-api.service <<'UNIT'",
    "[Unit]",
    "Description=Private API backend",
    "After=network-online.target",
    "[Service]",
    "DynamicUser=yes",
    "AmbientCapabilities=CAP_NET_BIND_SERVICE",
    `ExecStart=/usr/bin/python3 -m http.server ${port} --directory /srv/api`,
    "Restart=always",
    "[Install]",
    "WantedBy=multi-user.target",
    "UNIT",
    "systemctl daemon-reload",
    "systemctl enable --now private-api.service",
    "",
  ].join("\n");
}
