import { DataGoogleClientConfig } from "@cdktf/provider-google/lib/data-google-client-config";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ClusterApiService } from "../../constructs/k8s/cluster-api-service";
import { ConnectivityCheck } from "../app-constructs/connectivity-check";
import { PrivateGkeCluster } from "../../constructs/gcp/private-gke-cluster";
import { InternalLoadBalancerService } from "../../constructs/k8s/internal-load-balancer-service";
import { apiTargetOf, Config, TenantConfig } from "../config/schema";
import { httpUrl } from "../../constructs/core/names";
import { API_SERVICE_NAME } from "../naming";
import { publishedServiceProps } from "../tenant-props";
import { PublishedAddress } from "./consumer-stack";
import { useStateBackend } from "./state";

/** What a workloads stack needs from its consumer stack. */
export interface WorkloadsStackInputs {
  readonly cluster: PrivateGkeCluster;
  /** The address the in-cluster API name forwards to: the PSC endpoint's, or for a routed tenant the backend's. */
  readonly apiIp: string;
  /** The tenant's published Services, each with its reserved address (and a PSC tenant's, its name). @default - none */
  readonly published?: readonly PublishedAddress[];
}

/**
 * Kubernetes, the tenant's cluster: a namespace, an in-cluster Service name
 * for the AWS API that forwards to the PSC endpoint (or, for a routed
 * tenant, straight to the backend over the VPN), an egress policy that
 * allows only that (and DNS), an on-demand connectivity check, and the
 * tenant's published Services on their reserved internal addresses.
 */
export class WorkloadsStack extends TerraformStack {
  readonly api: ClusterApiService;
  readonly check: ConnectivityCheck;

  constructor(scope: Construct, id: string, config: Config, tenant: TenantConfig, inputs: WorkloadsStackInputs) {
    super(scope, id);
    useStateBackend(this, config, "kubernetes");
    // The DNS-based endpoint (publicly trusted certificate, no CA given), or with
    // gke.dnsEndpoint false the private IP endpoint and the cluster's CA: then
    // Terraform must run where that private address is reachable (README).
    const { host, clusterCaCertificate } = inputs.cluster.apiEndpoint;
    if (tenant.kubernetesAuth === "access-token") {
      // The Kubernetes provider's documented GKE pattern: a Google access token
      // of the credentials Terraform runs with. The google provider here only
      // reads that token; it creates nothing.
      new GoogleProvider(this, "google", { project: tenant.project, region: config.gcp.region });
      const client = new DataGoogleClientConfig(this, "google-client");
      new KubernetesProvider(this, "kubernetes", { host, clusterCaCertificate, token: client.accessToken });
    } else {
      // The token comes from the caller's gcloud login through the GKE auth plugin and never enters state.
      new KubernetesProvider(this, "kubernetes", {
        host,
        clusterCaCertificate,
        exec: [{ apiVersion: "client.authentication.k8s.io/v1beta1", command: "gke-gcloud-auth-plugin" }],
      });
    }
    this.api = new ClusterApiService(this, "aws-api", {
      namespace: tenant.namespace,
      serviceName: API_SERVICE_NAME,
      targetIp: inputs.apiIp,
      port: apiTargetOf(config, tenant).port,
    });
    this.check = new ConnectivityCheck(this, "connectivity-check", {
      // The namespace resource's name, not the config string: the CronJob is created after its namespace.
      namespace: this.api.namespace.metadata.name,
      url: `${this.api.url}${config.service.healthCheckPath}`,
      image: tenant.checkImage,
    });
    new TerraformOutput(this, "api-url", { value: this.api.url, description: "In-cluster URL of the AWS API" });
    new TerraformOutput(this, "run-connectivity-check", { value: this.check.runCommand, description: "Runs the connectivity check" });
    for (const { service, address } of inputs.published ?? []) {
      // The namespace resource's name: the Service is created after its namespace.
      const published = new InternalLoadBalancerService(this, `published-${service.name}`, publishedServiceProps(config, tenant, service, this.api.namespace.metadata.name, address));
      // A routed tenant's from AWS by address (the hub's firewall admits AWS); a PSC tenant's by its private name, from its VPC.
      const url = address.dnsName === undefined ? published.url : httpUrl(address.dnsName, service.port);
      const from = address.dnsName === undefined ? "from AWS over the VPN" : "by its private name, from the tenant's VPC and serverless clients";
      new TerraformOutput(this, `published-${service.name}-url`, { value: url, description: `URL of the published Service ${service.name}, ${from}` });
    }
  }
}
