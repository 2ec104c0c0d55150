import { Construct } from "constructs";
import { AwsBackendIngress } from "../../../constructs/aws/aws-backend-ingress";
import { AwsSiteToSiteVpn, AwsSiteToSiteVpnProps } from "../../../constructs/aws/aws-site-to-site-vpn";
import { AwsVpc, AwsVpcProps } from "../../../constructs/aws/aws-vpc";
import { Problem } from "../../../constructs/core/errors";
import { ValidationError } from "../../../constructs/core/validation";
import { CloudRouterBgp } from "../../../constructs/gcp/cloud-router-bgp";
import { GkeSubnet, GkeSubnetProps } from "../../../constructs/gcp/gke-subnet";
import { HaVpnGateway } from "../../../constructs/gcp/ha-vpn-gateway";
import { HaVpnToAws, HaVpnToAwsProps } from "../../../constructs/gcp/ha-vpn-to-aws";
import { HybridNegLoadBalancer, HybridNegLoadBalancerProps } from "../../../constructs/gcp/hybrid-neg-load-balancer";
import { PrivateGkeCluster, PrivateGkeClusterProps } from "../../../constructs/gcp/private-gke-cluster";
import { ProxyOnlySubnet } from "../../../constructs/gcp/proxy-only-subnet";
import { PscEndpoint, PscEndpointProps } from "../../../constructs/gcp/psc-endpoint";
import { PscNatSubnet } from "../../../constructs/gcp/psc-nat-subnet";
import { ServiceAttachment, ServiceAttachmentProps } from "../../../constructs/gcp/service-attachment";
import { VpcNetwork } from "../../../constructs/gcp/vpc-network";
import { ClusterApiService } from "../../../constructs/k8s/cluster-api-service";
import { BackendInstance, BackendInstanceProps } from "../../../lib/app-constructs/backend-instance";
import { ConnectivityCheck } from "../../../lib/app-constructs/connectivity-check";
import { ConfigError } from "../../../lib/config/problems";
import { network, synth } from "../../constructs/support";
import { configRules } from "../../../lib/config/rules";
import { exampleWith, existingVpcAndBackend, pipelineConfig } from "../../helpers";

// One home per rule: every rule a construct owns refuses the same bad value
// whether it comes from the config (reported at the config path) or from a
// library user's props (reported at the prop). Each row is run both ways.

