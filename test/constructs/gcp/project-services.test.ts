import { ComputeNetwork } from "@cdktf/provider-google/lib/compute-network";
import { DataGoogleClientConfig } from "@cdktf/provider-google/lib/data-google-client-config";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { googleApiOf, ProjectServices } from "../../../constructs/gcp/project-services";
import { synth } from "../support";

const resources = (json: any, type: string): Record<string, any> => json.resource?.[type] ?? {};

describe("ProjectServices", () => {
  test("one google_project_service per API, never switched off on destroy", () => {
    // GIVEN a fresh project WHEN two APIs are enabled THEN neither is disabled by a destroy, nor are services depending on them
    const json = JSON.parse(synth((s) => new ProjectServices(s, "apis", { project: "my-project", services: ["compute.googleapis.com", "dns.googleapis.com"] })));
    expect(Object.values(resources(json, "google_project_service"))).toEqual([
      expect.objectContaining({ project: "my-project", service: "compute.googleapis.com", disable_on_destroy: false, disable_dependent_services: false }),
      expect.objectContaining({ project: "my-project", service: "dns.googleapis.com", disable_on_destroy: false, disable_dependent_services: false }),
    ]);
    // Named after the service: adding or removing an API never renames another.
    expect(Object.keys(resources(json, "google_project_service")).map((k) => k.replace(/_[0-9A-F]{8}$/, ""))).toEqual(["apis_compute", "apis_dns"]);
  });

  test("every Google resource of the stack depends on every service; services and data sources do not", () => {
    // GIVEN resources made before and after the services WHEN synthesized THEN each waits for all of them
    const json = JSON.parse(
      synth((s) => {
        new ComputeNetwork(s, "before", { name: "before", autoCreateSubnetworks: false });
        new ProjectServices(s, "apis", { services: ["compute.googleapis.com", "iam.googleapis.com"] });
        new ServiceAccount(new Construct(s, "deep"), "after", { accountId: "after-sa" });
        new DataGoogleClientConfig(s, "client");
      }),
    );
    const services = Object.keys(resources(json, "google_project_service")).map((k) => `google_project_service.${k}`);
    expect(Object.values(resources(json, "google_compute_network"))[0].depends_on).toEqual(services);
    expect(Object.values(resources(json, "google_service_account"))[0].depends_on).toEqual(services);
    for (const service of Object.values(resources(json, "google_project_service"))) expect(service.depends_on).toBeUndefined();
    expect(Object.values<any>(json.data.google_client_config)[0].depends_on).toBeUndefined();
  });

  test("dependents narrows the resources that wait", () => {
    const json = JSON.parse(
      synth((s) => {
        const waiting = new Construct(s, "waiting");
        new ComputeNetwork(waiting, "net", { name: "net", autoCreateSubnetworks: false });
        new ComputeNetwork(s, "other", { name: "other", autoCreateSubnetworks: false });
        new ProjectServices(s, "apis", { services: ["compute.googleapis.com"], dependents: waiting });
      }),
    );
    const waits = Object.fromEntries(Object.values(resources(json, "google_compute_network")).map((n) => [n.name, n.depends_on?.length ?? 0]));
    expect(waits).toEqual({ net: 1, other: 0 });
  });

  test("warns about a resource whose API it does not enable", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    new ProjectServices(stack, "apis", { services: ["compute.googleapis.com"] });
    new ServiceAccount(stack, "sa", { accountId: "some-sa" });
    Testing.synth(stack);
    const warnings = stack.node.findAll().flatMap((n) => n.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data)));
    expect(warnings).toEqual([expect.stringMatching(/google_service_account is created through iam\.googleapis\.com, which services does not enable\. Fix: add iam\.googleapis\.com to services/)]);
  });

  test("knows the API of every resource type the constructs make", () => {
    expect(googleApiOf("google_compute_service_attachment")).toBe("compute.googleapis.com");
    expect(googleApiOf("google_container_node_pool")).toBe("container.googleapis.com");
    expect(googleApiOf("google_dns_record_set")).toBe("dns.googleapis.com");
    expect(googleApiOf("google_service_account")).toBe("iam.googleapis.com");
    expect(googleApiOf("google_project_iam_member")).toBe("cloudresourcemanager.googleapis.com");
    expect(googleApiOf("google_storage_bucket")).toBeUndefined();
  });

  test("fails when a service is not an API name, is repeated, or none is given", () => {
    expect(() => synth((s) => new ProjectServices(s, "apis", { services: ["compute", "dns.googleapis.com", "dns.googleapis.com"] }))).toThrow(
      /services\[0\]: must be a Google API service name like compute\.googleapis\.com, got "compute"[\s\S]*services\[2\]: must be unique \(also services\[1\]\)/,
    );
    expect(() => synth((s) => new ProjectServices(s, "apis", { services: [] }))).toThrow(/services: must name at least one API/);
  });

  test("fails when the dependents are in another stack (depends_on cannot cross stacks)", () => {
    const app = new App();
    const other = new TerraformStack(app, "other");
    expect(() => new ProjectServices(new TerraformStack(app, "s"), "apis", { services: ["compute.googleapis.com"], dependents: other })).toThrow(
      /dependents: must be in the stack of the ProjectServices, got "other"/,
    );
  });
});
