import { allStrings, onlyResource, resourcesOf, resourceUnder, synthApp } from "../helpers";

// The facts of DESIGN.md a user relies on, read from the synthesized JSON of
// the example config (the reference network plan).
const { byName } = synthApp();
const producer = byName["producer"];
const aws = byName["aws"];
const tunnels = byName["tunnels"];
const consumer = byName["consumer-team-a"];
const workloads = byName["workloads-team-a"];

function subnetByCidr(cidr: string): Record<string, any> {
  const match = Object.values(resourcesOf(producer, "google_compute_subnetwork")).filter((s) => s.ip_cidr_range === cidr);
  expect(match).toHaveLength(1);
  return match[0];
}

describe("producer", () => {
  test("VPC is custom mode with global dynamic routing (hybrid NEGs need it)", () => {
    expect(producer.text).toHaveResourceWithProperties({ tfResourceType: "google_compute_network" }, {
      auto_create_subnetworks: false,
      routing_mode: "GLOBAL",
    });
  });

  test("PSC NAT subnet is dedicated: purpose PRIVATE_SERVICE_CONNECT", () => {
    expect(subnetByCidr("10.10.10.0/24")).toMatchObject({ purpose: "PRIVATE_SERVICE_CONNECT" });
    expect(subnetByCidr("10.10.10.0/24").role).toBeUndefined();
  });

  test("proxy-only subnet is REGIONAL_MANAGED_PROXY, role ACTIVE", () => {
    expect(subnetByCidr("10.10.30.0/24")).toMatchObject({ purpose: "REGIONAL_MANAGED_PROXY", role: "ACTIVE" });
  });

  test("frontend subnet is a regular subnet", () => {
    expect(subnetByCidr("10.10.20.0/24").purpose).toBeUndefined();
  });

  test("hybrid NEG holds the AWS backend 10.0.20.10:80", () => {
    expect(onlyResource(producer, "google_compute_network_endpoint_group")).toMatchObject({
      network_endpoint_type: "NON_GCP_PRIVATE_IP_PORT",
      zone: "asia-northeast1-a",
    });
    expect(onlyResource(producer, "google_compute_network_endpoints").network_endpoints).toEqual([
      { ip_address: "10.0.20.10", port: 80 },
    ]);
  });

  test("backend service is INTERNAL_MANAGED with RATE balancing on the NEG", () => {
    const bs = onlyResource(producer, "google_compute_region_backend_service");
    expect(bs).toMatchObject({ load_balancing_scheme: "INTERNAL_MANAGED", protocol: "HTTP" });
    expect(bs.backend).toEqual([expect.objectContaining({ balancing_mode: "RATE", group: expect.stringContaining("google_compute_network_endpoint_group.") })]);
    expect(bs.health_checks).toEqual([expect.stringContaining("google_compute_region_health_check.")]);
  });

  test("forwarding rule is INTERNAL_MANAGED in the frontend subnet and waits for the proxy-only subnet", () => {
    const fr = onlyResource(producer, "google_compute_forwarding_rule");
    expect(fr).toMatchObject({ load_balancing_scheme: "INTERNAL_MANAGED", port_range: "80" });
    expect(fr.target).toMatch(/^\$\{google_compute_region_target_http_proxy\./);
    // Besides the project's APIs, which every resource of the stack waits for (test/lib/stacks/apis.test.ts).
    expect(fr.depends_on.filter((d: string) => !d.startsWith("google_project_service."))).toEqual([expect.stringMatching(/^google_compute_subnetwork\.proxy-only-subnet/)]);
  });

  test("service attachment publishes the forwarding rule through the PSC NAT subnet, accepting only the tenants' projects", () => {
    const sa = onlyResource(producer, "google_compute_service_attachment");
    expect(sa.target_service).toMatch(/^\$\{google_compute_forwarding_rule\.[^.]+\.id\}$/);
    expect(sa.nat_subnets).toEqual([expect.stringMatching(/^\$\{google_compute_subnetwork\.psc-nat-subnet/)]);
    expect(sa.connection_preference).toBe("ACCEPT_MANUAL");
    expect(sa.consumer_accept_lists).toEqual([
      { project_id_or_num: "example-consumer-project", connection_limit: 10 },
      { project_id_or_num: "example-consumer-b-project", connection_limit: 5 },
    ]);
  });
});

describe("aws", () => {
  test("customer gateways use the HA VPN interface IPs and the Cloud Router ASN", () => {
    const cgws = Object.values(resourcesOf(aws, "aws_customer_gateway"));
    expect(cgws.map((c) => c.bgp_asn)).toEqual(["65000", "65000"]);
    expect(cgws.map((c) => c.ip_address)).toEqual([
      expect.stringMatching(/cross-stack-output-google_compute_ha_vpn_gateway.*vpn_interfaces0ip_address\}$/),
      expect.stringMatching(/cross-stack-output-google_compute_ha_vpn_gateway.*vpn_interfaces1ip_address\}$/),
    ]);
  });

  test("virtual private gateway has the AWS-side ASN and propagates routes into both route tables", () => {
    expect(onlyResource(aws, "aws_vpn_gateway").amazon_side_asn).toBe("65001");
    expect(Object.keys(resourcesOf(aws, "aws_vpn_gateway_route_propagation"))).toHaveLength(2);
  });

  test("two BGP VPN connections, IKEv2 only, one proposal per phase", () => {
    const connections = Object.values(resourcesOf(aws, "aws_vpn_connection"));
    expect(connections).toHaveLength(2);
    for (const c of connections) {
      expect(c.static_routes_only).toBe(false);
      for (const t of ["tunnel1", "tunnel2"]) {
        expect(c[`${t}_ike_versions`]).toEqual(["ikev2"]);
        expect(c[`${t}_phase1_encryption_algorithms`]).toEqual(["AES256"]);
        expect(c[`${t}_phase2_integrity_algorithms`]).toEqual(["SHA2-256"]);
        expect(c[`${t}_phase1_dh_group_numbers`]).toEqual([14]);
      }
    }
  });

  test("backend security group admits only the proxy-only range and the routed tenant's pods on the service port; the SSM endpoints' only the VPC on 443", () => {
    const rules = Object.values(resourcesOf(aws, "aws_vpc_security_group_ingress_rule"));
    const of = (group: string) => rules.filter((r) => r.security_group_id.startsWith(`\${aws_security_group.${group}_security-group_`));
    expect(of("api-backend")).toEqual([
      expect.objectContaining({ cidr_ipv4: "10.10.30.0/24", from_port: 80, to_port: 80, ip_protocol: "tcp" }),
      expect.objectContaining({ cidr_ipv4: "10.31.0.0/17", from_port: 80, to_port: 80, ip_protocol: "tcp", description: "Routed tenant team-c: pods, over the VPN" }),
    ]);
    expect(of("ssm-endpoints")).toEqual([expect.objectContaining({ cidr_ipv4: "10.0.0.0/16", from_port: 443, to_port: 443, ip_protocol: "tcp" })]);
    expect(rules).toHaveLength(3);
    // No inline rules, so nothing but the rules above (and the backend's one egress to the endpoints) is open.
    for (const sg of Object.values(resourcesOf(aws, "aws_security_group"))) expect([sg.ingress, sg.egress]).toEqual([undefined, undefined]);
  });

  test("backend sits at the configured private IP with IMDSv2 and an encrypted disk, no public IP", () => {
    const instance = onlyResource(aws, "aws_instance");
    expect(instance).toMatchObject({ private_ip: "10.0.20.10", associate_public_ip_address: false });
    expect(instance.ami).toBeUndefined();
    const lt = onlyResource(aws, "aws_launch_template");
    expect(lt.image_id).toBe("resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
    expect(lt.metadata_options).toMatchObject({ http_tokens: "required" });
    expect(lt.block_device_mappings[0].ebs).toMatchObject({ encrypted: "true" });
  });

  test("no internet gateway and no NAT gateway: the VPN is the only way in", () => {
    expect(resourcesOf(aws, "aws_internet_gateway")).toEqual({});
    expect(resourcesOf(aws, "aws_nat_gateway")).toEqual({});
  });
});

describe("tunnels", () => {
  const tunnelList = () => Object.values(resourcesOf(tunnels, "google_compute_vpn_tunnel"));

  test("external VPN gateway has FOUR_IPS_REDUNDANCY over the four AWS outside IPs", () => {
    const gw = onlyResource(tunnels, "google_compute_external_vpn_gateway");
    expect(gw.redundancy_type).toBe("FOUR_IPS_REDUNDANCY");
    expect(gw.interface.map((i: any) => [i.id, i.ip_address.replace(/.*vpn_connection-(\d)_[^t]*(tunnel\d)_address\}$/, "c$1-$2")])).toEqual([
      [0, "c1-tunnel1"],
      [1, "c1-tunnel2"],
      [2, "c2-tunnel1"],
      [3, "c2-tunnel2"],
    ]);
  });

  test("HA interface 0 -> peer interfaces 0 and 1, HA interface 1 -> peer interfaces 2 and 3, IKEv2", () => {
    const mapping = tunnelList().map((t) => [t.vpn_gateway_interface, t.peer_external_gateway_interface]);
    expect(mapping).toEqual([
      [0, 0],
      [0, 1],
      [1, 2],
      [1, 3],
    ]);
    expect(tunnelList().every((t) => t.ike_version === 2)).toBe(true);
  });

  test("Cloud Router: ASN 65000, CUSTOM mode advertising all subnets, the proxy-only range and the routed tenant's node, pod and service ranges", () => {
    expect(onlyResource(tunnels, "google_compute_router").bgp).toMatchObject({
      asn: 65000,
      advertise_mode: "CUSTOM",
      advertised_groups: ["ALL_SUBNETS"],
      advertised_ip_ranges: [{ range: "10.10.30.0/24" }, { range: "10.30.0.0/22" }, { range: "10.31.0.0/17" }, { range: "10.30.8.0/22" }],
    });
  });

  test("four BGP sessions to ASN 65001 at the AWS inside addresses, each on its own interface", () => {
    const peers = Object.values(resourcesOf(tunnels, "google_compute_router_peer"));
    expect(peers).toHaveLength(4);
    expect(peers.every((p) => p.peer_asn === 65001)).toBe(true);
    expect(peers.map((p) => p.peer_ip_address)).toEqual(
      ["1_A07026A0tunnel1", "1_A07026A0tunnel2", "2_EBCB27D6tunnel1", "2_EBCB27D6tunnel2"].map((t) =>
        expect.stringContaining(`vpn_connection-${t}_vgw_inside_address}`),
      ),
    );
    expect(new Set(peers.map((p) => p.interface)).size).toBe(4);
  });
});

