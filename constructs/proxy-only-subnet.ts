import { Construct } from "constructs";
import { DedicatedSubnet, DedicatedSubnetProps } from "./dedicated-subnet";

export type ProxyOnlySubnetProps = DedicatedSubnetProps;

/**
 * The proxy-only subnet of a region (purpose REGIONAL_MANAGED_PROXY, role
 * ACTIVE): the Envoy proxies of regional internal Application Load Balancers
 * take their addresses from it, so it is the source address every backend,
 * including a hybrid NEG endpoint on AWS, sees for requests and health checks.
 */
export class ProxyOnlySubnet extends DedicatedSubnet {
  constructor(scope: Construct, id: string, props: ProxyOnlySubnetProps) {
    super(scope, id, props, {
      kind: "ProxyOnlySubnet",
      purpose: "REGIONAL_MANAGED_PROXY",
      role: "ACTIVE",
      maxPrefix: 26,
      why: "Google Cloud docs, 'Proxy-only subnets for Envoy-based load balancers': at least 64 addresses",
      description: "Proxy-only: source addresses of the region's Envoy-based load balancers",
    });
  }
}
