import { App } from "cdktf";
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
import { addStacks } from "../../../lib/app";
import { GkeLoadBalancerFirewall } from "../../../constructs/gcp/gke-load-balancer-firewall";
import { PrivateDnsZone } from "../../../constructs/gcp/private-dns-zone";
import { PrivateServicesAccess } from "../../../constructs/gcp/private-services-access";
import { PublishedServiceAddress } from "../../../constructs/gcp/published-service-address";
import { ServerlessVpcAccessConnector } from "../../../constructs/gcp/serverless-vpc-access";
import { SharedVpcServiceProject } from "../../../constructs/gcp/shared-vpc";
import { InternalLoadBalancerService } from "../../../constructs/k8s/internal-load-balancer-service";
import { ServerlessConnectivityCheck } from "../../../lib/app-constructs/serverless-check";
import { BackendInstance } from "../../../lib/app-constructs/backend-instance";
import { ConnectivityCheck } from "../../../lib/app-constructs/connectivity-check";
import { configRules } from "../../../lib/config/rules";
import { shown, VARIANTS, watched } from "./props-support";

// The config runs every construct's own rules on the props the stacks will
// pass (lib/config/rules.ts builds them a second time, to name each prop by
// its config path). This proves the two agree: every validate call the
// stacks make is made by the config with the same values, for the example
// and for variants that switch on every optional construct.

const VALIDATORS: Array<[string, object, string]> = [
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
];

/**
 * Built inside another construct from that construct's props, whose rules
 * already cover them (HaVpnToAws validates the tunnels and the peer gateway
 * it makes): the config checks the outer construct.
 */
const INNER = new Set(["VpnTunnelPair", "ExternalVpnGateway"]);
// Not compared: GithubOidcRole and GithubWorkloadIdentity. The bootstrap stacks make one role per stack kind, with the
// statements read off that stack; the config checks one role with a stand-in statement (construct-paths.test.ts names it).

/** Values the stacks know only as references to other resources, and the config checks as the values it configures. */
const REFERENCE_IN_STACKS: Record<string, string[]> = {
  // The namespace resource's name, so the CronJob is created after its namespace.
  ConnectivityCheck: ["namespace"],
  // The address resource's name and the namespace resource's, so the Service is created after them.
  InternalLoadBalancerService: ["addressName", "namespace"],
  // The host project's and the subnet's resources, so the attachment and grants follow them.
  SharedVpcServiceProject: ["hostProject", "subnets[0].name"],
};

/** What every validate call made while `run` runs read, per construct: one sorted list of reads per call. */
function validateCalls(run: () => void): Map<string, string[]> {
  const calls = new Map<string, string[]>();
  const spies = VALIDATORS.map(([name, target, method]) => {
    const original = (target as any)[method] as (props: unknown, v: unknown) => void;
    return jest.spyOn(target as any, method).mockImplementation((props: unknown, v: unknown) => {
      const reads = new Set<string>();
      original.call(target, watched(props, "", (at, value) => reads.add(`${at}=${shown(value)}`)), v);
      const kept = [...reads].filter((read) => !(REFERENCE_IN_STACKS[name] ?? []).some((field) => read.startsWith(`${field}=`) || read.startsWith(`${field}.`)));
      (calls.get(name) ?? calls.set(name, []).get(name)!).push(kept.sort().join(" "));
    });
  });
  try {
    run();
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  for (const list of calls.values()) list.sort();
  return calls;
}

// One test per variant, which makes all it compares: mutation testing runs only the tests that executed a mutant, so a
// test reading results another test made would go unrun.
test.each(VARIANTS)("for %s, the config checks every construct the stacks build (but those built inside another), with the props the stacks pass", (_name, variant) => {
  const config = variant();
  const outer = (calls: Map<string, string[]>) => Object.fromEntries([...calls].filter(([name]) => !INNER.has(name)).sort(([a], [b]) => a.localeCompare(b)));
  expect(outer(validateCalls(() => configRules(config)))).toEqual(outer(validateCalls(() => addStacks(new App(), config))));
});
