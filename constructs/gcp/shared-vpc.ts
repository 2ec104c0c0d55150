import { ComputeSharedVpcHostProject } from "@cdktf/provider-google/lib/compute-shared-vpc-host-project";
import { ComputeSharedVpcServiceProject } from "@cdktf/provider-google/lib/compute-shared-vpc-service-project";
import { ComputeSubnetworkIamMember } from "@cdktf/provider-google/lib/compute-subnetwork-iam-member";
import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { GCP_PROJECT_RULE, isGcpProject } from "../core/names";
import { isToken, PropsValidator, validateProps } from "../core/validation";

/** Records a problem unless `value` is a GCP project id. */
function checkProject(v: PropsValidator, field: string, value: string): void {
  v.check(isGcpProject(value), field, value, GCP_PROJECT_RULE);
}

/** Which project becomes a Shared VPC host. */
export interface SharedVpcHostProps {
  /** Id of the project whose VPC networks become shareable. */
  readonly project: string;
}

/**
 * Makes a project a Shared VPC host: its VPC networks and subnets can then
 * be used by the service projects attached to it (Google Cloud docs,
 * "Shared VPC overview").
 */
export class SharedVpcHost extends Construct {
  /** Records every problem with the props in `v`. */
  static validate(props: SharedVpcHostProps, v: PropsValidator): void {
    checkProject(v, "project", props.project);
  }

  /** The host project resource. */
  readonly host: ComputeSharedVpcHostProject;
  /** The host project's id, read from the resource: service projects given it wait until the project is a host. */
  readonly project: string;

  constructor(scope: Construct, id: string, props: SharedVpcHostProps) {
    super(scope, id);
    validateProps(this, "SharedVpcHost", (v) => SharedVpcHost.validate(props, v));
    this.host = new ComputeSharedVpcHostProject(this, "host", { project: props.project });
    this.project = this.host.project;
  }
}

/** A subnet of the host project shared with a service project. `ComputeSubnetwork` satisfies it. */
export interface SharedSubnetwork {
  /** Name of the subnet. */
  readonly name: string;
  /** Region of the subnet. */
  readonly region: string;
}

/** Which project is attached to which host, and which of the host's subnets it may use. */
export interface SharedVpcServiceProjectProps {
  /** Id of the host project: a SharedVpcHost's `project` (the attachment then waits for it), or the id of an existing host. */
  readonly hostProject: string;
  /** Id of the project attached to the host. */
  readonly serviceProject: string;
  /** Number of the service project (its service agents are named after it), e.g. a `google_project`'s `number`. */
  readonly serviceProjectNumber: string;
  /** The host's subnets the service project may use; no other subnet of the host is granted. */
  readonly subnets: readonly SharedSubnetwork[];
  /**
   * Grant what GKE clusters of the service project need on the host: the
   * GKE service agent on the subnets, and Host Service Agent User on the
   * host project. The service project must have container.googleapis.com
   * enabled first, or its GKE service agent does not exist yet.
   * @default true
   */
  readonly gke?: boolean;
  /**
   * Principals of the service project (its deployers: `serviceAccount:...`, `group:...`, `user:...`)
   * granted Compute Network User on the subnets: reserving an internal address in a host subnet, as
   * the address of an internal load balancer, needs `compute.subnetworks.use` on it (VPC docs,
   * "Reserve a static internal IP address", Shared VPC).
   * @default - none: only the service agents use the subnets
   */
  readonly subnetUsers?: readonly string[];
}

/** An IAM principal as Google writes it (`serviceAccount:a@b.iam.gserviceaccount.com`, `group:team@example.com`). */
const PRINCIPAL = /^(user|serviceAccount|group|domain|principal|principalSet):\S+$/;

/**
 * Attaches a service project to a Shared VPC host and grants its service
 * agents Compute Network User on the given subnets only (least privilege:
 * not on the whole host project), as GKE docs "Setting up clusters with
 * Shared VPC" require:
 * - the Google APIs service agent (`<number>@cloudservices.gserviceaccount.com`,
 *   which creates instance groups' VMs) and the GKE service agent
 *   (`service-<number>@container-engine-robot.iam.gserviceaccount.com`) use the subnets;
 * - the GKE service agent holds Host Service Agent User on the host project,
 *   to act as the host's GKE agent, which creates the cluster's own firewall
 *   rules (gke-*-master, -vms, -all).
 *
 * Not granted on purpose: Compute Security Admin on the host. With it, GKE
 * would create the firewall rules of LoadBalancer Services itself, but every
 * tenant's GKE agent could then change every firewall rule of a VPC shared
 * by many teams; the host's owner creates those rules instead
 * (GkeLoadBalancerFirewall), and GKE emits an event naming any it lacks.
 *
 * A cluster in the service project must wait for `dependables` (the
 * attachment and the grants): created earlier, it fails to use the subnet.
 */
