import * as path from "path";
import { ReplacementRisk, replacementRisks } from "../../../lib/report/replacement";
import { readSnapshotStacks } from "../../../lib/report/baselines";
import { exampleWith, synthApp, TerraformJson } from "../../helpers";

// Replacement risks of a change, against the committed snapshots of the
// example: what a change replaces directly, what it replaces as a knock-on
// (cross-stack outputs, in-stack references, replace_triggered_by), and what
// it leaves behind.

type Stacks = Record<string, TerraformJson>;
const SNAPSHOTS = path.join(__dirname, "..", "..", "..", "__snapshots__", "example.test.ts.snap");
const baseline = readSnapshotStacks(SNAPSHOTS) as Stacks;

function synth(edit: (c: any) => void): Stacks {
  return Object.fromEntries(Object.entries(synthApp(exampleWith(edit)).byName).map(([name, s]) => [name, s.json]));
}

/** A copy of the baseline with `edit` applied: a change no config key makes (yet). */
function edited(edit: (stacks: Stacks) => void): Stacks {
  const copy = structuredClone(baseline) as any;
  edit(copy);
  return copy;
}

const of = (risks: ReplacementRisk[], kind: ReplacementRisk["kind"], stack?: string) => risks.filter((r) => r.kind === kind && (stack === undefined || r.stack === stack));
const types = (risks: ReplacementRisk[]) => risks.map((r) => r.address!.split(".")[0]).sort();
const idOf = (stacks: Stacks, stack: string, type: string, name: string) => Object.entries(stacks[stack].resource![type]).find(([, r]) => r.name === name)![0];

describe("knock-on of new tunnel inside CIDRs (vpn.insideCidrs)", () => {
  const current = synth((c) => (c.vpn.insideCidrs = ["169.254.30.0/30", "169.254.30.4/30", "169.254.30.8/30", "169.254.30.12/30"]));
  const risks = replacementRisks(baseline, current);

  test("the four inside CIDRs replace both AWS VPN connections", () => {
    expect(of(risks, "replaced").map((r) => [r.stack, /connection-\d/.exec(r.address!)![0], r.change.split(":")[0], r.before, r.after])).toEqual([
      ["aws", "connection-1", "tunnel1_inside_cidr changed", "169.254.10.0/30", "169.254.30.0/30"],
      ["aws", "connection-1", "tunnel2_inside_cidr changed", "169.254.10.4/30", "169.254.30.4/30"],
      ["aws", "connection-2", "tunnel1_inside_cidr changed", "169.254.10.8/30", "169.254.30.8/30"],
      ["aws", "connection-2", "tunnel2_inside_cidr changed", "169.254.10.12/30", "169.254.30.12/30"],
    ]);
  });

  test("the tunnels stack's external VPN gateway, tunnels, router interfaces and BGP peers are replaced with them, each with its reason", () => {
    const knockOn = of(risks, "knock-on");
    expect(knockOn.every((r) => r.stack === "tunnels")).toBe(true);
    expect(types(knockOn)).toEqual([
      "google_compute_external_vpn_gateway",
      ...Array(4).fill("google_compute_router_interface"),
      ...Array(4).fill("google_compute_router_peer"),
      ...Array(4).fill("google_compute_vpn_tunnel"),
    ]);
    const change = (type: string, name: string) => knockOn.find((r) => r.address === `${type}.${idOf(current, "tunnels", type, name)}`)?.change;
    expect(change("google_compute_external_vpn_gateway", "psc-aws")).toMatch(
      /^replaced because `aws_vpn_connection\.vpn_connection-1_[0-9A-F]+` \(aws\) is replaced: `interface` reads its `tunnel1_address` \(cross-stack output\)$/,
    );
    expect(change("google_compute_vpn_tunnel", "psc-aws-2-tunnel-2")).toMatch(/^replaced because `aws_vpn_connection\.vpn_connection-2_[0-9A-F]+` \(aws\) is replaced: `shared_secret` reads its `tunnel2_preshared_key`/);
    expect(change("google_compute_router_interface", "psc-aws-1-if-2")).toMatch(/`ip_range` reads its `tunnel2_cgw_inside_address`/);
  });

  test("a reference to a name that does not change forces nothing: without its trigger, a BGP peer that reads its interface's unchanged name stays", () => {
    // google_compute_router_peer.interface (ForceNew) is `${google_compute_router_interface.x.name}`:
    // the interface is replaced under the same name, so only the trigger replaces the peer.
    const withoutTrigger = (stacks: Stacks) => {
      const copy = structuredClone(stacks) as any;
      for (const peer of Object.values<any>(copy.tunnels.resource.google_compute_router_peer)) delete peer.lifecycle;
      return copy;
    };
    const peers = of(replacementRisks(withoutTrigger(baseline), withoutTrigger(current)), "knock-on").filter((r) => r.address!.startsWith("google_compute_router_peer."));
    expect(peers).toEqual([]);
  });

  test("each BGP peer is replaced with its router interface, through the replace_triggered_by VpnTunnelPair gives it", () => {
    // What the fix of terraform #29594 does (a peer left behind blocks the new interface).
    const peers = of(risks, "knock-on").filter((r) => r.address!.startsWith("google_compute_router_peer."));
    expect(peers).toHaveLength(4);
    expect(peers[0].change).toMatch(/^replaced because `google_compute_router_interface\.connection-1_interface-1_[0-9A-F]+` is replaced: `replace_triggered_by` names its `id`$/);
  });
});