/** The problems the one-tenant example reports after `edit`. */
function configProblems(edit: (c: any) => void): Problem[] {
  try {
    exampleWith((c) => {
      c.tenants = c.tenants.slice(0, 1);
      edit(c);
    });
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  return [];
}

/** The problems a construct built alone throws. */
function constructProblems(build: (scope: Construct) => void): Problem[] {
  try {
    synth(build);
  } catch (e) {
    if (e instanceof ValidationError) return [...e.problems];
    throw e;
  }
  return [];
}

const REGION = "asia-northeast1";
/** A network or subnet made elsewhere: the rules read values, not references. */
const subnetRef = { id: "s", selfLink: "s", name: "s" };
const gkeSubnet = (s: Construct, props: Partial<GkeSubnetProps> = {}) =>
  new GkeSubnet(s, "gke", { network: subnetRef, name: "nodes", region: REGION, nodesCidr: "10.0.10.0/24", podsCidr: "10.0.100.0/24", servicesCidr: "10.0.200.0/24", ...props });
const cluster = (s: Construct, props: Partial<PrivateGkeClusterProps> = {}, subnet: Partial<GkeSubnetProps> = {}) =>
  new PrivateGkeCluster(s, "c", { name: "c", project: "p-project", location: REGION, network: subnetRef, subnet: gkeSubnet(s, subnet), ...props });
const loadBalancer = (s: Construct, props: Partial<HybridNegLoadBalancerProps> = {}) =>
  new HybridNegLoadBalancer(s, "lb", { name: "lb", region: REGION, network: network(s), subnetwork: subnetRef, endpoints: [{ ipAddress: "10.0.20.10", port: 80 }], ...props });
const awsVpn = (s: Construct, props: Partial<AwsSiteToSiteVpnProps> = {}) =>
  new AwsSiteToSiteVpn(s, "vpn", { name: "x", vpc: { vpcId: "vpc-0123456789abcdef0" }, routeTables: [], amazonSideAsn: 65001, peerIps: ["203.0.113.1", "203.0.113.2"], peerAsn: 65000, ...props });
const vpnToAws = (s: Construct, props: Partial<HaVpnToAwsProps> = {}) => {
  const router = new CloudRouterBgp(s, "router", { name: "router", network: subnetRef, region: REGION, asn: 65000 });
  const haVpnGateway = new HaVpnGateway(s, "ha", { network: subnetRef, name: "ha", region: REGION });
  return new HaVpnToAws(s, "to-aws", { name: "to-aws", router, haVpnGateway, awsVpn: awsVpn(s, { peerIps: [...haVpnGateway.interfaceIps] }), peerAsn: 65001, ...props });
};
const awsVpc = (s: Construct, props: Partial<AwsVpcProps> = {}) =>
  new AwsVpc(s, "v", { name: "x", cidrBlock: "10.0.0.0/16", availabilityZone: "ap-northeast-1a", publicSubnetCidr: "10.0.10.0/24", privateSubnetCidr: "10.0.20.0/24", ...props });
const endpoint = (s: Construct, props: Partial<PscEndpointProps> = {}) =>
  new PscEndpoint(s, "e", { name: "api", region: REGION, network: network(s), subnetwork: { ...subnetRef, ipCidrRange: "10.0.20.0/24" }, serviceAttachment: { id: "sa", selfLink: "sa" }, ...props });
const attachment = (s: Construct, props: Partial<ServiceAttachmentProps> = {}) =>
  new ServiceAttachment(s, "sa", { name: "sa", region: REGION, targetService: "fr", natSubnets: [subnetRef], consumers: [{ project: "a-project", connectionLimit: 1 }], ...props });
const backend = (s: Construct, props: Partial<BackendInstanceProps> = {}) =>
  new BackendInstance(s, "b", { name: "x", vpc: { vpcId: "vpc-0123456789abcdef0" }, subnet: { subnetId: "subnet-0123456789abcdef0", cidrBlock: "10.0.20.0/24" }, privateIp: "10.0.20.10", port: 80, allowedCidrs: ["10.10.30.0/24"], ...props });

interface Row {
  /** The bad value in the config, and the config path that must be blamed. */
  readonly config: (c: any) => void;
  readonly path: string;
  /** The same bad value in a construct's props, and the prop that must be blamed. */
  readonly construct: (scope: Construct) => void;
  readonly field: string;
  /** The rule, as both messages word it. */
  readonly rule: RegExp;
}

const rows: Record<string, Row> = {
  "a region that is not one (us-central)": {
    config: (c) => (c.gcp.region = "us-central"),
    path: "gcp.region",
    construct: (s) => new VpcNetwork(s, "vpc", { name: "vpc" }).addSubnet("a", { name: "a", region: "us-central", ipCidrRange: "10.0.0.0/24" }),
    field: "region",
    rule: /^must be a GCP region like asia-northeast1, got "us-central"/,
  },
  "a zone where a region belongs": {
    config: (c) => (c.gcp.region = "asia-northeast1-a"),
    path: "gcp.region",
    construct: (s) => cluster(s, { location: "asia-northeast1-a" }),
    field: "location",
    rule: /^must be a GCP region like asia-northeast1, got "asia-northeast1-a"\. Fix: use the region asia-northeast1$/,
  },
  "a NEG zone of another region": {
    config: (c) => (c.gcp.negZone = "europe-west1-b"),
    path: "gcp.negZone",
    construct: (s) => loadBalancer(s, { zone: "europe-west1-b" }),
    field: "zone",
    rule: /^must be a zone of (gcp\.)?region asia-northeast1, got "europe-west1-b"\. Fix: e\.g\. asia-northeast1-a$/,
  },
  "a zone that does not exist (europe-west1-a)": {
    config: (c) => ((c.gcp.region = "europe-west1"), (c.gcp.negZone = "europe-west1-a")),
    path: "gcp.negZone",
    construct: (s) => loadBalancer(s, { region: "europe-west1", zone: "europe-west1-a" }),
    field: "zone",
    rule: /^must be a zone that exists: europe-west1 has zones b, c and d/,
  },
  "a Standard pod range that cannot hold the first nodes": {
    config: (c) => (c.tenants[0].gke = { mode: "standard", nodePool: { minNodesPerZone: 2 } }),
    path: "tenants[0].podsCidr",
    construct: (s) => cluster(s, { mode: "standard", nodePool: { minNodesPerZone: 2 } }),
    field: "subnet.podsCidr",
    rule: /^holds 4 nodes of 32 pods \(a \/26 each, .*\), fewer than the 6 nodes the cluster starts with \(2 per zone in 3 zones\)/,
  },
  "a node pool on Autopilot": {
    config: (c) => (c.tenants[0].gke = { nodePool: { machineType: "e2-standard-4" } }),
    path: "tenants[0].gke.nodePool",
    construct: (s) => cluster(s, { nodePool: { machineType: "e2-standard-4" } }),
    field: "nodePool",
    rule: /^is a Standard-mode option: Autopilot manages nodes itself/,
  },
  "pods per node over 256": {
    config: (c) => (c.tenants[0].gke = { mode: "standard", nodePool: { maxPodsPerNode: 300 } }),
    path: "tenants[0].gke.nodePool.maxPodsPerNode",
    construct: (s) => cluster(s, { mode: "standard", nodePool: { maxPodsPerNode: 300 } }),
    field: "nodePool.maxPodsPerNode",
    rule: /^must be a whole number from 8 to 256 \(GKE Standard\), got 300$/,
  },
  "fewer most nodes than fewest": {
    config: (c) => (c.tenants[0].gke = { mode: "standard", nodePool: { minNodesPerZone: 1, maxNodesPerZone: 0 } }),
    path: "tenants[0].gke.nodePool.maxNodesPerZone",
    construct: (s) => cluster(s, { mode: "standard", nodePool: { minNodesPerZone: 1, maxNodesPerZone: 0 } }),
    field: "nodePool.maxNodesPerZone",
    rule: /^must be a whole number of at least 1 and at least .*minNodesPerZone \(1\), got 0$/,
  },
  "a pod range smaller than /24": {
    config: (c) => (c.tenants[0].podsCidr = "10.0.100.0/25"),
    path: "tenants[0].podsCidr",
    construct: (s) => gkeSubnet(s, { podsCidr: "10.0.100.0/25" }),
    field: "podsCidr",
    rule: /^must be between \/9 and \/24 \(GKE pod range sizes\), got "10\.0\.100\.0\/25"\. Fix: use a \/24 or larger$/,
  },
  "a service range smaller than /28": {
    config: (c) => (c.tenants[0].servicesCidr = "10.0.200.0/29"),
    path: "tenants[0].servicesCidr",
    construct: (s) => gkeSubnet(s, { servicesCidr: "10.0.200.0/29" }),
    field: "servicesCidr",
    rule: /^must be between \/16 and \/28 \(GKE service range sizes\)/,
  },
  "pods overlapping nodes": {
    config: (c) => (c.tenants[0].podsCidr = "10.0.10.0/24"),
    path: "tenants[0].podsCidr",
    construct: (s) => gkeSubnet(s, { podsCidr: "10.0.10.0/24" }),
    field: "podsCidr",
    rule: /^must not overlap (tenants\[0\]\.gkeNodesCidr|nodesCidr) 10\.0\.10\.0\/24 in the same VPC/,
  },
  "a control-plane range that is not a /28": {
    config: (c) => (c.tenants[0].gke = { controlPlaneCidr: "172.16.0.0/27" }),
    path: "tenants[0].gke.controlPlaneCidr",
    construct: (s) => cluster(s, { controlPlaneCidr: "172.16.0.0/27" }),
    field: "controlPlaneCidr",
    rule: /^must be a \/28 \(GKE control-plane ranges are exactly \/28\)/,
  },
  "a public authorized network": {
    config: (c) => (c.tenants[0].gke = { authorizedNetworks: [{ cidr: "8.8.8.0/24", displayName: "x" }] }),
    path: "tenants[0].gke.authorizedNetworks[0].cidr",
    construct: (s) => cluster(s, { authorizedNetworks: [{ cidr: "8.8.8.0/24", displayName: "x" }] }),
    field: "authorizedNetworks[0].cidr",
    rule: /^must be a private range/,
  },
  "a proxy-only subnet smaller than /26": {
    config: (c) => (c.gcp.proxyOnlyCidr = "10.10.30.0/27"),
    path: "gcp.proxyOnlyCidr",
    construct: (s) => new ProxyOnlySubnet(s, "p", { network: network(s), name: "p", region: REGION, ipCidrRange: "10.10.30.0/27" }),
    field: "ipCidrRange",
    rule: /^must be between \/8 and \/26 \(a proxy-only subnet needs at least 64 addresses\)/,
  },
  "a PSC NAT subnet smaller than /29": {
    config: (c) => (c.gcp.pscNatCidr = "10.10.10.0/30"),
    path: "gcp.pscNatCidr",
    construct: (s) => new PscNatSubnet(s, "n", { network: network(s), name: "n", region: REGION, ipCidrRange: "10.10.10.0/30" }),
    field: "ipCidrRange",
    rule: /^must be between \/8 and \/29 \(the smallest PSC NAT subnet is a \/29\)/,
  },
  "a GCP subnet smaller than /29": {
    config: (c) => (c.gcp.frontendCidr = "10.10.20.0/30"),
    path: "gcp.frontendCidr",
    construct: (s) => new VpcNetwork(s, "vpc", { name: "vpc" }).addSubnet("a", { name: "a", region: REGION, ipCidrRange: "10.10.20.0/30" }),
    field: "ipCidrRange",
    rule: /^must be between \/8 and \/29 \(GCP subnet sizes\)/,
  },
  "an AWS VPC larger than /16": {
    config: (c) => (c.aws.vpcCidr = "10.0.0.0/12"),
    path: "aws.vpcCidr",
    construct: (s) => awsVpc(s, { cidrBlock: "10.0.0.0/12" }),
    field: "cidrBlock",
    rule: /^must be between \/16 and \/28 \(AWS VPC and subnet sizes\)/,
  },
  "an AWS subnet outside the VPC": {
    config: (c) => ((c.aws.privateSubnetCidr = "10.1.20.0/24"), (c.aws.backend.privateIp = "10.1.20.10")),
    path: "aws.privateSubnetCidr",
    construct: (s) => awsVpc(s, { privateSubnetCidr: "10.1.20.0/24" }),
    field: "privateSubnetCidr",
    rule: /^must lie inside (aws\.vpcCidr|cidrBlock) 10\.0\.0\.0\/16, got "10\.1\.20\.0\/24"$/,
  },
  "a public router ASN": {
    config: (c) => (c.gcp.routerAsn = 15169),
    path: "gcp.routerAsn",
    construct: (s) => new CloudRouterBgp(s, "r", { name: "r", network: network(s), region: REGION, asn: 15169 }),
    field: "asn",
    rule: /^must be a private ASN: 64512-65534 or 4200000000-4294967294 \(RFC 6996\), got 15169$/,
  },
  "one ASN on both sides of eBGP": {
    config: (c) => (c.aws.asn = 65000),
    path: "aws.asn",
    construct: (s) => awsVpn(s, { amazonSideAsn: 65000 }),
    field: "amazonSideAsn",
    rule: /^must differ from (gcp\.routerAsn|peerAsn) 65000 \(the two sides speak eBGP\)/,
  },
  "a tunnel inside CIDR AWS reserves": {
    config: (c) => (c.vpn.insideCidrs = ["169.254.10.0/30", "169.254.2.0/30", "169.254.10.8/30", "169.254.10.12/30"]),
    path: "vpn.insideCidrs[1]",
    construct: (s) => awsVpn(s, { insideCidrs: ["169.254.10.0/30", "169.254.2.0/30", "169.254.10.8/30", "169.254.10.12/30"] }),
    field: "insideCidrs[1]",
    rule: /^must be a \/30 inside 169\.254\.0\.0\/16 with host bits zero, not one AWS reserves/,
  },
  "two tunnels with one inside CIDR": {
    config: (c) => (c.vpn.insideCidrs = ["169.254.10.0/30", "169.254.10.0/30", "169.254.10.8/30", "169.254.10.12/30"]),
    path: "vpn.insideCidrs[1]",
    construct: (s) => awsVpn(s, { insideCidrs: ["169.254.10.0/30", "169.254.10.0/30", "169.254.10.8/30", "169.254.10.12/30"] }),
    field: "insideCidrs[1]",
    rule: /^must differ from every other tunnel's/,
  },
  "a DH group Cloud VPN does not offer": {
    config: (c) => (c.vpn.dhGroup = 2),
    path: "vpn.dhGroup",
    construct: (s) => awsVpn(s, { dhGroup: 2 as any }),
    field: "dhGroup",
    rule: /^must be 14, 19, 20 or 21 \(the groups both AWS and Cloud VPN support\), got 2$/,
  },
  "three route priorities for four BGP sessions": {
    config: (c) => (c.vpn.routePriorities = [100, 100, 200]),
    path: "vpn.routePriorities",
    construct: (s) => vpnToAws(s, { routePriorities: [100, 100, 200] }),
    field: "routePriorities",
    rule: /^must list exactly 4 priorities, one per BGP session, got a list of 3/,
  },
  "a route priority over 65535": {
    config: (c) => (c.vpn.routePriorities = [100, 100, 100, 70000]),
    path: "vpn.routePriorities[3]",
    construct: (s) => vpnToAws(s, { routePriorities: [100, 100, 100, 70000] }),
    field: "routePriorities[3]",
    rule: /0-65535.*got 70000/,
  },
  "a PSC endpoint address outside its subnet": {
    config: (c) => (c.tenants[0].pscEndpointIp = "10.0.21.10"),
    path: "tenants[0].pscEndpointIp",
    construct: (s) => endpoint(s, { ipAddress: "10.0.21.10" }),
    field: "ipAddress",
    rule: /^must lie inside (tenants\[0\]\.pscEndpointCidr|subnetwork) 10\.0\.20\.0\/24, got "10\.0\.21\.10"$/,
  },
  "a PSC endpoint address GCP reserves": {
    config: (c) => (c.tenants[0].pscEndpointIp = "10.0.20.255"),
    path: "tenants[0].pscEndpointIp",
    construct: (s) => endpoint(s, { ipAddress: "10.0.20.255" }),
    field: "ipAddress",
    rule: /^is one of the four addresses GCP reserves in 10\.0\.20\.0\/24/,
  },
  "a DNS name without the final dot": {
    config: (c) => (c.service.dnsName = "api.aws-api.internal"),
    path: "service.dnsName",
    construct: (s) => endpoint(s, { dnsName: "api.aws-api.internal" }),
    field: "dnsName",
    rule: /^must be a fully qualified name of at least two labels ending with '\.' \(each label lowercase letters, digits and '-'\), like api\.aws-api\.internal\., got "api\.aws-api\.internal"$/,
  },
  "an attachment domain without the final dot": {
    config: (c) => (c.service.attachmentDomainName = "example.com"),
    path: "service.attachmentDomainName",
    construct: (s) => attachment(s, { domainName: "example.com" }),
    field: "domainName",
    rule: /^must be a fully qualified name of at least two labels ending with '\.'/,
  },
  "one project accepted twice": {
    config: (c) => c.tenants.push({ ...c.tenants[0], name: "team-b" }),
    path: "tenants[1].project",
    construct: (s) => attachment(s, { consumers: [{ project: "a-project", connectionLimit: 1 }, { project: "a-project", connectionLimit: 1 }] }),
    field: "consumers[1].project",
    rule: /^must be unique: the service attachment accepts each project once \(also (tenants|consumers)\[0\]\.project\)/,
  },
  "a health check path without '/'": {
    config: (c) => (c.service.healthCheckPath = "health"),
    path: "service.healthCheckPath",
    construct: (s) => loadBalancer(s, { healthCheckPath: "health" }),
    field: "healthCheckPath",
    rule: /^must be an HTTP path starting with '\/', without spaces, got "health"\. Fix: write \/health$/,
  },
  "a service port out of range": {
    config: (c) => (c.service.port = 70000),
    path: "service.port",
    construct: (s) => loadBalancer(s, { port: 70000 }),
    field: "port",
    rule: /^must be a port, 1-65535, got 70000$/,
  },
  "a namespace the cluster owns": {
    config: (c) => (c.tenants[0].namespace = "kube-system"),
    path: "tenants[0].namespace",
    construct: (s) => new ClusterApiService(s, "api", { namespace: "kube-system", targetIp: "10.0.20.5" }),
    field: "namespace",
    rule: /^must be a namespace of its own, not default, kube-\* or gke-\*/,
  },
  "a check image that is not an image reference": {
    config: (c) => (c.tenants[0].checkImage = "not an image"),
    path: "tenants[0].checkImage",
    construct: (s) => new ConnectivityCheck(s, "check", { namespace: "aws-api", url: "http://api/", image: "not an image" }),
    field: "image",
    rule: /^must be a container image reference like gcr\.io\/project\/image:tag, got "not an image"$/,
  },
  "a backend address AWS reserves": {
    config: (c) => (c.aws.backend.privateIp = "10.0.20.1"),
    path: "aws.backend.privateIp",
    construct: (s) => backend(s, { privateIp: "10.0.20.1" }),
    field: "privateIp",
    rule: /^is one of the five addresses AWS reserves in 10\.0\.20\.0\/24 \(the first four and the last\), got "10\.0\.20\.1"\. Fix: use one of 10\.0\.20\.4-10\.0\.20\.254$/,
  },
  "a flow log share over 1": {
    config: (c) => (c.observability = { gcpFlowLogSampling: 1.5 }),
    path: "observability.gcpFlowLogSampling",
    construct: (s) => gkeSubnet(s, { flowLogSampling: 1.5 }),
    field: "flowLogSampling",
    rule: /^must be a share from 0 to 1 \(0 turns logging off, 1 logs everything\), got 1\.5$/,
  },
  "a load balancer log share below 0": {
    config: (c) => (c.observability = { loadBalancerLogSampling: -0.5 }),
    path: "observability.loadBalancerLogSampling",
    construct: (s) => loadBalancer(s, { logSampling: -0.5 }),
    field: "logSampling",
    rule: /^must be a share from 0 to 1 \(0 turns logging off, 1 logs everything\), got -0\.5$/,
  },
  "a malformed AMI id": {
    config: (c) => (c.aws.backend.amiId = "ami-xyz"),
    path: "aws.backend.amiId",
    construct: (s) => backend(s, { amiId: "ami-xyz" }),
    field: "amiId",
    rule: /^must be an id like ami-0123456789abcdef0, got "ami-xyz"$/,
  },
  "a backend address outside its subnet": {
    config: (c) => (c.aws.backend.privateIp = "10.0.10.10"),
    path: "aws.backend.privateIp",
    construct: (s) => backend(s, { privateIp: "10.0.10.10" }),
    field: "privateIp",
    rule: /^must lie inside (aws\.privateSubnetCidr|subnet) 10\.0\.20\.0\/24, got "10\.0\.10\.10"$/,
  },
  "an existing VPC's id that is not one": {
    config: (c) => {
      existingVpcAndBackend("vgw")(c);
      c.aws.existingVpc.vpcId = "vpc-1";
    },
    path: "aws.existingVpc.vpcId",
    construct: (s) => awsVpn(s, { vpc: { vpcId: "vpc-1" } }),
    field: "vpc",
    rule: /^must be an id like vpc-0123456789abcdef0, got "vpc-1"$/,
  },
  "an existing VPC's second route table id that is not one": {
    config: (c) => {
      existingVpcAndBackend("vgw")(c);
      c.aws.existingVpc.routeTableIds[1] = "rtb-x";
    },
    path: "aws.existingVpc.routeTableIds[1]",
    construct: (s) => awsVpn(s, { routeTables: [{ routeTableId: "rtb-0123456789abcdef0" }, { routeTableId: "rtb-x" }] }),
    field: "routeTables[1]",
    rule: /^must be an id like rtb-0123456789abcdef0, got "rtb-x"$/,
  },
  "a transit gateway attachment subnet id that is not one": {
    config: (c) => {
      existingVpcAndBackend("tgw")(c);
      c.aws.existingVpc.attachmentSubnetIds[0] = "subnet-x";
    },
    path: "aws.existingVpc.attachmentSubnetIds[0]",
    construct: (s) => awsVpn(s, { termination: "tgw", attachmentSubnets: [{ subnetId: "subnet-x" }] }),
    field: "attachmentSubnets[0]",
    rule: /^must be an id like subnet-0123456789abcdef0, got "subnet-x"$/,
  },
  "an existing API's security group id that is not one": {
    config: (c) => {
      existingVpcAndBackend("vgw")(c);
      c.aws.backend.existing.securityGroupId = "api-sg";
    },
    path: "aws.backend.existing.securityGroupId",
    construct: (s) => new AwsBackendIngress(s, "ingress", { securityGroupId: "api-sg", port: 80, allowedCidrs: ["10.10.30.0/24"] }),
    field: "securityGroupId",
    rule: /^must be an id like sg-0123456789abcdef0, got "api-sg"$/,
  },
};

describe.each(Object.entries(rows))("%s", (_name, row) => {
  test("fails through the config, at the config path", () => {
    // GIVEN the one-tenant example WHEN the value is set in the config THEN the rule names the config path
    const problems = configProblems(row.config);
    expect(problems.filter((p) => p.path === row.path).map((p) => p.message)).toContainEqual(expect.stringMatching(row.rule));
    // AND no problem names a construct's prop instead of a config path, as its path or among those it involves
    expect(problems.filter((p) => [p.path, ...(p.involves ?? [])].some((path) => path.startsWith("("))).map((p) => `${p.path} (${p.involves}): ${p.message}`)).toEqual([]);
  });

  test("fails through the construct alone, at the prop", () => {
    // GIVEN a construct used without the config WHEN the prop holds the value THEN the same rule names the prop
    const problems = constructProblems(row.construct);
    expect(problems.filter((p) => p.path === row.field).map((p) => p.message)).toContainEqual(expect.stringMatching(row.rule));
  });
});

test("the table covers every construct the config runs a rule of", () => {
  expect(Object.keys(rows).length).toBeGreaterThanOrEqual(30);
});

test("a region missing from a cloud's list is a warning (not an error), once, at the config path that sets it", () => {
  const config = pipelineConfig((c) => {
    c.gcp.region = "asia-northeast9";
    c.aws.region = "ap-northeast-9";
    c.aws.availabilityZone = "ap-northeast-9a";
    c.state.s3.region = "eu-south-9";
  });
  const { errors, warnings } = configRules(config);
  expect(errors).toEqual([]);
  const unknown = (cloud: string, got: string, known: string) =>
    `is not ${cloud} region this app knows (a typo, or a region newer than its list in constructs/core/regions.ts), got "${got}". Fix: did you mean ${known}?`;
  expect(warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
    `gcp.region: ${unknown("a GCP", "asia-northeast9", "asia-northeast1")}`,
    `aws.region: ${unknown("an AWS", "ap-northeast-9", "ap-northeast-1")}`,
    `state.s3.region: ${unknown("an AWS", "eu-south-9", "eu-south-1")}`,
  ]);
});
