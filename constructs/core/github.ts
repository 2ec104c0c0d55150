/**
 * GitHub Actions' OpenID Connect facts, shared by the Google and AWS
 * identities that trust it (GitHub Docs, "About security hardening with
 * OpenID Connect").
 */

/** The issuer of GitHub Actions' ID tokens. */
export const GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";

/** A repository as GitHub names it: `owner/name`. */
export const GITHUB_REPOSITORY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
export const GITHUB_REPOSITORY_RULE = "must be a GitHub repository as owner/name, e.g. example-org/psc-hybrid";

/**
 * GitHub environment and branch names as they appear in the token's claims.
 * Narrower than GitHub allows: the names go into trust conditions (CEL on
 * Google, IAM string conditions on AWS), where quotes, wildcards and ':'
 * would change the condition's meaning.
 */
export const GITHUB_ENVIRONMENT_PATTERN = /^[A-Za-z0-9._-]{1,255}$/;
export const GITHUB_ENVIRONMENT_RULE = "must be a GitHub environment name of letters, digits, '.', '_' and '-'";
export const GITHUB_BRANCH_PATTERN = /^[A-Za-z0-9._\/-]{1,255}$/;
export const GITHUB_BRANCH_RULE = "must be a branch name of letters, digits, '.', '_', '/' and '-' (no wildcard: one branch deploys)";

/**
 * The `sub` claim of a job that runs in a GitHub environment:
 * `repo:<owner>/<name>:environment:<environment>`. A job with `environment:`
 * gets this subject whatever its branch or event, so the environment's own
 * deployment branch rule, and the `ref` claim where the cloud can read it,
 * pin the branch.
 */
export function githubEnvironmentSubject(repository: string, environment: string): string {
  return `repo:${repository}:environment:${environment}`;
}
