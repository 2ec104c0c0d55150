import { Lazy } from "cdktf";
import { AwsSiteToSiteVpn } from "../../constructs/aws/aws-site-to-site-vpn";
import { AwsBackendIngress } from "../../constructs/aws/aws-backend-ingress";
import { AwsSsmEndpoints } from "../../constructs/aws/aws-ssm-endpoints";
import { AwsVpc } from "../../constructs/aws/aws-vpc";
import { AwsVpcFlowLog } from "../../constructs/aws/aws-vpc-flow-log";
import { blockSize, containsIp, overlaps } from "../../constructs/core/cidr";
import { describeProblem, Problem } from "../../constructs/core/errors";
import { AWS_VPN_MAX_PEER_PREFIXES, GCP_NAME_MAX_LENGTH, RESERVED_SUBNET_ADDRESSES } from "../../constructs/core/limits";
import { awsZoneProblem } from "../../constructs/core/names";
import { PropsValidator } from "../../constructs/core/validation";
import { GithubOidcRole } from "../../constructs/aws/github-oidc-role";
import { CloudRouterBgp } from "../../constructs/gcp/cloud-router-bgp";
import { GithubWorkloadIdentity } from "../../constructs/gcp/github-workload-identity";
import { GkeSubnet } from "../../constructs/gcp/gke-subnet";
import { HaVpnGateway } from "../../constructs/gcp/ha-vpn-gateway";
import { HaVpnToAws } from "../../constructs/gcp/ha-vpn-to-aws";
import { HybridNegLoadBalancer } from "../../constructs/gcp/hybrid-neg-load-balancer";
import { GkeLoadBalancerFirewall } from "../../constructs/gcp/gke-load-balancer-firewall";
import { PrivateDnsZone } from "../../constructs/gcp/private-dns-zone";
import { PrivateGkeCluster } from "../../constructs/gcp/private-gke-cluster";
import { PrivateServicesAccess } from "../../constructs/gcp/private-services-access";
import { ProxyOnlySubnet } from "../../constructs/gcp/proxy-only-subnet";
import { PscEndpoint, privateZoneOf } from "../../constructs/gcp/psc-endpoint";
import { PscNatSubnet } from "../../constructs/gcp/psc-nat-subnet";
import { PublishedServiceAddress } from "../../constructs/gcp/published-service-address";
import { ServerlessVpcAccessConnector } from "../../constructs/gcp/serverless-vpc-access";
import { RESTRICTED_DOMAINS, RestrictedGoogleApis } from "../../constructs/gcp/restricted-google-apis";
import { ServiceAttachment } from "../../constructs/gcp/service-attachment";
import { SharedVpcHost, SharedVpcServiceProject } from "../../constructs/gcp/shared-vpc";
import { VpcNetwork } from "../../constructs/gcp/vpc-network";
import { ClusterApiService } from "../../constructs/k8s/cluster-api-service";
import { InternalLoadBalancerService } from "../../constructs/k8s/internal-load-balancer-service";
import { BackendInstance } from "../app-constructs/backend-instance";
import { ConnectivityCheck } from "../app-constructs/connectivity-check";
import { ServerlessConnectivityCheck } from "../app-constructs/serverless-check";
import { API_SERVICE_NAME, pipelineNames, producerNames, tenantNames } from "../naming";
import {
  connectorProps,
  directVpcEgressSubnetProps,
  gkeClusterProps,
  gkeSubnetProps,
  publishedAddressProps,
  publishedServiceProps,
  publishedSources,
  publishedZoneProps,
  serverlessCheckProps,
  serverlessPaths,
} from "../tenant-props";
import { admittedByAws, explicitlyAdvertised, mayOverlapAcross, networkPlan, PlannedRange, routedRanges } from "../plan";
import { apiTargetOf, awsBackendOf, awsVpcOf, type Config, publishedDnsNameOf, publishedZoneOf, pscTenants, routedTenants, type TenantConfig } from "./schema";

