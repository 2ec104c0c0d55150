import * as fc from "fast-check";
import { Testing } from "cdktf";
import { isAsn, isPrivateAsn } from "../../../constructs/core/asn";
import {
  allocateInsideCidrs,
  blockSize,
  canonicalCidr,
  containsCidr,
  containsIp,
  edgeAddresses,
  isIpv4,
  isNetworkCidr,
  isPrivateCidr,
  isUsableInsideCidr,
  nthAddress,
  overlaps,
  parseCidr,
} from "../../../constructs/core/cidr";
import { AWS_RESERVED_INSIDE_CIDRS, INSIDE_CIDR_ALLOCATION_START, PRIVATE_ASN_RANGES, TUNNEL_INSIDE_RANGE } from "../../../constructs/core/limits";
import { isGcpName, resourceName, toDnsLabel } from "../../../constructs/core/names";
import { PropsValidator } from "../../../constructs/core/validation";
import { PrivateGkeCluster, PrivateGkeClusterProps, podBlockPrefix } from "../../../constructs/gcp/private-gke-cluster";
import { parseConfig } from "../../../lib/config/load";
import { ConfigError } from "../../../lib/config/problems";
import { Config, pscTenants } from "../../../lib/config/schema";
import { pipelineNames, producerNames, tenantNames } from "../../../lib/naming";
import { STACK_KINDS } from "../../../lib/pipeline";
import { serverlessPaths } from "../../../lib/tenant-props";
import { exampleInput } from "../../helpers";

// Property-based tests of the kernel's pure functions: each property compares
// the function under test with a model written here from the source documents
// (plain integer and BigInt arithmetic, literal ranges from the RFCs and the
// cloud docs), never with the function itself. fast-check prints the seed and
// the shrunk counterexample of a failure; replay it with { seed, path }.

// ---------------------------------------------------------------------------
// The IPv4 model: a block is [first, last] of BigInts, computed from an
// address and a prefix length.

const U32 = 2n ** 32n;

interface ModelBlock {
  readonly first: bigint;
  readonly last: bigint;
  readonly prefix: number;
}

function modelBlock(addr: bigint, prefix: number): ModelBlock {
  const size = 1n << BigInt(32 - prefix);
  const first = (addr / size) * size;
  return { first, last: first + size - 1n, prefix };
}

function dotted(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((n >> shift) & 255n)).join(".");
}

/** `a.b.c.d` read by the test alone (digits only, each octet 0-255), for literals. */
function addressOf(ip: string): bigint {
  const octets = ip.split(".").map(BigInt);
  return octets.reduce((acc, o) => acc * 256n + o, 0n);
}

function cidrOf(block: ModelBlock): string {
  return `${dotted(block.first)}/${block.prefix}`;
}

function sizeOf(block: ModelBlock): bigint {
  return block.last - block.first + 1n;
}

function blockOfLiteral(cidr: string): ModelBlock {
  const [ip, prefix] = cidr.split("/");
  return modelBlock(addressOf(ip), Number(prefix));
}

const uint32 = fc.bigInt({ min: 0n, max: U32 - 1n });
const prefixLength = fc.integer({ min: 0, max: 32 });

/** Any address with any prefix length (host bits possibly set). */
const anyBlock = fc.record({ addr: uint32, prefix: prefixLength });
/** A canonical block (host bits zero). */
const canonicalBlock = anyBlock.map(({ addr, prefix }) => modelBlock(addr, prefix));

/**
 * Two blocks near each other: the second's address is the first's with only
 * its low `spread` bits changed, so overlaps and containment happen often.
 */
const nearbyBlocks = fc
  .record({ addr: uint32, noise: uint32, spread: fc.integer({ min: 0, max: 32 }), p1: prefixLength, p2: prefixLength })
  .map(({ addr, noise, spread, p1, p2 }) => {
    const mask = (1n << BigInt(spread)) - 1n;
    return [modelBlock(addr, p1), modelBlock(addr ^ (noise & mask), p2)] as const;
  });

/**
 * The strict grammar of a CIDR block, parsed by hand: four decimal octets
 * 0-255 and a prefix 0-32, digits only, no leading zeros (`010` is octal to
 * some tools), nothing before or after.
 */
function modelParse(text: string): ModelBlock | undefined {
  const m = /^([0-9]+)\.([0-9]+)\.([0-9]+)\.([0-9]+)\/([0-9]+)$/.exec(text);
  if (m === null) return undefined;
  const fields = m.slice(1);
  if (fields.some((f) => f.length > 1 && f.startsWith("0"))) return undefined;
  const numbers = fields.map((f) => (f.length > 3 ? Infinity : Number(f)));
  if (numbers.slice(0, 4).some((o) => o > 255) || numbers[4] > 32) return undefined;
  const addr = numbers.slice(0, 4).reduce((acc, o) => acc * 256n + BigInt(o), 0n);
  return modelBlock(addr, numbers[4]);
}

