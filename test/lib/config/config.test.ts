import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadConfig, parseConfig, validateConfig } from "../../../lib/config/load";
import { EXAMPLE_CONFIG_FILE, exampleConfig, exampleInput, problemsOf as exampleProblems } from "../../helpers";

/** The example reduced to its first tenant, so each case below changes one thing. */
const oneTenant = (edit: (c: any) => void) => (c: any) => {
  c.tenants = c.tenants.slice(0, 1);
  edit(c);
};

/** The problems a variant of the one-tenant example produces, as `path: message` lines. */
function problemsOf(edit: (c: any) => void): string[] {
  return exampleProblems(oneTenant(edit));
}

function warningsOf(edit: (c: any) => void): string[] {
  const input = exampleInput() as any;
  oneTenant(edit)(input);
  return validateConfig(input).warnings.map((w) => `${w.path}: ${w.message}`);
}

const tenant0 = (c: any) => c.tenants[0];

describe("example config", () => {
  test("reproduces DESIGN.md's reference plan", () => {
    const config = exampleConfig();
    expect(config.gcp).toMatchObject({ region: "asia-northeast1", routerAsn: 65000, pscNatCidr: "10.10.10.0/24", frontendCidr: "10.10.20.0/24", proxyOnlyCidr: "10.10.30.0/24" });
    expect(config.aws).toMatchObject({ region: "ap-northeast-1", asn: 65001, vpcCidr: "10.0.0.0/16", publicSubnetCidr: "10.0.10.0/24", privateSubnetCidr: "10.0.20.0/24" });
    expect(config.aws.backend).toMatchObject({ privateIp: "10.0.20.10", port: 80 });
    const plan = { gkeNodesCidr: "10.0.10.0/24", pscEndpointCidr: "10.0.20.0/24", podsCidr: "10.0.100.0/24", servicesCidr: "10.0.200.0/24" };
    // Two PSC tenants with identical ranges, overlapping AWS on purpose; a routed tenant with ranges of its own.
    expect(config.tenants).toEqual([
      expect.objectContaining({ name: "team-a", kind: "psc", ...plan }),
      expect.objectContaining({ name: "team-b", kind: "psc", ...plan }),
      expect.objectContaining({ name: "team-c", kind: "routed", gkeNodesCidr: "10.30.0.0/22", podsCidr: "10.31.0.0/17", servicesCidr: "10.30.8.0/22" }),
    ]);
  });

  test("passes with zero warnings", () => {
    expect(loadConfig(EXAMPLE_CONFIG_FILE).warnings).toEqual([]);
  });

  test("applies the app's defaults and leaves the constructs' to the constructs", () => {
    const input = exampleInput() as any;
    delete input.service;
    delete input.vpn;
    delete input.aws.termination;
    delete input.tenants[0].connectionLimit;
    const config = parseConfig(input);
    expect(config.service).toEqual({ port: 80, healthCheckPath: "/", dnsName: "api.aws-api.internal." });
    // DH group, encryption, route priorities, prevent_destroy, termination: AwsSiteToSiteVpn's and VpnTunnelPair's defaults.
    expect(config.vpn).toEqual({ advertisedRanges: [] });
    expect(config.aws.termination).toBeUndefined();
    expect(config.tenants[0]).toMatchObject({ kind: "psc", connectionLimit: 10 });
  });
});

describe("consumer ranges may overlap AWS and each other (the point of PSC)", () => {
  test("the example's consumer ranges equal AWS subnets and are accepted", () => {
    expect(problemsOf(() => undefined)).toEqual([]);
  });

  test("a consumer range equal to a producer range is accepted (PSC NATs consumer traffic)", () => {
    expect(problemsOf((c) => (tenant0(c).gkeNodesCidr = "10.10.30.0/24"))).toEqual([]);
  });
});