/** Problems that fail validation, and warnings that do not. */
export interface RuleResults {
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

/**
 * The rules of a well-shaped config: those that span networks and
 * constructs (overlaps that would break routing, generated names, state,
 * capacity), here; and every construct's own rules, run on the props the
 * stacks will pass, with each prop named by the config path it comes from.
 */
export function configRules(config: Config): RuleResults {
  // Every rule about ranges reads the one plan, made once per check.
  const plan = networkPlan(config);
  const cross = crossChecks(config, plan);
  const names = generatedNames(config);
  const runs = constructChecks(config, plan);
  // A name the app generates too long for a construct is reported once, as the generated-name rule words it.
  const blamed = new Set(names.map((p) => p.path));
  return {
    errors: [...cross.errors, ...names, ...firstSeen(runs.map((r) => r.errors)).filter((p) => !blamed.has(p.path))],
    warnings: [...cross.warnings, ...firstSeen(runs.map((r) => r.warnings))],
  };
}

/**
 * One config value fed to two constructs (the backend port to the load
 * balancer and the instance, the health check path to the load balancer
 * and the check's URL) breaks both: the first construct that reports a path
 * speaks for it, with all it found there.
 */
function firstSeen(byConstruct: readonly (readonly Problem[])[]): Problem[] {
  const owner = new Map<string, number>();
  const out: Problem[] = [];
  byConstruct.forEach((problems, i) => {
    for (const p of problems) {
      if (!owner.has(p.path)) owner.set(p.path, i);
      if (owner.get(p.path) === i) out.push(p);
    }
  });
  return out;
}

/** Records problems under config paths. */
type Fail = (path: string, message: string, involves?: readonly string[]) => void;

/**
 * The rules between values that no single construct can check: ranges of
 * different constructs and networks, names the app generates, state, NAT
 * capacity. Consumer ranges may overlap AWS and other tenants (PSC NATs
 * them), so no rule compares them.
 */
function crossChecks(config: Config, plan: readonly PlannedRange[]): RuleResults {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const fail: Fail = (path, message, involves) => errors.push({ path, message, ...(involves ? { involves } : {}) });
  const { gcp, aws } = config;

  const awsZone = awsZoneProblem(aws.availabilityZone, aws.region, "aws.region");
  if (awsZone) fail("aws.availabilityZone", describeProblem(awsZone.rule, aws.availabilityZone, awsZone.fix), ["aws.region"]);
  awsLayout(config, fail, warnings);

  // Routed ranges cross the VPN: AWS could not route them back if they overlapped its VPC (DESIGN.md).
  const awsVpc = plan.find((r) => r.path === "aws.vpcCidr")!;
  for (const range of plan) {
    if (!mayOverlapAcross(range, awsVpc) && overlaps(range.cidr, awsVpc.cidr)) {
      const why = !range.routed
        ? "it is in the producer VPC, where its route would win over the VPN's routes to AWS"
        : range.tenant !== undefined
          ? "a routed tenant's ranges are routed over the VPN"
          : range.path.startsWith("vpn.")
            ? "it is advertised to AWS over BGP"
            : "producer ranges are routed over the VPN";
      fail(range.path, describeProblem(`must not overlap aws.vpcCidr ${awsVpc.cidr} (${why}: AWS would keep the replies)`, range.cidr, `a range outside ${awsVpc.cidr}`), ["aws.vpcCidr"]);
    }
  }
  // Every prefix the Cloud Router sends (all subnets, primary and secondary, and the custom ranges) counts against AWS's limit.
  const advertised = [...new Set(routedRanges(plan).map((r) => r.cidr))];
  if (advertised.length > AWS_VPN_MAX_PEER_PREFIXES) {
    fail(
      "tenants",
      `make the Cloud Router advertise ${advertised.length} prefixes to AWS, over the ${AWS_VPN_MAX_PEER_PREFIXES} an AWS VPN connection accepts (its BGP session goes down at ${AWS_VPN_MAX_PEER_PREFIXES + 1}): ${advertised.join(", ")}. Fix: fewer routed tenants or private services access ranges in this environment (each routed tenant adds three prefixes; a summary in vpn.advertisedRanges adds one and removes none)`,
      ["vpn.advertisedRanges", "gcp"],
    );
  }
  // No overlap inside one VPC; the pairs a construct checks itself are its own, and a summary may cover subnets.
  for (const vpc of new Set(plan.map((r) => r.vpc))) noOverlaps(plan.filter((r) => r.vpc === vpc && !r.summary), fail);

  config.vpn.advertisedRanges.forEach((range, i) => {
    const subnet = plan.find((r) => r.advertisement === "all-subnets" && r.cidr === range);
    if (subnet !== undefined) {
      fail(`vpn.advertisedRanges[${i}]`, describeProblem(`must not repeat ${subnet.path} (every producer subnet is advertised already)`, range, "remove it"), [subnet.path]);
    }
  });

  // The API's private zone in each consumer VPC; Cloud DNS refuses two private zones of one name on a VPC.
  const clash = RESTRICTED_DOMAINS.find((d) => d.domain === privateZoneOf(config.service.dnsName));
  const names = new Map<string, number>();
  config.tenants.forEach((tenant, t) => {
    const at = `tenants[${t}]`;
    const sameName = names.get(tenant.name);
    if (sameName !== undefined) fail(`${at}.name`, describeProblem(`must be unique among tenants (also tenants[${sameName}].name)`, tenant.name), [`tenants[${sameName}].name`]);
    names.set(tenant.name, t);
    if (tenant.gke.dnsEndpoint === false) warnings.push(privateOnlyControlPlane(at, tenant, config.gcp.region));
    routedTenantRules(config, t, fail, warnings);
    publishedServiceRules(config, t, fail, warnings);
    if (tenant.gke.restrictedGoogleApis && clash !== undefined) {
      fail(
        "service.dnsName",
        describeProblem(
          `must not be directly under ${clash.domain} when ${at}.gke.restrictedGoogleApis is on (both would be private zones named ${clash.domain} in one VPC)`,
          config.service.dnsName,
          "a name in a domain of your own, e.g. api.aws-api.internal.",
        ),
        [`${at}.gke.restrictedGoogleApis`],
      );
    }
  });

  const { backend } = config.state;
  const uses = { gcs: backend === "gcs" || backend === "split", s3: backend === "s3" || backend === "split" };
  if (uses.gcs && config.state.gcs === undefined) {
    fail("state.gcs", `is required when state.backend is ${backend}. Fix: add state.gcs: {bucket: <bucket>, prefix: <path for this environment>}`, ["state.backend"]);
  }
  if (uses.s3 && config.state.s3 === undefined) {
    fail("state.s3", `is required when state.backend is ${backend}. Fix: add state.s3: {bucket: <bucket>, keyPrefix: <path for this environment>, region: <region>}`, ["state.backend"]);
  }
  // A bucket block the chosen backend does not use is ignored: say so, it is rarely meant.
  for (const kind of ["gcs", "s3"] as const) {
    if (config.state[kind] !== undefined && !uses[kind]) {
      warnings.push({ path: `state.${kind}`, message: `is ignored: state.backend is ${backend}. Fix: set state.backend to ${kind} or split, or remove state.${kind}` });
    }
  }

  pipelineRules(config, fail);

  // Each PSC connection takes a NAT address; GCP keeps some of every subnet for itself.
  const reserved = RESERVED_SUBNET_ADDRESSES.gcp.head + RESERVED_SUBNET_ADDRESSES.gcp.tail;
  const natAddresses = [gcp.pscNatCidr, ...gcp.additionalPscNatCidrs].reduce((sum, cidr) => sum + blockSize(cidr) - reserved, 0);
  const connections = pscTenants(config).reduce((sum, { tenant }) => sum + tenant.connectionLimit, 0);
  if (natAddresses < connections) {
    warnings.push({
      path: "gcp.pscNatCidr",
      message: `with gcp.additionalPscNatCidrs has ${natAddresses} usable addresses, fewer than the ${connections} connections the tenants may open (sum of tenants[*].connectionLimit). Fix: add a range to gcp.additionalPscNatCidrs, or lower connection limits`,
    });
  }
  return { errors, warnings };
}

/**
 * (Of a routed tenant; nothing for a PSC tenant.) A routed tenant is a Shared VPC service project of the producer (host)
 * project: a project no other tenant uses (a project is attached to a host
 * once, and its APIs are enabled by one stack), on the hub's network and DNS.
 */
function routedTenantRules(config: Config, t: number, fail: Fail, warnings: Problem[]): void {
  const at = `tenants[${t}]`;
  const tenant = config.tenants[t];
  if (tenant.kind !== "routed") return;
  // (Not the producer's own project either: SharedVpcServiceProject's rule.)
  const other = config.tenants.findIndex((o, i) => i !== t && o.project === tenant.project);
  if (other !== -1) {
    fail(`${at}.project`, describeProblem(`must not be another tenant's project (also tenants[${other}].project): a service project attaches to the hub once`, tenant.project, "a project of the tenant's own"), [`tenants[${other}].project`]);
  }
  if (tenant.gke.restrictedGoogleApis) {
    fail(`${at}.gke.restrictedGoogleApis`, describeProblem("is an option of a PSC tenant's own VPC: a routed tenant's cluster is on the hub's network, whose routes and DNS the hub's owners manage", true, "remove it"));
  }
  if (tenant.publishedServices.length > 0 && tenant.subnetUsers.length === 0) {
    warnings.push({
      path: `${at}.subnetUsers`,
      message: `is empty: the identity that deploys consumer-${tenant.name} reserves the published Services' addresses in the tenant's subnet of the producer VPC, which needs Compute Network User on it. Fix: list that identity, e.g. subnetUsers: [serviceAccount:deployer@${tenant.project}.iam.gserviceaccount.com], or grant the role outside this app`,
      involves: [`${at}.publishedServices`],
    });
  }
  tenant.publishedServices.forEach((svc, i) => {
    if (svc.dnsName !== undefined) {
      fail(
        `${at}.publishedServices[${i}].dnsName`,
        describeProblem("is a name in a PSC tenant's private zone: a routed tenant's published Services are reached from AWS by address (the workloads stack's output published-<name>-url)", svc.dnsName, "remove it"),
      );
    }
  });
}

/**
 * Published Services, of either kind of tenant: one name names a Service and
 * its address, so names are unique; a PSC tenant's DNS names are unique too,
 * and its zone is not the API's (both are private zones of its VPC, and
 * Cloud DNS refuses two of one name on a network).
 */
function publishedServiceRules(config: Config, t: number, fail: Fail, warnings: Problem[]): void {
  const at = `tenants[${t}]`;
  const tenant = config.tenants[t];
  const unique = (field: "name" | "dnsName", value: (i: number) => string, what: string) => {
    const seen = new Map<string, number>();
    tenant.publishedServices.forEach((_, i) => {
      const first = seen.get(value(i));
      if (first !== undefined) {
        fail(`${at}.publishedServices[${i}].${field}`, describeProblem(`must be unique in the tenant (also ${at}.publishedServices[${first}].${field}): ${what}`, value(i)), [`${at}.publishedServices[${first}].${field}`]);
      }
      seen.set(value(i), first ?? i);
    });
  };
  unique("name", (i) => tenant.publishedServices[i].name, "it names a Service and its address");
  if (tenant.kind !== "psc") return;
  if (tenant.publishedServices.length === 0) {
    if (tenant.dnsZone !== undefined) warnings.push({ path: `${at}.dnsZone`, message: "has no effect: the zone holds the published Services' names, and the tenant publishes none. Fix: add publishedServices, or remove dnsZone" });
    return;
  }
  unique("dnsName", (i) => publishedDnsNameOf(tenant, tenant.publishedServices[i]), "one name, one address");
  const zone = publishedZoneOf(tenant);
  const apiZone = privateZoneOf(config.service.dnsName);
  if (zone === apiZone) {
    fail(
      tenant.dnsZone === undefined ? `${at}.name` : `${at}.dnsZone`,
      describeProblem(`makes the published Services' zone ${zone}, the zone of service.dnsName too (two private zones of one name in the tenant's VPC)`, tenant.dnsZone ?? tenant.name, `a zone of its own, e.g. dnsZone: ${tenant.name}.svc.internal.`),
      ["service.dnsName"],
    );
  }
}

/**
 * With the DNS endpoint off, the tenant's workloads stack reaches the control
 * plane on its private IP endpoint only. That can work (Terraform on a runner
 * in the tenant VPC), so it is a warning, not an error; but the VPC this app
 * creates has no VPN, Interconnect or peering, so nothing outside it reaches
 * that address, authorized networks included (an allowlist, not a route).
 */
function privateOnlyControlPlane(at: string, tenant: TenantConfig, region: string): Problem {
  const ranges = [`the node subnet ${tenant.gkeNodesCidr}`, ...(tenant.gke.authorizedNetworks ?? []).map((n) => n.cidr)];
  return {
    path: `${at}.gke.dnsEndpoint`,
    message:
      `is false: the control plane serves users on its private IP endpoint only, where authorized networks are enforced too, so Terraform must run ` +
      `the tenant's workloads stack inside the tenant's VPC in ${region}, from ${ranges.join(" or ")}; the VPC this app creates has no VPN, Interconnect ` +
      `or peering, so a range outside it gets there only over connectivity you add. Fix: keep dnsEndpoint true (IAM-authorised, reachable from any network), ` +
      `or deploy the workloads stack from a runner in that VPC, its range in ${at}.gke.authorizedNetworks`,
    involves: [`${at}.gke.authorizedNetworks`, `${at}.gkeNodesCidr`],
  };
}

/**
 * Which AWS VPC and which backend: a VPC this app creates (with its two
 * subnets) or an existing one (by id, with its route tables); the demo
 * instance or an existing API (by its security group). Each choice is whole:
 * a key of the other choice, or a missing one, is refused with the fix.
 */
function awsLayout({ aws }: Config, fail: Fail, warnings: Problem[]): void {
  const subnetKeys = ["publicSubnetCidr", "privateSubnetCidr"] as const;
  if (aws.existingVpc === undefined) {
    const example = { publicSubnetCidr: "10.0.10.0/24", privateSubnetCidr: "10.0.20.0/24" };
    for (const key of subnetKeys.filter((k) => aws[k] === undefined)) {
      fail(`aws.${key}`, `is required when this app creates the VPC. Fix: add a range inside aws.vpcCidr (e.g. ${example[key]}), or name an existing VPC in aws.existingVpc`, ["aws.existingVpc"]);
    }
  } else {
    for (const key of subnetKeys.filter((k) => aws[k] !== undefined)) {
      fail(`aws.${key}`, describeProblem("must not be set with aws.existingVpc (this app creates no subnet in an existing VPC)", aws[key], "remove it"), ["aws.existingVpc"]);
    }
    if (aws.backend.existing === undefined) {
      fail(
        "aws.backend.existing",
        "is required with aws.existingVpc: the demo instance is created only in the VPC this app creates. Fix: add aws.backend.existing: {securityGroupId: <the API's security group>}, or remove aws.existingVpc",
        ["aws.existingVpc"],
      );
    }
    if (aws.existingVpc.attachmentSubnetIds !== undefined && aws.termination !== "tgw") {
      warnings.push({ path: "aws.existingVpc.attachmentSubnetIds", message: "is ignored: only a transit gateway (aws.termination: tgw) attaches to subnets. Fix: remove it, or set aws.termination to tgw", involves: ["aws.termination"] });
    }
  }
  if (aws.backend.existing !== undefined) {
    for (const key of ["instanceType", "amiId", "ssm"] as const) {
      if (aws.backend[key] !== undefined) fail(`aws.backend.${key}`, describeProblem("is a setting of the demo instance, which is not created with aws.backend.existing", aws.backend[key], "remove it"), ["aws.backend.existing"]);
    }
    // The demo instance checks its address against its subnet; an existing API is anywhere in the VPC the VPN reaches.
    if (!containsIp(aws.vpcCidr, aws.backend.privateIp)) {
      fail("aws.backend.privateIp", describeProblem(`must lie inside aws.vpcCidr ${aws.vpcCidr} (the VPN reaches that range)`, aws.backend.privateIp), ["aws.vpcCidr"]);
    }
  }
}

/** Fails for every pair of ranges that overlap, but pairs one construct checks itself. */
function noOverlaps(ranges: readonly PlannedRange[], fail: Fail): void {
  ranges.forEach((a, i) => {
    for (const b of ranges.slice(i + 1)) {
      if (a.checkedBy !== undefined && a.checkedBy === b.checkedBy) continue;
      if (overlaps(a.cidr, b.cidr)) {
        fail(b.path, describeProblem(`must not overlap ${a.path} ${a.cidr} in the same VPC`, b.cidr, "move one of the two to a free range"), [a.path]);
      }
    }
  });
}

/**
 * Every GCP name the stacks generate must fit GCP's limits; the config keys
 * that make them up (prefix, tenant names) are blamed, with the overshoot.
 */
function generatedNames(config: Config): Problem[] {
  const problems: Problem[] = [];
  const producer = producerNames(config.prefix);
  const limited: Array<{ path: string; name: string; max: number; what: string }> = [
    // Not the names another one here always outgrows first: the VPN tunnels' prefix (the load balancer's is longer, under
    // the same limit), a tenant's GKE subnet (the cluster's name, under a larger limit) and its PSC endpoint prefix
    // (the cluster's name plus 4 characters, under a limit 18 larger). Their constructs check them still.
    { path: "prefix", name: producer.loadBalancer, max: HybridNegLoadBalancer.MAX_NAME_LENGTH, what: "the load balancer's name prefix" },
    ...config.tenants.flatMap((tenant, t) => {
      const names = tenantNames(config.prefix, tenant.name);
      const path = `tenants[${t}].name`;
      return [
        { path, name: names.cluster, max: PrivateGkeCluster.MAX_NAME_LENGTH, what: "the GKE cluster name" },
        ...tenant.publishedServices.map((svc, i) => ({ path: `tenants[${t}].publishedServices[${i}].name`, name: names.publishedAddress(svc.name), max: GCP_NAME_MAX_LENGTH, what: "the published Service's address name" })),
        ...(tenant.kind === "psc" ? serverlessPaths(tenant) : []).map((p) => ({ path, name: names.serverlessCheck(p), max: ServerlessConnectivityCheck.MAX_NAME_LENGTH, what: "a serverless check's name" })),
      ];
    }),
  ];
  const blamed = new Set<string>();
  for (const { path, name, max, what } of limited) {
    if (name.length <= max || blamed.has(path)) continue;
    blamed.add(path);
    const parts = path === "prefix" ? "prefix" : `prefix or ${path}`;
    problems.push({ path, message: `makes ${what} "${name}" ${name.length} characters, over its limit of ${max}. Fix: shorten ${parts} by ${name.length - max}`, involves: path === "prefix" ? [] : ["prefix"] });
  }
  return problems;
}

/**
 * The deploy pipeline's needs: each deploy job keeps nothing between runs,
 * so state must be remote, and split (each deploy identity in its own cloud,
 * with one read across); Shared VPC roles are granted above the projects.
 */
function pipelineRules(config: Config, fail: Fail): void {
  const { pipeline } = config;
  if (pipeline === undefined) return;
  if (config.state.backend !== "split") {
    fail(
      "state.backend",
      describeProblem(
        "must be split when pipeline is set (a deploy job keeps no local state between runs, and split keeps each deploy identity in its own cloud)",
        config.state.backend,
        "state: {backend: split, gcs: {bucket, prefix}, s3: {bucket, keyPrefix, region}}",
      ),
      ["pipeline"],
    );
  }
  if (routedTenants(config).length > 0 && pipeline.sharedVpcAdminScope === undefined) {
    fail(
      "pipeline.sharedVpcAdminScope",
      "is required with routed tenants: the producer and hub deployers need Shared VPC Admin (roles/compute.xpnAdmin), which Google grants only on an organization or folder. Fix: e.g. sharedVpcAdminScope: organizations/123456789012",
      ["tenants"],
    );
  }
}

/** The deploy role's statements come from the aws stack, not from config: a stand-in lets the role's other rules run. */
const PLACEHOLDER_STATEMENT = { Sid: "Stack", Effect: "Allow", Action: ["ec2:DescribeVpcs"], Resource: "*" } as const;

/** A stand-in for a value known only at apply (another stack's attribute): construct rules pass it unchecked, as they pass the real one. */
const AT_APPLY = Lazy.stringValue({ produce: () => "" });
/** A stand-in for a resource another construct makes: its attributes are known only at apply. */
const REF = { id: AT_APPLY, selfLink: AT_APPLY, name: AT_APPLY };

/**
 * Names a construct's props by config paths: the longest mapped prefix of
 * the prop wins (`nodePool` maps `nodePool.maxPodsPerNode` too). Unmapped
 * props, and those mapped to null (a value the app sets inside a mapped
 * one), name the construct, so a gap shows in the message rather than hides.
 */
function pathsFor(construct: string, paths: Record<string, string | null>): (field: string) => string {
  const keys = Object.keys(paths).sort((a, b) => b.length - a.length);
  return (field) => {
    const key = keys.find((k) => field === k || field.startsWith(`${k}.`) || field.startsWith(`${k}[`));
    const path = key === undefined ? null : paths[key];
    return path === null ? `(${construct} ${field})` : `${path}${field.slice(key!.length)}`;
  };
}

/**
 * Every construct's own rules, on the props the stacks pass it, with each
 * prop named by the config path it comes from. The props here mirror the
 * stacks' (lib/stacks); a construct added to a stack gets a line here.
 */
function constructChecks(config: Config, plan: readonly PlannedRange[]): RuleResults[] {
  const runs: RuleResults[] = [];
  const run = (construct: string, paths: Record<string, string | null>, validate: (v: PropsValidator) => void) => {
    const v = new PropsValidator(construct, pathsFor(construct, paths));
    validate(v);
    runs.push({ errors: [...v.problems], warnings: [...v.warnings] });
  };
  const { gcp, aws, vpn, service } = config;
  const region = gcp.region;
  const names = producerNames(config.prefix);

  // Each region once, against the clouds' lists (every construct that takes a region checks its form only).
  run("regions", { gcp: "gcp.region", aws: "aws.region", s3: "state.s3.region" }, (v) => {
    v.knownRegion("gcp", "gcp", gcp.region);
    v.knownRegion("aws", "aws", aws.region);
    if (config.state.s3 !== undefined) v.knownRegion("aws", "s3", config.state.s3.region);
  });

  if (config.pipeline !== undefined) {
    const pipeline = config.pipeline;
    const names = pipelineNames(config.prefix, config.environment);
    run("GithubWorkloadIdentity", { poolId: "prefix", repository: "pipeline.repository", branch: "pipeline.branch", environment: "environment" }, (v) =>
      GithubWorkloadIdentity.validate({ poolId: names.pool, repository: pipeline.repository, branch: pipeline.branch, environment: config.environment }, v),
    );
    run("GithubOidcRole", { name: "prefix", repository: "pipeline.repository", environment: "environment", providerArn: "pipeline.awsOidcProviderArn" }, (v) =>
      GithubOidcRole.validate({ name: names.awsRole("aws"), repository: pipeline.repository, environment: config.environment, providerArn: pipeline.awsOidcProviderArn, statements: [PLACEHOLDER_STATEMENT] }, v),
    );
  }

  // producer
  run("VpcNetwork", { name: "prefix" }, (v) => VpcNetwork.validate({ name: names.network }, v));
  // As the stacks pass them: no flow logs on the subnets without VMs (producer-stack.ts).
  run("VpcNetwork", { name: "prefix", region: "gcp.region", ipCidrRange: "gcp.frontendCidr" }, (v) =>
    VpcNetwork.validateSubnet({ name: names.frontendSubnet, region, ipCidrRange: gcp.frontendCidr, flowLogSampling: 0 }, v),
  );
  run("ProxyOnlySubnet", { name: "prefix", region: "gcp.region", ipCidrRange: "gcp.proxyOnlyCidr" }, (v) =>
    ProxyOnlySubnet.validate({ network: REF, name: names.proxyOnlySubnet, region, ipCidrRange: gcp.proxyOnlyCidr }, v),
  );
  [gcp.pscNatCidr, ...gcp.additionalPscNatCidrs].forEach((ipCidrRange, i) =>
    run("PscNatSubnet", { name: "prefix", region: "gcp.region", ipCidrRange: i === 0 ? "gcp.pscNatCidr" : `gcp.additionalPscNatCidrs[${i - 1}]` }, (v) =>
      PscNatSubnet.validate({ network: REF, name: names.pscNatSubnet(i), region, ipCidrRange }, v),
    ),
  );
  if (routedTenants(config).length > 0) {
    run("SharedVpcHost", { project: "gcp.producerProject" }, (v) => SharedVpcHost.validate({ project: gcp.producerProject }, v));
  }
  if (gcp.privateServicesAccessCidrs.length > 0) {
    run("PrivateServicesAccess", { name: "prefix", ranges: "gcp.privateServicesAccessCidrs" }, (v) =>
      PrivateServicesAccess.validate({ network: REF, name: names.privateServicesAccess, ranges: gcp.privateServicesAccessCidrs }, v),
    );
  }
  run("HaVpnGateway", { name: "prefix", region: "gcp.region" }, (v) => HaVpnGateway.validate({ network: REF, name: names.haVpnGateway, region }, v));
  run(
    "HybridNegLoadBalancer",
    {
      name: "prefix",
      region: "gcp.region",
      zone: "gcp.negZone",
      "endpoints[0].ipAddress": "aws.backend.privateIp",
      "endpoints[0].port": "aws.backend.port",
      port: "service.port",
      healthCheckPath: "service.healthCheckPath",
      logSampling: "observability.loadBalancerLogSampling",
    },
    (v) =>
      HybridNegLoadBalancer.validate(
        {
          name: names.loadBalancer,
          region,
          zone: gcp.negZone,
          network: REF,
          subnetwork: REF,
          endpoints: [{ ipAddress: aws.backend.privateIp, port: aws.backend.port }],
          port: service.port,
          healthCheckPath: service.healthCheckPath,
          logSampling: config.observability.loadBalancerLogSampling,
        },
        v,
      ),
  );
  run(
    "ServiceAttachment",
    {
      name: "prefix",
      region: "gcp.region",
      domainName: "service.attachmentDomainName",
      // The attachment's consumers are the PSC tenants: consumers[i] is tenants[index of the i-th PSC tenant].
      ...Object.fromEntries(pscTenants(config).map(({ index }, i) => [`consumers[${i}]`, `tenants[${index}]`])),
    },
    (v) =>
      ServiceAttachment.validate(
        {
          name: names.serviceAttachment,
          region,
          targetService: AT_APPLY,
          natSubnets: [gcp.pscNatCidr, ...gcp.additionalPscNatCidrs].map(() => REF),
          consumers: pscTenants(config).map(({ tenant }) => ({ project: tenant.project, connectionLimit: tenant.connectionLimit })),
          domainName: service.attachmentDomainName,
        },
        v,
      ),
  );

  // aws
  const awsVpc = awsVpcOf(aws);
  if (awsVpc?.kind === "created") {
    run("AwsVpc", { availabilityZone: "aws.availabilityZone", cidrBlock: "aws.vpcCidr", publicSubnetCidr: "aws.publicSubnetCidr", privateSubnetCidr: "aws.privateSubnetCidr" }, (v) =>
      AwsVpc.validate({ name: config.prefix, cidrBlock: aws.vpcCidr, availabilityZone: aws.availabilityZone, publicSubnetCidr: awsVpc.publicSubnetCidr, privateSubnetCidr: awsVpc.privateSubnetCidr }, v),
    );
  }
  // The existing VPC's ids as given. The VPC made here: its ids known only at apply; it routes from its two subnets' tables
  // and attaches its private subnet.
  const vpcIds =
    awsVpc?.kind === "existing"
      ? { vpcId: awsVpc.vpcId, routeTableIds: awsVpc.routeTableIds, attachmentSubnetIds: awsVpc.attachmentSubnetIds ?? [] }
      : { vpcId: AT_APPLY, routeTableIds: [AT_APPLY, AT_APPLY], attachmentSubnetIds: [AT_APPLY] };
  const routed = routedRanges(plan);
  run(
    "AwsSiteToSiteVpn",
    {
      termination: "aws.termination",
      amazonSideAsn: "aws.asn",
      peerAsn: "gcp.routerAsn",
      insideCidrs: "vpn.insideCidrs",
      dhGroup: "vpn.dhGroup",
      encryption: "vpn.encryption",
      // The existing VPC's ids, one by one (the VPC made here has stand-ins, never checked).
      vpc: "aws.existingVpc.vpcId",
      "vpc.vpcId": "aws.existingVpc.vpcId",
      routeTables: "aws.existingVpc.routeTableIds",
      attachmentSubnets: "aws.existingVpc.attachmentSubnetIds",
      ...Object.fromEntries(vpcIds.routeTableIds.map((_, i) => [`routeTables[${i}].routeTableId`, `aws.existingVpc.routeTableIds[${i}]`])),
      ...Object.fromEntries(vpcIds.attachmentSubnetIds.map((_, i) => [`attachmentSubnets[${i}].subnetId`, `aws.existingVpc.attachmentSubnetIds[${i}]`])),
      ...Object.fromEntries(routed.map((r, i) => [`peerCidrs[${i}]`, r.path])),
    },
    (v) =>
      AwsSiteToSiteVpn.validate(
        {
          name: config.prefix,
          vpc: { vpcId: vpcIds.vpcId },
          routeTables: vpcIds.routeTableIds.map((routeTableId) => ({ routeTableId })),
          termination: aws.termination,
          attachmentSubnets: vpcIds.attachmentSubnetIds.map((subnetId) => ({ subnetId })),
          peerCidrs: routed.map((r) => r.cidr),
          amazonSideAsn: aws.asn,
          // An HA VPN gateway has two interfaces; their IPs are known only at apply.
          peerIps: [AT_APPLY, AT_APPLY],
          peerAsn: gcp.routerAsn,
          insideCidrs: vpn.insideCidrs,
          dhGroup: vpn.dhGroup,
          encryption: vpn.encryption,
        },
        v,
      ),
  );
  if (config.observability.awsFlowLogs) {
    run("AwsVpcFlowLog", { name: "prefix", vpc: "aws.existingVpc.vpcId", "vpc.vpcId": "aws.existingVpc.vpcId", retentionDays: "observability.awsLogRetentionDays" }, (v) =>
      AwsVpcFlowLog.validate({ name: config.prefix, vpc: { vpcId: vpcIds.vpcId }, retentionDays: config.observability.awsLogRetentionDays }, v),
    );
  }
  const backend = awsBackendOf(aws);
  const allowedCidrs = admittedByAws(plan);
  // allowedCidrs[i] is the i-th range the plan says AWS admits: a routed tenant's (.cidr) keyed and described by its name,
  // or a range alone, described by the construct's default.
  const allowedPaths = Object.fromEntries(
    plan
      .filter((r) => r.admittedByAws)
      .flatMap((r, i): Array<[string, string | null]> => {
        const name = r.tenant === undefined ? null : `${r.path.split(".")[0]}.name`;
        return name === null
          ? [[`allowedCidrs[${i}]`, r.path], [`allowedCidrs[${i}].description`, null]]
          : [[`allowedCidrs[${i}].cidr`, r.path], [`allowedCidrs[${i}].key`, name], [`allowedCidrs[${i}].description`, name]];
      }),
  );
  if (backend.kind === "existing") {
    run("AwsBackendIngress", { securityGroupId: "aws.backend.existing.securityGroupId", port: "aws.backend.port", ...allowedPaths }, (v) =>
      AwsBackendIngress.validate({ securityGroupId: backend.securityGroupId, port: backend.port, allowedCidrs }, v),
    );
  } else if (awsVpc?.kind === "created") {
    // With an existing VPC the demo instance is refused (awsLayout): no subnet to check it against.
    if (backend.ssm) {
      run("AwsSsmEndpoints", { "vpc.cidrBlock": "aws.vpcCidr", region: "aws.region" }, (v) =>
        AwsSsmEndpoints.validate({ name: config.prefix, vpc: { vpcId: AT_APPLY, cidrBlock: aws.vpcCidr }, subnets: [{ subnetId: AT_APPLY }], region: aws.region }, v),
      );
    }
    run(
      "BackendInstance",
      { privateIp: "aws.backend.privateIp", subnet: "aws.privateSubnetCidr", "subnet.cidrBlock": "aws.privateSubnetCidr", port: "aws.backend.port", instanceType: "aws.backend.instanceType", amiId: "aws.backend.amiId", ...allowedPaths },
      (v) =>
        BackendInstance.validate(
          {
            name: config.prefix,
            vpc: { vpcId: AT_APPLY },
            subnet: { subnetId: AT_APPLY, cidrBlock: awsVpc.privateSubnetCidr },
            privateIp: backend.privateIp,
            port: backend.port,
            allowedCidrs,
            instanceType: backend.instanceType,
            amiId: backend.amiId,
            sessionManager: backend.ssm ? { securityGroupId: AT_APPLY } : undefined,
          },
          v,
        ),
    );
  }

  // tunnels
  const explicit = explicitlyAdvertised(plan);
  run("CloudRouterBgp", { name: "prefix", region: "gcp.region", asn: "gcp.routerAsn", ...Object.fromEntries(explicit.map((r, i) => [`advertisedRanges[${i}]`, r.path])) }, (v) =>
    CloudRouterBgp.validate({ name: names.router, network: REF, region, asn: gcp.routerAsn, advertisedRanges: explicit.map((r) => r.cidr) }, v),
  );
  // The AWS tunnels' outside IPs, keys and inside addresses are known only at apply.
  const awsTunnel = { outsideIp: AT_APPLY, presharedKey: AT_APPLY, cgwInsideAddress: AT_APPLY, vgwInsideAddress: AT_APPLY, insideCidr: AT_APPLY };
  run("HaVpnToAws", { name: "prefix", peerAsn: "aws.asn", "router.asn": "gcp.routerAsn", routePriorities: "vpn.routePriorities" }, (v) =>
    HaVpnToAws.validate(
      {
        name: names.awsVpn,
        router: { name: names.router, region, asn: gcp.routerAsn },
        haVpnGateway: REF,
        awsVpn: { connections: [{ tunnels: [awsTunnel, awsTunnel] }, { tunnels: [awsTunnel, awsTunnel] }] },
        peerAsn: aws.asn,
        routePriorities: vpn.routePriorities,
      },
      v,
    ),
  );

  // Every tenant's cluster (consumer-<tenant>) and in-cluster objects (workloads-<tenant>).
  config.tenants.forEach((tenant, t) => {
    const at = `tenants[${t}]`;
    const tn = tenantNames(config.prefix, tenant.name);
    if (tenant.kind === "psc") {
      run("VpcNetwork", { name: `${at}.name` }, (v) => VpcNetwork.validate({ name: tn.network }, v));
      if (tenant.gke.restrictedGoogleApis) {
        run("RestrictedGoogleApis", { name: `${at}.name` }, (v) => RestrictedGoogleApis.validate({ name: tn.network, network: REF, project: tenant.project }, v));
      }
    }
    // A routed tenant's node subnet is the hub's (hub-<tenant>), made as a PSC tenant's is.
    run(
      "GkeSubnet",
      { name: `${at}.name`, region: "gcp.region", nodesCidr: `${at}.gkeNodesCidr`, podsCidr: `${at}.podsCidr`, servicesCidr: `${at}.servicesCidr`, flowLogSampling: "observability.gcpFlowLogSampling" },
      (v) => GkeSubnet.validate(gkeSubnetProps(config, tenant, REF), v),
    );
    run(
      "PrivateGkeCluster",
      {
        name: `${at}.name`,
        location: "gcp.region",
        mode: `${at}.gke.mode`,
        nodePool: `${at}.gke.nodePool`,
        "subnet.podsCidr": `${at}.podsCidr`,
        controlPlaneCidr: `${at}.gke.controlPlaneCidr`,
        authorizedNetworks: `${at}.gke.authorizedNetworks`,
        project: `${at}.project`,
      },
      // The subnet's stand-in: the range names are known at apply, the pod range now (the capacity rule reads it).
      (v) => PrivateGkeCluster.validate(gkeClusterProps(config, tenant, REF, { ...REF, podsRangeName: AT_APPLY, servicesRangeName: AT_APPLY, podsCidr: tenant.podsCidr }), v),
    );
    if (tenant.kind === "psc") {
      run("VpcNetwork", { name: `${at}.name`, region: "gcp.region", ipCidrRange: `${at}.pscEndpointCidr` }, (v) =>
        VpcNetwork.validateSubnet({ name: tn.pscSubnet, region, ipCidrRange: tenant.pscEndpointCidr, flowLogSampling: 0 }, v),
      );
      run("PscEndpoint", { name: `${at}.name`, region: "gcp.region", ipAddress: `${at}.pscEndpointIp`, subnetwork: `${at}.pscEndpointCidr`, "subnetwork.ipCidrRange": `${at}.pscEndpointCidr`, dnsName: "service.dnsName" }, (v) =>
        PscEndpoint.validate(
          {
            name: tn.pscEndpoint,
            region,
            network: REF,
            subnetwork: { ...REF, ipCidrRange: tenant.pscEndpointCidr },
            serviceAttachment: REF,
            ipAddress: tenant.pscEndpointIp,
            dnsName: service.dnsName,
          },
          v,
        ),
      );
    }
    const published = tenant.publishedServices;
    if (tenant.kind === "routed") {
      // hub-<tenant>: the attachment and roles, the published Services' firewall rules; consumer-<tenant>: their addresses.
      run("SharedVpcServiceProject", { hostProject: "gcp.producerProject", serviceProject: `${at}.project`, "subnets[0].name": `${at}.name`, "subnets[0].region": "gcp.region", subnetUsers: `${at}.subnetUsers` }, (v) =>
        SharedVpcServiceProject.validate({ hostProject: gcp.producerProject, serviceProject: tenant.project, serviceProjectNumber: AT_APPLY, subnets: [{ name: tn.gkeSubnet, region }], subnetUsers: tenant.subnetUsers }, v),
      );
      if (published.length > 0) {
        const ports = [...new Set(published.map((p) => p.port))];
        // ports[k] is the port of the first published Service that has it.
        const portPaths = Object.fromEntries(ports.map((port, k) => [`ports[${k}]`, `${at}.publishedServices[${published.findIndex((p) => p.port === port)}].port`]));
        run("GkeLoadBalancerFirewall", { name: `${at}.name`, nodesCidr: `${at}.gkeNodesCidr`, "clients[0]": "aws.vpcCidr", ports: `${at}.publishedServices`, ...portPaths }, (v) =>
          GkeLoadBalancerFirewall.validate({ network: REF, name: tn.publishedFirewall, nodesCidr: tenant.gkeNodesCidr, clients: [aws.vpcCidr], ports }, v),
        );
      }
    }
    if (tenant.kind === "psc") {
      // consumer-<tenant>: the serverless paths into the VPC, a check through each, the published Services' zone.
      const connector = connectorProps(config, tenant, REF, AT_APPLY);
      if (connector !== undefined) {
        const cx = `${at}.serverless.connector`;
        run("ServerlessVpcAccessConnector", { name: `${at}.name`, region: "gcp.region", ipCidrRange: `${cx}.cidr`, machineType: `${cx}.machineType`, minInstances: `${cx}.minInstances`, maxInstances: `${cx}.maxInstances`, project: `${at}.project` }, (v) =>
          ServerlessVpcAccessConnector.validate(connector, v),
        );
      }
      const subnet = directVpcEgressSubnetProps(config, tenant);
      if (subnet !== undefined) {
        run("VpcNetwork", { name: `${at}.name`, region: "gcp.region", ipCidrRange: `${at}.serverless.directVpcEgressCidr`, flowLogSampling: "observability.gcpFlowLogSampling" }, (v) => VpcNetwork.validateSubnet(subnet, v));
      }
      for (const path of serverlessPaths(tenant)) {
        run("ServerlessConnectivityCheck", { name: `${at}.name`, project: `${at}.project`, region: "gcp.region", url: "service.dnsName", image: `${at}.checkImage` }, (v) =>
          ServerlessConnectivityCheck.validate(serverlessCheckProps(config, tenant, path, path === "connector" ? { connector: AT_APPLY } : { network: AT_APPLY, subnetwork: AT_APPLY }), v),
        );
      }
      if (published.length > 0) {
        run("PrivateDnsZone", { name: `${at}.name`, dnsName: `${at}.dnsZone` }, (v) => PrivateDnsZone.validate(publishedZoneProps(config, tenant, REF), v));
      }
    }
    published.forEach((svc, i) => {
      const sp = `${at}.publishedServices[${i}]`;
      // The zone's stand-in: its name is known at apply, its DNS name now (the record must be inside it).
      const zone = tenant.kind === "psc" ? { name: AT_APPLY, dnsName: publishedZoneOf(tenant) } : undefined;
      run("PublishedServiceAddress", { name: `${sp}.name`, region: "gcp.region", "dns.name": `${sp}.dnsName`, "dns.zone.dnsName": `${at}.dnsZone` }, (v) =>
        PublishedServiceAddress.validate(publishedAddressProps(config, tenant, svc, REF, zone), v),
      );
      const sources = Object.fromEntries(publishedSources(config, tenant, at).map(({ path }, k) => [`sourceRanges[${k}]`, path]));
      run("InternalLoadBalancerService", { namespace: `${at}.namespace`, name: `${sp}.name`, addressName: `${sp}.name`, port: `${sp}.port`, targetPort: `${sp}.targetPort`, selector: `${sp}.selector`, ...sources }, (v) =>
        InternalLoadBalancerService.validate(publishedServiceProps(config, tenant, svc, tenant.namespace, { name: tn.publishedAddress(svc.name), ip: AT_APPLY }), v),
      );
    });
    // The in-cluster name: the PSC endpoint on the service port, or for a routed tenant the backend itself.
    const target = apiTargetOf(config, tenant);
    const api = { namespace: tenant.namespace, serviceName: API_SERVICE_NAME, port: target.port };
    const targetPaths: Record<string, string> = tenant.kind === "psc" ? { port: "service.port" } : { port: "aws.backend.port", targetIp: "aws.backend.privateIp" };
    run("ClusterApiService", { namespace: `${at}.namespace`, ...targetPaths }, (v) => ClusterApiService.validate({ ...api, targetIp: target.ip ?? AT_APPLY }, v));
    run("ConnectivityCheck", { namespace: `${at}.namespace`, image: `${at}.checkImage`, url: "service.healthCheckPath" }, (v) =>
      ConnectivityCheck.validate({ namespace: tenant.namespace, url: `${ClusterApiService.urlFor(api)}${service.healthCheckPath}`, image: tenant.checkImage }, v),
    );
  });
  return runs;
}
