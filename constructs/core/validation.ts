import { Annotations, Token } from "cdktf";
import { IConstruct } from "constructs";
import { ASN_RULE, isAsn, isPrivateAsn, PRIVATE_ASN_RULE } from "./asn";
import { blockSize, canonicalCidr, containsIp, edgeAddresses, IPV4_RULE, isIpv4, isNetworkCidr, isPrivateCidr, nthAddress, overlaps, parseCidr } from "./cidr";
import { describeProblem, Problem, UserError } from "./errors";
import { GCP_NAME_MAX_LENGTH, PrefixLimit, PRIVATE_RANGES, RESERVED_SUBNET_ADDRESSES } from "./limits";
import { AWS_REGION_PATTERN, AWS_REGION_RULE, GCP_NAME_RULE, GCP_REGION_PATTERN, gcpRegionProblem, gcpZoneProblem, isGcpName } from "./names";
import { RegionCloud, unknownRegionWarning } from "./regions";

/** The addresses a cloud keeps for itself in every subnet (`RESERVED_SUBNET_ADDRESSES.gcp` or `.aws`). */
export type ReservedAddresses = (typeof RESERVED_SUBNET_ADDRESSES)[keyof typeof RESERVED_SUBNET_ADDRESSES];

/** A rule a value breaks, and how to fix it. */
export interface Broken {
  readonly rule: string;
  readonly fix?: string;
}

/** What a prefix limit requires, in words: `must be between /9 and /24 (GKE pod range sizes)`. */
export function prefixRule(limit: PrefixLimit): string {
  const range = limit.minPrefix === limit.maxPrefix ? `a /${limit.minPrefix}` : `between /${limit.minPrefix} and /${limit.maxPrefix}`;
  return `must be ${range} (${limit.why})`;
}

/**
 * Every rule an IPv4 block breaks: the syntax, host bits zero, optionally a
 * private range and a size. One wording, used by the constructs and the
 * app's config schema alike.
 */
export function cidrProblems(value: string, opts: { private?: boolean; limit?: PrefixLimit } = {}): Broken[] {
  const block = parseCidr(value);
  if (!block) return [{ rule: "must be an IPv4 CIDR block like 10.0.10.0/24", fix: isIpv4(value) ? `add the prefix length, e.g. ${value}/24` : undefined }];
  const out: Broken[] = [];
  if (!isNetworkCidr(value)) out.push({ rule: "must have its host bits zero", fix: `write ${canonicalCidr(value)}` });
  if (opts.private && !isPrivateCidr(value)) out.push({ rule: `must be a private range: inside ${PRIVATE_RANGES.slice(0, -1).join(", ")} or ${PRIVATE_RANGES[PRIVATE_RANGES.length - 1]}` });
  const limit = opts.limit;
  if (limit && (block.prefix < limit.minPrefix || block.prefix > limit.maxPrefix)) {
    // A size, not an address: a resized block at the same base could land on a neighbouring range.
    const fix = limit.minPrefix === limit.maxPrefix ? `use a /${limit.minPrefix}` : block.prefix > limit.maxPrefix ? `use a /${limit.maxPrefix} or larger` : `use a /${limit.minPrefix} or smaller`;
    out.push({ rule: prefixRule(limit), fix });
  }
  return out;
}

/** Options of one recorded problem. */
export interface ProblemOptions {
  /** How to fix it, when it can be named. */
  readonly fix?: string;
  /** The other fields the rule relates this one to. */
  readonly involves?: readonly string[];
}

/**
 * Collects every problem with a construct's props, then throws them together,
 * so whoever edits the props learns all of them in one run.
 *
 * Values that are unresolved tokens (attributes of other resources, values
 * from another stack) are passed through unchecked: they are only known at
 * apply time.
 *
 * `pathOf` names a field for the reader: the prop itself by default; an app
 * that builds props from its own config passes a function that returns the
 * config path instead, and reads `problems` and `warnings` rather than
 * catching the error.
 */
export class PropsValidator {
  private readonly errorList: Problem[] = [];
  private readonly warningList: Problem[] = [];

  /**
   * @param owner - the construct type and path, used as the source of the error
   * @param pathOf - the name the reader knows a field by
   */
  constructor(
    readonly owner: string,
    private readonly pathOf: (field: string) => string = (field) => field,
  ) {}

  /** The name of a field as the reader knows it: for messages that mention another field. */
  name(field: string): string {
    return this.pathOf(field);
  }

