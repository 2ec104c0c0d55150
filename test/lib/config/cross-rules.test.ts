import type { Problem } from "../../../constructs/core/errors";
import { configRules } from "../../../lib/config/rules";
import { configSchema } from "../../../lib/config/schema";
import { exampleInput, existingVpcAndBackend } from "../../helpers";

// The rules between config values (lib/config/rules.ts, crossChecks and the
// generated names), each on the example with one edit: every problem whole,
// with the other paths it involves (the loader's repair pass reads those to
// drop a problem that a bad value it replaced would cause), errors and
// warnings both. The example itself has neither.

/** The rules' results for the example with `edit` applied (the shape is valid: these are the rules after it). */
function rulesOf(edit: (c: any) => void): { errors: Problem[]; warnings: Problem[] } {
  const input: any = exampleInput();
  edit(input);
  return configRules(configSchema.parse(input));
}

const problem = (path: string, message: string, involves?: string[]): Problem => ({ path, message, ...(involves ? { involves } : {}) });
const buckets = { gcs: { bucket: "example-tf-state", prefix: "psc/example" }, s3: { bucket: "example-tf-state-aws", keyPrefix: "psc/example", region: "ap-northeast-1" } };
/** The example on an existing VPC and API, as the helper makes it, with `edit` after. */
const existing = (edit: (c: any) => void) => (c: any) => (existingVpcAndBackend("vgw")(c), edit(c));
/** `count` extra advertised ranges: with the example's six routed ranges, the prefixes the Cloud Router sends. */
const extraRanges = (count: number) => Array.from({ length: count }, (_, i) => `10.100.${i}.0/24`);

type Row = [name: string, edit: (c: any) => void, errors: Problem[], warnings?: Problem[]];

