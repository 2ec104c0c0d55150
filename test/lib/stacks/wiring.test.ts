import { allStrings, resourcesOf, resourceUnder, synthApp } from "../../helpers";

// Cross-stack values travel as cdktf outputs + terraform_remote_state, and
// pre-shared keys only ever exist in AWS's state: never as literals.
const { byName, manifest } = synthApp();
const REMOTE = (stack: string) => `\${data.terraform_remote_state.cross-stack-reference-input-${stack}.outputs.`;

describe("cross-stack wiring", () => {
  test("tunnels read each pre-shared key from the aws stack's state", () => {
    const tunnels = Object.values(resourcesOf(byName["tunnels"], "google_compute_vpn_tunnel"));
    expect(tunnels).toHaveLength(4);
    const secrets = tunnels.map((t) => t.shared_secret);
    for (const secret of secrets) {
      expect(secret.startsWith(REMOTE("aws"))).toBe(true);
      expect(secret).toMatch(/_preshared_key\}$/);
    }
    expect(new Set(secrets).size).toBe(4);
  });

  test("router interfaces take the AWS customer-gateway inside addresses from the aws stack", () => {
    const interfaces = Object.values(resourcesOf(byName["tunnels"], "google_compute_router_interface"));
    expect(interfaces.map((i) => i.ip_range)).toEqual(
      interfaces.map(() => expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-aws\.outputs\.[^}]*cgw_inside_address\}\/30$/)),
    );
  });

  test("the aws stack exports the keys only as sensitive outputs, and every cross-stack output is sensitive", () => {
    const outputs = byName["aws"].json.output ?? {};
    const keyOutputs = Object.entries(outputs).filter(([name]) => name.includes("preshared_key"));
    expect(keyOutputs).toHaveLength(4);
    for (const stack of Object.values(byName)) {
      const crossStack = Object.entries(stack.json.output ?? {}).filter(([name]) => name.startsWith("cross-stack-output-"));
      for (const [, output] of crossStack) expect(output.sensitive).toBe(true);
    }
  });

  test("AWS generates the keys: the VPN connections set none", () => {
    for (const connection of Object.values(resourcesOf(byName["aws"], "aws_vpn_connection"))) {
      expect(Object.keys(connection).filter((k) => k.includes("preshared_key"))).toEqual([]);
    }
  });

  test("no secret literal appears in any synthesized stack", () => {
    for (const stack of Object.values(byName)) {
      const secretish = Object.values(stack.json.resource ?? {})
        .flatMap((byId) => Object.values(byId))
        .flatMap((resource) => Object.entries(resource).filter(([key]) => /secret|preshared|password|token|private_key/.test(key)));
      for (const [key, value] of secretish) {
        expect({ key, value }).toEqual({ key, value: expect.stringMatching(/^\$\{[^}]+\}$/) });
      }
      // Nothing looks like an AWS-generated key (8-64 of [0-9A-Za-z_.]) sitting next to a secret-named field.
      expect(stack.text).not.toMatch(/"(shared_secret|[a-z0-9_]*preshared_key)":\s*"[0-9A-Za-z_.]{8,64}"/);
    }
  });

  test("remote state of each origin is read from its own relative state file", () => {
    const data = byName["tunnels"].json.data?.["terraform_remote_state"] ?? {};
    expect(Object.keys(data).sort()).toEqual(["cross-stack-reference-input-aws", "cross-stack-reference-input-producer"]);
    expect(data["cross-stack-reference-input-aws"]).toMatchObject({ backend: "local", config: { path: "../../../terraform.example.aws.tfstate" } });
  });

  test("stack dependencies follow the deploy waves: producer + project -> aws + hub (+ PSC consumers) -> tunnels + consumers -> workloads", () => {
    const deps = Object.fromEntries(Object.entries(manifest.stacks).map(([name, s]) => [name, [...s.dependencies].sort()]));
    expect(deps).toEqual({
      producer: [],
      aws: ["producer"],
      "consumer-team-a": ["producer"],
      "consumer-team-b": ["producer"],
      tunnels: ["aws", "producer"],
      "workloads-team-a": ["consumer-team-a"],
      "workloads-team-b": ["consumer-team-b"],
      // The routed tenant: its project's APIs and number, the hub's share (host credentials), its cluster, its workloads.
      "project-team-c": [],
      "hub-team-c": ["producer", "project-team-c"],
      "consumer-team-c": ["hub-team-c", "producer"],
      "workloads-team-c": ["consumer-team-c"],
    });
  });

  test("a routed tenant's hub stack grants the tenant project's own service agents, named by the number its project stack reads", () => {
    const hub = byName["hub-team-c"].json;
    const number = "${data.terraform_remote_state.cross-stack-reference-input-project-team-c.outputs.cross-stack-output-datagoogle_projectprojectnumber}";
    const members = Object.values(hub.resource!["google_compute_subnetwork_iam_member"]).map((m: any) => [m.role, m.member]);
    expect(members.sort()).toEqual([
      ["roles/compute.networkUser", `serviceAccount:${number}@cloudservices.gserviceaccount.com`],
      // The tenant's deployer (subnetUsers), who reserves the published Service's address in the subnet.
      ["roles/compute.networkUser", "serviceAccount:deployer@example-routed-project.iam.gserviceaccount.com"],
      ["roles/compute.networkUser", `serviceAccount:service-${number}@container-engine-robot.iam.gserviceaccount.com`],
    ]);
    expect(Object.values(hub.resource!["google_project_iam_member"])).toEqual([
      expect.objectContaining({ role: "roles/container.hostServiceAgentUser", member: `serviceAccount:service-${number}@container-engine-robot.iam.gserviceaccount.com` }),
    ]);
  });

  test("a routed tenant's cluster runs on its hub subnet in the producer network, and its published Service uses the address reserved there, by reference", () => {
    const cluster = Object.values(byName["consumer-team-c"].json.resource!["google_container_cluster"])[0] as any;
    expect(cluster.network).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-producer\.outputs\.cross-stack-output-google_compute_networknetwork_\w+id\}$/);
    expect(cluster.subnetwork).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-hub-team-c\.outputs\.cross-stack-output-google_compute_subnetworkgke-subnet_\w+id\}$/);
    const address = resourceUnder(byName["consumer-team-c"], "google_compute_address", "published-orders");
    expect(address).toMatchObject({ address_type: "INTERNAL", name: "psc-team-c-svc-orders", subnetwork: cluster.subnetwork });
    const service = Object.values(byName["workloads-team-c"].json.resource!["kubernetes_service_v1"]).find((s: any) => s.spec.type === "LoadBalancer") as any;
    expect(service.metadata.annotations["networking.gke.io/load-balancer-ip-addresses"]).toMatch(/cross-stack-reference-input-consumer-team-c\.outputs\.cross-stack-output-google_compute_addresspublished-orders_address_\w+name\}$/);
  });

  test("the consumer stack reads only the service attachment from the producer", () => {
    const consumerRefs = allStrings(byName["consumer-team-a"].json.resource).filter((s) => s.includes("terraform_remote_state"));
    expect(consumerRefs).toEqual([expect.stringMatching(/google_compute_service_attachment.*self_link\}$/)]);
  });
});
