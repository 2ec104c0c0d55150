import { BGP_ASN_RANGE, PRIVATE_ASN_RANGES } from "./limits";

/** The rule a private ASN follows, for error messages. */
export const PRIVATE_ASN_RULE = `must be a private ASN: ${PRIVATE_ASN_RANGES.map(([lo, hi]) => `${lo}-${hi}`).join(" or ")} (RFC 6996)`;

/** The rule any peer's ASN follows, for error messages. */
export const ASN_RULE = `must be an ASN: ${BGP_ASN_RANGE.min}-${BGP_ASN_RANGE.max}, not ${BGP_ASN_RANGE.reserved.join(" or ")} (reserved)`;

/** True for an ASN a BGP peer may have, public or private. */
export function isAsn(asn: number): boolean {
  return Number.isInteger(asn) && asn >= BGP_ASN_RANGE.min && asn <= BGP_ASN_RANGE.max && !(BGP_ASN_RANGE.reserved as readonly number[]).includes(asn);
}

/** True for 16-bit and 32-bit private ASNs. */
export function isPrivateAsn(asn: number): boolean {
  return Number.isInteger(asn) && PRIVATE_ASN_RANGES.some(([lo, hi]) => asn >= lo && asn <= hi);
}
