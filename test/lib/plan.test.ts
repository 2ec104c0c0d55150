import { admittedByAws, explicitlyAdvertised, mayOverlapAcross, networkPlan, routedRanges } from "../../lib/plan";
import { exampleConfig, exampleWith } from "../helpers";

// The network plan: every range of an environment once, with what each is for.

describe("networkPlan", () => {
  const plan = networkPlan(exampleConfig());

  test("lists every range of the example once, by its config path", () => {
    // GIVEN the example WHEN planned THEN each configured range appears once
    const paths = plan.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(
      expect.arrayContaining(["gcp.proxyOnlyCidr", "gcp.frontendCidr", "gcp.pscNatCidr", "aws.vpcCidr", "aws.privateSubnetCidr", "tenants[0].podsCidr", "tenants[1].pscEndpointCidr"]),
    );
  });

  test("the producer ranges and the routed tenant's are routed over the VPN; the proxy-only and routed ranges are listed to the router; AWS admits the proxies and the routed pods", () => {
    expect(routedRanges(plan).map((r) => r.path)).toEqual(["gcp.proxyOnlyCidr", "gcp.frontendCidr", "gcp.pscNatCidr", "tenants[2].gkeNodesCidr", "tenants[2].podsCidr", "tenants[2].servicesCidr"]);
    expect(explicitlyAdvertised(plan).map((r) => r.cidr)).toEqual(["10.10.30.0/24", "10.30.0.0/22", "10.31.0.0/17", "10.30.8.0/22"]);
    // The proxies keep their plain rule; the pods' rule is keyed by the tenant, so removing one tenant renames no other's.
    expect(admittedByAws(plan)).toEqual(["10.10.30.0/24", { cidr: "10.31.0.0/17", key: "team-c-pods", description: "Routed tenant team-c: pods, over the VPN" }]);
  });

  test("a routed tenant's ranges live in the producer VPC, each checked by its own subnet; PSC tenants' ranges are in VPCs of their own", () => {
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

describe("mayOverlapAcross", () => {
  const plan = networkPlan(exampleConfig());
  const at = (path: string) => plan.find((r) => r.path === path)!;

  test("a routed range must stay clear of AWS; consumer ranges may overlap AWS and the producer", () => {
    expect(mayOverlapAcross(at("gcp.proxyOnlyCidr"), at("aws.vpcCidr"))).toBe(false);
    expect(mayOverlapAcross(at("aws.vpcCidr"), at("gcp.frontendCidr"))).toBe(false);
    expect(mayOverlapAcross(at("tenants[0].gkeNodesCidr"), at("aws.publicSubnetCidr"))).toBe(true);
    expect(mayOverlapAcross(at("tenants[0].gkeNodesCidr"), at("gcp.frontendCidr"))).toBe(true);
    expect(mayOverlapAcross(at("tenants[0].podsCidr"), at("tenants[1].podsCidr"))).toBe(true);
  });
});
