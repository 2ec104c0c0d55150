import { ComputeSubnetwork } from "@cdktf/provider-google/lib/compute-subnetwork";
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { PolicyChecks } from "../../../constructs/core/policy";
import { PrivateDnsZone, PrivateDnsZoneProps } from "../../../constructs/gcp/private-dns-zone";
import { PublishedServiceAddress, PublishedServiceAddressProps } from "../../../constructs/gcp/published-service-address";
import { network, synth } from "../support";

/** A node subnet made outside the constructs under test. */
const subnet = (s: Construct) => new ComputeSubnetwork(s, "nodes", { name: "nodes", region: "asia-northeast1", network: "net", ipCidrRange: "10.0.10.0/24" });

describe("PrivateDnsZone", () => {
  const made = (props: Partial<PrivateDnsZoneProps> = {}) =>
    JSON.parse(synth((s) => new PrivateDnsZone(s, "zone", { name: "team-a-svc", dnsName: "team-a.internal.", networks: [network(s)], ...props })));

  test("a private zone visible to the given networks only", () => {
    expect(Object.values(made().resource.google_dns_managed_zone)).toEqual([
      expect.objectContaining({ name: "team-a-svc", dns_name: "team-a.internal.", visibility: "private", private_visibility_config: { networks: [{ network_url: "${google_compute_network.net.id}" }] } }),
    ]);
  });

  test.each<[string, Partial<PrivateDnsZoneProps>, RegExp]>([
    ["a DNS name without the final dot", { dnsName: "team-a.internal" }, /dnsName: must be a fully qualified name .*got "team-a\.internal"/],
    ["no network", { networks: [] }, /networks: must list at least one VPC network/],
    ["a name that is not a GCP name", { name: "Team_A" }, /name: must be a GCP resource name/],
  ])("refuses %s", (_, props, message) => {
    expect(() => made(props)).toThrow(message);
  });
});

describe("PublishedServiceAddress", () => {
  const base = { name: "psc-team-a-svc-inventory", region: "asia-northeast1" };
  const made = (props: (s: Construct) => Partial<PublishedServiceAddressProps> = () => ({})) =>
    JSON.parse(
      synth((s) => {
        const address = new PublishedServiceAddress(s, "published", { subnetwork: subnet(s), ...base, ...props(s) });
        new TerraformOutput(s, "name", { value: address.name });
        new TerraformOutput(s, "ip", { value: address.ip });
      }),
    );
  const zone = (s: Construct) => new PrivateDnsZone(s, "zone", { name: "team-a-svc", dnsName: "team-a.internal.", networks: [network(s)], project: "tenant-project" });

  test("an internal address reserved in the node subnet; its name and IP by reference, for the Service", () => {
    const json = made();
    expect(Object.values(json.resource.google_compute_address)).toEqual([
      expect.objectContaining({ name: "psc-team-a-svc-inventory", region: "asia-northeast1", address_type: "INTERNAL", subnetwork: "${google_compute_subnetwork.nodes.id}" }),
    ]);
    expect([json.output.name.value, json.output.ip.value]).toEqual([expect.stringMatching(/^\$\{google_compute_address\.published_address_\w+\.name\}$/), expect.stringMatching(/^\$\{google_compute_address\.published_address_\w+\.address\}$/)]);
    expect(json.resource.google_dns_record_set).toBeUndefined();
  });

  test("with a zone, an A record of the name in it, pointing at the reserved address (never an address typed twice)", () => {
    const json = made((s) => ({ dns: { zone: zone(s), name: "inventory.team-a.internal." } }));
    const [addressId] = Object.keys(json.resource.google_compute_address);
    expect(Object.values(json.resource.google_dns_record_set)).toEqual([
      {
        project: "tenant-project",
        managed_zone: expect.stringMatching(/^\$\{google_dns_managed_zone\.zone_\w+\.name\}$/),
        name: "inventory.team-a.internal.",
        type: "A",
        ttl: 300,
        rrdatas: [`\${google_compute_address.${addressId}.address}`],
      },
    ]);
  });

  test.each<[string, (s: Construct) => Partial<PublishedServiceAddressProps>, RegExp]>([
    ["a record outside its zone", (s) => ({ dns: { zone: zone(s), name: "inventory.other.internal." } }), /dns\.name: must be a name inside the zone team-a\.internal\., got "inventory\.other\.internal\."\. Fix: e\.g\. inventory\.team-a\.internal\./],
    ["a record name without the final dot", (s) => ({ dns: { zone: zone(s), name: "inventory.team-a.internal" } }), /dns\.name: must be a fully qualified name/],
    ["a name over 63 characters", () => ({ name: `svc-${"x".repeat(60)}` }), /name: must be a GCP resource name/],
  ])("refuses %s", (_, props, message) => {
    expect(() => made(props)).toThrow(message);
  });

  test("the policy checks accept address and record", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new PublishedServiceAddress(stack, "published", { subnetwork: subnet(stack), ...base, dns: { zone: zone(stack), name: "inventory.team-a.internal." } });
    expect(PolicyChecks.verify(stack)).toEqual([]);
  });
});
