import { ComputeSubnetwork } from "@cdktf/provider-google/lib/compute-subnetwork";
import { Construct } from "constructs";
import { PrefixLimit } from "../core/limits";
import { PropsValidator, validateProps } from "../core/validation";
import { INetwork, ISubnetwork } from "./vpc-network";

/** Props shared by the subnets GCP reserves for one purpose. */
export interface DedicatedSubnetProps {
  /** Network the subnet belongs to. */
  readonly network: INetwork;
  /** Name of the subnet. */
  readonly name: string;
  /** Region of the subnet. */
  readonly region: string;
  /** IPv4 range (RFC 1918 or 100.64.0.0/10). */
  readonly ipCidrRange: string;
  /** Project of the subnet. @default - the provider's project */
  readonly project?: string;
  /** Why the subnet exists. @default - a description of its purpose */
  readonly description?: string;
}

/** What distinguishes one kind of dedicated subnet from another (what a subclass passes to the constructor). */
export interface DedicatedSubnetPurpose {
  /** The subclass's name, the source of its validation errors. */
  readonly kind: string;
  /** The subnet's `purpose` in GCP (`REGIONAL_MANAGED_PROXY`, `PRIVATE_SERVICE_CONNECT`). */
  readonly purpose: string;
  /** The subnet's `role` in GCP, where the purpose has one. @default - none */
  readonly role?: string;
  /** The subclass's rules (its static `validate`, which checks the sizes the purpose allows). */
  readonly validate: (props: DedicatedSubnetProps, v: PropsValidator) => void;
  /** Description of the subnet when the props give none. */
  readonly description: string;
}

/** Records every problem with a dedicated subnet's props in `v`, against the size limit of its purpose. */
export function validateDedicated(props: DedicatedSubnetProps, limit: PrefixLimit, v: PropsValidator): void {
  v.gcpName("name", props.name);
  v.gcpRegion("region", props.region);
  v.privateCidr("ipCidrRange", props.ipCidrRange, limit);
}

/**
 * A subnet GCP reserves for one purpose: no VM can use it. Validates the
 * range and its size against the purpose's documented minimum.
 */
export abstract class DedicatedSubnet extends Construct implements ISubnetwork {
  /** The subnet resource. */
  readonly subnet: ComputeSubnetwork;
  readonly id: string;
  readonly selfLink: string;
  readonly name: string;
  /** The subnet's range, as given. */
  readonly ipCidrRange: string;

  protected constructor(scope: Construct, id: string, props: DedicatedSubnetProps, purpose: DedicatedSubnetPurpose) {
    super(scope, id);
    validateProps(this, purpose.kind, (v) => purpose.validate(props, v));

    this.ipCidrRange = props.ipCidrRange;
    this.subnet = new ComputeSubnetwork(this, "subnet", {
      name: props.name,
      project: props.project,
      region: props.region,
      network: props.network.id,
      ipCidrRange: props.ipCidrRange,
      purpose: purpose.purpose,
      role: purpose.role,
      // No flow logs (log_config): the provider documents them as unsupported
      // for the proxy-only purposes (REGIONAL_MANAGED_PROXY), and a PSC NAT
      // subnet holds no VM to report flows. The path shows up in the flow logs
      // of the subnets around them and in the load balancer's request logs.
      description: props.description ?? purpose.description,
    });
    this.id = this.subnet.id;
    this.selfLink = this.subnet.selfLink;
    this.name = this.subnet.name;
  }
}
