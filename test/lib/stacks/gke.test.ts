import { ComputeNetwork } from "@cdktf/provider-google/lib/compute-network";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { GkeSubnet } from "../../../constructs/gcp/gke-subnet";
import { PrivateGkeCluster, PrivateGkeClusterProps } from "../../../constructs/gcp/private-gke-cluster";
import { validateConfig } from "../../../lib/config/load";
import { exampleInput, exampleWith, onlyResource, resourcesOf, resourceUnder, synthApp } from "../../helpers";

// Private GKE in both modes, and the workloads side that proves the path.

const autopilot = synthApp();
const standard = synthApp(exampleWith((c) => (c.tenants[0].gke = { mode: "standard", nodePool: { machineType: "e2-standard-4", maxNodesPerZone: 2 } })));
const clusterOf = (app: typeof autopilot) => onlyResource(app.byName["consumer-team-a"], "google_container_cluster");

describe.each([
  ["autopilot", autopilot],
  ["standard", standard],
])("%s cluster: the settings every mode shares", (_mode, app) => {
  const cluster = clusterOf(app);

  test("VPC-native on the subnet's named secondary ranges", () => {
    expect(cluster.networking_mode).toBe("VPC_NATIVE");
    expect(cluster.ip_allocation_policy).toEqual({
      cluster_secondary_range_name: "psc-team-a-gke-pods",
      services_secondary_range_name: "psc-team-a-gke-services",
    });
  });

  test("private nodes, no public IP endpoint, DNS endpoint on", () => {
    expect(cluster.private_cluster_config).toMatchObject({ enable_private_nodes: true, enable_private_endpoint: true });
    expect(cluster.control_plane_endpoints_config.dns_endpoint_config).toEqual({ allow_external_traffic: true });
  });

  test("no Google Cloud public ranges on the control plane; authorized networks enforced on the private endpoint", () => {
    expect(cluster.master_authorized_networks_config).toEqual({
      cidr_blocks: [],
      gcp_public_cidrs_access_enabled: false,
      private_endpoint_enforcement_enabled: true,
    });
  });

  test("release channel and deletion protection", () => {
    expect(cluster.release_channel).toEqual({ channel: "REGULAR" });
    expect(cluster.deletion_protection).toBe(true);
  });

  test("nodes run as a dedicated least-privilege service account", () => {
    const consumer = app.byName["consumer-team-a"];
    expect(resourceUnder(consumer, "google_service_account", "gke").account_id).toBe("psc-team-a-gke-nodes");
    expect(resourceUnder(consumer, "google_project_iam_member", "gke").role).toBe("roles/container.defaultNodeServiceAccount");
  });

  test("the cluster waits for the node account's role binding (nodes start as soon as it exists)", () => {
    const consumer = app.byName["consumer-team-a"];
    const [binding] = Object.keys(resourcesOf(consumer, "google_project_iam_member")).filter((id) => id.startsWith("gke_"));
    expect(cluster.depends_on).toContain(`google_project_iam_member.${binding}`);
  });

  test("Private Google Access on the node subnet", () => {
    const subnet = Object.values(resourcesOf(app.byName["consumer-team-a"], "google_compute_subnetwork")).find((s) => s.secondary_ip_range);
    expect(subnet?.private_ip_google_access).toBe(true);
  });
});

describe("autopilot", () => {
  test("is the default, with the node identity in auto-provisioning defaults", () => {
    expect(clusterOf(autopilot)).toMatchObject({
      enable_autopilot: true,
      cluster_autoscaling: { auto_provisioning_defaults: { service_account: expect.stringMatching(/^\$\{google_service_account\..*\.email\}$/) } },
    });
    expect(resourcesOf(autopilot.byName["consumer-team-a"], "google_container_node_pool")).toEqual({});
  });

  test("Workload Identity stated with the project's pool; nothing that would weaken Dataplane V2 or Shielded nodes", () => {
    const cluster = clusterOf(autopilot);
    expect(cluster.workload_identity_config).toEqual({ workload_pool: "example-consumer-project.svc.id.goog" });
    // Autopilot enforces Dataplane V2 and Shielded nodes itself; the construct sets nothing that opts out.
    expect(cluster.datapath_provider).toBeUndefined();
    expect(cluster.enable_shielded_nodes).toBeUndefined();
    expect(cluster.network_policy).toBeUndefined();
  });

  test("config refuses Standard-only options, saying how to fix it", () => {
    expect(() => exampleWith((c) => (c.tenants[0].gke = { nodePool: { machineType: "e2-standard-4" } }))).toThrow(
      /tenants\[0\]\.gke\.nodePool: is a Standard-mode option: Autopilot manages nodes itself, got a node pool\. Fix: remove it, or set tenants\[0\]\.gke\.mode to standard/,
    );
  });

  test("the construct refuses them too when used alone", () => {
    expect(() => synthCluster({ nodePool: { machineType: "e2-standard-4" } })).toThrow(/nodePool: is a Standard-mode option: Autopilot manages nodes itself/);
  });
});

