import { ComputeRouter } from "@cdktf/provider-google/lib/compute-router";
import { Construct } from "constructs";
import { BGP_KEEPALIVE_SECONDS, CLOUD_ROUTER_MAX_CUSTOM_RANGES } from "../core/limits";
import { PropsValidator, validateProps } from "../core/validation";
import { INetwork } from "./vpc-network";

export interface CloudRouterBgpProps {
  /** Name of the router. */
  readonly name: string;
  /** Network the router serves. */
  readonly network: INetwork;
  /** Region of the router (the HA VPN gateway's region). */
  readonly region: string;
  /** BGP ASN of the router (private: 64512-65534 or 4200000000-4294967294). */
  readonly asn: number;
  /**
   * Ranges advertised on every BGP session in addition to all subnets of the
   * network. Ranges a subnet does not cover, or that the peer must see
   * explicitly (the proxy-only subnet for hybrid NEGs), go here.
   * @default - none beyond all subnets
   */
  readonly advertisedRanges?: readonly string[];
  /** BGP keepalive interval. @default 20 */
  readonly keepaliveIntervalSeconds?: number;
  /** Project of the router. @default - the provider's project */
  readonly project?: string;
}

/** What BGP sessions need from a Cloud Router. */
export interface ICloudRouter {
  readonly name: string;
  readonly region: string;
  readonly asn: number;
}

/**
 * A Cloud Router speaking BGP in CUSTOM advertisement mode: all subnets plus
 * explicit ranges. Hybrid NEGs need the proxy-only range advertised to the
 * peer (Google Cloud docs, "Hybrid connectivity NEGs"), and CUSTOM mode keeps
 * the same prefixes on every session, as the 99.99% HA VPN SLA requires.
 */
export class CloudRouterBgp extends Construct implements ICloudRouter {
  /** The router resource. */
  readonly router: ComputeRouter;
  readonly name: string;
  readonly region: string;
  readonly asn: number;

  /** Records every problem with the props in `v`. */
  static validate(props: CloudRouterBgpProps, v: PropsValidator): void {
    const ranges = props.advertisedRanges ?? [];
    v.gcpName("name", props.name);
    v.check(ranges.length <= CLOUD_ROUTER_MAX_CUSTOM_RANGES, "advertisedRanges", `${ranges.length} ranges`, `must list at most ${CLOUD_ROUTER_MAX_CUSTOM_RANGES} (Cloud Router's custom advertisements per BGP session)`, {
      fix: "advertise summaries that cover several ranges",
    });
    v.gcpRegion("region", props.region);
    v.privateAsn("asn", props.asn);
    ranges.forEach((r, i) => {
      v.cidr(`advertisedRanges[${i}]`, r);
      const first = ranges.indexOf(r);
      v.check(first === i, `advertisedRanges[${i}]`, r, `must not repeat ${v.name(`advertisedRanges[${first}]`)}`, { fix: "remove it", involves: [`advertisedRanges[${first}]`] });
    });
    if (props.keepaliveIntervalSeconds !== undefined) {
      const { min, max } = BGP_KEEPALIVE_SECONDS;
      const keepalive = props.keepaliveIntervalSeconds;
      v.check(Number.isInteger(keepalive) && keepalive >= min && keepalive <= max, "keepaliveIntervalSeconds", keepalive, `must be ${min}-${max} (Cloud Router limits)`);
    }
  }

  constructor(scope: Construct, id: string, props: CloudRouterBgpProps) {
    super(scope, id);
    validateProps(this, "CloudRouterBgp", (v) => CloudRouterBgp.validate(props, v));
    const ranges = props.advertisedRanges ?? [];
    const keepalive = props.keepaliveIntervalSeconds ?? BGP_KEEPALIVE_SECONDS.min;

    this.router = new ComputeRouter(this, "router", {
      name: props.name,
      project: props.project,
      region: props.region,
      network: props.network.id,
      description: "BGP with the peer network over HA VPN",
      bgp: {
        asn: props.asn,
        advertiseMode: "CUSTOM",
        advertisedGroups: ["ALL_SUBNETS"],
        advertisedIpRanges: ranges.map((range) => ({ range })),
        keepaliveInterval: keepalive,
      },
    });
    this.name = this.router.name;
    this.region = props.region;
    this.asn = props.asn;
  }
}
