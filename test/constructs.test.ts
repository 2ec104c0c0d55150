import { VpnConnection } from "@cdktf/provider-aws/lib/vpn-connection";
import { ComputeNetwork } from "@cdktf/provider-google/lib/compute-network";
import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { AwsSiteToSiteVpn } from "../constructs/aws/aws-site-to-site-vpn";
import { AwsVpc } from "../constructs/aws/aws-vpc";
import { BackendInstance } from "../lib/app-constructs/backend-instance";
import { CloudRouterBgp } from "../constructs/gcp/cloud-router-bgp";
import { ClusterApiService } from "../constructs/k8s/cluster-api-service";
import { ExternalVpnGateway } from "../constructs/gcp/external-vpn-gateway";
import { GkeSubnet } from "../constructs/gcp/gke-subnet";
import { HaVpnGateway } from "../constructs/gcp/ha-vpn-gateway";
import { HybridNegLoadBalancer } from "../constructs/gcp/hybrid-neg-load-balancer";
import { PrivateGkeCluster } from "../constructs/gcp/private-gke-cluster";
import { ProxyOnlySubnet } from "../constructs/gcp/proxy-only-subnet";
import { PscEndpoint } from "../constructs/gcp/psc-endpoint";
import { PscNatSubnet } from "../constructs/gcp/psc-nat-subnet";
import { ServiceAttachment } from "../constructs/gcp/service-attachment";
import { VpcNetwork } from "../constructs/gcp/vpc-network";
import { VpnTunnelPair } from "../constructs/gcp/vpn-tunnel-pair";

// Each construct used alone, as another team's app would from the package:
// what it makes, and how it refuses bad props (field, value, rule).

/** A network made outside the construct under test. */
function network(scope: Construct): ComputeNetwork {
  return new ComputeNetwork(scope, "net", { name: "net", autoCreateSubnetworks: false });
}

/** An AWS VPN connection, so tunnel values are real tokens (as across stacks). */
function awsConnection(scope: Construct): VpnConnection {
  return new VpnConnection(scope, "aws-connection", { type: "ipsec.1", customerGatewayId: "cgw-1", vpnGatewayId: "vgw-1" });
}

function synth(build: (scope: Construct) => void): string {
  return Testing.synthScope((scope) => build(scope));
}

