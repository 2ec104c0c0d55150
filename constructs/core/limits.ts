/**
 * The cloud limits this library enforces, each written once, with its
 * source. Construct validators and the app's config schema both read them.
 */

/** A range of prefix lengths a block may have, and why. */
export interface PrefixLimit {
  /** Shortest prefix (largest block). */
  readonly minPrefix: number;
  /** Longest prefix (smallest block). */
  readonly maxPrefix: number;
  /** Where the limit comes from, in the user's words. */
  readonly why: string;
}

/** The blocks whose sizes are limited. */
export type PrefixLimitName = "gcpSubnet" | "proxyOnlySubnet" | "pscNatSubnet" | "gkePods" | "gkeServices" | "gkeControlPlane" | "privateServicesAccess" | "serverlessConnector" | "directVpcEgress" | "awsVpc";

/** Sizes of the address blocks the constructs make. */
export const PREFIX_LIMITS: Readonly<Record<PrefixLimitName, PrefixLimit>> = {
  /** A regular GCP subnet's primary range (Google Cloud docs, "Subnets: IPv4 subnet ranges"). */
  gcpSubnet: { minPrefix: 8, maxPrefix: 29, why: "GCP subnet sizes" },
  /** Proxy-only subnets (Google Cloud docs, "Proxy-only subnets for Envoy-based load balancers"). */
  proxyOnlySubnet: { minPrefix: 8, maxPrefix: 26, why: "a proxy-only subnet needs at least 64 addresses" },
  /** PSC NAT subnets (Google Cloud docs, "Publish services: NAT subnets"). */
  pscNatSubnet: { minPrefix: 8, maxPrefix: 29, why: "the smallest PSC NAT subnet is a /29" },
  /** GKE pod secondary range (GKE docs, "VPC-native clusters: secondary range for Pods"). */
  gkePods: { minPrefix: 9, maxPrefix: 24, why: "GKE pod range sizes" },
  /** GKE service secondary range (GKE docs, "VPC-native clusters: secondary range for Services"). */
  gkeServices: { minPrefix: 16, maxPrefix: 28, why: "GKE service range sizes" },
  /** A peering-based private control plane (GKE docs, "Creating a private cluster"). */
  gkeControlPlane: { minPrefix: 28, maxPrefix: 28, why: "GKE control-plane ranges are exactly /28" },
  /**
   * A range allocated to Google-managed services (Cloud SQL, Memorystore): "for Google services, the
   * minimum size is a single /24 block, but the recommended size is a /16 block" (Google Cloud docs,
   * "Configure private services access: Choose an IP address range for the allocated range").
   */
  privateServicesAccess: { minPrefix: 8, maxPrefix: 24, why: "private services access needs at least a /24" },
  /** A Serverless VPC Access connector's range: "an unused /28" (Google Cloud docs, "Serverless VPC Access: IP address ranges"). */
  serverlessConnector: { minPrefix: 28, maxPrefix: 28, why: "a Serverless VPC Access connector takes exactly a /28" },
  /**
   * The subnet Cloud Run's Direct VPC egress takes addresses from: "use a /26 or larger", each
   * instance holding addresses of it for a while after it scales in (Google Cloud docs, "Direct VPC
   * egress with a VPC network: IP address allocation").
   */
  directVpcEgress: { minPrefix: 8, maxPrefix: 26, why: "Direct VPC egress needs a /26 or larger subnet" },
  /** AWS VPCs and subnets (Amazon VPC user guide, "VPC CIDR blocks"). */
  awsVpc: { minPrefix: 16, maxPrefix: 28, why: "AWS VPC and subnet sizes" },
};

/**
 * Serverless VPC Access connector instances: "min_instances between 2 and 9, max_instances between 3
 * and 10, higher than min_instances" (google_vpc_access_connector). Connectors scale out, never in.
 */
export const VPC_CONNECTOR_INSTANCES = { min: 2, max: 10 } as const;

/** The machine types a Serverless VPC Access connector runs on (Google Cloud docs, "Serverless VPC Access: throughput and scaling"). */
export const VPC_CONNECTOR_MACHINE_TYPES = ["f1-micro", "e2-micro", "e2-standard-4"] as const;

/**
 * A Serverless VPC Access connector's name: "less than 21 characters long, and hyphens (-) count as
 * two characters" (Google Cloud docs, "Connecting to a VPC network"; the provider's "max 25" is looser).
 */
export const VPC_CONNECTOR_NAME_MAX_WEIGHT = 20;

/** Ranges usable for private networks: RFC 1918 and the RFC 6598 shared space. */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"] as const;

