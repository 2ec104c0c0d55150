import { admittedByAws, explicitlyAdvertised, mayOverlapAcross, networkPlan, PlannedRange, routedRanges } from "../../lib/plan";
import { exampleConfig, exampleWith, existingVpcAndBackend } from "../helpers";

// The network plan: every range of an environment once, with what each is for.

// Planned in each test, never at load: mutation testing runs a mutant's own tests, not the file.
const examplePlan = () => networkPlan(exampleConfig());

describe("networkPlan", () => {

  test("lists every range of the example once, by its config path", () => {
    // GIVEN the example WHEN planned THEN each configured range appears once
    const paths = examplePlan().map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(
      expect.arrayContaining(["gcp.proxyOnlyCidr", "gcp.frontendCidr", "gcp.pscNatCidr", "aws.vpcCidr", "aws.privateSubnetCidr", "tenants[0].podsCidr", "tenants[1].pscEndpointCidr"]),
    );
  });

  test("the producer ranges and the routed tenant's are routed over the VPN; the proxy-only and routed ranges are listed to the router; AWS admits the proxies and the routed pods", () => {
    expect(routedRanges(examplePlan()).map((r) => r.path)).toEqual(["gcp.proxyOnlyCidr", "gcp.frontendCidr", "gcp.pscNatCidr", "tenants[2].gkeNodesCidr", "tenants[2].podsCidr", "tenants[2].servicesCidr"]);
    expect(explicitlyAdvertised(examplePlan()).map((r) => r.cidr)).toEqual(["10.10.30.0/24", "10.30.0.0/22", "10.31.0.0/17", "10.30.8.0/22"]);
    // The proxies keep their plain rule; the pods' rule is keyed by the tenant, so removing one tenant renames no other's.
    expect(admittedByAws(examplePlan())).toEqual(["10.10.30.0/24", { cidr: "10.31.0.0/17", key: "team-c-pods", description: "Routed tenant team-c: pods, over the VPN" }]);
  });

  test("a routed tenant's ranges live in the producer VPC, each checked by its own subnet; PSC tenants' ranges are in VPCs of their own", () => {
    const plan = examplePlan();
    const routed = plan.filter((r) => r.tenant === "team-c");
    expect(routed.map((r) => [r.vpc, r.network, r.checkedBy])).toEqual(Array(3).fill(["producer", "GCP producer", "GkeSubnet tenants[2]"]));
    expect(plan.filter((r) => r.path.startsWith("tenants[0]")).every((r) => r.vpc === "tenants[0]" && !r.routed)).toBe(true);
  });

  test("private services access ranges are routed and listed to the router (peered ranges, which all-subnets leaves out)", () => {
    const withPsa = networkPlan(exampleWith((c) => (c.gcp.privateServicesAccessCidrs = ["10.10.64.0/20"])));
    expect(withPsa.find((r) => r.path === "gcp.privateServicesAccessCidrs[0]")).toMatchObject({ vpc: "producer", routed: true, advertisement: "explicit" });
    expect(explicitlyAdvertised(withPsa).map((r) => r.cidr)).toContain("10.10.64.0/20");
  });

  test("extra advertised ranges are routed summaries, listed to the router after the proxy-only range", () => {
    const withExtras = networkPlan(exampleWith((c) => (c.vpn.advertisedRanges = ["10.10.64.0/20"])));
    expect(explicitlyAdvertised(withExtras).map((r) => r.cidr)).toEqual(["10.10.30.0/24", "10.10.64.0/20", "10.30.0.0/22", "10.31.0.0/17", "10.30.8.0/22"]);
    expect(withExtras.find((r) => r.cidr === "10.10.64.0/20")).toMatchObject({ routed: true, summary: true });
  });

  test("two tenants of one name are still two VPCs (grouped by position, not name)", () => {
    // (the config refuses two tenants of one name; the plan must not merge them while it says so)
    const config = structuredClone(exampleConfig());
    config.tenants[1].name = config.tenants[0].name;
    const twins = networkPlan(config);
    expect(new Set(twins.filter((r) => r.network.startsWith("GCP consumer")).map((r) => r.vpc))).toEqual(new Set(["tenants[0]", "tenants[1]"]));
  });
});

