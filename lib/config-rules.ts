import { GkeSubnet } from "../constructs/gke-subnet";
import { HybridNegLoadBalancer } from "../constructs/hybrid-neg-load-balancer";
import { PrivateGkeCluster, REGIONAL_CLUSTER_ZONES, STANDARD_POOL_DEFAULTS, podBlockPrefix } from "../constructs/private-gke-cluster";
import { PscEndpoint, privateZoneOf } from "../constructs/psc-endpoint";
import { RESTRICTED_DOMAINS } from "../constructs/restricted-google-apis";
import { VpnTunnelPair } from "../constructs/vpn-tunnel-pair";
import { containsCidr, containsIp, nthAddress, overlaps, parseCidr } from "./cidr";
import type { Config, ConfigProblem, TenantConfig } from "./config";
import { firstZone, isMissingZone, producerNames, tenantNames } from "./naming";

/** Problems that fail validation, and warnings that do not. */
export interface RuleResults {
  readonly errors: ConfigProblem[];
  readonly warnings: ConfigProblem[];
}

/** A range and where it is configured. */
interface Range {
  readonly path: string;
  readonly cidr: string;
}

/**
 * The rules that relate several values of a well-shaped config: containment,
 * overlaps that would break routing, reserved addresses, generated names,
 * capacity. Consumer ranges may overlap AWS and other tenants (PSC NATs
 * them), so no rule compares them.
 */
