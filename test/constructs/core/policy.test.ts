import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { VpnConnection } from "@cdktf/provider-aws/lib/vpn-connection";
import { ComputeFirewall } from "@cdktf/provider-google/lib/compute-firewall";
import { ComputeHaVpnGateway } from "@cdktf/provider-google/lib/compute-ha-vpn-gateway";
import { ComputeVpnTunnel } from "@cdktf/provider-google/lib/compute-vpn-tunnel";
import { ContainerCluster } from "@cdktf/provider-google/lib/container-cluster";
import { App, Aspects, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { AwsSiteToSiteVpn } from "../../../constructs/aws/aws-site-to-site-vpn";
import { BackendInstance } from "../../../lib/app-constructs/backend-instance";
import { PolicyChecks, PolicyError, POLICY_RULES, suppressPolicy } from "../../../constructs/core/policy";
import { addStacks } from "../../../lib/app";
import { exampleConfig, exampleWith, synthApp } from "../../helpers";

// Each policy rule firing on a resource that breaks it, and staying quiet on
// one that complies; suppression with a reason; errors failing synth.

/** Runs the policy aspect over what `build` makes; returns "<level> <rule id>" for each finding. */
function findings(build: (scope: Construct) => void): string[] {
  const stack = new TerraformStack(Testing.app(), "policy");
  build(stack);
  Aspects.of(stack).add(new PolicyChecks());
  Testing.synth(stack);
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => typeof m.data === "string" && m.data.startsWith("[PSC-"))
    .map((m) => `${m.type.replace("@cdktf/", "")} ${/^\[(PSC-[A-Z0-9]+-\d+)\]/.exec(m.data)![1]}`);
}

const cluster = (s: Construct, id: string, extra: Record<string, unknown> = {}) =>
  new ContainerCluster(s, id, {
    name: id,
    location: "europe-west1",
    deletionProtection: true,
    privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true },
    ...extra,
  });

