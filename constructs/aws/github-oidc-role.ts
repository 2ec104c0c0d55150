import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import {
  GITHUB_ENVIRONMENT_PATTERN,
  GITHUB_ENVIRONMENT_RULE,
  GITHUB_OIDC_ISSUER,
  GITHUB_REPOSITORY_PATTERN,
  GITHUB_REPOSITORY_RULE,
  githubEnvironmentSubject,
} from "../core/github";
import { resourceName } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";
import { iamNamePrefix } from "./iam";

/** The audience AWS's credentials action asks GitHub for (aws-actions/configure-aws-credentials). */
const STS_AUDIENCE = "sts.amazonaws.com";

/** One statement of an IAM policy, as the role's inline policy takes it. */
export interface IamPolicyStatement {
  /** A short id saying what the statement is for. */
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

export interface GithubOidcRoleProps {
  /** Name prefix of the role (IAM adds a unique suffix; the full name is in the `Name` tag). */
  readonly name: string;
  /** The repository whose workflows may assume the role, as `owner/name`. */
  readonly repository: string;
  /** The GitHub environment whose jobs may assume the role (the token's `sub`). Give the environment a deployment branch rule: AWS reads no branch from GitHub's token. */
  readonly environment: string;
  /** What the role may do: the statements of its inline policy (at least one). */
  readonly statements: readonly IamPolicyStatement[];
  /**
   * ARN of the account's existing OIDC provider for GitHub Actions. An
   * account holds one provider per issuer URL: pass it where one exists, and
   * give exactly one GithubOidcRole per account none to create it.
   * @default - the provider is created here
   */
  readonly providerArn?: string;
  /** How long a session lasts, in seconds (3600 to 43200). @default 3600 */
  readonly maxSessionDurationSeconds?: number;
}

/**
 * An IAM role that GitHub Actions jobs of one repository and environment
 * assume with their OIDC token (no access key anywhere): the trust policy
 * requires GitHub's issuer, the STS audience and the exact subject
 * `repo:<owner>/<name>:environment:<environment>` (AWS IAM User Guide,
 * "Configuring a role for GitHub OIDC identity provider"; a role trusting
 * the issuer without a `sub` condition can be assumed by any repository).
 */
export class GithubOidcRole extends Construct {
  /** Records every problem with the props in `v`. */
  static validate(props: GithubOidcRoleProps, v: PropsValidator): void {
    v.check(/^[A-Za-z0-9][A-Za-z0-9+=,.@_-]*$/.test(props.name), "name", props.name, "must be letters, digits and +=,.@_- (an IAM role name)");
    v.check(GITHUB_REPOSITORY_PATTERN.test(props.repository), "repository", props.repository, GITHUB_REPOSITORY_RULE);
    v.check(GITHUB_ENVIRONMENT_PATTERN.test(props.environment), "environment", props.environment, GITHUB_ENVIRONMENT_RULE);
    v.check(props.statements.length > 0, "statements", props.statements, "must hold at least one statement (a role that may do nothing)");
    for (const [i, s] of props.statements.entries()) {
      // A deploy role is scoped by what it lists: '*' as an action hands over the account.
      v.check(!s.Action.some((a) => a === "*" || a.endsWith(":*")), `statements[${i}].Action`, s.Action, "must name actions, not '*' or '<service>:*'");
    }
    if (props.providerArn !== undefined) {
      v.check(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/.test(props.providerArn), "providerArn", props.providerArn, "must be the ARN of the account's GitHub OIDC provider, arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com");
    }
    const duration = props.maxSessionDurationSeconds;
    if (duration !== undefined) v.check(Number.isInteger(duration) && duration >= 3600 && duration <= 43200, "maxSessionDurationSeconds", duration, "must be a whole number of seconds from 3600 to 43200 (IAM's bounds)");
  }

  /** The OIDC provider, when made here. */
  readonly oidcProvider?: IamOpenidConnectProvider;
  readonly role: IamRole;
  /** What `aws-actions/configure-aws-credentials` takes as `role-to-assume`. */
  readonly roleArn: string;
  /** The OIDC provider's ARN, made here or given. */
  readonly providerArn: string;

  constructor(scope: Construct, id: string, props: GithubOidcRoleProps) {
    super(scope, id);
    validateProps(this, "GithubOidcRole", (v) => GithubOidcRole.validate(props, v));
    if (props.providerArn === undefined) {
      // No thumbprint: AWS checks GitHub's certificate against its library of trusted root CAs
      // (IAM API, CreateOpenIDConnectProvider); the list is optional since terraform-provider-aws #37255.
      this.oidcProvider = new IamOpenidConnectProvider(this, "oidc-provider", {
        url: GITHUB_OIDC_ISSUER,
        clientIdList: [STS_AUDIENCE],
        tags: { Name: "github-actions" },
      });
    }
    this.providerArn = props.providerArn ?? this.oidcProvider!.arn;
    const issuer = GITHUB_OIDC_ISSUER.replace(/^https:\/\//, "");
    this.role = new IamRole(this, "role", {
      namePrefix: iamNamePrefix(props.name, "-"),
      description: `Assumed by GitHub Actions of ${props.repository}, environment ${props.environment}`,
      maxSessionDuration: props.maxSessionDurationSeconds,
      assumeRolePolicy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: this.providerArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: {
                [`${issuer}:aud`]: STS_AUDIENCE,
                [`${issuer}:sub`]: githubEnvironmentSubject(props.repository, props.environment),
              },
            },
          },
        ],
      }),
      tags: { Name: resourceName(props.name, "github") },
    });
    new IamRolePolicy(this, "policy", {
      name: "deploy",
      role: this.role.id,
      policy: Fn.jsonencode({ Version: "2012-10-17", Statement: props.statements }),
    });
    this.roleArn = this.role.arn;
  }
}
