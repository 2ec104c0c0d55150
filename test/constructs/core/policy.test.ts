import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DataAwsInstance } from "@cdktf/provider-aws/lib/data-aws-instance";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
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

// Each policy rule firing on a resource that breaks it, and staying quiet on
// one that complies; suppression with a reason; errors failing synth.

/** One finding: "<level> <rule id>", and its message. */
interface Found {
  readonly finding: string;
  readonly message: string;
}

/** Runs the policy aspect over what `build` makes; returns each finding with its message. */
function findingsWithMessages(build: (scope: Construct) => void): Found[] {
  const stack = new TerraformStack(Testing.app(), "policy");
  build(stack);
  Aspects.of(stack).add(new PolicyChecks());
  Testing.synth(stack);
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => typeof m.data === "string" && m.data.startsWith("[PSC-"))
    .map((m) => ({ finding: `${m.type.replace("@cdktf/", "")} ${/^\[(PSC-[A-Z0-9]+-\d+)\]/.exec(m.data)![1]}`, message: m.data as string }));
}

/** Runs the policy aspect over what `build` makes; returns "<level> <rule id>" for each finding. */
const findings = (build: (scope: Construct) => void): string[] => findingsWithMessages(build).map((f) => f.finding);

const cluster = (s: Construct, id: string, extra: Record<string, unknown> = {}) =>
  new ContainerCluster(s, id, {
    name: id,
    location: "europe-west1",
    deletionProtection: true,
    privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true },
    ...extra,
  });

const encryptedRoot = [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }];
const instance = (s: Construct, extra: Record<string, unknown> = {}) =>
  new Instance(s, "i", { ami: "ami-12345678", instanceType: "t3.micro", metadataOptions: { httpTokens: "required" }, rootBlockDevice: { encrypted: true }, ...extra });
const template = (s: Construct, extra: Record<string, unknown> = {}) => new LaunchTemplate(s, "lt", { metadataOptions: { httpTokens: "required" }, blockDeviceMappings: encryptedRoot, ...extra });
/** One explicit IKEv2 proposal per phase on both tunnels, as AwsSiteToSiteVpn sets them. */
const oneProposal = (tunnel: string) => ({
  [`${tunnel}IkeVersions`]: ["ikev2"],
  [`${tunnel}Phase1EncryptionAlgorithms`]: ["AES256-GCM-16"],
  [`${tunnel}Phase1IntegrityAlgorithms`]: ["SHA2-512"],
  [`${tunnel}Phase1DhGroupNumbers`]: [20],
  [`${tunnel}Phase2EncryptionAlgorithms`]: ["AES256-GCM-16"],
  [`${tunnel}Phase2IntegrityAlgorithms`]: ["SHA2-512"],
  [`${tunnel}Phase2DhGroupNumbers`]: [20],
});
const connection = (s: Construct, extra: Record<string, unknown> = {}) =>
  new VpnConnection(s, "v", { type: "ipsec.1", customerGatewayId: "cgw-1", vpnGatewayId: "vgw-1", lifecycle: { preventDestroy: true }, ...oneProposal("tunnel1"), ...oneProposal("tunnel2"), ...extra });
const tunnel = (s: Construct, extra: Record<string, unknown> = {}) => new ComputeVpnTunnel(s, "t", { name: "t", sharedSecret: "${var.k}", ikeVersion: 2, ...extra });
const gateway = (s: Construct, extra: Record<string, unknown> = {}) => new ComputeHaVpnGateway(s, "g", { name: "g", network: "n", lifecycle: { preventDestroy: true }, ...extra });
const ingress = (extra: Record<string, unknown>) => ({ fromPort: 443, toPort: 443, protocol: "tcp", ...extra });

/** A resource that breaks the rule (with what its message must say), or one that complies. */
type Case = readonly [what: string, build: (s: Construct) => void, message?: RegExp];

