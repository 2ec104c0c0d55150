import { googleApiOf } from "../../../constructs/gcp/project-services";
import { exampleWith, onlyResource, resourcesOf, SynthesizedApp, SynthesizedStack, synthApp } from "../../helpers";

// Google APIs: each GCP project gets the APIs its stacks' resources use, from exactly one stack, before anything else.

const example = synthApp();
const GCP_STACKS = ["producer", "tunnels", "consumer-team-a", "consumer-team-b", "project-team-c", "hub-team-c", "consumer-team-c"];

/** Every Google resource of a stack but the services, as [type, attributes]. */
function googleResources(stack: SynthesizedStack): Array<[string, Record<string, any>]> {
  return Object.entries(stack.json.resource ?? {})
    .filter(([type]) => type.startsWith("google_") && type !== "google_project_service")
    .flatMap(([type, byName]) => Object.values(byName).map((attrs): [string, Record<string, any>] => [type, attrs]));
}

/** The services a stack enables, as `project service` lines, and their depends_on addresses. */
function servicesOf(stack: SynthesizedStack): { enabled: string[]; addresses: string[] } {
  const services = resourcesOf(stack, "google_project_service");
  return {
    enabled: Object.values(services).map((s) => `${s.project} ${s.service}`),
    addresses: Object.keys(services).map((name) => `google_project_service.${name}`),
  };
}

/** `project service` for every (project, API) pair enabled anywhere in the app, with the stacks enabling it. */
function enabledBy(app: SynthesizedApp): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const [name, stack] of Object.entries(app.byName)) {
    for (const line of servicesOf(stack).enabled) owners.set(line, [...(owners.get(line) ?? []), name]);
  }
  return owners;
}

describe("APIs of the example", () => {
  test("the producer project gets Compute Engine (and, hosting a routed tenant, Kubernetes Engine and Resource Manager); each PSC tenant project Compute, Kubernetes Engine, Cloud DNS, IAM, Resource Manager and Service Directory, and with serverless clients Cloud Run and (for a connector) Serverless VPC Access; a routed tenant's project, by its project stack, what its cluster and addresses need", () => {
    expect(servicesOf(example.byName["producer"]).enabled.sort()).toEqual(["cloudresourcemanager", "compute", "container"].map((api) => `example-producer-project ${api}.googleapis.com`));
    expect(servicesOf(example.byName["project-team-c"]).enabled.sort()).toEqual(["cloudresourcemanager", "compute", "container", "iam"].map((api) => `example-routed-project ${api}.googleapis.com`));
    expect(servicesOf(example.byName["consumer-team-c"]).enabled).toEqual([]);
    const psc = ["cloudresourcemanager", "compute", "container", "dns", "iam", "servicedirectory"];
    for (const [stack, project, apis] of [
      // team-a has a connector and Direct VPC egress, each with a Cloud Run check.
      ["consumer-team-a", "example-consumer-project", [...psc, "run", "vpcaccess"]],
      ["consumer-team-b", "example-consumer-b-project", psc],
    ] as const) {
      expect(servicesOf(example.byName[stack]).enabled.sort()).toEqual([...apis].sort().map((api) => `${project} ${api}.googleapis.com`));
    }
    // Direct VPC egress alone needs no connector API.
    const direct = synthApp(exampleWith((c) => (c.tenants[0].serverless = { directVpcEgressCidr: "10.0.40.0/24" })));
    expect(servicesOf(direct.byName["consumer-team-a"]).enabled.sort()).toEqual([...psc, "run"].sort().map((api) => `example-consumer-project ${api}.googleapis.com`));
  });

  test("never switched off by a destroy", () => {
    for (const stack of GCP_STACKS) {
      for (const s of Object.values(resourcesOf(example.byName[stack], "google_project_service"))) {
        expect(s).toMatchObject({ disable_on_destroy: false, disable_dependent_services: false });
      }
    }
  });

  test("every resource's API is enabled in its project, by one stack only", () => {
    const owners = enabledBy(example);
    for (const name of GCP_STACKS) {
      const project = (example.byName[name].json.provider?.["google"] as any[])[0].project;
      for (const [type] of googleResources(example.byName[name])) {
        const api = googleApiOf(type);
        expect({ type, api }).toEqual({ type, api: expect.stringMatching(/\.googleapis\.com$/) });
        expect({ type, enabledBy: owners.get(`${project} ${api}`) }).toEqual({ type, enabledBy: [expect.any(String)] });
      }
    }
    for (const [line, stacks] of owners) expect({ line, stacks: stacks.length }).toEqual({ line, stacks: 1 });
  });

  test("every Google resource of the producer and consumer stacks depends on every service of its stack", () => {
    for (const name of ["producer", "consumer-team-a", "consumer-team-b"]) {
      const { addresses } = servicesOf(example.byName[name]);
      expect(addresses.length).toBeGreaterThan(0);
      for (const [type, attrs] of googleResources(example.byName[name])) {
        expect({ type, missing: addresses.filter((a) => !(attrs.depends_on ?? []).includes(a)) }).toEqual({ type, missing: [] });
      }
    }
  });

  test("the tunnels stack enables nothing: it deploys after the producer stack, which owns the project's APIs", () => {
    expect(resourcesOf(example.byName["tunnels"], "google_project_service")).toEqual({});
    expect(example.manifest.stacks["tunnels"].dependencies).toContain("producer");
  });

  test("the workloads stacks create no Google resource and enable nothing (they only read an access token)", () => {
    for (const name of ["workloads-team-a", "workloads-team-b"]) {
      expect(googleResources(example.byName[name])).toEqual([]);
      expect(resourcesOf(example.byName[name], "google_project_service")).toEqual({});
    }
  });

  test("gcp.manageApis defaults to true: a config without the key enables the APIs", () => {
    const withoutKey = exampleWith((c) => delete c.gcp.manageApis);
    expect(withoutKey.gcp.manageApis).toBe(true);
    expect(Object.keys(resourcesOf(synthApp(withoutKey).byName.producer, "google_project_service"))).toEqual([expect.stringMatching(/^apis_cloudresourcemanager_/), expect.stringMatching(/^apis_compute_/), expect.stringMatching(/^apis_container_/)]);
  });
});

