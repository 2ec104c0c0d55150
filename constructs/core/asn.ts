import { PRIVATE_ASN_RANGES } from "./limits";

/** The rule a private ASN follows, for error messages. */
export const PRIVATE_ASN_RULE = `must be a private ASN: ${PRIVATE_ASN_RANGES.map(([lo, hi]) => `${lo}-${hi}`).join(" or ")} (RFC 6996)`;

/** True for 16-bit and 32-bit private ASNs. */
export function isPrivateAsn(asn: number): boolean {
  return Number.isInteger(asn) && PRIVATE_ASN_RANGES.some(([lo, hi]) => asn >= lo && asn <= hi);
}
