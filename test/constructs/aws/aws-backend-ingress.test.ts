import { Token } from "cdktf";
import { AwsBackendIngress, IngressSource } from "../../../constructs/aws/aws-backend-ingress";
import { synth } from "../support";

describe("AwsBackendIngress", () => {
  const base = { securityGroupId: "sg-0123456789abcdef0", port: 8080, allowedCidrs: ["10.10.30.0/24"] };
  const resources = (props: object) => JSON.parse(synth((s) => new AwsBackendIngress(s, "b", { ...base, ...props }))).resource;
  const tenant = (key: string, cidr: string): IngressSource => ({ cidr, key, description: `Routed tenant ${key}: pods over the VPN` });

  test("adds one rule per range to the existing group, on the backend port only; creates no group", () => {
    const r = resources({ allowedCidrs: ["10.10.30.0/24", "10.10.31.0/24"] });
    expect(Object.values<any>(r.aws_vpc_security_group_ingress_rule).map((rule) => [rule.security_group_id, rule.ip_protocol, rule.from_port, rule.to_port, rule.cidr_ipv4])).toEqual([
      ["sg-0123456789abcdef0", "tcp", 8080, 8080, "10.10.30.0/24"],
      ["sg-0123456789abcdef0", "tcp", 8080, 8080, "10.10.31.0/24"],
    ]);
    expect(r.aws_security_group).toBeUndefined();
  });

  test("a plain range is a load balancer proxy range, numbered by position as it always was", () => {
    // GIVEN plain ranges WHEN synthesized THEN ids and descriptions are the ones existing users' state holds
    const rules = resources({ allowedCidrs: ["10.10.30.0/24", "10.10.31.0/24"] }).aws_vpc_security_group_ingress_rule;
    expect(Object.keys(rules).map((id) => id.replace(/_[0-9A-F]{8}$/, ""))).toEqual(["b_ingress-1", "b_ingress-2"]);
    expect(Object.values<any>(rules).map((rule) => rule.description)).toEqual(["Load balancer proxies (requests and health checks)", "Load balancer proxies (requests and health checks)"]);
  });

  test("a keyed source gets its own description and an id from its key, so removing one tenant renames no other rule", () => {
    // GIVEN the proxy range and two routed tenants
    const ids = (allowedCidrs: (string | IngressSource)[]) => Object.keys(resources({ allowedCidrs }).aws_vpc_security_group_ingress_rule).map((id) => id.replace(/_[0-9A-F]{8}$/, ""));
    const both: (string | IngressSource)[] = ["10.10.30.0/24", tenant("team-a", "10.20.0.0/20"), tenant("team-b", "10.21.0.0/20")];
    // WHEN synthesized THEN each tenant's rule is named by its key and described by its own text
    expect(ids(both)).toEqual(["b_ingress-1", "b_ingress-team-a", "b_ingress-team-b"]);
    const rules = Object.values<any>(resources({ allowedCidrs: both }).aws_vpc_security_group_ingress_rule);
    expect(rules.map((rule) => [rule.cidr_ipv4, rule.description])).toEqual([
      ["10.10.30.0/24", "Load balancer proxies (requests and health checks)"],
      ["10.20.0.0/20", "Routed tenant team-a: pods over the VPN"],
      ["10.21.0.0/20", "Routed tenant team-b: pods over the VPN"],
    ]);
    // AND removing team-a leaves the other ids as they were
    expect(ids([both[0], both[2]])).toEqual(["b_ingress-1", "b_ingress-team-b"]);
  });

  test("tokens pass validation", () => {
    const cidr = Token.asString({ Ref: "tenant-range" });
    expect(() => resources({ port: Token.asNumber({ Ref: "port" }), allowedCidrs: [cidr, { cidr, key: "team-a", description: Token.asString({ Ref: "why" }) }] })).not.toThrow();
  });

  test("fails on a malformed security group id, the whole internet, or no port", () => {
    expect(() => resources({ securityGroupId: "my-api-sg" })).toThrow(/securityGroupId: must be an id like sg-0123456789abcdef0, got "my-api-sg"/);
    expect(() => resources({ allowedCidrs: ["0.0.0.0/0"] })).toThrow(/allowedCidrs\[0\]: must be a private range: .*got "0.0.0.0\/0"/);
    expect(() => resources({ allowedCidrs: [{ cidr: "0.0.0.0/0", key: "team-a" }] })).toThrow(/allowedCidrs\[0\]\.cidr: must be a private range: .*got "0.0.0.0\/0"/);
    expect(() => resources({ port: 0 })).toThrow(/port: must be a port, 1-65535, got 0/);
  });

  test("fails when a range is admitted twice, plain or keyed", () => {
    expect(() => resources({ allowedCidrs: ["10.10.30.0/24", "10.10.30.0/24"] })).toThrow(/allowedCidrs\[1\]: must differ from allowedCidrs\[0\]: a range is admitted once, got "10.10.30.0\/24"/);
    expect(() => resources({ allowedCidrs: ["10.10.30.0/24", tenant("team-a", "10.10.30.0/24")] })).toThrow(/allowedCidrs\[1\]\.cidr: must differ from allowedCidrs\[0\]/);
  });

  test("fails when two sources share a key", () => {
    expect(() => resources({ allowedCidrs: [tenant("team-a", "10.20.0.0/20"), tenant("team-a", "10.21.0.0/20")] })).toThrow(
      /allowedCidrs\[1\]\.key: must differ from allowedCidrs\[0\]\.key: the key names the rule, got "team-a"/,
    );
  });

  test("fails when a key is not a label starting with a letter, or a description has characters AWS refuses", () => {
    expect(() => resources({ allowedCidrs: [tenant("1", "10.20.0.0/20")] })).toThrow(/allowedCidrs\[0\]\.key: must be a key of 1-63 characters .*starting with a letter.*got "1"/);
    expect(() => resources({ allowedCidrs: [{ cidr: "10.20.0.0/20", key: "team-a", description: "Tenant <team-a>" }] })).toThrow(
      /allowedCidrs\[0\]\.description: must be at most 255 characters of a-z, .*\(AWS security group rule descriptions\), got "Tenant <team-a>"/,
    );
  });
});
