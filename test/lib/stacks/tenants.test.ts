import { exampleWith, onlyResource, resourcesOf, synthApp } from "../../helpers";

// Many tenants on one published service, their CIDRs uncoordinated.

const two = synthApp();
const serviceAttachment = (app: typeof two) => onlyResource(app.byName["producer"], "google_compute_service_attachment");

describe("accept list", () => {
  test("ACCEPT_MANUAL with each tenant's project and connection limit, in config order", () => {
    expect(serviceAttachment(two)).toMatchObject({
      connection_preference: "ACCEPT_MANUAL",
      consumer_accept_lists: [
        { project_id_or_num: "example-consumer-project", connection_limit: 10 },
        { project_id_or_num: "example-consumer-b-project", connection_limit: 5 },
      ],
      reconcile_connections: true,
    });
  });

  test("removing a tenant from config removes its project from the accept list (and its stacks)", () => {
    const app = synthApp(exampleWith((c) => (c.tenants = c.tenants.filter((t: any) => t.name !== "team-b"))));
    expect(serviceAttachment(app).consumer_accept_lists).toEqual([{ project_id_or_num: "example-consumer-project", connection_limit: 10 }]);
    expect(Object.keys(app.byName).filter((n) => n.endsWith("team-b"))).toEqual([]);
  });

  test("ACCEPT_AUTOMATIC only as an explicit opt-in, with no accept list", () => {
    const sa = serviceAttachment(synthApp(exampleWith((c) => (c.service.acceptAllConsumers = true))));
    expect(sa.connection_preference).toBe("ACCEPT_AUTOMATIC");
    expect(sa.consumer_accept_lists).toBeUndefined();
  });

  test("tenants in other projects need nothing from the producer: no IAM or resources in their projects from it", () => {
    const producer = two.byName["producer"];
    expect(Object.keys(producer.json.resource ?? {}).filter((t) => t.includes("iam"))).toEqual([]);
    // A tenant's project appears in the producer only as an accept-list entry.
    expect(producer.text.split("example-consumer-b-project")).toHaveLength(2);
    for (const name of ["consumer-team-a", "consumer-team-b"]) {
      const [google] = two.byName[name].json.provider?.["google"] as any[];
      expect(google.project).toBe(name === "consumer-team-a" ? "example-consumer-project" : "example-consumer-b-project");
    }
  });
});

describe("overlapping tenants", () => {
  test("two tenants with identical CIDRs each get their own VPC, cluster and endpoint", () => {
    const ranges = (name: string) =>
      Object.values(resourcesOf(two.byName[name], "google_compute_subnetwork"))
        .map((s) => s.ip_cidr_range)
        .sort();
    expect(ranges("consumer-team-b")).toEqual(["10.0.10.0/24", "10.0.20.0/24"]);
    // team-a also has a Direct VPC egress subnet (serverless); the two share every range they have.
    expect(ranges("consumer-team-a")).toEqual(["10.0.10.0/24", "10.0.20.0/24", "10.0.40.0/24"]);
    expect(onlyResource(two.byName["consumer-team-b"], "google_compute_network").name).toBe("psc-team-b-vpc");
    expect(onlyResource(two.byName["consumer-team-b"], "google_container_cluster").name).toBe("psc-team-b-gke");
  });

  test("adding a tenant changes nothing in the other tenants' stacks", () => {
    const one = synthApp(exampleWith((c) => (c.tenants = c.tenants.slice(0, 1))));
    const three = synthApp(exampleWith((c) => c.tenants.push({ ...c.tenants[0], name: "team-d", project: "example-consumer-d-project" })));
    for (const name of ["consumer-team-a", "workloads-team-a"]) {
      expect(two.byName[name].text).toBe(one.byName[name].text);
      expect(three.byName[name].text).toBe(one.byName[name].text);
    }
    expect(three.byName["consumer-team-b"].text).toBe(two.byName["consumer-team-b"].text);
  });

  test("adding or removing a routed tenant leaves every PSC tenant's stacks byte-for-byte unchanged", () => {
    const psc = ["consumer-team-a", "workloads-team-a", "consumer-team-b", "workloads-team-b"];
    const withoutRouted = synthApp(exampleWith((c) => (c.tenants = c.tenants.filter((t: any) => t.kind !== "routed"))));
    const secondRouted = synthApp(
      exampleWith((c) => c.tenants.push({ name: "team-d", kind: "routed", project: "example-routed-d-project", gkeNodesCidr: "10.40.0.0/22", podsCidr: "10.41.0.0/17", servicesCidr: "10.40.8.0/22" })),
    );
    for (const name of psc) {
      expect(withoutRouted.byName[name].text).toBe(two.byName[name].text);
      expect(secondRouted.byName[name].text).toBe(two.byName[name].text);
    }
    // The first routed tenant's own stacks do not change when a second one arrives either.
    for (const name of ["project-team-c", "hub-team-c", "consumer-team-c", "workloads-team-c"]) expect(secondRouted.byName[name].text).toBe(two.byName[name].text);
    expect(Object.keys(withoutRouted.byName).filter((n) => /^(project|hub)-/.test(n))).toEqual([]);
  });
});

