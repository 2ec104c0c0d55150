import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { PolicyChecks } from "../../../constructs/core/policy";
import { GkeLoadBalancerFirewall, GkeLoadBalancerFirewallProps } from "../../../constructs/gcp/gke-load-balancer-firewall";
import { network, synth } from "../support";

describe("GkeLoadBalancerFirewall", () => {
  const base = { name: "team-a-lb", nodesCidr: "10.0.10.0/24", clients: ["10.20.0.0/16"], ports: [443, 8443] };
  /** The health-check rule and the clients rule of the synthesized text. */
  const pair = (text: string) => {
    const all = Object.values<any>(JSON.parse(text).resource.google_compute_firewall);
    return [all.find((r) => r.name.endsWith("-health-checks")), all.find((r) => r.name.endsWith("-clients"))];
  };
  const rules = (props: Partial<GkeLoadBalancerFirewallProps> = {}) => pair(synth((s) => new GkeLoadBalancerFirewall(s, "fw", { network: network(s), ...base, ...props })));

  test("health checks from Google's probe ranges to kube-proxy's port, and the clients to the Services' ports, on the nodes only", () => {
    // GIVEN a node range, a client range and two ports WHEN the rules are made THEN each opens only the node range
    const [healthChecks, clients] = rules({ project: "hub-project" });
    expect(healthChecks).toMatchObject({
      name: "team-a-lb-health-checks",
      project: "hub-project",
      network: "${google_compute_network.net.id}",
      direction: "INGRESS",
      source_ranges: ["35.191.0.0/16", "130.211.0.0/22"],
      destination_ranges: ["10.0.10.0/24"],
      allow: [{ protocol: "tcp", ports: ["10256"] }],
      log_config: { metadata: "INCLUDE_ALL_METADATA" },
    });
    expect(clients).toMatchObject({
      name: "team-a-lb-clients",
      direction: "INGRESS",
      source_ranges: ["10.20.0.0/16"],
      destination_ranges: ["10.0.10.0/24"],
      allow: [{ protocol: "tcp", ports: ["443", "8443"] }],
      log_config: { metadata: "INCLUDE_ALL_METADATA" },
    });
    expect([healthChecks.description, clients.description]).toEqual([expect.stringMatching(/health checks.*Shared VPC owner/), expect.stringMatching(/Clients.*Shared VPC owner/)]);
    expect(healthChecks.target_tags).toBeUndefined();
  });

  test("another health check port replaces kube-proxy's", () => {
    expect(rules({ healthCheckPort: 8080 })[0].allow).toEqual([{ protocol: "tcp", ports: ["8080"] }]);
  });

  test("the policy checks accept the rules: Google's probe ranges are not the whole internet", () => {
    // GIVEN the rules in a stack WHEN the policy verifies it THEN nothing is reported, nothing suppressed
    const stack = new TerraformStack(Testing.app(), "hub");
    new GkeLoadBalancerFirewall(stack, "fw", { network: network(stack), ...base });
    expect(PolicyChecks.verify(stack)).toEqual([]);
  });

  test("tokens pass validation: ranges and ports known at apply time", () => {
    const [healthChecks, clients] = pair(
      synth((s) => {
        const v = (id: string, type: string) => new TerraformVariable(s, id, { type });
        new GkeLoadBalancerFirewall(s, "fw", { network: network(s), name: "team-a-lb", nodesCidr: v("nodes", "string").stringValue, clients: [v("client", "string").stringValue], ports: [v("port", "number").numberValue], healthCheckPort: v("hc", "number").numberValue });
      }),
    );
    expect([healthChecks.destination_ranges, healthChecks.allow[0].ports]).toEqual([["${var.nodes}"], ["${var.hc}"]]);
    expect([clients.source_ranges, clients.allow[0].ports]).toEqual([["${var.client}"], ["${var.port}"]]);
  });

  test("fails when a client is the whole internet or public, or none is given", () => {
    expect(() => rules({ clients: ["0.0.0.0/0"] })).toThrow(/clients\[0\]: must be a private range: .*got "0\.0\.0\.0\/0"/);
    expect(() => rules({ clients: ["8.8.8.0/24"] })).toThrow(/clients\[0\]: must be a private range: .*got "8\.8\.8\.0\/24"/);
    expect(() => rules({ clients: [] })).toThrow(/clients: must list at least one source range allowed to reach the Services, got a list of 0/);
  });

  test("fails when the node range is not a private block", () => {
    expect(() => rules({ nodesCidr: "10.0.10.1/24" })).toThrow(/nodesCidr: must have its host bits zero, got "10\.0\.10\.1\/24"\. Fix: write 10\.0\.10\.0\/24/);
    expect(() => rules({ nodesCidr: "34.0.0.0/24" })).toThrow(/nodesCidr: must be a private range/);
  });

  test("fails when no port is given, or a port is out of range or repeated, listing every problem", () => {
    expect(() => rules({ ports: [] })).toThrow(/ports: must list at least one port a Service listens on, got a list of 0/);
    const build = () => rules({ ports: [0, 443, 443], healthCheckPort: 70000 });
    expect(build).toThrow(/ports\[0\]: must be a port, 1-65535, got 0/);
    expect(build).toThrow(/ports\[2\]: must be unique \(also ports\[1\]\), got 443/);
    expect(build).toThrow(/healthCheckPort: must be a port, 1-65535, got 70000/);
  });

  test("fails when the name leaves no room for '-health-checks'", () => {
    expect(() => rules({ name: "a".repeat(50) })).toThrow(/name: must be at most 49 characters to leave room for '-health-checks' \(50 given\)/);
  });
});
