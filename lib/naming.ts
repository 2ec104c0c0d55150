import { resourceName } from "../constructs/core/names";

/** Names of the producer-side resources (producer and tunnels stacks), from the config's prefix. */
export function producerNames(prefix: string) {
  return {
    network: resourceName(prefix, "producer"),
    frontendSubnet: resourceName(prefix, "frontend"),
    proxyOnlySubnet: resourceName(prefix, "proxy-only"),
    /** PSC NAT subnet i (0-based): the first keeps the plain name, later ones are numbered from 2, so adding one renames none. */
    pscNatSubnet: (i: number) => (i === 0 ? resourceName(prefix, "psc-nat") : resourceName(prefix, "psc-nat", String(i + 1))),
    haVpnGateway: resourceName(prefix, "ha-vpn"),
    loadBalancer: resourceName(prefix, "aws-api"),
    serviceAttachment: resourceName(prefix, "aws-api"),
    router: resourceName(prefix, "router"),
    /** Name prefix of the private services access allocations (`<prefix>-psa-1`, ...). */
    privateServicesAccess: resourceName(prefix, "psa"),
    /** Name prefix of the GCP side of the VPN to AWS (HaVpnToAws): peer gateway `<prefix>-aws`, tunnel pairs `<prefix>-aws-1` and `-2`. */
    awsVpn: resourceName(prefix, "aws"),
  };
}

/** The in-cluster Service name of the AWS API in every tenant's namespace. */
export const API_SERVICE_NAME = "aws-api";

/** The two paths serverless requests take into a tenant's VPC. */
export type ServerlessPath = "connector" | "direct";

/** Names of one tenant's resources (its consumer stack), from the prefix and tenant name. */
export function tenantNames(prefix: string, tenant: string) {
  const name = (...parts: string[]) => resourceName(prefix, tenant, ...parts);
  return {
    network: name("vpc"),
    gkeSubnet: name("gke"),
    pscSubnet: name("psc"),
    cluster: name("gke"),
    pscEndpoint: name("aws-api"),
    /** A published Service's reserved address. */
    publishedAddress: (service: string) => name("svc", service),
    /** A PSC tenant's private zone of its published Services' names. */
    publishedZone: name("svc"),
    /** A PSC tenant's Serverless VPC Access connector (at most 25 characters). */
    connector: name(),
    /** A PSC tenant's subnet of Cloud Run's Direct VPC egress. */
    serverlessSubnet: name("serverless"),
    /** A PSC tenant's serverless check through one path: the Cloud Run job and its service account (at most 30 characters). */
    serverlessCheck: (path: ServerlessPath) => name("check", path),
    /** Name prefix of the hub's firewall rules for a routed tenant's published Services. */
    publishedFirewall: name("published"),
  };
}

/** The deploy identities' names (bootstrap stacks), from the prefix and environment. */
export function pipelineNames(prefix: string, environment: string) {
  const base = resourceName(prefix, environment);
  // Service account ids are 6-30 characters, pool ids 4-32 (IAM API): the base is shortened to fit its suffix.
  const fit = (suffix: string, max: number) => `${base.slice(0, max - suffix.length - 1).replace(/-+$/, "")}-${suffix}`;
  return {
    /** The workload identity pool and its GitHub provider. */
    pool: fit("github", 32),
    /** The service account a deploy job of one stack kind runs as. */
    serviceAccount: (kind: string) => fit(kind, 30),
    /** Name prefix of the AWS roles (IAM adds a suffix). */
    awsRole: (what: string) => `${base}-github-${what}`,
  };
}
