/** GCP resource names: RFC 1035 labels, lowercase, at most 63 characters. */
export const GCP_NAME_PATTERN = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The rule a GCP name breaks, for error messages. */
export const GCP_NAME_RULE =
  "must be a GCP resource name: 1-63 characters of lowercase letters, digits and '-', starting with a letter and not ending with '-'";

/** True when `name` is a valid GCP resource name. */
export function isGcpName(name: string): boolean {
  return typeof name === "string" && GCP_NAME_PATTERN.test(name);
}

/** Joins name parts with '-': `resourceName("psc", "team-a", "vpc")` -> `psc-team-a-vpc`. */
export function resourceName(...parts: string[]): string {
  return parts.filter((p) => p.length > 0).join("-");
}
