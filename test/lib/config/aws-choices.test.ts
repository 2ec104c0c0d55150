import { validateConfig } from "../../../lib/config/load";
import { ConfigError } from "../../../lib/config/problems";
import { awsBackendOf, awsVpcOf } from "../../../lib/config/schema";
import { networkPlan } from "../../../lib/plan";
import { exampleInput, exampleWith, existingVpcAndBackend } from "../../helpers";

// aws.existingVpc and aws.backend.existing each replace a whole part of the
// AWS side: a config names one choice or the other, never half of each.

/** The problems (`path: message`) and warnings of a variant of the example. */
function check(edit: (c: any) => void): { problems: string[]; warnings: string[] } {
  const input = exampleInput() as any;
  edit(input);
  try {
    return { problems: [], warnings: validateConfig(input).warnings.map((w) => `${w.path}: ${w.message}`) };
  } catch (e) {
    if (e instanceof ConfigError) return { problems: e.problems.map((p) => `${p.path}: ${p.message}`), warnings: [] };
    throw e;
  }
}

describe("a whole choice is accepted", () => {
  test("the example: the VPC and the demo instance made here", () => {
    const { aws } = exampleWith(() => undefined);
    expect(awsVpcOf(aws)).toEqual({ kind: "created", vpcCidr: "10.0.0.0/16", publicSubnetCidr: "10.0.10.0/24", privateSubnetCidr: "10.0.20.0/24" });
    expect(awsBackendOf(aws)).toMatchObject({ kind: "instance", privateIp: "10.0.20.10", port: 80, ssm: true });
  });

  test("an existing VPC and API, with either termination", () => {
    for (const termination of ["vgw", "tgw"] as const) expect(check(existingVpcAndBackend(termination))).toEqual({ problems: [], warnings: [] });
    const { aws } = exampleWith(existingVpcAndBackend("tgw"));
    expect(awsVpcOf(aws)).toMatchObject({ kind: "existing", vpcId: "vpc-0123456789abcdef0", vpcCidr: "10.0.0.0/16", attachmentSubnetIds: ["subnet-0123456789abcdef0"] });
    expect(awsBackendOf(aws)).toEqual({ kind: "existing", privateIp: "10.0.20.10", port: 80, securityGroupId: "sg-0123456789abcdef0" });
  });

  test("an existing API in the VPC made here", () => {
    expect(check((c) => (c.aws.backend = { privateIp: "10.0.10.20", port: 8080, existing: { securityGroupId: "sg-0123456789abcdef0" } })).problems).toEqual([]);
  });

  test("the network plan names the existing VPC and where the backend is, and has no subnet of it", () => {
    const aws = networkPlan(exampleWith(existingVpcAndBackend("vgw"))).filter((r) => r.network === "AWS");
    expect(aws).toEqual([expect.objectContaining({ path: "aws.vpcCidr", cidr: "10.0.0.0/16", purpose: "existing VPC vpc-0123456789abcdef0, backend 10.0.20.10:80" })]);
  });
});

describe("half of a choice is refused, with the fix", () => {
  test("a VPC made here without its subnets", () => {
    expect(check((c) => delete c.aws.privateSubnetCidr).problems).toEqual([
      "aws.privateSubnetCidr: is required when this app creates the VPC. Fix: add a range inside aws.vpcCidr (e.g. 10.0.20.0/24), or name an existing VPC in aws.existingVpc",
    ]);
  });

  test("subnets with an existing VPC", () => {
    const edit = (c: any) => (existingVpcAndBackend("vgw")(c), (c.aws.publicSubnetCidr = "10.0.10.0/24"));
    expect(check(edit).problems).toEqual(['aws.publicSubnetCidr: must not be set with aws.existingVpc (this app creates no subnet in an existing VPC), got "10.0.10.0/24". Fix: remove it']);
  });

  test("the demo instance in an existing VPC", () => {
    const edit = (c: any) => (existingVpcAndBackend("vgw")(c), (c.aws.backend = { privateIp: "10.0.20.10", port: 80 }));
    expect(check(edit).problems).toEqual([
      "aws.backend.existing: is required with aws.existingVpc: the demo instance is created only in the VPC this app creates. Fix: add aws.backend.existing: {securityGroupId: <the API's security group>}, or remove aws.existingVpc",
    ]);
  });

  test("demo instance settings with an existing API", () => {
    const edit = (c: any) => (c.aws.backend.existing = { securityGroupId: "sg-0123456789abcdef0" });
    expect(check(edit).problems).toEqual([
      'aws.backend.instanceType: is a setting of the demo instance, which is not created with aws.backend.existing, got "t3.micro". Fix: remove it',
      "aws.backend.ssm: is a setting of the demo instance, which is not created with aws.backend.existing, got true. Fix: remove it",
    ]);
  });

  test("an existing API outside the VPC's range", () => {
    const edit = (c: any) => (existingVpcAndBackend("vgw")(c), (c.aws.backend.privateIp = "10.1.0.10"));
    expect(check(edit).problems).toEqual(['aws.backend.privateIp: must lie inside aws.vpcCidr 10.0.0.0/16 (the VPN reaches that range), got "10.1.0.10"']);
  });

  test("a transit gateway in an existing VPC without attachment subnets: AwsSiteToSiteVpn's rule, at the config path", () => {
    const edit = (c: any) => (existingVpcAndBackend("tgw")(c), delete c.aws.existingVpc.attachmentSubnetIds);
    expect(check(edit).problems).toEqual([expect.stringMatching(/^aws\.existingVpc\.attachmentSubnetIds: must list the VPC attachment's subnets \(one per AZ\) when termination is 'tgw'/)]);
  });

  test("malformed ids, each at its config path (the constructs' rule: the same ids given to a construct fail alike)", () => {
    const edit = (c: any) => (
      existingVpcAndBackend("tgw")(c),
      (c.aws.existingVpc = { vpcId: "vpc-1", routeTableIds: ["rtb-0123456789abcdef0", "rtb-x"], attachmentSubnetIds: ["subnet-x"] }),
      (c.aws.backend.existing.securityGroupId = "api-sg")
    );
    expect(check(edit).problems.sort()).toEqual([
      'aws.backend.existing.securityGroupId: must be an id like sg-0123456789abcdef0, got "api-sg"',
      'aws.existingVpc.attachmentSubnetIds[0]: must be an id like subnet-0123456789abcdef0, got "subnet-x"',
      'aws.existingVpc.routeTableIds[1]: must be an id like rtb-0123456789abcdef0, got "rtb-x"',
      'aws.existingVpc.vpcId: must be an id like vpc-0123456789abcdef0, got "vpc-1"',
    ]);
  });

  test("an empty route table list", () => {
    const edit = (c: any) => (existingVpcAndBackend("vgw")(c), (c.aws.existingVpc.routeTableIds = []));
    expect(check(edit).problems).toEqual(["aws.existingVpc.routeTableIds: must list at least one route table (those of the backend's subnets), got a list of 0"]);
  });

  test("attachment subnets with a virtual private gateway are a warning: they are ignored", () => {
    const edit = (c: any) => (existingVpcAndBackend("tgw")(c), (c.aws.termination = "vgw"));
    expect(check(edit).warnings).toEqual(["aws.existingVpc.attachmentSubnetIds: is ignored: only a transit gateway (aws.termination: tgw) attaches to subnets. Fix: remove it, or set aws.termination to tgw"]);
  });
});
