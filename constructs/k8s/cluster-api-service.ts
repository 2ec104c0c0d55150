import { EndpointSliceV1 } from "@cdktf/provider-kubernetes/lib/endpoint-slice-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { Construct } from "constructs";
import { DNS_LABEL_PATTERN, DNS_LABEL_RULE, httpUrl, isSystemNamespace, SYSTEM_NAMESPACE_RULE } from "../core/names";
import { HTTP_PORT } from "../core/limits";
import { PropsValidator, validateProps } from "../core/validation";

/** NodeLocal DNSCache's address (always on in Autopilot, optional in Standard). */
const NODE_LOCAL_DNS = "169.254.20.10/32";
/** Where pods resolve with Cloud DNS for GKE and no NodeLocal DNSCache: the metadata server. */
const METADATA_SERVER_DNS = "169.254.169.254/32";

/** The Service's name when the props give none. */
const DEFAULT_SERVICE_NAME = "aws-api";

export interface ClusterApiServiceProps {
  /** Namespace of the Service; created here. */
  readonly namespace: string;
  /** Name of the Service: pods call `http://<name>.<namespace>.svc.cluster.local`. @default "aws-api" */
  readonly serviceName?: string;
  /** Address the Service forwards to: the PSC endpoint's internal IP. */
  readonly targetIp: string;
  /** Port of the Service and of the target. @default 80 */
  readonly port?: number;
  /**
   * Limit egress of every pod in the namespace to the target (and DNS).
   * Needs a cluster that enforces NetworkPolicy (GKE Dataplane V2 does).
   * @default true
   */
  readonly restrictEgress?: boolean;
}

/**
 * A stable in-cluster name for an API outside the cluster: a namespace, a
 * selector-less ClusterIP Service and an EndpointSlice pointing at one
 * address (the PSC endpoint), and a NetworkPolicy that lets the namespace's
 * pods reach that address and DNS and nothing else.
 */
export class ClusterApiService extends Construct {
  readonly namespace: NamespaceV1;
  readonly service: ServiceV1;
  /** The egress policy, unless `restrictEgress` is false. */
  readonly egressPolicy?: NetworkPolicyV1;
  /** In-cluster URL of the API. */
  readonly url: string;

  /** The in-cluster URL pods call for these props: `http://<serviceName>.<namespace>.svc.cluster.local[:port]`. */
  static urlFor(props: Pick<ClusterApiServiceProps, "namespace" | "serviceName" | "port">): string {
    return httpUrl(`${props.serviceName ?? DEFAULT_SERVICE_NAME}.${props.namespace}.svc.cluster.local`, props.port);
  }

  /** Records every problem with the props in `v`. */
  static validate(props: ClusterApiServiceProps, v: PropsValidator): void {
    v.check(DNS_LABEL_PATTERN.test(props.namespace), "namespace", props.namespace, DNS_LABEL_RULE);
    v.check(!isSystemNamespace(props.namespace), "namespace", props.namespace, SYSTEM_NAMESPACE_RULE);
    if (props.serviceName !== undefined) v.check(DNS_LABEL_PATTERN.test(props.serviceName), "serviceName", props.serviceName, DNS_LABEL_RULE);
    v.ipv4("targetIp", props.targetIp);
    if (props.port !== undefined) v.port("port", props.port);
  }

  constructor(scope: Construct, id: string, props: ClusterApiServiceProps) {
    super(scope, id);
    validateProps(this, "ClusterApiService", (v) => ClusterApiService.validate(props, v));
    const serviceName = props.serviceName ?? DEFAULT_SERVICE_NAME;
    const port = props.port ?? HTTP_PORT;

    this.namespace = new NamespaceV1(this, "namespace", { metadata: { name: props.namespace } });
    const namespace = this.namespace.metadata.name;
    this.service = new ServiceV1(this, "service", {
      metadata: { name: serviceName, namespace },
      // No selector: the EndpointSlice below supplies the one endpoint.
      spec: { type: "ClusterIP", port: [{ name: "http", port, targetPort: String(port), protocol: "TCP" }] },
    });
    new EndpointSliceV1(this, "endpoint-slice", {
      metadata: {
        name: serviceName,
        namespace,
        labels: {
          // Links the slice to the Service (Kubernetes docs, "EndpointSlices").
          "kubernetes.io/service-name": serviceName,
          "endpointslice.kubernetes.io/managed-by": "terraform",
        },
      },
      addressType: "IPv4",
      endpoint: [{ addresses: [props.targetIp], condition: { ready: true } }],
      port: [{ name: "http", port: String(port), protocol: "TCP", appProtocol: "http" }],
    });

    if (props.restrictEgress ?? true) {
      const dnsPorts = [
        { port: "53", protocol: "UDP" },
        { port: "53", protocol: "TCP" },
      ];
      this.egressPolicy = new NetworkPolicyV1(this, "egress-policy", {
        metadata: { name: `${serviceName}-egress`, namespace },
        spec: {
          podSelector: {},
          policyTypes: ["Egress"],
          egress: [
            // Service traffic is matched after translation, i.e. against the PSC endpoint's address.
            { to: [{ ipBlock: { cidr: `${props.targetIp}/32` } }], ports: [{ port: String(port), protocol: "TCP" }] },
            {
              to: [
                { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } },
                { ipBlock: { cidr: NODE_LOCAL_DNS } },
                { ipBlock: { cidr: METADATA_SERVER_DNS } },
              ],
              ports: dnsPorts,
            },
          ],
        },
      });
    }
    this.url = ClusterApiService.urlFor(props);
  }
}
