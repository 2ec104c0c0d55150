import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsSiteToSiteVpn } from "../../constructs/aws/aws-site-to-site-vpn";
import { CloudRouterBgp } from "../../constructs/gcp/cloud-router-bgp";
import { HaVpnGateway } from "../../constructs/gcp/ha-vpn-gateway";
import { HaVpnToAws } from "../../constructs/gcp/ha-vpn-to-aws";
import { INetwork } from "../../constructs/gcp/vpc-network";
import { VpnTunnelPair } from "../../constructs/gcp/vpn-tunnel-pair";
import { Config } from "../config/schema";
import { producerNames } from "../naming";
import { explicitlyAdvertised, networkPlan } from "../plan";
import { useStateBackend } from "./state";

/** What the tunnels stack needs from the producer and aws stacks. */
export interface TunnelsStackInputs {
  readonly network: INetwork;
  readonly haVpnGateway: HaVpnGateway;
  readonly awsVpn: AwsSiteToSiteVpn;
}

/**
 * GCP, producer project: the Cloud Router with all its interfaces and BGP
 * sessions, the external VPN gateway for AWS's four outside IPs, and the four
 * tunnels. The router lives here whole: the Google provider serialises
 * changes to one router only within one provider instance.
 */
export class TunnelsStack extends TerraformStack {
  readonly router: CloudRouterBgp;
  /** The external VPN gateway, the four tunnels and their BGP sessions. */
  readonly vpn: HaVpnToAws;
  /** The GCP side of AWS connection 1 (HA VPN interface 0), then of connection 2 (interface 1). */
  readonly tunnelPairs: readonly VpnTunnelPair[];

  constructor(scope: Construct, id: string, config: Config, inputs: TunnelsStackInputs) {
    super(scope, id);
    useStateBackend(this, config, "gcp");
    const { gcp } = config;
    const names = producerNames(config.prefix);
    new GoogleProvider(this, "google", { project: gcp.producerProject, region: gcp.region });

    this.router = new CloudRouterBgp(this, "router", {
      name: names.router,
      network: inputs.network,
      region: gcp.region,
      asn: gcp.routerAsn,
      // Beyond ALL_SUBNETS: the proxy-only range (the source of every request and health check) and the extras.
      advertisedRanges: explicitlyAdvertised(networkPlan(config)).map((r) => r.cidr),
    });
    // Id "Default": cdktf leaves it out of logical ids, so the resources keep the ids they had
    // before this construct existed (`aws-gateway`, `connection-1`, ...); another id would
    // replace every live tunnel, router interface and BGP session.
    this.vpn = new HaVpnToAws(this, "Default", {
      name: names.awsVpn,
      router: this.router,
      haVpnGateway: inputs.haVpnGateway,
      awsVpn: inputs.awsVpn,
      peerAsn: config.aws.asn,
      routePriorities: config.vpn.routePriorities,
    });
    this.tunnelPairs = this.vpn.tunnelPairs;
  }
}
