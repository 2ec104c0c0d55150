import { GcsBackend, LocalBackend, S3Backend, TerraformStack } from "cdktf";
import { Config } from "../config/schema";

/** Which cloud's credentials a stack runs with; decides where its state lives in `split` mode. */
export type StackCloud = "gcp" | "aws" | "kubernetes";

/**
 * Gives a stack its state backend, from `config.state`:
 * - `local`: `terraform.<environment>.<stack>.tfstate` at the project root
 *   (one file per environment and stack: two configs never share state). The path is
 *   relative to the stack's working directory (`cdktf.out/stacks/<stack>`),
 *   never absolute, so synthesized JSON is the same on every machine.
 * - `split`: GCP and Kubernetes stacks in GCS, the AWS stack in S3, each
 *   stack's state next to the cloud it manages.
 * - `gcs` or `s3`: every stack in one bucket.
 * Stacks reading another's outputs get a `terraform_remote_state` with the
 * origin's backend settings (cdktf derives it from the backend made here).
 */
export function useStateBackend(stack: TerraformStack, config: Config, cloud: StackCloud): void {
  const name = stack.node.id;
  const { state } = config;
  const kind = state.backend === "split" ? (cloud === "aws" ? "s3" : "gcs") : state.backend;
  if (kind === "gcs") {
    const gcs = state.gcs!;
    new GcsBackend(stack, { bucket: gcs.bucket, prefix: `${gcs.prefix}/${name}` });
  } else if (kind === "s3") {
    const s3 = state.s3!;
    const backend = new S3Backend(stack, { bucket: s3.bucket, key: `${s3.keyPrefix}/${name}.tfstate`, region: s3.region, encrypt: true });
    // S3-native state locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no prop for it.
    backend.addOverride("use_lockfile", true);
  } else {
    new LocalBackend(stack, { path: `../../../terraform.${config.environment}.${name}.tfstate` });
  }
}