export function crossChecks(config: Config): RuleResults {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  const { gcp, aws } = config;

  if (gcp.routerAsn === aws.asn) {
    fail("aws.asn", `must differ from gcp.routerAsn (the two sides speak eBGP), got ${aws.asn} for both. Fix: pick another private ASN, e.g. ${aws.asn === 65001 ? 65002 : 65001}`);
  }
  if (gcp.negZone !== undefined && !gcp.negZone.startsWith(`${gcp.region}-`)) {
    fail("gcp.negZone", `must be a zone of gcp.region ${gcp.region}, got ${gcp.negZone}. Fix: e.g. ${firstZone(gcp.region)}`);
  } else if (gcp.negZone !== undefined && isMissingZone(gcp.negZone)) {
    fail("gcp.negZone", `must be a zone that exists: ${gcp.region} has zones b, c and d, got ${gcp.negZone}. Fix: ${firstZone(gcp.region)}`);
  }
  if (!aws.availabilityZone.startsWith(aws.region) || aws.availabilityZone.length !== aws.region.length + 1) {
    fail("aws.availabilityZone", `must be a zone of aws.region ${aws.region}, got ${aws.availabilityZone}. Fix: e.g. ${aws.region}a`);
  }

  // AWS: subnets inside the VPC, apart from each other; the backend on a usable address.
  for (const key of ["publicSubnetCidr", "privateSubnetCidr"] as const) {
    if (!containsCidr(aws.vpcCidr, aws[key])) fail(`aws.${key}`, `must lie inside aws.vpcCidr ${aws.vpcCidr}, got ${aws[key]}`);
  }
  noOverlaps([{ path: "aws.publicSubnetCidr", cidr: aws.publicSubnetCidr }, { path: "aws.privateSubnetCidr", cidr: aws.privateSubnetCidr }], "in the AWS VPC", fail);
  if (!containsIp(aws.privateSubnetCidr, aws.backend.privateIp)) {
    fail("aws.backend.privateIp", `must lie inside aws.privateSubnetCidr ${aws.privateSubnetCidr}, got ${aws.backend.privateIp}`);
  } else if (reservedAddresses(aws.privateSubnetCidr, 4, 1).includes(aws.backend.privateIp)) {
    fail(
      "aws.backend.privateIp",
      `is one of the five addresses AWS reserves in ${aws.privateSubnetCidr} (the first four and the last), got ${aws.backend.privateIp}. Fix: e.g. ${nthAddress(aws.privateSubnetCidr, 10)}`,
    );
  }

  // Producer ranges are routed over the VPN: unique on both sides (DESIGN.md).
  const producer: Range[] = [
    ...(["pscNatCidr", "frontendCidr", "proxyOnlyCidr"] as const).map((key) => ({ path: `gcp.${key}`, cidr: gcp[key] })),
    ...gcp.additionalPscNatCidrs.map((cidr, i) => ({ path: `gcp.additionalPscNatCidrs[${i}]`, cidr })),
  ];
  for (const range of producer) {
    if (overlaps(range.cidr, aws.vpcCidr)) {
      fail(range.path, `must not overlap aws.vpcCidr ${aws.vpcCidr} (producer ranges are routed over the VPN), got ${range.cidr}`);
    }
  }
  noOverlaps(producer, "in the producer VPC", fail);
  config.vpn.advertisedRanges.forEach((range, i, all) => {
    if (overlaps(range, aws.vpcCidr)) {
      fail(`vpn.advertisedRanges[${i}]`, `must not overlap aws.vpcCidr ${aws.vpcCidr} (it is advertised to AWS over BGP), got ${range}`);
    }
    const subnet = producer.find((p) => p.cidr === range);
    if (subnet !== undefined) {
      fail(`vpn.advertisedRanges[${i}]`, `must not repeat ${subnet.path} (every producer subnet is advertised already), got ${range}. Fix: remove it`);
    } else if (all.indexOf(range) !== i) {
      fail(`vpn.advertisedRanges[${i}]`, `must not repeat vpn.advertisedRanges[${all.indexOf(range)}], got ${range}. Fix: remove it`);
    }
  });

  const insideCidrs = config.vpn.insideCidrs ?? [];
  insideCidrs.forEach((cidr, i) => {
    const first = insideCidrs.indexOf(cidr);
    if (first !== i) fail(`vpn.insideCidrs[${i}]`, `must differ from every other tunnel's, got ${cidr} again (also vpn.insideCidrs[${first}]). Fix: another /30, or remove vpn.insideCidrs to have four allocated`);
  });

  // The API's private zone in each consumer VPC; Cloud DNS refuses two private zones of one name on a VPC.
  const clash = RESTRICTED_DOMAINS.find((d) => d.domain === privateZoneOf(config.service.dnsName));

  // Tenants: unique, and no overlap inside one consumer VPC (overlap across tenants and with AWS is fine).
  const names = new Map<string, number>();
  const projects = new Map<string, number>();
  config.tenants.forEach((tenant, t) => {
    const at = `tenants[${t}]`;
    const sameName = names.get(tenant.name);
    if (sameName !== undefined) fail(`${at}.name`, `must be unique among tenants, got '${tenant.name}' (also tenants[${sameName}].name)`);
    names.set(tenant.name, t);
    const sameProject = projects.get(tenant.project);
    if (sameProject !== undefined) {
      fail(`${at}.project`, `must be unique among tenants (the service attachment accepts each project once), got '${tenant.project}' (also tenants[${sameProject}].project)`);
    }
    projects.set(tenant.project, t);

    const ranges: Range[] = (["gkeNodesCidr", "podsCidr", "servicesCidr", "pscEndpointCidr"] as const).map((key) => ({ path: `${at}.${key}`, cidr: tenant[key] }));
    if (tenant.gke.controlPlaneCidr !== undefined) ranges.push({ path: `${at}.gke.controlPlaneCidr`, cidr: tenant.gke.controlPlaneCidr });
    noOverlaps(ranges, "in the same consumer VPC", fail);

    if (tenant.gke.mode === "autopilot" && tenant.gke.nodePool !== undefined) {
      fail(`${at}.gke.nodePool`, `is a Standard-mode option: Autopilot manages nodes itself. Fix: remove it, or set ${at}.gke.mode: standard`);
    }
    const pool = tenant.gke.nodePool;
    if (pool !== undefined && pool.maxNodesPerZone < pool.minNodesPerZone) {
      fail(`${at}.gke.nodePool.maxNodesPerZone`, `must be at least ${at}.gke.nodePool.minNodesPerZone (${pool.minNodesPerZone}), got ${pool.maxNodesPerZone}`);
    }
    if (tenant.gke.mode === "standard") podRangeCapacity(tenant, at, fail, (path, message) => warnings.push({ path, message }));
    if (tenant.gke.restrictedGoogleApis && clash !== undefined) {
      fail(
        "service.dnsName",
        `must not be directly under ${clash.domain} when ${at}.gke.restrictedGoogleApis is on (both would be private zones named ${clash.domain} in one VPC), got ${config.service.dnsName}. Fix: a name in a domain of your own, e.g. api.aws-api.internal.`,
      );
    }
    if (tenant.pscEndpointIp !== undefined) {
      if (!containsIp(tenant.pscEndpointCidr, tenant.pscEndpointIp)) {
        fail(`${at}.pscEndpointIp`, `must lie inside ${at}.pscEndpointCidr ${tenant.pscEndpointCidr}, got ${tenant.pscEndpointIp}`);
      } else if (reservedAddresses(tenant.pscEndpointCidr, 2, 2).includes(tenant.pscEndpointIp)) {
        fail(
          `${at}.pscEndpointIp`,
          `is one of the four addresses GCP reserves in ${tenant.pscEndpointCidr} (the first two and the last two), got ${tenant.pscEndpointIp}. Fix: e.g. ${nthAddress(tenant.pscEndpointCidr, 10)}`,
        );
      }
    }
  });

  const { backend } = config.state;
  const uses = { gcs: backend === "gcs" || backend === "split", s3: backend === "s3" || backend === "split" };
  if (uses.gcs && config.state.gcs === undefined) {
    fail("state.gcs", `is required when state.backend is ${backend}. Fix: add state.gcs: {bucket: <bucket>, prefix: <path for this environment>}`);
  }
  if (uses.s3 && config.state.s3 === undefined) {
    fail("state.s3", `is required when state.backend is ${backend}. Fix: add state.s3: {bucket: <bucket>, keyPrefix: <path for this environment>, region: <region>}`);
  }

  // A bucket block the chosen backend does not use is ignored: say so, it is rarely meant.
  for (const kind of ["gcs", "s3"] as const) {
    if (config.state[kind] !== undefined && !uses[kind]) {
      warnings.push({ path: `state.${kind}`, message: `is ignored: state.backend is ${backend}. Fix: set state.backend to ${kind} or split, or remove state.${kind}` });
    }
  }

  checkGeneratedNames(config, fail);

  // Each PSC connection takes NAT addresses; GCP keeps four of every subnet for itself.
  const natAddresses = [gcp.pscNatCidr, ...gcp.additionalPscNatCidrs].reduce((sum, cidr) => sum + natCapacity(cidr), 0);
  const connections = config.tenants.reduce((sum, t) => sum + t.connectionLimit, 0);
  if (natAddresses < connections) {
    warnings.push({
      path: "gcp.pscNatCidr",
      message: `with gcp.additionalPscNatCidrs has ${natAddresses} usable addresses, fewer than the ${connections} connections the tenants may open (sum of tenants[*].connectionLimit). Fix: add a range to gcp.additionalPscNatCidrs, or lower connection limits`,
    });
  }
  return { errors, warnings };
}

