import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { Config } from "./config/schema";
import { PolicyChecks } from "../constructs/core/policy";
import { AwsStack } from "./stacks/aws-stack";
import { ConsumerStack } from "./stacks/consumer-stack";
import { ProducerStack } from "./stacks/producer-stack";
import { TunnelsStack } from "./stacks/tunnels-stack";
import { WorkloadsStack } from "./stacks/workloads-stack";

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
  /** `consumer-<tenant>`, one per tenant in config order: the tenant's VPC, GKE cluster and PSC endpoint. */
  readonly consumers: readonly TerraformStack[];
  /** `workloads-<tenant>`, one per tenant in config order: the Kubernetes objects in the tenant's cluster. */
  readonly workloads: readonly TerraformStack[];
}

/**
 * Adds the five kinds of stack for one configuration to `scope` (an App).
 * Deploy waves follow the references: `producer`; then `aws` and
 * `consumer-*`; then `tunnels` and `workloads-*`.
 */
export function addStacks(scope: Construct, config: Config): PscHybridStacks {
  const producer = new ProducerStack(scope, "producer", config);
  const aws = new AwsStack(scope, "aws", config, { haVpnGateway: producer.haVpnGateway });
  const tunnels = new TunnelsStack(scope, "tunnels", config, {
    network: producer.network,
    haVpnGateway: producer.haVpnGateway,
    awsVpn: aws.vpn,
  });
  const consumers: ConsumerStack[] = [];
  const workloads: WorkloadsStack[] = [];
  for (const tenant of config.tenants) {
    const consumer = new ConsumerStack(scope, `consumer-${tenant.name}`, config, tenant, {
      serviceAttachment: producer.serviceAttachment,
    });
    consumers.push(consumer);
    workloads.push(
      new WorkloadsStack(scope, `workloads-${tenant.name}`, config, tenant, {
        cluster: consumer.cluster,
        pscEndpoint: consumer.pscEndpoint,
      }),
    );
  }
  // Secure defaults are checked on every resource: violations fail synth (see constructs/core/policy.ts).
  PolicyChecks.applyTo(scope);
  return { producer, aws, tunnels, consumers, workloads };
}
