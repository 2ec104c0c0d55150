import { allocateInsideCidrs, blockSize, canonicalCidr, containsCidr, containsIp, edgeAddresses, isIpv4, isNetworkCidr, isPrivateCidr, isUsableInsideCidr, overlaps, parseCidr } from "../../../constructs/core/cidr";

describe("CIDR math", () => {
  test("parses decimal a.b.c.d/n only: no leading zeros (octal in some tools), no IPv6, no prefix over 32", () => {
    expect(parseCidr("10.0.10.0/24")).toMatchObject({ prefix: 24 });
    expect(parseCidr("010.0.10.0/24")).toBeUndefined();
    expect(parseCidr("10.0.10.0/33")).toBeUndefined();
    expect(parseCidr("fd00::/8")).toBeUndefined();
  });

  test("host bits, canonical form, containment and overlap", () => {
    expect(isNetworkCidr("10.0.10.5/24")).toBe(false);
    expect(canonicalCidr("10.0.10.5/24")).toBe("10.0.10.0/24");
    expect(containsCidr("10.0.0.0/16", "10.0.20.0/24")).toBe(true);
    expect(containsCidr("10.0.0.0/16", "10.1.20.0/24")).toBe(false);
    expect(overlaps("10.0.10.0/24", "10.0.10.128/25")).toBe(true);
    expect(overlaps("10.0.10.0/24", "10.0.11.0/24")).toBe(false);
    expect(containsIp("10.0.20.0/24", "10.0.20.255")).toBe(true);
  });

  test("private means RFC 1918 or 100.64.0.0/10", () => {
    expect(["10.0.0.0/8", "172.16.5.0/24", "192.168.0.0/16", "100.64.0.0/10"].every(isPrivateCidr)).toBe(true);
    expect(["8.8.8.0/24", "172.32.0.0/16", "100.128.0.0/16"].some(isPrivateCidr)).toBe(false);
  });

  test("the addresses a cloud keeps: the first and last of a block", () => {
    expect(edgeAddresses("10.0.20.0/24", 2, 2)).toEqual(["10.0.20.0", "10.0.20.1", "10.0.20.255", "10.0.20.254"]);
    expect(blockSize("10.10.10.0/29")).toBe(8);
    expect(edgeAddresses("not a block", 1, 1)).toEqual([]);
    expect(blockSize("not a block")).toBe(0);
  });

  test("a value that is not a string (a YAML number, a missing key) is no address and no block", () => {
    for (const value of [undefined, null, 10, { ip: "10.0.0.1" }, ["10.0.0.0/8"], ["10.0.0.1"]] as unknown as string[]) {
      expect({ value, ip: isIpv4(value), block: parseCidr(value), inside: containsIp("10.0.0.0/8", value) }).toEqual({ value, ip: false, block: undefined, inside: false });
    }
  });

  test("tunnel inside /30s: AWS's reserved blocks refused, allocation skips them and is deterministic", () => {
    expect(isUsableInsideCidr("169.254.10.0/30")).toBe(true);
    expect(isUsableInsideCidr("169.254.2.0/30")).toBe(false);
    expect(isUsableInsideCidr("169.254.10.0/29")).toBe(false);
    expect(allocateInsideCidrs(2, "169.254.5.0")).toEqual(["169.254.5.4/30", "169.254.5.8/30"]);
    expect(allocateInsideCidrs(4)).toEqual(allocateInsideCidrs(4));
  });
});
