import { ComputeAddress } from "@cdktf/provider-google/lib/compute-address";
import { ComputeForwardingRule } from "@cdktf/provider-google/lib/compute-forwarding-rule";
import { ComputeNetworkEndpointGroup } from "@cdktf/provider-google/lib/compute-network-endpoint-group";
import { ComputeNetworkEndpoints } from "@cdktf/provider-google/lib/compute-network-endpoints";
import { ComputeRegionBackendService } from "@cdktf/provider-google/lib/compute-region-backend-service";
import { ComputeRegionHealthCheck } from "@cdktf/provider-google/lib/compute-region-health-check";
import { ComputeRegionTargetHttpProxy } from "@cdktf/provider-google/lib/compute-region-target-http-proxy";
import { ComputeRegionUrlMap } from "@cdktf/provider-google/lib/compute-region-url-map";
import { createHash } from "crypto";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { replaceTriggeredBy } from "../core/lifecycle";
import { HTTP_PORT, nameRoomFor, RESERVED_SUBNET_ADDRESSES } from "../core/limits";
import { firstZone, resourceName } from "../core/names";
import { isToken, PropsValidator, validateProps } from "../core/validation";
import { IProxyOnlySubnet } from "./proxy-only-subnet";
import { INetwork, ISubnetwork } from "./vpc-network";

/** An address and port outside Google Cloud, reached over hybrid connectivity. */
export interface HybridEndpoint {
  /** Private IPv4 address of the endpoint (e.g. an EC2 instance on AWS). */
  readonly ipAddress: string;
  /** Port the endpoint serves on. */
  readonly port: number;
}

/** What the props leave out gets these (the app's config reads them for its own defaults). */
export const LOAD_BALANCER_DEFAULTS = { port: HTTP_PORT, healthCheckPath: "/", maxRatePerEndpoint: 100, logSampling: 1, globalAccess: true } as const;

/** Hex digits of the endpoint key in the NEG's name (`<name>-neg-<key>`). */
const NEG_KEY_LENGTH = 6;

/**
 * A short key of the endpoints (address:port, in order), for the NEG's name:
 * a NEG in use by a backend service can be neither deleted nor have its
 * default port changed (terraform-provider-google #7503), and provider 6.50
 * cannot update a hybrid NEG's endpoint list in place (#24785). So any
 * change of the endpoints makes a NEG of a new name, created before the old
 * one is destroyed: the backend service moves over, then the old NEG goes.
 * Known values are hashed here; values known only at plan time (another
 * stack's attribute) are hashed by Terraform with the same function, so both
 * give the same key.
 */
export function endpointsKey(endpoints: readonly HybridEndpoint[]): string {
  const text = endpoints.map((e) => `${e.ipAddress}:${e.port}`).join(",");
  if (!isToken(text)) return createHash("sha1").update(text).digest("hex").slice(0, NEG_KEY_LENGTH);
  // The same text, joined by Terraform (cdktf passes no interpolated string to a function).
  const joined = Fn.join(",", endpoints.map((e) => Fn.join(":", [e.ipAddress, Token.asString(e.port)])));
  return Fn.substr(Fn.sha1(joined), 0, NEG_KEY_LENGTH);
}