/**
 * Where Google Cloud load balancers' health check probes (and, for proxy load balancers, GFE
 * traffic) come from: public Google ranges a firewall rule must admit for backends to be marked
 * healthy (Google Cloud docs, "Firewall rules" for load balancing: probe IP ranges).
 */
export const GOOGLE_HEALTH_CHECK_RANGES = ["35.191.0.0/16", "130.211.0.0/22"] as const;

/** Private ASNs (RFC 6996): 16-bit and 32-bit. */
export const PRIVATE_ASN_RANGES = [
  [64512, 65534],
  [4200000000, 4294967294],
] as const;

/** Any BGP ASN a peer may have (4-byte, RFC 6793), and the ones no session may use: AS_TRANS (RFC 6793) and 65535 (RFC 7300). */
export const BGP_ASN_RANGE = { min: 1, max: 4294967294, reserved: [23456, 65535] } as const;

/** Largest ASN an AWS customer gateway takes in `bgp_asn`; larger ones go in `bgp_asn_extended` (EC2 API, CreateCustomerGateway). */
export const AWS_CGW_MAX_BGP_ASN = 2147483647;

/** Where VPN tunnel inside addresses live (link-local). */
export const TUNNEL_INSIDE_RANGE = "169.254.0.0/16";

/**
 * The /30 blocks inside 169.254.0.0/16 that AWS refuses as tunnel inside CIDRs
 * (AWS Site-to-Site VPN user guide, "Tunnel options for your Site-to-Site VPN connection").
 */
export const AWS_RESERVED_INSIDE_CIDRS = [
  "169.254.0.0/30",
  "169.254.1.0/30",
  "169.254.2.0/30",
  "169.254.3.0/30",
  "169.254.4.0/30",
  "169.254.5.0/30",
  "169.254.169.252/30",
] as const;

/** Addresses a cloud keeps for itself in every subnet: the first `head` and the last `tail`. */
export const RESERVED_SUBNET_ADDRESSES = {
  /** Network, gateway, and the last two (Google Cloud docs, "Subnets: reserved IPv4 addresses"). */
  gcp: { head: 2, tail: 2, words: "the four addresses GCP reserves", where: "the first two and the last two" },
  /** Network, router, DNS, future use, and broadcast (Amazon VPC user guide, "Subnet CIDR blocks"). */
  aws: { head: 4, tail: 1, words: "the five addresses AWS reserves", where: "the first four and the last" },
} as const;

/** GCP resource names (RFC 1035 labels). */
export const GCP_NAME_MAX_LENGTH = 63;

/** The longest name prefix that still leaves room for the longest suffix a construct appends. */
export function nameRoomFor(longestSuffix: string): number {
  return GCP_NAME_MAX_LENGTH - longestSuffix.length;
}
/** GKE cluster names. */
export const GKE_CLUSTER_NAME_MAX_LENGTH = 40;
/** Pods per node of a GKE Standard node pool. */
export const GKE_MAX_PODS_PER_NODE = { min: 8, max: 256 } as const;
/** Zones a regional GKE cluster spreads its nodes over when none are chosen. */
export const GKE_REGIONAL_CLUSTER_ZONES = 3;
/** Cloud Router BGP keepalive interval, seconds. */
export const BGP_KEEPALIVE_SECONDS = { min: 20, max: 60 } as const;
/** Custom advertised ranges of one Cloud Router BGP session (Cloud Router quotas: "custom route advertisements per BGP session"). */
export const CLOUD_ROUTER_MAX_CUSTOM_RANGES = 200;
/**
 * Prefixes an AWS VPN connection accepts from its customer gateway: at 101
 * the BGP session goes down (AWS Site-to-Site VPN quotas, "Dynamic routes
 * advertised from a customer gateway device to a Site-to-Site VPN connection", not adjustable).
 */
export const AWS_VPN_MAX_PEER_PREFIXES = 100;
/** Advertised route priority (MED) of a Cloud Router BGP session. */
export const BGP_ROUTE_PRIORITY = { min: 0, max: 65535 } as const;
/** The HTTP port: the default of every listener and service here. */
export const HTTP_PORT = 80;
/** The HTTPS port: what Google APIs and AWS interface endpoints (Systems Manager) serve on. */
export const HTTPS_PORT = 443;
/** Where tunnel inside /30s are allocated from when none are given (deterministic: a re-synth never moves a BGP session). */
export const INSIDE_CIDR_ALLOCATION_START = "169.254.10.0";
/** Diffie-Hellman groups both AWS and Cloud VPN support (Google Cloud docs, "Supported IKE ciphers"). */
export const SHARED_DH_GROUPS = [14, 19, 20, 21] as const;
/** AES-256 encryptions both AWS and Cloud VPN support. */
export const SHARED_ENCRYPTIONS = ["AES256", "AES256-GCM-16"] as const;