/**
 * For each rule, for each resource type it names (POLICY_RULES[].types): resources that
 * break it, and resources that comply. A type added to a rule fails "covers every type"
 * until it has cases here, both ways.
 */
const TABLE: Readonly<Record<string, Readonly<Record<string, { violating: readonly Case[]; compliant: readonly Case[] }>>>> = {
  "PSC-NET-001": {
    aws_security_group: {
      violating: [
        ["an ingress block from 0.0.0.0/0", (s) => new SecurityGroup(s, "sg", { ingress: [ingress({ cidrBlocks: ["10.0.0.0/8"] }), ingress({ cidrBlocks: ["0.0.0.0/0"] })] }), /aws_security_group admits 0\.0\.0\.0\/0: no ingress/],
        ["an ingress block from ::/0", (s) => new SecurityGroup(s, "sg", { ingress: [ingress({ ipv6CidrBlocks: ["::/0"] })] }), /admits ::\/0:/],
        ["an ingress block written once, as an object (an override)", (s) => new SecurityGroup(s, "sg", {}).addOverride("ingress", { from_port: 22, to_port: 22, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"] }), /aws_security_group admits 0\.0\.0\.0\/0:/],
        ["ingress from both 0.0.0.0/0 and ::/0", (s) => new SecurityGroup(s, "sg", { ingress: [ingress({ cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] })] }), /aws_security_group admits 0\.0\.0\.0\/0, ::\/0:/],
      ],
      compliant: [
        ["ingress from a private range", (s) => new SecurityGroup(s, "sg", { ingress: [ingress({ cidrBlocks: ["10.10.30.0/24"] })] })],
        ["egress to 0.0.0.0/0", (s) => new SecurityGroup(s, "sg", { egress: [ingress({ cidrBlocks: ["0.0.0.0/0"] })] })],
      ],
    },
    aws_vpc_security_group_ingress_rule: {
      violating: [
        ["a rule from 0.0.0.0/0", (s) => new VpcSecurityGroupIngressRule(s, "r", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }), /aws_vpc_security_group_ingress_rule admits 0\.0\.0\.0\/0:/],
        ["a rule from ::/0", (s) => new VpcSecurityGroupIngressRule(s, "r", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv6: "::/0" }), /admits ::\/0:/],
      ],
      compliant: [["a rule from a private range", (s) => new VpcSecurityGroupIngressRule(s, "r", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "10.10.30.0/24" })]],
    },
    aws_security_group_rule: {
      violating: [
        ["an ingress rule from 0.0.0.0/0", (s) => new SecurityGroupRule(s, "r", { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }), /aws_security_group_rule admits 0\.0\.0\.0\/0:/],
        ["an ingress rule from ::/0", (s) => new SecurityGroupRule(s, "r", { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlocks: ["::/0"] }), /admits ::\/0:/],
      ],
      compliant: [
        ["an egress rule to 0.0.0.0/0", (s) => new SecurityGroupRule(s, "r", { type: "egress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] })],
        ["an ingress rule from a private range", (s) => new SecurityGroupRule(s, "r", { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] })],
      ],
    },
    google_compute_firewall: {
      violating: [
        ["a firewall open to the internet (INGRESS by default)", (s) => new ComputeFirewall(s, "fw", { name: "fw", network: "n", sourceRanges: ["10.0.0.0/8", "0.0.0.0/0"], allow: [{ protocol: "tcp" }] }), /google_compute_firewall admits 0\.0\.0\.0\/0:/],
        ["an INGRESS firewall from ::/0", (s) => new ComputeFirewall(s, "fw", { name: "fw", network: "n", direction: "INGRESS", sourceRanges: ["::/0"], allow: [{ protocol: "tcp" }] }), /admits ::\/0:/],
      ],
      compliant: [
        ["an egress firewall to 0.0.0.0/0", (s) => new ComputeFirewall(s, "fw", { name: "fw", network: "n", direction: "EGRESS", destinationRanges: ["0.0.0.0/0"], deny: [{ protocol: "all" }] })],
        ["an egress firewall naming 0.0.0.0/0 as a source range", (s) => new ComputeFirewall(s, "fw", { name: "fw", network: "n", direction: "EGRESS", sourceRanges: ["0.0.0.0/0"], destinationRanges: ["10.0.0.0/8"], allow: [{ protocol: "tcp" }] })],
        ["an ingress firewall from a private range", (s) => new ComputeFirewall(s, "fw", { name: "fw", network: "n", sourceRanges: ["35.191.0.0/16"], allow: [{ protocol: "tcp" }] })],
      ],
    },
  },
  "PSC-GKE-001": {
    google_container_cluster: {
      violating: [
        ["public nodes", (s) => cluster(s, "c", { privateClusterConfig: { enablePrivateNodes: false, enablePrivateEndpoint: true } }), /google_container_cluster has nodes with external IPs: GKE nodes are private/],
        ["no private cluster config", (s) => cluster(s, "c", { privateClusterConfig: undefined }), /has nodes with external IPs/],
      ],
      compliant: [["private nodes", (s) => cluster(s, "c")]],
    },
  },
  "PSC-GKE-002": {
    google_container_cluster: {
      violating: [
        ["a public control-plane endpoint", (s) => cluster(s, "c", { privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false } }), /google_container_cluster has a public IP control-plane endpoint/],
        ["no private cluster config", (s) => cluster(s, "c", { privateClusterConfig: undefined }), /has a public IP control-plane endpoint/],
      ],
      compliant: [["a private endpoint", (s) => cluster(s, "c")]],
    },
  },
  "PSC-EC2-001": {
    aws_launch_template: {
      violating: [
        ["IMDSv1 allowed", (s) => template(s, { metadataOptions: { httpTokens: "optional" } }), /aws_launch_template allows IMDSv1 \(metadata_options\.http_tokens is not 'required'\)/],
        ["no metadata options", (s) => template(s, { metadataOptions: undefined }), /allows IMDSv1/],
        ["metadata options written as a one-element list (an override)", (s) => template(s).addOverride("metadata_options", [{ http_tokens: "optional" }]), /allows IMDSv1/],
      ],
      compliant: [
        ["IMDSv2 required", (s) => template(s)],
        ["IMDSv2 required, written as a one-element list (an override)", (s) => template(s).addOverride("metadata_options", [{ http_tokens: "required" }])],
      ],
    },
    aws_instance: {
      violating: [["no metadata options", (s) => instance(s, { metadataOptions: undefined }), /aws_instance allows IMDSv1/]],
      compliant: [
        ["IMDSv2 required", (s) => instance(s)],
        ["launched from a template (the template is checked)", (s) => instance(s, { metadataOptions: undefined, launchTemplate: { id: "lt-1" } })],
      ],
    },
  },
  "PSC-EC2-002": {
    aws_launch_template: {
      violating: [
        ["an unencrypted block device", (s) => template(s, { blockDeviceMappings: [...encryptedRoot, { deviceName: "/dev/xvdb", ebs: { encrypted: "false" } }] }), /aws_launch_template has an unencrypted block device/],
        ["a block device without ebs settings", (s) => template(s, { blockDeviceMappings: [{ deviceName: "/dev/xvda" }] }), /has an unencrypted block device/],
        ["no block device at all", (s) => template(s, { blockDeviceMappings: undefined }), /aws_launch_template does not declare an encrypted root volume/],
      ],
      compliant: [
        ["an encrypted block device written once, as an object (an override)", (s) => template(s).addOverride("block_device_mappings", { device_name: "/dev/xvda", ebs: { encrypted: "true" } })],
        ["every block device encrypted", (s) => template(s, { blockDeviceMappings: [...encryptedRoot, { deviceName: "/dev/xvdb", ebs: { encrypted: "true" } }] })],
      ],
    },
    aws_instance: {
      violating: [
        ["an unencrypted root volume", (s) => instance(s, { rootBlockDevice: { encrypted: false } }), /aws_instance has an unencrypted root volume/],
        ["no root volume settings", (s) => instance(s, { rootBlockDevice: undefined }), /has an unencrypted root volume/],
      ],
      compliant: [
        ["an encrypted root volume", (s) => instance(s)],
        ["launched from a template (the template is checked)", (s) => instance(s, { rootBlockDevice: undefined, launchTemplate: { id: "lt-1" } })],
      ],
    },
    aws_ebs_volume: {
      violating: [
        ["an unencrypted volume", (s) => new EbsVolume(s, "vol", { availabilityZone: "ap-northeast-1a", size: 8 }), /aws_ebs_volume is not encrypted: volumes are encrypted/],
        ["encrypted: false", (s) => new EbsVolume(s, "vol", { availabilityZone: "ap-northeast-1a", size: 8, encrypted: false }), /is not encrypted/],
      ],
      compliant: [["an encrypted volume", (s) => new EbsVolume(s, "vol", { availabilityZone: "ap-northeast-1a", size: 8, encrypted: true })]],
    },
  },
  "PSC-VPN-001": {
    aws_vpn_connection: {
      violating: [
        ["AWS's default proposals", (s) => new VpnConnection(s, "v", { type: "ipsec.1", customerGatewayId: "cgw-1", vpnGatewayId: "vgw-1", lifecycle: { preventDestroy: true } }), /tunnel1 IKE versions are not exactly \[ikev2\]; tunnel1_phase1_encryption_algorithms is not one value; .*tunnel2_phase2_dh_group_numbers is not one value/],
        ["IKEv1 allowed on tunnel 2", (s) => connection(s, { tunnel2IkeVersions: ["ikev1", "ikev2"] }), /aws_vpn_connection tunnel2 IKE versions are not exactly \[ikev2\]: IKEv2/],
        ["two phase 2 integrity algorithms on tunnel 1", (s) => connection(s, { tunnel1Phase2IntegrityAlgorithms: ["SHA2-256", "SHA2-512"] }), /aws_vpn_connection tunnel1_phase2_integrity_algorithms is not one value: IKEv2/],
      ],
      compliant: [["one IKEv2 proposal per phase on both tunnels", (s) => connection(s)]],
    },
    google_compute_vpn_tunnel: {
      violating: [
        ["IKEv1", (s) => tunnel(s, { ikeVersion: 1 }), /google_compute_vpn_tunnel uses IKE version 1:/],
        ["no IKE version (not forced)", (s) => tunnel(s, { ikeVersion: undefined }), /uses IKE version default \(IKEv2 not forced\)/],
      ],
      compliant: [["IKEv2", (s) => tunnel(s)]],
    },
  },
  "PSC-DEL-001": {
    google_container_cluster: {
      violating: [["deletion protection off", (s) => cluster(s, "c", { deletionProtection: false }), /google_container_cluster has deletion_protection off: stateful resources/]],
      compliant: [
        ["deletion protection on", (s) => cluster(s, "c")],
        ["deletion protection unset (the provider's default is on)", (s) => cluster(s, "c", { deletionProtection: undefined })],
      ],
    },
    google_compute_ha_vpn_gateway: {
      violating: [
        ["no prevent_destroy", (s) => gateway(s, { lifecycle: undefined }), /google_compute_ha_vpn_gateway has no lifecycle\.prevent_destroy/],
        ["prevent_destroy false", (s) => gateway(s, { lifecycle: { preventDestroy: false } }), /has no lifecycle\.prevent_destroy/],
      ],
      compliant: [["prevent_destroy", (s) => gateway(s)]],
    },
    aws_vpn_connection: {
      violating: [["no prevent_destroy", (s) => connection(s, { lifecycle: undefined }), /aws_vpn_connection has no lifecycle\.prevent_destroy/]],
      compliant: [["prevent_destroy", (s) => connection(s)]],
    },
  },
};

