import { BackendInstance } from "../../../lib/app-constructs/backend-instance";
import { synth } from "../../constructs/support";

describe("BackendInstance", () => {
  const base = { name: "x", vpc: { vpcId: "vpc-0123456789abcdef0" }, subnet: { subnetId: "subnet-0123456789abcdef0", cidrBlock: "10.0.20.0/24" }, privateIp: "10.0.20.10", port: 80 };

  test("fails when a source range is the whole internet", () => {
    expect(() => synth((s) => new BackendInstance(s, "b", { ...base, allowedCidrs: ["0.0.0.0/0"] }))).toThrow(
      /allowedCidrs\[0\]: must be a private range: .*got "0.0.0.0\/0"/,
    );
  });

  test("an explicit AMI id replaces the SSM lookup", () => {
    const out = synth((s) => new BackendInstance(s, "b", { ...base, allowedCidrs: ["10.10.30.0/24"], amiId: "ami-0123456789abcdef0" }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "aws_launch_template" }, { image_id: "ami-0123456789abcdef0" });
  });

  describe("Session Manager access", () => {
    const withSsm = () => JSON.parse(synth((s) => new BackendInstance(s, "b", { ...base, allowedCidrs: ["10.10.30.0/24"], sessionManager: { securityGroupId: "sg-0123456789abcdef0" } }))).resource;

    test("an instance profile whose role EC2 assumes, allowed Session Manager's calls and nothing else (no managed policy: no parameter reads)", () => {
      const r = withSsm();
      const role = Object.values<any>(r.aws_iam_role)[0];
      expect(role.assume_role_policy).toContain('"Principal" = {"Service" = "ec2.amazonaws.com"}, "Action" = "sts:AssumeRole"');
      expect(r.aws_iam_role_policy_attachment).toBeUndefined();
      const policies = Object.values<any>(r.aws_iam_role_policy);
      expect(policies).toHaveLength(1);
      const actions = [...policies[0].policy.matchAll(/"((?:ssm|ssmmessages|ec2messages|[a-z0-9]+):[A-Za-z*]+)"/g)].map((m) => m[1]);
      expect(actions.every((a) => /^(ssm:UpdateInstanceInformation|ssmmessages:(Create|Open)(Control|Data)Channel|ec2messages:[A-Z][A-Za-z]+)$/.test(a))).toBe(true);
      expect(actions).toContain("ssmmessages:OpenDataChannel");
      expect(policies[0].policy).not.toMatch(/GetParameter|\*"\s*[,\]]?\s*"Action"|"ssm:\*"/);
      const profile = Object.values<any>(r.aws_iam_instance_profile)[0];
      expect(profile.role).toMatch(/^\$\{aws_iam_role\.b_ssm-role_\w+\.name\}$/);
      // On the instance (an update in place), not in the launch template (a new version, a new instance).
      expect(Object.values<any>(r.aws_instance)[0].iam_instance_profile).toMatch(/^\$\{aws_iam_instance_profile\.b_instance-profile_\w+\.name\}$/);
      expect(Object.values<any>(r.aws_launch_template)[0].iam_instance_profile).toBeUndefined();
    });

    test("the one egress rule: HTTPS to the endpoints' security group, no range", () => {
      expect(Object.values<any>(withSsm().aws_vpc_security_group_egress_rule)).toEqual([
        expect.objectContaining({ ip_protocol: "tcp", from_port: 443, to_port: 443, referenced_security_group_id: "sg-0123456789abcdef0" }),
      ]);
    });

    test("without it: no profile, no role, no egress at all", () => {
      const r = JSON.parse(synth((s) => new BackendInstance(s, "b", { ...base, allowedCidrs: ["10.10.30.0/24"] }))).resource;
      expect([r.aws_iam_role, r.aws_iam_instance_profile, r.aws_vpc_security_group_egress_rule]).toEqual([undefined, undefined, undefined]);
      expect(Object.values<any>(r.aws_instance)[0].iam_instance_profile).toBeUndefined();
    });
  });
});
