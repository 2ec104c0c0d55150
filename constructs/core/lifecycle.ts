import { Lazy, TerraformResource } from "cdktf";

/**
 * `lifecycle.replace_triggered_by` entries that fire when a resource of the
 * same stack is replaced, and only then: each names the resource's `id`
 * (`type.logical_id.id`), which is unknown in the plan only when the resource
 * is replaced. A whole-resource reference would fire on any planned change,
 * an in-place update (labels) included (Terraform docs, "The lifecycle
 * meta-argument"). Written as a bare reference, as Terraform requires: cdktf
 * 0.21 renders a resource given directly as an interpolation (`${type.id}`),
 * which Terraform refuses ("Invalid character"; hashicorp/terraform-cdk #3196,
 * #3532). Lazy, so a logical id overridden later is the one written.
 */
export function replaceTriggeredBy(...resources: TerraformResource[]): string[] {
  return resources.map((r) => Lazy.stringValue({ produce: () => `${r.terraformResourceType}.${r.friendlyUniqueId}.id` }));
}
