import { execFile, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DataResource, TerraformStack, Testing } from "cdktf";
import { replaceTriggeredBy } from "../../constructs/core/lifecycle";
import { existingVpcAndBackend, exampleWith, pipelineConfig, SynthesizedApp, SynthesizedStack, synthApp } from "../helpers";

// The real toolchain on our output: an offline `terraform plan` (which
// validates the configuration first) of every synthesized stack whose provider is in the local
// provider mirror (today: the aws stack, hashicorp/aws 5.100.0).
//
// For that run only, the copy of the stack pins the provider to the version
// the mirror holds (the stacks ask for the prebuilt provider's 6.x), its
// backend is dropped (state stays in the scratch directory), its
// terraform_remote_state inputs become variables given at plan time, and the
// provider gets fake credentials, every skip flag, and endpoints on
// 127.0.0.1 (the services it would call first named through
// AWS_ENDPOINT_URL_<SERVICE>, every other one through AWS_ENDPOINT_URL, and
// any other request through a proxy on a closed loopback port), so no request
// can leave the machine; where `unshare -n` works, terraform also runs without
// any network at all.
//
// Each terraform command is mostly the provider's own CPU (about 5 s per
// command), so both variants run at once, and one `plan -json` gives both the
// validation diagnostics (what `terraform validate` would print) and the
// planned changes, rather than validate, plan and `show -json` each loading
// the provider's schema.
//
// Without terraform or the mirror these tests say so in one line and are
// skipped; REQUIRE_TERRAFORM=1 (set by .ci/run) turns that into a failure.

const MIRROR = process.env.TF_PLUGIN_DIR ?? "/opt/tf-plugins";
/** The discard port on loopback: nothing listens, so any request fails at once without leaving the machine. */
const CLOSED_PORT = "http://127.0.0.1:9";
/**
 * The services the provider would call first, each sent to the closed port by name. Given as
 * AWS_ENDPOINT_URL_<SERVICE> (hashicorp/aws 5.x ranks these just below a provider `endpoints` block and
 * above AWS_ENDPOINT_URL) rather than as an `endpoints` block: any `endpoints` block costs the provider
 * about 5 s of CPU each time it validates its configuration.
 */
const NAMED_ENDPOINTS = ["EC2", "STS", "IAM", "SSM", "S3"];
const required = process.env.REQUIRE_TERRAFORM === "1";
const terraform = findTerraform();
const mirrored = mirrorVersions();
const missing = [!terraform && "terraform is not on the PATH", mirrored.size === 0 && `no provider mirror at ${MIRROR} (set TF_PLUGIN_DIR)`].filter(Boolean);
const available = missing.length === 0;
/** Where the machine allows it, terraform runs in a network namespace of its own: nothing can leave. */
const isolated = spawnSync("unshare", ["-n", "true"]).status === 0;

if (!available && !required) process.stderr.write(`terraform tests skipped: ${missing.join("; ")}\n`);
if (available && !isolated) process.stderr.write("terraform runs without a network namespace here (unshare -n unavailable); endpoints on 127.0.0.1 still keep requests local\n");

test("terraform and the provider mirror are present when required", () => {
  if (required) expect(missing).toEqual([]);
});

const describeWithTerraform = available ? describe : describe.skip;

/** What both variants plan: the customer side of the VPN, and the VPC flow log (on by default) with its role. */
const COMMON_PLAN = {
  aws_cloudwatch_log_group: 1,
  aws_customer_gateway: 2,
  aws_flow_log: 1,
  aws_iam_role_policy: 1,
  aws_vpn_connection: 2,
};

/** The example: the VPC made here, the demo instance with Session Manager access, a virtual private gateway. */
const VGW_PLAN = {
  ...COMMON_PLAN,
  aws_iam_instance_profile: 1,
  // The flow log's and the instance's, each with its inline policy.
  aws_iam_role: 2,
  aws_iam_role_policy: 2,
  aws_instance: 1,
  aws_launch_template: 1,
  aws_route_table: 2,
  aws_route_table_association: 2,
  // The backend's and the SSM endpoints'.
  aws_security_group: 2,
  aws_subnet: 2,
  aws_vpc: 1,
  aws_vpc_endpoint: 3,
  aws_vpc_security_group_egress_rule: 1,
  // The proxies and the routed tenant's pods on the backend's group, the VPC on the SSM endpoints'.
  aws_vpc_security_group_ingress_rule: 3,
  aws_vpn_gateway: 1,
  aws_vpn_gateway_route_propagation: 2,
};

