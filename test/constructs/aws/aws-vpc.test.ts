import { AwsVpc } from "../../../constructs/aws/aws-vpc";
import { synth } from "../support";

describe("AwsVpc", () => {
  test("fails when a subnet lies outside the VPC", () => {
    expect(() =>
      synth((s) => new AwsVpc(s, "v", { name: "x", cidrBlock: "10.0.0.0/16", availabilityZone: "ap-northeast-1a", publicSubnetCidr: "10.0.10.0/24", privateSubnetCidr: "10.1.20.0/24" })),
    ).toThrow(/privateSubnetCidr: must lie inside cidrBlock 10.0.0.0\/16, got "10.1.20.0\/24"/);
  });

  test("fails on sizes AWS does not allow", () => {
    expect(() =>
      synth((s) => new AwsVpc(s, "v", { name: "x", cidrBlock: "10.0.0.0/8", availabilityZone: "ap-northeast-1a", publicSubnetCidr: "10.0.10.0/29", privateSubnetCidr: "10.0.20.0/24" })),
    ).toThrow(/cidrBlock: must be between \/16 and \/28 \(AWS VPC and subnet sizes\), got "10.0.0.0\/8"\. Fix: use a \/16 or smaller\n.*publicSubnetCidr: must be between \/16 and \/28/);
  });
});