const validOctet = fc.integer({ min: 0, max: 255 }).map(String);
const leadingZeroOctet = fc.integer({ min: 0, max: 255 }).map((o) => `0${o}`);
const bigOctet = fc.integer({ min: 256, max: 99999 }).map(String);
const junk = fc.constantFrom("", "-1", "+1", " 1", "1 ", "0x1", "1e1", "a", "\u0663", "\uff11", "1.5", "00");

/** Strings shaped like a block, each part valid or broken in one of the ways people (and tools) break them. */
const blockLikeString = fc
  .record({
    octets: fc.array(fc.oneof({ weight: 6, arbitrary: validOctet }, leadingZeroOctet, bigOctet, junk), { minLength: 3, maxLength: 5 }),
    prefix: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 32 }).map(String) },
      fc.integer({ min: 33, max: 999 }).map(String),
      fc.integer({ min: 0, max: 32 }).map((p) => `0${p}`),
      junk,
    ),
    slash: fc.constantFrom("/", "/", "/", "", "//", "\\"),
    before: fc.constantFrom("", "", "", " ", "\n"),
    after: fc.constantFrom("", "", "", " ", "\n", "/24"),
  })
  .map(({ octets, prefix, slash, before, after }) => `${before}${octets.join(".")}${slash}${prefix}${after}`);

/** An address with one octet written with a leading zero, or out of range. */
function brokenOctet(addr: bigint, at: number, kind: "zero" | "big", big: number): string {
  const octets = dotted(addr).split(".");
  octets[at] = kind === "zero" ? `0${octets[at]}` : String(big);
  return octets.join(".");
}

