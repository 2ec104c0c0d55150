import { EndpointSliceV1 } from "@cdktf/provider-kubernetes/lib/endpoint-slice-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { Construct } from "constructs";
import { isIpv4 } from "../lib/cidr";
import { PropsValidator } from "../lib/validation";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export interface ClusterApiServiceProps {
  /** Namespace of the Service; created here. */
  readonly namespace: string;
  /** Name of the Service: pods call `http://<name>.<namespace>.svc.cluster.local`. @default "aws-api" */
  readonly serviceName?: string;
  /** Address the Service forwards to: the PSC endpoint's internal IP. */
  readonly targetIp: string;
  /** Port of the Service and of the target. @default 80 */
  readonly port?: number;
}

/**
 * A stable in-cluster name for an API outside the cluster: a namespace, a
 * selector-less ClusterIP Service and an EndpointSlice pointing at one
 * address (the PSC endpoint). Pods use the name, never the IP.
 */
export class ClusterApiService extends Construct {
  readonly namespace: NamespaceV1;
  readonly service: ServiceV1;
  /** In-cluster URL of the API. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ClusterApiServiceProps) {
    super(scope, id);
    const serviceName = props.serviceName ?? "aws-api";
    const port = props.port ?? 80;
    const v = new PropsValidator(`ClusterApiService ${this.node.path}`);
    v.check(DNS_LABEL.test(props.namespace), "namespace", props.namespace, "must be a Kubernetes DNS label: lowercase letters, digits and '-', at most 63");
    v.check(DNS_LABEL.test(serviceName), "serviceName", serviceName, "must be a Kubernetes DNS label: lowercase letters, digits and '-', at most 63");
    v.check(isIpv4(props.targetIp), "targetIp", props.targetIp, "must be an IPv4 address");
    v.check(Number.isInteger(port) && port >= 1 && port <= 65535, "port", port, "must be a port, 1-65535");
    v.throwIfInvalid();

    this.namespace = new NamespaceV1(this, "namespace", { metadata: { name: props.namespace } });
    this.service = new ServiceV1(this, "service", {
      metadata: { name: serviceName, namespace: this.namespace.metadata.name },
      // No selector: the EndpointSlice below supplies the one endpoint.
      spec: { type: "ClusterIP", port: [{ name: "http", port, targetPort: String(port), protocol: "TCP" }] },
    });
    new EndpointSliceV1(this, "endpoint-slice", {
      metadata: {
        name: serviceName,
        namespace: this.namespace.metadata.name,
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
    this.url = `http://${serviceName}.${props.namespace}.svc.cluster.local${port === 80 ? "" : `:${port}`}`;
  }
}
