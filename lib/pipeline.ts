import { TerraformStack } from "cdktf";
import { PscHybridStacks } from "./app";

/**
 * The kinds of stack, as the deploy workflow deploys them: one cdktf stack
 * pattern and one deploy identity per kind, each kind in one cloud.
 */
export const STACK_KINDS = {
  producer: { cloud: "gcp", pattern: "producer" },
  aws: { cloud: "aws", pattern: "aws" },
  tunnels: { cloud: "gcp", pattern: "tunnels" },
  consumer: { cloud: "gcp", pattern: "consumer-*" },
  project: { cloud: "gcp", pattern: "project-*" },
  hub: { cloud: "gcp", pattern: "hub-*" },
  workloads: { cloud: "gcp", pattern: "workloads-*" },
} as const;

export type StackKind = keyof typeof STACK_KINDS;

/** The stacks of each kind the app made (a kind may have none: no routed tenant, no hub). */
export function stacksByKind(stacks: PscHybridStacks): Record<StackKind, readonly TerraformStack[]> {
  return {
    producer: [stacks.producer],
    aws: [stacks.aws],
    tunnels: [stacks.tunnels],
    consumer: stacks.consumers,
    project: stacks.tenantProjects,
    hub: stacks.hubs,
    workloads: stacks.workloads,
  };
}

/** The kind of a stack, from its name (`consumer-team-a` is a consumer); undefined for stacks of no kind (bootstrap). */
export function kindOfStack(name: string): StackKind | undefined {
  return (Object.keys(STACK_KINDS) as StackKind[]).find((k) => {
    const pattern = STACK_KINDS[k].pattern;
    return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
  });
}