describe("CIDR parsing (model: BigInt arithmetic on first/last addresses)", () => {
  test("a canonical block parses to the model's first, last and prefix, and is its own canonical form", () => {
    fc.assert(
      fc.property(canonicalBlock, (block) => {
        const cidr = cidrOf(block);
        expect(parseCidr(cidr)).toEqual({ cidr, first: Number(block.first), last: Number(block.last), prefix: block.prefix });
        expect(isNetworkCidr(cidr)).toBe(true);
        expect(canonicalCidr(cidr)).toBe(cidr);
        expect(blockSize(cidr)).toBe(Number(sizeOf(block)));
      }),
      { numRuns: 100 },
    );
  });

  test("any address with any prefix parses to the block around it; host bits decide isNetworkCidr; canonicalCidr is idempotent and names the same block", () => {
    fc.assert(
      fc.property(anyBlock, ({ addr, prefix }) => {
        const cidr = `${dotted(addr)}/${prefix}`;
        const block = modelBlock(addr, prefix);
        expect(parseCidr(cidr)).toMatchObject({ first: Number(block.first), last: Number(block.last), prefix });
        expect(isNetworkCidr(cidr)).toBe(addr === block.first);
        const canonical = canonicalCidr(cidr)!;
        expect(canonical).toBe(cidrOf(block));
        expect(canonicalCidr(canonical)).toBe(canonical);
        expect(containsCidr(canonical, cidr) && containsCidr(cidr, canonical)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test("accepts exactly the strings of the strict grammar (digits, octets 0-255, prefix 0-32, no leading zeros, nothing around)", () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: blockLikeString }, fc.string({ maxLength: 24 })), (text) => {
        const model = modelParse(text);
        const parsed = parseCidr(text);
        if (model === undefined) {
          expect(parsed).toBeUndefined();
          expect(canonicalCidr(text)).toBeUndefined();
          expect(isNetworkCidr(text)).toBe(false);
          expect(blockSize(text)).toBe(0);
        } else {
          expect(parsed).toMatchObject({ first: Number(model.first), last: Number(model.last), prefix: model.prefix });
        }
      }),
      { numRuns: 200 },
    );
  });

  test("refuses a leading zero or an out-of-range value in any octet, a prefix over 32 or with a leading zero", () => {
    fc.assert(
      fc.property(
        uint32,
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom("zero" as const, "big" as const),
        fc.integer({ min: 256, max: 1 << 20 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 33, max: 1 << 20 }),
        (addr, at, kind, big, prefix, tooLong) => {
          const badAddress = `${brokenOctet(addr, at, kind, big)}/${prefix}`;
          for (const refused of [badAddress, `${dotted(addr)}/${tooLong}`, `${dotted(addr)}/0${prefix}`, dotted(addr)]) {
            expect(parseCidr(refused)).toBeUndefined();
            expect(isNetworkCidr(refused)).toBe(false);
            expect(canonicalCidr(refused)).toBeUndefined();
            // A refused block contains, and overlaps, nothing (not even itself).
            expect(overlaps(refused, refused) || containsCidr(refused, refused) || containsIp(refused, dotted(addr))).toBe(false);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("CIDR relations (model: interval arithmetic)", () => {
  test("overlaps is symmetric and equals interval intersection", () => {
    fc.assert(
      fc.property(fc.oneof(nearbyBlocks, fc.tuple(canonicalBlock, canonicalBlock)), ([a, b]) => {
        const expected = a.first <= b.last && b.first <= a.last;
        expect(overlaps(cidrOf(a), cidrOf(b))).toBe(expected);
        expect(overlaps(cidrOf(b), cidrOf(a))).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  test("containsCidr equals interval containment, is reflexive, and implies overlaps", () => {
    fc.assert(
      fc.property(fc.oneof(nearbyBlocks, fc.tuple(canonicalBlock, canonicalBlock)), ([a, b]) => {
        expect(containsCidr(cidrOf(a), cidrOf(b))).toBe(a.first <= b.first && b.last <= a.last);
        expect(containsCidr(cidrOf(a), cidrOf(a))).toBe(true);
        if (containsCidr(cidrOf(a), cidrOf(b))) expect(overlaps(cidrOf(a), cidrOf(b))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test("containsCidr is transitive (chains of nested blocks, and any triple)", () => {
    const chain = fc.record({ addr: uint32, prefixes: fc.array(prefixLength, { minLength: 3, maxLength: 3 }) }).map(({ addr, prefixes }) => {
      const [p1, p2, p3] = [...prefixes].sort((x, y) => x - y);
      return [modelBlock(addr, p1), modelBlock(addr, p2), modelBlock(addr, p3)] as const;
    });
    const triple = fc.tuple(nearbyBlocks, prefixLength).map(([[a, b], p]) => [a, b, modelBlock(b.first, p)] as const);
    fc.assert(
      fc.property(fc.oneof(chain, triple), ([a, b, c]) => {
        const [x, y, z] = [a, b, c].map(cidrOf);
        if (containsCidr(x, y) && containsCidr(y, z)) expect(containsCidr(x, z)).toBe(true);
      }),
      { numRuns: 150 },
    );
    // The chains always nest: the implication above was exercised, not vacuous.
    fc.assert(
      fc.property(chain, ([a, b, c]) => {
        expect(containsCidr(cidrOf(a), cidrOf(b)) && containsCidr(cidrOf(b), cidrOf(c)) && containsCidr(cidrOf(a), cidrOf(c))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test("CIDR blocks nest or are disjoint: overlap iff one contains the other", () => {
    fc.assert(
      fc.property(nearbyBlocks, ([a, b]) => {
        const [x, y] = [cidrOf(a), cidrOf(b)];
        expect(overlaps(x, y)).toBe(containsCidr(x, y) || containsCidr(y, x));
      }),
      { numRuns: 150 },
    );
  });

  test("containsIp equals first <= ip <= last; a malformed address is in no block", () => {
    fc.assert(
      fc.property(fc.oneof(nearbyBlocks, fc.tuple(canonicalBlock, canonicalBlock)), uint32, ([a, b], other) => {
        for (const ip of [b.first, b.last, other]) {
          expect(containsIp(cidrOf(a), dotted(ip))).toBe(a.first <= ip && ip <= a.last);
          expect(isIpv4(dotted(ip))).toBe(true);
        }
        const octets = dotted(b.first).split(".");
        octets[0] = `0${octets[0]}`;
        expect(containsIp(cidrOf(a), octets.join("."))).toBe(false);
        expect(isIpv4(octets.join("."))).toBe(false);
        expect(containsIp(cidrOf(a), `${dotted(b.first)}/32`)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  test("every nthAddress of a block is the model's first + n and lies inside it; n outside the block throws", () => {
    fc.assert(
      fc.property(canonicalBlock, uint32, fc.constantFrom("first", "last", "any"), (block, r, which) => {
        const cidr = cidrOf(block);
        const size = sizeOf(block);
        const n = which === "first" ? 0n : which === "last" ? size - 1n : r % size;
        const ip = nthAddress(cidr, Number(n));
        expect(ip).toBe(dotted(block.first + n));
        expect(containsIp(cidr, ip)).toBe(true);
        expect(() => nthAddress(cidr, Number(size))).toThrow(/outside/);
        expect(() => nthAddress(cidr, -1)).toThrow(/outside/);
      }),
      { numRuns: 100 },
    );
  });

  test("edgeAddresses: the first `head` and the last `tail` addresses, last first", () => {
    fc.assert(
      fc.property(canonicalBlock, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), (block, head, tail) => {
        fc.pre(BigInt(head + tail) <= sizeOf(block));
        const expected = [
          ...Array.from({ length: head }, (_, i) => dotted(block.first + BigInt(i))),
          ...Array.from({ length: tail }, (_, i) => dotted(block.last - BigInt(i))),
        ];
        expect(edgeAddresses(cidrOf(block), head, tail)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  test("isPrivateCidr: inside RFC 1918 (10/8, 172.16/12, 192.168/16) or RFC 6598 (100.64/10)", () => {
    // The ranges as the RFCs write them, and their neighbours, so blocks land on the edges.
    const privateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map(blockOfLiteral);
    const bases = ["10.0.0.0", "172.16.0.0", "192.168.0.0", "100.64.0.0", "9.255.255.0", "11.0.0.0", "172.15.255.0", "172.32.0.0", "192.167.255.0", "192.169.0.0", "100.63.255.0", "100.128.0.0"].map(addressOf);
    const block = fc.oneof(
      canonicalBlock,
      fc.record({ base: fc.constantFrom(...bases), offset: fc.bigInt({ min: 0n, max: (1n << 24n) - 1n }), bits: fc.integer({ min: 0, max: 24 }), prefix: prefixLength }).map(({ base, offset, bits, prefix }) =>
        modelBlock((base + (offset & ((1n << BigInt(bits)) - 1n))) % U32, prefix),
      ),
    );
    fc.assert(
      fc.property(block, (b) => {
        const expected = privateRanges.some((r) => r.first <= b.first && b.last <= r.last);
        expect(isPrivateCidr(cidrOf(b))).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------
// Tunnel inside /30s. The model, from the AWS Site-to-Site VPN user guide
// ("Tunnel options"): a /30 of 169.254.0.0/16, not one of the reserved blocks.

const LINK_LOCAL = blockOfLiteral("169.254.0.0/16");
const RESERVED_BY_AWS = ["169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30", "169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30"].map(blockOfLiteral);

function modelUsable(block: ModelBlock): boolean {
  return block.prefix === 30 && LINK_LOCAL.first <= block.first && block.last <= LINK_LOCAL.last && !RESERVED_BY_AWS.some((r) => r.first <= block.last && block.first <= r.last);
}

/** The first `most` usable /30s from the /30 holding `start` to the end of 169.254.0.0/16, as first addresses. */
function modelUsableFrom(start: bigint, most = Infinity): bigint[] {
  const out: bigint[] = [];
  for (let first = start - (start % 4n); first + 3n <= LINK_LOCAL.last && out.length < most; first += 4n) {
    if (modelUsable(modelBlock(first, 30))) out.push(first);
  }
  return out;
}

/** How many usable /30s lie from `start` on, counted without enumerating: all /30s left, less the reserved ones among them. */
function modelRoomFrom(start: bigint): number {
  const aligned = start - (start % 4n);
  const left = (LINK_LOCAL.last + 1n - aligned) / 4n;
  return Number(left) - RESERVED_BY_AWS.filter((r) => r.first >= aligned).length;
}

const linkLocalAddress = fc.oneof(
  fc.bigInt({ min: LINK_LOCAL.first, max: LINK_LOCAL.last }),
  // Near the reserved blocks and the end, where the interesting cases are.
  fc.constantFrom(...["169.254.0.0", "169.254.5.255", "169.254.6.0", "169.254.169.248", "169.254.169.252", "169.254.170.0", "169.254.255.252", "169.254.255.255"].map(addressOf)),
  fc.bigInt({ min: addressOf("169.254.169.200"), max: addressOf("169.254.170.8") }),
  fc.bigInt({ min: addressOf("169.254.255.200"), max: LINK_LOCAL.last }),
);

describe("tunnel inside CIDRs (model: AWS's reserved /30s in 169.254.0.0/16)", () => {
  test("the limits file names the documented range and reserved blocks", () => {
    expect(AWS_RESERVED_INSIDE_CIDRS.map(blockOfLiteral)).toEqual(RESERVED_BY_AWS);
    expect(blockOfLiteral(TUNNEL_INSIDE_RANGE)).toEqual(LINK_LOCAL);
  });

  test("isUsableInsideCidr: a canonical /30 inside 169.254.0.0/16 that overlaps no reserved block", () => {
    const nearLinkLocal = fc.record({ addr: linkLocalAddress, prefix: fc.oneof(fc.constant(30), prefixLength), aligned: fc.boolean() });
    fc.assert(
      fc.property(fc.oneof(nearLinkLocal, anyBlock.map((b) => ({ ...b, aligned: true }))), ({ addr, prefix, aligned }) => {
        const block = modelBlock(addr, prefix);
        const cidr = aligned ? cidrOf(block) : `${dotted(addr)}/${prefix}`;
        expect(isUsableInsideCidr(cidr)).toBe(modelUsable(block) && (aligned || addr === block.first));
      }),
      { numRuns: 150 },
    );
  });

  test("allocateInsideCidrs(count, start) gives the first `count` usable /30s from start's /30, or throws 'no room' exactly when fewer are left", () => {
    fc.assert(
      fc.property(linkLocalAddress, fc.integer({ min: 0, max: 64 }), (start, count) => {
        const room = modelRoomFrom(start);
        if (count > room) {
          expect(() => allocateInsideCidrs(count, dotted(start))).toThrow(/no room/);
          return;
        }
        const got = allocateInsideCidrs(count, dotted(start));
        expect(got).toEqual(modelUsableFrom(start, count).map((first) => `${dotted(first)}/30`));
        // The same facts spelled out, each on its own (collected: one expect per run keeps the runs fast).
        const blocks = got.map(blockOfLiteral);
        const broken = blocks.flatMap((b, i) => {
          const facts = {
            "a /30": b.prefix === 30 && got[i] === cidrOf(b),
            "network-aligned": b.first % 4n === 0n && isNetworkCidr(got[i]),
            "inside 169.254.0.0/16": LINK_LOCAL.first <= b.first && b.last <= LINK_LOCAL.last,
            "clear of AWS's reserved blocks": !RESERVED_BY_AWS.some((r) => r.first <= b.last && b.first <= r.last),
            "from start's /30 on": b.first >= start - (start % 4n),
            "after the one before, disjoint": i === 0 || blocks[i - 1].last < b.first,
          };
          return Object.entries(facts).flatMap(([fact, holds]) => (holds ? [] : [`${got[i]} is not ${fact}`]));
        });
        expect(broken).toEqual([]);
        expect(got).toHaveLength(count);
        expect(new Set(got).size).toBe(got.length);
        // Deterministic: a re-synth never moves a BGP session.
        expect(allocateInsideCidrs(count, dotted(start))).toEqual(got);
      }),
      { numRuns: 100 },
    );
  });

  test("runs out exactly at the end of 169.254.0.0/16: count = room succeeds, count = room + 1 throws 'no room'", () => {
    // Starts anywhere, so a run may allocate thousands of /30s: few runs.
    fc.assert(
      fc.property(linkLocalAddress, fc.integer({ min: -2, max: 2 }), (start, delta) => {
        const count = Math.max(0, modelRoomFrom(start) + delta);
        const room = modelUsableFrom(start).length;
        expect(modelRoomFrom(start)).toBe(room);
        if (count > room) expect(() => allocateInsideCidrs(count, dotted(start))).toThrow(/no room for \d+ tunnel inside \/30s/);
        else expect(allocateInsideCidrs(count, dotted(start))).toHaveLength(count);
      }),
      { numRuns: 25 },
    );
  });

  test("adding tunnels never moves the existing ones: allocation for n is a prefix of that for m >= n; the default start is 169.254.10.0", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), linkLocalAddress, (a, b, start) => {
        const [n, m] = a <= b ? [a, b] : [b, a];
        fc.pre(m <= modelRoomFrom(start));
        expect(allocateInsideCidrs(m, dotted(start)).slice(0, n)).toEqual(allocateInsideCidrs(n, dotted(start)));
        expect(allocateInsideCidrs(n)).toEqual(allocateInsideCidrs(n, "169.254.10.0"));
        expect(INSIDE_CIDR_ALLOCATION_START).toBe("169.254.10.0");
      }),
      { numRuns: 100 },
    );
  });

  test("a start outside 169.254.0.0/16 has no room for one tunnel; a start that is not an address throws", () => {
    const outside = uint32.filter((a) => a < LINK_LOCAL.first || a > LINK_LOCAL.last);
    fc.assert(
      fc.property(outside, fc.integer({ min: 1, max: 8 }), (start, count) => {
        expect(() => allocateInsideCidrs(count, dotted(start))).toThrow(/no room/);
        expect(() => allocateInsideCidrs(count, `${dotted(start)}/30`)).toThrow(/not an IPv4 address/);
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------
// ASNs. The model, from the RFCs' own numbers: RFC 6996 private ranges
// 64512-65534 and 4200000000-4294967294; RFC 7607 reserves 0, RFC 6793
// AS_TRANS 23456, RFC 7300 the last ASNs 65535 and 4294967295.

function modelPrivateAsn(n: number): boolean {
  return Number.isInteger(n) && ((n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294));
}

function modelAsn(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 4294967295 && ![0, 23456, 65535, 4294967295].includes(n);
}

const EDGES = [0, 1, 23455, 23456, 23457, 64511, 64512, 64513, 65533, 65534, 65535, 65536, 2147483647, 2147483648, 4199999999, 4200000000, 4200000001, 4294967293, 4294967294, 4294967295, 4294967296];
const asnLike = fc.oneof(
  fc.constantFrom(...EDGES),
  fc.constantFrom(...EDGES).chain((e) => fc.integer({ min: -3, max: 3 }).map((d) => e + d)),
  fc.integer({ min: 0, max: 70000 }),
  fc.bigInt({ min: 0n, max: 2n ** 33n }).map(Number),
  fc.integer({ min: -100000, max: -1 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(64512.5, Number.NaN, Infinity, -Infinity, -0),
);

describe("ASNs (model: RFC 6996, 6793, 7300, 7607)", () => {
  test("the limits file's private ranges are RFC 6996's", () => {
    expect(PRIVATE_ASN_RANGES).toEqual([
      [64512, 65534],
      [4200000000, 4294967294],
    ]);
  });

  test("isPrivateAsn and isAsn agree with the RFCs' ranges and reserved numbers; every private ASN is an ASN", () => {
    fc.assert(
      fc.property(asnLike, (n) => {
        expect(isPrivateAsn(n)).toBe(modelPrivateAsn(n));
        expect(isAsn(n)).toBe(modelAsn(n));
        if (isPrivateAsn(n)) expect(isAsn(n)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------
// Names. The model: an RFC 1035 label (GCP resource names, "Naming
// convention"): 1-63 of lowercase letters, digits and '-', starting with a
// letter and not ending with '-'; an RFC 1123 label may start with a digit.

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";

function modelLabel(name: string, firstMayBeDigit: boolean): boolean {
  if (name.length < 1 || name.length > 63) return false;
  const inner = (c: string) => LOWER.includes(c) || DIGITS.includes(c) || c === "-";
  const first = name[0];
  const last = name[name.length - 1];
  return [...name].every(inner) && (LOWER.includes(first) || (firstMayBeDigit && DIGITS.includes(first))) && last !== "-";
}

const modelGcpName = (name: string) => modelLabel(name, false);
const modelDnsLabel = (name: string) => modelLabel(name, true);

/** A GCP name of a length in [min, max], '-' common, so names end near dashes and limits. */
function gcpLabel(min: number, max: number): fc.Arbitrary<string> {
  return fc.integer({ min, max }).chain((length) =>
    length === 1
      ? fc.constantFrom(...LOWER)
      : fc
          .tuple(
            fc.constantFrom(...LOWER),
            fc.array(fc.constantFrom(..."abz09-"), { minLength: length - 2, maxLength: length - 2 }),
            fc.constantFrom(..."az09"),
          )
          .map(([a, mid, z]) => `${a}${mid.join("")}${z}`),
  );
}

/** A DNS label (RFC 1123) of a length in [min, max]. */
function dnsLabel(min: number, max: number): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...DIGITS, ..."ab"), gcpLabel(min, max)).map(([d, rest]) => (rest.length > 1 ? d + rest.slice(1) : rest));
}

const nameishChars = fc.constantFrom(..."az09-", "A", "Z", "_", ".", " ", "\u00e9", "\u212a", "\u0130");

describe("names (model: RFC 1035 and RFC 1123 labels, checked character by character)", () => {
  test("isGcpName agrees with the character model, lengths around 63 included", () => {
    const text = fc.oneof(fc.string({ unit: nameishChars, maxLength: 70 }), gcpLabel(1, 64), gcpLabel(60, 66), fc.string({ maxLength: 10 }));
    fc.assert(
      fc.property(text, (name) => {
        expect(isGcpName(name)).toBe(modelGcpName(name));
      }),
      { numRuns: 200 },
    );
  });

  test("resourceName joins GCP names with '-', skipping empty parts: a GCP name exactly when it is at most 63 characters", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 5, arbitrary: gcpLabel(1, 30) }, fc.constant("")), { minLength: 1, maxLength: 5 }), (parts) => {
        const kept = parts.filter((p) => p !== "");
        fc.pre(kept.length > 0);
        const name = resourceName(...parts);
        expect(name.length).toBe(kept.reduce((sum, p) => sum + p.length, 0) + kept.length - 1);
        expect(name.startsWith(kept[0]) && name.endsWith(kept[kept.length - 1])).toBe(true);
        expect(isGcpName(name)).toBe(name.length <= 63);
      }),
      { numRuns: 150 },
    );
  });

  test("toDnsLabel gives an RFC 1123 label of at most 63 characters or nothing; is idempotent; keeps a label as it is; ignores ASCII case", () => {
    const text = fc.oneof(fc.string({ unit: nameishChars, maxLength: 90 }), fc.string({ maxLength: 40 }), dnsLabel(1, 63));
    fc.assert(
      fc.property(text, (raw) => {
        const label = toDnsLabel(raw);
        expect(label === "" || modelDnsLabel(label)).toBe(true);
        expect(toDnsLabel(label)).toBe(label);
        if (modelDnsLabel(raw)) expect(label).toBe(raw);
        if (/^[\x20-\x7e]*$/.test(raw)) expect(toDnsLabel(raw.toUpperCase())).toBe(label);
      }),
      { numRuns: 200 },
    );
  });

  test("pipelineNames fits any prefix and environment the schema accepts: service account ids 6-30, pool ids 4-32 (IAM limits)", () => {
    const SERVICE_ACCOUNT_ID = /^[a-z]([-a-z0-9]*[a-z0-9])$/;
    const gcpKinds = (Object.keys(STACK_KINDS) as Array<keyof typeof STACK_KINDS>).filter((k) => STACK_KINDS[k].cloud === "gcp");
    fc.assert(
      fc.property(gcpLabel(1, 63), dnsLabel(1, 63), (prefix, environment) => {
        const names = pipelineNames(prefix, environment);
        for (const kind of gcpKinds) {
          const id = names.serviceAccount(kind);
          expect(id.length >= 6 && id.length <= 30 && SERVICE_ACCOUNT_ID.test(id)).toBe(true);
        }
        expect(names.pool.length >= 4 && names.pool.length <= 32 && SERVICE_ACCOUNT_ID.test(names.pool)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

/**
 * Every name naming.ts makes for a config, with the limit of what it names
 * (Google Cloud docs): GCP resource names 1-63; a GKE cluster name at most 40;
 * a service account id 6-30 (a serverless check's name is its account's id);
 * a Serverless VPC Access connector under 21 with '-' counted twice; a
 * workload identity pool id 4-32, not starting with gcp-.
 */
function namesAndLimits(config: Config): Array<{ what: string; name: string; fits: boolean }> {
  const out: Array<{ what: string; name: string; fits: boolean }> = [];
  const gcp = (what: string, name: string) => out.push({ what, name, fits: modelGcpName(name) });
  const serviceAccount = (what: string, name: string) => out.push({ what, name, fits: modelGcpName(name) && name.length >= 6 && name.length <= 30 });
  const producer = producerNames(config.prefix);
  for (const key of ["network", "frontendSubnet", "proxyOnlySubnet", "haVpnGateway", "loadBalancer", "serviceAttachment", "router", "awsVpn"] as const) gcp(key, producer[key]);
  [config.gcp.pscNatCidr, ...config.gcp.additionalPscNatCidrs].forEach((_, i) => gcp(`pscNatSubnet(${i})`, producer.pscNatSubnet(i)));
  if (config.gcp.privateServicesAccessCidrs.length > 0) gcp("privateServicesAccess", producer.privateServicesAccess);
  for (const tenant of config.tenants) {
    const names = tenantNames(config.prefix, tenant.name);
    gcp("gkeSubnet", names.gkeSubnet);
    out.push({ what: "cluster", name: names.cluster, fits: modelGcpName(names.cluster) && names.cluster.length <= 40 });
    for (const svc of tenant.publishedServices) gcp("publishedAddress", names.publishedAddress(svc.name));
    if (tenant.kind === "routed") {
      if (tenant.publishedServices.length > 0) gcp("publishedFirewall", names.publishedFirewall);
      continue;
    }
    gcp("network", names.network);
    gcp("pscSubnet", names.pscSubnet);
    gcp("pscEndpoint", names.pscEndpoint);
    if (tenant.publishedServices.length > 0) gcp("publishedZone", names.publishedZone);
    if (tenant.serverless?.connector !== undefined) {
      const weight = names.connector.length + (names.connector.match(/-/g) ?? []).length;
      out.push({ what: "connector", name: names.connector, fits: modelGcpName(names.connector) && weight <= 20 });
    }
    if (tenant.serverless?.directVpcEgressCidr !== undefined) gcp("serverlessSubnet", names.serverlessSubnet);
    for (const path of serverlessPaths(tenant)) serviceAccount(`serverlessCheck(${path})`, names.serverlessCheck(path));
  }
  if (config.pipeline !== undefined) {
    const names = pipelineNames(config.prefix, config.environment);
    out.push({ what: "pool", name: names.pool, fits: /^[a-z][-a-z0-9]{2,30}[a-z0-9]$/.test(names.pool) && !names.pool.startsWith("gcp-") });
    for (const kind of Object.keys(STACK_KINDS) as Array<keyof typeof STACK_KINDS>) {
      if (STACK_KINDS[kind].cloud === "gcp") serviceAccount(`serviceAccount(${kind})`, names.serviceAccount(kind));
    }
  }
  return out;
}

describe("generated names of a config (naming.ts, model: the clouds' name limits)", () => {
  test("for any prefix, tenant names and environment the config accepts, every generated name fits; a refusal blames only those keys", () => {
    // The example (two PSC tenants, one with both serverless paths and a published Service, and a routed tenant) with new names.
    const names = fc.record({
      prefix: fc.oneof(gcpLabel(1, 12), gcpLabel(1, 63), fc.constantFrom("gcp", "gcpx")),
      tenants: fc.uniqueArray(fc.oneof(gcpLabel(1, 10), gcpLabel(1, 40)), { minLength: 3, maxLength: 3 }),
      environment: fc.oneof(dnsLabel(1, 12), dnsLabel(1, 63)),
      pipeline: fc.boolean(),
    });
    let accepted = 0;
    fc.assert(
      fc.property(names, ({ prefix, tenants, environment, pipeline }) => {
        const input: any = exampleInput();
        Object.assign(input, { prefix, environment });
        input.tenants.forEach((t: any, i: number) => (t.name = tenants[i]));
        if (pipeline) {
          input.state = { backend: "split", gcs: { bucket: "example-tf-state", prefix: "psc/example" }, s3: { bucket: "example-tf-state-aws", keyPrefix: "psc/example", region: "ap-northeast-1" } };
          input.pipeline = { repository: "example-org/psc-hybrid", sharedVpcAdminScope: "organizations/123456789012" };
        }
        let config: Config;
        try {
          config = parseConfig(input);
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          const nameKeys = /^(prefix|environment|tenants\[\d\]\.name|tenants\[\d\]\.publishedServices\[\d\]\.name)$/;
          expect(e.problems.filter((p) => !nameKeys.test(p.path))).toEqual([]);
          return;
        }
        accepted++;
        expect(pscTenants(config)).toHaveLength(2);
        expect(namesAndLimits(config).filter((n) => !n.fits)).toEqual([]);
      }),
      { numRuns: 150 },
    );
    // Not vacuous: some of the generated configs were accepted.
    expect(accepted).toBeGreaterThan(10);
  });
});

// ---------------------------------------------------------------------------
// GKE pod ranges. The model, from PrivateGkeCluster's doc comment and GKE's
// docs ("Optimize IP address allocation"): each node gets the smallest
// power-of-two block holding twice maxPodsPerNode addresses; a regional
// cluster starts with max(1, minNodesPerZone) nodes in each of 3 zones and
// may grow to maxNodesPerZone in each. A Standard cluster is refused when its
// pod range cannot hold the first nodes, warned when it cannot hold the most.

/** The smallest power of two >= 2 * maxPods, found by doubling: [size, prefix]. */
function modelNodeBlock(maxPods: number): { size: number; prefix: number } {
  let size = 1;
  let prefix = 32;
  while (size < 2 * maxPods) {
    size *= 2;
    prefix -= 1;
  }
  return { size, prefix };
}

function modelNodesHeld(rangePrefix: number, maxPods: number): number {
  return Math.floor(2 ** (32 - rangePrefix) / modelNodeBlock(maxPods).size);
}

const REF = { id: "", selfLink: "", name: "" };

function clusterProps(podsCidr: string, nodePool: { maxPodsPerNode?: number; minNodesPerZone: number; maxNodesPerZone: number }): PrivateGkeClusterProps {
  return {
    name: "c1",
    location: "europe-west1",
    project: "example-project",
    mode: "standard",
    network: REF,
    subnet: { ...REF, podsRangeName: "pods", servicesRangeName: "services", podsCidr },
    nodePool,
  };
}

const pool = fc
  .record({ maxPods: fc.integer({ min: 8, max: 256 }), min: fc.integer({ min: 0, max: 6 }), extra: fc.integer({ min: 0, max: 8 }), rangePrefix: fc.integer({ min: 9, max: 28 }), base: uint32 })
  .map(({ maxPods, min, extra, rangePrefix, base }) => ({ maxPods, min, max: Math.max(1, min) + extra, pods: cidrOf(modelBlock(base, rangePrefix)), rangePrefix }));

describe("GKE pod range capacity (model: power-of-two blocks per node, 3 zones)", () => {
  test("podBlockPrefix is the smallest block with at least 2 * maxPodsPerNode addresses, for every allowed maxPodsPerNode", () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 256 }), (maxPods) => {
        const prefix = podBlockPrefix(maxPods);
        expect(prefix).toBe(modelNodeBlock(maxPods).prefix);
        expect(2 ** (32 - prefix)).toBeGreaterThanOrEqual(2 * maxPods);
        expect(2 ** (32 - prefix - 1)).toBeLessThan(2 * maxPods);
      }),
      { numRuns: 249 },
    );
  });

  test("a Standard cluster is refused exactly when its pod range holds fewer than its first nodes, warned when fewer than its most", () => {
    fc.assert(
      fc.property(pool, ({ maxPods, min, max, pods, rangePrefix }) => {
        const v = new PropsValidator("PrivateGkeCluster");
        PrivateGkeCluster.validate(clusterProps(pods, { maxPodsPerNode: maxPods, minNodesPerZone: min, maxNodesPerZone: max }), v);
        const held = modelNodesHeld(rangePrefix, maxPods);
        const first = Math.max(1, min) * 3;
        const most = max * 3;
        expect(v.problems.map((p) => p.path)).toEqual(held < first ? ["subnet.podsCidr"] : []);
        expect(v.warnings.map((p) => p.path)).toEqual(held >= first && held < most ? ["subnet.podsCidr"] : []);
        for (const p of [...v.problems, ...v.warnings]) expect(p.message).toContain(`holds ${held} node`);
      }),
      { numRuns: 150 },
    );
  });

  test("the fix a capacity problem names (a pod range of /N or larger) is accepted without a warning", () => {
    fc.assert(
      fc.property(pool, ({ maxPods, min, max, pods }) => {
        const nodePool = { maxPodsPerNode: maxPods, minNodesPerZone: min, maxNodesPerZone: max };
        const v = new PropsValidator("PrivateGkeCluster");
        PrivateGkeCluster.validate(clusterProps(pods, nodePool), v);
        const found = [...v.problems, ...v.warnings];
        fc.pre(found.length > 0);
        const suggested = Number(/a pod range of \/(\d+) or larger/.exec(found[0].message)![1]);
        expect(modelNodesHeld(suggested, maxPods)).toBeGreaterThanOrEqual(max * 3);
        const again = new PropsValidator("PrivateGkeCluster");
        PrivateGkeCluster.validate(clusterProps(`10.0.0.0/${suggested}`, nodePool), again);
        expect([...again.problems, ...again.warnings]).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test("the construct itself throws exactly when the model refuses the pod range", () => {
    fc.assert(
      fc.property(pool, ({ maxPods, min, max, pods, rangePrefix }) => {
        const refused = modelNodesHeld(rangePrefix, maxPods) < Math.max(1, min) * 3;
        const make = () =>
          Testing.synthScope((scope) => {
            new PrivateGkeCluster(scope, "c", clusterProps(pods, { maxPodsPerNode: maxPods, minNodesPerZone: min, maxNodesPerZone: max }));
          });
        if (refused) expect(make).toThrow(/subnet\.podsCidr: holds \d+ nodes? of \d+ pods/);
        else expect(make).not.toThrow();
      }),
      { numRuns: 15 },
    );
  });
});
