/**
 * Name rules of the clouds and of Kubernetes: what a name may look like, and
 * the zones a region has. Each rule is written here once, with the words its
 * error messages use.
 */

import { HTTP_PORT } from "./limits";
import { isKnownRegion, nearestRegion, RegionCloud } from "./regions";

/** An RFC 1035 label: lowercase, starting with a letter, at most 63 characters. */
export const RFC1035_LABEL_PATTERN = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** What RFC1035_LABEL_PATTERN allows, in words. */
export const RFC1035_LABEL_WORDS = "1-63 characters of lowercase letters, digits and '-', starting with a letter and not ending with '-'";

/** GCP resource names: RFC 1035 labels. */
export const GCP_NAME_PATTERN = RFC1035_LABEL_PATTERN;

/** The rule a GCP name breaks, for error messages. */
export const GCP_NAME_RULE = `must be a GCP resource name: ${RFC1035_LABEL_WORDS}`;

/** True when `name` is a valid GCP resource name. */
export function isGcpName(name: string): boolean {
  return typeof name === "string" && GCP_NAME_PATTERN.test(name);
}

/**
 * A GCP project id: 6-30 lowercase letters, digits and '-', starting with a
 * letter and not ending with '-' (Resource Manager docs, "Creating and
 * managing projects": project ID requirements).
 */
export const GCP_PROJECT_PATTERN = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;

/** The rule a GCP project id breaks, for error messages. */
export const GCP_PROJECT_RULE = "must be a GCP project id: 6-30 lowercase letters, digits and '-', starting with a letter";

/** True when `id` is a valid GCP project id. */
export function isGcpProject(id: string): boolean {
  return typeof id === "string" && GCP_PROJECT_PATTERN.test(id);
}

/** A DNS label (RFC 1123): Kubernetes namespaces and Service names. */
export const DNS_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** What DNS_LABEL_PATTERN allows, in words. */
export const DNS_LABEL_WORDS = "1-63 lowercase letters, digits and '-', not starting or ending with '-'";

/** What DNS_LABEL_PATTERN requires of a Kubernetes name, for error messages. */
export const DNS_LABEL_RULE = `must be a Kubernetes DNS label: ${DNS_LABEL_WORDS}`;

/**
 * What a Service's name must be: an RFC 1035 label, stricter than other
 * Kubernetes names (no leading digit), as its name becomes a DNS name
 * (Kubernetes docs, "Service").
 */
export const SERVICE_NAME_RULE = `must be a Kubernetes Service name (RFC 1035 label): ${RFC1035_LABEL_WORDS}`;

/** The DNS label nearest to `text` (lowercase, other characters as '-', at most 63); empty when nothing is left. */
export function toDnsLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 63)
    .replace(/-+$/, "");
}

/**
 * Namespaces the cluster itself owns: `default`, Kubernetes' `kube-*` and
 * GKE's `gke-*`. A namespace created by Terraform must be new.
 */
export function isSystemNamespace(name: string): boolean {
  return name === "default" || name.startsWith("kube-") || name.startsWith("gke-");
}

/** What isSystemNamespace refuses, for error messages. */
export const SYSTEM_NAMESPACE_RULE = "must be a namespace of its own, not default, kube-* or gke-* (the cluster owns those; this one is created)";

/** A fully qualified DNS name of at least two labels, ending with '.': `api.aws-api.internal.`. */
export const FQDN_PATTERN = /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.){2,}$/;

/** What FQDN_PATTERN requires, for error messages. */
export const FQDN_RULE = "must be a fully qualified name of at least two labels ending with '.' (each label lowercase letters, digits and '-'), like api.aws-api.internal.";

/** Joins name parts with '-': `resourceName("psc", "team-a", "vpc")` -> `psc-team-a-vpc`. */
export function resourceName(...parts: string[]): string {
  return parts.filter((p) => p.length > 0).join("-");
}

/** A GCP region: `asia-northeast1`. */
export const GCP_REGION_PATTERN = /^[a-z]+-[a-z]+\d+$/;
export const GCP_REGION_RULE = "must be a GCP region like asia-northeast1";

