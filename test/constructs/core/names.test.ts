import { awsZoneProblem, firstZone, gcpRegionProblem, gcpZoneProblem, isGcpName, isSystemNamespace, resourceName } from "../../../constructs/core/names";

describe("name rules", () => {
  test("GCP names: lowercase RFC 1035 labels up to 63 characters", () => {
    expect(isGcpName("psc-team-a")).toBe(true);
    expect(["Psc", "psc_a", "1psc", "psc-", "a".repeat(64)].some(isGcpName)).toBe(false);
    expect(resourceName("psc", "", "vpc")).toBe("psc-vpc");
  });

  test("a region, and a zone given where a region belongs (its region is the fix)", () => {
    expect(gcpRegionProblem("asia-northeast1")).toBeUndefined();
    expect(gcpRegionProblem("us-central")).toEqual({ rule: "must be a GCP region like asia-northeast1", fix: undefined });
    expect(gcpRegionProblem("asia-northeast1-a")?.fix).toBe("use the region asia-northeast1");
  });

  test("zones: of the region, and existing (europe-west1 and us-east1 start at b)", () => {
    expect(firstZone("europe-west1")).toBe("europe-west1-b");
    expect(firstZone("asia-northeast1")).toBe("asia-northeast1-a");
    expect(gcpZoneProblem("asia-northeast1-b", "asia-northeast1")).toBeUndefined();
    expect(gcpZoneProblem("europe-west1-b", "asia-northeast1", "gcp.region")?.rule).toBe("must be a zone of gcp.region asia-northeast1");
    expect(gcpZoneProblem("us-east1-a", "us-east1")?.rule).toMatch(/zone that exists/);
    expect(awsZoneProblem("ap-northeast-1a", "ap-northeast-1")).toBeUndefined();
    expect(awsZoneProblem("us-east-1a", "ap-northeast-1")?.fix).toBe("e.g. ap-northeast-1a");
  });

  test("namespaces the cluster owns", () => {
    expect(["default", "kube-system", "gke-managed-x"].every(isSystemNamespace)).toBe(true);
    expect(isSystemNamespace("aws-api")).toBe(false);
  });
});
