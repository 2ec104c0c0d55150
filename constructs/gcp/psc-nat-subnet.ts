import { Construct } from "constructs";
import { PREFIX_LIMITS } from "../core/limits";
import { PropsValidator } from "../core/validation";
import { DedicatedSubnet, DedicatedSubnetProps, validateDedicated } from "./dedicated-subnet";

export type PscNatSubnetProps = DedicatedSubnetProps;

/**
 * A PSC NAT subnet (purpose PRIVATE_SERVICE_CONNECT): a service attachment
 * source-NATs consumer connections from it, so consumer CIDRs never reach
 * the producer and may overlap anything.
 */
export class PscNatSubnet extends DedicatedSubnet {
  /** Records every problem with the props in a validator. */
  static validate(props: DedicatedSubnetProps, v: PropsValidator): void {
    validateDedicated(props, PREFIX_LIMITS.pscNatSubnet, v);
  }

  constructor(scope: Construct, id: string, props: PscNatSubnetProps) {
    super(scope, id, props, {
      kind: "PscNatSubnet",
      purpose: "PRIVATE_SERVICE_CONNECT",
      validate: (p, v) => PscNatSubnet.validate(p, v),
      description: "PSC NAT: source addresses of consumer connections to the service attachment",
    });
  }
}
