import { TerraformStack, Testing, Token } from "cdktf";
import { InternalLoadBalancerService, InternalLoadBalancerServiceProps } from "../../../constructs/k8s/internal-load-balancer-service";
import { synth } from "../support";

describe("InternalLoadBalancerService", () => {
  const props: InternalLoadBalancerServiceProps = { namespace: "team-a", name: "api", port: 8080, addressName: "team-a-api", address: "10.0.10.50", sourceRanges: ["10.10.0.0/16"] };
  const service = (overrides: Partial<InternalLoadBalancerServiceProps> = {}) =>
    Object.values<any>(JSON.parse(synth((s) => new InternalLoadBalancerService(s, "ilb", { ...props, ...overrides }))).resource.kubernetes_service_v1)[0];

  test("an internal passthrough load balancer on the reserved address, admitting the source ranges only", () => {
    // GIVEN a reserved address and a client range WHEN the Service is made THEN GKE gets an internal load balancer on that address
    const out = synth((s) => new InternalLoadBalancerService(s, "ilb", props));
    expect(out).toHaveResourceWithProperties(
      { tfResourceType: "kubernetes_service_v1" },
      {
        metadata: {
          name: "api",
          namespace: "team-a",
          annotations: { "networking.gke.io/load-balancer-type": "Internal", "networking.gke.io/load-balancer-ip-addresses": "team-a-api" },
        },
        spec: {
          type: "LoadBalancer",
          selector: { app: "api" },
          external_traffic_policy: "Cluster",
          load_balancer_source_ranges: ["10.10.0.0/16"],
          port: [{ port: 8080, target_port: "8080", protocol: "TCP" }],
        },
      },
    );
  });

  test("a target port and a selector of its own", () => {
    const spec = service({ targetPort: 9000, selector: { "app.kubernetes.io/name": "orders" } }).spec;
    expect([spec.port[0].target_port, spec.selector]).toEqual(["9000", { "app.kubernetes.io/name": "orders" }]);
  });

  test("exposes the address and the URL, without the port when it is 80", () => {
    const make = (port: number) => new InternalLoadBalancerService(new TerraformStack(Testing.app(), "s"), "ilb", { ...props, port });
    expect([make(8080).address, make(8080).url, make(80).url]).toEqual(["10.0.10.50", "http://10.0.10.50:8080", "http://10.0.10.50"]);
  });

  test("tokens pass validation", () => {
    const ref = (name: string) => Token.asString({ Ref: name });
    expect(() => service({ namespace: ref("ns"), name: ref("name"), addressName: ref("address-name"), address: ref("address"), port: Token.asNumber({ Ref: "port" }), sourceRanges: [ref("range")] })).not.toThrow();
  });

  test("fails when no source range is given (Kubernetes would admit 0.0.0.0/0)", () => {
    expect(() => service({ sourceRanges: [] })).toThrow(/sourceRanges: must list at least one private range \(with none, Kubernetes admits 0\.0\.0\.0\/0\)/);
  });

  test("fails when a source range is public", () => {
    expect(() => service({ sourceRanges: ["10.10.0.0/16", "0.0.0.0/0"] })).toThrow(/sourceRanges\[1\]: must be a private range: .*got "0.0.0.0\/0"/);
  });

  test("fails when the names, the ports, the address or the selector are malformed, listing every problem", () => {
    const build = () => service({ namespace: "Team_A", name: "1api", port: 0, targetPort: 70000, addressName: "Team A", address: "10.0.10", selector: {} });
    expect(build).toThrow(/namespace: must be a Kubernetes DNS label.*got "Team_A"/);
    expect(build).toThrow(/name: must be a Kubernetes Service name \(RFC 1035 label\): .*starting with a letter.*got "1api"/);
    expect(build).toThrow(/port: must be a port, 1-65535, got 0/);
    expect(build).toThrow(/targetPort: must be a port, 1-65535, got 70000/);
    expect(build).toThrow(/addressName: must be a GCP resource name.*got "Team A"/);
    expect(build).toThrow(/address: must be an IPv4 address.*got "10\.0\.10"/);
    expect(build).toThrow(/selector: must name at least one label of the pods to publish/);
  });
});
