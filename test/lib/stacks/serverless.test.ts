import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { synthesize } from "../../../lib/synthesize";
import { exampleInput, exampleWith, problemsOf, resourcesOf, resourceUnder, synthApp } from "../../helpers";

// A PSC tenant's serverless clients and its cluster APIs published by name
// (the example's team-a has both): what they reach, through what, by reference.

const { byName } = synthApp();
const consumer = byName["consumer-team-a"];
const workloads = byName["workloads-team-a"];
const ref = (type: string, id: string, attribute: string) => `\${${type}.${id}.${attribute}}`;
const idUnder = (stack: typeof consumer, type: string, construct: string) => Object.keys(resourcesOf(stack, type)).find((id) => id.startsWith(`${construct}_`))!;

describe("serverless clients of a PSC tenant", () => {
  const connectorId = idUnder(consumer, "google_vpc_access_connector", "serverless-connector");
  const subnetId = Object.entries(resourcesOf(consumer, "google_compute_subnetwork")).find(([, s]) => s.name === "psc-team-a-serverless")![0];
  const networkId = Object.keys(resourcesOf(consumer, "google_compute_network"))[0];

  test("a connector on its /28 in the tenant's VPC, its service agent's role granted by project number", () => {
    expect(resourceUnder(consumer, "google_vpc_access_connector", "serverless-connector")).toMatchObject({
      name: "psc-team-a",
      network: ref("google_compute_network", networkId, "name"),
      ip_cidr_range: "10.0.30.0/28",
      project: "example-consumer-project",
    });
    expect(resourceUnder(consumer, "google_project_iam_member", "serverless-connector")).toMatchObject({
      role: "roles/vpcaccess.serviceAgent",
      member: "serviceAccount:service-${data.google_project.project.number}@gcp-sa-vpcaccess.iam.gserviceaccount.com",
    });
  });

  test("a Direct VPC egress subnet in the tenant's VPC", () => {
    expect(resourcesOf(consumer, "google_compute_subnetwork")[subnetId]).toMatchObject({ ip_cidr_range: "10.0.40.0/24", network: ref("google_compute_network", networkId, "id"), region: "asia-northeast1" });
  });

  test("the outputs give each runtime its settings, by reference: app.yaml, Cloud Run's flags, the API's private URL", () => {
    const output = consumer.json.output as Record<string, { value: string }>;
    const connector = ref("google_vpc_access_connector", connectorId, "id");
    expect(output["vpc-access-connector"].value).toBe(connector);
    expect(output["app-yaml"].value).toBe(`vpc_access_connector:\n  name: ${connector}\n  egress_setting: all-traffic\n`);
    expect(output["cloud-run-connector-flags"].value).toBe(`--vpc-connector=${connector} --vpc-egress=all-traffic`);
    expect(output["cloud-run-direct-vpc-flags"].value).toBe(`--network=${ref("google_compute_network", networkId, "name")} --subnet=${ref("google_compute_subnetwork", subnetId, "name")} --vpc-egress=all-traffic`);
    expect(output["serverless-api-url"].value).toBe("http://api.aws-api.internal");
  });

  test("one Cloud Run check job per path, through it with all traffic, requesting the API's private name, as an account with no role", () => {
    const connectorJob = resourceUnder(consumer, "google_cloud_run_v2_job", "serverless-check-connector");
    const directJob = resourceUnder(consumer, "google_cloud_run_v2_job", "serverless-check-direct");
    expect(connectorJob.template.template.vpc_access).toEqual({ connector: ref("google_vpc_access_connector", connectorId, "id"), egress: "ALL_TRAFFIC" });
    expect(directJob.template.template.vpc_access).toEqual({
      network_interfaces: [{ network: ref("google_compute_network", networkId, "name"), subnetwork: ref("google_compute_subnetwork", subnetId, "name") }],
      egress: "ALL_TRAFFIC",
    });
    for (const [path, job] of [["connector", connectorJob], ["direct", directJob]] as const) {
      const accountId = idUnder(consumer, "google_service_account", `serverless-check-${path}`);
      expect(job).toMatchObject({ name: `psc-team-a-check-${path}`, location: "asia-northeast1", project: "example-consumer-project", deletion_protection: false });
      expect(job.template.template).toMatchObject({ service_account: ref("google_service_account", accountId, "email"), max_retries: 0 });
      const [container] = job.template.template.containers;
      expect(container.command[2]).toContain("'http://api.aws-api.internal/'");
      expect(container.command[2]).toContain("status=2*) echo OK");
      // No role for the check's account, anywhere in the stack.
      const email = ref("google_service_account", accountId, "email");
      expect(Object.values(resourcesOf(consumer, "google_project_iam_member")).filter((m) => String(m.member).includes(email))).toEqual([]);
      expect((consumer.json.output as any)[`run-serverless-check-${path}`].value).toBe(`gcloud run jobs execute psc-team-a-check-${path} --region asia-northeast1 --project example-consumer-project --wait`);
    }
  });

  test("a tenant without serverless gets none of it, and a tenant with one path gets one job", () => {
    expect(resourcesOf(byName["consumer-team-b"], "google_cloud_run_v2_job")).toEqual({});
    expect(resourcesOf(byName["consumer-team-b"], "google_vpc_access_connector")).toEqual({});
    const direct = synthApp(exampleWith((c) => (c.tenants[0].serverless = { directVpcEgressCidr: "10.0.40.0/24" }))).byName["consumer-team-a"];
    expect(Object.values(resourcesOf(direct, "google_cloud_run_v2_job")).map((j) => j.name)).toEqual(["psc-team-a-check-direct"]);
    expect(resourcesOf(direct, "google_vpc_access_connector")).toEqual({});
    expect(direct.json.data?.google_project).toBeUndefined();
  });
});