describe("every range, written out", () => {
  /** A range as a table row: path | cidr | network | vpc | name | flags | purpose (the words the report's table shows). */
  const row = (r: PlannedRange) =>
    [r.path, r.cidr, r.network, r.vpc, r.name, [r.routed && "routed", r.advertisement, r.summary && "summary", r.admittedByAws && "admitted", r.checkedBy && `checked by ${r.checkedBy}`, r.tenant && `tenant ${r.tenant}`].filter(Boolean).join(", "), r.purpose].join(" | ");

  test("a config with every optional range (an existing AWS VPC, control planes, extra PSC NATs, private services access, advertised summaries, serverless)", () => {
    const config = exampleWith((c) => {
      existingVpcAndBackend("vgw")(c);
      c.tenants[0].gke.controlPlaneCidr = "172.16.0.0/28";
      c.tenants[2].gke.controlPlaneCidr = "172.16.0.16/28";
      c.gcp.privateServicesAccessCidrs = ["10.10.64.0/20"];
      c.gcp.additionalPscNatCidrs = ["10.10.41.0/24"];
      c.vpn.advertisedRanges = ["10.10.128.0/20"];
    });
    expect(networkPlan(config).map(row)).toEqual([
      "gcp.proxyOnlyCidr | 10.10.30.0/24 | GCP producer | producer | proxy-only | routed, explicit, admitted | REGIONAL_MANAGED_PROXY: Envoy, the source AWS sees (advertised, admitted)",
      "gcp.frontendCidr | 10.10.20.0/24 | GCP producer | producer | ILB frontend | routed, all-subnets | internal load balancer address",
      "gcp.pscNatCidr | 10.10.10.0/24 | GCP producer | producer | PSC NAT | routed, all-subnets | PRIVATE_SERVICE_CONNECT: source NAT of consumer connections",
      "gcp.additionalPscNatCidrs[0] | 10.10.41.0/24 | GCP producer | producer | PSC NAT 2 | routed, all-subnets | PRIVATE_SERVICE_CONNECT",
      "gcp.privateServicesAccessCidrs[0] | 10.10.64.0/20 | GCP producer | producer | private services access | routed, explicit | Cloud SQL, Memorystore: peered, routes exported",
      "vpn.advertisedRanges[0] | 10.10.128.0/20 | GCP producer | producer | advertised | routed, explicit, summary | extra range advertised to AWS",
      "aws.vpcCidr | 10.0.0.0/16 | AWS | aws | VPC | checked by AwsVpc | existing VPC vpc-0123456789abcdef0, backend 10.0.20.10:80",
      "tenants[0].gkeNodesCidr | 10.0.10.0/24 | GCP consumer team-a | tenants[0] | GKE nodes | checked by GkeSubnet tenants[0] | node subnet",
      "tenants[0].podsCidr | 10.0.100.0/24 | GCP consumer team-a | tenants[0] | pods | checked by GkeSubnet tenants[0] | secondary range",
      "tenants[0].servicesCidr | 10.0.200.0/24 | GCP consumer team-a | tenants[0] | services | checked by GkeSubnet tenants[0] | secondary range",
      "tenants[0].pscEndpointCidr | 10.0.20.0/24 | GCP consumer team-a | tenants[0] | PSC endpoint |  | PSC endpoint address",
      "tenants[0].gke.controlPlaneCidr | 172.16.0.0/28 | GCP consumer team-a | tenants[0] | control plane |  | GKE control plane",
      "tenants[0].serverless.connector.cidr | 10.0.30.0/28 | GCP consumer team-a | tenants[0] | serverless connector |  | Serverless VPC Access connector: the source of App Engine's and Cloud Run's requests",
      "tenants[0].serverless.directVpcEgressCidr | 10.0.40.0/24 | GCP consumer team-a | tenants[0] | Direct VPC egress |  | subnet of Cloud Run's Direct VPC egress: the source of its requests",
      "tenants[1].gkeNodesCidr | 10.0.10.0/24 | GCP consumer team-b | tenants[1] | GKE nodes | checked by GkeSubnet tenants[1] | node subnet",
      "tenants[1].podsCidr | 10.0.100.0/24 | GCP consumer team-b | tenants[1] | pods | checked by GkeSubnet tenants[1] | secondary range",
      "tenants[1].servicesCidr | 10.0.200.0/24 | GCP consumer team-b | tenants[1] | services | checked by GkeSubnet tenants[1] | secondary range",
      "tenants[1].pscEndpointCidr | 10.0.20.0/24 | GCP consumer team-b | tenants[1] | PSC endpoint |  | PSC endpoint address",
      "tenants[2].gkeNodesCidr | 10.30.0.0/22 | GCP producer | producer | team-c GKE nodes | routed, explicit, checked by GkeSubnet tenants[2], tenant team-c | routed tenant team-c: node subnet (Shared VPC), published service addresses",
      "tenants[2].podsCidr | 10.31.0.0/17 | GCP producer | producer | team-c pods | routed, explicit, admitted, checked by GkeSubnet tenants[2], tenant team-c | routed tenant team-c: pods, the source AWS sees (advertised, admitted)",
      "tenants[2].servicesCidr | 10.30.8.0/22 | GCP producer | producer | team-c services | routed, explicit, checked by GkeSubnet tenants[2], tenant team-c | routed tenant team-c: ClusterIP services",
      // A routed tenant's control plane sits in the producer VPC but is not routed: only GKE's peering reaches it.
      "tenants[2].gke.controlPlaneCidr | 172.16.0.16/28 | GCP producer | producer | team-c control plane |  | GKE control plane",
    ]);
  });

  test("the AWS ranges of a VPC this app creates: its subnets, and only those the config sets (a half-written config's gap is the config rules' to report)", () => {
    // Edited after loading: the config rules plan a config before they refuse it.
    const aws = (edit: (c: any) => void) => {
      const config = structuredClone(exampleConfig());
      edit(config);
      return networkPlan(config).filter((r) => r.network === "AWS").map(row);
    };
    expect(aws(() => undefined)).toEqual([
      "aws.vpcCidr | 10.0.0.0/16 | AWS | aws | VPC | checked by AwsVpc | backend VPC",
      "aws.publicSubnetCidr | 10.0.10.0/24 | AWS | aws | public | checked by AwsVpc | public tier (no internet gateway)",
      "aws.privateSubnetCidr | 10.0.20.0/24 | AWS | aws | private | checked by AwsVpc | backend 10.0.20.10:80",
    ]);
    expect(aws((c) => delete c.aws.publicSubnetCidr)).toEqual([
      "aws.vpcCidr | 10.0.0.0/16 | AWS | aws | VPC | checked by AwsVpc | backend VPC",
      "aws.privateSubnetCidr | 10.0.20.0/24 | AWS | aws | private | checked by AwsVpc | backend 10.0.20.10:80",
    ]);
  });
});

