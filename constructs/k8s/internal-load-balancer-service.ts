import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { Construct } from "constructs";
import { DNS_LABEL_PATTERN, DNS_LABEL_RULE, httpUrl, RFC1035_LABEL_PATTERN, SERVICE_NAME_RULE } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";

/** Which pods InternalLoadBalancerService publishes, on which reserved address, and to whom. */
export interface InternalLoadBalancerServiceProps {
  /** Namespace of the Service: an existing one (a namespace resource's name, so the Service waits for it). */
  readonly namespace: string;
  /** Name of the Service (an RFC 1035 label). */
  readonly name: string;
  /** Port the load balancer listens on (TCP). */
  readonly port: number;
  /** Port the selected pods serve on. @default - `port` */
  readonly targetPort?: number;
  /** Labels of the pods the Service sends to. @default - `{ app: <name> }` */
  readonly selector?: Record<string, string>;
  /**
   * Name of the internal address the load balancer takes: a
   * google_compute_address reserved in the cluster's project from the
   * cluster's subnet (in a Shared VPC, in the service project from the host's
   * subnet: GKE looks the name up in the cluster's project).
   */
  readonly addressName: string;
  /** That address's IP, for outputs and DNS records. */
  readonly address: string;
  /**
   * The only sources that may connect: private ranges, at least one. GKE
   * turns them into the load balancer's VPC firewall rule; Kubernetes'
   * default when none are given is 0.0.0.0/0, so none is not an option here.
   */
  readonly sourceRanges: readonly string[];
}

/**
 * Publishes in-cluster pods on a reserved internal address of the cluster's
 * VPC: a LoadBalancer Service GKE turns into an internal passthrough Network
 * Load Balancer, reachable only from the given private ranges. Global
 * access stays off: clients connect from the cluster's region, directly or
 * through Cloud VPN tunnels and VLAN attachments in that region (Google
 * Cloud docs, "Internal passthrough Network Load Balancer overview").
 */
export class InternalLoadBalancerService extends Construct {
  /** Records every problem with the props in `v`. */
  static validate(props: InternalLoadBalancerServiceProps, v: PropsValidator): void {
    v.check(DNS_LABEL_PATTERN.test(props.namespace), "namespace", props.namespace, DNS_LABEL_RULE);
    v.check(RFC1035_LABEL_PATTERN.test(props.name), "name", props.name, SERVICE_NAME_RULE);
    v.port("port", props.port);
    if (props.targetPort !== undefined) v.port("targetPort", props.targetPort);
    // A Service with an empty selector gets no endpoints from Kubernetes: the load balancer would have nothing behind it.
    if (props.selector !== undefined) v.check(Object.keys(props.selector).length > 0, "selector", props.selector, "must name at least one label of the pods to publish", { fix: `omit it for { app: "${props.name}" }` });
    v.gcpName("addressName", props.addressName);
    v.ipv4("address", props.address);
    v.check(props.sourceRanges.length > 0, "sourceRanges", props.sourceRanges, "must list at least one private range (with none, Kubernetes admits 0.0.0.0/0)", {
      fix: "list the ranges of the clients, e.g. their VPC's or their pods' range",
    });
    props.sourceRanges.forEach((cidr, i) => v.privateCidr(`sourceRanges[${i}]`, cidr));
  }

  /** The LoadBalancer Service GKE builds the load balancer from. */
  readonly service: ServiceV1;
  /** The load balancer's internal IP. */
  readonly address: string;
  /** What clients call: `http://<address>[:port]`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: InternalLoadBalancerServiceProps) {
    super(scope, id);
    validateProps(this, "InternalLoadBalancerService", (v) => InternalLoadBalancerService.validate(props, v));

    this.service = new ServiceV1(this, "service", {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        annotations: {
          // An internal passthrough Network Load Balancer, not an external one (GKE docs, "LoadBalancer Service parameters").
          "networking.gke.io/load-balancer-type": "Internal",
          // The reserved address, by name: the current way to pin a GKE load balancer's address
          // (spec.loadBalancerIP is deprecated upstream) (GKE docs, "LoadBalancer Service parameters").
          "networking.gke.io/load-balancer-ip-addresses": props.addressName,
        },
      },
      spec: {
        type: "LoadBalancer",
        selector: props.selector ?? { app: props.name },
        // Every node passes the health check on kube-proxy's port 10256, which the VPC owner's firewall
        // rules admit; "Local" would need a health check node port of its own (GKE docs, "LoadBalancer Service concepts").
        externalTrafficPolicy: "Cluster",
        // GKE's firewall rule for the load balancer admits these sources only (GKE docs, "LoadBalancer Service parameters").
        loadBalancerSourceRanges: [...props.sourceRanges],
        port: [{ port: props.port, targetPort: String(props.targetPort ?? props.port), protocol: "TCP" }],
      },
    });
    this.address = props.address;
    this.url = httpUrl(props.address, props.port);
  }
}