describe("a PSC tenant's cluster API published by name", () => {
  const addressId = idUnder(consumer, "google_compute_address", "published-inventory");

  test("an address reserved in the node subnet, its A record in a private zone of the tenant's VPC, by reference", () => {
    const gkeSubnetId = idUnder(consumer, "google_compute_subnetwork", "gke-subnet");
    const networkId = Object.keys(resourcesOf(consumer, "google_compute_network"))[0];
    expect(resourcesOf(consumer, "google_compute_address")[addressId]).toMatchObject({ name: "psc-team-a-svc-inventory", address_type: "INTERNAL", subnetwork: ref("google_compute_subnetwork", gkeSubnetId, "id") });
    const zoneId = idUnder(consumer, "google_dns_managed_zone", "published-zone");
    expect(resourcesOf(consumer, "google_dns_managed_zone")[zoneId]).toMatchObject({
      dns_name: "team-a.internal.",
      visibility: "private",
      private_visibility_config: { networks: [{ network_url: ref("google_compute_network", networkId, "id") }] },
    });
    expect(resourceUnder(consumer, "google_dns_record_set", "published-inventory")).toMatchObject({
      managed_zone: ref("google_dns_managed_zone", zoneId, "name"),
      name: "inventory.team-a.internal.",
      type: "A",
      rrdatas: [ref("google_compute_address", addressId, "address")],
    });
  });

  test("the internal LoadBalancer Service takes that address by name, across stacks, and admits the tenant's own clients only", () => {
    const service = resourceUnder(workloads, "kubernetes_service_v1", "published-inventory");
    expect(service.metadata.annotations).toEqual({
      "networking.gke.io/load-balancer-type": "Internal",
      "networking.gke.io/load-balancer-ip-addresses": `\${data.terraform_remote_state.cross-stack-reference-input-consumer-team-a.outputs.cross-stack-output-google_compute_address${addressId}name}`,
    });
    // The nodes' and pods' ranges, the connector's /28 and the Direct VPC egress subnet: never 0.0.0.0/0.
    expect(service.spec).toMatchObject({
      type: "LoadBalancer",
      external_traffic_policy: "Cluster",
      load_balancer_source_ranges: ["10.0.10.0/24", "10.0.100.0/24", "10.0.30.0/28", "10.0.40.0/24"],
      selector: { app: "inventory" },
    });
    expect((workloads.json.output as any)["published-inventory-url"].value).toBe("http://inventory.team-a.internal:8080");
  });
});

