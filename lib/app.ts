import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { apiTargetOf, Config } from "./config/schema";
import { PolicyChecks } from "../constructs/core/policy";
import { AwsStack } from "./stacks/aws-stack";
import { ConsumerStack } from "./stacks/consumer-stack";
import { HubStack } from "./stacks/hub-stack";
import { RoutedConsumerStack } from "./stacks/routed-consumer-stack";
import { TenantProjectStack } from "./stacks/tenant-project-stack";
import { ProducerStack } from "./stacks/producer-stack";
import { TunnelsStack } from "./stacks/tunnels-stack";
import { WorkloadsStack } from "./stacks/workloads-stack";
import { BootstrapAwsStack } from "./stacks/bootstrap-aws-stack";
import { BootstrapGcpStack } from "./stacks/bootstrap-gcp-stack";
import { stacksByKind } from "./pipeline";

/**
 * Every stack of one environment, to add dependencies, aspects or
 * overrides to. The stack classes themselves are the app's internals (not
 * exported, free to change): only their `TerraformStack` side is API.
 */
export interface PscHybridStacks {
  /** `producer`: GCP producer project (VPC, HA VPN gateway, load balancer, service attachment). */
  readonly producer: TerraformStack;
  /** `aws`: the AWS VPC, the AWS end of the VPN, the backend. */
  readonly aws: TerraformStack;
  /** `tunnels`: GCP producer project (Cloud Router, external VPN gateway, tunnels, BGP sessions). */
  readonly tunnels: TerraformStack;
  /**
   * `consumer-<tenant>`, one per tenant in config order: a PSC tenant's VPC, GKE cluster, PSC endpoint, serverless paths and published Services' names;
   * a routed tenant's GKE cluster on its hub subnet and its published Services' addresses.
   */
  readonly consumers: readonly TerraformStack[];
  /** `project-<tenant>`, one per routed tenant in config order: the tenant project's APIs and number, before the hub. */
  readonly tenantProjects: readonly TerraformStack[];
  /** `hub-<tenant>`, one per routed tenant in config order: GCP producer (host) project: the tenant's subnet, Shared VPC attachment and roles, firewall rules. */
  readonly hubs: readonly TerraformStack[];
  /** `workloads-<tenant>`, one per tenant in config order: the Kubernetes objects in the tenant's cluster. */
  readonly workloads: readonly TerraformStack[];
}

/**
 * Adds every stack of one configuration to `scope` (an App). Deploy waves
 * follow the references: `producer` and `project-*`; then `aws`, PSC
 * tenants' `consumer-*` and `hub-*`; then `tunnels`, PSC tenants'
 * `workloads-*` and routed tenants' `consumer-*`; then routed tenants'
 * `workloads-*`.
 */
export function addStacks(scope: Construct, config: Config): PscHybridStacks {
  const producer = new ProducerStack(scope, "producer", config);
  const aws = new AwsStack(scope, "aws", config, { haVpnGateway: producer.haVpnGateway });
  const tunnels = new TunnelsStack(scope, "tunnels", config, {
    network: producer.network,
    haVpnGateway: producer.haVpnGateway,
    awsVpn: aws.vpn,
  });
  const consumers: TerraformStack[] = [];
  const tenantProjects: TerraformStack[] = [];
  const hubs: TerraformStack[] = [];
  const workloads: WorkloadsStack[] = [];
  for (const tenant of config.tenants) {
    if (tenant.kind === "psc") {
      const consumer = new ConsumerStack(scope, `consumer-${tenant.name}`, config, tenant, { serviceAttachment: producer.serviceAttachment });
      consumers.push(consumer);
      workloads.push(
        new WorkloadsStack(scope, `workloads-${tenant.name}`, config, tenant, { cluster: consumer.cluster, apiIp: consumer.pscEndpoint.ipAddress, published: consumer.publishedAddresses }),
      );
      continue;
    }
    // A routed tenant: its project's APIs, then the hub's share of it (host credentials), then its cluster (its own).
    const project = new TenantProjectStack(scope, `project-${tenant.name}`, config, tenant);
    const hub = new HubStack(scope, `hub-${tenant.name}`, config, tenant, { network: producer.network, host: producer.sharedVpcHost!, tenantProjectNumber: project.projectNumber });
    // Through the subnet, the cluster deploys after the whole hub stack: after the attachment and the roles it needs.
    const consumer = new RoutedConsumerStack(scope, `consumer-${tenant.name}`, config, tenant, { network: producer.network, subnet: hub.subnet });
    tenantProjects.push(project);
    hubs.push(hub);
    consumers.push(consumer);
    workloads.push(
      new WorkloadsStack(scope, `workloads-${tenant.name}`, config, tenant, {
        cluster: consumer.cluster,
        // The backend itself (apiTargetOf: a routed tenant's target is known from config).
        apiIp: apiTargetOf(config, tenant).ip!,
        published: consumer.publishedAddresses,
      }),
    );
  }
  // Secure defaults are checked on every resource: violations fail synth (see constructs/core/policy.ts).
  PolicyChecks.applyTo(scope);
  return { producer, aws, tunnels, consumers, tenantProjects, hubs, workloads };
}

/** The deploy pipeline's identity stacks, `bootstrap-gcp` and `bootstrap-aws`. */
export interface PipelineBootstrapStacks {
  /** GCP: the workload identity pool for GitHub Actions and one service account per kind of GCP stack. */
  readonly gcp: TerraformStack;
  /** AWS: the GitHub OIDC provider and the roles of the aws and tunnels deploy jobs. */
  readonly aws: TerraformStack;
}

/**
 * Adds the stacks that create the deploy workflow's identities (when the
 * config has `pipeline`): their roles are read off `stacks`, so they follow
 * the resources the other stacks make. Deployed by an administrator, never
 * by the workflow (README, CI/CD).
 */
export function addBootstrapStacks(scope: Construct, config: Config, stacks: PscHybridStacks): PipelineBootstrapStacks | undefined {
  if (config.pipeline === undefined) return undefined;
  return {
    gcp: new BootstrapGcpStack(scope, "bootstrap-gcp", config, stacksByKind(stacks)),
    aws: new BootstrapAwsStack(scope, "bootstrap-aws", config, stacks.aws),
  };
}