export interface HybridNegLoadBalancerProps {
  /** Name prefix of the load balancer's resources (`<name>-neg`, `<name>-fr`, ...). */
  readonly name: string;
  /** Region of the load balancer. */
  readonly region: string;
  /**
   * Zone of the hybrid NEG (hybrid NEGs are zonal): a zone of `region`.
   * @default - the region's first zone: `<region>-a`, or `<region>-b` where there is no zone a (europe-west1, us-east1)
   */
  readonly zone?: string;
  /** Network reaching the endpoints through Cloud VPN or Interconnect (global dynamic routing). */
  readonly network: INetwork;
  /** Subnet of the internal forwarding rule's address. */
  readonly subnetwork: ISubnetwork;
  /**
   * The region's proxy-only subnet, when made in the same stack: the
   * forwarding rule waits for it, because GCP refuses an INTERNAL_MANAGED
   * forwarding rule in a region and network without one.
   * @default - the proxy-only subnet already exists
   */
  readonly proxyOnlySubnet?: IProxyOnlySubnet;
  /** Backends outside Google Cloud (NON_GCP_PRIVATE_IP_PORT endpoints). */
  readonly endpoints: readonly HybridEndpoint[];
  /** Port the load balancer listens on. @default 80 */
  readonly port?: number;
  /** Fixed internal address of the forwarding rule, inside `subnetwork`. @default - allocated by GCP */
  readonly ipAddress?: string;
  /** HTTP path the health check requests from each endpoint. @default "/" */
  readonly healthCheckPath?: string;
  /**
   * Requests per second per endpoint before the load balancer counts it as
   * full. Hybrid NEGs support only the RATE balancing mode.
   * @default 100
   */
  readonly maxRatePerEndpoint?: number;
  /**
   * Share of requests the backend service logs to Cloud Logging, 0 to 1
   * (0 turns request logging off): status, latency and which backend answered.
   * @default 1 - every request
   */
  readonly logSampling?: number;
  /**
   * Accept clients from every region of `network` (and what reaches it through
   * them), not only from `region`. On by default because it cannot be turned
   * on later: for INTERNAL_MANAGED forwarding rules the field "cannot be
   * changed after the forwarding rule is created" (Compute API,
   * forwardingRules: allowGlobalAccess), and a PSC endpoint with global
   * access reaches a regional internal Application Load Balancer only "if
   * global access is enabled on the load balancer before the service
   * attachment is created" (Google Cloud, "About published services",
   * compatibility). Off, tenants can never turn on `pscGlobalAccess`; changing
   * it replaces the forwarding rule, its service attachment and every
   * consumer connection.
   * @default - on: clients in every region of the producer's network (and what reaches it through them) may connect
   */
  readonly globalAccess?: boolean;
  /** Project of the resources. @default - the provider's project */
  readonly project?: string;
}

/**
 * A regional internal Application Load Balancer (INTERNAL_MANAGED) whose
 * backend is a zonal hybrid connectivity NEG: Envoy proxies in the
 * proxy-only subnet forward HTTP to private addresses outside Google Cloud.
 */
export class HybridNegLoadBalancer extends Construct {
  /** Longest `name` accepted: GCP\'s 63 characters less the longest suffix added. */
  static readonly MAX_NAME_LENGTH = nameRoomFor(`-neg-${"0".repeat(NEG_KEY_LENGTH)}`);

  /** Records every problem with the props in `v`. */
  static validate(props: HybridNegLoadBalancerProps, v: PropsValidator): void {
    v.gcpName("name", props.name, HybridNegLoadBalancer.MAX_NAME_LENGTH, `to leave room for the NEG's suffix '-neg-<${NEG_KEY_LENGTH} hex digits>'`);
    v.gcpRegion("region", props.region);
    if (props.zone !== undefined) v.gcpZone("zone", props.zone, "region", props.region);
    v.check(props.endpoints.length > 0, "endpoints", props.endpoints, "must list at least one endpoint");
    props.endpoints.forEach((e, i) => {
      v.ipv4(`endpoints[${i}].ipAddress`, e.ipAddress);
      v.port(`endpoints[${i}].port`, e.port);
    });
    if (props.port !== undefined) v.port("port", props.port);
    const maxRate = props.maxRatePerEndpoint ?? LOAD_BALANCER_DEFAULTS.maxRatePerEndpoint;
    v.check(maxRate > 0, "maxRatePerEndpoint", maxRate, "must be greater than 0");
    v.logSampling("logSampling", props.logSampling);
    const path = props.healthCheckPath;
    if (path !== undefined) {
      const fix = /^[\x21-\x7e]+$/.test(path) && !path.startsWith("/") ? `write /${path}` : undefined;
      v.check(/^\/[\x21-\x7e]*$/.test(path), "healthCheckPath", path, "must be an HTTP path starting with '/', without spaces", { fix });
    }
    // A fixed frontend address lies inside its subnet, and is not one GCP keeps.
    if (props.ipAddress !== undefined) v.addressInSubnet("ipAddress", props.ipAddress, "subnetwork", props.subnetwork.ipCidrRange, RESERVED_SUBNET_ADDRESSES.gcp);
  }

  /** The internal forwarding rule: the target of a PSC service attachment. */
  readonly forwardingRule: ComputeForwardingRule;
  /** The backend service, to add backends or tune timeouts. */
  readonly backendService: ComputeRegionBackendService;
  /** The hybrid NEG. */
  readonly networkEndpointGroup: ComputeNetworkEndpointGroup;
  /** Internal address of the load balancer. */
  readonly ipAddress: string;
  /** Zone of the hybrid NEG. */
  readonly zone: string;

