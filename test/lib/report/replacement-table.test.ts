import { replacementRisks } from "../../../lib/report/replacement";
import { exampleConfig, exampleWith, synthApp } from "../../helpers";

// The replacing-attribute table: the changes that replace live resources,
// found by comparing synthesized stacks with a baseline.

type Stacks = Parameters<typeof replacementRisks>[0];
const stacksOf = (config = exampleConfig()): Stacks => Object.fromEntries(Object.entries(synthApp(config).byName).map(([name, s]) => [name, structuredClone(s.json) as Stacks[string]]));
const baseline = stacksOf();
/** The risks of one stack, as `address: change (before -> after)`. */
const risksIn = (stack: string, current: Stacks, before: Stacks = baseline) =>
  replacementRisks(before, current)
    .filter((r) => r.stack === stack)
    .map((r) => `${r.address!.replace(/_[0-9A-F]{8}$/, "")}: ${r.change} (${r.before} -> ${r.after})`);

describe("replacement risks of the load balancer and the PSC endpoint", () => {
  test("a new backend address or port replaces the hybrid NEG (its name carries the endpoints)", () => {
    // GIVEN the example WHEN the backend's port, or its address, changes THEN the NEG is named as replaced
    const port = stacksOf(exampleWith((c) => (c.aws.backend.port = 8080)));
    expect(risksIn("producer", port)).toContain("google_compute_network_endpoint_group.load-balancer_neg: name changed: replaces the resource (psc-aws-api-neg-6d2836 -> psc-aws-api-neg-403fff)");
    const ip = stacksOf(exampleWith((c) => (c.aws.backend.privateIp = "10.0.20.11")));
    expect(risksIn("producer", ip)).toEqual([expect.stringMatching(/^google_compute_network_endpoint_group\.load-balancer_neg: name changed: replaces the resource \(psc-aws-api-neg-6d2836 -> psc-aws-api-neg-[0-9a-f]{6}\)$/)]);
  });

  test("a new PSC endpoint address is a replaced address (the endpoint's forwarding rule goes with it)", () => {
    const fixed = stacksOf(exampleWith((c) => (c.tenants[0].pscEndpointIp = "10.0.20.50")));
    const moved = stacksOf(exampleWith((c) => (c.tenants[0].pscEndpointIp = "10.0.20.60")));
    expect(risksIn("consumer-team-a", moved, fixed)).toEqual([
      "google_compute_address.psc-endpoint_address: address changed: replaces the resource (10.0.20.50 -> 10.0.20.60)",
      "google_compute_forwarding_rule.psc-endpoint_forwarding-rule: replaced because `google_compute_address.psc-endpoint_address_6E521195` is replaced: `replace_triggered_by` names its `id` (undefined -> undefined)",
    ]);
  });

  test("global access changed on the load balancer's forwarding rule is a replacement (the API refuses the update)", () => {
    // GIVEN a producer deployed before global access was on WHEN it is on now THEN the report names the forwarding rule
    const before = structuredClone(baseline);
    for (const rule of Object.values(before.producer.resource!.google_compute_forwarding_rule)) delete rule.allow_global_access;
    // ... and with it the service attachment that targets it, and so every consumer's connection.
    expect(risksIn("producer", baseline, before)).toEqual([
      "google_compute_forwarding_rule.load-balancer_forwarding-rule: allow_global_access changed: replaces the resource ((unset) -> true)",
      "google_compute_service_attachment.service-attachment: replaced because `google_compute_forwarding_rule.load-balancer_forwarding-rule_64D0ABAB` is replaced: `target_service` reads its `id` (undefined -> undefined)",
    ]);
  });
});
