import type { IngressSource } from "../constructs/aws/aws-backend-ingress";
import type { Config } from "./config/schema";

/** Which network a range belongs to. */
export type PlanNetwork = "GCP producer" | "AWS" | `GCP consumer ${string}`;

/** One address range of an environment, once: every rule, route and table about ranges reads this. */
export interface PlannedRange {
  /** The config path that sets it: `gcp.proxyOnlyCidr`, `tenants[1].podsCidr`. */
  readonly path: string;
  readonly network: PlanNetwork;
  /** The VPC it lives in: `producer`, `aws`, `tenants[0]`. Ranges of one VPC must not overlap. */
  readonly vpc: string;
  /** Short name, for tables: `proxy-only`, `pods`. */
  readonly name: string;
  readonly cidr: string;
  /** What it is for. */
  readonly purpose: string;
  /**
   * Routed over the VPN: AWS must route it back to Google Cloud. The Cloud
   * Router advertises it, so it must be unique on both sides.
   */
  readonly routed: boolean;
  /**
   * How the Cloud Router advertises a routed range: `all-subnets` (a subnet
   * of the producer VPC, covered by ALL_SUBNETS) or `explicit` (listed as a
   * custom advertised range).
   */
  readonly advertisement?: "all-subnets" | "explicit";
  /** A summary the Cloud Router advertises, not a subnet: it may cover the VPC's subnets. */
  readonly summary?: boolean;
  /** The AWS backend admits it on the service port (the source of every request and health check). */
  readonly admittedByAws?: boolean;
  /**
   * The construct that checks this range against the others of its group
   * (containment, overlap): `GkeSubnet tenants[0]`, `AwsVpc`. The network-wide
   * rules skip the pairs of one group.
   */
  readonly checkedBy?: string;
  /** The routed tenant a range belongs to: keys the resources made for it (AWS rules), so removing one tenant renames no other's. */
  readonly tenant?: string;
}

/**
 * Every range of an environment with its config path, network, purpose,
 * whether it is routed over the VPN and whether it may overlap: the one
 * source for the overlap rules, the Cloud Router's advertisements, the AWS
 * security group and routes, and the report's table.
 */
export function networkPlan(config: Config): PlannedRange[] {
  const { gcp, vpn } = config;
  const producer = "GCP producer" as const;
  const subnet = { network: producer, vpc: "producer", routed: true, advertisement: "all-subnets" } as const;
  const ranges: PlannedRange[] = [
    {
      ...subnet,
      path: "gcp.proxyOnlyCidr",
      name: "proxy-only",
      cidr: gcp.proxyOnlyCidr,
      purpose: "REGIONAL_MANAGED_PROXY: Envoy, the source AWS sees (advertised, admitted)",
      // Listed explicitly, as Google Cloud documents for hybrid NEGs: AWS must route replies to the proxies ("Hybrid connectivity NEGs").
      advertisement: "explicit",
      admittedByAws: true,
    },
    { ...subnet, path: "gcp.frontendCidr", name: "ILB frontend", cidr: gcp.frontendCidr, purpose: "internal load balancer address" },
    { ...subnet, path: "gcp.pscNatCidr", name: "PSC NAT", cidr: gcp.pscNatCidr, purpose: "PRIVATE_SERVICE_CONNECT: source NAT of consumer connections" },
    ...gcp.additionalPscNatCidrs.map((cidr, i) => ({ ...subnet, path: `gcp.additionalPscNatCidrs[${i}]`, name: `PSC NAT ${i + 2}`, cidr, purpose: "PRIVATE_SERVICE_CONNECT" })),
    // Peered to Google's service producers, not subnets: ALL_SUBNETS leaves them out (Google Cloud docs, "Private services access").
    ...gcp.privateServicesAccessCidrs.map((cidr, i) => ({ ...subnet, path: `gcp.privateServicesAccessCidrs[${i}]`, name: "private services access", cidr, purpose: "Cloud SQL, Memorystore: peered, routes exported", advertisement: "explicit" as const })),
    ...vpn.advertisedRanges.map((cidr, i) => ({ ...subnet, path: `vpn.advertisedRanges[${i}]`, name: "advertised", cidr, purpose: "extra range advertised to AWS", advertisement: "explicit" as const, summary: true })),
    ...awsRanges(config),
  ];
  config.tenants.forEach((t, i) => {
    const at = `tenants[${i}]`;
    const gke = { checkedBy: `GkeSubnet ${at}` };
    if (t.kind === "routed") {
      // A Shared VPC service project's subnet in the hub: each range is listed on the Cloud Router (GKE's classic
      // failure is a pod range AWS cannot route back), the AWS backend admits the pods (pod IPs are not masqueraded
      // towards private ranges: GKE docs, "IP masquerade agent").
      const routed = { ...gke, network: producer, vpc: "producer", routed: true, advertisement: "explicit", tenant: t.name } as const;
      ranges.push(
        { ...routed, path: `${at}.gkeNodesCidr`, name: `${t.name} GKE nodes`, cidr: t.gkeNodesCidr, purpose: `routed tenant ${t.name}: node subnet (Shared VPC), published service addresses` },
        { ...routed, path: `${at}.podsCidr`, name: `${t.name} pods`, cidr: t.podsCidr, purpose: `routed tenant ${t.name}: pods, the source AWS sees (advertised, admitted)`, admittedByAws: true },
        { ...routed, path: `${at}.servicesCidr`, name: `${t.name} services`, cidr: t.servicesCidr, purpose: `routed tenant ${t.name}: ClusterIP services` },
      );
      if (t.gke.controlPlaneCidr) ranges.push({ network: producer, vpc: "producer", routed: false, path: `${at}.gke.controlPlaneCidr`, name: `${t.name} control plane`, cidr: t.gke.controlPlaneCidr, purpose: "GKE control plane" });
      return;
    }
    const consumer = { network: `GCP consumer ${t.name}` as const, vpc: at, routed: false };
    ranges.push(
      { ...consumer, ...gke, path: `${at}.gkeNodesCidr`, name: "GKE nodes", cidr: t.gkeNodesCidr, purpose: "node subnet" },
      { ...consumer, ...gke, path: `${at}.podsCidr`, name: "pods", cidr: t.podsCidr, purpose: "secondary range" },
      { ...consumer, ...gke, path: `${at}.servicesCidr`, name: "services", cidr: t.servicesCidr, purpose: "secondary range" },
      { ...consumer, path: `${at}.pscEndpointCidr`, name: "PSC endpoint", cidr: t.pscEndpointCidr, purpose: "PSC endpoint address" },
    );
    if (t.gke.controlPlaneCidr) ranges.push({ ...consumer, path: `${at}.gke.controlPlaneCidr`, name: "control plane", cidr: t.gke.controlPlaneCidr, purpose: "GKE control plane" });
    const serverless = t.serverless;
    if (serverless?.connector) {
      ranges.push({ ...consumer, path: `${at}.serverless.connector.cidr`, name: "serverless connector", cidr: serverless.connector.cidr, purpose: "Serverless VPC Access connector: the source of App Engine's and Cloud Run's requests" });
    }
    if (serverless?.directVpcEgressCidr) {
      ranges.push({ ...consumer, path: `${at}.serverless.directVpcEgressCidr`, name: "Direct VPC egress", cidr: serverless.directVpcEgressCidr, purpose: "subnet of Cloud Run's Direct VPC egress: the source of its requests" });
    }
  });
  return ranges;
}