describe("consumer", () => {
  test("PSC endpoint: a forwarding rule with an empty scheme targeting the producer's service attachment", () => {
    const fr = onlyResource(consumer, "google_compute_forwarding_rule");
    expect(fr.load_balancing_scheme).toBe("");
    expect(fr.target).toMatch(
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-producer\.outputs\.cross-stack-output-google_compute_service_attachment[^}]*self_link\}$/,
    );
    expect(fr.ip_address).toMatch(/^\$\{google_compute_address\./);
  });

  test("endpoint address comes from the PSC subnet 10.0.20.0/24, which overlaps AWS on purpose", () => {
    const subnets = Object.values(resourcesOf(consumer, "google_compute_subnetwork")).map((s) => s.ip_cidr_range).sort();
    // Nodes, the PSC endpoint, and Cloud Run's Direct VPC egress.
    expect(subnets).toEqual(["10.0.10.0/24", "10.0.20.0/24", "10.0.40.0/24"]);
    expect(resourceUnder(consumer, "google_compute_address", "psc-endpoint")).toMatchObject({ address_type: "INTERNAL", subnetwork: expect.stringContaining("network_psc-subnet") });
  });

  test("GKE is VPC-native with private nodes and no public control-plane endpoint", () => {
    const cluster = onlyResource(consumer, "google_container_cluster");
    expect(cluster.ip_allocation_policy).toEqual({
      cluster_secondary_range_name: "psc-team-a-gke-pods",
      services_secondary_range_name: "psc-team-a-gke-services",
    });
    expect(cluster.private_cluster_config).toMatchObject({ enable_private_nodes: true, enable_private_endpoint: true });
    expect(cluster.deletion_protection).toBe(true);
  });

  test("secondary ranges come from the subnet by the names the cluster uses", () => {
    const gke = Object.values(resourcesOf(consumer, "google_compute_subnetwork")).find((s) => s.secondary_ip_range);
    expect(gke?.secondary_ip_range).toEqual([
      { range_name: "psc-team-a-gke-pods", ip_cidr_range: "10.0.100.0/24" },
      { range_name: "psc-team-a-gke-services", ip_cidr_range: "10.0.200.0/24" },
    ]);
  });

  test("private DNS zone names the endpoint inside the consumer VPC only", () => {
    expect(resourceUnder(consumer, "google_dns_managed_zone", "psc-endpoint")).toMatchObject({ dns_name: "aws-api.internal.", visibility: "private" });
    expect(resourceUnder(consumer, "google_dns_record_set", "psc-endpoint")).toMatchObject({ name: "api.aws-api.internal.", type: "A" });
  });
});