/** What is wrong with `value` as a GCP region; a zone gets the region it belongs to as the fix. */
export function gcpRegionProblem(value: string): { rule: string; fix?: string } | undefined {
  if (GCP_REGION_PATTERN.test(value)) return undefined;
  return { rule: GCP_REGION_RULE, fix: GCP_ZONE_PATTERN.test(value) ? `use the region ${value.slice(0, -2)}` : undefined };
}

/** A GCP zone: `asia-northeast1-a`. */
export const GCP_ZONE_PATTERN = /^[a-z]+-[a-z]+\d+-[a-z]$/;
export const GCP_ZONE_RULE = "must be a GCP zone like asia-northeast1-a";

/** An AWS region: `ap-northeast-1`. */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
export const AWS_REGION_RULE = "must be an AWS region like ap-northeast-1";

/** An AWS availability zone: `ap-northeast-1a`. */
export const AWS_ZONE_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/;
export const AWS_ZONE_RULE = "must be an AWS availability zone like ap-northeast-1a";

/**
 * Regions whose zones start at b (europe-west1 and us-east1 have zones b, c
 * and d). Every other region has a zone a.
 */
const REGIONS_WITHOUT_ZONE_A: ReadonlySet<string> = new Set(["europe-west1", "us-east1"]);

/** The first zone of a GCP region: `<region>-a`, or `<region>-b` where there is no zone a. */
export function firstZone(region: string): string {
  return `${region}-${REGIONS_WITHOUT_ZONE_A.has(region) ? "b" : "a"}`;
}

/**
 * What is wrong with `zone` as a zone of `region`: the zone format, the
 * region, and zones that do not exist. `regionName` is how the reader knows
 * the region (a prop or a config path).
 */
export function gcpZoneProblem(zone: string, region: string, regionName = "region"): { rule: string; fix?: string } | undefined {
  if (!GCP_ZONE_PATTERN.test(zone)) return { rule: GCP_ZONE_RULE };
  // The zone pattern leaves one letter after the region's `-`.
  if (!zone.startsWith(`${region}-`)) {
    return { rule: `must be a zone of ${regionName} ${region}`, fix: zoneFix("gcp", region, zone.slice(0, -2), regionName, firstZone) };
  }
  if (zone.endsWith("-a") && REGIONS_WITHOUT_ZONE_A.has(region)) return { rule: `must be a zone that exists: ${region} has zones b, c and d`, fix: firstZone(region) };
  return undefined;
}

/**
 * The fix for a zone outside its region, which never repeats a typo: a zone
 * of the region when the region is known; else the region is the likelier
 * mistake, and the fix names the zone's own region if that is known, or the
 * known region nearest to the one given.
 */
function zoneFix(cloud: RegionCloud, region: string, zoneRegion: string, regionName: string, zoneOf: (region: string) => string): string {
  if (isKnownRegion(cloud, region)) return `e.g. ${zoneOf(region)}`;
  if (isKnownRegion(cloud, zoneRegion)) return `set ${regionName} to ${zoneRegion}, this zone's region (${region} is not a known region)`;
  const nearest = nearestRegion(cloud, region);
  return `set ${regionName} to a known region (did you mean ${nearest}?) and use one of its zones, e.g. ${zoneOf(nearest)}`;
}

/** What is wrong with `zone` as an availability zone of AWS region `region` (known to the reader as `regionName`). */
export function awsZoneProblem(zone: string, region: string, regionName = "region"): { rule: string; fix?: string } | undefined {
  if (!AWS_ZONE_PATTERN.test(zone)) return { rule: AWS_ZONE_RULE };
  if (!zone.startsWith(region) || zone.length !== region.length + 1) {
    return { rule: `must be a zone of ${regionName} ${region}`, fix: zoneFix("aws", region, zone.slice(0, -1), regionName, (r) => `${r}a`) };
  }
  return undefined;
}

/** An http URL of a host (a name without its final dot, or an address), its port left out when it is 80. */
export function httpUrl(host: string, port: number = HTTP_PORT): string {
  return `http://${host.replace(/\.$/, "")}${port === HTTP_PORT ? "" : `:${port}`}`;
}