/** An existing VPC and an existing API: nothing of the VPC or the backend is made, only the rule on its group and the routes. */
const TGW_EXISTING_PLAN = {
  ...COMMON_PLAN,
  aws_ec2_transit_gateway: 1,
  aws_ec2_transit_gateway_route_table: 1,
  aws_ec2_transit_gateway_route_table_association: 3,
  aws_ec2_transit_gateway_route_table_propagation: 3,
  aws_ec2_transit_gateway_vpc_attachment: 1,
  aws_iam_role: 1,
  // Three producer ranges and the routed tenant's three ranges in each of the two given route tables.
  aws_route: 12,
  // The proxies and the routed tenant's pods.
  aws_vpc_security_group_ingress_rule: 2,
};

/** Values standing in for the producer stack's outputs (HA VPN interface IPs are public IPs). */
const PLAN_INPUTS: Array<[RegExp, string]> = [
  [/vpn_interfaces0ip_address$/, "203.0.113.10"],
  [/vpn_interfaces1ip_address$/, "203.0.113.11"],
];

/** The aws variants planned here; each needs its own synthesis. The transit gateway is planned against an existing VPC and API. */
const VARIANTS = {
  vgw: () => exampleApp(),
  "tgw-existing-vpc": () => synthApp(exampleWith(existingVpcAndBackend("tgw"))),
};
type Variant = keyof typeof VARIANTS;

describeWithTerraform.each([
  ["vgw", VGW_PLAN],
  ["tgw-existing-vpc", TGW_EXISTING_PLAN],
] as const)("aws stack (%s) against hashicorp/aws from the mirror", (variant, expectedPlan) => {
  let checks: OfflineChecks;
  beforeAll(() => {
    checks = startOfflineChecks()[variant];
  });

  test("the configuration is valid: no error or warning (plan validates it first)", async () => {
    const messages = await checks.plan;
    expect(messages.filter((m) => m.type === "diagnostic").map((m) => m.diagnostic)).toEqual([]);
    // It did get as far as planning.
    expect(messages.some((m) => m.type === "change_summary")).toBe(true);
  });

  test("the routed tenant's pod range is admitted on the backend port (keyed by the tenant)", async () => {
    const messages = await checks.plan;
    const planned = messages.filter((m) => m.type === "planned_change").map((m) => m.change.resource.addr);
    expect(planned).toContainEqual(expect.stringMatching(/^aws_vpc_security_group_ingress_rule\.api-backend_ingress-team-c-pods_\w+$/));
  });

  test("offline plan -refresh=false creates exactly the expected resources", async () => {
    const messages = await checks.plan;
    const counts: Record<string, number> = {};
    for (const { change } of messages.filter((m) => m.type === "planned_change")) {
      expect({ address: change.resource.addr, action: change.action }).toEqual({ address: change.resource.addr, action: "create" });
      counts[change.resource.resource_type] = (counts[change.resource.resource_type] ?? 0) + 1;
    }
    expect(counts).toEqual(expectedPlan);
    const total = Object.values(expectedPlan).reduce((sum, n) => sum + n, 0);
    expect(messages.find((m) => m.type === "change_summary")?.changes).toEqual({ add: total, change: 0, import: 0, remove: 0, operation: "plan" });
  });
});

describeWithTerraform("bootstrap-aws: the deploy pipeline's AWS identities", () => {
  let checks: OfflineChecks;
  beforeAll(() => {
    checks = checkOffline(() => synthApp(pipelineConfig()), "bootstrap-aws");
  });
  afterAll(async () => {
    await Promise.allSettled([checks.plan]);
    if (checks.dir) fs.rmSync(checks.dir, { recursive: true, force: true });
  });
  test("is valid, and plans the GitHub OIDC provider and the two roles with their policies, offline", async () => {
    const messages = await checks.plan;
    expect(messages.filter((m) => m.type === "diagnostic")).toEqual([]);
    const planned = messages.filter((m) => m.type === "planned_change").map((m) => m.change.resource.resource_type);
    expect(planned.sort()).toEqual(["aws_iam_openid_connect_provider", "aws_iam_role", "aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy"]);
  });
});

