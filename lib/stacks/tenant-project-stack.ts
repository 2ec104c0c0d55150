import { DataGoogleProject } from "@cdktf/provider-google/lib/data-google-project";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ProjectServices } from "../../constructs/gcp/project-services";
import { Config, RoutedTenantConfig } from "../config/schema";
import { apiOwners } from "./apis";
import { useStateBackend } from "./state";

/**
 * GCP, a routed tenant's (service) project, before the hub: the APIs its
 * stacks need, and the project's number, which names the service agents the
 * hub grants roles to. The GKE service agent exists only once the Kubernetes
 * Engine API is enabled, so the hub deploys after this stack.
 */
export class TenantProjectStack extends TerraformStack {
  /** The project's number: the service agents' emails are made of it. */
  readonly projectNumber: string;

  constructor(scope: Construct, id: string, config: Config, tenant: RoutedTenantConfig) {
    super(scope, id);
    useStateBackend(this, config, "gcp");
    new GoogleProvider(this, "google", { project: tenant.project, region: config.gcp.region });
    const apis = apiOwners(config).tenants[tenant.name];
    if (apis.length > 0) new ProjectServices(this, "apis", { project: tenant.project, services: apis });
    this.projectNumber = new DataGoogleProject(this, "project", { projectId: tenant.project }).number;
  }
}
