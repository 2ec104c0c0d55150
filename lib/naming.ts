import type { Config } from "./config";

/** GCP resource names: RFC 1035 labels, lowercase, at most 63 characters. */
export const GCP_NAME_PATTERN = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The rule a GCP name breaks, for error messages. */
export const GCP_NAME_RULE =
  "must be a GCP resource name: 1-63 characters of lowercase letters, digits and '-', starting with a letter and not ending with '-'";

/** A DNS label (RFC 1123): Kubernetes namespaces and Service names. */
export const DNS_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/**
 * Namespaces the cluster itself owns: `default`, Kubernetes' `kube-*` and
 * GKE's `gke-*`. The workloads stack creates its namespace, so it must be new.
 */
export function isSystemNamespace(name: string): boolean {
  return name === "default" || name.startsWith("kube-") || name.startsWith("gke-");
}
export const SYSTEM_NAMESPACE_RULE = "must be a namespace of its own, not default, kube-* or gke-* (the cluster owns those; this one is created)";

/** What DNS_LABEL_PATTERN requires, for error messages. */
export const DNS_LABEL_RULE = "must be a Kubernetes DNS label: lowercase letters, digits and '-', at most 63";

/** A fully qualified DNS name of at least two labels, ending with '.': `api.aws-api.internal.`. */
export const FQDN_PATTERN = /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.){2,}$/;

/** True when `name` is a valid GCP resource name. */
export function isGcpName(name: string): boolean {
  return typeof name === "string" && GCP_NAME_PATTERN.test(name);
}

/** Joins name parts with '-': `resourceName("psc", "team-a", "vpc")` -> `psc-team-a-vpc`. */
export function resourceName(...parts: string[]): string {
  return parts.filter((p) => p.length > 0).join("-");
}

/** Names of the producer-side resources (producer and tunnels stacks), from the config's prefix. */
export function producerNames(prefix: string) {
  return {
    network: resourceName(prefix, "producer"),
    frontendSubnet: resourceName(prefix, "frontend"),
    proxyOnlySubnet: resourceName(prefix, "proxy-only"),
    pscNatSubnet: resourceName(prefix, "psc-nat"),
    haVpnGateway: resourceName(prefix, "ha-vpn"),
    loadBalancer: resourceName(prefix, "aws-api"),
    serviceAttachment: resourceName(prefix, "aws-api"),
    router: resourceName(prefix, "router"),
    peerGateway: resourceName(prefix, "aws"),
    /** The GCP side of AWS VPN connection n (1-based). */
    tunnelPair: (n: number) => resourceName(prefix, "aws", String(n)),
  };
}

/** Names of one tenant's resources (its consumer stack), from the prefix and tenant name. */
export function tenantNames(prefix: string, tenant: string) {
  const name = (...parts: string[]) => resourceName(prefix, tenant, ...parts);
  return {
    network: name("vpc"),
    gkeSubnet: name("gke"),
    pscSubnet: name("psc"),
    cluster: name("gke"),
    pscEndpoint: name("aws-api"),
  };
}

/**
 * Regions whose zones start at b (europe-west1 and us-east1 have zones b, c
 * and d). Every other region has a zone a.
 */
const REGIONS_WITHOUT_ZONE_A: ReadonlySet<string> = new Set(["europe-west1", "us-east1"]);

/** The first zone of a GCP region: `<region>-a`, or `<region>-b` where there is no zone a. */
export function firstZone(region: string): string {
  return `${region}-${REGIONS_WITHOUT_ZONE_A.has(region) ? "b" : "a"}`;
}

/** True for a zone name that cannot exist: zone a of a region that has none. */
export function isMissingZone(zone: string): boolean {
  return zone.endsWith("-a") && REGIONS_WITHOUT_ZONE_A.has(zone.slice(0, -2));
}

/** The hybrid NEG's zone: the configured one, or the region's first. */
export function negZoneOf(config: Config): string {
  return config.gcp.negZone ?? firstZone(config.gcp.region);
}
