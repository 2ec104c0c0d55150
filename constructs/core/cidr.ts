import * as ipaddr from "ipaddr.js";
import { AWS_RESERVED_INSIDE_CIDRS, INSIDE_CIDR_ALLOCATION_START, PRIVATE_RANGES, TUNNEL_INSIDE_RANGE } from "./limits";

/** An IPv4 CIDR block, parsed. */
export interface Ipv4Block {
  /** The block as written, e.g. `10.0.10.0/24`. */
  readonly cidr: string;
  /** First address as an unsigned 32-bit integer. */
  readonly first: number;
  /** Last address as an unsigned 32-bit integer. */
  readonly last: number;
  /** Prefix length, 0-32. */
  readonly prefix: number;
}

/** Decimal `a.b.c.d/n` with no leading zeros (which some tools read as octal). */
const CIDR_SYNTAX = /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}\/(\d|[12]\d|3[0-2])$/;

/** Blocks already parsed: the same few ranges are checked many times per config. */
const parsedBlocks = new Map<string, Ipv4Block | undefined>();

/** Parses `a.b.c.d/n` (IPv4 only); undefined when it is not one. */
export function parseCidr(cidr: string): Ipv4Block | undefined {
  // Not a string (a YAML number or list): the syntax test, or ipaddr on its text, refuses it.
  if (!parsedBlocks.has(cidr)) parsedBlocks.set(cidr, parseIpv4Block(cidr));
  return parsedBlocks.get(cidr);
}

function parseIpv4Block(cidr: string): Ipv4Block | undefined {
  if (!CIDR_SYNTAX.test(cidr)) return undefined;
  let addr: ipaddr.IPv4;
  let prefix: number;
  try {
    [addr, prefix] = ipaddr.IPv4.parseCIDR(cidr);
  } catch {
    return undefined;
  }
  const base = toInt(addr);
  const size = 2 ** (32 - prefix);
  const first = base - (base % size);
  return Object.freeze({ cidr, first, last: first + size - 1, prefix });
}

/** True when `cidr` is a syntactically valid IPv4 CIDR whose host bits are all zero. */
export function isNetworkCidr(cidr: string): boolean {
  const block = parseCidr(cidr);
  return block !== undefined && ipToInt(cidr.split("/")[0]) === block.first;
}

/** The network address of a block, e.g. `10.0.10.5/24` -> `10.0.10.0/24`. */
export function canonicalCidr(cidr: string): string | undefined {
  const block = parseCidr(cidr);
  return block && `${intToIp(block.first)}/${block.prefix}`;
}

/** True when the two blocks share at least one address. */
export function overlaps(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x !== undefined && y !== undefined && x.first <= y.last && y.first <= x.last;
}

/** True when `inner` lies entirely inside `outer`. */
export function containsCidr(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return o !== undefined && i !== undefined && o.first <= i.first && i.last <= o.last;
}

/** True when the IPv4 address lies inside the block. */
export function containsIp(cidr: string, ip: string): boolean {
  const block = parseCidr(cidr);
  const n = ipToInt(ip);
  return block !== undefined && n !== undefined && block.first <= n && n <= block.last;
}

/** What isIpv4 requires, for error messages. */
export const IPV4_RULE = "must be an IPv4 address like 10.0.20.10";

/** True when `ip` is a dotted-quad IPv4 address. */
export function isIpv4(ip: string): boolean {
  return ipToInt(ip) !== undefined;
}

/** True when the block lies inside RFC 1918 or 100.64.0.0/10. */
export function isPrivateCidr(cidr: string): boolean {
  return PRIVATE_RANGES.some((range) => containsCidr(range, cidr));
}

/** The n-th address of a block (0 = network address). */
export function nthAddress(cidr: string, n: number): string {
  const block = parseCidr(cidr);
  if (!block || n < 0 || block.first + n > block.last) {
    throw new Error(`address #${n} is outside ${cidr}`);
  }
  return intToIp(block.first + n);
}

/** True when `cidr` is a /30 in 169.254.0.0/16 that AWS accepts as a tunnel inside CIDR. */
export function isUsableInsideCidr(cidr: string): boolean {
  const block = parseCidr(cidr);
  return (
    block !== undefined &&
    block.prefix === 30 &&
    isNetworkCidr(cidr) &&
    containsCidr(TUNNEL_INSIDE_RANGE, cidr) &&
    !AWS_RESERVED_INSIDE_CIDRS.some((reserved) => overlaps(reserved, cidr))
  );
}

/**
 * Allocates `count` consecutive tunnel inside /30s starting at `start`
 * (default 169.254.10.0), skipping AWS's reserved blocks. Deterministic: the
 * same inputs give the same blocks, so a re-synth never moves a BGP session.
 */
export function allocateInsideCidrs(count: number, start: string = INSIDE_CIDR_ALLOCATION_START): string[] {
  const out: string[] = [];
  let next = ipToInt(start);
  if (next === undefined) throw new Error(`'${start}' is not an IPv4 address`);
  next -= next % 4;
  while (out.length < count) {
    const cidr = `${intToIp(next)}/30`;
    if (!containsCidr(TUNNEL_INSIDE_RANGE, cidr)) {
      throw new Error(`no room for ${count} tunnel inside /30s in 169.254.0.0/16 from ${start}`);
    }
    if (isUsableInsideCidr(cidr)) out.push(cidr);
    next += 4;
  }
  return out;
}

/** The first `head` and last `tail` addresses of a block (those a cloud keeps for itself). */
export function edgeAddresses(cidr: string, head: number, tail: number): string[] {
  const block = parseCidr(cidr);
  if (!block) return [];
  const size = block.last - block.first + 1;
  const indexes = [...Array(head).keys(), ...Array.from({ length: tail }, (_, i) => size - 1 - i)];
  return indexes.map((n) => nthAddress(cidr, n));
}

/** Addresses in a block. */
export function blockSize(cidr: string): number {
  const block = parseCidr(cidr);
  return block ? block.last - block.first + 1 : 0;
}

function toInt(addr: ipaddr.IPv4): number {
  return addr.octets.reduce((acc, octet) => acc * 256 + octet, 0);
}

/** Addresses already parsed (as for blocks: the same few, many times). */
const parsedIps = new Map<string, number | undefined>();

function ipToInt(ip: string): number | undefined {
  // Not a string: isValidFourPartDecimal refuses it.
  if (!parsedIps.has(ip)) parsedIps.set(ip, ipaddr.IPv4.isValidFourPartDecimal(ip) ? toInt(ipaddr.IPv4.parse(ip)) : undefined);
  return parsedIps.get(ip);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}
