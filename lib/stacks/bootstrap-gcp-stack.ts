import { FolderIamMember } from "@cdktf/provider-google/lib/folder-iam-member";
import { OrganizationIamMember } from "@cdktf/provider-google/lib/organization-iam-member";
import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { StorageBucketIamMember } from "@cdktf/provider-google/lib/storage-bucket-iam-member";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DeployerRole, googleDeployerNeeds, onlyGrantsCondition } from "../../constructs/gcp/deployer-roles";
import { GithubWorkloadIdentity } from "../../constructs/gcp/github-workload-identity";
import { Config } from "../config/schema";
import { pipelineNames } from "../naming";
import { STACK_KINDS, StackKind } from "../pipeline";
import { useStateBackend } from "./state";

/** The deploy identity of one kind of stack, for the workflow's variables. */
export interface GcpDeployer {
  readonly kind: StackKind | "aws-state";
  readonly email: string;
}

/**
 * GCP, deployed once by an administrator before the deploy workflow runs:
 * the workload identity pool that trusts this repository's branch and
 * environment, and one service account per kind of GCP stack, holding the
 * roles that kind's resources need (read off the stacks, per project) and
 * write access to the state bucket. The `aws` deploy job also gets one, to
 * read the producer's state (split state: the producer's is in GCS).
 */
export class BootstrapGcpStack extends TerraformStack {
  readonly identity: GithubWorkloadIdentity;
  readonly deployers: readonly GcpDeployer[];

  constructor(scope: Construct, id: string, config: Config, stacks: Record<StackKind, readonly TerraformStack[]>) {
    super(scope, id);
    const pipeline = config.pipeline!;
    const gcs = config.state.gcs!;
    const project = pipeline.gcpProject ?? config.gcp.producerProject;
    const names = pipelineNames(config.prefix, config.environment);
    useStateBackend(this, config, "gcp");
    new GoogleProvider(this, "google", { project, region: config.gcp.region });
    this.identity = new GithubWorkloadIdentity(this, "github", {
      poolId: names.pool,
      repository: pipeline.repository,
      branch: pipeline.branch,
      environment: config.environment,
    });

    const deployers: GcpDeployer[] = [];
    const account = (kind: GcpDeployer["kind"], why: string) => {
      const sa = new ServiceAccount(this, `${kind}-deployer`, { accountId: names.serviceAccount(kind), displayName: `Deploys ${why} (${config.environment}, GitHub Actions)` });
      this.identity.allowServiceAccount(`${kind}-deployer-wif`, sa.name);
      deployers.push({ kind, email: sa.email });
      return `serviceAccount:${sa.email}`;
    };

    for (const kind of Object.keys(STACK_KINDS) as StackKind[]) {
      if (STACK_KINDS[kind].cloud !== "gcp" || stacks[kind].length === 0) continue;
      const member = account(kind, `the ${STACK_KINDS[kind].pattern} stacks`);
      const needs = stacks[kind].map(googleDeployerNeeds);
      stacks[kind].forEach((stack, i) => refuseUnknownTypes(stack, needs[i].unknownTypes));
      for (const [target, roles] of mergeRoles(needs.map((n) => n.projectRoles))) {
        const granted = [...new Set(needs.flatMap((n) => n.grantedRoles.get(target) ?? []))].sort();
        for (const { role } of roles) {
          // Granting roles is delegated only for the roles this kind's bindings name (IAM docs, "Delegate the granting of roles").
          const condition = role === "roles/resourcemanager.projectIamAdmin" ? { title: "only-the-stacks-roles", expression: onlyGrantsCondition(granted) } : undefined;
          new ProjectIamMember(this, `${kind}-${target}-${role.replace(/^roles\//, "")}`, { project: target, role, member, condition });
        }
      }
      const organizationRoles = [...new Map(needs.flatMap((n) => n.organizationRoles).map((r) => [r.role, r])).values()];
      for (const { role } of organizationRoles) {
        const scopeId = pipeline.sharedVpcAdminScope!;
        const [level, number] = scopeId.split("/");
        const grantId = `${kind}-${role.replace(/^roles\//, "")}`;
        if (level === "organizations") new OrganizationIamMember(this, grantId, { orgId: number, role, member });
        else new FolderIamMember(this, grantId, { folder: scopeId, role, member });
      }
      if (kind === "consumer" && stacks.hub.length > 0) {
        // A routed tenant's cluster and published addresses are made in the host's subnets (Shared VPC: compute.subnetworks.use).
        new ProjectIamMember(this, `${kind}-host-network-user`, { project: config.gcp.producerProject, role: "roles/compute.networkUser", member });
      }
      // Terraform's GCS backend lists, reads, writes and locks objects: every deployer of the environment uses its bucket.
      new StorageBucketIamMember(this, `${kind}-state`, { bucket: gcs.bucket, role: "roles/storage.objectUser", member });
    }

    // The aws deploy job reads the producer's outputs (HA VPN interface addresses) from its state in GCS, and nothing else.
    const awsStateReader = account("aws-state", "nothing: reads the producer's state for the aws stack");
    new StorageBucketIamMember(this, "aws-state-read", {
      bucket: gcs.bucket,
      role: "roles/storage.objectViewer",
      member: awsStateReader,
      condition: {
        title: "producer-state-only",
        expression: `resource.name.startsWith("projects/_/buckets/${gcs.bucket}/objects/${gcs.prefix}/producer/")`,
      },
    });
    this.deployers = deployers;

    githubVariablesOutput(this, config.environment, {
      GCP_WORKLOAD_IDENTITY_PROVIDER: this.identity.providerName,
      ...Object.fromEntries(deployers.map((d) => [githubVariableOf(d.kind), d.email])),
    });
  }
}

/** The GitHub environment variable naming the service account of a kind's deploy job. */
export function githubVariableOf(kind: GcpDeployer["kind"]): string {
  return `GCP_SA_${kind.toUpperCase().replace(/-/g, "_")}`;
}

/**
 * The output `github-variables`: one `gh variable set` command per variable
 * the deploy workflow reads, for the GitHub environment of this config
 * (README, CI/CD: pipe it to sh once after the bootstrap deploy).
 */
export function githubVariablesOutput(stack: TerraformStack, environment: string, variables: Record<string, string>): void {
  new TerraformOutput(stack, "github-variables", {
    value: Object.entries(variables)
      .map(([name, value]) => `gh variable set ${name} --env ${environment} --body '${value}'`)
      .join("\n"),
    description: "The deploy workflow's variables: run these gh commands once (gh auth login as a repository admin)",
  });
}

/** A resource type without known deploy permissions is this app's gap, never a silent omission from a role. */
export function refuseUnknownTypes(stack: TerraformStack, unknownTypes: readonly string[]): void {
  if (unknownTypes.length > 0) {
    throw new Error(`${stack.node.id}: no deploy permissions are known for ${unknownTypes.join(", ")}: add them to GOOGLE_DEPLOYER_ROLES or AWS_DEPLOYER_ACTIONS`);
  }
}

/** Project -> roles, over several stacks of one kind. */
function mergeRoles(maps: readonly ReadonlyMap<string, readonly DeployerRole[]>[]): Map<string, DeployerRole[]> {
  const out = new Map<string, Map<string, DeployerRole>>();
  for (const m of maps) {
    for (const [project, roles] of m) {
      if (!out.has(project)) out.set(project, new Map());
      for (const r of roles) out.get(project)!.set(r.role, r);
    }
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)).map(([p, rs]) => [p, [...rs.values()].sort((a, b) => a.role.localeCompare(b.role))]));
}
