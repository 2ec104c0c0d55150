import { Token } from "cdktf";
import type { Config } from "../../../lib/config/schema";
import { exampleConfig, exampleWith, existingVpcAndBackend, pipelineConfig } from "../../helpers";

import { AwsSiteToSiteVpn } from "../../../constructs/aws/aws-site-to-site-vpn";
import { AwsBackendIngress } from "../../../constructs/aws/aws-backend-ingress";
import { AwsSsmEndpoints } from "../../../constructs/aws/aws-ssm-endpoints";
import { AwsVpc } from "../../../constructs/aws/aws-vpc";
import { AwsVpcFlowLog } from "../../../constructs/aws/aws-vpc-flow-log";
import { CloudRouterBgp } from "../../../constructs/gcp/cloud-router-bgp";
import { ExternalVpnGateway } from "../../../constructs/gcp/external-vpn-gateway";
import { GkeSubnet } from "../../../constructs/gcp/gke-subnet";
import { HaVpnGateway } from "../../../constructs/gcp/ha-vpn-gateway";
import { HaVpnToAws } from "../../../constructs/gcp/ha-vpn-to-aws";
import { HybridNegLoadBalancer } from "../../../constructs/gcp/hybrid-neg-load-balancer";
import { PrivateGkeCluster } from "../../../constructs/gcp/private-gke-cluster";
import { ProxyOnlySubnet } from "../../../constructs/gcp/proxy-only-subnet";
import { PscEndpoint } from "../../../constructs/gcp/psc-endpoint";
import { PscNatSubnet } from "../../../constructs/gcp/psc-nat-subnet";
import { RestrictedGoogleApis } from "../../../constructs/gcp/restricted-google-apis";
import { ServiceAttachment } from "../../../constructs/gcp/service-attachment";
import { VpcNetwork } from "../../../constructs/gcp/vpc-network";
import { VpnTunnelPair } from "../../../constructs/gcp/vpn-tunnel-pair";
import { ClusterApiService } from "../../../constructs/k8s/cluster-api-service";
import { GkeLoadBalancerFirewall } from "../../../constructs/gcp/gke-load-balancer-firewall";
import { PrivateDnsZone } from "../../../constructs/gcp/private-dns-zone";
import { PrivateServicesAccess } from "../../../constructs/gcp/private-services-access";
import { PublishedServiceAddress } from "../../../constructs/gcp/published-service-address";
import { ServerlessVpcAccessConnector } from "../../../constructs/gcp/serverless-vpc-access";
import { SharedVpcHost, SharedVpcServiceProject } from "../../../constructs/gcp/shared-vpc";
import { ProjectServices } from "../../../constructs/gcp/project-services";
import { InternalLoadBalancerService } from "../../../constructs/k8s/internal-load-balancer-service";
import { ServerlessConnectivityCheck } from "../../../lib/app-constructs/serverless-check";
import { BackendInstance } from "../../../lib/app-constructs/backend-instance";
import { ConnectivityCheck } from "../../../lib/app-constructs/connectivity-check";
import { GithubOidcRole } from "../../../constructs/aws/github-oidc-role";
import { GithubWorkloadIdentity } from "../../../constructs/gcp/github-workload-identity";

// What the tests of the construct checks (lib/config/rules.ts, constructChecks) share.

/** A value as compared: tokens (known only at apply) are all alike. */
export function shown(value: unknown): string {
  if ((typeof value === "string" || typeof value === "number") && Token.isUnresolved(value)) return "<token>";
  return JSON.stringify(value);
}

/**
 * The props, watched: every value a validator reads is passed to `record`
 * with its path in the props (objects are followed, not recorded), so a test
 * sees exactly what the rules look at.
 */
