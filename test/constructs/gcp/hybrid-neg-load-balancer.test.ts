import { Construct } from "constructs";
import { HybridNegLoadBalancer } from "../../../constructs/gcp/hybrid-neg-load-balancer";
import { VpcNetwork } from "../../../constructs/gcp/vpc-network";
import { network, synth } from "../support";

describe("HybridNegLoadBalancer", () => {
  const props = (s: Construct) => {
    const net = network(s);
    return {
      name: "api",
      region: "europe-west1",
      zone: "europe-west1-b",
      network: net,
      subnetwork: new VpcNetwork(s, "vpc", { name: "vpc" }).addSubnet("fe", { name: "fe", region: "europe-west1", ipCidrRange: "10.4.0.0/24" }),
      endpoints: [{ ipAddress: "192.168.1.10", port: 8080 }],
    };
  };

  test("hybrid NEG endpoints, RATE balancing, INTERNAL_MANAGED forwarding rule on the listener port", () => {
    const out = synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), port: 8443 }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_network_endpoint_group" }, { network_endpoint_type: "NON_GCP_PRIVATE_IP_PORT", default_port: 8080 });
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_network_endpoints" }, { network_endpoints: [{ ip_address: "192.168.1.10", port: 8080 }] });
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_forwarding_rule" }, { load_balancing_scheme: "INTERNAL_MANAGED", port_range: "8443" });
  });

  test("fails when a fixed frontend address lies outside its subnet, or is one GCP reserves", () => {
    // GIVEN a frontend subnet 10.4.0.0/24 WHEN the fixed address is elsewhere, or its first address THEN the address is refused
    expect(() => synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), ipAddress: "10.1.0.5" }))).toThrow(/ipAddress: must lie inside subnetwork 10\.4\.0\.0\/24, got "10\.1\.0\.5"/);
    expect(() => synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), ipAddress: "10.4.0.1" }))).toThrow(/ipAddress: is one of the four addresses GCP reserves/);
    expect(() => synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), ipAddress: "10.4.0.20" }))).not.toThrow();
  });

  test("fails when the zone is not in the region", () => {
    expect(() => synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), zone: "us-east1-b" }))).toThrow(/zone: must be a zone of region europe-west1, got "us-east1-b"\. Fix: e\.g\. europe-west1-b/);
  });

  test("fails when there is no endpoint", () => {
    expect(() => synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), endpoints: [] }))).toThrow(/endpoints: must list at least one endpoint/);
  });

  test("fails when an endpoint's port is out of range", () => {
    expect(() => synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), endpoints: [{ ipAddress: "192.168.1.10", port: 70000 }] }))).toThrow(
      /endpoints\[0\].port: must be a port, 1-65535, got 70000/,
    );
  });
});
