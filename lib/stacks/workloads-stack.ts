import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ClusterApiService } from "../../constructs/cluster-api-service";
import { PrivateGkeCluster } from "../../constructs/private-gke-cluster";
import { PscEndpoint } from "../../constructs/psc-endpoint";
import { Config, TenantConfig } from "../config";
import { useLocalState } from "./state";

/** What a workloads stack needs from its consumer stack. */
export interface WorkloadsStackInputs {
  readonly cluster: PrivateGkeCluster;
  readonly pscEndpoint: PscEndpoint;
}

/**
 * Kubernetes, the tenant's cluster: a namespace and an in-cluster Service
 * name for the AWS API that forwards to the PSC endpoint.
 */
export class WorkloadsStack extends TerraformStack {
  readonly api: ClusterApiService;

  constructor(scope: Construct, id: string, config: Config, tenant: TenantConfig, inputs: WorkloadsStackInputs) {
    super(scope, id);
    useLocalState(this);
    new KubernetesProvider(this, "kubernetes", {
      // The DNS-based control-plane endpoint serves a publicly trusted
      // certificate, so no CA certificate is configured; credentials come
      // from the caller's gcloud login through the GKE auth plugin and never
      // enter Terraform state.
      host: `https://${inputs.cluster.dnsEndpoint}`,
      exec: [{ apiVersion: "client.authentication.k8s.io/v1beta1", command: "gke-gcloud-auth-plugin" }],
    });
    this.api = new ClusterApiService(this, "aws-api", {
      namespace: tenant.namespace,
      serviceName: "aws-api",
      targetIp: inputs.pscEndpoint.ipAddress,
      port: config.service.port,
    });
  }
}
