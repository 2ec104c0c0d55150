import { GkeSubnet } from "../../../constructs/gcp/gke-subnet";
import { network, synth } from "../support";

describe("GkeSubnet", () => {
  const props = { name: "nodes", region: "europe-west1", nodesCidr: "10.0.10.0/24", podsCidr: "10.0.96.0/20", servicesCidr: "10.0.200.0/24" };

  test("named secondary ranges for pods and services, Private Google Access on", () => {
    // GIVEN three ranges WHEN the subnet is made THEN the cluster finds its ranges by the names it exposes
    let subnet: GkeSubnet | undefined;
    const json = JSON.parse(synth((s) => (subnet = new GkeSubnet(s, "gke", { network: network(s), ...props }))));
    expect(Object.values<any>(json.resource.google_compute_subnetwork)[0]).toMatchObject({
      ip_cidr_range: "10.0.10.0/24",
      private_ip_google_access: true,
      secondary_ip_range: [
        { range_name: "nodes-pods", ip_cidr_range: "10.0.96.0/20" },
        { range_name: "nodes-services", ip_cidr_range: "10.0.200.0/24" },
      ],
    });
    expect([subnet!.podsRangeName, subnet!.podsCidr]).toEqual(["nodes-pods", "10.0.96.0/20"]);
  });

  test("the nodes' flows are logged (half, with pod and service names) unless the share is 0", () => {
    const logConfig = (flowLogSampling?: number) =>
      Object.values<any>(JSON.parse(synth((s) => new GkeSubnet(s, "gke", { network: network(s), ...props, flowLogSampling }))).resource.google_compute_subnetwork)[0].log_config;
    expect(logConfig()).toEqual({ flow_sampling: 0.5, metadata: "INCLUDE_ALL_METADATA" });
    expect(logConfig(0)).toBeUndefined();
  });

  test("fails when a range is outside GKE's sizes or two ranges overlap, listing both", () => {
    const build = () => synth((s) => new GkeSubnet(s, "gke", { network: network(s), ...props, podsCidr: "10.0.10.0/25" }));
    expect(build).toThrow(/podsCidr: must be between \/9 and \/24 \(GKE pod range sizes\)/);
    expect(build).toThrow(/podsCidr: must not overlap nodesCidr 10\.0\.10\.0\/24 in the same VPC/);
  });
});