/**
 * The AWS ranges: the VPC, and the two subnets when this app creates them
 * (a subnet left out of a half-written config is left out here too: the
 * config rules report it). The backend is named where it lives.
 */
function awsRanges({ aws }: Config): PlannedRange[] {
  const backend = `backend ${aws.backend.privateIp}:${aws.backend.port}`;
  const range = { network: "AWS", vpc: "aws", routed: false, checkedBy: "AwsVpc" } as const;
  if (aws.existingVpc !== undefined) return [{ ...range, path: "aws.vpcCidr", name: "VPC", cidr: aws.vpcCidr, purpose: `existing VPC ${aws.existingVpc.vpcId}, ${backend}` }];
  const subnets: Array<[path: string, name: string, cidr: string | undefined, purpose: string]> = [
    ["aws.publicSubnetCidr", "public", aws.publicSubnetCidr, "public tier (no internet gateway)"],
    ["aws.privateSubnetCidr", "private", aws.privateSubnetCidr, backend],
  ];
  return [
    { ...range, path: "aws.vpcCidr", name: "VPC", cidr: aws.vpcCidr, purpose: "backend VPC" },
    ...subnets.filter(([, , cidr]) => cidr !== undefined).map(([path, name, cidr, purpose]) => ({ ...range, path, name, cidr: cidr!, purpose })),
  ];
}

/**
 * Whether two ranges of different VPCs may overlap: a range routed over the
 * VPN must stay clear of AWS, which routes it back, and so must any range of
 * the producer VPC (a routed tenant's control plane), whose route would
 * shadow AWS's there; nothing else is routed between VPCs (PSC NATs
 * consumer traffic), so everything else may.
 */
export function mayOverlapAcross(a: PlannedRange, b: PlannedRange): boolean {
  // Every range of the producer VPC, routed or not, sits beside the VPN's routes to AWS there.
  const nearAws = (r: PlannedRange) => r.routed || r.vpc === "producer";
  return !((nearAws(a) && b.vpc === "aws") || (nearAws(b) && a.vpc === "aws"));
}

/** The ranges AWS must route back over the VPN (every routed range, in plan order). */
export function routedRanges(plan: readonly PlannedRange[]): PlannedRange[] {
  return plan.filter((r) => r.routed);
}

/** The ranges the Cloud Router lists explicitly (ALL_SUBNETS covers the others). */
export function explicitlyAdvertised(plan: readonly PlannedRange[]): PlannedRange[] {
  return plan.filter((r) => r.advertisement === "explicit");
}

/**
 * What the AWS backend admits on its port: the load balancer's proxies (a
 * plain range: the rule it has always had), and each routed tenant's pods,
 * keyed by the tenant's name so that removing one tenant renames no other's rule.
 */
export function admittedByAws(plan: readonly PlannedRange[]): Array<string | IngressSource> {
  return plan
    .filter((r) => r.admittedByAws)
    .map((r) => (r.tenant === undefined ? r.cidr : { cidr: r.cidr, key: `${r.tenant}-pods`, description: `Routed tenant ${r.tenant}: pods, over the VPN` }));
}
