import { TerraformVariable } from "cdktf";
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

  /** The resources of one type in synthesized JSON, by logical id. */
  const resources = (out: string, type: string): Record<string, any> => JSON.parse(out).resource[type];
  const only = (out: string, type: string): any => Object.values(resources(out, type))[0];

  test("the NEG's name changes with its endpoints, and a new NEG is made before the old one goes", () => {
    // GIVEN endpoints WHEN the port or the address changes THEN the NEG gets a new name (sha1 of "address:port,...", 6 hex digits)
    const negName = (endpoints: { ipAddress: string; port: number }[]) => only(synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), endpoints })), "google_compute_network_endpoint_group").name;
    expect(negName([{ ipAddress: "192.168.1.10", port: 8080 }])).toBe("api-neg-f5aef6");
    expect(negName([{ ipAddress: "192.168.1.10", port: 8443 }])).toBe("api-neg-0e2d60");
    expect(negName([{ ipAddress: "192.168.1.11", port: 8080 }])).toBe("api-neg-53a05d");
    // THEN the backend service moves to the new NEG (create before destroy), once its endpoints are attached
    const out = synth((s) => new HybridNegLoadBalancer(s, "lb", props(s)));
    expect(only(out, "google_compute_network_endpoint_group").lifecycle).toEqual({ create_before_destroy: true });
    expect(only(out, "google_compute_network_endpoints").lifecycle).toEqual({ create_before_destroy: true });
    const endpointsId = Object.keys(resources(out, "google_compute_network_endpoints"))[0];
    expect(only(out, "google_compute_region_backend_service").depends_on).toEqual([`google_compute_network_endpoints.${endpointsId}`]);
  });

  test("an endpoint known only at plan time is keyed by Terraform with the same function", () => {
    const out = synth((s) => {
      const ip = new TerraformVariable(s, "backend_ip", { type: "string" });
      new HybridNegLoadBalancer(s, "lb", { ...props(s), endpoints: [{ ipAddress: ip.stringValue, port: 8080 }] });
    });
    // (`terraform console` gives f5aef6 for this expression with 192.168.1.10, as the known-value case above)
    expect(only(out, "google_compute_network_endpoint_group").name).toBe('api-neg-${substr(sha1(join(",", [join(":", [var.backend_ip, 8080])])), 0, 6)}');
  });

  test("the forwarding rule is replaced with its address (a new address keeps the address resource's id)", () => {
    const out = synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), ipAddress: "10.4.0.20" }));
    const addressId = Object.keys(resources(out, "google_compute_address"))[0];
    expect(only(out, "google_compute_forwarding_rule").lifecycle).toEqual({ replace_triggered_by: [`google_compute_address.${addressId}.id`] });
  });

  test("global access on the forwarding rule from the start, off only when asked", () => {
    // GIVEN no choice THEN clients of every region may connect (it cannot be turned on after creation)
    expect(only(synth((s) => new HybridNegLoadBalancer(s, "lb", props(s))), "google_compute_forwarding_rule").allow_global_access).toBe(true);
    expect(only(synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), globalAccess: false })), "google_compute_forwarding_rule").allow_global_access).toBe(false);
  });

  test("request logs of every request by default; a share samples them; 0 turns them off", () => {
    const logConfig = (logSampling?: number) => only(synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), logSampling })), "google_compute_region_backend_service").log_config;
    expect(logConfig()).toEqual({ enable: true, sample_rate: 1 });
    expect(logConfig(0.25)).toEqual({ enable: true, sample_rate: 0.25 });
    expect(logConfig(0)).toEqual({ enable: false });
  });

  test("fails when the log share is outside 0 to 1", () => {
    expect(() => synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), logSampling: 100 }))).toThrow(/logSampling: must be a share from 0 to 1 .*got 100/);
  });

  test("fails when the name leaves no room for the NEG's suffix", () => {
    expect(HybridNegLoadBalancer.MAX_NAME_LENGTH).toBe(63 - "-neg-000000".length);
    expect(() => synth((s) => new HybridNegLoadBalancer(s, "lb", { ...props(s), name: "a".repeat(53) }))).toThrow(/name: must be at most 52 characters to leave room for the NEG's suffix '-neg-<6 hex digits>' \(53 given\)/);
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
