import { ContainerCluster } from "@cdktf/provider-google/lib/container-cluster";
import { Construct } from "constructs";
import { isNetworkCidr, isPrivateCidr, parseCidr } from "../lib/cidr";
import { PropsValidator } from "../lib/validation";
import { IGkeSubnet } from "./gke-subnet";
import { INetwork } from "./refs";

export interface PrivateGkeClusterProps {
  /** Name of the cluster (at most 40 characters: GKE limit). */
  readonly name: string;
  /** Region of the (regional) cluster. */
  readonly location: string;
  /** Network of the cluster. */
  readonly network: INetwork;
  /** Node subnet; its secondary ranges hold pods and services. */
  readonly subnet: IGkeSubnet;
  /**
   * A /28 for a peering-based private control plane (`master_ipv4_cidr_block`).
   * @default - none: GKE's Private Service Connect-based control plane, no range to plan
   */
  readonly controlPlaneCidr?: string;
  /** Release channel. @default "REGULAR" */
  readonly releaseChannel?: "RAPID" | "REGULAR" | "STABLE";
  /**
   * Refuse `terraform destroy` of the cluster. Turn off only for throwaway
   * environments.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** Project of the cluster. @default - the provider's project */
  readonly project?: string;
}

/**
 * A VPC-native GKE Autopilot cluster with private nodes and no public
 * control-plane IP: kubectl and Terraform reach the control plane through
 * its DNS-based endpoint, authorised by IAM, from any network and without a
 * bastion (Google Cloud docs, "About network isolation in GKE").
 */
export class PrivateGkeCluster extends Construct {
  /** Longest `name` accepted: GCP\'s 63 characters less the longest suffix added. */
  static readonly MAX_NAME_LENGTH = 40;

  readonly cluster: ContainerCluster;
  /** Name of the cluster. */
  readonly name: string;
  /** DNS name of the control plane (`gke-<id>.<region>.gke.goog`): the Kubernetes API host. */
  readonly dnsEndpoint: string;

  constructor(scope: Construct, id: string, props: PrivateGkeClusterProps) {
    super(scope, id);
    const v = new PropsValidator(`PrivateGkeCluster ${this.node.path}`);
    v.gcpName("name", props.name, PrivateGkeCluster.MAX_NAME_LENGTH, "(GKE cluster names)");
    if (props.controlPlaneCidr !== undefined) {
      const cidr = props.controlPlaneCidr;
      v.check(isNetworkCidr(cidr) && isPrivateCidr(cidr) && parseCidr(cidr)?.prefix === 28, "controlPlaneCidr", cidr, "must be a private /28 with its host bits zero (GKE control-plane range)");
    }
    v.throwIfInvalid();

    this.cluster = new ContainerCluster(this, "cluster", {
      name: props.name,
      project: props.project,
      location: props.location,
      network: props.network.id,
      subnetwork: props.subnet.id,
      enableAutopilot: true,
      deletionProtection: props.deletionProtection ?? true,
      releaseChannel: { channel: props.releaseChannel ?? "REGULAR" },
      ipAllocationPolicy: {
        clusterSecondaryRangeName: props.subnet.podsRangeName,
        servicesSecondaryRangeName: props.subnet.servicesRangeName,
      },
      // Nodes get internal addresses only; the control plane has no public IP endpoint.
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: props.controlPlaneCidr },
      controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: true } },
      masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: false },
    });
    this.name = this.cluster.name;
    this.dnsEndpoint = this.cluster.controlPlaneEndpointsConfig.dnsEndpointConfig.endpoint;
  }
}
