import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { RFC1035_LABEL_PATTERN, RFC1035_LABEL_WORDS } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";
import { checkAwsId } from "./aws-vpc";

/** Why a plain range in `allowedCidrs` is admitted: it is the load balancer's proxy-only range. */
const PROXY_DESCRIPTION = "Load balancer proxies (requests and health checks)";

/**
 * What a security group rule's description may hold (Amazon EC2 API
 * Reference, "IpRange": up to 255 characters of a-z, A-Z, 0-9, spaces and
 * ._-:/()#,@[]+=&;{}!$*); anything else fails only at apply.
 */
const AWS_RULE_DESCRIPTION_PATTERN = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{0,255}$/;

/** One source a backend admits, with the reason it is admitted and a stable key. */
export interface IngressSource {
  /** The source range: private, like every source a backend admits. */
  readonly cidr: string;
  /** Why the source is admitted: the rule's description. @default "Load balancer proxies (requests and health checks)" */
  readonly description?: string;
  /**
   * Names the rule `ingress-<key>`, so adding or removing another source
   * never renames this one (a renamed construct id is a replaced rule).
   * @default - numbered by position among the sources without a key, `ingress-<n>`, as a plain range is
   */
  readonly key?: string;
}

/** Who may reach a backend, and on which port. */
export interface BackendIngress {
  /** Port the backend serves on. */
  readonly port: number;
  /**
   * The only sources admitted on `port`. A plain range is the load
   * balancer's: for a hybrid NEG behind an internal Application Load
   * Balancer, the proxy-only subnet's range. An IngressSource brings its own
   * description and key (a routed tenant's pod range, reaching the backend
   * directly over the VPN).
   */
  readonly allowedCidrs: readonly (string | IngressSource)[];
}

/** A source as a rule is made from it: the field names are the ones the reader knows. */
interface ResolvedSource {
  readonly cidr: string;
  readonly cidrField: string;
  readonly description: string;
  readonly descriptionField: string;
  readonly key?: string;
  readonly keyField: string;
  /** The rule's construct id. */
  readonly id: string;
}

/**
 * The sources of `allowedCidrs` as rules: a plain range keeps the id and
 * description it always had (`ingress-<n>`, counting the sources without a
 * key), so existing rules stay as they are.
 */
function resolveSources(allowedCidrs: BackendIngress["allowedCidrs"]): ResolvedSource[] {
  let unkeyed = 0;
  return allowedCidrs.map((source, i) => {
    const { cidr, description, key }: IngressSource = typeof source === "string" ? { cidr: source } : source;
    const field = `allowedCidrs[${i}]`;
    return {
      cidr,
      cidrField: typeof source === "string" ? field : `${field}.cidr`,
      description: description ?? PROXY_DESCRIPTION,
      descriptionField: `${field}.description`,
      key,
      keyField: `${field}.key`,
      id: `ingress-${key ?? ++unkeyed}`,
    };
  });
}

/**
 * The rules of a BackendIngress: a port, and private source ranges only (the
 * backend is never open to the internet), each range and each key once.
 */
export function validateBackendIngress(props: BackendIngress, v: PropsValidator): void {
  v.port("port", props.port);
  v.check(props.allowedCidrs.length > 0, "allowedCidrs", props.allowedCidrs, "must list at least one source range (the proxy-only subnet)");
  const sources = resolveSources(props.allowedCidrs);
  sources.forEach((source, i) => {
    v.privateCidr(source.cidrField, source.cidr);
    v.check(AWS_RULE_DESCRIPTION_PATTERN.test(source.description), source.descriptionField, source.description, "must be at most 255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (AWS security group rule descriptions)");
    const earlier = sources.slice(0, i);
    // One rule per range and port: AWS refuses a second one (InvalidPermission.Duplicate), and two descriptions for one rule would say nothing.
    const sameCidr = earlier.find((other) => other.cidr === source.cidr);
    if (sameCidr) v.check(false, source.cidrField, source.cidr, `must differ from ${v.name(sameCidr.cidrField)}: a range is admitted once`, { fix: "remove one of the two", involves: [sameCidr.cidrField] });
    if (source.key === undefined) return;
    // Starting with a letter keeps `ingress-<key>` apart from the numbered ids of the sources without a key.
    v.check(RFC1035_LABEL_PATTERN.test(source.key), source.keyField, source.key, `must be a key of ${RFC1035_LABEL_WORDS}`);
    const sameKey = earlier.find((other) => other.key === source.key);
    if (sameKey) v.check(false, source.keyField, source.key, `must differ from ${v.name(sameKey.keyField)}: the key names the rule`, { fix: "give each source its own key", involves: [sameKey.keyField] });
  });
}

/** One ingress rule per source on `securityGroupId`, as `ingress-<key>` or `ingress-<n>` in `scope`. */
export function addBackendIngress(scope: Construct, securityGroupId: string, props: BackendIngress): VpcSecurityGroupIngressRule[] {
  return resolveSources(props.allowedCidrs).map(
    (source) =>
      new VpcSecurityGroupIngressRule(scope, source.id, {
        securityGroupId,
        description: source.description,
        ipProtocol: "tcp",
        fromPort: props.port,
        toPort: props.port,
        cidrIpv4: source.cidr,
      }),
  );
}

/** What AwsBackendIngress admits, to which existing security group. */
export interface AwsBackendIngressProps extends BackendIngress {
  /** The existing backend's security group, managed elsewhere. */
  readonly securityGroupId: string;
}

/**
 * Admits the load balancer's proxies (and any other private sources, each
 * with its own description) to a backend that already runs on AWS: one
 * standalone ingress rule per source range, added to the backend's own
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
