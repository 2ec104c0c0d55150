import { PRIVATE_ASN_RANGES } from "./limits";

/** The rule a private ASN follows, for error messages. */
export const PRIVATE_ASN_RULE = `must be a private ASN: ${PRIVATE_ASN_RANGES.map(([lo, hi]) => `${lo}-${hi}`).join(" or ")} (RFC 6996)`;

/** True for 16-bit and 32-bit private ASNs. */
export function isPrivateAsn(asn: number): boolean {
  return Number.isInteger(asn) && PRIVATE_ASN_RANGES.some(([lo, hi]) => asn >= lo && asn <= hi);
}

/** What two BGP speakers of one session must satisfy: eBGP needs two different ASNs. */
export const EBGP_RULE = "must differ from the other side's ASN (the two sides speak eBGP)";
