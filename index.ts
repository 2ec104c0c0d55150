// The package root: every construct, the stacks and the config module.
// Deep imports (`@psc-hybrid/gke-aws-psc/constructs/vpn-tunnel-pair`) load
// only what they name.
export * from "./constructs/aws-site-to-site-vpn";
export * from "./constructs/aws-vpc";
export * from "./constructs/backend-instance";
export * from "./constructs/cloud-router-bgp";
export * from "./constructs/cluster-api-service";
export * from "./constructs/connectivity-check";
export * from "./constructs/dedicated-subnet";
export * from "./constructs/external-vpn-gateway";
export * from "./constructs/gke-subnet";
export * from "./constructs/ha-vpn-gateway";
export * from "./constructs/hybrid-neg-load-balancer";
export * from "./constructs/private-gke-cluster";
export * from "./constructs/proxy-only-subnet";
export * from "./constructs/psc-endpoint";
export * from "./constructs/psc-nat-subnet";
export * from "./constructs/refs";
export * from "./constructs/restricted-google-apis";
export * from "./constructs/service-attachment";
export * from "./constructs/vpc-network";
export * from "./constructs/vpn-tunnel-pair";
export * from "./lib/app";
export * from "./lib/asn";
export * from "./lib/cidr";
export * from "./lib/config";
export * from "./lib/naming";
export * from "./lib/stacks/aws-stack";
export * from "./lib/stacks/consumer-stack";
export * from "./lib/stacks/producer-stack";
export * from "./lib/stacks/state";
export * from "./lib/stacks/tunnels-stack";
export * from "./lib/stacks/workloads-stack";
export * from "./lib/validation";
