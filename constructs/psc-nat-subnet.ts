import { Construct } from "constructs";
import { DedicatedSubnet, DedicatedSubnetProps } from "./dedicated-subnet";

export type PscNatSubnetProps = DedicatedSubnetProps;

/**
 * A PSC NAT subnet (purpose PRIVATE_SERVICE_CONNECT): a service attachment
 * source-NATs consumer connections from it, so consumer CIDRs never reach
 * the producer and may overlap anything.
 */
export class PscNatSubnet extends DedicatedSubnet {
  constructor(scope: Construct, id: string, props: PscNatSubnetProps) {
    super(scope, id, props, {
      kind: "PscNatSubnet",
      purpose: "PRIVATE_SERVICE_CONNECT",
      maxPrefix: 29,
      why: "Google Cloud docs, 'Publish services: NAT subnets': the smallest NAT subnet is a /29",
      description: "PSC NAT: source addresses of consumer connections to the service attachment",
    });
  }
}
