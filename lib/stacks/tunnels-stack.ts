import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsSiteToSiteVpn } from "../../constructs/aws/aws-site-to-site-vpn";
import { CloudRouterBgp } from "../../constructs/gcp/cloud-router-bgp";
import { ExternalVpnGateway } from "../../constructs/gcp/external-vpn-gateway";
import { HaVpnGateway } from "../../constructs/gcp/ha-vpn-gateway";
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
    const connections = inputs.awsVpn.connections;
    const peerGateway = new ExternalVpnGateway(this, "aws-gateway", {
      name: names.peerGateway,
      description: "AWS Site-to-Site VPN: outside IPs of both connections' tunnels",
      interfaceIps: connections.flatMap((c) => c.tunnels.map((t) => t.outsideIp)),
    });
    // HA VPN interface i -> AWS connection i+1 -> peer interfaces 2i and 2i+1.
    this.tunnelPairs = connections.map((c, i) => {
      const tunnel = (t: 0 | 1) => ({
        peerInterface: i * 2 + t,
        sharedSecret: c.tunnels[t].presharedKey,
        insideAddress: c.tunnels[t].cgwInsideAddress,
        peerInsideAddress: c.tunnels[t].vgwInsideAddress,
        advertisedRoutePriority: config.vpn.routePriorities?.[i * 2 + t],
      });
      return new VpnTunnelPair(this, `connection-${i + 1}`, {
        name: names.tunnelPair(i + 1),
        router: this.router,
        haVpnGateway: inputs.haVpnGateway,
        haInterface: i,
        peerGateway,
        peerAsn: config.aws.asn,
        tunnels: [tunnel(0), tunnel(1)],
      });
    });
  }
}
