import { TerraformStack, Testing } from "cdktf";
import { ClusterApiService } from "../../../constructs/k8s/cluster-api-service";
import { synth } from "../support";

describe("ClusterApiService", () => {
  test("a selector-less Service and an EndpointSlice to the target IP", () => {
    const out = synth((s) => new ClusterApiService(s, "api", { namespace: "team", targetIp: "10.0.20.5", port: 8080 }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "kubernetes_endpoint_slice_v1" }, { endpoint: [expect.objectContaining({ addresses: ["10.0.20.5"] })] });
  });

  test("exposes the in-cluster URL", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    expect(new ClusterApiService(stack, "api", { namespace: "team", targetIp: "10.0.20.5", port: 8080 }).url).toBe("http://aws-api.team.svc.cluster.local:8080");
  });

  test("fails when the namespace is one the cluster owns", () => {
    expect(() => synth((s) => new ClusterApiService(s, "api", { namespace: "default", targetIp: "10.0.20.5" }))).toThrow(/namespace: must be a namespace of its own, not default, kube-\* or gke-\*.*got "default"/);
  });

  test("fails when the namespace is not a DNS label", () => {
    expect(() => synth((s) => new ClusterApiService(s, "api", { namespace: "Team_A", targetIp: "10.0.20.5" }))).toThrow(/namespace: must be a Kubernetes DNS label.*got "Team_A"/);
  });
});
