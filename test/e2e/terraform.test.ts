import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { exampleWith, SynthesizedStack, synthApp } from "../helpers";

// The real toolchain on our output: `terraform validate` and an offline
// `terraform plan` of every synthesized stack whose provider is in the local
// provider mirror (today: the aws stack, hashicorp/aws 5.100.0).
//
// For that run only, the copy of the stack pins the provider to the version
// the mirror holds (the stacks ask for the prebuilt provider's 6.x), its
// backend is dropped (state stays in the scratch directory), its
// terraform_remote_state inputs become variables given at plan time, and the
// provider gets fake credentials, every skip flag, and endpoints on
// 127.0.0.1 (named ones in the provider block, every other one through
// AWS_ENDPOINT_URL, and any other request through a proxy on a closed
// loopback port), so no request can leave the machine; where `unshare -n` works,
// terraform also runs without any network at all.
//
// Without terraform or the mirror these tests say so in one line and are
// skipped; REQUIRE_TERRAFORM=1 (set by .ci/run) turns that into a failure.

const MIRROR = process.env.TF_PLUGIN_DIR ?? "/opt/tf-plugins";
/** The discard port on loopback: nothing listens, so any request fails at once without leaving the machine. */
const CLOSED_PORT = "http://127.0.0.1:9";
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

/** What both AWS terminations plan: the VPC, its backend, and the customer side of the VPN. */
const COMMON_PLAN = {
  aws_customer_gateway: 2,
  aws_instance: 1,
  aws_launch_template: 1,
  aws_route_table: 2,
  aws_route_table_association: 2,
  aws_security_group: 1,
  aws_subnet: 2,
  aws_vpc: 1,
  aws_vpc_security_group_ingress_rule: 1,
  aws_vpn_connection: 2,
};

const VGW_PLAN = { ...COMMON_PLAN, aws_vpn_gateway: 1, aws_vpn_gateway_route_propagation: 2 };

const TGW_PLAN = {
  ...COMMON_PLAN,
  aws_ec2_transit_gateway: 1,
  aws_ec2_transit_gateway_route_table: 1,
  aws_ec2_transit_gateway_route_table_association: 3,
  aws_ec2_transit_gateway_route_table_propagation: 3,
  aws_ec2_transit_gateway_vpc_attachment: 1,
  // Three producer ranges in each of the two route tables.
  aws_route: 6,
};

/** Values standing in for the producer stack's outputs (HA VPN interface IPs are public IPs). */
const PLAN_INPUTS: Array<[RegExp, string]> = [
  [/vpn_interfaces0ip_address$/, "203.0.113.10"],
  [/vpn_interfaces1ip_address$/, "203.0.113.11"],
];

describeWithTerraform.each([
  ["vgw", () => synthApp(), VGW_PLAN],
  ["tgw", () => synthApp(exampleWith((c) => (c.aws.termination = "tgw"))), TGW_PLAN],
])("aws stack (%s) against hashicorp/aws from the mirror", (_variant, synth, expectedPlan) => {
  let dir: string;
  beforeAll(() => {
    dir = offlineCopy(synth().byName["aws"]);
    run(dir, ["init", "-input=false", "-no-color", `-plugin-dir=${MIRROR}`]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("terraform validate", () => {
    const result = JSON.parse(run(dir, ["validate", "-json", "-no-color"]).stdout);
    expect({ valid: result.valid, diagnostics: result.diagnostics }).toEqual({ valid: true, diagnostics: [] });
  });

  test("offline plan -refresh=false creates exactly the expected resources", () => {
    run(dir, ["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-var-file=inputs.tfvars.json", "-out=plan.bin"]);
    const plan = JSON.parse(run(dir, ["show", "-json", "plan.bin"]).stdout);
    const counts: Record<string, number> = {};
    for (const change of plan.resource_changes) {
      expect({ address: change.address, actions: change.change.actions }).toEqual({ address: change.address, actions: ["create"] });
      counts[change.type] = (counts[change.type] ?? 0) + 1;
    }
    expect(counts).toEqual(expectedPlan);
  });
});

describeWithTerraform("stacks whose providers are not in the mirror", () => {
  test("are named, so the gap is visible", () => {
    const app = synthApp();
    const notCovered = Object.entries(app.byName)
      .filter(([, stack]) => Object.keys(requiredProviders(stack)).some((p) => !mirrored.has(p)))
      .map(([name]) => name);
    if (available && notCovered.length > 0) process.stderr.write(`terraform validate not run (provider not in ${MIRROR}): ${notCovered.join(", ")}\n`);
    expect(notCovered).not.toContain("aws");
  });
});

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
  delete offline.data.terraform_remote_state;
  if (Object.keys(offline.data).length === 0) delete offline.data;
  offline.variable = Object.fromEntries(Object.keys(inputs).map((v) => [v, { type: "string" }]));
  offline.provider.aws = offline.provider.aws.map((p: any) => ({
    ...p,
    access_key: "AKIAIOSFODNN7EXAMPLE",
    secret_key: "fake-secret-for-offline-plan",
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    endpoints: [{ ec2: CLOSED_PORT, sts: CLOSED_PORT, iam: CLOSED_PORT, ssm: CLOSED_PORT, s3: CLOSED_PORT }],
  }));
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(offline, null, 2));
  fs.writeFileSync(path.join(dir, "inputs.tfvars.json"), JSON.stringify(inputs, null, 2));
  fs.writeFileSync(path.join(dir, "empty.tfrc"), "");
  return dir;
}

function run(dir: string, args: string[]) {
  const [command, argv] = isolated ? ["unshare", ["-n", terraform!, ...args]] : [terraform!, args];
  const result = spawnSync(command, argv, {
    cwd: dir,
    encoding: "utf8",
    timeout: 120_000,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      TF_CLI_CONFIG_FILE: path.join(dir, "empty.tfrc"),
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
      AWS_EC2_METADATA_DISABLED: "true",
      // Every other AWS service endpoint, and any request at all that is not to 127.0.0.1, goes to a closed local port.
      AWS_ENDPOINT_URL: CLOSED_PORT,
      HTTPS_PROXY: CLOSED_PORT,
      HTTP_PROXY: CLOSED_PORT,
      NO_PROXY: "127.0.0.1,localhost",
    },
  });
  if (result.status !== 0) throw new Error(`terraform ${args[0]} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
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
