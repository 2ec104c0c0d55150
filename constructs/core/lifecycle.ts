import { Lazy, TerraformResource } from "cdktf";

/**
 * `lifecycle.replace_triggered_by` entries for resources of the same stack:
 * the bare address (`type.logical_id`), as Terraform requires. cdktf 0.21
 * renders a resource given directly as an interpolation (`${type.id}`), which
 * Terraform refuses ("Invalid character"; hashicorp/terraform-cdk #3196,
 * #3532). Lazy, so a logical id overridden later is the one written.
 */
export function replaceTriggeredBy(...resources: TerraformResource[]): string[] {
  return resources.map((r) => Lazy.stringValue({ produce: () => `${r.terraformResourceType}.${r.friendlyUniqueId}` }));
}