describeWithTerraform("stacks whose providers are not in the mirror", () => {
  test("are named, so the gap is visible", () => {
    const app = exampleApp();
    const notCovered = Object.entries(app.byName)
      .filter(([, stack]) => Object.keys(requiredProviders(stack)).some((p) => !mirrored.has(p)))
      .map(([name]) => name);
    if (available && notCovered.length > 0) process.stderr.write(`terraform plan not run (provider not in ${MIRROR}): ${notCovered.join(", ")}\n`);
    expect(notCovered).not.toContain("aws");
  });
});

describeWithTerraform("replace_triggered_by as the constructs write it", () => {
  // PscEndpoint, HybridNegLoadBalancer and VpnTunnelPair replace a resource with another through
  // lifecycle.replace_triggered_by (constructs/core/lifecycle.ts). terraform_data (built in, no provider)
  // stands in for the cloud resources: the rule under test is Terraform's, about the expression.
  /** validate's diagnostics (terraform_data needs no provider, so no init either). */
  function diagnostics(trigger: (target: DataResource) => string[] | DataResource[]): Promise<Array<Record<string, any>>> {
    const app = Testing.app();
    const stack = new TerraformStack(app, "lifecycle");
    const target = new DataResource(stack, "address", { input: { address: "10.0.20.50" } });
    new DataResource(stack, "forwarding-rule", { input: { name: "rule" }, lifecycle: { replaceTriggeredBy: trigger(target) as any } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-lifecycle-"));
    fs.writeFileSync(path.join(dir, "main.tf.json"), Testing.synth(stack));
    fs.writeFileSync(path.join(dir, "empty.tfrc"), "");
    // An invalid configuration exits 1, with the same JSON on stdout.
    return run(dir, ["validate", "-json"])
      .catch((e: Error) => e.message)
      .then((out) => JSON.parse(out.slice(out.indexOf("{"), out.lastIndexOf("}") + 1)).diagnostics)
      .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  }

  test("the bare address replaceTriggeredBy writes is valid; cdktf's own interpolation of a resource is not", async () => {
    const [ours, cdktfs] = await Promise.all([diagnostics((target) => replaceTriggeredBy(target)), diagnostics((target) => [target])]);
    expect(ours).toEqual([]);
    expect(cdktfs.map((d: any) => d.summary)).toContain("Invalid character");
  });
});

// A run left in flight by a failed test finishes (each has a timeout) before its directory goes.
afterAll(async () => {
  for (const checks of Object.values(started ?? {})) {
    await Promise.allSettled([checks.plan]);
    if (checks.dir) fs.rmSync(checks.dir, { recursive: true, force: true });
  }
});

/** The terraform run on one variant's offline copy, in flight or done. */
interface OfflineChecks {
  /** Unset when the variant did not synthesize. */
  readonly dir?: string;
  /** `plan -json`, one message a line: diagnostics, a planned_change per resource instance, the change_summary. */
  readonly plan: Promise<Array<Record<string, any>>>;
}

let example: SynthesizedApp | undefined;
/** The example app, synthesized once: the vgw variant and the mirror-coverage test both read it. */
function exampleApp(): SynthesizedApp {
  return (example ??= synthApp());
}

let started: Record<Variant, OfflineChecks> | undefined;
/** Starts every variant on first call: vgw's terraform already runs while the other synthesizes, then both share the cores. */
function startOfflineChecks(): Record<Variant, OfflineChecks> {
  started ??= { vgw: checkOffline(VARIANTS.vgw), "tgw-existing-vpc": checkOffline(VARIANTS["tgw-existing-vpc"]) };
  return started;
}

/** Synthesizes, writes the offline copy, and starts init, then the plan. */
function checkOffline(synth: () => SynthesizedApp, stack = "aws"): OfflineChecks {
  let dir: string | undefined;
  let init: Promise<unknown>;
  try {
    dir = offlineCopy(synth().byName[stack]!);
    init = run(dir, ["init", "-input=false", "-no-color", `-plugin-dir=${MIRROR}`]);
  } catch (error) {
    // A variant that does not synthesize fails its own tests, not the other variant's.
    init = Promise.reject(error);
  }
  const plan = init
    .then(() => run(dir!, ["plan", "-json", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-var-file=inputs.tfvars.json"]))
    .then((stdout) => stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line)));
  // The tests await it; until then a failure is held for them rather than reported as an unhandled rejection.
  plan.catch(() => undefined);
  return { dir, plan };
}

/** Writes a copy of a stack that terraform can validate and plan offline; returns its directory. */
function offlineCopy(stack: SynthesizedStack): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-tf-"));
  const json = JSON.parse(stack.text);
  // Pin for this run only: the mirror's version, not the prebuilt provider's.
  for (const [name, req] of Object.entries<any>(json.terraform.required_providers)) {
    req.source = `hashicorp/${name}`;
    req.version = mirrored.get(name);
  }
  delete json.terraform.backend;
  // terraform_remote_state -> variables supplied at plan time.
  const inputs: Record<string, string> = {};
  const remote = json.data?.terraform_remote_state ?? {};
  let text = JSON.stringify(json);
  for (const source of Object.keys(remote)) {
    const pattern = new RegExp(`data\\.terraform_remote_state\\.${source}\\.outputs\\.([\\w-]+)`, "g");
    text = text.replace(pattern, (_m, output: string) => {
      const variable = output.replace(/[^\w]/g, "_");
      const value = PLAN_INPUTS.find(([p]) => p.test(output));
      if (!value) throw new Error(`no plan-time value for ${output}`);
      inputs[variable] = value[1];
      return `var.${variable}`;
    });
  }
  const offline = JSON.parse(text);
  delete offline.data?.terraform_remote_state;
  if (offline.data && Object.keys(offline.data).length === 0) delete offline.data;
  if (Object.keys(inputs).length > 0) offline.variable = Object.fromEntries(Object.keys(inputs).map((v) => [v, { type: "string" }]));
  offline.provider.aws = offline.provider.aws.map((p: any) => ({
    ...p,
    access_key: "AKIAIOSFODNN7EXAMPLE",
    secret_key: "fake-secret-for-offline-plan",
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
  }));
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(offline, null, 2));
  fs.writeFileSync(path.join(dir, "inputs.tfvars.json"), JSON.stringify(inputs, null, 2));
  fs.writeFileSync(path.join(dir, "empty.tfrc"), "");
  return dir;
}

/** Runs terraform in `dir` without blocking, so several runs share the machine; settles to its stdout. */
function run(dir: string, args: string[]): Promise<string> {
  const [command, argv] = isolated ? ["unshare", ["-n", terraform!, ...args]] : [terraform!, args];
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    TF_CLI_CONFIG_FILE: path.join(dir, "empty.tfrc"),
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    AWS_EC2_METADATA_DISABLED: "true",
    // The services the provider would call first, by name; every other AWS service endpoint, and any request
    // at all that is not to 127.0.0.1, goes to a closed local port too.
    ...Object.fromEntries(NAMED_ENDPOINTS.map((service) => [`AWS_ENDPOINT_URL_${service}`, CLOSED_PORT])),
    AWS_ENDPOINT_URL: CLOSED_PORT,
    HTTPS_PROXY: CLOSED_PORT,
    HTTP_PROXY: CLOSED_PORT,
    NO_PROXY: "127.0.0.1,localhost",
    // Terraform passes its environment on to the provider, which allocates heavily while it builds its
    // schema: collecting garbage less often saves about a quarter of its CPU for ~40 MB more memory.
    GOGC: "400",
  };
  return new Promise((resolve, reject) => {
    execFile(command, argv, { cwd: dir, encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`terraform ${args[0]} failed (${error.code ?? error.signal}):\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

function findTerraform(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "terraform");
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Provider name -> version held by the mirror (registry.terraform.io/hashicorp/<name>/<version>/). */
function mirrorVersions(): Map<string, string> {
  const base = path.join(MIRROR, "registry.terraform.io", "hashicorp");
  const found = new Map<string, string>();
  if (!fs.existsSync(base)) return found;
  for (const name of fs.readdirSync(base)) {
    const versions = fs.readdirSync(path.join(base, name)).sort();
    if (versions.length > 0) found.set(name, versions[versions.length - 1]);
  }
  return found;
}

function requiredProviders(stack: SynthesizedStack): Record<string, unknown> {
  return ((stack.json.terraform as any)?.required_providers ?? {}) as Record<string, unknown>;
}
