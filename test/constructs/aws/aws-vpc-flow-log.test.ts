import { Token } from "cdktf";
import { AwsVpcFlowLog, CLOUDWATCH_LOG_RETENTION_DAYS, VPC_FLOW_LOG_DEFAULTS } from "../../../constructs/aws/aws-vpc-flow-log";
import { synth } from "../support";

describe("AwsVpcFlowLog", () => {
  const base = { name: "x", vpc: { vpcId: "vpc-0123456789abcdef0" } };
  const resources = (props: object) => JSON.parse(synth((s) => new AwsVpcFlowLog(s, "flow", { ...base, ...props }))).resource;
  const only = (byId: Record<string, any>) => Object.values<any>(byId)[0];

  test("logs all traffic of the VPC to a log group kept for a year by default", () => {
    const r = resources({});
    expect(only(r.aws_flow_log)).toMatchObject({
      vpc_id: "vpc-0123456789abcdef0",
      traffic_type: "ALL",
      log_destination_type: "cloud-watch-logs",
      log_destination: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.flow_log-group_\w+\.arn\}$/),
      iam_role_arn: expect.stringMatching(/^\$\{aws_iam_role\.flow_role_\w+\.arn\}$/),
    });
    expect(only(r.aws_cloudwatch_log_group)).toMatchObject({ name: "/x/vpc-flow-logs", retention_in_days: VPC_FLOW_LOG_DEFAULTS.retentionDays });
    expect(VPC_FLOW_LOG_DEFAULTS.retentionDays).toBe(365);
  });

  test("the role trusts only the flow logs service, for flow logs of the log group's own account (confused deputy)", () => {
    const trust = only(resources({}).aws_iam_role).assume_role_policy as string;
    expect(trust).toContain('"Principal" = {"Service" = "vpc-flow-logs.amazonaws.com"}');
    const account = 'element(split(":", aws_cloudwatch_log_group.flow_log-group_';
    expect(trust).toMatch(/"StringEquals" = \{"aws:SourceAccount" = element\(split\(":", aws_cloudwatch_log_group\.flow_log-group_\w+\.arn\), 4\)\}/);
    expect(trust).toMatch(/"ArnLike" = \{"aws:SourceArn" = "arn:\$\{element\(split\(":", aws_cloudwatch_log_group\.flow_log-group_\w+\.arn\), 1\)\}:ec2:\$\{element\(.*, 3\)\}:\$\{element\(.*, 4\)\}:vpc-flow-log\/\*"\}/);
    expect(trust).toContain(account);
  });

  test("the role may write to its log group and nothing else: no logs:CreateLogGroup, no Resource *", () => {
    const policy = only(resources({}).aws_iam_role_policy).policy as string;
    expect(policy).toMatch(/"Action" = \["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"\], "Resource" = \[aws_cloudwatch_log_group\.flow_log-group_\w+\.arn, "\$\{aws_cloudwatch_log_group\.flow_log-group_\w+\.arn\}:\*"\]/);
    expect(policy).toMatch(/"Action" = \["logs:DescribeLogGroups"\], "Resource" = "arn:.*:logs:.*:log-group:\*"/);
    expect(policy).not.toContain("CreateLogGroup");
    expect(policy).not.toMatch(/"Resource" = "\*"/);
  });

  test("a retention from the accepted list and a KMS key are used as given", () => {
    const r = resources({ retentionDays: 30, kmsKeyArn: "arn:aws:kms:ap-northeast-1:123456789012:key/abcd" });
    expect(only(r.aws_cloudwatch_log_group)).toMatchObject({ retention_in_days: 30, kms_key_id: "arn:aws:kms:ap-northeast-1:123456789012:key/abcd" });
  });

  test("a long name is shortened in the role's name prefix, which IAM limits to 38 characters", () => {
    const role = only(resources({ name: "a".repeat(50) }).aws_iam_role);
    expect(role.name_prefix).toBe(`${"a".repeat(27)}-flow-logs-`);
    expect(role.name_prefix).toHaveLength(38);
  });

  test("fails on a retention CloudWatch Logs does not accept, naming the ones it does", () => {
    expect(() => resources({ retentionDays: 10 })).toThrow(/retentionDays: must be one of the retention periods CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, .*3653 \(days\), got 10/);
    expect(() => resources({ retentionDays: 0 })).toThrow(/retentionDays: .*got 0/);
    for (const days of CLOUDWATCH_LOG_RETENTION_DAYS) expect(() => resources({ retentionDays: days })).not.toThrow();
  });

  test("fails on a malformed KMS key ARN", () => {
    expect(() => resources({ kmsKeyArn: "alias/logs" })).toThrow(/kmsKeyArn: must be a KMS key ARN .*got "alias\/logs"/);
  });

  test("passes a VPC id known only at apply", () => {
    const r = resources({ vpc: { vpcId: Token.asString({ Ref: "vpc" }) } });
    expect(Object.keys(r.aws_flow_log)).toHaveLength(1);
  });
});