/**
 * A Standard cluster takes a block of the pod range per node (twice
 * maxPodsPerNode addresses): the range must hold the nodes the cluster
 * starts with (creation fails otherwise), and should hold the most the
 * autoscaler may add.
 */
function podRangeCapacity(tenant: TenantConfig, at: string, fail: (path: string, message: string) => void, warn: (path: string, message: string) => void): void {
  const pool = { ...STANDARD_POOL_DEFAULTS, ...tenant.gke.nodePool };
  const block = podBlockPrefix(pool.maxPodsPerNode);
  const rangePrefix = parseCidr(tenant.podsCidr)?.prefix ?? 32;
  const fits = block >= rangePrefix ? 2 ** (block - rangePrefix) : 0;
  const holds = `holds ${fits} node${fits === 1 ? "" : "s"} of ${pool.maxPodsPerNode} pods (a /${block} each, set by ${at}.gke.nodePool.maxPodsPerNode)`;
  const prefixFor = (nodes: number) => block - Math.ceil(Math.log2(nodes));
  const firstPerZone = Math.max(1, pool.minNodesPerZone);
  const first = firstPerZone * REGIONAL_CLUSTER_ZONES;
  const most = pool.maxNodesPerZone * REGIONAL_CLUSTER_ZONES;
  if (fits < first) {
    fail(
      `${at}.podsCidr`,
      `${holds}, fewer than the ${first} nodes the cluster starts with (${firstPerZone} per zone in ${REGIONAL_CLUSTER_ZONES} zones), got ${tenant.podsCidr}. Fix: a pod range of /${prefixFor(most)} or larger, or a lower maxPodsPerNode`,
    );
  } else if (fits < most) {
    warn(
      `${at}.podsCidr`,
      `${holds}, fewer than the ${most} nodes the autoscaler may add (maxNodesPerZone ${pool.maxNodesPerZone} in ${REGIONAL_CLUSTER_ZONES} zones), got ${tenant.podsCidr}. Fix: a pod range of /${prefixFor(most)} or larger, or a lower maxPodsPerNode or maxNodesPerZone`,
    );
  }
}