  /** Records a problem: `<field>: <rule>, got <value>`. */
  fail(field: string, value: unknown, rule: string, opts: ProblemOptions = {}): void {
    this.errorList.push(this.problem(field, value, rule, opts));
  }

  /** Records a warning: it works, but deserves a look. Constructs print warnings as annotations; they never fail synth. */
  warn(field: string, value: unknown, rule: string, opts: ProblemOptions = {}): void {
    this.warningList.push(this.problem(field, value, rule, opts));
  }

  /** Records a problem unless `ok` holds. Skips the check when the value is an unresolved token. */
  check(ok: boolean | (() => boolean), field: string, value: unknown, rule: string, opts: ProblemOptions = {}): void {
    if (isToken(value)) return;
    const holds = typeof ok === "function" ? ok() : ok;
    if (!holds) this.fail(field, value, rule, opts);
  }

  /** Checks a GCP resource name, and that it leaves room for the suffixes the construct appends (`maxLength` below 63). */
  gcpName(field: string, value: string, maxLength = GCP_NAME_MAX_LENGTH, reason = "to leave room for the suffixes of the resources it names"): void {
    this.check(isGcpName(value), field, value, GCP_NAME_RULE);
    if (maxLength < GCP_NAME_MAX_LENGTH && isGcpName(value)) {
      this.check(value.length <= maxLength, field, value, `must be at most ${maxLength} characters ${reason} (${value.length} given)`, { fix: `shorten it by ${value.length - maxLength}` });
    }
  }

  /** Checks a GCP region name (`asia-northeast1`; not a zone). */
  gcpRegion(field: string, value: string): void {
    const broken = isToken(value) ? undefined : gcpRegionProblem(value);
    if (broken) this.fail(field, value, broken.rule, { fix: broken.fix });
  }

  /** Checks an AWS region name (`ap-northeast-1`). */
  awsRegion(field: string, value: string): void {
    this.check(AWS_REGION_PATTERN.test(value), field, value, AWS_REGION_RULE);
  }

  /**
   * Warns when a well-formed region is not on the cloud's list (constructs/core/regions.ts):
   * a typo, or a region newer than the list, so never an error. Run once per value by whoever
   * owns it (the app's config), not by every construct the region reaches.
   */
  knownRegion(cloud: RegionCloud, field: string, value: string): void {
    const unknown = isToken(value) ? undefined : unknownRegionWarning(cloud, value);
    if (unknown) this.warn(field, value, unknown.rule, { fix: unknown.fix });
  }

  /** Checks that `zone` is an existing zone of the region in `regionField`. */
  gcpZone(field: string, zone: string, regionField: string, region: string): void {
    if (isToken(region) || !GCP_REGION_PATTERN.test(region)) return;
    const broken = gcpZoneProblem(zone, region, this.name(regionField));
    if (broken) this.check(false, field, zone, broken.rule, { fix: broken.fix, involves: [regionField] });
  }

  /** Checks an IPv4 block: syntax, host bits zero, and optionally private and within a size limit. */
  cidr(field: string, value: string, opts: { private?: boolean; limit?: PrefixLimit } = {}): void {
    if (isToken(value)) return;
    for (const broken of cidrProblems(value, opts)) this.fail(field, value, broken.rule, { fix: broken.fix });
  }

  /** Checks a private IPv4 block (RFC 1918 or 100.64.0.0/10, host bits zero) and, when given, its size. */
  privateCidr(field: string, value: string, limit?: PrefixLimit): void {
    this.cidr(field, value, { private: true, limit });
  }

  /**
   * Checks a fixed address: inside its subnet (`subnetField`, when the range
   * is known) and not one of the addresses the cloud keeps for itself.
   */
  addressInSubnet(field: string, ip: string, subnetField: string, subnet: string | undefined, reserved: ReservedAddresses): void {
    this.ipv4(field, ip);
    if (!isIpv4(ip) || subnet === undefined || isToken(subnet) || parseCidr(subnet) === undefined) return;
    if (!containsIp(subnet, ip)) {
      this.fail(field, ip, `must lie inside ${this.name(subnetField)} ${subnet}`, { involves: [subnetField] });
    } else if (edgeAddresses(subnet, reserved.head, reserved.tail).includes(ip)) {
      const usable = blockSize(subnet) - reserved.head - reserved.tail;
      const fix = usable > 0 ? `use one of ${nthAddress(subnet, reserved.head)}-${nthAddress(subnet, reserved.head + usable - 1)}` : `use a larger subnet`;
      this.fail(field, ip, `is one of ${reserved.words} in ${subnet} (${reserved.where})`, { fix, involves: [subnetField] });
    }
  }

