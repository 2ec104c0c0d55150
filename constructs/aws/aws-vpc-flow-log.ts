import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { resourceName } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";
import { arnField, iamNamePrefix, serviceTrustPolicy } from "./iam";
import { checkAwsId, IAwsVpc } from "./aws-vpc";

/** The retention periods CloudWatch Logs accepts, in days (CloudWatch Logs API Reference, PutRetentionPolicy). */
export const CLOUDWATCH_LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** The rule naming the accepted retention periods. */
const LOG_RETENTION_RULE = `must be one of the retention periods CloudWatch Logs accepts: ${CLOUDWATCH_LOG_RETENTION_DAYS.join(", ")} (days)`;

/**
 * What the props leave out gets these. A year: AWS Config's
 * cw-loggroup-retention-period-check (Security Hub CloudWatch.16) flags log
 * groups kept for less by default.
 */
export const VPC_FLOW_LOG_DEFAULTS = { retentionDays: 365 } as const;

export interface AwsVpcFlowLogProps {
  /** Name prefix: the log group is `/<name>/vpc-flow-logs`, the role's name starts with `<name>-flow-logs-` (the name shortened to fit IAM's limit). */
  readonly name: string;
  /** The VPC whose traffic is logged: an AwsVpc, or an imported one (`{ vpcId: "vpc-..." }`). */
  readonly vpc: IAwsVpc;
  /** How long CloudWatch Logs keeps the records, in days (one of CLOUDWATCH_LOG_RETENTION_DAYS). @default - a year (365 days), what AWS Config's retention check asks */
  readonly retentionDays?: number;
  /**
   * ARN of a KMS key to encrypt the log group with. CloudWatch Logs encrypts
   * every log group at rest anyway; give a key where policy requires a
   * customer-managed one (its key policy must admit the logs service).
   * @default - CloudWatch Logs' own encryption at rest
   */
  readonly kmsKeyArn?: string;
}

/**
 * A VPC flow log of all traffic (accepted and rejected) to a CloudWatch Logs
 * log group with a retention period, published through a role only the flow
 * logs service of this account may assume, allowed to write to that log
 * group and nothing else. Apart from AwsVpc so that an imported VPC gets one
 * the same way.
 */
export class AwsVpcFlowLog extends Construct {
  /** Records every problem with the props in `v`. */
  static validate(props: AwsVpcFlowLogProps, v: PropsValidator): void {
    // A log group name and an IAM name prefix both accept these.
    v.check(/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(props.name), "name", props.name, "must be letters, digits and '-', starting with a letter or digit");
    checkAwsId(v, "vpc", "vpc", props.vpc.vpcId);
    const retentionDays = props.retentionDays ?? VPC_FLOW_LOG_DEFAULTS.retentionDays;
    v.oneOf("retentionDays", retentionDays, CLOUDWATCH_LOG_RETENTION_DAYS as readonly number[], LOG_RETENTION_RULE);
    if (props.kmsKeyArn !== undefined) v.check(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/.+$/.test(props.kmsKeyArn), "kmsKeyArn", props.kmsKeyArn, "must be a KMS key ARN like arn:aws:kms:ap-northeast-1:123456789012:key/<key id>");
  }

  readonly logGroup: CloudwatchLogGroup;
  readonly role: IamRole;
  readonly flowLog: FlowLog;
  /** Where to look: the log group's name (one log stream per network interface). */
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: AwsVpcFlowLogProps) {
    super(scope, id);
    validateProps(this, "AwsVpcFlowLog", (v) => AwsVpcFlowLog.validate(props, v));

    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/${props.name}/vpc-flow-logs`,
      retentionInDays: props.retentionDays ?? VPC_FLOW_LOG_DEFAULTS.retentionDays,
      kmsKeyId: props.kmsKeyArn,
      tags: { Name: resourceName(props.name, "vpc-flow-logs") },
    });
    this.logGroupName = this.logGroup.name;
    const arn = this.logGroup.arn;
    const [partition, region, account] = [arnField(arn, "partition"), arnField(arn, "region"), arnField(arn, "account")];

    // Only the flow logs service, and only for flow logs of this account, against the confused
    // deputy problem (Amazon VPC User Guide, "IAM role for publishing flow logs to CloudWatch Logs").
    // The account, region and partition are read from the log group's ARN: no data source, no call at plan time.
    this.role = new IamRole(this, "role", {
      namePrefix: iamNamePrefix(props.name, "-flow-logs-"),
      description: "Publishes VPC flow logs to their CloudWatch Logs log group",
      assumeRolePolicy: serviceTrustPolicy("vpc-flow-logs.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": account },
        ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${region}:${account}:vpc-flow-log/*` },
      }),
      tags: { Name: resourceName(props.name, "vpc-flow-logs") },
    });
    // The permissions AWS lists for the role, narrowed to this log group and its streams; no
    // logs:CreateLogGroup (the group is made here). Listing log groups has no narrower resource than the account's.
    const rolePolicy = new IamRolePolicy(this, "role-policy", {
      name: "publish-to-its-log-group",
      role: this.role.id,
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: [arn, `${arn}:*`] },
          { Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: `arn:${partition}:logs:${region}:${account}:log-group:*` },
        ],
      }),
    });
    this.flowLog = new FlowLog(this, "flow-log", {
      vpcId: props.vpc.vpcId,
      // Accepted and rejected: "did the request arrive" and "what dropped it" both need to be answered.
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: arn,
      iamRoleArn: this.role.arn,
      // Records within about a minute rather than ten (the default): the log is read while debugging.
      maxAggregationInterval: 60,
      // Not before the role may write: a flow log made with a role that cannot yet publish fails
      // ("Unable to assume given IAM role"; terraform-provider-aws #29323, IAM propagation).
      dependsOn: [rolePolicy],
      tags: { Name: resourceName(props.name, "vpc-flow-logs") },
    });
  }
}