export class SharedVpcServiceProject extends Construct {
  /** Records every problem with the props in `v`. */
  static validate(props: SharedVpcServiceProjectProps, v: PropsValidator): void {
    checkProject(v, "hostProject", props.hostProject);
    checkProject(v, "serviceProject", props.serviceProject);
    v.check(isToken(props.hostProject) || props.hostProject !== props.serviceProject, "serviceProject", props.serviceProject, `must differ from ${v.name("hostProject")} (a host cannot be its own service project)`, {
      fix: "attach the project that runs the workloads",
      involves: ["hostProject"],
    });
    v.check(/^[1-9]\d*$/.test(props.serviceProjectNumber), "serviceProjectNumber", props.serviceProjectNumber, "must be the service project's number (digits only), not its id", {
      fix: "use projectNumber from `gcloud projects describe <id>`, or a google_project's number",
    });
    v.check(props.subnets.length > 0, "subnets", props.subnets, "must list at least one subnet of the host to share", { fix: "add the subnet the service project's nodes use" });
    (props.subnetUsers ?? []).forEach((member, i, all) => {
      v.check(isToken(member) || PRINCIPAL.test(member), `subnetUsers[${i}]`, member, "must be an IAM principal like serviceAccount:deployer@my-project.iam.gserviceaccount.com or group:team@example.com");
      const first = all.indexOf(member);
      v.check(first === i, `subnetUsers[${i}]`, member, `must be unique (also ${v.name(`subnetUsers[${first}]`)})`, { fix: "remove the repeat" });
    });
    props.subnets.forEach((subnet, i) => {
      v.gcpName(`subnets[${i}].name`, subnet.name);
      v.gcpRegion(`subnets[${i}].region`, subnet.region);
      const first = props.subnets.findIndex((s) => s.name === subnet.name && s.region === subnet.region);
      v.check(first === i, `subnets[${i}]`, `${subnet.region}/${subnet.name}`, `must be unique (also subnets[${first}])`, { fix: "remove the repeat" });
    });
  }

  /** Builds a GKE service agent's email from the project number. */
  static gkeServiceAgentOf(projectNumber: string): string {
    return `service-${projectNumber}@container-engine-robot.iam.gserviceaccount.com`;
  }

  /** Builds a Google APIs service agent's email from the project number. */
  static googleApisServiceAgentOf(projectNumber: string): string {
    return `${projectNumber}@cloudservices.gserviceaccount.com`;
  }

  /** The attachment of the service project to the host. */
  readonly attachment: ComputeSharedVpcServiceProject;
  /** The service project's GKE service agent (granted only with `gke`). */
  readonly gkeServiceAgent: string;
  /** The service project's Google APIs service agent. */
  readonly googleApisServiceAgent: string;
  /** The IAM grants made on the host project and its subnets. */
  readonly grants: readonly (ComputeSubnetworkIamMember | ProjectIamMember)[];
  /** What resources of the service project using the subnets (a GKE cluster) must depend on: the attachment and every grant. */
  readonly dependables: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: SharedVpcServiceProjectProps) {
    super(scope, id);
    validateProps(this, "SharedVpcServiceProject", (v) => SharedVpcServiceProject.validate(props, v));

    const gke = props.gke ?? true;
    this.gkeServiceAgent = SharedVpcServiceProject.gkeServiceAgentOf(props.serviceProjectNumber);
    this.googleApisServiceAgent = SharedVpcServiceProject.googleApisServiceAgentOf(props.serviceProjectNumber);
    this.attachment = new ComputeSharedVpcServiceProject(this, "attachment", {
      hostProject: props.hostProject,
      serviceProject: props.serviceProject,
    });

    // Users are keyed by the principal itself, so adding or removing one renames no other grant.
    const users = [
      { id: "apis-agent", member: `serviceAccount:${this.googleApisServiceAgent}` },
      ...(gke ? [{ id: "gke-agent", member: `serviceAccount:${this.gkeServiceAgent}` }] : []),
      ...(props.subnetUsers ?? []).map((member) => ({ id: `user-${member.replace(/[^A-Za-z0-9-]/g, "-")}`, member })),
    ];
    const grants: (ComputeSubnetworkIamMember | ProjectIamMember)[] = props.subnets.flatMap((subnet, i) =>
      users.map(
        (user) =>
          new ComputeSubnetworkIamMember(this, `subnet-${i + 1}-${user.id}`, {
            project: props.hostProject,
            region: subnet.region,
            subnetwork: subnet.name,
            role: "roles/compute.networkUser",
            member: user.member,
          }),
      ),
    );
    if (gke) {
      grants.push(
        new ProjectIamMember(this, "gke-host-service-agent-user", {
          project: props.hostProject,
          role: "roles/container.hostServiceAgentUser",
          member: `serviceAccount:${this.gkeServiceAgent}`,
        }),
      );
    }
    this.grants = grants;
    this.dependables = [this.attachment, ...grants];
  }
}