  /** Checks a logging share, when given: 0 to 1 (flow logs, load balancer request logs; 0 turns logging off). */
  logSampling(field: string, value: number | undefined): void {
    if (value === undefined || isToken(value)) return;
    this.check(Number.isFinite(value) && value >= 0 && value <= 1, field, value, "must be a share from 0 to 1 (0 turns logging off, 1 logs everything)");
  }

  /** Checks an IPv4 address. */
  ipv4(field: string, value: string): void {
    this.check(isIpv4(value), field, value, IPV4_RULE);
  }

  /** Checks that two ranges of one VPC do not overlap (`otherField` holds `other`). */
  noOverlap(field: string, cidr: string, otherField: string, other: string): void {
    // A token on either side overlaps nothing, or is skipped by check.
    this.check(!overlaps(other, cidr), field, cidr, `must not overlap ${this.name(otherField)} ${other} in the same VPC`, {
      fix: "move one of the two to a free range",
      involves: [otherField],
    });
  }

  /** Checks a value against a list of allowed ones, named in the rule. */
  oneOf<T>(field: string, value: T, allowed: readonly T[], rule: string): void {
    this.check(allowed.includes(value), field, value, rule);
  }

  /** Checks a TCP/UDP port number. */
  port(field: string, value: number): void {
    this.check(Number.isInteger(value) && value >= 1 && value <= 65535, field, value, "must be a port, 1-65535");
  }

  /** Checks a BGP ASN a peer may have, public or private. */
  asn(field: string, value: number): void {
    this.check(isAsn(value), field, value, ASN_RULE);
  }

  /** Checks a private BGP ASN. */
  privateAsn(field: string, value: number): void {
    this.check(isPrivateAsn(value), field, value, PRIVATE_ASN_RULE);
  }

  /**
   * Checks the two ends of an eBGP session: `field`'s ASN must differ from
   * the other side's (`otherField`), or no session comes up.
   */
  ebgpPeer(field: string, asn: number, otherField: string, otherAsn: number): void {
    this.check(asn !== otherAsn, field, asn, `must differ from ${this.name(otherField)} ${otherAsn} (the two sides speak eBGP)`, {
      fix: `pick another private ASN, e.g. ${otherAsn === 65001 ? 65002 : 65001}`,
      involves: [otherField],
    });
  }

  /** The problems recorded so far. */
  get problems(): readonly Problem[] {
    return this.errorList;
  }

  /** The warnings recorded so far. */
  get warnings(): readonly Problem[] {
    return this.warningList;
  }

  /** Throws one ValidationError naming every recorded problem; does nothing when there is none. */
  throwIfInvalid(): void {
    if (this.errorList.length > 0) throw new ValidationError(this.owner, this.errorList);
  }

  private problem(field: string, value: unknown, rule: string, opts: ProblemOptions): Problem {
    const involves = opts.involves?.map((f) => this.name(f));
    return { path: this.name(field), message: describeProblem(rule, value, opts.fix), ...(involves && involves.length > 0 ? { involves } : {}) };
  }
}

/** Thrown by a construct whose props break its rules; lists every problem. */
export class ValidationError extends UserError {}

/** True when the value (or any string inside it) is an unresolved cdktf token. */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value) || (Array.isArray(value) && value.some(isToken));
}

/**
 * Runs a construct's validator: throws a ValidationError listing every
 * problem, and turns warnings into annotations (printed by `cdktf synth`).
 * @param kind - the construct's class name
 * @param source - what the error names: the construct's class name and path by default
 */
export function validateProps(construct: IConstruct, kind: string, validate: (v: PropsValidator) => void, source = `${kind} ${construct.node.path}`): void {
  const v = new PropsValidator(source);
  validate(v);
  v.throwIfInvalid();
  for (const w of v.warnings) Annotations.of(construct).addWarning(`${source}: ${w.path}: ${w.message}`);
}

/** A literal string value, or undefined when it is missing or known only at apply (a token). */
export function literalOrUndefined(value: string | undefined): string | undefined {
  return isToken(value) ? undefined : value;
}
