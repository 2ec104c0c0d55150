import * as fs from "fs";
import * as path from "path";
import { ReplacementRisk, replacementRisks } from "../../../lib/report/replacement";
import { existingVpcAndBackend } from "../../helpers";
import { baseline, edited, idOf, of, risksIn, Stacks, summary, synth, types } from "./support";

// Replacement risks of config changes, each synthesized and compared with the
// committed snapshots of the example: the README's table of replacing changes,
// knock-ons through cross-stack outputs, and what a change leaves behind.

describe("knock-on of new tunnel inside CIDRs (vpn.insideCidrs)", () => {
  let current: Stacks;
  let risks: ReplacementRisk[];
  beforeAll(() => {
    current = synth((c) => (c.vpn.insideCidrs = ["169.254.30.0/30", "169.254.30.4/30", "169.254.30.8/30", "169.254.30.12/30"]));
    risks = replacementRisks(baseline, current);
  });

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

describe("replaced customer gateways (gcp.routerAsn)", () => {
  test("replace only the gateways: the VPN connections move to the new ones in place (ModifyVpnConnection), so nothing on GCP is replaced", () => {
    const risks = replacementRisks(baseline, synth((c) => (c.gcp.routerAsn = 65002)));
    expect(risks.map((r) => [r.kind, r.stack, r.address!.split(".")[0], r.before, r.after])).toEqual([
      ["replaced", "aws", "aws_customer_gateway", "65000", "65002"],
      ["replaced", "aws", "aws_customer_gateway", "65000", "65002"],
    ]);
  });
});

describe("a new PSC endpoint IP (pscEndpointIp)", () => {
  let current: Stacks;
  let address: string;
  beforeAll(() => {
    current = synth((c) => (c.tenants[0].pscEndpointIp = "10.0.20.50"));
    address = Object.keys(current["consumer-team-a"].resource!.google_compute_address)[0];
  });
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

describe("what a config change leaves alone, or behind", () => {
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
});


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
});

describe("every change the README lists as replacing live resources, as the report lists it", () => {
  // Keyed by the README table's first column (README.md, "Changes that replace live resources").
  const cases: Record<string, Array<[before: () => Stacks, after: () => Stacks, expected: string[]]>> = {
    "AWS tunnel inside CIDR (`vpn.insideCidrs`)": [
      [
        () => baseline,
        () => synth((c) => (c.vpn.insideCidrs = ["169.254.30.0/30", "169.254.30.4/30", "169.254.30.8/30", "169.254.30.12/30"])),
        [
          "replaced aws aws_vpn_connection x2",
          "knock-on tunnels google_compute_external_vpn_gateway",
          "knock-on tunnels google_compute_router_interface x4",
          "knock-on tunnels google_compute_router_peer x4",
          "knock-on tunnels google_compute_vpn_tunnel x4",
        ],
      ],
    ],
    "new AWS customer gateways (`gcp.routerAsn`, or new HA VPN gateway IPs)": [[() => baseline, () => synth((c) => (c.gcp.routerAsn = 65002)), ["replaced aws aws_customer_gateway x2"]]],
    "router interface range": [
      [() => baseline, () => edited((s) => (Object.values<any>(s.tunnels.resource!.google_compute_router_interface)[0].ip_range = "169.254.99.1/30")), ["replaced tunnels google_compute_router_interface", "knock-on tunnels google_compute_router_peer"]],
    ],
    "HA VPN gateway (network, region, name)": [
      [
        () => baseline,
        () => edited((s) => (Object.values<any>(s.producer.resource!.google_compute_ha_vpn_gateway)[0].name = "psc-ha-vpn-2")),
        [
          "replaced producer google_compute_ha_vpn_gateway",
          "knock-on aws aws_customer_gateway x2",
          "knock-on tunnels google_compute_vpn_tunnel x4",
        ],
      ],
    ],
    "service attachment target (load balancer forwarding rule)": [
      [() => baseline, () => edited((s) => (Object.values<any>(s.producer.resource!.google_compute_service_attachment)[0].target_service = "${google_compute_forwarding_rule.other.id}")), ["replaced producer google_compute_service_attachment"]],
    ],
    "`service.port`, the load balancer's address": [
      [() => baseline, () => synth((c) => (c.service.port = 8080)), ["replaced producer google_compute_forwarding_rule", "knock-on producer google_compute_service_attachment"]],
      [
        () => baseline,
        () => edited((s) => (Object.values<any>(s.producer.resource!.google_compute_address)[0].address = "10.10.20.99")),
        ["replaced producer google_compute_address", "knock-on producer google_compute_forwarding_rule", "knock-on producer google_compute_service_attachment"],
      ],
    ],
    "load balancer global access (on from the start)": [
      [
        () => edited((s) => Object.values(s.producer.resource!.google_compute_forwarding_rule).forEach((rule) => delete rule.allow_global_access)),
        () => baseline,
        ["replaced producer google_compute_forwarding_rule", "knock-on producer google_compute_service_attachment"],
      ],
    ],
    "a tenant's `pscEndpointIp`": [[() => baseline, () => synth((c) => (c.tenants[0].pscEndpointIp = "10.0.20.50")), ["replaced consumer-team-a google_compute_address", "knock-on consumer-team-a google_compute_forwarding_rule"]]],
    "backend address or port (`aws.backend.privateIp`, `aws.backend.port`)": [
      [() => baseline, () => synth((c) => (c.aws.backend.privateIp = "10.0.20.11")), ["replaced aws aws_instance", "replaced producer google_compute_network_endpoint_group"]],
      [() => baseline, () => synth((c) => (c.aws.backend.port = 8080)), ["replaced producer google_compute_network_endpoint_group"]],
    ],
    "`aws.existingVpc` added or removed": [
      [
        () => baseline,
        () => synth(existingVpcAndBackend("vgw")),
        [
          "destroyed aws aws_iam_instance_profile",
          "destroyed aws aws_iam_role",
          "destroyed aws aws_iam_role_policy",
          "destroyed aws aws_instance",
          "destroyed aws aws_launch_template",
          "destroyed aws aws_route_table x2",
          "destroyed aws aws_route_table_association x2",
          "destroyed aws aws_security_group x2",
          "destroyed aws aws_subnet x2",
          "destroyed aws aws_vpc",
          "destroyed aws aws_vpc_endpoint x3",
          "destroyed aws aws_vpc_security_group_egress_rule",
          "destroyed aws aws_vpc_security_group_ingress_rule",
          "replaced aws aws_vpn_gateway_route_propagation x2",
        ],
      ],
    ],
    "`aws.backend` demo instance <-> `existing`": [
      [
        () => baseline,
        () => synth((c) => (c.aws.backend = { privateIp: c.aws.backend.privateIp, port: c.aws.backend.port, existing: { securityGroupId: "sg-0123456789abcdef0" } })),
        [
          "destroyed aws aws_iam_instance_profile",
          "destroyed aws aws_iam_role",
          "destroyed aws aws_iam_role_policy",
          "destroyed aws aws_instance",
          "destroyed aws aws_launch_template",
          "destroyed aws aws_security_group x2",
          "destroyed aws aws_vpc_endpoint x3",
          "destroyed aws aws_vpc_security_group_egress_rule",
          "destroyed aws aws_vpc_security_group_ingress_rule",
        ],
      ],
    ],
    "AWS termination (`vgw` <-> `tgw`)": [
      [() => baseline, () => synth((c) => (c.aws.termination = "tgw")), ["destroyed aws aws_vpn_gateway", "destroyed aws aws_vpn_gateway_route_propagation x2"]],
      [
        () => synth((c) => (c.aws.termination = "tgw")),
        () => baseline,
        [
          "destroyed aws aws_ec2_transit_gateway",
          "destroyed aws aws_ec2_transit_gateway_route_table",
          "destroyed aws aws_ec2_transit_gateway_route_table_association x3",
          "destroyed aws aws_ec2_transit_gateway_route_table_propagation x3",
          "destroyed aws aws_ec2_transit_gateway_vpc_attachment",
          "destroyed aws aws_route x12",
        ],
      ],
    ],
  };

  test("the README's table lists exactly these changes", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");
    const section = readme.split("### Changes that replace live resources")[1].split("\n## ")[0];
    const rows = section.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| change |"));
    expect(rows.map((row) => row.split(" | ")[0].slice(2))).toEqual(Object.keys(cases));
  });

  test.each(Object.entries(cases).flatMap(([change, runs]) => runs.map((run, i) => [runs.length > 1 ? `${change} (${i + 1})` : change, ...run] as const)))("%s", (_change, before, after, expected) => {
    expect(summary(replacementRisks(before(), after()))).toEqual(expected);
  });
});

describe("resources removed or renamed inside a stack that stays", () => {
  const rows = (current: Stacks) => replacementRisks(baseline, current).map((r) => `${r.kind} ${r.stack} ${r.address!.replace(/_[0-9A-F]{8}$/, "")}`);

  test("a routed tenant's last published service removed: its address, its hub firewall rules and its Service are destroyed, in stacks that stay", () => {
    expect(rows(synth((c) => (c.tenants[2].publishedServices = [])))).toEqual([
      "destroyed consumer-team-c google_compute_address.published-orders_address",
      "destroyed hub-team-c google_compute_firewall.published-services-firewall_clients",
      "destroyed hub-team-c google_compute_firewall.published-services-firewall_health-checks",
      "destroyed workloads-team-c kubernetes_service_v1.published-orders_service",
    ]);
  });

  test("a renamed published service: the old name's address and Service are destroyed, the new name's are created beside them", () => {
    const current = synth((c) => (c.tenants[2].publishedServices[0].name = "billing"));
    expect(rows(current)).toEqual(["destroyed consumer-team-c google_compute_address.published-orders_address", "destroyed workloads-team-c kubernetes_service_v1.published-orders_service"]);
    expect(Object.keys(current["consumer-team-c"].resource!.google_compute_address)).toEqual([expect.stringMatching(/^published-billing_address_/)]);
  });
});
