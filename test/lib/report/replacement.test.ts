import { REPLACING_ATTRIBUTES, replacementRisks } from "../../../lib/report/replacement";
import { baseline, edited, of, risksIn, Stacks, summary, tgwAwsSnapshot, types } from "./support";

// Replacement detection on edited copies of the example's committed
// snapshots: every replacing attribute of the table, knock-ons through
// in-stack references, cross-stack outputs and replace_triggered_by, moved
// blocks and removed resources. (Config changes, synthesized: replacement-configs.test.ts.)

describe("knock-on through in-stack references and replace_triggered_by", () => {
  test("across three stacks: a replaced HA VPN gateway (producer) replaces the customer gateways that read its new IPs (aws), and every tunnel on it (tunnels); the VPN connections move to the new customer gateways in place", () => {
    const current = edited((s) => {
      const gateway = Object.values<any>(s.producer.resource!.google_compute_ha_vpn_gateway)[0];
      gateway.name = "psc-ha-vpn-2";
    });
    const risks = replacementRisks(baseline, current);
    expect(types(of(risks, "replaced", "producer"))).toEqual(["google_compute_ha_vpn_gateway"]);
    expect(of(risks, "knock-on", "aws").map((r) => r.change)).toEqual([
      expect.stringMatching(/^replaced because `google_compute_ha_vpn_gateway\.ha-vpn-gateway_[0-9A-F]+` \(producer\) is replaced: `ip_address` reads its `vpn_interfaces\[0\]\.ip_address` \(cross-stack output\)$/),
      expect.stringMatching(/`ip_address` reads its `vpn_interfaces\[1\]\.ip_address`/),
    ]);
    expect(of(risks, "knock-on", "tunnels").map((r) => r.change)).toEqual(
      Array(4).fill(expect.stringMatching(/^replaced because `google_compute_ha_vpn_gateway\.ha-vpn-gateway_[0-9A-F]+` \(producer\) is replaced: `vpn_gateway` reads its `id` \(cross-stack output\)$/)),
    );
  });


  test("a renamed router replaces what reads its name, and what reads theirs", () => {
    const current = edited((s) => (Object.values<any>(s.tunnels.resource!.google_compute_router)[0].name = "psc-router-2"));
    const risks = replacementRisks(baseline, current);
    expect(types(of(risks, "replaced"))).toEqual(["google_compute_router"]);
    expect(types(of(risks, "knock-on"))).toEqual([...Array(4).fill("google_compute_router_interface"), ...Array(4).fill("google_compute_router_peer"), ...Array(4).fill("google_compute_vpn_tunnel")]);
    expect(of(risks, "knock-on")[0].change).toMatch(/^replaced because `name` of `google_compute_router\.router_[0-9A-F]+` changes: `router` reads it$/);
  });
});

describe("knock-on across stacks, on edited snapshots", () => {
  test("a customer gateway's new ASN replaces only the gateway: its connection moves to the new one in place (ModifyVpnConnection), keeping outside IPs and keys, so nothing on GCP is replaced", () => {
    const current = edited((s) => (Object.values<any>(s.aws.resource!.aws_customer_gateway)[0].bgp_asn = "65002"));
    expect(summary(replacementRisks(baseline, current))).toEqual(["replaced aws aws_customer_gateway"]);
  });


  test("a connection's new inside CIDR: its tunnel's router interface (it reads the inside address) and BGP peer are replaced too", () => {
    const current = edited((s) => (Object.values<any>(s.aws.resource!.aws_vpn_connection)[0].tunnel1_inside_cidr = "169.254.30.0/30"));
    expect(summary(replacementRisks(baseline, current))).toEqual([
      "replaced aws aws_vpn_connection",
      "knock-on tunnels google_compute_external_vpn_gateway",
      "knock-on tunnels google_compute_router_interface",
      "knock-on tunnels google_compute_router_peer",
      "knock-on tunnels google_compute_vpn_tunnel x4",
    ]);
  });
});