// Each row: a bad value, the config path blamed, and the message the user reads.
// Every row must produce exactly that one problem.
const badInputs: Array<[string, (c: any) => void, RegExp]> = [
  // Shape
  ["an unknown top-level key", (c) => (c.tenats = []), /^tenats: is not a known key\. Fix: did you mean 'tenants'\?$/],
  ["an unknown nested key", (c) => (c.gcp.routerAns = 65000), /^gcp\.routerAns: is not a known key\. Fix: did you mean 'routerAsn'\?$/],
  ["an unknown key with no near match", (c) => (c.aws.backend.colour = "blue"), /^aws\.backend\.colour: is not a known key\. Fix: remove it, or use one of: privateIp, port, instanceType, amiId, ssm, existing$/],
  ["a missing required key", (c) => delete c.aws.vpcCidr, /^aws\.vpcCidr: is required \(string\)$/],
  ["a missing tenant key", (c) => delete tenant0(c).project, /^tenants\[0\]\.project: is required \(string\)$/],
  ["a number written as a string", (c) => (c.gcp.routerAsn = "65000"), /^gcp\.routerAsn: must be a number, got "65000"\. Fix: write 65000 without quotes$/],
  ["tenants as a mapping", (c) => (c.tenants = { "team-a": {} }), /^tenants: must be a list, got a mapping$/],
  ["no tenant", (c) => (c.tenants = []), /^tenants: must list at least one tenant, got a list of 0$/],
  ["a boolean written as a word", (c) => (tenant0(c).gke = { deletionProtection: "yes" }), /^tenants\[0\]\.gke\.deletionProtection: must be true or false, got "yes"\. Fix: write true$/],
  // CIDR syntax, host bits, private ranges
  ["a CIDR without a prefix length", (c) => (tenant0(c).gkeNodesCidr = "10.0.10.0"), /^tenants\[0\]\.gkeNodesCidr: must be an IPv4 CIDR block like 10\.0\.10\.0\/24, got "10\.0\.10\.0"\. Fix: add the prefix length, e\.g\. 10\.0\.10\.0\/24$/],
  ["a CIDR with an octet over 255", (c) => (c.aws.vpcCidr = "10.0.300.0/16"), /^aws\.vpcCidr: must be an IPv4 CIDR block like 10\.0\.10\.0\/24, got "10\.0\.300\.0\/16"$/],
  ["a CIDR with host bits set", (c) => (tenant0(c).podsCidr = "10.0.100.5/24"), /^tenants\[0\]\.podsCidr: must have its host bits zero, got "10\.0\.100\.5\/24"\. Fix: write 10\.0\.100\.0\/24$/],
  ["a public producer range", (c) => (c.gcp.frontendCidr = "8.8.8.0/24"), /^gcp\.frontendCidr: must be a private range: inside 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16 or 100\.64\.0\.0\/10, got "8\.8\.8\.0\/24"$/],
  ["a public AWS VPC", (c) => (c.aws.vpcCidr = "52.0.0.0/16"), /^aws\.vpcCidr: must be a private range/],
  // AWS containment and overlap
  ["an AWS subnet outside the VPC", (c) => ((c.aws.privateSubnetCidr = "10.1.20.0/24"), (c.aws.backend.privateIp = "10.1.20.10")), /^aws\.privateSubnetCidr: must lie inside aws\.vpcCidr 10\.0\.0\.0\/16, got "10\.1\.20\.0\/24"$/],
  ["overlapping AWS subnets", (c) => (c.aws.publicSubnetCidr = "10.0.20.0/25"), /^aws\.privateSubnetCidr: must not overlap aws\.publicSubnetCidr 10\.0\.20\.0\/25 in the same VPC, got "10\.0\.20\.0\/24"\. Fix: move one of the two to a free range$/],
  // One consumer VPC
  ["services overlapping nodes", (c) => (tenant0(c).servicesCidr = "10.0.10.128/25"), /^tenants\[0\]\.servicesCidr: must not overlap tenants\[0\]\.gkeNodesCidr 10\.0\.10\.0\/24 in the same VPC, got "10\.0\.10\.128\/25"\. Fix: move one of the two to a free range$/],
  ["the PSC subnet overlapping pods", (c) => (tenant0(c).pscEndpointCidr = "10.0.100.0/25"), /^tenants\[0\]\.pscEndpointCidr: must not overlap tenants\[0\]\.podsCidr 10\.0\.100\.0\/24 in the same VPC, got "10\.0\.100\.0\/25"\. Fix: move one of the two to a free range$/],
  ["the control plane overlapping nodes", (c) => (tenant0(c).gke.controlPlaneCidr = "10.0.10.16/28"), /^tenants\[0\]\.gke\.controlPlaneCidr: must not overlap tenants\[0\]\.gkeNodesCidr 10\.0\.10\.0\/24 in the same VPC, got "10\.0\.10\.16\/28"\. Fix: move one of the two to a free range$/],
  // Producer ranges are routed over the VPN
  ["a producer range overlapping AWS", (c) => (c.gcp.proxyOnlyCidr = "10.0.30.0/24"), /^gcp\.proxyOnlyCidr: must not overlap aws\.vpcCidr 10\.0\.0\.0\/16 \(producer ranges are routed over the VPN: AWS would keep the replies\), got "10\.0\.30\.0\/24"\. Fix: a range outside 10\.0\.0\.0\/16$/],
  ["two producer ranges overlapping", (c) => (c.gcp.frontendCidr = "10.10.10.0/25"), /^gcp\.pscNatCidr: must not overlap gcp\.frontendCidr 10\.10\.10\.0\/25 in the same VPC, got "10\.10\.10\.0\/24"\. Fix: move one of the two to a free range$/],
  // Sizes
  ["a proxy-only subnet smaller than /26", (c) => (c.gcp.proxyOnlyCidr = "10.10.30.0/27"), /^gcp\.proxyOnlyCidr: must be between \/8 and \/26 \(a proxy-only subnet needs at least 64 addresses\), got "10\.10\.30\.0\/27"\. Fix: use a \/26 or larger$/],
  ["a PSC NAT subnet smaller than /29", (c) => (c.gcp.pscNatCidr = "10.10.10.0/30"), /^gcp\.pscNatCidr: must be between \/8 and \/29 \(the smallest PSC NAT subnet is a \/29\)/],
  ["a pod range smaller than /24", (c) => (tenant0(c).podsCidr = "10.0.100.0/25"), /^tenants\[0\]\.podsCidr: must be between \/9 and \/24 \(GKE pod range sizes\), got "10\.0\.100\.0\/25"\. Fix: use a \/24 or larger$/],
  ["a pod range larger than /9", (c) => (tenant0(c).podsCidr = "10.0.0.0/8"), /^tenants\[0\]\.podsCidr: must be between \/9 and \/24 \(GKE pod range sizes\), got "10\.0\.0\.0\/8"\. Fix: use a \/9 or smaller$/],
  ["a service range smaller than /28", (c) => (tenant0(c).servicesCidr = "10.0.200.0/29"), /^tenants\[0\]\.servicesCidr: must be between \/16 and \/28 \(GKE service range sizes\)/],
  ["a service range larger than /16", (c) => (tenant0(c).servicesCidr = "172.16.0.0/15"), /^tenants\[0\]\.servicesCidr: must be between \/16 and \/28/],
  ["a control-plane range that is not /28", (c) => (tenant0(c).gke.controlPlaneCidr = "172.16.0.0/27"), /^tenants\[0\]\.gke\.controlPlaneCidr: must be a \/28 \(GKE control-plane ranges are exactly \/28\), got "172\.16\.0\.0\/27"\. Fix: use a \/28$/],
  ["an AWS VPC larger than /16", (c) => (c.aws.vpcCidr = "10.0.0.0/12"), /^aws\.vpcCidr: must be between \/16 and \/28 \(AWS VPC and subnet sizes\)/],
  ["a GCP subnet smaller than /29", (c) => (tenant0(c).gkeNodesCidr = "10.0.10.0/30"), /^tenants\[0\]\.gkeNodesCidr: must be between \/8 and \/29 \(GCP subnet sizes\)/],
  // ASNs
  ["a public router ASN", (c) => (c.gcp.routerAsn = 15169), /^gcp\.routerAsn: must be a private ASN: 64512-65534 or 4200000000-4294967294 \(RFC 6996\), got 15169$/],
  ["the reserved ASN 65535", (c) => (c.aws.asn = 65535), /^aws\.asn: must be a private ASN.*got 65535$/],
  ["a fractional ASN", (c) => (c.aws.asn = 65001.5), /^aws\.asn: must be a whole number, got 65001\.5$/],
  ["the same ASN on both sides", (c) => (c.aws.asn = 65000), /^aws\.asn: must differ from gcp\.routerAsn 65000 \(the two sides speak eBGP\), got 65000\. Fix: pick another private ASN, e\.g\. 65001$/],
  // VPN
  ["an inside CIDR that is not a /30", (c) => (c.vpn.insideCidrs = ["169.254.10.0/29", "169.254.10.8/30", "169.254.10.12/30", "169.254.10.16/30"]), /^vpn\.insideCidrs\[0\]: must be a \/30 inside 169\.254\.0\.0\/16.*got "169\.254\.10\.0\/29"$/],
  ["an inside CIDR outside 169.254.0.0/16", (c) => (c.vpn.insideCidrs = ["10.0.0.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"]), /^vpn\.insideCidrs\[0\]: must be a \/30 inside 169\.254\.0\.0\/16/],
  ["an inside CIDR AWS reserves (169.254.2.0/30)", (c) => (c.vpn.insideCidrs = ["169.254.10.0/30", "169.254.2.0/30", "169.254.10.8/30", "169.254.10.12/30"]), /^vpn\.insideCidrs\[1\]: .*not one AWS reserves.*got "169\.254\.2\.0\/30"$/],
  ["an inside CIDR AWS reserves (169.254.169.252/30)", (c) => (c.vpn.insideCidrs = ["169.254.10.0/30", "169.254.10.4/30", "169.254.169.252/30", "169.254.10.12/30"]), /^vpn\.insideCidrs\[2\]: .*got "169\.254\.169\.252\/30"$/],
  ["two tunnels with one inside CIDR", (c) => (c.vpn.insideCidrs = ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.0/30"]), /^vpn\.insideCidrs\[3\]: must differ from every other tunnel's \(also vpn\.insideCidrs\[0\]\), got "169\.254\.10\.0\/30"\. Fix: another \/30, or leave them out to have them allocated$/],
  ["three inside CIDRs for four tunnels", (c) => (c.vpn.insideCidrs = ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30"]), /^vpn\.insideCidrs: must list exactly 4 \/30s, one per tunnel \(two per peer IP, in order\), got a list of 3\. Fix: list 4, or leave them out to have them allocated from 169\.254\.10\.0$/],
  ["a DH group Cloud VPN does not offer", (c) => (c.vpn.dhGroup = 2), /^vpn\.dhGroup: must be 14, 19, 20 or 21 \(the groups both AWS and Cloud VPN support\), got 2$/],
  ["an encryption Cloud VPN and AWS do not share", (c) => (c.vpn.encryption = "AES128"), /^vpn\.encryption: must be 'AES256' or 'AES256-GCM-16'.*got "AES128"$/],
  ["three route priorities for four sessions", (c) => (c.vpn.routePriorities = [100, 100, 200]), /^vpn\.routePriorities: must list exactly 4 priorities, one per BGP session, got a list of 3\. Fix: list 4, in tunnel order, or leave them out for the same priority on every session$/],
  ["an extra advertised range repeating a producer subnet", (c) => (c.vpn.advertisedRanges = ["10.10.20.0/24"]), /^vpn\.advertisedRanges\[0\]: must not repeat gcp\.frontendCidr \(every producer subnet is advertised already\), got "10\.10\.20\.0\/24"\. Fix: remove it$/],
  ["an extra advertised range inside AWS", (c) => (c.vpn.advertisedRanges = ["10.0.64.0/20"]), /^vpn\.advertisedRanges\[0\]: must not overlap aws\.vpcCidr 10\.0\.0\.0\/16 \(it is advertised to AWS over BGP: AWS would keep the replies\), got "10\.0\.64\.0\/20"\. Fix: a range outside 10\.0\.0\.0\/16$/],
  ["an unknown AWS termination", (c) => (c.aws.termination = "direct-connect"), /^aws\.termination: must be 'vgw' \(virtual private gateway\) or 'tgw' \(transit gateway\), got "direct-connect"$/],
  // Names and locations
  ["an uppercase prefix", (c) => (c.prefix = "PSC"), /^prefix: must be a GCP resource name.*got "PSC"$/],
  ["a tenant name with an underscore", (c) => (tenant0(c).name = "team_a"), /^tenants\[0\]\.name: must be a GCP resource name.*got "team_a"$/],
  ["two tenants with one name", (c) => c.tenants.push({ ...c.tenants[0], project: "example-consumer-b" }), /^tenants\[1\]\.name: must be unique among tenants \(also tenants\[0\]\.name\), got "team-a"$/],
  ["two tenants in one project", (c) => c.tenants.push({ ...c.tenants[0], name: "team-b" }), /^tenants\[1\]\.project: must be unique: the service attachment accepts each project once \(also tenants\[0\]\.project\), got "example-consumer-project"$/],
  ["a tenant name that makes the GKE cluster name too long", (c) => (tenant0(c).name = "a-very-long-tenant-name-for-the-gke"), /^tenants\[0\]\.name: makes the GKE cluster name "psc-a-very-long-tenant-name-for-the-gke-gke" 43 characters, over its limit of 40\. Fix: shorten prefix or tenants\[0\]\.name by 3$/],
  ["a prefix that makes the tenant's cluster name too long", (c) => (c.prefix = "p".repeat(34)), /^tenants\[0\]\.name: makes the GKE cluster name "pppppppppppppppppppppppppppppppppp-team-a-gke" 45 characters, over its limit of 40\. Fix: shorten prefix or tenants\[0\]\.name by 5$/],
  ["a GCP region with a space", (c) => (c.gcp.region = "asia northeast1"), /^gcp\.region: must be a GCP region like asia-northeast1, got "asia northeast1"$/],
  ["a NEG zone in another region", (c) => (c.gcp.negZone = "europe-west1-b"), /^gcp\.negZone: must be a zone of gcp\.region asia-northeast1, got "europe-west1-b"\. Fix: e\.g\. asia-northeast1-a$/],
  ["a NEG zone that does not exist (europe-west1 has zones b, c, d)", (c) => { c.gcp.region = "europe-west1"; c.gcp.negZone = "europe-west1-a"; }, /^gcp\.negZone: must be a zone that exists: europe-west1 has zones b, c and d, got "europe-west1-a"\. Fix: europe-west1-b$/],
  ["a Standard pod range too small for the nodes the cluster starts with", (c) => (tenant0(c).gke = { mode: "standard", nodePool: { maxPodsPerNode: 110 } }), /^tenants\[0\]\.podsCidr: holds 1 node of 110 pods \(a \/24 each, set by tenants\[0\]\.gke\.nodePool\.maxPodsPerNode\), fewer than the 3 nodes the cluster starts with \(1 per zone in 3 zones\), got "10\.0\.100\.0\/24"\. Fix: a pod range of \/20 or larger, or a lower tenants\[0\]\.gke\.nodePool\.maxPodsPerNode$/],
  ["pods per node over 256", (c) => (tenant0(c).gke = { mode: "standard", nodePool: { maxPodsPerNode: 300 } }), /^tenants\[0\]\.gke\.nodePool\.maxPodsPerNode: must be a whole number from 8 to 256 \(GKE Standard\), got 300$/],
  ["a tenant namespace the cluster owns", (c) => (tenant0(c).namespace = "kube-system"), /^tenants\[0\]\.namespace: must be a namespace of its own, not default, kube-\* or gke-\* .*got "kube-system"$/],
  ["a CIDR with a leading zero (read as octal by some tools)", (c) => (c.gcp.pscNatCidr = "010.10.10.0/24"), /^gcp\.pscNatCidr: must be an IPv4 CIDR block like 10\.0\.10\.0\/24, got "010\.10\.10\.0\/24"$/],
  ["an API name whose private zone clashes with the restricted Google APIs zones", (c) => ((c.service.dnsName = "api.googleapis.com."), (tenant0(c).gke.restrictedGoogleApis = true)), /^service\.dnsName: must not be directly under googleapis\.com\. when tenants\[0\]\.gke\.restrictedGoogleApis is on \(both would be private zones named googleapis\.com\. in one VPC\), got "api\.googleapis\.com\."\. Fix: a name in a domain of your own, e\.g\. api\.aws-api\.internal\.$/],
  ["an inside CIDR with host bits set", (c) => (c.vpn.insideCidrs = ["169.254.10.1/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"]), /^vpn\.insideCidrs\[0\]: must be a \/30 .*got "169\.254\.10\.1\/30"\. Fix: write 169\.254\.10\.0\/30$/],
  ["a NEG zone that is a region", (c) => (c.gcp.negZone = "asia-northeast1"), /^gcp\.negZone: must be a GCP zone like asia-northeast1-a, got "asia-northeast1"$/],
  ["an AWS region by city", (c) => (c.aws.region = "tokyo"), /^aws\.region: must be an AWS region like ap-northeast-1, got "tokyo"$/],
  ["an AWS zone in another region", (c) => (c.aws.availabilityZone = "us-east-1a"), /^aws\.availabilityZone: must be a zone of aws\.region ap-northeast-1, got "us-east-1a"\. Fix: e\.g\. ap-northeast-1a$/],
  ["a project name instead of an id", (c) => (c.gcp.producerProject = "My Project"), /^gcp\.producerProject: must be a GCP project id: 6-30 lowercase letters, digits and '-', starting with a letter, got "My Project"$/],
  // Backend and service
  ["a backend IP outside the private subnet", (c) => (c.aws.backend.privateIp = "10.0.10.10"), /^aws\.backend\.privateIp: must lie inside aws\.privateSubnetCidr 10\.0\.20\.0\/24, got "10\.0\.10\.10"$/],
  ["a backend IP AWS reserves", (c) => (c.aws.backend.privateIp = "10.0.20.1"), /^aws\.backend\.privateIp: is one of the five addresses AWS reserves in 10\.0\.20\.0\/24 \(the first four and the last\), got "10\.0\.20\.1"\. Fix: use one of 10\.0\.20\.4-10\.0\.20\.254$/],
  ["a backend IP that is the subnet's last address", (c) => (c.aws.backend.privateIp = "10.0.20.255"), /^aws\.backend\.privateIp: is one of the five addresses AWS reserves/],
  ["a backend IP that is not an address", (c) => (c.aws.backend.privateIp = "10.0.20"), /^aws\.backend\.privateIp: must be an IPv4 address like 10\.0\.20\.10, got "10\.0\.20"$/],
  ["backend port 0", (c) => (c.aws.backend.port = 0), /^aws\.backend\.port: must be a port, 1-65535, got 0$/],
  ["backend port 70000", (c) => (c.aws.backend.port = 70000), /^aws\.backend\.port: must be a port, 1-65535, got 70000$/],
  ["a malformed AMI id", (c) => (c.aws.backend.amiId = "ami-xyz"), /^aws\.backend\.amiId: must be an id like ami-0123456789abcdef0, got "ami-xyz"$/],
  ["a PSC endpoint IP outside its subnet", (c) => (tenant0(c).pscEndpointIp = "10.0.21.10"), /^tenants\[0\]\.pscEndpointIp: must lie inside tenants\[0\]\.pscEndpointCidr 10\.0\.20\.0\/24, got "10\.0\.21\.10"$/],
  ["a PSC endpoint IP GCP reserves", (c) => (tenant0(c).pscEndpointIp = "10.0.20.1"), /^tenants\[0\]\.pscEndpointIp: is one of the four addresses GCP reserves in 10\.0\.20\.0\/24 \(the first two and the last two\), got "10\.0\.20\.1"\. Fix: use one of 10\.0\.20\.2-10\.0\.20\.253$/],
  // The fix names only addresses the subnet has (a fixed 10th address crashed validation on a /29).
  ["a PSC endpoint IP GCP reserves in a /29", (c) => ((tenant0(c).pscEndpointCidr = "10.0.20.0/29"), (tenant0(c).pscEndpointIp = "10.0.20.7")), /^tenants\[0\]\.pscEndpointIp: is one of the four addresses GCP reserves in 10\.0\.20\.0\/29 .*got "10\.0\.20\.7"\. Fix: use one of 10\.0\.20\.2-10\.0\.20\.5$/],
  // A zone fix never repeats a misspelled region.
  ["an AWS zone of a misspelled region", (c) => (c.aws.region = "ap-northest-1"), /^aws\.availabilityZone: must be a zone of aws\.region ap-northest-1, got "ap-northeast-1a"\. Fix: set aws\.region to ap-northeast-1, this zone's region \(ap-northest-1 is not a known region\)$/],
  ["an AWS zone and region both misspelled alike, in another region's zone", (c) => ((c.aws.region = "ap-northest-1"), (c.aws.availabilityZone = "ap-northest-2a")), /^aws\.availabilityZone: .*Fix: set aws\.region to a known region \(did you mean ap-northeast-1\?\) and use one of its zones, e\.g\. ap-northeast-1a$/],
  ["a NEG zone of a misspelled region", (c) => ((c.gcp.region = "asia-northest1"), (c.gcp.negZone = "asia-northeast1-b")), /^gcp\.negZone: must be a zone of gcp\.region asia-northest1, got "asia-northeast1-b"\. Fix: set gcp\.region to asia-northeast1, this zone's region/],
  ["a DNS name without the final dot", (c) => (c.service.dnsName = "api.aws-api.internal"), /^service\.dnsName: must be a fully qualified name of at least two labels ending with '\.'.*got "api\.aws-api\.internal"$/],
  ["a health check path without '/'", (c) => (c.service.healthCheckPath = "health"), /^service\.healthCheckPath: must be an HTTP path starting with '\/', without spaces, got "health"\. Fix: write \/health$/],
  ["a namespace with an underscore", (c) => (tenant0(c).namespace = "Team_A"), /^tenants\[0\]\.namespace: must be a Kubernetes DNS label.*got "Team_A"$/],
  ["a connection limit of 0", (c) => (tenant0(c).connectionLimit = 0), /^tenants\[0\]\.connectionLimit: must be a whole number of at least 1, got 0$/],
];

describe("bad config is refused, naming the path, the value and the rule", () => {
  test("covers at least 40 distinct bad inputs", () => {
    expect(new Set(badInputs.map(([name]) => name)).size).toBe(badInputs.length);
    expect(badInputs.length).toBeGreaterThanOrEqual(40);
  });

  test.each(badInputs)("fails on %s", (_name, edit, message) => {
    expect(problemsOf(edit)).toEqual([expect.stringMatching(message)]);
  });

  test("reports every problem at once", () => {
    const problems = problemsOf((c) => {
      c.gcp.routerAsn = 15169;
      c.aws.backend.port = 0;
      tenant0(c).name = "Team A";
    });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["aws.backend.port", "gcp.routerAsn", "tenants[0].name"]);
  });

  test("reports shape problems and problems between values in the same run", () => {
    const problems = problemsOf((c) => {
      c.gcp.routerAsn = 15169; // shape
      tenant0(c).podsCidr = "10.0.100.5/24"; // shape
      c.aws.availabilityZone = "us-east-1a"; // not in aws.region
      c.gcp.proxyOnlyCidr = "10.0.30.0/24"; // overlaps AWS
      c.tenants.push({ ...tenant0(c), podsCidr: "10.0.100.0/24", project: "other-project" }); // a second tenant with the same name
    });
    expect(problems.map((p) => p.split(":")[0])).toEqual(["gcp.routerAsn", "tenants[0].podsCidr", "aws.availabilityZone", "gcp.proxyOnlyCidr", "tenants[1].name"]);
  });

  test("a value that fails its shape check raises no second, derived problem", () => {
    // A stand-in replaces each bad value while the rules between values run; nothing that involves it is reported.
    expect(
      problemsOf((c) => {
        c.gcp.routerAsn = "65001" as any; // a string: would equal aws.asn as a number
        tenant0(c).podsCidr = "10.0.10.0/33"; // invalid, and its stand-in must not "overlap" anything
        c.aws.vpcCidr = "10.0.0.0/8"; // too big for AWS: the subnets are then checked against nothing
      }).map((p) => p.split(":")[0]),
    ).toEqual(["gcp.routerAsn", "aws.vpcCidr", "tenants[0].podsCidr"]);
  });

  test("an incomplete optional block hides no problem elsewhere", () => {
    // GIVEN a state block missing a required key, and a rule broken elsewhere WHEN validated THEN both are reported
    expect(
      problemsOf((c) => {
        c.state = { backend: "gcs", gcs: { bucket: "my-tf-state" } };
        c.aws.asn = c.gcp.routerAsn;
      }).map((p) => p.split(":")[0]),
    ).toEqual(["state.gcs.prefix", "aws.asn"]);
  });

  test("a bad item of a list hides no problem elsewhere", () => {
    // GIVEN a list with a malformed item (no stand-in for it) and a rule broken elsewhere WHEN validated THEN both are reported
    expect(
      problemsOf((c) => {
        c.vpn.advertisedRanges = ["10.20.0.0/24", "bad"];
        c.aws.asn = c.gcp.routerAsn;
      }).map((p) => p.split(":")[0]),
    ).toEqual(["vpn.advertisedRanges[1]", "aws.asn"]);
  });

  test("the error lists the source and every problem, one per line", () => {
    const input = exampleInput() as any;
    input.gcp.routerAsn = 1;
    input.aws.asn = 2;
    expect(() => parseConfig(input, "config/prod.yaml")).toThrow(/^config\/prod\.yaml: 2 problems:\n {2}- gcp\.routerAsn: .*got 1\n {2}- aws\.asn: .*got 2$/);
  });

  test("fails on a prefix too long for the load balancer's names, blaming the prefix", () => {
    expect(problemsOf((c) => (c.prefix = "p".repeat(45)))).toContainEqual(
      expect.stringMatching(/^prefix: makes the load balancer's name prefix "p{45}-aws-api" 53 characters, over its limit of 52\. Fix: shorten prefix by 1$/),
    );
  });

  test("fails on a file that is not YAML, naming the file", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "psc-config-")), "broken.yaml");
    fs.writeFileSync(file, "prefix: [unclosed\n");
    expect(() => loadConfig(file)).toThrow(/broken\.yaml: 1 problem:\n {2}- \(file\): is not valid YAML/);
  });

  test("fails on a file that does not exist, naming the file", () => {
    expect(() => loadConfig("/nonexistent/prod.yaml")).toThrow(/\/nonexistent\/prod\.yaml: 1 problem:\n {2}- \(file\): cannot be read/);
  });

  test("fails on an empty file, saying what a config needs", () => {
    expect(() => parseConfig(null)).toThrow(/- \(top level\): is empty: a config needs at least prefix, gcp, aws and tenants/);
  });

  test("fails on a YAML file that is a list, not a mapping", () => {
    expect(() => parseConfig([1, 2])).toThrow(/- \(top level\): must be a mapping, got a list of 2/);
  });
});

describe("warnings do not fail", () => {
  test("a region missing from the bundled lists warns with the nearest known one (a new region is not blocked)", () => {
    expect(warningsOf((c) => (c.gcp.region = "asia-northest1"))).toEqual([
      'gcp.region: is not a GCP region this app knows (a typo, or a region newer than its list in constructs/core/regions.ts), got "asia-northest1". Fix: did you mean asia-northeast1?',
    ]);
    expect(warningsOf((c) => ((c.aws.region = "ap-northest-1"), (c.aws.availabilityZone = "ap-northest-1a")))).toEqual([
      'aws.region: is not an AWS region this app knows (a typo, or a region newer than its list in constructs/core/regions.ts), got "ap-northest-1". Fix: did you mean ap-northeast-1?',
    ]);
    expect(warningsOf((c) => (c.state = { backend: "s3", s3: { bucket: "example-tf-state-aws", keyPrefix: "psc/prod", region: "eu-wset-1" } }))).toEqual([
      expect.stringMatching(/^state\.s3\.region: is not an AWS region .*Fix: did you mean eu-west-1\?$/),
    ]);
  });

  test("a PSC NAT subnet with fewer addresses than the tenants' connection limits", () => {
    expect(warningsOf((c) => ((c.gcp.pscNatCidr = "10.10.10.0/29"), (c.tenants[0].connectionLimit = 10)))).toEqual([
      "gcp.pscNatCidr: with gcp.additionalPscNatCidrs has 4 usable addresses, fewer than the 10 connections the tenants may open (sum of tenants[*].connectionLimit). Fix: add a range to gcp.additionalPscNatCidrs, or lower connection limits",
    ]);
  });

  test("a Standard pod range that holds the first nodes but not the most the autoscaler may add", () => {
    expect(warningsOf((c) => (c.tenants[0].gke = { mode: "standard" }))).toEqual([
      "tenants[0].podsCidr: holds 4 nodes of 32 pods (a /26 each, tenants[0].gke.nodePool.maxPodsPerNode 32, the default), fewer than the 9 nodes the autoscaler may add (maxNodesPerZone 3 in 3 zones), got \"10.0.100.0/24\". Fix: a pod range of /22 or larger, or a lower tenants[0].gke.nodePool.maxPodsPerNode or tenants[0].gke.nodePool.maxNodesPerZone",
    ]);
    expect(warningsOf((c) => ((c.tenants[0].gke = { mode: "standard" }), (c.tenants[0].podsCidr = "10.0.96.0/22")))).toEqual([]);
  });
});

describe("the pipeline block", () => {
  const split = { backend: "split", gcs: { bucket: "example-tf-state", prefix: "psc/example" }, s3: { bucket: "example-tf-state-aws", keyPrefix: "psc/example", region: "ap-northeast-1" } };
  const pipeline = (fields: object = {}) => ({ repository: "example-org/psc-hybrid", ...fields });

  test("fails with local state, with routed tenants and no Shared VPC admin scope, and with a repository that is not owner/name", () => {
    expect(exampleProblems((c) => (c.pipeline = { repository: "psc-hybrid" }))).toEqual([
      "state.backend: must be split when pipeline is set (a deploy job keeps no local state between runs, and split keeps each deploy identity in its own cloud), got \"local\". Fix: state: {backend: split, gcs: {bucket, prefix}, s3: {bucket, keyPrefix, region}}",
      "pipeline.sharedVpcAdminScope: is required with routed tenants: the producer and hub deployers need Shared VPC Admin (roles/compute.xpnAdmin), which Google grants only on an organization or folder. Fix: e.g. sharedVpcAdminScope: organizations/123456789012",
      expect.stringMatching(/^pipeline\.repository: must be a GitHub repository as owner\/name/),
    ]);
  });

  test("split state and a scope pass; without routed tenants no scope is needed", () => {
    expect(exampleProblems((c) => ((c.state = split), (c.pipeline = pipeline({ sharedVpcAdminScope: "organizations/123456789012" }))))).toEqual([]);
    expect(problemsOf((c) => ((c.state = split), (c.pipeline = pipeline())))).toEqual([]);
  });
});

