import { Token } from "cdktf";
import { isNetworkCidr, isPrivateCidr, parseCidr } from "./cidr";
import { GCP_NAME_RULE, isGcpName } from "./naming";

/** What PropsValidator.privateCidr requires of a block, for error messages. */
export const PRIVATE_CIDR_RULE = "must be a private IPv4 CIDR block (RFC 1918 or 100.64.0.0/10) with its host bits zero";

/**
 * Collects every problem with a construct's props, then throws them together,
 * so whoever edits the props learns all of them in one run.
 *
 * Values that are unresolved tokens (attributes of other resources, values
 * from another stack) are passed through unchecked: they are only known at
 * apply time.
 */
export class PropsValidator {
  private readonly problems: string[] = [];

  /** @param owner the construct type and path, used as the prefix of every message */
  constructor(private readonly owner: string) {}

  /** Records a problem: `field` must <rule>, got <value>. */
  fail(field: string, value: unknown, rule: string): void {
    this.problems.push(`'${field}' ${rule}, got ${show(value)}`);
  }

  /**
   * Records a problem unless `ok` holds. Skips the check when the value is an
   * unresolved token.
   */
  check(ok: boolean | (() => boolean), field: string, value: unknown, rule: string): void {
    if (isToken(value)) return;
    const holds = typeof ok === "function" ? ok() : ok;
    if (!holds) this.fail(field, value, rule);
  }

  /**
   * Checks a GCP resource name, and that it leaves room for the suffixes the
   * construct appends (`maxLength` below 63).
   */
  gcpName(field: string, value: string, maxLength = 63, reason = "to leave room for the suffixes of the resources it names"): void {
    this.check(isGcpName(value), field, value, GCP_NAME_RULE);
    if (maxLength < 63) {
      this.check(value.length <= maxLength, field, value, `must be at most ${maxLength} characters ${reason} (${value.length} given)`);
    }
  }

  /**
   * Checks a private IPv4 block (RFC 1918 or 100.64.0.0/10, host bits zero)
   * and, when given, its size: a prefix length from `minPrefix` to `maxPrefix`.
   */
  privateCidr(field: string, cidr: string, size?: { minPrefix: number; maxPrefix: number; why: string }): void {
    this.check(() => isNetworkCidr(cidr) && isPrivateCidr(cidr), field, cidr, PRIVATE_CIDR_RULE);
    if (size === undefined) return;
    const prefix = parseCidr(cidr)?.prefix;
    const { minPrefix, maxPrefix, why } = size;
    const range = minPrefix === maxPrefix ? `a /${minPrefix}` : minPrefix === 0 ? `a /${maxPrefix} or larger` : `between /${minPrefix} and /${maxPrefix}`;
    this.check(prefix === undefined || (prefix >= minPrefix && prefix <= maxPrefix), field, cidr, `must be ${range} (${why})`);
  }

  /** Checks a TCP/UDP port number. */
  port(field: string, value: number): void {
    this.check(Number.isInteger(value) && value >= 1 && value <= 65535, field, value, "must be a port, 1-65535");
  }

  /** The problems recorded so far. */
  get messages(): readonly string[] {
    return this.problems;
  }

  /** Throws one error naming every recorded problem; does nothing when there is none. */
  throwIfInvalid(): void {
    if (this.problems.length === 0) return;
    throw new PropsError(this.owner, this.problems);
  }
}

/** Thrown by a construct whose props break its rules; lists every problem. */
export class PropsError extends Error {
  constructor(
    readonly owner: string,
    readonly problems: readonly string[],
  ) {
    super(`${owner}: invalid props:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PropsError";
  }
}

/** True when the value (or any string inside it) is an unresolved cdktf token. */
export function isToken(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string" || typeof value === "number") return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(isToken);
  return Token.isUnresolved(value);
}

function show(value: unknown): string {
  if (typeof value === "string") return `'${value}'`;
  if (value === undefined) return "nothing";
  return JSON.stringify(value);
}
