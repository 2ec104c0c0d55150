import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { PropsValidator, validateProps } from "../core/validation";
import { checkAwsId } from "./aws-vpc";

/** Who may reach a backend, and on which port. */
export interface BackendIngress {
  /** Port the backend serves on. */
  readonly port: number;
  /**
   * The only sources admitted on `port`: for a hybrid NEG behind an internal
   * Application Load Balancer, the proxy-only subnet's range.
   */
  readonly allowedCidrs: readonly string[];
}

/** The rules of a BackendIngress: a port, and private source ranges only (the backend is never open to the internet). */
export function validateBackendIngress(props: BackendIngress, v: PropsValidator): void {
  v.port("port", props.port);
  v.check(props.allowedCidrs.length > 0, "allowedCidrs", props.allowedCidrs, "must list at least one source range (the proxy-only subnet)");
  props.allowedCidrs.forEach((cidr, i) => v.privateCidr(`allowedCidrs[${i}]`, cidr));
}

/** One ingress rule per source range on `securityGroupId`, as `ingress-<n>` in `scope`. */
export function addBackendIngress(scope: Construct, securityGroupId: string, props: BackendIngress): VpcSecurityGroupIngressRule[] {
  return props.allowedCidrs.map(
    (cidr, i) =>
      new VpcSecurityGroupIngressRule(scope, `ingress-${i + 1}`, {
        securityGroupId,
        description: "Load balancer proxies (requests and health checks)",
        ipProtocol: "tcp",
        fromPort: props.port,
        toPort: props.port,
        cidrIpv4: cidr,
      }),
  );
}

/** What AwsBackendIngress admits, to which existing security group. */
export interface AwsBackendIngressProps extends BackendIngress {
  /** The existing backend's security group, managed elsewhere. */
  readonly securityGroupId: string;
}

/**
 * Admits the load balancer's proxies to a backend that already runs on AWS:
 * one standalone ingress rule per source range, added to the backend's own
 * security group. Standalone rules leave the group's other rules to whoever
 * manages it, as long as that is not Terraform with inline `ingress` blocks,
 * which would remove them (Terraform AWS provider, aws_security_group).
 */
export class AwsBackendIngress extends Construct {
  /** Records every problem with the props in `v`. */
  static validate(props: AwsBackendIngressProps, v: PropsValidator): void {
    checkAwsId(v, "securityGroupId", "sg", props.securityGroupId);
    validateBackendIngress(props, v);
  }

  readonly rules: readonly VpcSecurityGroupIngressRule[];

  constructor(scope: Construct, id: string, props: AwsBackendIngressProps) {
    super(scope, id);
    validateProps(this, "AwsBackendIngress", (v) => AwsBackendIngress.validate(props, v));
    this.rules = addBackendIngress(this, props.securityGroupId, props);
  }
}
