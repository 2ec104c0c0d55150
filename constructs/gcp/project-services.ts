import { ProjectService } from "@cdktf/provider-google/lib/project-service";
import { Annotations, Aspects, IAspect, TerraformResource, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { PropsValidator, validateProps } from "../core/validation";

/**
 * The Google API each kind of resource the constructs make is served by, by
 * Terraform type prefix (the longest prefix wins). A resource is created in
 * its project through that API, so the API must be enabled there first.
 */
export const GOOGLE_API_OF_RESOURCE: Readonly<Record<string, string>> = {
  google_compute_: "compute.googleapis.com",
  google_container_: "container.googleapis.com",
  google_dns_: "dns.googleapis.com",
  google_service_account: "iam.googleapis.com",
  // Project IAM bindings are read and written with the Resource Manager API's getIamPolicy / setIamPolicy.
  google_project_iam_: "cloudresourcemanager.googleapis.com",
  // Private services access: the peering with Google's service producers.
  google_service_networking_: "servicenetworking.googleapis.com",
  // Serverless clients: connectors, and the Cloud Run check jobs.
  google_vpc_access_: "vpcaccess.googleapis.com",
  google_cloud_run_v2_: "run.googleapis.com",
};

/** The API a Terraform resource type is created through, when GOOGLE_API_OF_RESOURCE knows it. */
export function googleApiOf(resourceType: string): string | undefined {
  const prefix = Object.keys(GOOGLE_API_OF_RESOURCE)
    .filter((p) => resourceType.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : GOOGLE_API_OF_RESOURCE[prefix];
}

const API_NAME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*\.googleapis\.com$/;

/** Props of ProjectServices. */
export interface ProjectServicesProps {
  /** The APIs to enable, e.g. `compute.googleapis.com`. */
  readonly services: readonly string[];
  /** Project to enable them in. @default - the provider's project */
  readonly project?: string;
  /**
   * The construct whose Google resources (all of them, at any depth) wait
   * for the APIs: each gets a `depends_on` on every service.
   * @default - the whole stack the construct is in
   */
  readonly dependents?: IConstruct;
}

/**
 * Enables Google APIs in a project (`google_project_service`) and makes the
 * stack's Google resources wait for them: on a fresh project the first
 * network or cluster otherwise fails with "Error 403: ... API has not been
 * used in project ... or it is disabled".
 *
 * Destroying it never switches an API off (`disable_on_destroy` and
 * `disable_dependent_services` false): other resources of the project, made
 * outside this stack, may use the same APIs. One stack per project should
 * hold a ProjectServices: two would fight over the same services.
 */
export class ProjectServices extends Construct {
  /** Records every problem with the props in `v`. */
  static validate(props: ProjectServicesProps, v: PropsValidator): void {
    v.check(props.services.length > 0, "services", props.services, "must name at least one API", { fix: "e.g. [compute.googleapis.com]" });
    props.services.forEach((s, i) => {
      v.check(API_NAME.test(s), `services[${i}]`, s, "must be a Google API service name like compute.googleapis.com");
      const first = props.services.indexOf(s);
      v.check(first === i, `services[${i}]`, s, `must be unique (also services[${first}])`, { fix: "remove the repeat" });
    });
  }

  /** One `google_project_service` per API, by service name. */
  readonly services: Readonly<Record<string, ProjectService>>;

  constructor(scope: Construct, id: string, props: ProjectServicesProps) {
    super(scope, id);
    validateProps(this, "ProjectServices", (v) => {
      ProjectServices.validate(props, v);
      // depends_on names resources of its own stack only: across stacks, the stack order does it.
      const other = props.dependents === undefined ? undefined : TerraformStack.of(props.dependents);
      v.check(other === undefined || other === TerraformStack.of(this), "dependents", props.dependents?.node.path, "must be in the stack of the ProjectServices", {
        fix: "give each stack its own ProjectServices, or make the stack that deploys later depend on this one",
      });
    });
    const services: Record<string, ProjectService> = {};
    for (const service of props.services) {
      // The id is the service's name (compute for compute.googleapis.com): adding or removing one API never renames another.
      services[service] = new ProjectService(this, service.replace(/\.googleapis\.com$/, "").replace(/\./g, "-"), {
        project: props.project,
        service,
        // Never switch an API off on destroy: other workloads of the project may use it
        // (terraform-provider-google #18058 makes false the default for the same reason).
        disableOnDestroy: false,
        disableDependentServices: false,
      });
    }
    this.services = services;
    Aspects.of(props.dependents ?? TerraformStack.of(this)).add(new DependOnServices(this));
  }

  /** The APIs enabled, in the order given. */
  get serviceNames(): string[] {
    return Object.keys(this.services);
  }
}

/**
 * Adds a `depends_on` on every service to each Google resource it visits
 * (data sources are left alone: a data source with depends_on is read only
 * at apply, and shows as a change in every plan), and warns about a
 * resource whose API the services do not enable.
 */
class DependOnServices implements IAspect {
  private readonly warned = new Set<string>();

  constructor(private readonly owner: ProjectServices) {}

  visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const resource = node as TerraformResource;
    const type = resource.terraformResourceType;
    // Services never wait for services (of this construct or another): that could be a cycle.
    if (!type.startsWith("google_") || type === "google_project_service") return;
    // The plain address (type.name), as Terraform wants depends_on entries.
    const wanted = Object.values(this.owner.services).map((s) => `${s.terraformResourceType}.${s.friendlyUniqueId}`);
    // Aspects run again on every synth: add each dependency once.
    resource.dependsOn = [...new Set([...(resource.dependsOn ?? []), ...wanted])];
    const api = googleApiOf(type);
    if (api !== undefined && !this.owner.serviceNames.includes(api) && !this.warned.has(resource.node.path)) {
      this.warned.add(resource.node.path);
      Annotations.of(resource).addWarning(`ProjectServices ${this.owner.node.path}: ${type} is created through ${api}, which services does not enable. Fix: add ${api} to services`);
    }
  }
}