describe("what an edit leaves alone, or behind", () => {
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

describe("global access on the load balancer", () => {
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

describe("the replacing attributes", () => {
  test("are the attributes google 6.x and aws 5.x force a new resource for (ForceNew), and only those: a change to the table is a change to what reviewers are warned about", () => {
    // Written out here, not read from the table: an entry dropped or mistyped there fails this test.
    expect(REPLACING_ATTRIBUTES).toEqual({
      google_compute_network: ["name", "auto_create_subnetworks"],
      google_compute_subnetwork: ["name", "network", "region", "purpose"],
      google_compute_ha_vpn_gateway: ["name", "network", "region", "stack_type"],
      google_compute_external_vpn_gateway: ["name", "interface", "redundancy_type"],
      google_compute_vpn_tunnel: ["name", "shared_secret", "vpn_gateway", "vpn_gateway_interface", "peer_external_gateway", "peer_external_gateway_interface", "ike_version", "router"],
      google_compute_router: ["name", "network", "region"],
      google_compute_router_interface: ["name", "router", "ip_range", "vpn_tunnel"],
      google_compute_router_peer: ["name", "router", "interface"],
      google_compute_service_attachment: ["name", "region", "target_service"],
      google_compute_forwarding_rule: ["name", "region", "ip_address", "load_balancing_scheme", "network", "subnetwork", "port_range", "ip_protocol", "allow_global_access"],
      google_compute_address: ["name", "region", "address", "address_type", "subnetwork"],
      google_compute_network_endpoint_group: ["name", "zone", "network", "network_endpoint_type", "default_port"],
      google_container_cluster: ["name", "location", "network", "subnetwork", "enable_autopilot", "ip_allocation_policy", "private_cluster_config.enable_private_nodes", "private_cluster_config.master_ipv4_cidr_block"],
      google_dns_managed_zone: ["name", "dns_name", "visibility"],
      aws_vpc: ["cidr_block"],
      aws_subnet: ["vpc_id", "cidr_block", "availability_zone"],
      aws_customer_gateway: ["ip_address", "bgp_asn", "bgp_asn_extended", "type"],
      aws_vpn_gateway: ["amazon_side_asn"],
      aws_vpn_connection: ["type", "tunnel1_inside_cidr", "tunnel2_inside_cidr"],
      aws_vpn_gateway_route_propagation: ["vpn_gateway_id", "route_table_id"],
      aws_instance: ["subnet_id", "private_ip", "launch_template"],
      aws_ec2_transit_gateway_vpc_attachment: ["transit_gateway_id", "vpc_id"],
    });
  });
});

describe("every replacing attribute the report knows, on the resource that has it", () => {
  // The example's stacks, with the transit-gateway variant's aws stack (its committed snapshot) for the types only it makes.
  const pool: Stacks = { ...baseline, "tgw-aws": tgwAwsSnapshot() };
  const firstOf = (type: string): [string, string] | undefined => {
    for (const [stack, json] of Object.entries(pool)) {
      const id = Object.keys(json.resource?.[type] ?? {})[0];
      if (id !== undefined) return [stack, id];
    }
    return undefined;
  };
  const get = (resource: any, dotted: string) => dotted.split(".").reduce((v, k) => v?.[k], resource);
  const set = (resource: any, dotted: string, value: unknown) => {
    const keys = dotted.split(".");
    const parent = keys.slice(0, -1).reduce((v, k) => (v[k] ??= {}), resource);
    parent[keys[keys.length - 1]] = value;
  };
  /** Another value of the same kind: what an edit of the config would make. */
  const other = (value: unknown): unknown =>
    typeof value === "string" ? `${value}-2` : typeof value === "number" ? value + 1 : typeof value === "boolean" ? !value : value === undefined ? "set" : { ...(value as object), changed: true };
  const shown = (value: unknown) => (value === undefined ? "(unset)" : typeof value === "string" ? value : JSON.stringify(value));
  const rows = Object.entries(REPLACING_ATTRIBUTES).flatMap(([type, attributes]) => attributes.map((attribute) => [type, attribute] as const));

  test("every type in the table has a resource to change", () => {
    expect(Object.keys(REPLACING_ATTRIBUTES).filter((type) => firstOf(type) === undefined)).toEqual([]);
  });

  test.each(rows)("%s.%s changed is listed as replacing its resource", (type, attribute) => {
    // The stack that holds it, alone: what changes in it, and nothing else, is listed.
    const [stack, id] = firstOf(type)!;
    const before = { [stack]: pool[stack] };
    const current = structuredClone(before);
    const resource = current[stack].resource![type][id];
    const was = get(resource, attribute);
    set(resource, attribute, other(was));
    const refusal = (resource.lifecycle as any)?.prevent_destroy === true ? " (it has `prevent_destroy`: Terraform refuses the plan until that is lifted)" : "";
    expect(replacementRisks(before, current).filter((r) => r.kind === "replaced")).toEqual([
      { stack, kind: "replaced", address: `${type}.${id}`, change: `${attribute} changed: replaces the resource${refusal}`, before: shown(was), after: shown(other(was)) },
    ]);
  });

  test.each(Object.keys(REPLACING_ATTRIBUTES))("%s: an attribute outside the table is updated in place, replacing nothing", (type) => {
    const [stack, id] = firstOf(type)!;
    const before = { [stack]: pool[stack] };
    const current = structuredClone(before);
    current[stack].resource![type][id].description = "updated in place";
    expect(replacementRisks(before, current)).toEqual([]);
  });
});

describe("the knock-on rules, each on an edited snapshot", () => {
  const rows = (current: Stacks, before: Stacks = baseline) => replacementRisks(before, current).map((r) => `${r.kind} ${r.stack} ${r.address?.replace(/_[0-9A-F]{8}$/, "")}`);
  const first = (s: Stacks, stack: string, type: string) => Object.values<any>(s[stack].resource![type])[0];
  const firstId = (s: Stacks, stack: string, type: string) => Object.keys(s[stack].resource![type])[0];

  test("transitively, across stacks and passes, whatever order the resources are listed in: a renamed producer VPC replaces nearly everything on it", () => {
    const current = edited((s) => (first(s, "producer", "google_compute_network").name = "psc-vpc-2"));
    expect(summary(replacementRisks(baseline, current))).toEqual([
      "replaced producer google_compute_network",
      "knock-on consumer-team-c google_container_cluster",
      "knock-on hub-team-c google_compute_subnetwork",
      "knock-on producer google_compute_forwarding_rule",
      "knock-on producer google_compute_ha_vpn_gateway",
      "knock-on producer google_compute_network_endpoint_group",
      "knock-on producer google_compute_service_attachment",
      "knock-on producer google_compute_subnetwork x3",
      "knock-on tunnels google_compute_router",
      "knock-on tunnels google_compute_vpn_tunnel x4",
      // Found on a later pass: each reads something replaced as a knock-on itself.
      "knock-on aws aws_customer_gateway x2",
      "knock-on consumer-team-c google_compute_address",
      "knock-on producer google_compute_address",
    ]);
  });

  test("a connection replaced for its type keeps its inside addresses (AWS derives them from the inside CIDRs): the router interfaces and peers stay", () => {
    const current = edited((s) => (first(s, "aws", "aws_vpn_connection").type = "ipsec.2"));
    expect(summary(replacementRisks(baseline, current))).toEqual(["replaced aws aws_vpn_connection", "knock-on tunnels google_compute_external_vpn_gateway", "knock-on tunnels google_compute_vpn_tunnel x4"]);
  });

  test("a stack gone from the app is one row with its resource count", () => {
    const current = edited((s) => delete s["workloads-team-b"]);
    const count = Object.values(baseline["workloads-team-b"].resource!).reduce((n, byId) => n + Object.keys(byId).length, 0);
    expect(count).toBeGreaterThan(1);
    expect(replacementRisks(baseline, current)).toEqual([
      { stack: "workloads-team-b", kind: "stack gone", resources: count, change: `stack is gone from the app: ${count} resources stay deployed, unmanaged, unless it is destroyed while the config still has it (the README's Removing a tenant)` },
    ]);
  });

  test("a resource new in the app is not a risk, whatever it reads", () => {
    const current = edited((s) => {
      first(s, "producer", "google_compute_network").name = "psc-vpc-2";
      s.producer.resource!.google_compute_subnetwork["new-subnet"] = { name: "new", network: `\${google_compute_network.${firstId(s, "producer", "google_compute_network")}.id}` };
    });
    expect(rows(current)).not.toContain("knock-on producer google_compute_subnetwork.new-subnet");
    expect(rows(current).filter((r) => r.includes("new-subnet"))).toEqual([]);
  });

  test("a forwarding rule reading a replaced address's id is not replaced without its trigger (google #16870); an address it reads by value is", () => {
    const change = (s: Stacks) => (first(s, "consumer-team-a", "google_compute_address").address = "10.0.20.50");
    const withoutTrigger = edited((s) => (change(s), delete first(s, "consumer-team-a", "google_compute_forwarding_rule").lifecycle));
    const before = edited((s) => delete first(s, "consumer-team-a", "google_compute_forwarding_rule").lifecycle);
    expect(rows(withoutTrigger, before)).toEqual(["replaced consumer-team-a google_compute_address.psc-endpoint_address"]);
  });

  describe("replace_triggered_by naming a whole resource", () => {
    /** The baseline and a copy, each with the PSC endpoint's forwarding rule triggered by the whole address (bare or in ${}). */
    const triggered = (bare: boolean, edit: (s: Stacks) => void = () => undefined) => {
      const address = `google_compute_address.${firstId(baseline, "consumer-team-a", "google_compute_address")}`;
      const withTrigger = (s: Stacks) => (first(s, "consumer-team-a", "google_compute_forwarding_rule").lifecycle = { replace_triggered_by: [bare ? address : `\${${address}}`] });
      return [edited(withTrigger), edited((s) => (withTrigger(s), edit(s)))] as const;
    };

    test("fires on any change to it, an in-place update included", () => {
      const [before, current] = triggered(true, (s) => (first(s, "consumer-team-a", "google_compute_address").description = "updated"));
      expect(replacementRisks(before, current).map((r) => `${r.kind} ${r.address!.split(".")[0]}: ${r.change.replace(/_[0-9A-F]{8}/, "")}`)).toEqual([
        "knock-on google_compute_forwarding_rule: replaced because `google_compute_address.psc-endpoint_address` changes: `replace_triggered_by` names it",
      ]);
    });

    test("fires when the resource is replaced, and when a value it reads changes", () => {
      const [before, replaced] = triggered(false, (s) => (first(s, "consumer-team-a", "google_compute_address").name = "other"));
      expect(rows(replaced, before)).toEqual(["replaced consumer-team-a google_compute_address.psc-endpoint_address", "knock-on consumer-team-a google_compute_forwarding_rule.psc-endpoint_forwarding-rule"]);
      expect(replacementRisks(before, replaced)[1].change).toMatch(/^replaced because `google_compute_address\.psc-endpoint_address_[0-9A-F]{8}` is replaced: `replace_triggered_by` names it$/);
      // The address reads a configured value of its subnet (an in-place change there): the whole address changes with it.
      const subnet = `google_compute_subnetwork.${firstId(baseline, "consumer-team-a", "google_compute_subnetwork")}`;
      const reading = (s: Stacks) => (first(s, "consumer-team-a", "google_compute_address").description = `\${${subnet}.ip_cidr_range}`);
      const [before2, reads] = triggered(false, (s) => (reading(s), (first(s, "consumer-team-a", "google_compute_subnetwork").ip_cidr_range = "10.0.21.0/24")));
      reading(before2);
      expect(rows(reads, before2)).toEqual(["knock-on consumer-team-a google_compute_forwarding_rule.psc-endpoint_forwarding-rule"]);
    });

    test("does not fire on meta-arguments alone, nor on a name that is no resource of the stack", () => {
      const [before, current] = triggered(true, (s) => {
        const address = first(s, "consumer-team-a", "google_compute_address");
        Object.assign(address, { "//": { other: true }, depends_on: ["x.y"], provider: "google.other", count: 1, for_each: {}, provisioner: [], connection: {}, lifecycle: { ignore_changes: ["labels"] } });
      });
      expect(replacementRisks(before, current)).toEqual([]);
      const none = edited((s) => (first(s, "consumer-team-a", "google_compute_forwarding_rule").lifecycle = { replace_triggered_by: ["google_compute_address.nope", "not a reference", 7] }));
      expect(replacementRisks(none, edited((s) => (first(s, "consumer-team-a", "google_compute_forwarding_rule").lifecycle = { replace_triggered_by: ["google_compute_address.nope", "not a reference", 7] })))).toEqual([]);
    });
  });

  test("an attribute path with a list index names the element: a changed second interface IP replaces only what reads it", () => {
    const current = edited((s) => (first(s, "producer", "google_compute_ha_vpn_gateway").vpn_interfaces = [{ ip_address: "a" }, { ip_address: "b" }]));
    const before = edited((s) => (first(s, "producer", "google_compute_ha_vpn_gateway").vpn_interfaces = [{ ip_address: "a" }, { ip_address: "c" }]));
    // Configured here (a stand-in for a value the plan knows), the second interface's IP changes: only the customer gateway reading vpn_interfaces[1] is replaced.
    expect(rows(current, before)).toEqual(["knock-on aws aws_customer_gateway.vpn_customer-gateway-2"]);
  });
});

describe("the value graph, on small stacks written by hand", () => {
  const remote = (stack: string, output: string) => `\${data.terraform_remote_state.cross-stack-reference-input-${stack}.outputs.${output}}`;
  const lines = (before: Stacks, current: Stacks) => replacementRisks(before, current).map((r) => `${r.kind} ${r.stack} ${r.address}: ${r.change}`);
  /** Two copies of `stacks(x)`: x = "1" in the baseline, "2" now. */
  const change = (stacks: (x: string) => Stacks) => lines(stacks("1"), stacks("2"));

  test("a resource type gone from a stack that stays, and a stack left with no resources: each resource is a destroyed row", () => {
    const before: Stacks = { s: { resource: { google_compute_router: { r1: { name: "a" }, r2: { name: "b" } }, google_compute_network: { n: { name: "n" } } } } };
    const destroyed = (address: string) => `destroyed s ${address}: destroyed (removed, or its construct id changed)`;
    expect(lines(before, { s: { resource: { google_compute_network: { n: { name: "n" } } } } })).toEqual([destroyed("google_compute_router.r1"), destroyed("google_compute_router.r2")]);
    expect(lines(before, { s: {} })).toEqual([destroyed("google_compute_router.r1"), destroyed("google_compute_router.r2"), destroyed("google_compute_network.n")]);
  });

  test("resources of a stack, or of a type, new to the app are no risk, whatever they read", () => {
    const network = (name: string) => ({ google_compute_network: { n: { name } } });
    const before: Stacks = { a: { resource: network("n") } };
    const current: Stacks = {
      a: { resource: { ...network("n2"), google_compute_subnetwork: { s: { name: "s", network: "${google_compute_network.n.id}" } } }, output: { net: { value: "${google_compute_network.n.id}" } } },
      b: { resource: { google_compute_subnetwork: { s: { name: "s", network: remote("a", "net") } } } },
    };
    expect(lines(before, current)).toEqual(["replaced a google_compute_network.n: name changed: replaces the resource"]);
  });

  test("a value reading several references or outputs is replaced when any one of them changes, not only the first", () => {
    const stacks = (asn: string): Stacks => ({
      a: {
        resource: { aws_customer_gateway: { cg: { bgp_asn: asn, ip_address: "192.0.2.1", type: "ipsec.1" } } },
        output: { ip: { value: "${aws_customer_gateway.cg.ip_address}" }, id: { value: "${aws_customer_gateway.cg.id}" } },
      },
      b: {
        resource: {
          google_compute_external_vpn_gateway: { peer: { name: "peer", interface: [{ ip_address: remote("a", "ip") }, { ip_address: remote("a", "id") }] } },
          google_compute_network: { n: { name: "n", description: "d", auto_create_subnetworks: asn === "1" } },
          google_compute_router: { r: { name: "r", network: "${google_compute_network.n.description}/${google_compute_network.n.id}" } },
        },
      },
    });
    expect(change(stacks)).toEqual([
      "replaced a aws_customer_gateway.cg: bgp_asn changed: replaces the resource",
      "replaced b google_compute_network.n: auto_create_subnetworks changed: replaces the resource",
      "knock-on b google_compute_external_vpn_gateway.peer: replaced because `aws_customer_gateway.cg` (a) is replaced: `interface` reads its `id` (cross-stack output)",
      "knock-on b google_compute_router.r: replaced because `google_compute_network.n` is replaced: `network` reads its `id`",
    ]);
  });

  describe("references are read where Terraform reads them: inside `${}` and `%{}`, to the matching brace", () => {
    /** What a router whose `network` is `text` reads when network `n` is renamed: its knock-on row, or none. */
    const reading = (text: string) =>
      change((x) => ({ a: { resource: { google_compute_network: { n: { name: `n${x}` } }, google_compute_router: { r: { name: "r", network: text } } } } })).slice(1);
    const knockOn = ["knock-on a google_compute_router.r: replaced because `google_compute_network.n` is replaced: `network` reads its `id`"];

    test("text outside them is no reference, even after an interpolation, and `$${` is literal text", () => {
      expect(reading("${terraform.workspace}-google_compute_network.n.id")).toEqual([]);
      expect(reading("$${google_compute_network.n.id}")).toEqual([]);
    });

    test("a reference nested two levels of braces deep (jsonencode of an object), in a directive, or after a brace a quoted string leaves unmatched", () => {
      expect(reading('${jsonencode({a = {b = google_compute_network.n.id}})}')).toEqual(knockOn);
      expect(reading("%{ if google_compute_network.n.id != \"\" }x%{ endif }")).toEqual(knockOn);
      expect(reading('${join("{", [google_compute_network.n.id])}')).toEqual(knockOn);
      expect(reading("${var.a}${google_compute_network.n.id}")).toEqual(knockOn);
    });
  });

  test("a reference to a whole resource reads a changing value when it is replaced or updated in place", () => {
    const stacks = (edit: (x: string) => object) => (x: string): Stacks => ({
      a: { resource: { google_compute_network: { n: { name: "n", ...edit(x) } }, google_compute_router: { r: { name: "r", network: "${google_compute_network.n}" } } } },
    });
    expect(change(stacks((x) => ({ name: `n${x}` })))).toEqual([
      "replaced a google_compute_network.n: name changed: replaces the resource",
      "knock-on a google_compute_router.r: replaced because `google_compute_network.n` is replaced: `network` reads it",
    ]);
    expect(change(stacks((x) => ({ description: x })))).toEqual(["knock-on a google_compute_router.r: replaced because `google_compute_network.n` changes: `network` reads it"]);
    expect(change(stacks(() => ({ description: "same" })))).toEqual([]);
  });

  test("a replacing attribute reading a configured value that itself reads a replaced resource is replaced", () => {
    const stacks = (x: string): Stacks => ({
      a: {
        resource: {
          google_compute_network: { n: { name: `n${x}` } },
          google_compute_router: { r: { name: "r", network: "n", description: "${google_compute_network.n.id}" } },
          google_compute_router_interface: { i: { name: "i", router: "${google_compute_router.r.description}" } },
        },
      },
    });
    expect(change(stacks)).toEqual([
      "replaced a google_compute_network.n: name changed: replaces the resource",
      "knock-on a google_compute_router_interface.i: replaced because `description` of `google_compute_router.r` changes: `router` reads it",
    ]);
  });

  test("an index past 9 names its element", () => {
    const interfaces = (tenth: string) => Array.from({ length: 11 }, (_, i) => ({ ip_address: i === 10 ? tenth : `192.0.2.${i}` }));
    const stacks = (x: string): Stacks => ({
      a: {
        resource: {
          google_compute_ha_vpn_gateway: { g: { name: "g", vpn_interfaces: interfaces(`198.51.100.${x}`) } },
          aws_customer_gateway: { ten: { ip_address: "${google_compute_ha_vpn_gateway.g.vpn_interfaces[10].ip_address}" }, one: { ip_address: "${google_compute_ha_vpn_gateway.g.vpn_interfaces[1].ip_address}" } },
        },
      },
    });
    expect(change(stacks)).toEqual(["knock-on a aws_customer_gateway.ten: replaced because `vpn_interfaces[10].ip_address` of `google_compute_ha_vpn_gateway.g` changes: `ip_address` reads it"]);
  });

  test("google #16870: a forwarding rule's ip_address is replaced only by a new IP the plan knows (a changed configured address, or another stack's new address); an unknown one, or an id or self link, shows no diff", () => {
    const stacks = (x: string): Stacks => ({
      a: {
        resource: {
          google_compute_address: { addr: { name: `addr${x}` }, fixed: { name: "fixed", address: `10.0.0.${x}` } },
          google_compute_forwarding_rule: {
            // Unknown in this stack's plan (the address is replaced here): suppressed.
            same: { name: "same", ip_address: "${google_compute_address.addr.address}" },
            fixed: { name: "fixed", ip_address: "${google_compute_address.fixed.address}" },
          },
        },
        output: { ip: { value: "${google_compute_address.addr.address}" }, id: { value: "${google_compute_address.addr.id}" } },
      },
      b: {
        resource: {
          google_compute_forwarding_rule: { other: { name: "other", ip_address: remote("a", "ip") }, "by-id": { name: "by-id", ip_address: remote("a", "id") } },
        },
      },
    });
    expect(change(stacks)).toEqual([
      "replaced a google_compute_address.addr: name changed: replaces the resource",
      "replaced a google_compute_address.fixed: address changed: replaces the resource",
      "knock-on a google_compute_forwarding_rule.fixed: replaced because `address` of `google_compute_address.fixed` changes: `ip_address` reads it",
      "knock-on b google_compute_forwarding_rule.other: replaced because `google_compute_address.addr` (a) is replaced: `ip_address` reads its `address` (cross-stack output)",
    ]);
  });

  test("a connection's inside address changes with its replacement when AWS picked its inside CIDR, and stays when the CIDR is configured", () => {
    const stacks = (cidr: string | undefined) => (x: string): Stacks => ({
      a: {
        resource: { aws_vpn_connection: { c: { type: `ipsec.${x}`, ...(cidr && { tunnel1_inside_cidr: cidr }) } } },
        output: { ip: { value: "${aws_vpn_connection.c.tunnel1_cgw_inside_address}" } },
      },
      b: { resource: { google_compute_router_interface: { i: { name: "i", router: "r", ip_range: remote("a", "ip") } } } },
    });
    expect(change(stacks(undefined))).toEqual([
      "replaced a aws_vpn_connection.c: type changed: replaces the resource",
      "knock-on b google_compute_router_interface.i: replaced because `aws_vpn_connection.c` (a) is replaced: `ip_range` reads its `tunnel1_cgw_inside_address` (cross-stack output)",
    ]);
    expect(change(stacks("169.254.10.0/30"))).toEqual(["replaced a aws_vpn_connection.c: type changed: replaces the resource"]);
  });

  test("in the connection's own stack the inside address is unknown in the plan: what reads it is replaced, configured CIDR or not", () => {
    const stacks = (x: string): Stacks => ({
      a: {
        resource: {
          aws_vpn_connection: { c: { type: `ipsec.${x}`, tunnel1_inside_cidr: "169.254.10.0/30" } },
          google_compute_router_interface: { i: { name: "i", router: "r", ip_range: "${aws_vpn_connection.c.tunnel1_cgw_inside_address}" } },
        },
      },
    });
    expect(change(stacks)).toEqual([
      "replaced a aws_vpn_connection.c: type changed: replaces the resource",
      "knock-on a google_compute_router_interface.i: replaced because `aws_vpn_connection.c` is replaced: `ip_range` reads its `tunnel1_cgw_inside_address`",
    ]);
  });

  test("replace_triggered_by naming an attribute fires when that attribute changes, not when another attribute is updated in place", () => {
    const stacks = (labels: object, description: string): Stacks => ({
      a: {
        resource: {
          google_compute_address: { addr: { name: "addr", labels, description } },
          google_compute_forwarding_rule: { fr: { name: "fr", lifecycle: { replace_triggered_by: ["google_compute_address.addr.description"] } } },
        },
      },
    });
    const before = stacks({ team: "a" }, "a");
    expect(lines(before, stacks({ team: "a" }, "b"))).toEqual(["knock-on a google_compute_forwarding_rule.fr: replaced because `description` of `google_compute_address.addr` changes: `replace_triggered_by` names it"]);
    expect(lines(before, stacks({ team: "b" }, "a"))).toEqual([]);
  });

  test("malformed cycles (Terraform and cdktf refuse them) and reads of an output that does not exist end the walk, reading nothing", () => {
    // The router and the peer are walked on every pass (kept, not replaced): through the cycles, and to the missing output.
    const stacks = (x: string): Stacks => ({
      a: {
        resource: {
          google_compute_network: {
            n1: { name: "n1", description: "${google_compute_network.n2.description}" },
            n2: { name: "n2", description: "${google_compute_network.n1.description}" },
            n3: { name: `n3-${x}` },
          },
          google_compute_router: { r: { name: "r", network: "${google_compute_network.n1.description}", region: remote("b", "y") } },
          google_compute_router_peer: { p: { name: "p", router: remote("b", "missing") } },
        },
        output: { x: { value: remote("b", "y") } },
      },
      b: { output: { y: { value: remote("a", "x") } } },
    });
    expect(change(stacks)).toEqual(["replaced a google_compute_network.n3: name changed: replaces the resource"]);
  });
});
