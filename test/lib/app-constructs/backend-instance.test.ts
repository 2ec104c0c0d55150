import { BackendInstance } from "../../../lib/app-constructs/backend-instance";
import { synth } from "../../constructs/support";

describe("BackendInstance", () => {
  const base = { name: "x", vpc: { vpcId: "vpc-1" }, subnet: { subnetId: "subnet-1", cidrBlock: "10.0.20.0/24" }, privateIp: "10.0.20.10", port: 80 };

  test("fails when a source range is the whole internet", () => {
    expect(() => synth((s) => new BackendInstance(s, "b", { ...base, allowedCidrs: ["0.0.0.0/0"] }))).toThrow(
      /allowedCidrs\[0\]: must be a private range: .*got "0.0.0.0\/0"/,
    );
  });

  test("an explicit AMI id replaces the SSM lookup", () => {
    const out = synth((s) => new BackendInstance(s, "b", { ...base, allowedCidrs: ["10.10.30.0/24"], amiId: "ami-0123456789abcdef0" }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "aws_launch_template" }, { image_id: "ami-0123456789abcdef0" });
  });
});
