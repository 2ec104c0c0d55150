import { validateConfig } from "../../../lib/config/load";
import { ConfigError } from "../../../lib/config/problems";
import { exampleInput, exampleWith, synthApp } from "../../helpers";

// State backends from config; cross-stack references keep working with each.

const gcs = { bucket: "example-tf-state", prefix: "psc/prod" };
const s3 = { bucket: "example-tf-state-aws", keyPrefix: "psc/prod", region: "ap-northeast-1" };
const backendOf = (app: ReturnType<typeof synthApp>, stack: string) => (app.byName[stack].json.terraform as any).backend;
const remoteStates = (app: ReturnType<typeof synthApp>, stack: string) => app.byName[stack].json.data?.["terraform_remote_state"] ?? {};

describe("split: GCP and Kubernetes stacks in GCS, the AWS stack in S3 with lockfile locking", () => {
  const app = synthApp(exampleWith((c) => (c.state = { backend: "split", gcs, s3 })));

  test("each stack's backend", () => {
    expect(backendOf(app, "aws")).toEqual({
      s3: { bucket: "example-tf-state-aws", key: "psc/prod/aws.tfstate", region: "ap-northeast-1", encrypt: true, use_lockfile: true },
    });
    for (const stack of ["producer", "tunnels", "consumer-team-a", "workloads-team-a"]) {
      expect(backendOf(app, stack)).toEqual({ gcs: { bucket: "example-tf-state", prefix: `psc/prod/${stack}` } });
    }
  });

  test("tunnels read the producer from GCS and the AWS keys from S3", () => {
    const data = remoteStates(app, "tunnels");
    expect(data["cross-stack-reference-input-producer"]).toMatchObject({ backend: "gcs", config: { bucket: "example-tf-state", prefix: "psc/prod/producer" } });
    expect(data["cross-stack-reference-input-aws"]).toMatchObject({
      backend: "s3",
      config: { bucket: "example-tf-state-aws", key: "psc/prod/aws.tfstate", region: "ap-northeast-1" },
    });
  });

  test("the aws stack reads the producer from GCS; workloads read their consumer from GCS", () => {
    expect(remoteStates(app, "aws")["cross-stack-reference-input-producer"]).toMatchObject({ backend: "gcs" });
    expect(remoteStates(app, "workloads-team-b")["cross-stack-reference-input-consumer-team-b"]).toMatchObject({
      backend: "gcs",
      config: { bucket: "example-tf-state", prefix: "psc/prod/consumer-team-b" },
    });
  });
});

describe.each([
  ["gcs", { backend: "gcs", gcs }, "gcs"],
  ["s3", { backend: "s3", s3 }, "s3"],
])("one %s backend for all", (_name, state, kind) => {
  const app = synthApp(exampleWith((c) => (c.state = state)));

  test("every stack uses it, and every remote state reads it", () => {
    for (const stack of Object.keys(app.byName)) {
      expect(Object.keys(backendOf(app, stack))).toEqual([kind]);
      for (const remote of Object.values<any>(remoteStates(app, stack))) expect(remote.backend).toBe(kind);
    }
  });
});

describe("local (default)", () => {
  test("relative paths, read back by the same relative path", () => {
    const app = synthApp();
    expect(backendOf(app, "aws")).toEqual({ local: { path: "../../../terraform.example.aws.tfstate" } });
    expect(remoteStates(app, "tunnels")["cross-stack-reference-input-aws"]).toMatchObject({ backend: "local", config: { path: "../../../terraform.example.aws.tfstate" } });
  });
});

describe("validation", () => {
  test("fails when split has no S3 settings", () => {
    expect(() => exampleWith((c) => (c.state = { backend: "split", gcs }))).toThrow(ConfigError);
    expect(() => exampleWith((c) => (c.state = { backend: "split", gcs }))).toThrow(/state\.s3: is required when state\.backend is split/);
  });

  test("fails when gcs has no bucket settings", () => {
    expect(() => exampleWith((c) => (c.state = { backend: "gcs" }))).toThrow(/state\.gcs: is required when state\.backend is gcs/);
  });

  test("a bucket's path is required: two environments sharing a bucket must not share state", () => {
    expect(() => exampleWith((c) => (c.state = { backend: "gcs", gcs: { bucket: "example-tf-state" } }))).toThrow(
      /state\.gcs\.prefix: is required, one per environment \(two environments with one path share state\)\. Fix: e\.g\. psc-hybrid\/prod/,
    );
    expect(() => exampleWith((c) => (c.state = { backend: "s3", s3: { bucket: "example-tf-state-aws", region: "ap-northeast-1" } }))).toThrow(/state\.s3\.keyPrefix: is required, one per environment/);
  });

  test("a bucket block the backend does not use is a warning", () => {
    const { warnings } = validateConfig({ ...(exampleInput() as any), state: { s3 } });
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toEqual(["state.s3: is ignored: state.backend is local. Fix: set state.backend to s3 or split, or remove state.s3"]);
  });
});