const ruleById = (id: string) => POLICY_RULES.find((r) => r.id === id)!;
const level = (id: string) => (ruleById(id).severity === "error" ? "error" : "warn");
const rows = Object.entries(TABLE).flatMap(([id, byType]) =>
  Object.entries(byType).flatMap(([type, { violating, compliant }]) => [
    ...violating.map(([what, build, message]) => ({ name: `${id} reports ${type} with ${what}`, id, type, build, message })),
    ...compliant.map(([what, build]) => ({ name: `${id} passes ${type} with ${what}`, id, type, build, message: undefined })),
  ]),
);

describe("each rule, on each resource type it names, reports a violation and passes a compliant resource", () => {
  test("the table covers every rule and every type it names, both ways", () => {
    expect(Object.keys(TABLE).sort()).toEqual(POLICY_RULES.map((r) => r.id).sort());
    for (const rule of POLICY_RULES) {
      expect({ rule: rule.id, types: Object.keys(TABLE[rule.id]).sort() }).toEqual({ rule: rule.id, types: [...rule.types].sort() });
      for (const [type, { violating, compliant }] of Object.entries(TABLE[rule.id])) {
        expect({ rule: rule.id, type, violating: violating.length > 0, compliant: compliant.length > 0 }).toEqual({ rule: rule.id, type, violating: true, compliant: true });
      }
    }
  });

  test.each(rows)("$name", ({ id, type, build, message }) => {
    const found = findingsWithMessages(build).filter((f) => f.finding.endsWith(` ${id}`));
    // The case builds the type it is filed under: a case cannot pass by building something else.
    const stack = new TerraformStack(Testing.app(), "types");
    build(stack);
    expect(stack.node.findAll().some((c) => (c as { terraformResourceType?: string }).terraformResourceType === type)).toBe(true);
    if (message === undefined) {
      expect(found).toEqual([]);
    } else {
      expect(found.map((f) => f.finding)).toEqual([`${level(id)} ${id}`]);
      expect(found[0].message).toMatch(message);
      expect(found[0].message).toContain(`Fix: ${ruleById(id).fix}. Suppress with a reason: suppressPolicy(construct, "${id}", "<why>")`);
    }
  });

  test("the library's own constructs raise nothing", () => {
    expect(findings((s) => new BackendInstance(s, "b", { name: "x", vpc: { vpcId: "vpc-0123456789abcdef0" }, subnet: { subnetId: "subnet-0123456789abcdef0" }, privateIp: "10.0.20.10", port: 80, allowedCidrs: ["10.10.30.0/24"] }))).toEqual([]);
    expect(findings((s) => new AwsSiteToSiteVpn(s, "vpn", { name: "x", vpc: { vpcId: "vpc-0123456789abcdef0" }, routeTables: [{ routeTableId: "rtb-0123456789abcdef0" }], amazonSideAsn: 65001, peerIps: ["203.0.113.1"], peerAsn: 65000 }))).toEqual([]);
  });

  test("a resource breaking several rules is reported under each", () => {
    expect(findings((s) => new Instance(s, "i", { ami: "ami-12345678", instanceType: "t3.micro" })).sort()).toEqual(["error PSC-EC2-001", "error PSC-EC2-002"]);
  });
});