describe("standard", () => {
  const cluster = clusterOf(standard);
  const pool = onlyResource(standard.byName["consumer-team-a"], "google_container_node_pool");

  test("Dataplane V2, Workload Identity and Shielded nodes, made explicit", () => {
    expect(cluster).toMatchObject({
      datapath_provider: "ADVANCED_DATAPATH",
      workload_identity_config: { workload_pool: "example-consumer-project.svc.id.goog" },
      enable_shielded_nodes: true,
      remove_default_node_pool: true,
    });
    expect(cluster.enable_autopilot).toBeUndefined();
  });

  test("node pool: secure boot, integrity monitoring, GKE metadata server, auto-repair and upgrade, config sizes", () => {
    expect(pool.node_config).toMatchObject({
      machine_type: "e2-standard-4",
      image_type: "COS_CONTAINERD",
      service_account: expect.stringMatching(/^\$\{google_service_account\..*\.email\}$/),
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      workload_metadata_config: { mode: "GKE_METADATA" },
      metadata: { "disable-legacy-endpoints": "true" },
    });
    expect(pool.management).toEqual({ auto_repair: true, auto_upgrade: true });
    expect(pool.autoscaling).toEqual({ min_node_count: 1, max_node_count: 2 });
  });

  test("pods per node bounded (default 32, a /26 of the pod range per node) on the cluster and the pool", () => {
    expect(cluster.default_max_pods_per_node).toBe(32);
    expect(pool.max_pods_per_node).toBe(32);
  });

  test("the short-lived default pool runs as the dedicated node account, not the Compute Engine default", () => {
    expect(cluster.node_config).toMatchObject({
      service_account: pool.node_config.service_account,
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
    });
    expect(cluster.initial_node_count).toBe(1);
  });

  test("matches its snapshot", () => {
    expect(standard.byName["consumer-team-a"].text).toMatchSnapshot();
  });

  test("the construct refuses pods per node outside 8-256", () => {
    expect(() => synthCluster({ mode: "standard", nodePool: { maxPodsPerNode: 4 } })).toThrow(/nodePool\.maxPodsPerNode: must be a whole number from 8 to 256 \(GKE Standard\), got 4/);
  });

  test("the construct requires the project (the Workload Identity pool is named after it)", () => {
    expect(() => synthCluster({ mode: "standard", project: undefined })).toThrow(/project: is required in Standard mode/);
  });
});

describe("control-plane access from config", () => {
  test("authorized networks reach the private endpoint; a public endpoint only when asked", () => {
    const app = synthApp(
      exampleWith((c) => (c.tenants[0].gke = { publicEndpoint: true, authorizedNetworks: [{ cidr: "192.168.100.0/24", displayName: "ci-runners" }] })),
    );
    const cluster = clusterOf(app);
    expect(cluster.private_cluster_config.enable_private_endpoint).toBe(false);
    expect(cluster.master_authorized_networks_config.cidr_blocks).toEqual([{ cidr_block: "192.168.100.0/24", display_name: "ci-runners" }]);
  });

  test("deletion protection can be turned off for test environments", () => {
    expect(clusterOf(synthApp(exampleWith((c) => (c.tenants[0].gke = { deletionProtection: false })))).deletion_protection).toBe(false);
  });

  test("an authorized network must be private", () => {
    expect(() => exampleWith((c) => (c.tenants[0].gke = { authorizedNetworks: [{ cidr: "0.0.0.0/0", displayName: "all" }] }))).toThrow(
      /tenants\[0\]\.gke\.authorizedNetworks\[0\]\.cidr: must be a private range/,
    );
  });
});