/** Fails for every pair of ranges that overlap. */
function noOverlaps(ranges: readonly Range[], where: string, fail: (path: string, message: string) => void): void {
  ranges.forEach((a, i) => {
    for (const b of ranges.slice(i + 1)) {
      if (overlaps(a.cidr, b.cidr)) fail(b.path, `must not overlap ${a.path} ${a.cidr} ${where}, got ${b.cidr}. Fix: move one of the two to a free range`);
    }
  });
}

/** The first `head` and last `tail` addresses of a block. */
function reservedAddresses(cidr: string, head: number, tail: number): string[] {
  const block = parseCidr(cidr);
  if (!block) return [];
  const size = block.last - block.first + 1;
  const indexes = [...Array(head).keys(), ...Array.from({ length: tail }, (_, i) => size - 1 - i)];
  return indexes.map((n) => nthAddress(cidr, n));
}

/** Usable addresses of a GCP subnet (GCP reserves four). */
export function natCapacity(cidr: string): number {
  const block = parseCidr(cidr);
  return block ? block.last - block.first + 1 - 4 : 0;
}

/**
 * Every GCP name the stacks generate must fit GCP's limits; the config keys
 * that make them up (prefix, tenant names) are blamed, with the overshoot.
 */
function checkGeneratedNames(config: Config, fail: (path: string, message: string) => void): void {
  const producer = producerNames(config.prefix);
  const limited: Array<{ path: string; name: string; max: number; what: string }> = [
    { path: "prefix", name: producer.loadBalancer, max: HybridNegLoadBalancer.MAX_NAME_LENGTH, what: "the load balancer's name prefix" },
    { path: "prefix", name: producer.tunnelPair(2), max: VpnTunnelPair.MAX_NAME_LENGTH, what: "the VPN tunnels' name prefix" },
    ...config.tenants.flatMap((tenant, t) => {
      const names = tenantNames(config.prefix, tenant.name);
      const path = `tenants[${t}].name`;
      return [
        { path, name: names.cluster, max: PrivateGkeCluster.MAX_NAME_LENGTH, what: "the GKE cluster name" },
        { path, name: names.gkeSubnet, max: GkeSubnet.MAX_NAME_LENGTH, what: "the GKE subnet's name" },
        { path, name: names.pscEndpoint, max: PscEndpoint.MAX_NAME_LENGTH, what: "the PSC endpoint's name prefix" },
      ];
    }),
  ];
  const blamed = new Set<string>();
  for (const { path, name, max, what } of limited) {
    if (name.length <= max || blamed.has(path)) continue;
    blamed.add(path);
    const parts = path === "prefix" ? "prefix" : `prefix or ${path}`;
    fail(path, `makes ${what} '${name}' ${name.length} characters, over its limit of ${max}. Fix: shorten ${parts} by ${name.length - max}`);
  }
}