describe("gcp.manageApis: false (a project factory enables the APIs)", () => {
  const app = synthApp(exampleWith((c) => (c.gcp.manageApis = false)));

  test("no google_project_service anywhere, and nothing waits for one", () => {
    for (const [name, stack] of Object.entries(app.byName)) {
      expect({ name, services: resourcesOf(stack, "google_project_service") }).toEqual({ name, services: {} });
      for (const [type, attrs] of googleResources(stack)) {
        expect({ type, depends: (attrs.depends_on ?? []).filter((d: string) => d.startsWith("google_project_service.")) }).toEqual({ type, depends: [] });
      }
    }
  });
});

describe("a tenant in the producer's own project", () => {
  const app = synthApp(exampleWith((c) => (c.tenants[0].project = c.gcp.producerProject)));

  test("the producer stack enables the tenant's APIs too; the tenant's consumer stack enables none", () => {
    expect(servicesOf(app.byName["producer"]).enabled.sort()).toEqual(
      ["cloudresourcemanager", "compute", "container", "dns", "iam", "run", "servicedirectory", "vpcaccess"].map((api) => `example-producer-project ${api}.googleapis.com`),
    );
    expect(resourcesOf(app.byName["consumer-team-a"], "google_project_service")).toEqual({});
    expect(app.manifest.stacks["consumer-team-a"].dependencies).toContain("producer");
  });

  test("still one stack per (project, API)", () => {
    for (const [line, stacks] of enabledBy(app)) expect({ line, stacks }).toEqual({ line, stacks: [expect.any(String)] });
  });
});

describe("private services access", () => {
  test("the producer enables Service Networking, allocates the ranges, exports custom routes to the peering, and the router advertises them", () => {
    const app = synthApp(exampleWith((c) => (c.gcp.privateServicesAccessCidrs = ["10.10.64.0/20"])));
    const producer = app.byName["producer"];
    expect(servicesOf(producer).enabled).toContain("example-producer-project servicenetworking.googleapis.com");
    expect(onlyResource(producer, "google_compute_global_address")).toMatchObject({ purpose: "VPC_PEERING", address_type: "INTERNAL", address: "10.10.64.0", prefix_length: 20 });
    expect(onlyResource(producer, "google_service_networking_connection").service).toBe("servicenetworking.googleapis.com");
    expect(onlyResource(producer, "google_compute_network_peering_routes_config")).toMatchObject({ export_custom_routes: true });
    expect(onlyResource(app.byName["tunnels"], "google_compute_router").bgp.advertised_ip_ranges).toContainEqual({ range: "10.10.64.0/20" });
  });
});
