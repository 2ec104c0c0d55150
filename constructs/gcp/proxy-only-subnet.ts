import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { PREFIX_LIMITS } from "../core/limits";
import { PropsValidator } from "../core/validation";
import { DedicatedSubnet, DedicatedSubnetProps, validateDedicated } from "./dedicated-subnet";
import { ISubnetwork } from "./vpc-network";

export type ProxyOnlySubnetProps = DedicatedSubnetProps;

/**
 * A region's proxy-only subnet, as a load balancer needs it: made here (then
 * `dependable` lets the forwarding rule wait for it) or existing already.
 */
export interface IProxyOnlySubnet extends ISubnetwork {
  /** What an INTERNAL_MANAGED forwarding rule must be created after, when the subnet is made in the same stack. */
  readonly dependable?: ITerraformDependable;
}

/**
 * The proxy-only subnet of a region (purpose REGIONAL_MANAGED_PROXY, role
 * ACTIVE): the Envoy proxies of regional internal Application Load Balancers
 * take their addresses from it, so it is the source address every backend,
 * including a hybrid NEG endpoint on AWS, sees for requests and health checks.
 */
export class ProxyOnlySubnet extends DedicatedSubnet implements IProxyOnlySubnet {
  /** Records every problem with the props in a validator. */
  static validate(props: DedicatedSubnetProps, v: PropsValidator): void {
    validateDedicated(props, PREFIX_LIMITS.proxyOnlySubnet, v);
  }

  readonly dependable: ITerraformDependable;

  constructor(scope: Construct, id: string, props: ProxyOnlySubnetProps) {
    super(scope, id, props, {
      kind: "ProxyOnlySubnet",
      purpose: "REGIONAL_MANAGED_PROXY",
      role: "ACTIVE",
      validate: (p, v) => ProxyOnlySubnet.validate(p, v),
      description: "Proxy-only: source addresses of the region's Envoy-based load balancers",
    });
    this.dependable = this.subnet;
  }
}