export function watched(target: unknown, path: string, record: (at: string, value: unknown) => void): unknown {
  if (target === null || typeof target !== "object") return target;
  return new Proxy(target as object, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver);
      if (typeof key === "symbol" || typeof value === "function") return value;
      const at = Array.isArray(obj) ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`;
      if (value !== null && typeof value === "object") return watched(value, at, record);
      record(at, value);
      return value;
    },
  });
}

/**
 * Runs `run` with every validate function of `validators` spied on: each call gets the props and
 * validator `wrap` makes of its own (given the construct's name in VALIDATORS).
 */
export function withValidatorsWrapped(
  validators: typeof VALIDATORS,
  wrap: (name: string, props: unknown, v: any) => [unknown, unknown],
  run: () => void,
): void {
  const spies = validators.map(([name, target, method]) => {
    const original = (target as any)[method] as (props: unknown, v: unknown) => void;
    return jest.spyOn(target as any, method).mockImplementation((props: unknown, v: unknown) => original.call(target, ...wrap(name, props, v)));
  });
  try {
    run();
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

// Each config made in the tests that read it, once per describe: nothing the rules run at load (mutation testing runs a mutant's own tests, not the file).
export const VARIANTS: Array<[string, () => Config]> = [
  ["the example", () => exampleConfig()],
  [
    "every optional construct and value on",
    () => exampleWith((c) => {
      c.aws.termination = "tgw";
      c.aws.backend.amiId = "ami-0123456789abcdef0";
      c.gcp.negZone = "asia-northeast1-b";
      c.vpn = { ...c.vpn, advertisedRanges: ["10.10.64.0/20"], routePriorities: [100, 100, 200, 200], insideCidrs: ["169.254.20.0/30", "169.254.20.4/30", "169.254.20.8/30", "169.254.20.12/30"] };
      c.service = { ...c.service, attachmentDomainName: "aws-api.example.com.", port: 8080, healthCheckPath: "/health" };
      c.tenants[0].pscEndpointIp = "10.0.20.50";
      c.tenants[0].checkImage = "gcr.io/example/curl:1";
      c.tenants[0].gke = { mode: "standard", nodePool: { maxPodsPerNode: 16 }, restrictedGoogleApis: true, controlPlaneCidr: "172.16.0.0/28", authorizedNetworks: [{ cidr: "192.168.100.0/24", displayName: "ci" }] };
      c.tenants[0].podsCidr = "10.0.96.0/20";
      c.tenants[0].dnsZone = "apis.corp.example.";
      c.tenants[0].serverless.connector = { ...c.tenants[0].serverless.connector, machineType: "e2-standard-4", minInstances: 3, maxInstances: 7 };
      c.tenants[0].publishedServices = [{ name: "inventory", port: 8080, targetPort: 9090, selector: { app: "inv" }, dnsName: "inventory.apis.corp.example." }];
      // team-c (routed) first: the i-th PSC tenant is not tenants[i]. Two published ports, the second first published third.
      const routed = c.tenants.pop();
      routed.publishedServices = [{ name: "orders", port: 8080, targetPort: 8081 }, { name: "orders-admin", port: 8080 }, { name: "billing", port: 9443 }];
      c.tenants.unshift(routed);
      c.gcp.additionalPscNatCidrs = ["10.10.11.0/24", "10.10.12.0/24"];
      c.observability = { ...c.observability, awsLogRetentionDays: 30, gcpFlowLogSampling: 0.25, loadBalancerLogSampling: 0.5 };
    }),
  ],
  [
    "an existing VPC and API, with a transit gateway on two subnets",
    () =>
      exampleWith((c) => {
        existingVpcAndBackend("tgw")(c);
        c.aws.existingVpc.attachmentSubnetIds.push("subnet-0123456789abcdef1");
      }),
  ],
  ["an existing VPC and API, with a virtual private gateway, no AWS flow logs, a routed tenant publishing nothing", () =>
    exampleWith((c) => {
      existingVpcAndBackend("vgw")(c);
      c.observability.awsFlowLogs = false;
      c.tenants[2].publishedServices = [];
    }),
  ],
  [
    "PSC tenants only, the demo instance without Session Manager",
    () =>
      exampleWith((c) => {
        c.aws.backend.ssm = false;
        c.tenants = c.tenants.filter((t: { kind?: string }) => t.kind !== "routed");
      }),
  ],
  [
    "a deploy pipeline, with private services access",
    () =>
      pipelineConfig((c) => {
        c.gcp.privateServicesAccessCidrs = ["10.10.64.0/20"];
        c.pipeline = { ...c.pipeline, branch: "release", awsOidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" };
      }),
  ],
];

/** Every validate function the stacks or the config rules call, by construct. */
export const VALIDATORS: Array<[string, object, string]> = [
  ["VpcNetwork", VpcNetwork, "validate"],
  ["VpcNetwork subnet", VpcNetwork, "validateSubnet"],
  ["ProxyOnlySubnet", ProxyOnlySubnet, "validate"],
  ["PscNatSubnet", PscNatSubnet, "validate"],
  ["GkeSubnet", GkeSubnet, "validate"],
  ["HaVpnGateway", HaVpnGateway, "validate"],
  ["HybridNegLoadBalancer", HybridNegLoadBalancer, "validate"],
  ["ServiceAttachment", ServiceAttachment, "validate"],
  ["PscEndpoint", PscEndpoint, "validate"],
  ["PrivateGkeCluster", PrivateGkeCluster, "validate"],
  ["RestrictedGoogleApis", RestrictedGoogleApis, "validate"],
  ["CloudRouterBgp", CloudRouterBgp, "validate"],
  ["HaVpnToAws", HaVpnToAws, "validate"],
  ["VpnTunnelPair", VpnTunnelPair, "validate"],
  ["ExternalVpnGateway", ExternalVpnGateway, "validate"],
  ["AwsVpc", AwsVpc, "validate"],
  ["AwsSiteToSiteVpn", AwsSiteToSiteVpn, "validate"],
  ["AwsVpcFlowLog", AwsVpcFlowLog, "validate"],
  ["AwsSsmEndpoints", AwsSsmEndpoints, "validate"],
  ["AwsBackendIngress", AwsBackendIngress, "validate"],
  ["BackendInstance", BackendInstance, "validate"],
  ["ClusterApiService", ClusterApiService, "validate"],
  ["ConnectivityCheck", ConnectivityCheck, "validate"],
  ["GkeLoadBalancerFirewall", GkeLoadBalancerFirewall, "validate"],
  ["PrivateDnsZone", PrivateDnsZone, "validate"],
  ["PrivateServicesAccess", PrivateServicesAccess, "validate"],
  ["PublishedServiceAddress", PublishedServiceAddress, "validate"],
  ["InternalLoadBalancerService", InternalLoadBalancerService, "validate"],
  ["ServerlessConnectivityCheck", ServerlessConnectivityCheck, "validate"],
  ["ServerlessVpcAccessConnector", ServerlessVpcAccessConnector, "validate"],
  ["SharedVpcServiceProject", SharedVpcServiceProject, "validate"],
  ["GithubWorkloadIdentity", GithubWorkloadIdentity, "validate"],
  ["GithubOidcRole", GithubOidcRole, "validate"],
  ["SharedVpcHost", SharedVpcHost, "validate"],
  ["ProjectServices", ProjectServices, "validate"],
];

/**
 * Built inside another construct from that construct's props, whose rules
 * already cover them (HaVpnToAws validates the tunnels and the peer gateway
 * it makes): the config checks the outer construct.
 */
export const INNER = new Set(["VpnTunnelPair", "ExternalVpnGateway"]);
