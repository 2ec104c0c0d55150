import { ComputeFirewall } from "@cdktf/provider-google/lib/compute-firewall";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { GOOGLE_HEALTH_CHECK_RANGES, nameRoomFor } from "../core/limits";
import { resourceName } from "../core/names";
import { isToken, PropsValidator, validateProps } from "../core/validation";
import { INetwork } from "./vpc-network";

/**
 * The port kube-proxy answers node health checks on: the health check of a
 * GKE internal passthrough LoadBalancer Service with externalTrafficPolicy
 * Cluster probes it on every node (GKE docs on LoadBalancer Services,
 * externalTrafficPolicy).
 */
export const KUBE_PROXY_HEALTH_PORT = 10256;

/** Which nodes the rules open, to whom, on which ports. */
export interface GkeLoadBalancerFirewallProps {
  /** The VPC network of the cluster's nodes; in a Shared VPC, the host's network. */
  readonly network: INetwork;
  /** Name prefix of the rules: `<name>-health-checks` and `<name>-clients`. */
  readonly name: string;
  /** Project of the network. @default - the provider's project */
  readonly project?: string;
  /**
   * The cluster's node range, the only destination the rules open. The
   * internal address of each Service must lie in it: GKE takes it from the
   * node subnet unless the Service names another subnet.
   */
  readonly nodesCidr: string;
  /** Private source ranges allowed to reach the Services, e.g. an AWS VPC's range. */
  readonly clients: readonly string[];
  /** TCP ports the Services listen on. */
  readonly ports: readonly number[];
  /** TCP port the load balancers' health checks probe on the nodes. @default 10256 - kube-proxy's health port */
  readonly healthCheckPort?: number;
}

/**
 * The ingress firewall rules GKE would create for internal passthrough
 * LoadBalancer Services (k8s-fw-*: clients, and Google's health checks),
 * made by the owner of a Shared VPC host instead. GKE creates them in a host
 * project only when the service project's GKE service agent holds Compute
 * Security Admin there (GKE docs, "Setting up clusters with Shared VPC":
 * managing firewall resources); that role would let every tenant's GKE agent
 * change every rule of the shared VPC, so it is not granted
 * (SharedVpcServiceProject) and GKE only emits an event naming the rules it
 * needs.
 *
 * Both rules target `nodesCidr` with destination ranges rather than network
 * tags, so a rule never opens another tenant's nodes on the same VPC.
 */
export class GkeLoadBalancerFirewall extends Construct {
  /** Longest `name` accepted: GCP's 63 characters less the longest suffix added. */
  static readonly MAX_NAME_LENGTH = nameRoomFor("-health-checks");

  /** Records every problem with the props in `v`. */
  static validate(props: GkeLoadBalancerFirewallProps, v: PropsValidator): void {
    v.gcpName("name", props.name, GkeLoadBalancerFirewall.MAX_NAME_LENGTH, "to leave room for '-health-checks'");
    v.privateCidr("nodesCidr", props.nodesCidr);
    v.check(props.clients.length > 0, "clients", props.clients, "must list at least one source range allowed to reach the Services", { fix: "e.g. the AWS VPC's range" });
    // Private ranges only: 0.0.0.0/0 (or any public range) is refused here.
    props.clients.forEach((cidr, i) => v.privateCidr(`clients[${i}]`, cidr));
    v.check(props.ports.length > 0, "ports", props.ports, "must list at least one port a Service listens on", { fix: "e.g. [443]" });
    props.ports.forEach((port, i) => {
      v.port(`ports[${i}]`, port);
      const first = props.ports.indexOf(port);
      v.check(first === i, `ports[${i}]`, port, `must be unique (also ports[${first}])`, { fix: "remove the repeat" });
    });
    if (props.healthCheckPort !== undefined) v.port("healthCheckPort", props.healthCheckPort);
  }

  /** Admits Google's health check probes to the nodes. */
  readonly healthChecks: ComputeFirewall;
  /** Admits the clients to the Services' ports on the nodes. */
  readonly clients: ComputeFirewall;

  constructor(scope: Construct, id: string, props: GkeLoadBalancerFirewallProps) {
    super(scope, id);
    validateProps(this, "GkeLoadBalancerFirewall", (v) => GkeLoadBalancerFirewall.validate(props, v));

    const rule = (ruleId: string, sourceRanges: readonly string[], ports: readonly number[], description: string) =>
      new ComputeFirewall(this, ruleId, {
        name: resourceName(props.name, ruleId),
        project: props.project,
        network: props.network.id,
        direction: "INGRESS",
        sourceRanges: [...sourceRanges],
        destinationRanges: [props.nodesCidr],
        allow: [{ protocol: "tcp", ports: ports.map(portString) }],
        description,
        // Who was admitted (or not) is what a tenant asks the VPC's owner about first.
        logConfig: { metadata: "INCLUDE_ALL_METADATA" },
      });
    // Google's probe ranges are public but Google's own: PSC-NET-001 refuses only the whole
    // internet, so the rule passes the policy without a suppression.
    this.healthChecks = rule(
      "health-checks",
      GOOGLE_HEALTH_CHECK_RANGES,
      [props.healthCheckPort ?? KUBE_PROXY_HEALTH_PORT],
      "Google Cloud health checks of GKE internal LoadBalancer Services (made by the Shared VPC owner, not by GKE)",
    );
    this.clients = rule("clients", props.clients, props.ports, "Clients of GKE internal LoadBalancer Services (made by the Shared VPC owner, not by GKE)");
  }
}

/** A port as a firewall rule lists it; a port known only at apply time stays a reference. */
function portString(port: number): string {
  return isToken(port) ? Token.asString(port) : String(port);
}