describe("growing", () => {
  test("an added PSC NAT range appends a subnet to the attachment and leaves the first one's id and name alone", () => {
    const grown = synthApp(exampleWith((c) => (c.gcp.additionalPscNatCidrs = ["10.10.11.0/24"])));
    const natIds = (app: typeof two) =>
      Object.entries(resourcesOf(app.byName["producer"], "google_compute_subnetwork"))
        .filter(([, s]) => s.purpose === "PRIVATE_SERVICE_CONNECT")
        .map(([id, s]) => `${id} ${s.name} ${s.ip_cidr_range}`)
        .sort((a, b) => a.split(" ")[1].localeCompare(b.split(" ")[1]));
    const [original] = natIds(two);
    expect(natIds(grown)).toEqual([original, expect.stringMatching(/^psc-nat-subnet-2_subnet_[0-9A-F]+ psc-psc-nat-2 10\.10\.11\.0\/24$/)]);
    expect(serviceAttachment(grown).nat_subnets).toEqual([
      serviceAttachment(two).nat_subnets[0],
      expect.stringMatching(/^\$\{google_compute_subnetwork\.psc-nat-subnet-2_subnet_/),
    ]);
  });

  test("the NAT capacity warning counts every NAT range", () => {
    expect(() =>
      exampleWith((c) => ((c.gcp.pscNatCidr = "10.10.10.0/29"), (c.gcp.additionalPscNatCidrs = ["10.10.11.0/28"]))),
    ).not.toThrow();
  });

  test("an added NAT range must not overlap other producer ranges", () => {
    expect(() => exampleWith((c) => (c.gcp.additionalPscNatCidrs = ["10.10.30.0/28"]))).toThrow(
      /gcp\.proxyOnlyCidr: must not overlap gcp\.additionalPscNatCidrs\[0\] 10\.10\.30\.0\/28 in the producer VPC|gcp\.additionalPscNatCidrs\[0\]: must not overlap gcp\.proxyOnlyCidr/,
    );
  });
});

describe("DNS and global access options", () => {
  test("a service attachment domain gives consumers automatic DNS", () => {
    const sa = serviceAttachment(synthApp(exampleWith((c) => (c.service.attachmentDomainName = "aws-api.example.com."))));
    expect(sa.domain_names).toEqual(["aws-api.example.com."]);
    expect(serviceAttachment(two).domain_names).toBeUndefined();
  });

  test("PSC global access per tenant", () => {
    const app = synthApp(exampleWith((c) => (c.tenants[1].pscGlobalAccess = true)));
    expect(onlyResource(app.byName["consumer-team-b"], "google_compute_forwarding_rule").allow_psc_global_access).toBe(true);
    expect(onlyResource(app.byName["consumer-team-a"], "google_compute_forwarding_rule").allow_psc_global_access).toBeUndefined();
  });
});