describe("locked-down VPC: restricted Google APIs", () => {
  // Without published Services: the zones and records here are the restricted APIs' and the API's only.
  const consumer = synthApp(exampleWith((c) => Object.assign(c.tenants[0], { gke: { restrictedGoogleApis: true }, publishedServices: [] }))).byName["consumer-team-a"];

  test("a route to the restricted VIP", () => {
    expect(onlyResource(consumer, "google_compute_route")).toMatchObject({ dest_range: "199.36.153.4/30", next_hop_gateway: "default-internet-gateway" });
  });

  test("private zones send googleapis.com, gcr.io and pkg.dev to it", () => {
    const zones = Object.values(resourcesOf(consumer, "google_dns_managed_zone")).map((z) => z.dns_name).sort();
    expect(zones).toEqual(["aws-api.internal.", "gcr.io.", "googleapis.com.", "pkg.dev."]);
    const records = Object.values(resourcesOf(consumer, "google_dns_record_set")).map((r) => `${r.name} ${r.type} ${r.rrdatas.join(",")}`).sort();
    expect(records).toEqual([
      "*.gcr.io. CNAME gcr.io.",
      "*.googleapis.com. CNAME restricted.googleapis.com.",
      "*.pkg.dev. CNAME pkg.dev.",
      expect.stringMatching(/^api\.aws-api\.internal\. A \$\{google_compute_address\./),
      "gcr.io. A 199.36.153.4,199.36.153.5,199.36.153.6,199.36.153.7",
      "pkg.dev. A 199.36.153.4,199.36.153.5,199.36.153.6,199.36.153.7",
      "restricted.googleapis.com. A 199.36.153.4,199.36.153.5,199.36.153.6,199.36.153.7",
    ]);
  });

  test("an egress rule allows HTTPS to the VIP ahead of a deny-all egress rule", () => {
    expect(onlyResource(consumer, "google_compute_firewall")).toMatchObject({
      name: "psc-team-a-vpc-apis-egress",
      direction: "EGRESS",
      priority: 100,
      destination_ranges: ["199.36.153.4/30"],
      allow: [{ protocol: "tcp", ports: ["443"] }],
    });
  });

  test("off by default", () => {
    expect(resourcesOf(autopilot.byName["consumer-team-a"], "google_compute_route")).toEqual({});
    expect(resourcesOf(autopilot.byName["consumer-team-a"], "google_compute_firewall")).toEqual({});
  });
});

describe("workloads stack", () => {
  const workloads = autopilot.byName["workloads-team-a"];

  test("Kubernetes provider on the DNS endpoint, no CA certificate, a Google access token (google_client_config)", () => {
    const [provider] = workloads.json.provider?.["kubernetes"] as any[];
    expect(provider.host).toMatch(/^https:\/\/\$\{data\.terraform_remote_state\.cross-stack-reference-input-consumer-team-a\.outputs\..*dns_endpoint_config0endpoint\}$/);
    expect(provider.cluster_ca_certificate).toBeUndefined();
    expect(provider.token).toMatch(/^\$\{data\.google_client_config\..*\.access_token\}$/);
    expect(provider.exec).toBeUndefined();
    expect(Object.keys(workloads.json.data?.["google_client_config"] ?? {})).toHaveLength(1);
  });

  test("gke-gcloud-auth-plugin auth: the token comes from the caller's gcloud, no google provider in the stack", () => {
    const app = synthApp(exampleWith((c) => (c.tenants[0].kubernetesAuth = "gke-gcloud-auth-plugin")));
    const stack = app.byName["workloads-team-a"];
    const [provider] = stack.json.provider?.["kubernetes"] as any[];
    expect(provider.host).toMatch(/dns_endpoint_config0endpoint\}$/);
    expect(provider.exec).toEqual([{ api_version: "client.authentication.k8s.io/v1beta1", command: "gke-gcloud-auth-plugin" }]);
    expect(provider.token).toBeUndefined();
    expect(Object.keys(stack.json.provider ?? {})).toEqual(["kubernetes"]);
    expect(stack.json.data?.["google_client_config"]).toBeUndefined();
  });

  test("egress policy: every pod in the namespace reaches only the PSC endpoint on the service port, and DNS", () => {
    const policy = onlyResource(workloads, "kubernetes_network_policy_v1");
    expect(policy.spec.pod_selector).toEqual({});
    expect(policy.spec.policy_types).toEqual(["Egress"]);
    const [api, dns] = policy.spec.egress;
    expect(api.to).toEqual([{ ip_block: { cidr: expect.stringMatching(/cross-stack-output-google_compute_address.*address\}\/32$/) } }]);
    expect(api.ports).toEqual([{ port: "80", protocol: "TCP" }]);
    expect(dns.ports).toEqual([
      { port: "53", protocol: "UDP" },
      { port: "53", protocol: "TCP" },
    ]);
    // kube-dns, NodeLocal DNSCache (Autopilot), and the metadata server (Cloud DNS for GKE without NodeLocal): port 53 only.
    expect(dns.to).toEqual([
      { namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } }, pod_selector: { match_labels: { "k8s-app": "kube-dns" } } },
      { ip_block: { cidr: "169.254.20.10/32" } },
      { ip_block: { cidr: "169.254.169.254/32" } },
    ]);
    expect(policy.spec.egress).toHaveLength(2);
    expect(policy.spec.ingress).toBeUndefined();
  });

  test("connectivity check: a suspended CronJob that curls the in-cluster name and reports status and latency", () => {
    const cron = onlyResource(workloads, "kubernetes_cron_job_v1");
    expect(cron.spec.suspend).toBe(true);
    const pod = cron.spec.job_template.spec.template.spec;
    expect(pod.restart_policy).toBe("Never");
    const [container] = pod.container;
    expect(container.command.join(" ")).toContain("http://aws-api.aws-api.svc.cluster.local/");
    // Escaped for Terraform, which reads `%{` as a template directive: the shell gets `%{http_code}`.
    expect(container.command.join(" ")).toMatch(/-w 'status=%%\{http_code\} connect=%%\{time_connect\}s total=%%\{time_total\}s'/);
    expect(container.security_context).toEqual({ allow_privilege_escalation: false, read_only_root_filesystem: true, capabilities: { drop: ["ALL"] } });
    expect(pod.security_context).toMatchObject({ run_as_non_root: true });
    expect(workloads.json.output?.["run-connectivity-check"].value).toMatch(/^kubectl -n \$\{kubernetes_namespace_v1\.[^}]+\.metadata\[0\]\.name\} create job --from=cronjob\/aws-api-check aws-api-check-\$\(date \+%s\)$/);
    // Created after its namespace: the CronJob names it through the namespace resource.
    expect(cron.metadata.namespace).toMatch(/^\$\{kubernetes_namespace_v1\..*\.metadata\[0\]\.name\}$/);
  });
});

