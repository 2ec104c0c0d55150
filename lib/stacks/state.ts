import { LocalBackend, TerraformStack } from "cdktf";

/**
 * Keeps a stack's state in `terraform.<stack>.tfstate` at the project root.
 * The path is relative to the stack's working directory
 * (`cdktf.out/stacks/<stack>`), never absolute, so synthesized JSON and
 * snapshots are the same on every machine; stacks that read this one's
 * outputs resolve the same relative path from their own directory.
 */
export function useLocalState(stack: TerraformStack): void {
  new LocalBackend(stack, { path: `../../../terraform.${stack.node.id}.tfstate` });
}
