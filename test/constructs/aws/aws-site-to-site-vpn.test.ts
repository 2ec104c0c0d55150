import { Token } from "cdktf";
import { AwsSiteToSiteVpn } from "../../../constructs/aws/aws-site-to-site-vpn";
import { synth } from "../support";

describe("AwsSiteToSiteVpn", () => {
  const base = { name: "x", vpc: { vpcId: "vpc-0123456789abcdef0" }, routeTables: [{ routeTableId: "rtb-0123456789abcdef0" }], amazonSideAsn: 65001, peerIps: ["203.0.113.1", "203.0.113.2"], peerAsn: 65000 };

  test("allocates four distinct inside /30s and one explicit IKEv2 proposal per phase", () => {
    const json = JSON.parse(synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, dhGroup: 20 })));
    const connections = Object.values<any>(json.resource.aws_vpn_connection);
    expect(connections.flatMap((c) => [c.tunnel1_inside_cidr, c.tunnel2_inside_cidr])).toEqual([
      "169.254.10.0/30",
      "169.254.10.4/30",
      "169.254.10.8/30",
      "169.254.10.12/30",
    ]);
    expect(connections[0]).toMatchObject({ tunnel1_phase1_dh_group_numbers: [20], tunnel2_phase2_dh_group_numbers: [20], tunnel2_ike_versions: ["ikev2"] });
  });

  test("fails when an imported VPC's ids are malformed, naming each (ids known only at apply pass)", () => {
    // GIVEN a VPC made elsewhere, given by ids WHEN one is mistyped THEN synth refuses it, not AWS at apply
    const bad = { ...base, vpc: { vpcId: "vpc-1" }, routeTables: [{ routeTableId: "rtb-0123456789abcdef0" }, { routeTableId: "rt-1" }], termination: "tgw" as const, attachmentSubnets: [{ subnetId: "subnet_1" }], peerCidrs: ["10.10.30.0/24"] };
    expect(() => synth((s) => new AwsSiteToSiteVpn(s, "vpn", bad))).toThrow(
      /3 problems:\n {2}- vpc: must be an id like vpc-0123456789abcdef0, got "vpc-1"\n {2}- routeTables\[1\]: must be an id like rtb-0123456789abcdef0, got "rt-1"\n {2}- attachmentSubnets\[0\]: must be an id like subnet-0123456789abcdef0, got "subnet_1"$/,
    );
    expect(() => synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, vpc: { vpcId: Token.asString({ ref: "vpc" }) }, routeTables: [{ routeTableId: Token.asString({ ref: "rtb" }) }] }))).not.toThrow();
  });

  test("a 4-byte peer ASN goes in the customer gateway's extended field", () => {
    const out = synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, peerAsn: 4200000001 }));
    expect(out).toHaveResourceWithProperties({ tfResourceType: "aws_customer_gateway" }, { bgp_asn_extended: "4200000001" });
    expect(out).not.toHaveResourceWithProperties({ tfResourceType: "aws_customer_gateway" }, { bgp_asn: "4200000001" });
  });

  test("a 2-byte peer ASN stays in bgp_asn", () => {
    const json = JSON.parse(synth((s) => new AwsSiteToSiteVpn(s, "vpn", base)));
    expect(Object.values<any>(json.resource.aws_customer_gateway).map((c) => [c.bgp_asn, c.bgp_asn_extended])).toEqual([
      ["65000", undefined],
      ["65000", undefined],
    ]);
  });

  test("fails when an inside CIDR is one AWS reserves", () => {
    expect(() =>
      synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, insideCidrs: ["169.254.1.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"] })),
    ).toThrow(/insideCidrs\[0\]: must be a \/30 inside 169.254.0.0\/16 with host bits zero, not one AWS reserves.*got "169.254.1.0\/30"/);
  });

  test("fails on a repeated peer IP, or more peers than an HA VPN gateway has interfaces", () => {
    expect(() => synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, peerIps: ["203.0.113.1", "203.0.113.1"] }))).toThrow(/peerIps\[1\]: must differ from peerIps\[0\]/);
    expect(() => synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, peerIps: ["203.0.113.1", "203.0.113.2", "203.0.113.3"] }))).toThrow(/peerIps: must list 1 or 2 peer IPs/);
  });

  test("fails on a range listed twice for the transit gateway's routes", () => {
    const tgw = { ...base, termination: "tgw" as const, attachmentSubnets: [{ subnetId: "subnet-0123456789abcdef0" }], peerCidrs: ["10.10.30.0/24", "10.10.30.0/24"] };
    expect(() => synth((s) => new AwsSiteToSiteVpn(s, "vpn", tgw))).toThrow(/peerCidrs\[1\]: must differ from peerCidrs\[0\] \(one route per range and table\), got "10.10.30.0\/24"/);
  });

  test("fails when two tunnels share an inside CIDR", () => {
    expect(() =>
      synth((s) => new AwsSiteToSiteVpn(s, "vpn", { ...base, insideCidrs: ["169.254.10.0/30", "169.254.10.0/30", "169.254.10.8/30", "169.254.10.12/30"] })),
    ).toThrow(/insideCidrs\[1\]: must differ from every other tunnel's \(also insideCidrs\[0\]\)/);
  });
});