describe("private-only control plane (gke.dnsEndpoint: false)", () => {
  const config = exampleWith((c) => (c.tenants[0].gke = { dnsEndpoint: false }));
  const app = synthApp(config);
  const fromConsumer = "data.terraform_remote_state.cross-stack-reference-input-consumer-team-a.outputs.cross-stack-output-google_container_cluster";

  test("the DNS endpoint refuses user traffic", () => {
    expect(clusterOf(app).control_plane_endpoints_config.dns_endpoint_config).toEqual({ allow_external_traffic: false });
  });

  test("the workloads stack reaches the private IP endpoint and trusts the cluster's CA (base64-decoded from master_auth)", () => {
    const [provider] = app.byName["workloads-team-a"].json.provider?.["kubernetes"] as any[];
    expect(provider.host).toMatch(new RegExp(`^https://\\$\\{${fromConsumer}.*private_cluster_config0private_endpoint\\}$`));
    expect(provider.cluster_ca_certificate).toMatch(new RegExp(`^\\$\\{base64decode\\(${fromConsumer}.*master_auth0cluster_ca_certificate\\)\\}$`));
    expect(provider.token).toMatch(/^\$\{data\.google_client_config\..*\.access_token\}$/);
  });

  test("with gke-gcloud-auth-plugin too", () => {
    const plugin = synthApp(exampleWith((c) => ((c.tenants[0].gke = { dnsEndpoint: false }), (c.tenants[0].kubernetesAuth = "gke-gcloud-auth-plugin"))));
    const [provider] = plugin.byName["workloads-team-a"].json.provider?.["kubernetes"] as any[];
    expect(provider.host).toMatch(/private_cluster_config0private_endpoint\}$/);
    expect(provider.cluster_ca_certificate).toMatch(/master_auth0cluster_ca_certificate\)\}$/);
  });

  test("the other tenant keeps the DNS endpoint", () => {
    const [provider] = app.byName["workloads-team-b"].json.provider?.["kubernetes"] as any[];
    expect(provider.host).toMatch(/dns_endpoint_config0endpoint\}$/);
    expect(provider.cluster_ca_certificate).toBeUndefined();
  });

  test("config warns where Terraform must run for the workloads stack", () => {
    const warnings = validateConfig(exampleInputWith((c) => (c.tenants[0].gke = { dnsEndpoint: false, authorizedNetworks: [{ cidr: "192.168.100.0/24", displayName: "ci" }] }))).warnings;
    expect(warnings).toEqual([
      expect.objectContaining({
        path: "tenants[0].gke.dnsEndpoint",
        message: expect.stringMatching(
          /^is false: .*private IP endpoint only.*inside the tenant's VPC in asia-northeast1, from the node subnet 10\.0\.10\.0\/24 or 192\.168\.100\.0\/24; the VPC this app creates has no VPN, Interconnect or peering.*Fix: keep dnsEndpoint true/,
        ),
      }),
    ]);
  });
});

function exampleInputWith(edit: (c: any) => void): unknown {
  const input = exampleInput();
  edit(input);
  return input;
}

function synthCluster(overrides: Partial<PrivateGkeClusterProps>): string {
  return Testing.synthScope((scope: Construct) => {
    const network = new ComputeNetwork(scope, "net", { name: "net", autoCreateSubnetworks: false });
    const subnet = new GkeSubnet(scope, "gke", { network, name: "nodes", region: "europe-west1", nodesCidr: "10.0.0.0/24", podsCidr: "10.1.0.0/20", servicesCidr: "10.2.0.0/24" });
    new PrivateGkeCluster(scope, "c", { name: "c1", location: "europe-west1", network, subnet, project: "my-project", ...overrides });
  });
}