  constructor(scope: Construct, id: string, props: HybridNegLoadBalancerProps) {
    super(scope, id);
    validateProps(this, "HybridNegLoadBalancer", (v) => HybridNegLoadBalancer.validate(props, v));
    const port = props.port ?? LOAD_BALANCER_DEFAULTS.port;
    const maxRate = props.maxRatePerEndpoint ?? LOAD_BALANCER_DEFAULTS.maxRatePerEndpoint;
    const healthCheckPath = props.healthCheckPath ?? LOAD_BALANCER_DEFAULTS.healthCheckPath;
    const logSampling = props.logSampling ?? LOAD_BALANCER_DEFAULTS.logSampling;
    this.zone = props.zone ?? firstZone(props.region);

    const common = { project: props.project, region: props.region };
    this.networkEndpointGroup = new ComputeNetworkEndpointGroup(this, "neg", {
      name: resourceName(props.name, "neg", endpointsKey(props.endpoints)),
      project: props.project,
      zone: this.zone,
      network: props.network.id,
      networkEndpointType: "NON_GCP_PRIVATE_IP_PORT",
      defaultPort: props.endpoints[0].port,
      description: "Hybrid NEG: backends outside Google Cloud, reached over the VPN (its name's key changes with the endpoints)",
      // A new NEG (new name) exists before the old one is destroyed, so the backend service can move to it first (#7503).
      lifecycle: { createBeforeDestroy: true },
    });
    const endpoints = new ComputeNetworkEndpoints(this, "endpoints", {
      project: props.project,
      zone: this.zone,
      networkEndpointGroup: this.networkEndpointGroup.name,
      networkEndpoints: props.endpoints.map((e) => ({ ipAddress: e.ipAddress, port: e.port })),
      // The old NEG keeps its endpoints until the backend service has left it: no moment without a backend.
      lifecycle: { createBeforeDestroy: true },
    });
    // Health checks of hybrid NEG endpoints come from the Envoy proxies
    // (distributed Envoy health checks), i.e. from the proxy-only subnet.
    const healthCheck = new ComputeRegionHealthCheck(this, "health-check", {
      ...common,
      name: resourceName(props.name, "hc"),
      httpHealthCheck: { portSpecification: "USE_SERVING_PORT", requestPath: healthCheckPath },
    });
    this.backendService = new ComputeRegionBackendService(this, "backend-service", {
      ...common,
      name: resourceName(props.name, "bs"),
      loadBalancingScheme: "INTERNAL_MANAGED",
      protocol: "HTTP",
      healthChecks: [healthCheck.id],
      backend: [
        { group: this.networkEndpointGroup.id, balancingMode: "RATE", maxRatePerEndpoint: maxRate, capacityScaler: 1 },
      ],
      logConfig: logSampling === 0 ? { enable: false } : { enable: true, sampleRate: logSampling },
      // Moves to a new NEG only once its endpoints are attached.
      dependsOn: [endpoints],
    });
    const urlMap = new ComputeRegionUrlMap(this, "url-map", {
      ...common,
      name: resourceName(props.name, "urlmap"),
      defaultService: this.backendService.id,
    });
    const proxy = new ComputeRegionTargetHttpProxy(this, "http-proxy", {
      ...common,
      name: resourceName(props.name, "proxy"),
      urlMap: urlMap.id,
    });
    const address = new ComputeAddress(this, "address", {
      ...common,
      name: resourceName(props.name, "ip"),
      addressType: "INTERNAL",
      subnetwork: props.subnetwork.id,
      address: props.ipAddress,
    });
    this.ipAddress = address.address;
    this.forwardingRule = new ComputeForwardingRule(this, "forwarding-rule", {
      ...common,
      name: resourceName(props.name, "fr"),
      loadBalancingScheme: "INTERNAL_MANAGED",
      ipProtocol: "TCP",
      portRange: String(port),
      target: proxy.id,
      network: props.network.id,
      subnetwork: props.subnetwork.id,
      ipAddress: address.id,
      allowGlobalAccess: props.globalAccess ?? LOAD_BALANCER_DEFAULTS.globalAccess,
      dependsOn: props.proxyOnlySubnet?.dependable ? [props.proxyOnlySubnet.dependable] : undefined,
      // A new address keeps the address resource's id (same name): without this the rule would hold on to
      // the old address, which cannot be deleted while in use (terraform-provider-google #16870).
      lifecycle: { replaceTriggeredBy: replaceTriggeredBy(address) },
    });
  }
}