describe("VpcNetwork", () => {
  test("custom mode, global routing by default; subnets get Private Google Access", () => {
    const out = synth((s) => new VpcNetwork(s, "vpc", { name: "prod" }).addSubnet("a", { name: "a", region: "europe-west1", ipCidrRange: "10.1.0.0/24" }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_network" }, { auto_create_subnetworks: false, routing_mode: "GLOBAL" });
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_subnetwork" }, { private_ip_google_access: true, ip_cidr_range: "10.1.0.0/24" });
  });

  test("fails when the name is not a GCP name", () => {
    expect(() => synth((s) => new VpcNetwork(s, "vpc", { name: "Prod_VPC" }))).toThrow(/name: must be a GCP resource name.*got "Prod_VPC"/);
  });

  test("fails when a subnet range has host bits set", () => {
    expect(() =>
      synth((s) => new VpcNetwork(s, "vpc", { name: "prod" }).addSubnet("a", { name: "a", region: "europe-west1", ipCidrRange: "10.1.0.5/24" })),
    ).toThrow(/ipCidrRange: must have its host bits zero, got "10.1.0.5\/24"\. Fix: write 10\.1\.0\.0\/24/);
  });

  test("fails when a subnet range is public or smaller than GCP allows, listing both", () => {
    expect(() => synth((s) => new VpcNetwork(s, "vpc", { name: "prod" }).addSubnet("a", { name: "a", region: "europe-west1", ipCidrRange: "8.8.8.0/24" }))).toThrow(
      /ipCidrRange: must be a private range: .*got "8.8.8.0\/24"/,
    );
    expect(() => synth((s) => new VpcNetwork(s, "vpc", { name: "prod" }).addSubnet("a", { name: "a", region: "europe-west1", ipCidrRange: "10.0.0.0/30" }))).toThrow(
      /ipCidrRange: must be between \/8 and \/29 \(GCP subnet sizes\), got "10.0.0.0\/30"/,
    );
  });
});

describe("ProxyOnlySubnet and PscNatSubnet", () => {
  test("proxy-only: purpose REGIONAL_MANAGED_PROXY, role ACTIVE", () => {
    const out = synth((s) => new ProxyOnlySubnet(s, "p", { network: network(s), name: "proxy", region: "europe-west1", ipCidrRange: "10.2.0.0/26" }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_subnetwork" }, { purpose: "REGIONAL_MANAGED_PROXY", role: "ACTIVE" });
  });

  test("PSC NAT: purpose PRIVATE_SERVICE_CONNECT", () => {
    const out = synth((s) => new PscNatSubnet(s, "n", { network: network(s), name: "nat", region: "europe-west1", ipCidrRange: "10.3.0.0/29" }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_subnetwork" }, { purpose: "PRIVATE_SERVICE_CONNECT" });
  });

  test("fails when the proxy-only subnet is smaller than /26", () => {
    expect(() => synth((s) => new ProxyOnlySubnet(s, "p", { network: network(s), name: "proxy", region: "europe-west1", ipCidrRange: "10.2.0.0/27" }))).toThrow(
      /ProxyOnlySubnet .*ipCidrRange: must be between \/8 and \/26 \(a proxy-only subnet needs at least 64 addresses\), got "10.2.0.0\/27"\. Fix: e\.g\. 10\.2\.0\.0\/26/s,
    );
  });

  test("fails when the PSC NAT subnet is smaller than /29", () => {
    expect(() => synth((s) => new PscNatSubnet(s, "n", { network: network(s), name: "nat", region: "europe-west1", ipCidrRange: "10.3.0.0/30" }))).toThrow(
      /ipCidrRange: must be between \/8 and \/29 \(the smallest PSC NAT subnet is a \/29\)/,
    );
  });

  test("fails when the range is public, listing every problem at once", () => {
    const error = () => synth((s) => new PscNatSubnet(s, "n", { network: network(s), name: "Bad", region: "europe-west1", ipCidrRange: "8.8.8.0/30" }));
    expect(error).toThrow(/name: must be a GCP resource name/);
    expect(error).toThrow(/ipCidrRange: must be a private range/);
    expect(error).toThrow(/ipCidrRange: must be between \/8 and \/29 \(the smallest PSC NAT subnet is a \/29\)/);
  });
});

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

describe("ServiceAttachment", () => {
  const nat = (s: Construct) => new PscNatSubnet(s, "nat", { network: network(s), name: "nat", region: "europe-west1", ipCidrRange: "10.3.0.0/29" });

  test("ACCEPT_MANUAL with the accept list by default", () => {
    const out = synth((s) => new ServiceAttachment(s, "sa", { name: "sa", region: "europe-west1", targetService: "fr", natSubnets: [nat(s)], consumers: [{ project: "tenant-one", connectionLimit: 5 }] }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_service_attachment" }, {
      connection_preference: "ACCEPT_MANUAL",
      consumer_accept_lists: [{ project_id_or_num: "tenant-one", connection_limit: 5 }],
      enable_proxy_protocol: false,
    });
  });

  test("ACCEPT_AUTOMATIC only as an explicit opt-in", () => {
    const out = synth((s) => new ServiceAttachment(s, "sa", { name: "sa", region: "europe-west1", targetService: "fr", natSubnets: [nat(s)], consumers: [], acceptAllConsumers: true }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_service_attachment" }, { connection_preference: "ACCEPT_AUTOMATIC" });
  });

  test("fails when no NAT subnet is given", () => {
    expect(() => synth((s) => new ServiceAttachment(s, "sa", { name: "sa", region: "europe-west1", targetService: "fr", natSubnets: [], consumers: [] }))).toThrow(
      /natSubnets: must list at least one PSC NAT subnet/,
    );
  });

  test("fails when a project is listed twice", () => {
    const consumers = [
      { project: "tenant-one", connectionLimit: 5 },
      { project: "tenant-one", connectionLimit: 2 },
    ];
    expect(() => synth((s) => new ServiceAttachment(s, "sa", { name: "sa", region: "europe-west1", targetService: "fr", natSubnets: [nat(s)], consumers }))).toThrow(
      /consumers\[1\].project: must appear once in the accept list \(also consumers\[0\].project\), got "tenant-one"/,
    );
  });
});

describe("CloudRouterBgp", () => {
  test("CUSTOM advertisement: all subnets plus the given ranges", () => {
    const out = synth((s) => new CloudRouterBgp(s, "r", { name: "router", network: network(s), region: "europe-west1", asn: 64600, advertisedRanges: ["10.10.30.0/24"] }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_router" }, {
      bgp: { asn: 64600, advertise_mode: "CUSTOM", advertised_groups: ["ALL_SUBNETS"], advertised_ip_ranges: [{ range: "10.10.30.0/24" }], keepalive_interval: 20 },
    });
  });

  test("fails when the ASN is public", () => {
    expect(() => synth((s) => new CloudRouterBgp(s, "r", { name: "router", network: network(s), region: "europe-west1", asn: 15169 }))).toThrow(
      /asn: must be a private ASN: 64512-65534 or 4200000000-4294967294 \(RFC 6996\), got 15169/,
    );
  });
});

describe("VpnTunnelPair", () => {
  function pair(s: Construct, overrides: Partial<ConstructorParameters<typeof VpnTunnelPair>[2]> = {}) {
    const net = network(s);
    const conn = awsConnection(s);
    const router = new CloudRouterBgp(s, "router", { name: "router", network: net, region: "europe-west1", asn: 65000 });
    const ha = new HaVpnGateway(s, "ha", { network: net, name: "ha", region: "europe-west1" });
    const peer = new ExternalVpnGateway(s, "peer", { name: "peer", interfaceIps: [conn.tunnel1Address, conn.tunnel2Address] });
    return new VpnTunnelPair(s, "pair", {
      name: "aws-1",
      router,
      haVpnGateway: ha,
      haInterface: 1,
      peerGateway: peer,
      peerAsn: 65001,
      tunnels: [
        { peerInterface: 0, sharedSecret: conn.tunnel1PresharedKey, insideAddress: conn.tunnel1CgwInsideAddress, peerInsideAddress: conn.tunnel1VgwInsideAddress },
        { peerInterface: 1, sharedSecret: conn.tunnel2PresharedKey, insideAddress: conn.tunnel2CgwInsideAddress, peerInsideAddress: conn.tunnel2VgwInsideAddress },
      ],
      ...overrides,
    });
  }

  test("two IKEv2 tunnels on one HA interface, with interfaces and BGP peers; tokens pass validation", () => {
    const out = synth((s) => pair(s));
    const json = JSON.parse(out);
    const tunnels = Object.values<any>(json.resource.google_compute_vpn_tunnel);
    expect(tunnels.map((t) => [t.vpn_gateway_interface, t.peer_external_gateway_interface, t.ike_version])).toEqual([
      [1, 0, 2],
      [1, 1, 2],
    ]);
    expect(tunnels.map((t) => t.shared_secret)).toEqual(["${aws_vpn_connection.aws-connection.tunnel1_preshared_key}", "${aws_vpn_connection.aws-connection.tunnel2_preshared_key}"]);
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_router_interface" }, { ip_range: "${aws_vpn_connection.aws-connection.tunnel1_cgw_inside_address}/30" });
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_router_peer" }, { peer_asn: 65001, peer_ip_address: "${aws_vpn_connection.aws-connection.tunnel2_vgw_inside_address}" });
  });

  test("fails when a pre-shared key is a literal, without printing it", () => {
    const build = () =>
      synth((s) =>
        pair(s, {
          tunnels: [
            { peerInterface: 0, sharedSecret: "hunter2hunter2", insideAddress: "169.254.10.2", peerInsideAddress: "169.254.10.1" },
            { peerInterface: 1, sharedSecret: "hunter2hunter2", insideAddress: "169.254.10.6", peerInsideAddress: "169.254.10.5" },
          ],
        }),
      );
    expect(build).toThrow(/tunnels\[0\].sharedSecret: must be a reference to a resource attribute/);
    expect(build).not.toThrow(/hunter2/);
  });

  test("fails when the two ends of a BGP session are not the two hosts of one /30", () => {
    const literal = (insideAddress: string, peerInsideAddress: string) => () =>
      synth((s) => {
        const conn = new VpnConnection(s, "keys", { type: "ipsec.1", customerGatewayId: "cgw-1", vpnGatewayId: "vgw-1" });
        pair(s, {
          tunnels: [
            { peerInterface: 0, sharedSecret: conn.tunnel1PresharedKey, insideAddress, peerInsideAddress },
            { peerInterface: 1, sharedSecret: conn.tunnel2PresharedKey, insideAddress: "169.254.10.6", peerInsideAddress: "169.254.10.5" },
          ],
        });
      });
    expect(literal("169.254.10.0", "169.254.10.1")).toThrow(/tunnels\[0\].insideAddress: must be a host address of its \/30 169.254.10.0\/30 \(169.254.10.1 or 169.254.10.2\), got "169.254.10.0"/);
    expect(literal("169.254.10.2", "169.254.20.1")).toThrow(/tunnels\[0\].peerInsideAddress: must be the other host address of insideAddress's \/30 169.254.10.0\/30 \(169.254.10.1\), got "169.254.20.1"/);
    expect(literal("169.254.10.2", "169.254.10.2")).toThrow(/tunnels\[0\].peerInsideAddress: must be the other host address/);
    expect(literal("169.254.10.2", "169.254.10.1")).not.toThrow();
  });

  test("fails when the HA interface does not exist", () => {
    expect(() => synth((s) => pair(s, { haInterface: 2 }))).toThrow(/haInterface: must be 0 or 1 .*got 2/);
  });

  test("fails when the peer ASN equals the router's", () => {
    expect(() => synth((s) => pair(s, { peerAsn: 65000 }))).toThrow(/peerAsn: must differ from the router's ASN 65000 \(eBGP\), got 65000/);
  });
});

describe("ExternalVpnGateway", () => {
  test("redundancy follows the number of interfaces", () => {
    const out = synth((s) => new ExternalVpnGateway(s, "g", { name: "aws", interfaceIps: ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"] }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_external_vpn_gateway" }, { redundancy_type: "FOUR_IPS_REDUNDANCY" });
  });

  test("fails with three interfaces", () => {
    expect(() => synth((s) => new ExternalVpnGateway(s, "g", { name: "aws", interfaceIps: ["203.0.113.1", "203.0.113.2", "203.0.113.3"] }))).toThrow(
      /interfaceIps: must list 1, 2 or 4 addresses, got 3$/m,
    );
  });
});

describe("AwsVpc", () => {
  test("fails when a subnet lies outside the VPC", () => {
    expect(() =>
      synth((s) => new AwsVpc(s, "v", { name: "x", cidrBlock: "10.0.0.0/16", availabilityZone: "ap-northeast-1a", publicSubnetCidr: "10.0.10.0/24", privateSubnetCidr: "10.1.20.0/24" })),
    ).toThrow(/privateSubnetCidr: must lie inside cidrBlock 10.0.0.0\/16, got "10.1.20.0\/24"/);
  });

  test("fails on sizes AWS does not allow", () => {
    expect(() =>
      synth((s) => new AwsVpc(s, "v", { name: "x", cidrBlock: "10.0.0.0/8", availabilityZone: "ap-northeast-1a", publicSubnetCidr: "10.0.10.0/29", privateSubnetCidr: "10.0.20.0/24" })),
    ).toThrow(/cidrBlock: must be between \/16 and \/28 \(AWS VPC and subnet sizes\), got "10.0.0.0\/8"\. Fix: e\.g\. 10\.0\.0\.0\/16\n.*publicSubnetCidr: must be between \/16 and \/28/);
  });
});

describe("AwsSiteToSiteVpn", () => {
  const base = { name: "x", vpc: { vpcId: "vpc-1" }, routeTables: [{ routeTableId: "rtb-1" }], amazonSideAsn: 65001, peerIps: ["203.0.113.1", "203.0.113.2"], peerAsn: 65000 };

  test("allocates four distinct inside /30s and one explicit IKEv2 proposal per phase", () => {
    const json = JSON.parse(synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, dhGroup: 20 })));
    const connections = Object.values<any>(json.resource.aws_vpn_connection);
    expect(connections.flatMap((c) => [c.tunnel1_inside_cidr, c.tunnel2_inside_cidr])).toEqual([
      "169.254.10.0/30",
      "169.254.10.4/30",
      "169.254.10.8/30",
      "169.254.10.12/30",
    ]);
    expect(connections[0]).toMatchObject({ tunnel1_phase1_dh_group_numbers: [20], tunnel2_phase2_dh_group_numbers: [20], tunnel2_ike_versions: ["ikev2"] });
  });

  test("a 4-byte peer ASN goes in the customer gateway's extended field", () => {
    const out = synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, peerAsn: 4200000001 }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "aws_customer_gateway" }, { bgp_asn_extended: "4200000001" });
    expect(out).not.toHaveResourceWithProperties({ tfResourceType: "aws_customer_gateway" }, { bgp_asn: "4200000001" });
  });

  test("a 2-byte peer ASN stays in bgp_asn", () => {
    const json = JSON.parse(synth((s) => new AwsSiteToSiteVpn(s, "vpn", base)));
    expect(Object.values<any>(json.resource.aws_customer_gateway).map((c) => [c.bgp_asn, c.bgp_asn_extended])).toEqual([
      ["65000", undefined],
      ["65000", undefined],
    ]);
  });

  test("fails when an inside CIDR is one AWS reserves", () => {
    expect(() =>
      synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, insideCidrs: ["169.254.1.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"] })),
    ).toThrow(/insideCidrs\[0\]: must be a \/30 inside 169.254.0.0\/16 with host bits zero, not one AWS reserves.*got "169.254.1.0\/30"/);
  });

  test("fails on a repeated peer IP, or more peers than an HA VPN gateway has interfaces", () => {
    expect(() => synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, peerIps: ["203.0.113.1", "203.0.113.1"] }))).toThrow(/peerIps\[1\]: must differ from peerIps\[0\]/);
    expect(() => synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, peerIps: ["203.0.113.1", "203.0.113.2", "203.0.113.3"] }))).toThrow(/peerIps: must list 1 or 2 peer IPs/);
  });

  test("fails on a range listed twice for the transit gateway's routes", () => {
    const tgw = { ...base, termination: "tgw" as const, attachmentSubnets: [{ subnetId: "subnet-1" }], peerCidrs: ["10.10.30.0/24", "10.10.30.0/24"] };
    expect(() => synth((s) => new AwsSiteToSiteVpn(s, "vpn", tgw))).toThrow(/peerCidrs\[1\]: must differ from peerCidrs\[0\] \(one route per range and table\), got "10.10.30.0\/24"/);
  });

  test("fails when two tunnels share an inside CIDR", () => {
    expect(() =>
      synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, insideCidrs: ["169.254.10.0/30", "169.254.10.0/30", "169.254.10.8/30", "169.254.10.12/30"] })),
    ).toThrow(/insideCidrs\[1\]: must differ from every other tunnel's \(also insideCidrs\[0\]\)/);
  });
});

