// The published library: the constructs, their props and interfaces, and the
// few kernel pieces a construct user needs (errors to catch, the policy
// checks, the limits the constructs enforce). An explicit list: anything not
// named here is internal and may change without notice. `api/library.api.md`
// is the reviewed report of this surface.

// Errors and validation
export { UserError } from "./core/errors";
export type { Problem } from "./core/errors";
export { ValidationError, PropsValidator } from "./core/validation";
export type { ProblemOptions, ReservedAddresses } from "./core/validation";
export type { RegionCloud } from "./core/regions";
// The limits the constructs enforce (PropsValidator's checks and the DhGroup,
// VpnEncryption and ReservedAddresses types are stated in them).
export {
  GOOGLE_HEALTH_CHECK_RANGES,
  PREFIX_LIMITS,
  RESERVED_SUBNET_ADDRESSES,
  SHARED_DH_GROUPS,
  SHARED_ENCRYPTIONS,
  VPC_CONNECTOR_INSTANCES,
  VPC_CONNECTOR_MACHINE_TYPES,
} from "./core/limits";
export type { PrefixLimit, PrefixLimitName } from "./core/limits";

// Policy checks (secure defaults, checked at synth)
export { PolicyChecks, PolicyError, POLICY_RULES, suppressPolicy } from "./core/policy";
export type { PolicyRule } from "./core/policy";

// GCP: the project's APIs
export { ProjectServices } from "./gcp/project-services";
export type { ProjectServicesProps } from "./gcp/project-services";

// GCP: networks and subnets
export { VpcNetwork } from "./gcp/vpc-network";
export type { INetwork, ISubnetwork, SubnetProps, VpcNetworkProps } from "./gcp/vpc-network";
export { DedicatedSubnet } from "./gcp/dedicated-subnet";
export type { DedicatedSubnetProps, DedicatedSubnetPurpose } from "./gcp/dedicated-subnet";
export { ProxyOnlySubnet } from "./gcp/proxy-only-subnet";
export type { IProxyOnlySubnet, ProxyOnlySubnetProps } from "./gcp/proxy-only-subnet";
export { PscNatSubnet } from "./gcp/psc-nat-subnet";
export type { PscNatSubnetProps } from "./gcp/psc-nat-subnet";
export { GkeSubnet } from "./gcp/gke-subnet";
export type { GkeSubnetProps, IGkeSubnet } from "./gcp/gke-subnet";

// GCP: publishing and consuming a service over Private Service Connect
export { HybridNegLoadBalancer } from "./gcp/hybrid-neg-load-balancer";
export type { HybridEndpoint, HybridNegLoadBalancerProps } from "./gcp/hybrid-neg-load-balancer";
export { ServiceAttachment } from "./gcp/service-attachment";
export type { AcceptedConsumer, IServiceAttachment, ServiceAttachmentProps } from "./gcp/service-attachment";
export { PscEndpoint } from "./gcp/psc-endpoint";
export type { PscEndpointProps } from "./gcp/psc-endpoint";

// GCP: HA VPN and BGP
export { HaVpnGateway } from "./gcp/ha-vpn-gateway";
export type { HaVpnGatewayProps, IHaVpnGateway } from "./gcp/ha-vpn-gateway";
export { ExternalVpnGateway, PEER_INTERFACE_COUNTS } from "./gcp/external-vpn-gateway";
export type { ExternalVpnGatewayProps, IExternalVpnGateway, PeerRedundancyType } from "./gcp/external-vpn-gateway";
export { CloudRouterBgp } from "./gcp/cloud-router-bgp";
export type { CloudRouterBgpProps, ICloudRouter } from "./gcp/cloud-router-bgp";
export { VpnTunnelPair } from "./gcp/vpn-tunnel-pair";
export type { PeerTunnel, VpnTunnelPairProps } from "./gcp/vpn-tunnel-pair";
export { HaVpnToAws } from "./gcp/ha-vpn-to-aws";
export type { HaVpnToAwsProps } from "./gcp/ha-vpn-to-aws";

