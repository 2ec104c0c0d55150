import { TerraformOutput, TerraformVariable } from "cdktf";
import { PrivateServicesAccess, PrivateServicesAccessProps } from "../../../constructs/gcp/private-services-access";
import { network, synth } from "../support";

describe("PrivateServicesAccess", () => {
  const base = { name: "hub-services", ranges: ["10.100.0.0/16"] };
  const resources = (props: Partial<PrivateServicesAccessProps> = {}) => JSON.parse(synth((s) => new PrivateServicesAccess(s, "psa", { network: network(s), ...base, ...props }))).resource;

  test("one VPC_PEERING allocation per range, one connection reserving them all", () => {
    // GIVEN two ranges WHEN private services access is made THEN each is allocated by address and prefix, and the connection reserves both
    const r = resources({ ranges: ["10.100.0.0/16", "10.101.0.0/24"], project: "hub-project" });
    expect(Object.values<any>(r.google_compute_global_address).map((a) => [a.name, a.address, a.prefix_length, a.purpose, a.address_type, a.network, a.project])).toEqual([
      ["hub-services-1", "10.100.0.0", 16, "VPC_PEERING", "INTERNAL", "${google_compute_network.net.id}", "hub-project"],
      ["hub-services-2", "10.101.0.0", 24, "VPC_PEERING", "INTERNAL", "${google_compute_network.net.id}", "hub-project"],
    ]);
    const [connection] = Object.values<any>(r.google_service_networking_connection);
    expect(connection).toMatchObject({ network: "${google_compute_network.net.id}", service: "servicenetworking.googleapis.com" });
    expect(connection.reserved_peering_ranges).toEqual(Object.keys(r.google_compute_global_address).map((k) => `\${google_compute_global_address.${k}.name}`));
  });

  test("custom routes are exported to the services' peering (clients behind the VPN), none imported", () => {
    const [routes] = Object.values<any>(resources().google_compute_network_peering_routes_config);
    const [connection] = Object.keys(resources().google_service_networking_connection);
    expect(routes).toMatchObject({ network: "${google_compute_network.net.name}", peering: `\${google_service_networking_connection.${connection}.peering}`, export_custom_routes: true, import_custom_routes: false });
  });

  test("exportCustomRoutes false is applied, not left to the peering's last state", () => {
    const [routes] = Object.values<any>(resources({ exportCustomRoutes: false }).google_compute_network_peering_routes_config);
    expect(routes.export_custom_routes).toBe(false);
  });

  test("exposes the allocated ranges, the connection and its peering", () => {
    let psa: PrivateServicesAccess | undefined;
    const json = JSON.parse(
      synth((s) => {
        psa = new PrivateServicesAccess(s, "psa", { network: network(s), ...base });
        new TerraformOutput(s, "peering", { value: psa.peering });
      }),
    );
    expect(psa!.allocatedRanges).toEqual(["10.100.0.0/16"]);
    expect(psa!.allocations).toHaveLength(1);
    expect(json.output.peering.value).toMatch(/^\$\{google_service_networking_connection\.\w+\.peering\}$/);
  });

  test("tokens pass validation: a range known at apply time is split by Terraform", () => {
    const r = JSON.parse(
      synth((s) => {
        const range = new TerraformVariable(s, "range", { type: "string" });
        new PrivateServicesAccess(s, "psa", { network: network(s), name: "hub-services", ranges: [range.stringValue, "10.100.0.0/16"] });
      }),
    ).resource;
    const [first] = Object.values<any>(r.google_compute_global_address);
    expect([first.address, first.prefix_length]).toEqual(['${element(split("/", var.range), 0)}', '${tonumber(element(split("/", var.range), 1))}']);
  });

  test("fails when no range is given", () => {
    expect(() => resources({ ranges: [] })).toThrow(/ranges: must list at least one range to allocate to the managed services, got a list of 0/);
  });

  test("fails when a range is smaller than a /24, public, or overlaps another, listing every problem", () => {
    const build = () => resources({ ranges: ["10.100.0.0/25", "8.8.8.0/24", "10.100.0.0/16"] });
    expect(build).toThrow(/ranges\[0\]: must be between \/8 and \/24 \(private services access needs at least a \/24\), got "10\.100\.0\.0\/25"\. Fix: use a \/24 or larger/);
    expect(build).toThrow(/ranges\[1\]: must be a private range/);
    expect(build).toThrow(/ranges\[2\]: must not overlap ranges\[0\] 10\.100\.0\.0\/25 in the same VPC/);
  });

  test("fails when the name leaves no room for the suffixes", () => {
    expect(() => resources({ name: "Hub" })).toThrow(/name: must be a GCP resource name/);
    expect(() => resources({ name: "a".repeat(62) })).toThrow(/name: must be at most 61 characters to leave room for '-1' \(62 given\)/);
  });
});