const rows: Row[] = [
  ["the example", () => undefined, []],
  // Routed ranges against AWS: why each kind must stay clear.
  [
    "a routed tenant's control plane overlapping AWS",
    (c) => (c.tenants[2].gke = { controlPlaneCidr: "10.0.50.0/28" }),
    [problem("tenants[2].gke.controlPlaneCidr", 'must not overlap aws.vpcCidr 10.0.0.0/16 (it is in the producer VPC, where its route would win over the VPN\'s routes to AWS: AWS would keep the replies), got "10.0.50.0/28". Fix: a range outside 10.0.0.0/16', ["aws.vpcCidr"])],
  ],
  [
    "a routed tenant's pods overlapping AWS",
    (c) => (c.tenants[2].podsCidr = "10.0.128.0/17"),
    [problem("tenants[2].podsCidr", 'must not overlap aws.vpcCidr 10.0.0.0/16 (a routed tenant\'s ranges are routed over the VPN: AWS would keep the replies), got "10.0.128.0/17". Fix: a range outside 10.0.0.0/16', ["aws.vpcCidr"])],
  ],
  [
    "an advertised range overlapping AWS",
    (c) => (c.vpn.advertisedRanges = ["10.0.64.0/20"]),
    [problem("vpn.advertisedRanges[0]", 'must not overlap aws.vpcCidr 10.0.0.0/16 (it is advertised to AWS over BGP: AWS would keep the replies), got "10.0.64.0/20". Fix: a range outside 10.0.0.0/16', ["aws.vpcCidr"])],
  ],
  [
    "an advertised range repeating a producer subnet",
    (c) => (c.vpn.advertisedRanges = ["10.10.20.0/24"]),
    [problem("vpn.advertisedRanges[0]", 'must not repeat gcp.frontendCidr (every producer subnet is advertised already), got "10.10.20.0/24". Fix: remove it', ["gcp.frontendCidr"])],
  ],
  ["100 prefixes advertised to AWS, the most a VPN connection accepts", (c) => (c.vpn.advertisedRanges = extraRanges(94)), []],
  [
    "101 prefixes advertised to AWS",
    (c) => (c.vpn.advertisedRanges = extraRanges(95)),
    [
      problem(
        "tenants",
        `make the Cloud Router advertise 101 prefixes to AWS, over the 100 an AWS VPN connection accepts (its BGP session goes down at 101): ${["10.10.30.0/24", "10.10.20.0/24", "10.10.10.0/24", ...extraRanges(95), "10.30.0.0/22", "10.31.0.0/17", "10.30.8.0/22"].join(", ")}. Fix: fewer routed tenants or private services access ranges in this environment (each routed tenant adds three prefixes; a summary in vpn.advertisedRanges adds one and removes none)`,
        ["vpn.advertisedRanges", "gcp"],
      ),
    ],
  ],
  [
    "two ranges of one VPC overlapping",
    (c) => (c.gcp.frontendCidr = "10.10.10.0/25"),
    [problem("gcp.pscNatCidr", 'must not overlap gcp.frontendCidr 10.10.10.0/25 in the same VPC, got "10.10.10.0/24". Fix: move one of the two to a free range', ["gcp.frontendCidr"])],
  ],
  // Tenants
  ["two tenants of one name", (c) => (c.tenants[1].name = "team-a"), [problem("tenants[1].name", 'must be unique among tenants (also tenants[0].name), got "team-a"', ["tenants[0].name"])]],
  [
    "a control plane on its private endpoint only",
    (c) => (c.tenants[0].gke = { dnsEndpoint: false, authorizedNetworks: [{ cidr: "192.168.100.0/24", displayName: "ci" }] }),
    [],
    [
      problem(
        "tenants[0].gke.dnsEndpoint",
        "is false: the control plane serves users on its private IP endpoint only, where authorized networks are enforced too, so Terraform must run the tenant's workloads stack inside the tenant's VPC in asia-northeast1, from the node subnet 10.0.10.0/24 or 192.168.100.0/24; the VPC this app creates has no VPN, Interconnect or peering, so a range outside it gets there only over connectivity you add. Fix: keep dnsEndpoint true (IAM-authorised, reachable from any network), or deploy the workloads stack from a runner in that VPC, its range in tenants[0].gke.authorizedNetworks",
        ["tenants[0].gke.authorizedNetworks", "tenants[0].gkeNodesCidr"],
      ),
    ],
  ],
  [
    "restricted Google APIs with the API named directly under googleapis.com",
    (c) => ((c.service.dnsName = "api.googleapis.com."), (c.tenants[0].gke = { restrictedGoogleApis: true })),
    [
      problem(
        "service.dnsName",
        'must not be directly under googleapis.com. when tenants[0].gke.restrictedGoogleApis is on (both would be private zones named googleapis.com. in one VPC), got "api.googleapis.com.". Fix: a name in a domain of your own, e.g. api.aws-api.internal.',
        ["tenants[0].gke.restrictedGoogleApis"],
      ),
    ],
  ],
  [
    "a routed tenant in another tenant's project",
    (c) => (c.tenants[2].project = "example-consumer-project"),
    [problem("tenants[2].project", 'must not be another tenant\'s project (also tenants[0].project): a service project attaches to the hub once, got "example-consumer-project". Fix: a project of the tenant\'s own', ["tenants[0].project"])],
  ],
  [
    "restricted Google APIs on a routed tenant",
    (c) => (c.tenants[2].gke = { restrictedGoogleApis: true }),
    [problem("tenants[2].gke.restrictedGoogleApis", "is an option of a PSC tenant's own VPC: a routed tenant's cluster is on the hub's network, whose routes and DNS the hub's owners manage, got true. Fix: remove it")],
  ],
  [
    "a routed tenant publishing Services with no subnet users",
    (c) => (c.tenants[2].subnetUsers = []),
    [],
    [
      problem(
        "tenants[2].subnetUsers",
        "is empty: the identity that deploys consumer-team-c reserves the published Services' addresses in the tenant's subnet of the producer VPC, which needs Compute Network User on it. Fix: list that identity, e.g. subnetUsers: [serviceAccount:deployer@example-routed-project.iam.gserviceaccount.com], or grant the role outside this app",
        ["tenants[2].publishedServices"],
      ),
    ],
  ],
  ["a routed tenant with no subnet users and nothing published", (c) => ((c.tenants[2].subnetUsers = []), (c.tenants[2].publishedServices = [])), []],
  [
    "a DNS name on a routed tenant's published Service",
    (c) => (c.tenants[2].publishedServices[0].dnsName = "orders.team-c.internal."),
    [problem("tenants[2].publishedServices[0].dnsName", 'is a name in a PSC tenant\'s private zone: a routed tenant\'s published Services are reached from AWS by address (the workloads stack\'s output published-<name>-url), got "orders.team-c.internal.". Fix: remove it')],
  ],
  // Published Services of a PSC tenant
  [
    "two published Services of one name",
    (c) => c.tenants[0].publishedServices.push({ name: "inventory", port: 9090, dnsName: "other.team-a.internal." }),
    [problem("tenants[0].publishedServices[1].name", 'must be unique in the tenant (also tenants[0].publishedServices[0].name): it names a Service and its address, got "inventory"', ["tenants[0].publishedServices[0].name"])],
  ],
  [
    "two published Services of one DNS name",
    (c) => c.tenants[0].publishedServices.push({ name: "stock", port: 9090, dnsName: "inventory.team-a.internal." }),
    [problem("tenants[0].publishedServices[1].dnsName", 'must be unique in the tenant (also tenants[0].publishedServices[0].dnsName): one name, one address, got "inventory.team-a.internal."', ["tenants[0].publishedServices[0].dnsName"])],
  ],
  [
    "a DNS zone with nothing published",
    (c) => ((c.tenants[0].publishedServices = []), (c.tenants[0].dnsZone = "team-a.internal.")),
    [],
    [problem("tenants[0].dnsZone", "has no effect: the zone holds the published Services' names, and the tenant publishes none. Fix: add publishedServices, or remove dnsZone")],
  ],
  [
    "the published Services' default zone is the API's",
    (c) => (c.service.dnsName = "api.team-a.internal."),
    [problem("tenants[0].name", 'makes the published Services\' zone team-a.internal., the zone of service.dnsName too (two private zones of one name in the tenant\'s VPC), got "team-a". Fix: a zone of its own, e.g. dnsZone: team-a.svc.internal.', ["service.dnsName"])],
  ],
  [
    "the published Services' zone, set, is the API's",
    (c) => (c.tenants[0].dnsZone = "aws-api.internal."),
    [problem("tenants[0].dnsZone", 'makes the published Services\' zone aws-api.internal., the zone of service.dnsName too (two private zones of one name in the tenant\'s VPC), got "aws-api.internal.". Fix: a zone of its own, e.g. dnsZone: team-a.svc.internal.', ["service.dnsName"])],
  ],
  ["a tenant publishing nothing, whose default zone would be the API's", (c) => (c.service.dnsName = "api.team-b.internal."), []],
  // State
  ["state in GCS without its bucket", (c) => (c.state = { backend: "gcs" }), [problem("state.gcs", "is required when state.backend is gcs. Fix: add state.gcs: {bucket: <bucket>, prefix: <path for this environment>}", ["state.backend"])]],
  ["state in S3 without its bucket", (c) => (c.state = { backend: "s3" }), [problem("state.s3", "is required when state.backend is s3. Fix: add state.s3: {bucket: <bucket>, keyPrefix: <path for this environment>, region: <region>}", ["state.backend"])]],
  [
    "split state without either bucket",
    (c) => (c.state = { backend: "split" }),
    [
      problem("state.gcs", "is required when state.backend is split. Fix: add state.gcs: {bucket: <bucket>, prefix: <path for this environment>}", ["state.backend"]),
      problem("state.s3", "is required when state.backend is split. Fix: add state.s3: {bucket: <bucket>, keyPrefix: <path for this environment>, region: <region>}", ["state.backend"]),
    ],
  ],
  ["split state with both buckets", (c) => (c.state = { backend: "split", ...buckets }), []],
  [
    "bucket blocks the backend does not use",
    (c) => (c.state = { backend: "local", ...buckets }),
    [],
    [
      problem("state.gcs", "is ignored: state.backend is local. Fix: set state.backend to gcs or split, or remove state.gcs"),
      problem("state.s3", "is ignored: state.backend is local. Fix: set state.backend to s3 or split, or remove state.s3"),
    ],
  ],
  ["GCS state with an S3 block", (c) => (c.state = { backend: "gcs", ...buckets }), [], [problem("state.s3", "is ignored: state.backend is gcs. Fix: set state.backend to s3 or split, or remove state.s3")]],
  // PSC NAT capacity
  [
    "more PSC connections than NAT addresses",
    (c) => (c.gcp.pscNatCidr = "10.10.10.0/29"),
    [],
    [problem("gcp.pscNatCidr", "with gcp.additionalPscNatCidrs has 4 usable addresses, fewer than the 15 connections the tenants may open (sum of tenants[*].connectionLimit). Fix: add a range to gcp.additionalPscNatCidrs, or lower connection limits")],
  ],
  [
    "additional PSC NAT ranges add their usable addresses",
    (c) => ((c.gcp.pscNatCidr = "10.10.10.0/29"), (c.gcp.additionalPscNatCidrs = ["10.10.11.0/29"])),
    [],
    [problem("gcp.pscNatCidr", "with gcp.additionalPscNatCidrs has 8 usable addresses, fewer than the 15 connections the tenants may open (sum of tenants[*].connectionLimit). Fix: add a range to gcp.additionalPscNatCidrs, or lower connection limits")],
  ],
  ["exactly as many PSC connections as NAT addresses", (c) => ((c.gcp.pscNatCidr = "10.10.10.0/28"), (c.tenants[1].connectionLimit = 2)), []],
  // The AWS side's choices
  [
    "subnets set with an existing VPC",
    existing((c) => ((c.aws.publicSubnetCidr = "10.0.10.0/24"), (c.aws.privateSubnetCidr = "10.0.20.0/24"))),
    [
      problem("aws.publicSubnetCidr", 'must not be set with aws.existingVpc (this app creates no subnet in an existing VPC), got "10.0.10.0/24". Fix: remove it', ["aws.existingVpc"]),
      problem("aws.privateSubnetCidr", 'must not be set with aws.existingVpc (this app creates no subnet in an existing VPC), got "10.0.20.0/24". Fix: remove it', ["aws.existingVpc"]),
    ],
  ],
  [
    "an existing VPC without an existing API",
    existing((c) => delete c.aws.backend.existing),
    [problem("aws.backend.existing", "is required with aws.existingVpc: the demo instance is created only in the VPC this app creates. Fix: add aws.backend.existing: {securityGroupId: <the API's security group>}, or remove aws.existingVpc", ["aws.existingVpc"])],
  ],
  [
    "attachment subnets without a transit gateway",
    existing((c) => (c.aws.existingVpc.attachmentSubnetIds = ["subnet-0123456789abcdef0"])),
    [],
    [problem("aws.existingVpc.attachmentSubnetIds", "is ignored: only a transit gateway (aws.termination: tgw) attaches to subnets. Fix: remove it, or set aws.termination to tgw", ["aws.termination"])],
  ],
  [
    "demo instance settings with an existing API",
    existing((c) => (c.aws.backend = { ...c.aws.backend, instanceType: "t3.micro", amiId: "ami-0123456789abcdef0", ssm: true })),
    ["instanceType", '"t3.micro"', "amiId", '"ami-0123456789abcdef0"', "ssm", "true"].flatMap((key, i, all) =>
      i % 2 === 0 ? [problem(`aws.backend.${key}`, `is a setting of the demo instance, which is not created with aws.backend.existing, got ${all[i + 1]}. Fix: remove it`, ["aws.backend.existing"])] : [],
    ),
  ],
  [
    "an existing API outside the VPC",
    existing((c) => (c.aws.backend.privateIp = "10.1.0.10")),
    [problem("aws.backend.privateIp", 'must lie inside aws.vpcCidr 10.0.0.0/16 (the VPN reaches that range), got "10.1.0.10"', ["aws.vpcCidr"])],
  ],
  [
    "both subnets missing from the VPC this app creates",
    (c) => (delete c.aws.publicSubnetCidr, delete c.aws.privateSubnetCidr),
    [
      problem("aws.publicSubnetCidr", "is required when this app creates the VPC. Fix: add a range inside aws.vpcCidr (e.g. 10.0.10.0/24), or name an existing VPC in aws.existingVpc", ["aws.existingVpc"]),
      problem("aws.privateSubnetCidr", "is required when this app creates the VPC. Fix: add a range inside aws.vpcCidr (e.g. 10.0.20.0/24), or name an existing VPC in aws.existingVpc", ["aws.existingVpc"]),
    ],
  ],
  // Generated names: each blamed once, on the key that makes it, with the overshoot.
  [
    "a prefix too long for the load balancer's names (and so for every tenant's cluster name, and one published address)",
    (c) => (c.prefix = "p".repeat(45)),
    [
      problem("prefix", `makes the load balancer's name prefix "${"p".repeat(45)}-aws-api" 53 characters, over its limit of 52. Fix: shorten prefix by 1`, []),
      ...["team-a", "team-b", "team-c"].flatMap((name, t) => [
        problem(`tenants[${t}].name`, `makes the GKE cluster name "${"p".repeat(45)}-${name}-gke" 56 characters, over its limit of 40. Fix: shorten prefix or tenants[${t}].name by 16`, ["prefix"]),
        // team-a's published Service too (team-c's, "orders", is 63: at its limit).
        ...(t === 0 ? [problem("tenants[0].publishedServices[0].name", `makes the published Service's address name "${"p".repeat(45)}-team-a-svc-inventory" 66 characters, over its limit of 63. Fix: shorten prefix or tenants[0].publishedServices[0].name by 3`, ["prefix"])] : []),
      ]),
    ],
  ],
  [
    "a tenant name too long for its serverless checks",
    (c) => (c.tenants[0].name = "t".repeat(11)),
    [problem("tenants[0].name", `makes a serverless check's name "psc-${"t".repeat(11)}-check-connector" 31 characters, over its limit of 30. Fix: shorten prefix or tenants[0].name by 1`, ["prefix"])],
  ],
  ["a tenant name that makes a name exactly at its limit", (c) => (c.tenants[0].name = "t".repeat(10)), []],
  [
    "a published Service's name too long for its address",
    (c) => (c.tenants[1].publishedServices = [{ name: "s".repeat(50), port: 8080 }]),
    [problem("tenants[1].publishedServices[0].name", `makes the published Service's address name "psc-team-b-svc-${"s".repeat(50)}" 65 characters, over its limit of 63. Fix: shorten prefix or tenants[1].publishedServices[0].name by 2`, ["prefix"])],
  ],
  // The deploy pipeline
  [
    "a pipeline with local state",
    (c) => (c.pipeline = { repository: "example-org/psc-hybrid", sharedVpcAdminScope: "organizations/123456789012" }),
    [problem("state.backend", 'must be split when pipeline is set (a deploy job keeps no local state between runs, and split keeps each deploy identity in its own cloud), got "local". Fix: state: {backend: split, gcs: {bucket, prefix}, s3: {bucket, keyPrefix, region}}', ["pipeline"])],
  ],
  [
    "a pipeline with routed tenants and no Shared VPC admin scope",
    (c) => ((c.state = { backend: "split", ...buckets }), (c.pipeline = { repository: "example-org/psc-hybrid" })),
    [problem("pipeline.sharedVpcAdminScope", "is required with routed tenants: the producer and hub deployers need Shared VPC Admin (roles/compute.xpnAdmin), which Google grants only on an organization or folder. Fix: e.g. sharedVpcAdminScope: organizations/123456789012", ["tenants"])],
  ],
];

test.each(rows)("%s", (_name, edit, errors, warnings = []) => {
  expect(rulesOf(edit)).toEqual({ errors, warnings });
});