describe("the rules as a user reads them", () => {
  test("only deletion protection is a warning; every other rule fails synth", () => {
    expect(Object.fromEntries(POLICY_RULES.map((r) => [r.id, r.severity]))).toEqual({
      "PSC-NET-001": "error",
      "PSC-GKE-001": "error",
      "PSC-GKE-002": "error",
      "PSC-EC2-001": "error",
      "PSC-EC2-002": "error",
      "PSC-VPN-001": "error",
      "PSC-DEL-001": "warning",
    });
  });

  test("every rule says what it protects and how to comply, and each says it differently", () => {
    for (const rule of POLICY_RULES) expect({ id: rule.id, title: rule.title.length > 10, fix: rule.fix.length > 20 }).toEqual({ id: rule.id, title: true, fix: true });
    expect(new Set(POLICY_RULES.map((r) => r.title)).size).toBe(POLICY_RULES.length);
    expect(new Set(POLICY_RULES.map((r) => r.fix)).size).toBe(POLICY_RULES.length);
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
    expect(() => suppressPolicy(stack, "PSC-NOPE-001", "why")).toThrow(/^suppressPolicy policy: 1 problem:\n {2}- ruleId: is an unknown rule 'PSC-NOPE-001'; rules are PSC-NET-001, /);
  });
});