describe("knock-on of replaced customer gateways (gcp.routerAsn)", () => {
  const current = synth((c) => (c.gcp.routerAsn = 65002));
  const risks = replacementRisks(baseline, current);

  test("in the stack, the VPN connections read the replaced gateways' ids; across stacks, the tunnels read the connections' new outside IPs and keys", () => {
    expect(types(of(risks, "replaced", "aws"))).toEqual(["aws_customer_gateway", "aws_customer_gateway"]);
    expect(of(risks, "knock-on", "aws").map((r) => r.change)).toEqual([
      expect.stringMatching(/^replaced because `aws_customer_gateway\.vpn_customer-gateway-1_[0-9A-F]+` is replaced: `customer_gateway_id` reads its `id` \(it has `prevent_destroy`/),
      expect.stringMatching(/^replaced because `aws_customer_gateway\.vpn_customer-gateway-2_[0-9A-F]+` is replaced: `customer_gateway_id` reads its `id`/),
    ]);
    expect(types(of(risks, "knock-on", "tunnels"))).toEqual(["google_compute_external_vpn_gateway", ...Array(4).fill("google_compute_vpn_tunnel")]);
  });

  test("the router interfaces stay: the replaced connections keep their configured inside CIDRs, so their inside addresses do not change", () => {
    expect(risks.filter((r) => r.address?.startsWith("google_compute_router_interface."))).toEqual([]);
  });
});

describe("knock-on through in-stack references and replace_triggered_by", () => {
  test("across three stacks: a replaced HA VPN gateway (producer) replaces the customer gateways (aws), the connections, and the tunnels", () => {
    const current = edited((s) => {
      const gateway = Object.values<any>(s.producer.resource!.google_compute_ha_vpn_gateway)[0];
      gateway.name = "psc-ha-vpn-2";
    });
    const risks = replacementRisks(baseline, current);
    expect(types(of(risks, "replaced", "producer"))).toEqual(["google_compute_ha_vpn_gateway"]);
    expect(of(risks, "knock-on", "aws").map((r) => r.change)).toEqual([
      expect.stringMatching(/^replaced because `google_compute_ha_vpn_gateway\.ha-vpn-gateway_[0-9A-F]+` \(producer\) is replaced: `ip_address` reads its `vpn_interfaces\[0\]\.ip_address` \(cross-stack output\)/),
      expect.stringMatching(/`ip_address` reads its `vpn_interfaces\[1\]\.ip_address`/),
      expect.stringMatching(/^replaced because `aws_customer_gateway\.vpn_customer-gateway-1_[0-9A-F]+` is replaced/),
      expect.stringMatching(/^replaced because `aws_customer_gateway\.vpn_customer-gateway-2_[0-9A-F]+` is replaced/),
    ]);
    expect(types(of(risks, "knock-on", "tunnels"))).toEqual(["google_compute_external_vpn_gateway", ...Array(4).fill("google_compute_vpn_tunnel")]);
  });

  test("a renamed router replaces what reads its name, and what reads theirs", () => {
    const current = edited((s) => (Object.values<any>(s.tunnels.resource!.google_compute_router)[0].name = "psc-router-2"));
    const risks = replacementRisks(baseline, current);
    expect(types(of(risks, "replaced"))).toEqual(["google_compute_router"]);
    expect(types(of(risks, "knock-on"))).toEqual([...Array(4).fill("google_compute_router_interface"), ...Array(4).fill("google_compute_router_peer"), ...Array(4).fill("google_compute_vpn_tunnel")]);
    expect(of(risks, "knock-on")[0].change).toMatch(/^replaced because `name` of `google_compute_router\.router_[0-9A-F]+` changes: `router` reads it$/);
  });

  describe("a new PSC endpoint IP (pscEndpointIp)", () => {
    const current = synth((c) => (c.tenants[0].pscEndpointIp = "10.0.20.50"));
    const address = Object.keys(current["consumer-team-a"].resource!.google_compute_address)[0];
    const withTrigger = (trigger: string) => {
      const copy = structuredClone(current) as any;
      Object.values<any>(copy["consumer-team-a"].resource.google_compute_forwarding_rule)[0].lifecycle = { replace_triggered_by: [trigger] };
      return replacementRisks(baseline, copy);
    };

    test("replaces the address, and the forwarding rule through the replace_triggered_by PscEndpoint gives it", () => {
      const risks = replacementRisks(baseline, current);
      expect(risks.map((r) => [r.kind, r.stack, r.address!.split(".")[0], r.before, r.after])).toEqual([
        ["replaced", "consumer-team-a", "google_compute_address", "(unset)", "10.0.20.50"],
        ["knock-on", "consumer-team-a", "google_compute_forwarding_rule", undefined, undefined],
      ]);
    });

    test("without that trigger, the provider keeps the forwarding rule that reads the address's id (google #16870)", () => {
      const copy = structuredClone(current) as any;
      delete Object.values<any>(copy["consumer-team-a"].resource.google_compute_forwarding_rule)[0].lifecycle;
      expect(replacementRisks(baseline, copy).map((r) => r.kind)).toEqual(["replaced"]);
    });

    test("replace_triggered_by naming the address, or its address attribute, replaces the forwarding rule too", () => {
      const fired = (trigger: string) => of(withTrigger(trigger), "knock-on").map((r) => [r.stack, r.address!.split(".")[0], r.change]);
      expect(fired(`\${google_compute_address.${address}}`)).toEqual([
        ["consumer-team-a", "google_compute_forwarding_rule", `replaced because \`google_compute_address.${address}\` is replaced: \`replace_triggered_by\` names it`],
      ]);
      expect(fired(`google_compute_address.${address}.address`)).toEqual([
        ["consumer-team-a", "google_compute_forwarding_rule", `replaced because \`address\` of \`google_compute_address.${address}\` changes: \`replace_triggered_by\` names it`],
      ]);
    });

    test("replace_triggered_by naming an attribute that does not change fires nothing", () => {
      expect(of(withTrigger(`google_compute_address.${address}.name`), "knock-on")).toEqual([]);
    });
  });
});

describe("what a change leaves alone, or behind", () => {
  test("a change that replaces nothing lists nothing (new route priorities update the BGP peers in place)", () => {
    const current = synth((c) => (c.vpn.routePriorities = [100, 100, 200, 200]));
    expect(JSON.stringify(current.tunnels)).not.toEqual(JSON.stringify(baseline.tunnels));
    expect(replacementRisks(baseline, current)).toEqual([]);
  });

  test("a removed tenant is one row per stack, with its resource count", () => {
    const current = synth((c) => (c.tenants = c.tenants.filter((t: any) => t.name !== "team-b")));
    const count = (stack: string) => Object.values(baseline[stack].resource!).reduce((n, byId) => n + Object.keys(byId).length, 0);
    expect(replacementRisks(baseline, current)).toEqual([
      {
        stack: "consumer-team-b",
        kind: "stack gone",
        resources: count("consumer-team-b"),
        change: `stack is gone from the app: ${count("consumer-team-b")} resources stay deployed, unmanaged, unless it is destroyed while the config still has it (the README's Removing a tenant)`,
      },
      { stack: "workloads-team-b", kind: "stack gone", resources: count("workloads-team-b"), change: expect.stringMatching(/^stack is gone from the app: \d+ resources stay deployed/) },
    ]);
    expect(count("consumer-team-b") + count("workloads-team-b")).toBe(21);
  });

  test("a resource carried to a new id by a moved block (cdktf moveFromId) is not destroyed; its replacing attributes still count", () => {
    const move = (s: Stacks, name: string) => {
      const byId = s["consumer-team-c"].resource!.google_compute_address;
      const id = Object.keys(byId)[0];
      byId["renamed"] = { ...byId[id], name };
      delete byId[id];
      (s["consumer-team-c"] as any).moved = [{ from: `google_compute_address.${id}`, to: "google_compute_address.renamed" }];
    };
    expect(replacementRisks(baseline, edited((s) => move(s, "psc-team-c-svc-orders")))).toEqual([]);
    expect(replacementRisks(baseline, edited((s) => move(s, "psc-team-c-svc-other")))).toEqual([
      expect.objectContaining({ stack: "consumer-team-c", kind: "replaced", address: expect.stringMatching(/^google_compute_address\.published-orders_address_/), change: expect.stringMatching(/^name changed/) }),
    ]);
    // Without the moved block, the same rename is a destroy.
    const unmoved = edited((s) => {
      move(s, "psc-team-c-svc-orders");
      delete (s["consumer-team-c"] as any).moved;
    });
    expect(of(replacementRisks(baseline, unmoved), "destroyed")).toEqual([expect.objectContaining({ stack: "consumer-team-c", address: expect.stringMatching(/^google_compute_address\.published-orders_address_/) })]);
  });

  test("a resource removed from a stack that stays is a row of its own", () => {
    const current = edited((s) => delete s.tunnels.resource!.google_compute_router_peer[Object.keys(s.tunnels.resource!.google_compute_router_peer)[0]]);
    expect(replacementRisks(baseline, current)).toEqual([
      { stack: "tunnels", kind: "destroyed", address: expect.stringMatching(/^google_compute_router_peer\.connection-1_peer-1_/), change: "destroyed (removed, or its construct id changed)" },
    ]);
  });
});

// The replacing-attribute table's entries for the load balancer and the PSC endpoint, as `address: change (before -> after)`.
const risksIn = (stack: string, current: Stacks, before: Stacks = baseline) =>
  replacementRisks(before, current)
    .filter((r) => r.stack === stack)
    .map((r) => `${r.address!.replace(/_[0-9A-F]{8}$/, "")}: ${r.change} (${r.before} -> ${r.after})`);

describe("replacement risks of the load balancer and the PSC endpoint", () => {
  test("a new backend address or port replaces the hybrid NEG (its name carries the endpoints)", () => {
    // GIVEN the example WHEN the backend's port, or its address, changes THEN the NEG is named as replaced
    const port = synth((c) => (c.aws.backend.port = 8080));
    expect(risksIn("producer", port)).toContain("google_compute_network_endpoint_group.load-balancer_neg: name changed: replaces the resource (psc-aws-api-neg-6d2836 -> psc-aws-api-neg-403fff)");
    const ip = synth((c) => (c.aws.backend.privateIp = "10.0.20.11"));
    expect(risksIn("producer", ip)).toEqual([expect.stringMatching(/^google_compute_network_endpoint_group\.load-balancer_neg: name changed: replaces the resource \(psc-aws-api-neg-6d2836 -> psc-aws-api-neg-[0-9a-f]{6}\)$/)]);
  });

  test("a new PSC endpoint address is a replaced address (the endpoint's forwarding rule goes with it)", () => {
    const fixed = synth((c) => (c.tenants[0].pscEndpointIp = "10.0.20.50"));
    const moved = synth((c) => (c.tenants[0].pscEndpointIp = "10.0.20.60"));
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
