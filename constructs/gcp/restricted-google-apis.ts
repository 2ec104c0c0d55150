import { ComputeFirewall } from "@cdktf/provider-google/lib/compute-firewall";
import { ComputeRoute } from "@cdktf/provider-google/lib/compute-route";
import { DnsManagedZone } from "@cdktf/provider-google/lib/dns-managed-zone";
import { DnsRecordSet } from "@cdktf/provider-google/lib/dns-record-set";
import { Construct } from "constructs";
import { HTTPS_PORT, nameRoomFor } from "../core/limits";
import { resourceName } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";
import { INetwork } from "./vpc-network";

/** restricted.googleapis.com: Google APIs that honour VPC Service Controls, reachable without internet. */
export const RESTRICTED_GOOGLE_APIS_CIDR = "199.36.153.4/30";
const RESTRICTED_IPS = ["199.36.153.4", "199.36.153.5", "199.36.153.6", "199.36.153.7"];

/**
 * Priority of the egress rule that allows HTTPS to the restricted VIP. VPC
 * firewall rules apply lowest number first, and at equal priority a deny
 * beats an allow (Google Cloud docs, "VPC firewall rules: priority"): 100
 * wins over a deny-all egress rule at the default 1000 or at the 65534 many
 * baselines use. A deny placed below 100, or in a hierarchical firewall
 * policy (organisation or folder: evaluated before any VPC rule), still wins:
 * such a policy must allow 199.36.153.4/30 on tcp:443 or `goto_next` for it.
 */
export const RESTRICTED_APIS_EGRESS_PRIORITY = 100;

/** Domains whose names must resolve to the restricted VIP for private nodes to pull images and call APIs. */
export const RESTRICTED_DOMAINS = [
  { id: "googleapis", domain: "googleapis.com.", apex: "restricted.googleapis.com." },
  { id: "gcr", domain: "gcr.io.", apex: "gcr.io." },
  { id: "pkg-dev", domain: "pkg.dev.", apex: "pkg.dev." },
] as const;

export interface RestrictedGoogleApisProps {
  /** Name prefix of the route and zones (`<name>-restricted-apis`, `<name>-googleapis`, ...). */
  readonly name: string;
  /** The locked-down VPC. */
  readonly network: INetwork;
  /** Project of the route and zones. @default - the provider's project */
  readonly project?: string;
}

/**
 * Private access to Google APIs for a VPC with no internet path: a route to
 * the restricted.googleapis.com VIP and private Cloud DNS zones that send
 * googleapis.com, gcr.io and pkg.dev there (Google Cloud docs, "Configure
 * Private Google Access: DNS configuration"). Private GKE nodes can then pull
 * images from Artifact Registry and Container Registry. An egress rule
 * allows HTTPS to the VIP ahead of a deny-all egress rule of the VPC.
 */
export class RestrictedGoogleApis extends Construct {
  /** Longest `name` accepted: GCP's 63 characters less the longest suffix added. */
  static readonly MAX_NAME_LENGTH = nameRoomFor("-restricted-apis");

  /** Records every problem with the props in `v`. */
  static validate(props: RestrictedGoogleApisProps, v: PropsValidator): void {
    v.gcpName("name", props.name, RestrictedGoogleApis.MAX_NAME_LENGTH, "to leave room for '-restricted-apis'");
  }

  constructor(scope: Construct, id: string, props: RestrictedGoogleApisProps) {
    super(scope, id);
    validateProps(this, "RestrictedGoogleApis", (v) => RestrictedGoogleApis.validate(props, v));

    new ComputeRoute(this, "route", {
      name: resourceName(props.name, "restricted-apis"),
      project: props.project,
      network: props.network.id,
      destRange: RESTRICTED_GOOGLE_APIS_CIDR,
      // Traffic to the VIP stays on Google's network; the route only needs the internet gateway as next hop.
      nextHopGateway: "default-internet-gateway",
      description: "restricted.googleapis.com VIP for Private Google Access",
    });
    // Google APIs are served over HTTPS; without this rule the path relies on the implied
    // allow-all egress (priority 65535), which any deny-all egress rule overrides and
    // nodes stop pulling images (Google Cloud docs, "Set up private connectivity to
    // Google APIs and services: Configure firewall rules").
    new ComputeFirewall(this, "egress", {
      name: resourceName(props.name, "apis-egress"),
      project: props.project,
      network: props.network.id,
      direction: "EGRESS",
      priority: RESTRICTED_APIS_EGRESS_PRIORITY,
      destinationRanges: [RESTRICTED_GOOGLE_APIS_CIDR],
      allow: [{ protocol: "tcp", ports: [String(HTTPS_PORT)] }],
      description: "HTTPS to restricted.googleapis.com, ahead of any deny-all egress rule",
    });
    for (const { id: zoneId, domain, apex } of RESTRICTED_DOMAINS) {
      const zone = new DnsManagedZone(this, `${zoneId}-zone`, {
        name: resourceName(props.name, zoneId),
        project: props.project,
        dnsName: domain,
        description: `Sends ${domain} to restricted.googleapis.com`,
        visibility: "private",
        privateVisibilityConfig: { networks: [{ networkUrl: props.network.id }] },
      });
      const record = (rid: string, name: string, type: string, rrdatas: string[]) =>
        new DnsRecordSet(this, `${zoneId}-${rid}`, { project: props.project, managedZone: zone.name, name, type, ttl: 300, rrdatas });
      record("a", apex, "A", RESTRICTED_IPS);
      record("wildcard", `*.${domain}`, "CNAME", [apex]);
    }
  }
}
