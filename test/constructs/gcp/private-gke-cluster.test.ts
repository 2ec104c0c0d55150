import { GkeSubnet } from "../../../constructs/gcp/gke-subnet";
import { PrivateGkeCluster } from "../../../constructs/gcp/private-gke-cluster";
import { network, synth } from "../support";

describe("GkeSubnet and PrivateGkeCluster", () => {
  test("the cluster uses the subnet's secondary ranges by name", () => {
    const out = synth((s) => {
      const net = network(s);
      const subnet = new GkeSubnet(s, "gke", { network: net, name: "nodes", region: "europe-west1", nodesCidr: "10.0.0.0/24", podsCidr: "10.1.0.0/20", servicesCidr: "10.2.0.0/24" });
      new PrivateGkeCluster(s, "c", { name: "c1", location: "europe-west1", network: net, subnet });
    });
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_container_cluster" }, {
      ip_allocation_policy: { cluster_secondary_range_name: "nodes-pods", services_secondary_range_name: "nodes-services" },
      private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: true },
      enable_autopilot: true,
      deletion_protection: true,
    });
  });

  test("fails when the control-plane range is not a /28", () => {
    expect(() =>
      synth((s) => {
        const net = network(s);
        const subnet = new GkeSubnet(s, "gke", { network: net, name: "nodes", region: "europe-west1", nodesCidr: "10.0.0.0/24", podsCidr: "10.1.0.0/20", servicesCidr: "10.2.0.0/24" });
        new PrivateGkeCluster(s, "c", { name: "c1", location: "europe-west1", network: net, subnet, controlPlaneCidr: "172.16.0.0/27" });
      }),
    ).toThrow(/controlPlaneCidr: must be a \/28 \(GKE control-plane ranges are exactly \/28\), got "172.16.0.0\/27"/);
  });

  test("fails when pods and services overlap", () => {
    expect(() =>
      synth((s) => new GkeSubnet(s, "gke", { network: network(s), name: "nodes", region: "europe-west1", nodesCidr: "10.0.0.0/24", podsCidr: "10.1.0.0/20", servicesCidr: "10.1.0.0/24" })),
    ).toThrow(/servicesCidr: must not overlap podsCidr 10.1.0.0\/20 in the same VPC, got "10.1.0.0\/24"/);
  });

  test("fails when the cluster name is too long for GKE", () => {
    expect(() =>
      synth((s) => {
        const net = network(s);
        const subnet = new GkeSubnet(s, "gke", { network: net, name: "nodes", region: "europe-west1", nodesCidr: "10.0.0.0/24", podsCidr: "10.1.0.0/20", servicesCidr: "10.2.0.0/24" });
        new PrivateGkeCluster(s, "c", { name: "a".repeat(41), location: "europe-west1", network: net, subnet });
      }),
    ).toThrow(/name: .*at most 40 characters/);
  });
});