describe("workloads", () => {
  test("Service without selector, with an EndpointSlice to the PSC endpoint address", () => {
    const svc = resourceUnder(workloads, "kubernetes_service_v1", "aws-api");
    expect(svc.spec.selector).toBeUndefined();
    const slice = onlyResource(workloads, "kubernetes_endpoint_slice_v1");
    expect(slice.metadata.labels["kubernetes.io/service-name"]).toBe("aws-api");
    expect(slice.endpoint[0].addresses).toEqual([
      expect.stringMatching(/cross-stack-reference-input-consumer-team-a\.outputs\.cross-stack-output-google_compute_address.*address\}$/),
    ]);
  });
});

describe("whole system", () => {
  test("no stack configures both the google and the aws provider; each stack manages resources of one cloud", () => {
    for (const [name, stack] of Object.entries(byName)) {
      const providers = Object.keys(stack.json.provider ?? {});
      expect(providers.includes("google") && providers.includes("aws")).toBe(false);
      const families = new Set(Object.keys(stack.json.resource ?? {}).map((type) => type.split("_")[0]));
      expect({ name, families: [...families] }).toEqual({ name, families: [name.startsWith("workloads-") ? "kubernetes" : providers[0]] });
      // A workloads stack may read a Google access token for the Kubernetes provider, and nothing else from Google.
      const extra = providers.filter((p) => p !== "kubernetes");
      if (name.startsWith("workloads-")) expect({ name, extra, data: Object.keys(stack.json.data ?? {}).filter((t) => t.startsWith("google_")) }).toEqual({ name, extra: ["google"], data: ["google_client_config"] });
      else expect({ name, providers: providers.length }).toEqual({ name, providers: 1 });
    }
  });

  test("Terraform reads every string as a template: no stack holds a literal `%{` (a directive Terraform would refuse) or a `${` cdktf did not write", () => {
    const openings = Object.entries(byName).flatMap(([name, stack]) => allStrings(stack.json).filter((s) => /(?<!%)%\{|(?<!\$)\$\{(?![a-z])/.test(s)).map((s) => `${name}: ${s}`));
    expect(openings).toEqual([]);
  });

  test("nothing anywhere admits 0.0.0.0/0", () => {
    for (const stack of Object.values(byName)) {
      expect(allStrings(stack.json)).not.toContain("0.0.0.0/0");
    }
  });

  test("every stack keeps state at a relative path, so output is the same on every machine", () => {
    for (const [name, stack] of Object.entries(byName)) {
      expect((stack.json.terraform as any).backend).toEqual({ local: { path: `../../../terraform.example.${name}.tfstate` } });
    }
  });
});
