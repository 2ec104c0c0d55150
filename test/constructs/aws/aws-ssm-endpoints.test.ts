import { AwsSsmEndpoints } from "../../../constructs/aws/aws-ssm-endpoints";
import { synth } from "../support";

describe("AwsSsmEndpoints", () => {
  const base = { name: "x", vpc: { vpcId: "vpc-0123456789abcdef0", cidrBlock: "10.0.0.0/16" }, subnets: [{ subnetId: "subnet-0123456789abcdef0" }], region: "ap-northeast-1" };
  const resources = (props: object) => JSON.parse(synth((s) => new AwsSsmEndpoints(s, "ssm", { ...base, ...props }))).resource;

  test("one interface endpoint per service Session Manager needs, in the given subnets, private DNS on", () => {
    const endpoints = Object.values<any>(resources({}).aws_vpc_endpoint);
    expect(endpoints.map((e) => e.service_name).sort()).toEqual(["com.amazonaws.ap-northeast-1.ec2messages", "com.amazonaws.ap-northeast-1.ssm", "com.amazonaws.ap-northeast-1.ssmmessages"]);
    for (const e of endpoints) {
      expect(e).toMatchObject({ vpc_id: "vpc-0123456789abcdef0", vpc_endpoint_type: "Interface", private_dns_enabled: true, subnet_ids: ["subnet-0123456789abcdef0"], security_group_ids: [expect.stringMatching(/^\$\{aws_security_group\.ssm_security-group_/)] });
    }
  });

  test("their security group admits HTTPS from the VPC's range only, and has no egress", () => {
    const r = resources({});
    expect(Object.values<any>(r.aws_vpc_security_group_ingress_rule)).toEqual([expect.objectContaining({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.0.0.0/16" })]);
    expect(r.aws_vpc_security_group_egress_rule).toBeUndefined();
    expect(Object.values<any>(r.aws_security_group)[0].ingress).toBeUndefined();
  });

  test("fails without the VPC's range, on a public range, without subnets, and on a malformed region", () => {
    expect(() => resources({ vpc: { vpcId: "vpc-0123456789abcdef0" } })).toThrow(/vpc\.cidrBlock: must be given: the endpoints admit HTTPS from the VPC's range and nothing else/);
    expect(() => resources({ vpc: { vpcId: "vpc-0123456789abcdef0", cidrBlock: "0.0.0.0/0" } })).toThrow(/vpc\.cidrBlock: must be a private range/);
    expect(() => resources({ subnets: [] })).toThrow(/subnets: must list at least one subnet/);
    expect(() => resources({ region: "tokyo" })).toThrow(/region: must be an AWS region like ap-northeast-1, got "tokyo"/);
  });
});
