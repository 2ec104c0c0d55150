import { PscEndpoint } from "../../../constructs/gcp/psc-endpoint";
import { VpcNetwork } from "../../../constructs/gcp/vpc-network";
import { synth } from "../support";

describe("PscEndpoint", () => {
  test("empty load-balancing scheme targeting the attachment; private zone for the name", () => {
    const out = synth((s) => {
      const vpc = new VpcNetwork(s, "vpc", { name: "consumer" });
      const subnet = vpc.addSubnet("psc", { name: "psc", region: "europe-west1", ipCidrRange: "10.0.20.0/24" });
      new PscEndpoint(s, "e", { name: "api", region: "europe-west1", network: vpc, subnetwork: subnet, serviceAttachment: { id: "sa", selfLink: "projects/p/regions/r1/serviceAttachments/sa" }, dnsName: "api.example.internal." });
    });
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_forwarding_rule" }, { load_balancing_scheme: "", target: "projects/p/regions/r1/serviceAttachments/sa" });
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_dns_managed_zone" }, { dns_name: "example.internal.", visibility: "private" });
  });

  test("the forwarding rule is replaced with its address, and recreated when the attachment closed its connection", () => {
    // GIVEN a fixed address WHEN it changes THEN the rule goes first, then the address (in use, it could not be deleted: provider #16870)
    const json = JSON.parse(
      synth((s) => {
        const vpc = new VpcNetwork(s, "vpc", { name: "consumer" });
        const subnet = vpc.addSubnet("psc", { name: "psc", region: "europe-west1", ipCidrRange: "10.0.20.0/24" });
        new PscEndpoint(s, "e", { name: "api", region: "europe-west1", network: vpc, subnetwork: subnet, serviceAttachment: { id: "sa", selfLink: "sa" }, ipAddress: "10.0.20.50" });
      }),
    );
    const [addressId] = Object.keys(json.resource.google_compute_address);
    const rule: any = Object.values(json.resource.google_compute_forwarding_rule)[0];
    expect(rule.lifecycle).toEqual({ replace_triggered_by: [`google_compute_address.${addressId}.id`] });
    expect(rule.recreate_closed_psc).toBe(true);
  });

  test("fails when the DNS name is not fully qualified", () => {
    expect(() =>
      synth((s) => {
        const vpc = new VpcNetwork(s, "vpc", { name: "consumer" });
        const subnet = vpc.addSubnet("psc", { name: "psc", region: "europe-west1", ipCidrRange: "10.0.20.0/24" });
        new PscEndpoint(s, "e", { name: "api", region: "europe-west1", network: vpc, subnetwork: subnet, serviceAttachment: { id: "sa", selfLink: "sa" }, dnsName: "api.internal" });
      }),
    ).toThrow(/dnsName: must be a fully qualified name .*got "api.internal"/);
  });
});
