import { ProxyOnlySubnet } from "../../../constructs/gcp/proxy-only-subnet";
import { PscNatSubnet } from "../../../constructs/gcp/psc-nat-subnet";
import { network, synth } from "../support";

describe("ProxyOnlySubnet and PscNatSubnet", () => {
  test("proxy-only: purpose REGIONAL_MANAGED_PROXY, role ACTIVE", () => {
    const out = synth((s) => new ProxyOnlySubnet(s, "p", { network: network(s), name: "proxy", region: "europe-west1", ipCidrRange: "10.2.0.0/26" }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_subnetwork" }, { purpose: "REGIONAL_MANAGED_PROXY", role: "ACTIVE" });
  });

  test("PSC NAT: purpose PRIVATE_SERVICE_CONNECT", () => {
    const out = synth((s) => new PscNatSubnet(s, "n", { network: network(s), name: "nat", region: "europe-west1", ipCidrRange: "10.3.0.0/29" }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "google_compute_subnetwork" }, { purpose: "PRIVATE_SERVICE_CONNECT" });
  });

  test("fails when the proxy-only subnet is smaller than /26", () => {
    expect(() => synth((s) => new ProxyOnlySubnet(s, "p", { network: network(s), name: "proxy", region: "europe-west1", ipCidrRange: "10.2.0.0/27" }))).toThrow(
      /ProxyOnlySubnet .*ipCidrRange: must be between \/8 and \/26 \(a proxy-only subnet needs at least 64 addresses\), got "10.2.0.0\/27"\. Fix: use a \/26 or larger/s,
    );
  });

  test("fails when the PSC NAT subnet is smaller than /29", () => {
    expect(() => synth((s) => new PscNatSubnet(s, "n", { network: network(s), name: "nat", region: "europe-west1", ipCidrRange: "10.3.0.0/30" }))).toThrow(
      /ipCidrRange: must be between \/8 and \/29 \(the smallest PSC NAT subnet is a \/29\)/,
    );
  });

  test("fails when the range is public, listing every problem at once", () => {
    const error = () => synth((s) => new PscNatSubnet(s, "n", { network: network(s), name: "Bad", region: "europe-west1", ipCidrRange: "8.8.8.0/30" }));
    expect(error).toThrow(/name: must be a GCP resource name/);
    expect(error).toThrow(/ipCidrRange: must be a private range/);
    expect(error).toThrow(/ipCidrRange: must be between \/8 and \/29 \(the smallest PSC NAT subnet is a \/29\)/);
  });
});