describe("mayOverlapAcross", () => {
  const at = (path: string) => examplePlan().find((r) => r.path === path)!;

  test("a routed range must stay clear of AWS; consumer ranges may overlap AWS and the producer", () => {
    expect(mayOverlapAcross(at("gcp.proxyOnlyCidr"), at("aws.vpcCidr"))).toBe(false);
    expect(mayOverlapAcross(at("aws.vpcCidr"), at("gcp.frontendCidr"))).toBe(false);
    expect(mayOverlapAcross(at("tenants[0].gkeNodesCidr"), at("aws.publicSubnetCidr"))).toBe(true);
    expect(mayOverlapAcross(at("tenants[0].gkeNodesCidr"), at("gcp.frontendCidr"))).toBe(true);
    expect(mayOverlapAcross(at("tenants[0].podsCidr"), at("tenants[1].podsCidr"))).toBe(true);
  });

  test("a range of the producer VPC that is not routed (a routed tenant's control plane) must stay clear of AWS too, in either order", () => {
    const controlPlane = networkPlan(exampleWith((c) => (c.tenants[2].gke.controlPlaneCidr = "172.16.0.16/28"))).find((r) => r.path === "tenants[2].gke.controlPlaneCidr")!;
    expect(controlPlane.routed).toBe(false);
    expect([mayOverlapAcross(controlPlane, at("aws.vpcCidr")), mayOverlapAcross(at("aws.privateSubnetCidr"), controlPlane)]).toEqual([false, false]);
    expect([mayOverlapAcross(controlPlane, at("tenants[0].podsCidr")), mayOverlapAcross(at("aws.vpcCidr"), at("tenants[1].gkeNodesCidr"))]).toEqual([true, true]);
  });
});