describe("serverless and published names: refused configs", () => {
  test("a connector range that is not a /28, or overlaps the tenant's other ranges", () => {
    expect(problemsOf((c) => (c.tenants[0].serverless.connector.cidr = "10.0.30.0/27"))).toEqual([
      'tenants[0].serverless.connector.cidr: must be a /28 (a Serverless VPC Access connector takes exactly a /28), got "10.0.30.0/27". Fix: use a /28',
    ]);
    expect(problemsOf((c) => (c.tenants[0].serverless.connector.cidr = "10.0.100.16/28"))).toEqual([
      'tenants[0].serverless.connector.cidr: must not overlap tenants[0].podsCidr 10.0.100.0/24 in the same VPC, got "10.0.100.16/28". Fix: move one of the two to a free range',
    ]);
    expect(problemsOf((c) => (c.tenants[0].serverless.directVpcEgressCidr = "10.0.30.0/26"))).toEqual([
      expect.stringMatching(/^tenants\[0\]\.serverless\.directVpcEgressCidr: must not overlap tenants\[0\]\.serverless\.connector\.cidr 10\.0\.30\.0\/28 in the same VPC/),
    ]);
    // Another tenant's VPC (or AWS) is free to hold the same ranges: nothing routes between them.
    expect(problemsOf((c) => (c.tenants[1].serverless = { connector: { cidr: "10.0.30.0/28" } }))).toEqual([]);
  });

  test("instance bounds outside the product's limits, a Direct VPC egress subnet under /26, an empty serverless block", () => {
    expect(problemsOf((c) => Object.assign(c.tenants[0].serverless.connector, { minInstances: 1, maxInstances: 11 }))).toEqual([
      "tenants[0].serverless.connector.minInstances: must be a whole number from 2 to 9, got 1",
      "tenants[0].serverless.connector.maxInstances: must be a whole number from 3 to 10, got 11",
    ]);
    expect(problemsOf((c) => Object.assign(c.tenants[0].serverless.connector, { minInstances: 3, maxInstances: 3 }))).toEqual([
      "tenants[0].serverless.connector.maxInstances: must be above minInstances (3), got 3. Fix: set maxInstances to 4 or more, or lower minInstances",
    ]);
    expect(problemsOf((c) => (c.tenants[0].serverless.directVpcEgressCidr = "10.0.40.0/27"))).toEqual([
      'tenants[0].serverless.directVpcEgressCidr: must be between /8 and /26 (Direct VPC egress needs a /26 or larger subnet), got "10.0.40.0/27". Fix: use a /26 or larger',
    ]);
    expect(problemsOf((c) => (c.tenants[0].serverless = {}))).toEqual([expect.stringMatching(/^tenants\[0\]\.serverless: must set connector \(App Engine, Cloud Run\) or directVpcEgressCidr/)]);
  });

  test("names: a connector or check name over its limit, a record outside the zone, a zone that is the API's, a repeated name", () => {
    expect(problemsOf((c) => (c.tenants[0].name = "team-with-a-long-name"))).toEqual([
      'tenants[0].name: makes a serverless check\'s name "psc-team-with-a-long-name-check-connector" 41 characters, over its limit of 30. Fix: shorten prefix or tenants[0].name by 11',
    ]);
    expect(problemsOf((c) => (c.tenants[0].publishedServices[0].dnsName = "inventory.other.internal."))).toEqual([
      'tenants[0].publishedServices[0].dnsName: must be a name inside the zone team-a.internal., got "inventory.other.internal.". Fix: e.g. inventory.team-a.internal.',
    ]);
    expect(problemsOf((c) => (c.tenants[0].dnsZone = "aws-api.internal."))).toEqual([expect.stringMatching(/^tenants\[0\]\.dnsZone: makes the published Services' zone aws-api\.internal\., the zone of service\.dnsName too/)]);
    expect(problemsOf((c) => c.tenants[0].publishedServices.push({ name: "inventory", port: 9090 }))).toEqual([
      expect.stringMatching(/^tenants\[0\]\.publishedServices\[1\]\.name: must be unique in the tenant \(also tenants\[0\]\.publishedServices\[0\]\.name\)/),
      expect.stringMatching(/^tenants\[0\]\.publishedServices\[1\]\.dnsName: must be unique in the tenant/),
    ]);
    expect(problemsOf((c) => (c.tenants[0].publishedServices[0].port = 70000))).toEqual([expect.stringMatching(/^tenants\[0\]\.publishedServices\[0\]\.port: must be a port/)]);
    // Names the app makes from the user's: blamed on what the user wrote, with the overshoot.
    expect(problemsOf((c) => (c.tenants[0].publishedServices[0].name = `inventory-${"x".repeat(45)}`))).toEqual([
      expect.stringMatching(/^tenants\[0\]\.publishedServices\[0\]\.name: makes the published Service's address name "psc-team-a-svc-inventory-x+" 70 characters, over its limit of 63\. Fix: shorten prefix or tenants\[0\]\.publishedServices\[0\]\.name by 7$/),
    ]);
    expect(() => exampleWith((c) => Object.assign(c.tenants[1], { dnsZone: "team-b.internal." }))).not.toThrow();
  });

  test("serverless and DNS names are a PSC tenant's: refused on a routed one", () => {
    expect(problemsOf((c) => (c.tenants[2].serverless = { directVpcEgressCidr: "10.40.0.0/24" }))).toEqual(["tenants[2].serverless: is a key of a psc tenant, not of this routed one. Fix: remove it, or set kind: psc"]);
    expect(problemsOf((c) => (c.tenants[2].publishedServices[0].dnsName = "orders.team-c.internal."))).toEqual([expect.stringMatching(/^tenants\[2\]\.publishedServices\[0\]\.dnsName: is a name in a PSC tenant's private zone/)]);
  });

  test("a refused config writes nothing, and lists every problem", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-serverless-"));
    try {
      const input = exampleInput() as any;
      input.tenants[0].serverless.connector.cidr = "10.0.10.0/28";
      input.tenants[0].serverless.connector.maxInstances = 12;
      const file = path.join(dir, "bad.yaml");
      fs.writeFileSync(file, stringify(input));
      const outdir = path.join(dir, "cdktf.out");
      expect(() => synthesize({ configFile: file, outdir, print: () => undefined })).toThrow(/2 problems:[\s\S]*serverless\.connector\.cidr: must not overlap tenants\[0\]\.gkeNodesCidr[\s\S]*maxInstances/);
      expect(fs.existsSync(outdir)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
