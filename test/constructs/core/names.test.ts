import {
  AWS_REGION_PATTERN,
  AWS_REGION_RULE,
  AWS_ZONE_PATTERN,
  AWS_ZONE_RULE,
  awsZoneProblem,
  DNS_LABEL_PATTERN,
  DNS_LABEL_RULE,
  firstZone,
  FQDN_PATTERN,
  FQDN_RULE,
  GCP_NAME_RULE,
  GCP_PROJECT_RULE,
  GCP_REGION_RULE,
  GCP_ZONE_PATTERN,
  GCP_ZONE_RULE,
  gcpRegionProblem,
  gcpZoneProblem,
  httpUrl,
  isGcpName,
  isGcpProject,
  isSystemNamespace,
  resourceName,
  SERVICE_NAME_RULE,
  SYSTEM_NAMESPACE_RULE,
  toDnsLabel,
} from "../../../constructs/core/names";

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

describe("name rules at their edges, as a user reads them", () => {
  test("project ids: 6-30 characters, a letter first, no '-' last", () => {
    expect(["abcdef", `a${"b".repeat(29)}`, "a-b-c-d"].map(isGcpProject)).toEqual([true, true, true]);
    expect(["abcde", `a${"b".repeat(30)}`, "1abcdef", "abcdef-", "Abcdef", undefined as unknown as string].map(isGcpProject)).toEqual([false, false, false, false, false, false]);
  });

  test("GCP names: one character, 63, and anything that is not a string", () => {
    expect(["a", `a${"b".repeat(62)}`].map(isGcpName)).toEqual([true, true]);
    expect([undefined, 7].map((v) => isGcpName(v as unknown as string))).toEqual([false, false]);
  });

  test("the patterns: DNS labels, FQDNs, GCP and AWS regions and zones", () => {
    expect(["0abc", "a", `a${"b".repeat(62)}`].every((s) => DNS_LABEL_PATTERN.test(s))).toBe(true);
    expect(["-a", "a-", "A", `a${"b".repeat(63)}`].some((s) => DNS_LABEL_PATTERN.test(s))).toBe(false);
    expect(["api.aws-api.internal.", "a.b."].every((s) => FQDN_PATTERN.test(s))).toBe(true);
    expect(["internal.", "api.internal", "Api.internal.", "-a.b.", "a.b.c"].some((s) => FQDN_PATTERN.test(s))).toBe(false);
    expect(["ap-northeast-1", "us-gov-west-1"].every((s) => AWS_REGION_PATTERN.test(s))).toBe(true);
    expect(["ap-northeast-1a", "apnortheast-1", "ap-northeast-12", "1ap-northeast-1"].some((s) => AWS_REGION_PATTERN.test(s))).toBe(false);
    expect(["ap-northeast-1a", "us-gov-west-1b"].every((s) => AWS_ZONE_PATTERN.test(s))).toBe(true);
    expect(["ap-northeast-1", "ap-northeast-1ab", "1ap-northeast-1a"].some((s) => AWS_ZONE_PATTERN.test(s))).toBe(false);
    expect(["asia-northeast1-a", "us-east1-b", "us-west10-c"].every((s) => GCP_ZONE_PATTERN.test(s))).toBe(true);
    expect(["asia-northeast1", "asia-northeast1-ab", "asia-northeast-a", "1asia-northeast1-a"].some((s) => GCP_ZONE_PATTERN.test(s))).toBe(false);
    expect([gcpRegionProblem("us-west10"), gcpRegionProblem("1us-west1")?.rule]).toEqual([undefined, "must be a GCP region like asia-northeast1"]);
  });

  test("the rules' words", () => {
    expect(GCP_NAME_RULE).toBe("must be a GCP resource name: 1-63 characters of lowercase letters, digits and '-', starting with a letter and not ending with '-'");
    expect(GCP_PROJECT_RULE).toBe("must be a GCP project id: 6-30 lowercase letters, digits and '-', starting with a letter");
    expect(DNS_LABEL_RULE).toBe("must be a Kubernetes DNS label: 1-63 lowercase letters, digits and '-', not starting or ending with '-'");
    expect(SERVICE_NAME_RULE).toBe("must be a Kubernetes Service name (RFC 1035 label): 1-63 characters of lowercase letters, digits and '-', starting with a letter and not ending with '-'");
    expect([GCP_REGION_RULE, GCP_ZONE_RULE, AWS_REGION_RULE, AWS_ZONE_RULE]).toEqual([
      "must be a GCP region like asia-northeast1",
      "must be a GCP zone like asia-northeast1-a",
      "must be an AWS region like ap-northeast-1",
      "must be an AWS availability zone like ap-northeast-1a",
    ]);
    expect(SYSTEM_NAMESPACE_RULE).toMatch(/^must be a namespace of its own, not default, kube-\* or gke-\*/);
    expect(FQDN_RULE).toMatch(/^must be a fully qualified name of at least two labels ending with '\.'/);
  });

  test("toDnsLabel: lowercase, runs of other characters as one '-', no '-' at either end, at most 63", () => {
    expect(toDnsLabel("--Team A__Orders!--")).toBe("team-a-orders");
    expect(toDnsLabel(`${"a".repeat(62)}-b`)).toBe("a".repeat(62));
    expect(toDnsLabel("___")).toBe("");
  });

  test("namespaces: only default, kube-* and gke-* belong to the cluster", () => {
    expect(["defaults", "kube", "gke", "my-kube-ns", "my-gke-ns"].some(isSystemNamespace)).toBe(false);
  });

  test("GCP zones: the format first, then the region, then zones that do not exist", () => {
    expect(gcpZoneProblem("asia-northeast1", "asia-northeast1")).toEqual({ rule: "must be a GCP zone like asia-northeast1-a" });
    expect(gcpZoneProblem("europe-west1-b", "asia-northeast1", "gcp.region")).toEqual({ rule: "must be a zone of gcp.region asia-northeast1", fix: "e.g. asia-northeast1-a" });
    // A zone of a region whose name starts like the given one's is not one of its zones.
    expect(gcpZoneProblem("us-east11-a", "us-east1")?.rule).toBe("must be a zone of region us-east1");
    expect(gcpZoneProblem("us-east1-a", "us-east1")).toEqual({ rule: "must be a zone that exists: us-east1 has zones b, c and d", fix: "us-east1-b" });
    expect(gcpZoneProblem("us-east1-b", "us-east1")).toBeUndefined();
  });

  test("a zone outside its region: the fix names a zone of the region, or the zone's own region, or the nearest known one", () => {
    // The region is known: a zone of it.
    expect(gcpZoneProblem("europe-west1-b", "asia-northeast1")?.fix).toBe("e.g. asia-northeast1-a");
    // The region is unknown but the zone's region is known: the region is the likelier typo.
    expect(gcpZoneProblem("europe-west1-b", "asia-northeest1", "gcp.region")?.fix).toBe("set gcp.region to europe-west1, this zone's region (asia-northeest1 is not a known region)");
    // Neither is known: the nearest known region, and its first zone.
    expect(gcpZoneProblem("europe-wast1-b", "asia-northeest1", "gcp.region")?.fix).toBe("set gcp.region to a known region (did you mean asia-northeast1?) and use one of its zones, e.g. asia-northeast1-a");
    expect(awsZoneProblem("ap-northeast-1a", "ap-northeest-1", "aws.region")?.fix).toBe("set aws.region to ap-northeast-1, this zone's region (ap-northeest-1 is not a known region)");
    expect(awsZoneProblem("ap-northeast-9a", "ap-northeest-1", "aws.region")?.fix).toBe("set aws.region to a known region (did you mean ap-northeast-1?) and use one of its zones, e.g. ap-northeast-1a");
  });

  test("AWS zones: the format, then the region", () => {
    expect(awsZoneProblem("ap-northeast-1", "ap-northeast-1")).toEqual({ rule: "must be an AWS availability zone like ap-northeast-1a" });
    expect(awsZoneProblem("us-east-1a", "ap-northeast-1", "aws.region")).toEqual({ rule: "must be a zone of aws.region ap-northeast-1", fix: "e.g. ap-northeast-1a" });
    // A zone that starts with the region's text but is another region's.
    expect(awsZoneProblem("ap-northeast-1a", "ap-northeast")?.rule).toBe("must be a zone of region ap-northeast");
  });

  test("gcpRegionProblem: only a zone-shaped value gets its region as the fix", () => {
    expect(gcpRegionProblem("Asia-northeast1")).toEqual({ rule: "must be a GCP region like asia-northeast1", fix: undefined });
  });

  test("httpUrl: no final dot, no port 80", () => {
    expect(httpUrl("api.aws-api.internal.")).toBe("http://api.aws-api.internal");
    expect(httpUrl("10.0.20.5", 8080)).toBe("http://10.0.20.5:8080");
    expect(httpUrl("10.0.20.5", 80)).toBe("http://10.0.20.5");
  });
});
