import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { IGkeSubnet } from "../../constructs/gcp/gke-subnet";
import { PrivateGkeCluster } from "../../constructs/gcp/private-gke-cluster";
import { PublishedServiceAddress } from "../../constructs/gcp/published-service-address";
import { INetwork } from "../../constructs/gcp/vpc-network";
import { Config, RoutedTenantConfig } from "../config/schema";
import { gkeClusterProps, publishedAddressProps } from "../tenant-props";
import { PublishedAddress } from "./consumer-stack";
import { useStateBackend } from "./state";

/** What a routed tenant's consumer stack needs from its hub stack. */
export interface RoutedConsumerStackInputs {
  /** The hub (host) VPC. */
  readonly network: INetwork;
  /** The tenant's node subnet in the hub, with its pod and service ranges. */
  readonly subnet: IGkeSubnet;
}

/**
 * GCP, a routed tenant's (service) project: the private VPC-native GKE
 * cluster on its subnet of the hub, and an internal address reserved in that
 * subnet for each published Service, so the address is known before the
 * Service exists (GKE looks the address up by name in the cluster's project:
 * a Shared VPC service project reserves it from the host's subnet).
 */
export class RoutedConsumerStack extends TerraformStack {
  readonly cluster: PrivateGkeCluster;
  readonly publishedAddresses: readonly PublishedAddress[];

  constructor(scope: Construct, id: string, config: Config, tenant: RoutedTenantConfig, inputs: RoutedConsumerStackInputs) {
    super(scope, id);
    useStateBackend(this, config, "gcp");
    new GoogleProvider(this, "google", { project: tenant.project, region: config.gcp.region });

    this.cluster = new PrivateGkeCluster(this, "gke", gkeClusterProps(config, tenant, inputs.network, inputs.subnet));
    // Keyed by the Service's name: publishing another Service renames no address.
    this.publishedAddresses = tenant.publishedServices.map((service) => {
      const address = new PublishedServiceAddress(this, `published-${service.name}`, publishedAddressProps(config, tenant, service, inputs.subnet));
      // Until 0.3.0's PublishedServiceAddress, the address was a resource of the stack itself: a moved block keeps one deployed from main.
      address.address.moveFromId(`google_compute_address.published-${service.name}`);
      return { service, address };
    });
  }
}