// GCP: GKE
export { PrivateGkeCluster, STANDARD_POOL_DEFAULTS } from "./gcp/private-gke-cluster";
export type { AuthorizedNetwork, KubernetesApiEndpoint, PrivateGkeClusterProps, StandardNodePool } from "./gcp/private-gke-cluster";
export { RESTRICTED_APIS_EGRESS_PRIORITY, RestrictedGoogleApis } from "./gcp/restricted-google-apis";
export type { RestrictedGoogleApisProps } from "./gcp/restricted-google-apis";

// GCP: Shared VPC hub
export { SharedVpcHost, SharedVpcServiceProject } from "./gcp/shared-vpc";
export type { SharedSubnetwork, SharedVpcHostProps, SharedVpcServiceProjectProps } from "./gcp/shared-vpc";
export { PrivateServicesAccess, SERVICE_NETWORKING_SERVICE } from "./gcp/private-services-access";
export type { PrivateServicesAccessProps } from "./gcp/private-services-access";
export { GkeLoadBalancerFirewall, KUBE_PROXY_HEALTH_PORT } from "./gcp/gke-load-balancer-firewall";
export type { GkeLoadBalancerFirewallProps } from "./gcp/gke-load-balancer-firewall";

// GCP: serverless clients, and in-cluster Services published by name
export { ServerlessVpcAccessConnector, VPC_ACCESS_SERVICE_AGENT_ROLE, VPC_CONNECTOR_DEFAULTS } from "./gcp/serverless-vpc-access";
export type { ServerlessVpcAccessConnectorProps, VpcConnectorMachineType } from "./gcp/serverless-vpc-access";
export { PrivateDnsZone } from "./gcp/private-dns-zone";
export type { IPrivateDnsZone, PrivateDnsZoneProps } from "./gcp/private-dns-zone";
export { PublishedServiceAddress } from "./gcp/published-service-address";
export type { PublishedServiceAddressProps } from "./gcp/published-service-address";

// AWS
export { AwsVpc } from "./aws/aws-vpc";
export type { AwsVpcProps, AwsVpcSubnet, IAwsRouteTable, IAwsSubnet, IAwsVpc } from "./aws/aws-vpc";
export { AwsSiteToSiteVpn } from "./aws/aws-site-to-site-vpn";
export type { AwsSiteToSiteVpnProps, AwsVpnConnectionTunnels, AwsVpnTunnel, IAwsVpnConnections, DhGroup, VpnEncryption, VpnTermination } from "./aws/aws-site-to-site-vpn";
export { AwsVpcFlowLog, CLOUDWATCH_LOG_RETENTION_DAYS } from "./aws/aws-vpc-flow-log";
export type { AwsVpcFlowLogProps } from "./aws/aws-vpc-flow-log";
export { AwsSsmEndpoints, SSM_ENDPOINT_SERVICES } from "./aws/aws-ssm-endpoints";
export type { AwsSsmEndpointsProps, IAwsSsmEndpoints } from "./aws/aws-ssm-endpoints";
export { AwsBackendIngress } from "./aws/aws-backend-ingress";
export type { AwsBackendIngressProps, BackendIngress, IngressSource } from "./aws/aws-backend-ingress";

// Kubernetes
export { ClusterApiService } from "./k8s/cluster-api-service";
export type { ClusterApiServiceProps } from "./k8s/cluster-api-service";
export { InternalLoadBalancerService } from "./k8s/internal-load-balancer-service";
export type { InternalLoadBalancerServiceProps } from "./k8s/internal-load-balancer-service";

// Deploy identities for GitHub Actions, and the least permissions read off a stack
export { GithubWorkloadIdentity } from "./gcp/github-workload-identity";
export type { GithubWorkloadIdentityProps } from "./gcp/github-workload-identity";
export { GithubOidcRole } from "./aws/github-oidc-role";
export type { GithubOidcRoleProps, IamPolicyStatement } from "./aws/github-oidc-role";
export { GOOGLE_DEPLOYER_ROLES, googleDeployerNeeds, onlyGrantsCondition } from "./gcp/deployer-roles";
export type { DeployerRole, GoogleDeployerNeeds } from "./gcp/deployer-roles";
export { AWS_DEPLOYER_ACTIONS, awsDeployerStatements } from "./aws/deployer-actions";
export type { AwsDeployerNeeds } from "./aws/deployer-actions";
