/** The rule a private ASN follows, for error messages. */
export const PRIVATE_ASN_RULE = "must be a private ASN: 64512-65534 or 4200000000-4294967294 (RFC 6996)";

/** True for 16-bit (64512-65534) and 32-bit (4200000000-4294967294) private ASNs. */
export function isPrivateAsn(asn: number): boolean {
  return Number.isInteger(asn) && ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294));
}
