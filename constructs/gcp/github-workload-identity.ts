import { IamWorkloadIdentityPool } from "@cdktf/provider-google/lib/iam-workload-identity-pool";
import { IamWorkloadIdentityPoolProvider } from "@cdktf/provider-google/lib/iam-workload-identity-pool-provider";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member";
import { Construct } from "constructs";
import {
  GITHUB_BRANCH_PATTERN,
  GITHUB_BRANCH_RULE,
  GITHUB_ENVIRONMENT_PATTERN,
  GITHUB_ENVIRONMENT_RULE,
  GITHUB_OIDC_ISSUER,
  GITHUB_REPOSITORY_PATTERN,
  GITHUB_REPOSITORY_RULE,
  githubEnvironmentSubject,
} from "../core/github";
import { PropsValidator, validateProps } from "../core/validation";

/**
 * Workload identity pool and provider ids: 4-32 lowercase letters, digits
 * and '-', not starting with `gcp-` (reserved by Google) (IAM API,
 * projects.locations.workloadIdentityPools.create).
 */
const POOL_ID_PATTERN = /^(?!gcp-)[a-z][-a-z0-9]{2,30}[a-z0-9]$/;
const POOL_ID_RULE = "must be 4-32 lowercase letters, digits and '-', starting with a letter, not ending with '-' and not starting with gcp- (Google reserves it)";

/** Which GitHub workflows may act as which Google service accounts. */
export interface GithubWorkloadIdentityProps {
  /** Id of the workload identity pool (and of its provider). A deleted pool keeps its id for 30 days. */
  readonly poolId: string;
  /** The repository whose workflows are trusted, as `owner/name`. */
  readonly repository: string;
  /** The only branch whose workflows get a token exchanged (the `ref` claim). @default "main" */
  readonly branch?: string;
  /** The GitHub environment the deploy jobs run in: the service accounts trust this environment's jobs only. */
  readonly environment: string;
  /** Project of the pool. @default - the provider's project */
  readonly project?: string;
}

/**
 * Keyless Google credentials for GitHub Actions: a workload identity pool
 * with one OIDC provider for GitHub's token issuer that exchanges tokens
 * only from `repository`'s `branch`, in `environment` (the provider's
 * attribute condition, checked by Google before any role applies), and
 * `allowServiceAccount` to let those jobs act as a service account. No
 * service account key exists anywhere (Google Cloud docs, "Configure
 * Workload Identity Federation with deployment pipelines").
 */
export class GithubWorkloadIdentity extends Construct {
  /** Records every problem with the props in `v`. */
  static validate(props: GithubWorkloadIdentityProps, v: PropsValidator): void {
    v.check(POOL_ID_PATTERN.test(props.poolId), "poolId", props.poolId, POOL_ID_RULE);
    v.check(GITHUB_REPOSITORY_PATTERN.test(props.repository), "repository", props.repository, GITHUB_REPOSITORY_RULE);
    if (props.branch !== undefined) v.check(GITHUB_BRANCH_PATTERN.test(props.branch), "branch", props.branch, GITHUB_BRANCH_RULE);
    v.check(GITHUB_ENVIRONMENT_PATTERN.test(props.environment), "environment", props.environment, GITHUB_ENVIRONMENT_RULE);
  }

  readonly pool: IamWorkloadIdentityPool;
  readonly provider: IamWorkloadIdentityPoolProvider;
  /**
   * The provider's full name, `projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<id>`:
   * what `google-github-actions/auth` takes as `workload_identity_provider`.
   */
  readonly providerName: string;
  /** The token subject the service accounts trust: `repo:<owner>/<name>:environment:<environment>`. */
  readonly subject: string;

  constructor(scope: Construct, id: string, props: GithubWorkloadIdentityProps) {
    super(scope, id);
    validateProps(this, "GithubWorkloadIdentity", (v) => GithubWorkloadIdentity.validate(props, v));
    const branch = props.branch ?? "main";
    this.subject = githubEnvironmentSubject(props.repository, props.environment);
    this.pool = new IamWorkloadIdentityPool(this, "pool", {
      project: props.project,
      workloadIdentityPoolId: props.poolId,
      displayName: props.poolId,
      description: `GitHub Actions of ${props.repository}, ${branch}, environment ${props.environment}`,
    });
    this.provider = new IamWorkloadIdentityPoolProvider(this, "provider", {
      project: props.project,
      workloadIdentityPoolId: this.pool.workloadIdentityPoolId,
      workloadIdentityPoolProviderId: props.poolId,
      displayName: "GitHub Actions",
      oidc: { issuerUri: GITHUB_OIDC_ISSUER },
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.repository": "assertion.repository",
        "attribute.ref": "assertion.ref",
        "attribute.environment": "assertion.environment",
      },
      // Google requires a condition for GitHub's shared issuer: without one, any repository on
      // github.com could exchange its tokens in this pool. Repository, branch and environment all
      // must match; the values are checked above to hold no quote that could end the CEL string.
      attributeCondition: [
        `assertion.repository == "${props.repository}"`,
        `assertion.ref == "refs/heads/${branch}"`,
        `assertion.environment == "${props.environment}"`,
      ].join(" && "),
    });
    this.providerName = this.provider.name;
  }

  /**
   * Lets the trusted jobs act as `serviceAccountName` (the account's
   * `projects/<project>/serviceAccounts/<email>` name): Workload Identity User
   * on that account alone, for this environment's subject alone.
   */
  allowServiceAccount(id: string, serviceAccountName: string): ServiceAccountIamMember {
    return new ServiceAccountIamMember(this, id, {
      serviceAccountId: serviceAccountName,
      role: "roles/iam.workloadIdentityUser",
      member: `principal://iam.googleapis.com/${this.pool.name}/subject/${this.subject}`,
    });
  }
}
