import { VpcNetwork } from "../../../constructs/gcp/vpc-network";
import { synth } from "../support";

describe("VpcNetwork", () => {
  test("custom mode, global routing by default; subnets get Private Google Access", () => {
    const out = synth((s) => new VpcNetwork(s, "vpc", { name: "prod" }).addSubnet("a", { name: "a", region: "europe-west1", ipCidrRange: "10.1.0.0/24" }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_network" }, { auto_create_subnetworks: false, routing_mode: "GLOBAL" });
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_subnetwork" }, { private_ip_google_access: true, ip_cidr_range: "10.1.0.0/24" });
  });

  test("subnets log half their flows with all metadata by default; a share of 0 turns flow logs off", () => {
    const logConfig = (flowLogSampling?: number) =>
      Object.values<any>(
        JSON.parse(synth((s) => new VpcNetwork(s, "vpc", { name: "prod" }).addSubnet("a", { name: "a", region: "europe-west1", ipCidrRange: "10.1.0.0/24", flowLogSampling }))).resource
          .google_compute_subnetwork,
      )[0].log_config;
    expect(logConfig()).toEqual({ flow_sampling: 0.5, metadata: "INCLUDE_ALL_METADATA" });
    expect(logConfig(1)).toEqual({ flow_sampling: 1, metadata: "INCLUDE_ALL_METADATA" });
    expect(logConfig(0)).toBeUndefined();
  });

  test("fails when the flow log share is outside 0 to 1", () => {
    expect(() =>
      synth((s) => new VpcNetwork(s, "vpc", { name: "prod" }).addSubnet("a", { name: "a", region: "europe-west1", ipCidrRange: "10.1.0.0/24", flowLogSampling: 50 })),
    ).toThrow(/flowLogSampling: must be a share from 0 to 1 \(0 turns logging off, 1 logs everything\), got 50/);
  });

  test("fails when the name is not a GCP name", () => {
    expect(() => synth((s) => new VpcNetwork(s, "vpc", { name: "Prod_VPC" }))).toThrow(/name: must be a GCP resource name.*got "Prod_VPC"/);
  });

  test("fails when a subnet range has host bits set", () => {
    expect(() =>
      synth((s) => new VpcNetwork(s, "vpc", { name: "prod" }).addSubnet("a", { name: "a", region: "europe-west1", ipCidrRange: "10.1.0.5/24" })),
    ).toThrow(/ipCidrRange: must have its host bits zero, got "10.1.0.5\/24"\. Fix: write 10\.1\.0\.0\/24/);
  });

  test("fails when a subnet range is public or smaller than GCP allows, listing both", () => {
    expect(() => synth((s) => new VpcNetwork(s, "vpc", { name: "prod" }).addSubnet("a", { name: "a", region: "europe-west1", ipCidrRange: "8.8.8.0/24" }))).toThrow(
      /ipCidrRange: must be a private range: .*got "8.8.8.0\/24"/,
    );
    expect(() => synth((s) => new VpcNetwork(s, "vpc", { name: "prod" }).addSubnet("a", { name: "a", region: "europe-west1", ipCidrRange: "10.0.0.0/30" }))).toThrow(
      /ipCidrRange: must be between \/8 and \/29 \(GCP subnet sizes\), got "10.0.0.0\/30"/,
    );
  });
});
