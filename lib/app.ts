import { Construct } from "constructs";
import { Config } from "./config/schema";
import { PolicyChecks } from "../constructs/core/policy";
import { AwsStack } from "./stacks/aws-stack";
import { ConsumerStack } from "./stacks/consumer-stack";
import { ProducerStack } from "./stacks/producer-stack";
import { TunnelsStack } from "./stacks/tunnels-stack";
import { WorkloadsStack } from "./stacks/workloads-stack";

/** Every stack of one environment. */
export interface PscHybridStacks {
  readonly producer: ProducerStack;
  readonly aws: AwsStack;
  readonly tunnels: TunnelsStack;
  readonly consumers: readonly ConsumerStack[];
  readonly workloads: readonly WorkloadsStack[];
}

/**
 * Adds the five kinds of stack for one configuration to `scope` (an App).
 * Deploy waves follow the references: producer -> aws + consumer-* ->
 * tunnels + workloads-*.
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
  // Secure defaults are checked on every resource: violations fail synth (see lib/policy.ts).
  PolicyChecks.applyTo(scope);
  return { producer, aws, tunnels, consumers, workloads };
}
