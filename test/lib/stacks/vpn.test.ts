import { tunnelOptions } from "../../../constructs/aws/aws-site-to-site-vpn";
import { isUsableInsideCidr, overlaps } from "../../../constructs/core/cidr";
import { HaVpnToAws } from "../../../constructs/gcp/ha-vpn-to-aws";
import { ConfigError } from "../../../lib/config/problems";
import { configRules } from "../../../lib/config/rules";
import { exampleConfig, exampleWith, onlyResource, resourcesOf, synthApp } from "../../helpers";

// The HA VPN as a network team signs it off: crypto on both sides, routing
// for VGW and TGW, replacement safety, secrets.

const vgw = synthApp();
const tgwConfig = exampleWith((c) => (c.aws.termination = "tgw"));
const tgw = synthApp(tgwConfig);
const connections = (app: typeof vgw) => Object.values(resourcesOf(app.byName["aws"], "aws_vpn_connection"));
const TUNNELS = ["tunnel1", "tunnel2"] as const;

describe("crypto: one explicit proposal per phase, on every tunnel of both variants", () => {
  const expected = {
    ike_versions: ["ikev2"],
    phase1_encryption_algorithms: ["AES256"],
    phase1_integrity_algorithms: ["SHA2-256"],
    phase1_dh_group_numbers: [14],
    phase1_lifetime_seconds: 28800,
    phase2_encryption_algorithms: ["AES256"],
    phase2_integrity_algorithms: ["SHA2-256"],
    phase2_dh_group_numbers: [14],
    phase2_lifetime_seconds: 3600,
    startup_action: "start",
    dpd_timeout_action: "restart",
    dpd_timeout_seconds: 30,
  };

  test.each([
    ["vgw", vgw],
    ["tgw", tgw],
  ])("%s: AWS side", (_name, app) => {
    expect(connections(app)).toHaveLength(2);
    for (const connection of connections(app)) {
      for (const t of TUNNELS) {
        const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, connection[`${t}_${key}`]]));
        expect(actual).toEqual(expected);
      }
    }
  });

  test("every option the construct sets reaches the synthesized connection", () => {
    const keys = Object.keys(tunnelOptions(14, "AES256")).map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/^_/, ""));
    expect(keys.sort()).toEqual(Object.keys(expected).sort());
  });

  test("GCP side: every tunnel is IKEv2 (Cloud VPN then accepts AWS's single proposal)", () => {
    const tunnels = Object.values(resourcesOf(vgw.byName["tunnels"], "google_compute_vpn_tunnel"));
    expect(tunnels.map((t) => t.ike_version)).toEqual([2, 2, 2, 2]);
  });

  test("DH group and AES-256-GCM come from config, identically on both phases", () => {
    const app = synthApp(exampleWith((c) => ((c.vpn.dhGroup = 20), (c.vpn.encryption = "AES256-GCM-16"))));
    for (const connection of connections(app)) {
      for (const t of TUNNELS) {
        expect(connection[`${t}_phase1_dh_group_numbers`]).toEqual([20]);
        expect(connection[`${t}_phase2_dh_group_numbers`]).toEqual([20]);
        expect(connection[`${t}_phase1_encryption_algorithms`]).toEqual(["AES256-GCM-16"]);
        expect(connection[`${t}_phase2_encryption_algorithms`]).toEqual(["AES256-GCM-16"]);
      }
    }
  });
});

describe("inside addresses", () => {
  test("the four inside /30s are usable and unique", () => {
    const cidrs = connections(vgw).flatMap((c) => [c.tunnel1_inside_cidr, c.tunnel2_inside_cidr]);
    expect(cidrs).toHaveLength(4);
    expect(cidrs.every(isUsableInsideCidr)).toBe(true);
    cidrs.forEach((a, i) => cidrs.slice(i + 1).forEach((b) => expect(overlaps(a, b)).toBe(false)));
  });

  test("inside /30s from config are used as given, in tunnel order", () => {
    const given = ["169.254.21.0/30", "169.254.22.0/30", "169.254.23.0/30", "169.254.24.0/30"];
    const app = synthApp(exampleWith((c) => (c.vpn.insideCidrs = given)));
    expect(connections(app).flatMap((c) => [c.tunnel1_inside_cidr, c.tunnel2_inside_cidr])).toEqual(given);
  });
});

