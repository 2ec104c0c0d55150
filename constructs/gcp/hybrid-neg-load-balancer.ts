import { ComputeAddress } from "@cdktf/provider-google/lib/compute-address";
import { ComputeForwardingRule } from "@cdktf/provider-google/lib/compute-forwarding-rule";
import { ComputeNetworkEndpointGroup } from "@cdktf/provider-google/lib/compute-network-endpoint-group";
import { ComputeNetworkEndpoints } from "@cdktf/provider-google/lib/compute-network-endpoints";
import { ComputeRegionBackendService } from "@cdktf/provider-google/lib/compute-region-backend-service";
import { ComputeRegionHealthCheck } from "@cdktf/provider-google/lib/compute-region-health-check";
import { ComputeRegionTargetHttpProxy } from "@cdktf/provider-google/lib/compute-region-target-http-proxy";
import { ComputeRegionUrlMap } from "@cdktf/provider-google/lib/compute-region-url-map";
import { Construct } from "constructs";
import { HTTP_PORT, nameRoomFor, RESERVED_SUBNET_ADDRESSES } from "../core/limits";
import { firstZone, resourceName } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";
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
export const LOAD_BALANCER_DEFAULTS = { port: HTTP_PORT, healthCheckPath: "/", maxRatePerEndpoint: 100 } as const;

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
  static readonly MAX_NAME_LENGTH = nameRoomFor("-urlmap");

  /** Records every problem with the props in `v`. */
  static validate(props: HybridNegLoadBalancerProps, v: PropsValidator): void {
    v.gcpName("name", props.name, HybridNegLoadBalancer.MAX_NAME_LENGTH, "to leave room for suffixes like '-urlmap'");
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
    this.zone = props.zone ?? firstZone(props.region);

    const common = { project: props.project, region: props.region };
    this.networkEndpointGroup = new ComputeNetworkEndpointGroup(this, "neg", {
      name: resourceName(props.name, "neg"),
      project: props.project,
      zone: this.zone,
      network: props.network.id,
      networkEndpointType: "NON_GCP_PRIVATE_IP_PORT",
      defaultPort: props.endpoints[0].port,
      description: "Hybrid NEG: backends outside Google Cloud, reached over the VPN",
    });
    new ComputeNetworkEndpoints(this, "endpoints", {
      project: props.project,
      zone: this.zone,
      networkEndpointGroup: this.networkEndpointGroup.name,
      networkEndpoints: props.endpoints.map((e) => ({ ipAddress: e.ipAddress, port: e.port })),
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
      dependsOn: props.proxyOnlySubnet?.dependable ? [props.proxyOnlySubnet.dependable] : undefined,
    });
  }
}
