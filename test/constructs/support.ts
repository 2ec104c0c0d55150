import { VpnConnection } from "@cdktf/provider-aws/lib/vpn-connection";
import { ComputeNetwork } from "@cdktf/provider-google/lib/compute-network";
import { Testing } from "cdktf";
import { Construct } from "constructs";

// Shared by the construct tests: each construct used alone, as another
// team's app would from the package.

/** A network made outside the construct under test. */
export function network(scope: Construct): ComputeNetwork {
  return new ComputeNetwork(scope, "net", { name: "net", autoCreateSubnetworks: false });
}

/** An AWS VPN connection, so tunnel values are real tokens (as across stacks). */
export function awsConnection(scope: Construct): VpnConnection {
  return new VpnConnection(scope, "aws-connection", { type: "ipsec.1", customerGatewayId: "cgw-1", vpnGatewayId: "vgw-1" });
}

/** Synthesizes what `build` makes in a scope of its own, as Terraform JSON text. */
export function synth(build: (scope: Construct) => void): string {
  return Testing.synthScope((scope) => build(scope));
}
