import { AwsBackendIngress } from "../../../constructs/aws/aws-backend-ingress";
import { synth } from "../support";

describe("AwsBackendIngress", () => {
  const base = { securityGroupId: "sg-0123456789abcdef0", port: 8080, allowedCidrs: ["10.10.30.0/24"] };
  const resources = (props: object) => JSON.parse(synth((s) => new AwsBackendIngress(s, "b", { ...base, ...props }))).resource;

  test("adds one rule per range to the existing group, on the backend port only; creates no group", () => {
    const r = resources({ allowedCidrs: ["10.10.30.0/24", "10.10.31.0/24"] });
    expect(Object.values<any>(r.aws_vpc_security_group_ingress_rule).map((rule) => [rule.security_group_id, rule.ip_protocol, rule.from_port, rule.to_port, rule.cidr_ipv4])).toEqual([
      ["sg-0123456789abcdef0", "tcp", 8080, 8080, "10.10.30.0/24"],
      ["sg-0123456789abcdef0", "tcp", 8080, 8080, "10.10.31.0/24"],
    ]);
    expect(r.aws_security_group).toBeUndefined();
  });

  test("fails on a malformed security group id, the whole internet, or no port", () => {
    expect(() => resources({ securityGroupId: "my-api-sg" })).toThrow(/securityGroupId: must be an id like sg-0123456789abcdef0, got "my-api-sg"/);
    expect(() => resources({ allowedCidrs: ["0.0.0.0/0"] })).toThrow(/allowedCidrs\[0\]: must be a private range: .*got "0.0.0.0\/0"/);
    expect(() => resources({ port: 0 })).toThrow(/port: must be a port, 1-65535, got 0/);
  });
});
