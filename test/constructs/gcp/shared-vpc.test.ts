import { DataGoogleProject } from "@cdktf/provider-google/lib/data-google-project";
import { ComputeSubnetwork } from "@cdktf/provider-google/lib/compute-subnetwork";
import { SharedVpcHost, SharedVpcServiceProject, SharedVpcServiceProjectProps } from "../../../constructs/gcp/shared-vpc";
import { synth } from "../support";

describe("SharedVpcHost", () => {
  test("makes the project a host and exposes its id through the resource", () => {
    // GIVEN a project WHEN it becomes a host THEN dependants read its id from the resource, so they wait for it
    let host: SharedVpcHost | undefined;
    const out = synth((s) => (host = new SharedVpcHost(s, "host", { project: "hub-project" })));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_shared_vpc_host_project" }, { project: "hub-project" });
    expect(host!.project).toMatch(/^\$\{TfToken\[/);
  });

  test("fails when the project is not a project id", () => {
    expect(() => synth((s) => new SharedVpcHost(s, "host", { project: "My Project" }))).toThrow(/project: must be a GCP project id: .*got "My Project"/);
  });
});

describe("SharedVpcServiceProject", () => {
  const base: SharedVpcServiceProjectProps = {
    hostProject: "hub-project",
    serviceProject: "team-a-project",
    serviceProjectNumber: "123456789012",
    subnets: [{ name: "team-a-nodes", region: "europe-west1" }],
  };
  const resources = (props: Partial<SharedVpcServiceProjectProps> = {}) => JSON.parse(synth((s) => new SharedVpcServiceProject(s, "team-a", { ...base, ...props }))).resource;
  const GKE_AGENT = "serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com";
  const APIS_AGENT = "serviceAccount:123456789012@cloudservices.gserviceaccount.com";

  test("attaches the service project; both agents use each shared subnet; the GKE agent is Host Service Agent User", () => {
    // GIVEN two shared subnets WHEN the project is attached for GKE THEN each agent is Network User on each subnet only
    const r = resources({ subnets: [...base.subnets, { name: "team-a-db", region: "europe-west4" }] });
    expect(Object.values<any>(r.google_compute_shared_vpc_service_project)).toEqual([{ host_project: "hub-project", service_project: "team-a-project" }]);
    expect(Object.values<any>(r.google_compute_subnetwork_iam_member).map((m) => [m.project, m.region, m.subnetwork, m.role, m.member])).toEqual([
      ["hub-project", "europe-west1", "team-a-nodes", "roles/compute.networkUser", APIS_AGENT],
      ["hub-project", "europe-west1", "team-a-nodes", "roles/compute.networkUser", GKE_AGENT],
      ["hub-project", "europe-west4", "team-a-db", "roles/compute.networkUser", APIS_AGENT],
      ["hub-project", "europe-west4", "team-a-db", "roles/compute.networkUser", GKE_AGENT],
    ]);
    expect(Object.values<any>(r.google_project_iam_member).map((m) => [m.project, m.role, m.member])).toEqual([["hub-project", "roles/container.hostServiceAgentUser", GKE_AGENT]]);
  });

  test("subnetUsers (the service project's deployers) are Network User on the subnets, each grant keyed by its principal", () => {
    const r = resources({ subnetUsers: ["group:team-a@example.com", "serviceAccount:deployer@team-a-project.iam.gserviceaccount.com"] });
    const users = Object.entries<any>(r.google_compute_subnetwork_iam_member).filter(([id]) => id.includes("user-"));
    expect(users.map(([id, m]) => [id.replace(/_[0-9A-F]{8}$/, ""), m.subnetwork, m.role, m.member])).toEqual([
      ["team-a_subnet-1-user-group-team-a-example-com", "team-a-nodes", "roles/compute.networkUser", "group:team-a@example.com"],
      ["team-a_subnet-1-user-serviceAccount-deployer-team-a-project-iam-gserviceaccount-com", "team-a-nodes", "roles/compute.networkUser", "serviceAccount:deployer@team-a-project.iam.gserviceaccount.com"],
    ]);
  });

  test("fails when a subnet user is not an IAM principal, or repeats", () => {
    expect(() => resources({ subnetUsers: ["deployer@team-a-project.iam.gserviceaccount.com", "group:a@example.com", "group:a@example.com"] })).toThrow(
      /subnetUsers\[0\].*must be an IAM principal like serviceAccount:[\s\S]*subnetUsers\[2\].*must be unique \(also subnetUsers\[1\]\)/,
    );
  });

  test("grants nothing on the host project's firewall: no Security Admin role for the GKE agent", () => {
    const roles = Object.values<any>(resources().google_project_iam_member).map((m) => m.role);
    expect(roles).not.toContain("roles/compute.securityAdmin");
  });

  test("without gke, only the Google APIs service agent is granted, on the subnets", () => {
    const r = resources({ gke: false });
    expect(Object.values<any>(r.google_compute_subnetwork_iam_member).map((m) => m.member)).toEqual([APIS_AGENT]);
    expect(r.google_project_iam_member).toBeUndefined();
  });

  test("exposes the agents, and the attachment and grants for a cluster to depend on", () => {
    let sp: SharedVpcServiceProject | undefined;
    synth((s) => (sp = new SharedVpcServiceProject(s, "team-a", base)));
    expect([sp!.gkeServiceAgent, sp!.googleApisServiceAgent]).toEqual(["service-123456789012@container-engine-robot.iam.gserviceaccount.com", "123456789012@cloudservices.gserviceaccount.com"]);
    expect(sp!.dependables).toEqual([sp!.attachment, ...sp!.grants]);
    expect(sp!.grants).toHaveLength(3);
  });

  test("tokens pass validation: a host's project, a project's number, a subnet resource", () => {
    // GIVEN values known only at apply time WHEN the project is attached THEN nothing is checked and the references are kept
    const json = JSON.parse(
      synth((s) => {
        const host = new SharedVpcHost(s, "host", { project: "hub-project" });
        const project = new DataGoogleProject(s, "svc", { projectId: "team-a-project" });
        const subnet = new ComputeSubnetwork(s, "subnet", { name: "team-a-nodes", region: "europe-west1", network: "net", ipCidrRange: "10.0.0.0/24" });
        new SharedVpcServiceProject(s, "team-a", { hostProject: host.project, serviceProject: project.projectId, serviceProjectNumber: project.number, subnets: [subnet] });
      }),
    );
    const [attachment] = Object.values<any>(json.resource.google_compute_shared_vpc_service_project);
    expect(attachment.host_project).toMatch(/^\$\{google_compute_shared_vpc_host_project\.\w+\.project\}$/);
    const [member] = Object.values<any>(json.resource.google_compute_subnetwork_iam_member);
    expect([member.subnetwork, member.member]).toEqual(["${google_compute_subnetwork.subnet.name}", "serviceAccount:${data.google_project.svc.number}@cloudservices.gserviceaccount.com"]);
  });

  test("fails when a project is not a project id, or the host is its own service project", () => {
    expect(() => resources({ hostProject: "Hub" })).toThrow(/hostProject: must be a GCP project id: .*got "Hub"/);
    expect(() => resources({ serviceProject: "hub-project" })).toThrow(/serviceProject: must differ from hostProject \(a host cannot be its own service project\), got "hub-project"/);
    expect(() => resources({ serviceProject: "team_a" })).toThrow(/serviceProject: must be a GCP project id: .*got "team_a"/);
  });

  test("fails when the project number is the project id", () => {
    expect(() => resources({ serviceProjectNumber: "team-a-project" })).toThrow(/serviceProjectNumber: must be the service project's number \(digits only\), not its id, got "team-a-project"\. Fix: use projectNumber/);
  });

  test("fails when no subnet is shared, or a subnet is malformed or repeated, listing every problem", () => {
    expect(() => resources({ subnets: [] })).toThrow(/subnets: must list at least one subnet of the host to share, got a list of 0/);
    const build = () => resources({ subnets: [{ name: "Nodes", region: "europe-west1-b" }, base.subnets[0], base.subnets[0]] });
    expect(build).toThrow(/subnets\[0\]\.name: must be a GCP resource name/);
    expect(build).toThrow(/subnets\[0\]\.region: must be a GCP region like asia-northeast1, got "europe-west1-b"\. Fix: use the region europe-west1/);
    expect(build).toThrow(/subnets\[2\]: must be unique \(also subnets\[1\]\), got "europe-west1\/team-a-nodes"/);
  });
});