const cases: Array<[string, (s: Construct) => void, string[]]> = [
  ["PSC-NET-001 fires on a security group open to 0.0.0.0/0", (s) => new SecurityGroup(s, "sg", { ingress: [{ fromPort: 22, toPort: 22, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }] }), ["error PSC-NET-001"]],
  ["PSC-NET-001 fires on an ingress rule from ::/0", (s) => new VpcSecurityGroupIngressRule(s, "r", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv6: "::/0" }), ["error PSC-NET-001"]],
  ["PSC-NET-001 fires on a GCP firewall open to the internet", (s) => new ComputeFirewall(s, "fw", { name: "fw", network: "n", sourceRanges: ["0.0.0.0/0"], allow: [{ protocol: "tcp" }] }), ["error PSC-NET-001"]],
  ["PSC-NET-001 is quiet on a private source", (s) => new VpcSecurityGroupIngressRule(s, "r", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "10.10.30.0/24" }), []],
  ["PSC-NET-001 is quiet on an egress firewall to 0.0.0.0/0", (s) => new ComputeFirewall(s, "fw", { name: "fw", network: "n", direction: "EGRESS", destinationRanges: ["0.0.0.0/0"], deny: [{ protocol: "all" }] }), []],
  ["PSC-GKE-001 fires on public nodes", (s) => cluster(s, "c", { privateClusterConfig: { enablePrivateNodes: false, enablePrivateEndpoint: true } }), ["error PSC-GKE-001"]],
  ["PSC-GKE-002 fires on a public control-plane endpoint", (s) => cluster(s, "c", { privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false } }), ["error PSC-GKE-002"]],
  ["PSC-GKE-001/002 are quiet on a private cluster", (s) => cluster(s, "c"), []],
  ["PSC-EC2-001 fires on a launch template allowing IMDSv1", (s) => new LaunchTemplate(s, "lt", { metadataOptions: { httpTokens: "optional" }, blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] }), ["error PSC-EC2-001"]],
  ["PSC-EC2-001 and PSC-EC2-002 fire on a bare instance", (s) => new Instance(s, "i", { ami: "ami-12345678", instanceType: "t3.micro" }), ["error PSC-EC2-001", "error PSC-EC2-002"]],
  ["PSC-EC2-002 fires on an unencrypted block device", (s) => new LaunchTemplate(s, "lt", { metadataOptions: { httpTokens: "required" }, blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false" } }] }), ["error PSC-EC2-002"]],
  ["PSC-EC2-* are quiet on the backend construct", (s) => new BackendInstance(s, "b", { name: "x", vpc: { vpcId: "vpc-0123456789abcdef0" }, subnet: { subnetId: "subnet-0123456789abcdef0" }, privateIp: "10.0.20.10", port: 80, allowedCidrs: ["10.10.30.0/24"] }), []],
  ["PSC-VPN-001 fires on an AWS connection with default proposals", (s) => new VpnConnection(s, "v", { type: "ipsec.1", customerGatewayId: "cgw-1", vpnGatewayId: "vgw-1", lifecycle: { preventDestroy: true } }), ["error PSC-VPN-001"]],
  ["PSC-VPN-001 fires on a GCP tunnel without IKEv2 forced", (s) => new ComputeVpnTunnel(s, "t", { name: "t", sharedSecret: "${var.k}", ikeVersion: 1 }), ["error PSC-VPN-001"]],
  ["PSC-VPN-001 is quiet on the AWS VPN construct", (s) => new AwsSiteToSiteVpn(s, "vpn", { name: "x", vpc: { vpcId: "vpc-0123456789abcdef0" }, routeTables: [{ routeTableId: "rtb-0123456789abcdef0" }], amazonSideAsn: 65001, peerIps: ["203.0.113.1"], peerAsn: 65000 }), []],
  ["PSC-DEL-001 warns on a cluster without deletion protection", (s) => cluster(s, "c", { deletionProtection: false }), ["warn PSC-DEL-001"]],
  ["PSC-DEL-001 warns on an HA VPN gateway without prevent_destroy", (s) => new ComputeHaVpnGateway(s, "g", { name: "g", network: "n" }), ["warn PSC-DEL-001"]],
  ["PSC-DEL-001 is quiet with prevent_destroy", (s) => new ComputeHaVpnGateway(s, "g", { name: "g", network: "n", lifecycle: { preventDestroy: true } }), []],
];

describe("each rule fires on a violation and stays quiet otherwise", () => {
  test.each(cases)("%s", (_name, build, expected) => {
    expect(findings(build).sort()).toEqual(expected.sort());
  });

  test("every rule has a firing case", () => {
    for (const rule of POLICY_RULES) expect(cases.some(([name, , expected]) => name.includes(rule.id) && expected.some((e) => e.endsWith(rule.id)))).toBe(true);
  });
});

describe("suppression", () => {
  test("a suppressed rule becomes an info line carrying the reason", () => {
    const stack = new TerraformStack(Testing.app(), "policy");
    const gw = new ComputeHaVpnGateway(stack, "g", { name: "g", network: "n" });
    suppressPolicy(gw, "PSC-DEL-001", "throwaway test environment");
    Aspects.of(stack).add(new PolicyChecks());
    Testing.synth(stack);
    expect(gw.node.metadata.filter((m) => m.type.startsWith("@cdktf/")).map((m) => `${m.type} ${m.data}`)).toEqual(["@cdktf/info [PSC-DEL-001] suppressed (stateful resources are protected from deletion): throwaway test environment"]);
  });

  test("a suppression on a parent covers its children", () => {
    expect(
      findings((s) => {
        const parent = new Construct(s, "legacy");
        suppressPolicy(parent, "PSC-NET-001", "legacy bastion, removed in Q3");
        new SecurityGroup(parent, "sg", { ingress: [{ fromPort: 22, toPort: 22, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }] });
      }),
    ).toEqual(["info PSC-NET-001"]);
  });

  test("fails without a reason, or with an unknown rule", () => {
    const stack = new TerraformStack(Testing.app(), "policy");
    expect(() => suppressPolicy(stack, "PSC-NET-001", "  ")).toThrow(/^suppressPolicy policy: 1 problem:\n {2}- reason: is required to suppress PSC-NET-001/);
    expect(() => suppressPolicy(stack, "PSC-NOPE-001", "why")).toThrow(/- ruleId: is an unknown rule 'PSC-NOPE-001'; rules are PSC-NET-001, /);
  });
});

describe("in the app", () => {
  test("the example raises no finding at all", () => {
    const { stacks } = synthApp();
    const all = [stacks.producer, stacks.aws, stacks.tunnels, ...stacks.consumers, ...stacks.workloads]
      .flatMap((s) => s.node.findAll())
      .flatMap((c) => c.node.metadata)
      .filter((m) => String(m.data).startsWith("[PSC-"));
    expect(all).toEqual([]);
  });

  test("an explicit public GKE endpoint is suppressed with its reason; deletion protection off is a warning", () => {
    const { stacks } = synthApp(exampleWith((c) => (c.tenants[0].gke = { publicEndpoint: true, deletionProtection: false })));
    const messages = stacks.consumers[0].node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type.startsWith("@cdktf/"))
      .map((m) => `${m.type} ${String(m.data).slice(0, 60)}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^@cdktf\/info \[PSC-GKE-002\] suppressed/),
        expect.stringMatching(/^@cdktf\/warn \[PSC-DEL-001\] google_container_cluster has deletion_pro/),
      ]),
    );
  });

  test("applying the checks again (addStacks already did) reports each finding once", () => {
    // GIVEN an app whose stacks addStacks gave the checks WHEN another app's code applies them too THEN a warning appears once
    const app = Testing.app();
    addStacks(app, exampleWith((c) => (c.tenants[0].gke = { deletionProtection: false })));
    PolicyChecks.applyTo(app);
    const stack = app.node.findChild("consumer-team-a") as TerraformStack;
    expect(Aspects.of(stack).all.filter((a) => a instanceof PolicyChecks)).toHaveLength(1);
  });

  test("verify lists the errors of every stack at once, before anything is written", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-policy-"));
    const app = new App({ outdir });
    const good = new TerraformStack(app, "a-good");
    new AwsProvider(good, "aws", { region: "ap-northeast-1" });
    new SecurityGroup(good, "sg", { ingress: [{ fromPort: 80, toPort: 80, protocol: "tcp", cidrBlocks: ["10.10.30.0/24"] }] });
    const bad = new TerraformStack(app, "b-bad");
    new AwsProvider(bad, "aws", { region: "ap-northeast-1" });
    new SecurityGroup(bad, "sg", { ingress: [{ fromPort: 22, toPort: 22, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }] });
    new Instance(bad, "i", { ami: "ami-12345678", instanceType: "t3.micro" });
    const suppressed = new SecurityGroup(bad, "legacy", { ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }] });
    suppressPolicy(suppressed, "PSC-NET-001", "public health endpoint, removed in Q3");
    PolicyChecks.applyTo(app);
    let error: unknown;
    try {
      PolicyChecks.verify(app);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).problems.map((p) => p.message.slice(0, 13))).toEqual(["[PSC-NET-001]", "[PSC-EC2-001]", "[PSC-EC2-002]"]);
    // Nothing written: no stack file anywhere (cdktf makes empty stack folders as stacks are created).
    expect((fs.readdirSync(outdir, { recursive: true }) as string[]).filter((f) => f.endsWith(".json"))).toEqual([]);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test("verify returns the notices: each warning and each suppression with its reason, for the app to print", () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "psc-policy-")) });
    addStacks(app, exampleWith((c) => (c.tenants[0].gke = { publicEndpoint: true, deletionProtection: false })));
    expect(PolicyChecks.verify(app).map((n) => `${n.path}: ${n.message}`)).toEqual([
      expect.stringMatching(/^consumer-team-a\/gke\/cluster: \[PSC-GKE-002\] suppressed \(GKE control plane has no public IP endpoint\): publicEndpoint: true was set explicitly$/),
      expect.stringMatching(/^consumer-team-a\/gke\/cluster: \[PSC-DEL-001\] google_container_cluster has deletion_protection off/),
    ]);
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });

  test("verify passes the example", () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "psc-policy-")) });
    addStacks(app, exampleConfig());
    expect(() => PolicyChecks.verify(app)).not.toThrow();
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });

  test("an error fails the app's synth and writes no stack", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "psc-policy-"));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "open");
    new AwsProvider(stack, "aws", { region: "ap-northeast-1" });
    new SecurityGroup(stack, "sg", { ingress: [{ fromPort: 22, toPort: 22, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }] });
    PolicyChecks.applyTo(app);
    expect(() => app.synth()).toThrow(/\[PSC-NET-001\] aws_security_group admits 0\.0\.0\.0\/0: no ingress from the whole internet\. Fix: /);
    expect(fs.existsSync(path.join(outdir, "stacks", "open", "cdk.tf.json"))).toBe(false);
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