describe("applying the checks", () => {
  test("applyTo adds the checks once to each stack, however often it is called, and to nothing else", () => {
    const app = Testing.app();
    const stacks = [new TerraformStack(app, "a"), new TerraformStack(app, "b")];
    const inner = new Construct(stacks[0], "inner");
    PolicyChecks.applyTo(app);
    PolicyChecks.applyTo(app);
    expect(stacks.map((s) => Aspects.of(s).all.filter((a) => a instanceof PolicyChecks).length)).toEqual([1, 1]);
    expect(Aspects.of(inner).all).toEqual([]);
    expect(Aspects.of(app).all).toEqual([]);
  });

  test("data sources are read, not made: one of a type a rule names is not checked (an instance without IMDSv2 or encryption settings)", () => {
    const stack = new TerraformStack(Testing.app(), "policy");
    new DataAwsInstance(stack, "existing", { instanceId: "i-0123456789abcdef0" });
    expect(PolicyChecks.verify(stack)).toEqual([]);
  });

  test("the suppression nearest the resource gives the reason", () => {
    const stack = new TerraformStack(Testing.app(), "policy");
    const outer = new Construct(stack, "outer");
    const inner = new Construct(outer, "inner");
    suppressPolicy(outer, "PSC-DEL-001", "outer reason");
    suppressPolicy(inner, "PSC-DEL-001", "inner reason");
    new ComputeHaVpnGateway(inner, "g", { name: "g", network: "n" });
    new ComputeHaVpnGateway(outer, "h", { name: "h", network: "n" });
    expect(PolicyChecks.verify(stack).map((n) => `${n.path}: ${n.message}`)).toEqual([
      "policy/outer/inner/g: [PSC-DEL-001] suppressed (stateful resources are protected from deletion): inner reason",
      "policy/outer/h: [PSC-DEL-001] suppressed (stateful resources are protected from deletion): outer reason",
    ]);
  });
});

describe("verify and synth", () => {
  test("verify returns warnings as notices and throws for none of them; with nothing found it returns nothing", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "warned");
    new ComputeHaVpnGateway(stack, "g", { name: "g", network: "n" });
    expect(PolicyChecks.verify(app)).toEqual([{ path: "warned/g", message: expect.stringMatching(/^\[PSC-DEL-001\] google_compute_ha_vpn_gateway has no lifecycle\.prevent_destroy/) }]);
    expect(PolicyChecks.verify(new TerraformStack(Testing.app(), "empty"))).toEqual([]);
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
    expect((error as PolicyError).message).toMatch(/^policy: 3 problems:\n/);
    expect((error as PolicyError).problems.map((p) => p.message.slice(0, 13))).toEqual(["[PSC-NET-001]", "[PSC-EC2-001]", "[PSC-EC2-002]"]);
    // Nothing written: no stack file anywhere (cdktf makes empty stack folders as stacks are created).
    expect((fs.readdirSync(outdir, { recursive: true }) as string[]).filter((f) => f.endsWith(".json"))).toEqual([]);
    fs.rmSync(outdir, { recursive: true, force: true });
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
