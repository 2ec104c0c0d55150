import { Fn } from "cdktf";

/** The fields of an ARN (`arn:<partition>:<service>:<region>:<account>:<resource>`), by position. */
const ARN_FIELDS = { partition: 1, service: 2, region: 3, account: 4 } as const;

/**
 * One field of an ARN known only at apply (a resource's `arn` attribute), as
 * a Terraform expression. Reading the partition, region and account from a
 * resource the construct makes anyway needs no data source: nothing calls
 * AWS at plan time (data.aws_caller_identity would call STS).
 */
export function arnField(arn: string, field: keyof typeof ARN_FIELDS): string {
  return Fn.element(Fn.split(":", arn), ARN_FIELDS[field]);
}

/** A role trust policy letting one AWS service assume the role, under `condition` when given. */
export function serviceTrustPolicy(service: string, condition?: Record<string, Record<string, string>>): string {
  return Fn.jsonencode({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
  });
}

/** IAM role and instance profile name prefixes are at most 38 characters (64, less the 26 Terraform's name_prefix appends). */
const IAM_NAME_PREFIX_MAX = 38;

/**
 * A name prefix for an IAM role or instance profile: `<name><suffix>`, with
 * `name` shortened to fit. IAM names are global to the account, so a prefix
 * (Terraform adds a unique suffix) keeps two regions or environments apart;
 * the full name is in the `Name` tag.
 */
export function iamNamePrefix(name: string, suffix: string): string {
  return `${name.slice(0, IAM_NAME_PREFIX_MAX - suffix.length)}${suffix}`;
}