describe("routing", () => {
  test("Cloud Router advertises all subnets, the proxy-only range, extra ranges from config and every routed tenant's node, pod and service ranges, the same on every session", () => {
    const app = synthApp(exampleWith((c) => (c.vpn.advertisedRanges = ["10.10.64.0/20"])));
    expect(onlyResource(app.byName["tunnels"], "google_compute_router").bgp).toMatchObject({
      advertise_mode: "CUSTOM",
      advertised_groups: ["ALL_SUBNETS"],
      // team-c's ranges are listed, not left to ALL_SUBNETS: a pod range AWS cannot route back is GKE's classic failure over VPN.
      advertised_ip_ranges: [{ range: "10.10.30.0/24" }, { range: "10.10.64.0/20" }, { range: "10.30.0.0/22" }, { range: "10.31.0.0/17" }, { range: "10.30.8.0/22" }],
    });
    // Sessions carry no per-peer advertisement, so all four advertise the router's set.
    for (const peer of Object.values(resourcesOf(app.byName["tunnels"], "google_compute_router_peer"))) {
      expect(peer.advertise_mode).toBeUndefined();
      expect(peer.advertised_ip_ranges).toBeUndefined();
    }
  });

  test("route priorities (MED) per session: active/passive", () => {
    const app = synthApp(exampleWith((c) => (c.vpn.routePriorities = [100, 100, 200, 200])));
    const peers = Object.values(resourcesOf(app.byName["tunnels"], "google_compute_router_peer"));
    expect(peers.map((p) => p.advertised_route_priority)).toEqual([100, 100, 200, 200]);
  });

  test("fails on a route priority out of range, at its config path", () => {
    // GIVEN the example WHEN the fourth session's priority is over 65535 THEN the config names vpn.routePriorities[3]
    const problems = (() => {
      try {
        exampleWith((c) => (c.vpn.routePriorities = [100, 100, 200, 70000]));
      } catch (e) {
        if (e instanceof ConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
        throw e;
      }
      return [];
    })();
    expect(problems).toEqual([expect.stringMatching(/^vpn\.routePriorities\[3\]: must be (a whole number )?0-65535, got 70000$/)]);
  });

  test("HaVpnToAws's route priority rules, run by the config, name the config paths", () => {
    // GIVEN a config whose priorities passed no shape check (as a library caller might build one)
    const withPriorities = (routePriorities: number[]) => ({ ...exampleConfig(), vpn: { ...exampleConfig().vpn, routePriorities } });
    // WHEN the config's rules run the construct's rules THEN each problem is at its config path
    expect(configRules(withPriorities([100, 100, 200, 70000])).errors).toEqual([{ path: "vpn.routePriorities[3]", message: "must be a whole number 0-65535, got 70000" }]);
    expect(configRules(withPriorities([100, 200])).errors).toEqual([
      {
        path: "vpn.routePriorities",
        message: "must list exactly 4 priorities, one per BGP session, got a list of 2. Fix: list 4, in tunnel order, or leave them out for the same priority on every session",
      },
    ]);
  });

  test("VGW: attached to the VPC, BGP routes propagated into both route tables", () => {
    const aws = vgw.byName["aws"];
    expect(onlyResource(aws, "aws_vpn_gateway")).toMatchObject({ amazon_side_asn: "65001", vpc_id: expect.stringMatching(/^\$\{aws_vpc\./) });
    expect(Object.values(resourcesOf(aws, "aws_vpn_gateway_route_propagation"))).toHaveLength(2);
    expect(resourcesOf(aws, "aws_ec2_transit_gateway")).toEqual({});
  });

  test("TGW: ASN, ECMP, no default route tables", () => {
    expect(onlyResource(tgw.byName["aws"], "aws_ec2_transit_gateway")).toMatchObject({
      amazon_side_asn: 65001,
      vpn_ecmp_support: "enable",
      default_route_table_association: "disable",
      default_route_table_propagation: "disable",
    });
    expect(resourcesOf(tgw.byName["aws"], "aws_vpn_gateway")).toEqual({});
  });

  test("TGW: both VPN connections and the VPC attachment are associated with and propagate into one route table", () => {
    const aws = tgw.byName["aws"];
    const attachments = (type: string) => Object.values(resourcesOf(aws, type)).map((r) => r.transit_gateway_attachment_id).sort();
    const expectedAttachments = [
      expect.stringMatching(/^\$\{aws_ec2_transit_gateway_vpc_attachment\./),
      expect.stringMatching(/^\$\{aws_vpn_connection\.vpn_connection-1_.*\.transit_gateway_attachment_id\}$/),
      expect.stringMatching(/^\$\{aws_vpn_connection\.vpn_connection-2_.*\.transit_gateway_attachment_id\}$/),
    ];
    expect(attachments("aws_ec2_transit_gateway_route_table_association")).toEqual(expectedAttachments);
    expect(attachments("aws_ec2_transit_gateway_route_table_propagation")).toEqual(expectedAttachments);
    for (const connection of connections(tgw)) {
      expect(connection.transit_gateway_id).toMatch(/^\$\{aws_ec2_transit_gateway\./);
      expect(connection.vpn_gateway_id).toBeUndefined();
    }
  });

  test("TGW: both VPC route tables send every producer range and every routed tenant range to the transit gateway", () => {
    const routes = Object.values(resourcesOf(tgw.byName["aws"], "aws_route"));
    const byTable = new Map<string, string[]>();
    for (const r of routes) {
      expect(r.transit_gateway_id).toMatch(/^\$\{aws_ec2_transit_gateway\./);
      byTable.set(r.route_table_id, [...(byTable.get(r.route_table_id) ?? []), r.destination_cidr_block].sort());
    }
    const routed = ["10.10.10.0/24", "10.10.20.0/24", "10.10.30.0/24", "10.30.0.0/22", "10.30.8.0/22", "10.31.0.0/17"];
    expect([...byTable.values()]).toEqual([routed, routed]);
  });

  test("TGW: a new producer range adds routes and leaves every existing route as it was", () => {
    const grown = synthApp(exampleWith((c) => ((c.aws.termination = "tgw"), (c.vpn.advertisedRanges = ["10.10.64.0/20"]), (c.gcp.additionalPscNatCidrs = ["10.10.11.0/24"]))));
    const before = synthApp(exampleWith((c) => ((c.aws.termination = "tgw"), (c.vpn.advertisedRanges = ["10.10.64.0/20"]))));
    const routesOf = (app: typeof tgw) => resourcesOf(app.byName["aws"], "aws_route");
    const old = routesOf(before);
    const now = routesOf(grown);
    for (const [id, route] of Object.entries(old)) expect({ id, route: now[id] }).toEqual({ id, route });
    expect(Object.keys(now).filter((id) => !(id in old)).map((id) => now[id].destination_cidr_block)).toEqual(["10.10.11.0/24", "10.10.11.0/24"]);
  });

  test("the GCP side is the same whichever AWS termination is chosen", () => {
    expect(tgw.byName["tunnels"].json).toEqual(vgw.byName["tunnels"].json);
  });

  test("TGW variant matches its snapshot", () => {
    expect(tgw.byName["aws"].text).toMatchSnapshot();
  });
});

describe("replacement safety", () => {
  test("the GCP side is one HaVpnToAws whose resources keep the logical ids the tunnels stack gave them", () => {
    // GIVEN the example WHEN the tunnels stack is synthesized
    const tunnels = vgw.byName["tunnels"];
    // THEN it holds one HaVpnToAws, with the id cdktf leaves out of logical ids
    const built = vgw.stacks.tunnels.node.findAll().filter((c): c is HaVpnToAws => c instanceof HaVpnToAws);
    expect(built.map((c) => c.node.id)).toEqual(["Default"]);
    // AND every resource keeps its logical id, so a deployed environment sees no replacement
    const ids = (type: string) => Object.keys(resourcesOf(tunnels, type));
    expect(ids("google_compute_external_vpn_gateway")).toEqual(["aws-gateway_873B18CA"]);
    expect(ids("google_compute_vpn_tunnel")).toEqual(["connection-1_tunnel-1_F3D86EA9", "connection-1_tunnel-2_B0585E2E", "connection-2_tunnel-1_B5E63FD0", "connection-2_tunnel-2_D0D34B99"]);
    expect(ids("google_compute_router_interface")).toEqual(["connection-1_interface-1_71E2CDB0", "connection-1_interface-2_B6516AA2", "connection-2_interface-1_C52A3790", "connection-2_interface-2_3D252B36"]);
    expect(ids("google_compute_router_peer")).toEqual(["connection-1_peer-1_F3A531DC", "connection-1_peer-2_BC7BFEDA", "connection-2_peer-1_772E286C", "connection-2_peer-2_6E21C558"]);
    // AND every resource keeps its name
    expect(Object.values(resourcesOf(tunnels, "google_compute_vpn_tunnel")).map((t) => t.name)).toEqual(["psc-aws-1-tunnel-1", "psc-aws-1-tunnel-2", "psc-aws-2-tunnel-1", "psc-aws-2-tunnel-2"]);
    expect(onlyResource(tunnels, "google_compute_external_vpn_gateway").name).toBe("psc-aws");
  });

  test("the HA VPN gateway and both AWS VPN connections carry prevent_destroy", () => {
    expect(onlyResource(vgw.byName["producer"], "google_compute_ha_vpn_gateway").lifecycle).toEqual({ prevent_destroy: true });
    for (const app of [vgw, tgw]) {
      for (const connection of connections(app)) expect(connection.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  test("config can opt out", () => {
    const app = synthApp(exampleWith((c) => (c.vpn.preventDestroy = false)));
    expect(onlyResource(app.byName["producer"], "google_compute_ha_vpn_gateway").lifecycle).toEqual({ prevent_destroy: false });
    for (const connection of connections(app)) expect(connection.lifecycle).toEqual({ prevent_destroy: false });
  });
});

describe("secrets", () => {
  test("no stack output exposes a secret unmarked", () => {
    for (const app of [vgw, tgw]) {
      for (const [stack, synthesized] of Object.entries(app.byName)) {
        for (const [name, output] of Object.entries(synthesized.json.output ?? {})) {
          const carriesSecret = /preshared_key|shared_secret|password|token/.test(name + JSON.stringify(output.value));
          if (carriesSecret) expect({ stack, name, sensitive: output.sensitive }).toEqual({ stack, name, sensitive: true });
        }
      }
    }
  });

  test("the keys cross stacks only as sensitive outputs of the aws stack", () => {
    const keyOutputs = Object.entries(vgw.byName["aws"].json.output ?? {}).filter(([name]) => name.includes("preshared_key"));
    expect(keyOutputs.map(([, o]) => o.sensitive)).toEqual([true, true, true, true]);
  });
});
