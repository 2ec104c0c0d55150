import { ASN_RULE, isAsn, isPrivateAsn, PRIVATE_ASN_RULE } from "../../../constructs/core/asn";

// ASNs at the edges of their ranges, and the rules as a user reads them.

describe("ASNs", () => {
  test("private ASNs are RFC 6996's two ranges, edges included", () => {
    expect([64511, 64512, 65534, 65535].map(isPrivateAsn)).toEqual([false, true, true, false]);
    expect([4199999999, 4200000000, 4294967294, 4294967295].map(isPrivateAsn)).toEqual([false, true, true, false]);
    expect([64512.5, Number.NaN].map(isPrivateAsn)).toEqual([false, false]);
  });

  test("any ASN is 1-4294967294, not AS_TRANS (23456) or 65535", () => {
    expect([0, 1, 23456, 65535, 4294967294, 4294967295, 1.5].map(isAsn)).toEqual([false, true, false, false, true, false, false]);
  });

  test("the rules name the ranges", () => {
    expect(PRIVATE_ASN_RULE).toBe("must be a private ASN: 64512-65534 or 4200000000-4294967294 (RFC 6996)");
    expect(ASN_RULE).toBe("must be an ASN: 1-4294967294, not 23456 or 65535 (reserved)");
  });
});
