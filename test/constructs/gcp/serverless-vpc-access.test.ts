import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { PolicyChecks } from "../../../constructs/core/policy";
import { ServerlessVpcAccessConnector, ServerlessVpcAccessConnectorProps } from "../../../constructs/gcp/serverless-vpc-access";
import { network, synth } from "../support";

describe("ServerlessVpcAccessConnector", () => {
  const base = { name: "team-a", region: "asia-northeast1", ipCidrRange: "10.8.0.0/28" };
  const made = (props: Partial<ServerlessVpcAccessConnectorProps> = {}) => JSON.parse(synth((s) => new ServerlessVpcAccessConnector(s, "cx", { network: network(s), ...base, ...props })));

  test("a connector on its /28 in the network, with the documented defaults: e2-micro, 2 to 3 instances", () => {
    // GIVEN a name, a region and a /28 WHEN the connector is made THEN it takes exactly them, and the defaults
    const json = made();
    expect(Object.values(json.resource.google_vpc_access_connector)).toEqual([
      expect.objectContaining({ name: "team-a", region: "asia-northeast1", network: "${google_compute_network.net.name}", ip_cidr_range: "10.8.0.0/28", machine_type: "e2-micro", min_instances: 2, max_instances: 3 }),
    ]);
    // No project number: the service agent's role is left to Google's grant.
    expect(json.resource.google_project_iam_member).toBeUndefined();
  });

  test("with the project's number, the Serverless VPC Access service agent's role, which the connector waits for", () => {
    const json = made({ project: "tenant-project", projectNumber: "123456789012", machineType: "e2-standard-4", minInstances: 3, maxInstances: 10 });
    const [[bindingId, binding]] = Object.entries<any>(json.resource.google_project_iam_member);
    expect(binding).toMatchObject({ project: "tenant-project", role: "roles/vpcaccess.serviceAgent", member: "serviceAccount:service-123456789012@gcp-sa-vpcaccess.iam.gserviceaccount.com" });
    const connector: any = Object.values(json.resource.google_vpc_access_connector)[0];
    expect(connector).toMatchObject({ project: "tenant-project", machine_type: "e2-standard-4", min_instances: 3, max_instances: 10, depends_on: [`google_project_iam_member.${bindingId}`] });
  });

  test("its id is the connector's full name, as App Engine and Cloud Run take it, by reference", () => {
    const json = JSON.parse(
      synth((s) => {
        const connector = new ServerlessVpcAccessConnector(s, "cx", { network: network(s), ...base });
        new TerraformOutput(s, "name", { value: connector.id });
        new TerraformOutput(s, "range", { value: connector.ipCidrRange });
      }),
    );
    expect(json.output.name.value).toMatch(/^\$\{google_vpc_access_connector\.cx_connector_\w+\.id\}$/);
    expect(json.output.range.value).toBe("10.8.0.0/28");
  });

  test.each<[string, Partial<ServerlessVpcAccessConnectorProps>, RegExp]>([
    ["a range other than a /28", { ipCidrRange: "10.8.0.0/27" }, /ipCidrRange: must be a \/28 .*got "10\.8\.0\.0\/27"/],
    ["a public range", { ipCidrRange: "8.8.8.0/28" }, /ipCidrRange: must be a private range/],
    // 18 characters and 3 hyphens: 21 by Google's count.
    ["a name of 21 or more, hyphens counted twice", { name: "psc-team-finance-x" }, /name: must be under 21 characters with each '-' counted twice \(.*counts 21\), got "psc-team-finance-x"\. Fix: shorten it by 1 or more, or use fewer hyphens/],
    ["an unknown machine type", { machineType: "n2-standard-2" as any }, /machineType: must be one of f1-micro, e2-micro, e2-standard-4, got "n2-standard-2"/],
    ["fewer than 2 instances", { minInstances: 1 }, /minInstances: must be a whole number from 2 to 9, got 1/],
    ["more than 10 instances", { maxInstances: 11 }, /maxInstances: must be a whole number from 3 to 10, got 11/],
    ["a maximum not above the minimum", { minInstances: 4, maxInstances: 4 }, /maxInstances: must be above minInstances \(4\), got 4\. Fix: set maxInstances to 5 or more/],
    ["a project number without a project", { projectNumber: "1" }, /project: must be given with projectNumber/],
  ])("refuses %s, naming the field, the value and what is valid", (_, props, message) => {
    expect(() => made(props)).toThrow(message);
  });

  test("every problem at once", () => {
    expect(() => made({ ipCidrRange: "10.8.0.0/24", minInstances: 0, maxInstances: 20 })).toThrow(/3 problems/);
  });

  test("instance bounds known at apply pass validation", () => {
    const json = JSON.parse(synth((s) => new ServerlessVpcAccessConnector(s, "cx", { network: network(s), ...base, minInstances: new TerraformVariable(s, "min", { type: "number" }).numberValue })));
    expect(Object.values<any>(json.resource.google_vpc_access_connector)[0].min_instances).toBe("${var.min}");
  });

  test("the policy checks accept it", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new ServerlessVpcAccessConnector(stack, "cx", { network: network(stack), ...base, project: "p", projectNumber: "1" });
    expect(PolicyChecks.verify(stack)).toEqual([]);
  });
});