describe("BackendInstance", () => {
  const base = { name: "x", vpc: { vpcId: "vpc-1" }, subnet: { subnetId: "subnet-1", cidrBlock: "10.0.20.0/24" }, privateIp: "10.0.20.10", port: 80 };

  test("fails when a source range is the whole internet", () => {
    expect(() => synth((s) => new BackendInstance(s, "b", { ...base, allowedCidrs: ["0.0.0.0/0"] }))).toThrow(
      /allowedCidrs\[0\]: must be a private range: .*got "0.0.0.0\/0"/,
    );
  });

  test("an explicit AMI id replaces the SSM lookup", () => {
    const out = synth((s) => new BackendInstance(s, "b", { ...base, allowedCidrs: ["10.10.30.0/24"], amiId: "ami-0123456789abcdef0" }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "aws_launch_template" }, { image_id: "ami-0123456789abcdef0" });
  });
});

describe("GkeSubnet and PrivateGkeCluster", () => {
  test("the cluster uses the subnet's secondary ranges by name", () => {
    const out = synth((s) => {
      const net = network(s);
      const subnet = new GkeSubnet(s, "gke", { network: net, name: "nodes", region: "europe-west1", nodesCidr: "10.0.0.0/24", podsCidr: "10.1.0.0/20", servicesCidr: "10.2.0.0/24" });
      new PrivateGkeCluster(s, "c", { name: "c1", location: "europe-west1", network: net, subnet });
    });
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_container_cluster" }, {
      ip_allocation_policy: { cluster_secondary_range_name: "nodes-pods", services_secondary_range_name: "nodes-services" },
      private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: true },
      enable_autopilot: true,
      deletion_protection: true,
    });
  });

  test("fails when the control-plane range is not a /28", () => {
    expect(() =>
      synth((s) => {
        const net = network(s);
        const subnet = new GkeSubnet(s, "gke", { network: net, name: "nodes", region: "europe-west1", nodesCidr: "10.0.0.0/24", podsCidr: "10.1.0.0/20", servicesCidr: "10.2.0.0/24" });
        new PrivateGkeCluster(s, "c", { name: "c1", location: "europe-west1", network: net, subnet, controlPlaneCidr: "172.16.0.0/27" });
      }),
    ).toThrow(/controlPlaneCidr: must be a \/28 \(GKE control-plane ranges are exactly \/28\), got "172.16.0.0\/27"/);
  });

  test("fails when pods and services overlap", () => {
    expect(() =>
      synth((s) => new GkeSubnet(s, "gke", { network: network(s), name: "nodes", region: "europe-west1", nodesCidr: "10.0.0.0/24", podsCidr: "10.1.0.0/20", servicesCidr: "10.1.0.0/24" })),
    ).toThrow(/servicesCidr: must not overlap podsCidr 10.1.0.0\/20 in the same VPC, got "10.1.0.0\/24"/);
  });

  test("fails when the cluster name is too long for GKE", () => {
    expect(() =>
      synth((s) => {
        const net = network(s);
        const subnet = new GkeSubnet(s, "gke", { network: net, name: "nodes", region: "europe-west1", nodesCidr: "10.0.0.0/24", podsCidr: "10.1.0.0/20", servicesCidr: "10.2.0.0/24" });
        new PrivateGkeCluster(s, "c", { name: "a".repeat(41), location: "europe-west1", network: net, subnet });
      }),
    ).toThrow(/name: .*at most 40 characters/);
  });
});

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

describe("ClusterApiService", () => {
  test("a selector-less Service and an EndpointSlice to the target IP", () => {
    const out = synth((s) => new ClusterApiService(s, "api", { namespace: "team", targetIp: "10.0.20.5", port: 8080 }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "kubernetes_endpoint_slice_v1" }, { endpoint: [expect.objectContaining({ addresses: ["10.0.20.5"] })] });
  });

  test("exposes the in-cluster URL", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    expect(new ClusterApiService(stack, "api", { namespace: "team", targetIp: "10.0.20.5", port: 8080 }).url).toBe("http://aws-api.team.svc.cluster.local:8080");
  });

  test("fails when the namespace is one the cluster owns", () => {
    expect(() => synth((s) => new ClusterApiService(s, "api", { namespace: "default", targetIp: "10.0.20.5" }))).toThrow(/namespace: must be a namespace of its own, not default, kube-\* or gke-\*.*got "default"/);
  });

  test("fails when the namespace is not a DNS label", () => {
    expect(() => synth((s) => new ClusterApiService(s, "api", { namespace: "Team_A", targetIp: "10.0.20.5" }))).toThrow(/namespace: must be a Kubernetes DNS label.*got "Team_A"/);
  });
});
