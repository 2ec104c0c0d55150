import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { GkeSubnet } from "../../../constructs/gcp/gke-subnet";
import { PrivateGkeCluster, PrivateGkeClusterProps } from "../../../constructs/gcp/private-gke-cluster";
import { network, synth } from "../support";

/** A cluster on a GKE subnet of its own, with the props given. */
function cluster(s: Construct, props: Partial<PrivateGkeClusterProps> = {}): PrivateGkeCluster {
  const net = network(s);
  const subnet = new GkeSubnet(s, "gke", { network: net, name: "nodes", region: "europe-west1", nodesCidr: "10.0.0.0/24", podsCidr: "10.1.0.0/20", servicesCidr: "10.2.0.0/24" });
  return new PrivateGkeCluster(s, "c", { name: "c1", location: "europe-west1", network: net, subnet, ...props });
}

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

  test("the cluster depends on its dedicated node account's role binding; a given account has none here", () => {
    const json = JSON.parse(synth((s) => cluster(s)));
    const [binding] = Object.keys(json.resource.google_project_iam_member);
    expect(Object.values<any>(json.resource.google_container_cluster)[0].depends_on).toEqual([`google_project_iam_member.${binding}`]);
    const given = JSON.parse(synth((s) => cluster(s, { nodeServiceAccount: "nodes@p.iam.gserviceaccount.com" })));
    expect(given.resource.google_project_iam_member).toBeUndefined();
    expect(Object.values<any>(given.resource.google_container_cluster)[0].depends_on).toBeUndefined();
  });

  test("apiEndpoint: the DNS endpoint without a CA by default; the private IP endpoint with the cluster's CA when dnsEndpoint is false", () => {
    // GIVEN a cluster WHEN its apiEndpoint is output THEN it names the endpoint a client must use, and what to trust
    const outputs = (props: Partial<PrivateGkeClusterProps>) =>
      JSON.parse(
        synth((s) => {
          const c = cluster(s, props);
          new TerraformOutput(s, "host", { value: c.apiEndpoint.host });
          new TerraformOutput(s, "ca", { value: c.apiEndpoint.clusterCaCertificate ?? "none" });
        }),
      ).output;
    expect(outputs({})).toEqual({
      host: { value: expect.stringMatching(/^https:\/\/\$\{google_container_cluster\.c_cluster_\w+\.control_plane_endpoints_config\[0\]\.dns_endpoint_config\[0\]\.endpoint\}$/) },
      ca: { value: "none" },
    });
    expect(outputs({ dnsEndpoint: false })).toEqual({
      host: { value: expect.stringMatching(/^https:\/\/\$\{google_container_cluster\.c_cluster_\w+\.private_cluster_config\[0\]\.private_endpoint\}$/) },
      ca: { value: expect.stringMatching(/^\$\{base64decode\(google_container_cluster\.c_cluster_\w+\.master_auth\[0\]\.cluster_ca_certificate\)\}$/) },
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
