import { DataGoogleProject } from "@cdktf/provider-google/lib/data-google-project";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { GkeSubnet } from "../../constructs/gcp/gke-subnet";
import { PrivateDnsZone } from "../../constructs/gcp/private-dns-zone";
import { PrivateGkeCluster } from "../../constructs/gcp/private-gke-cluster";
import { ProjectServices } from "../../constructs/gcp/project-services";
import { PscEndpoint } from "../../constructs/gcp/psc-endpoint";
import { PublishedServiceAddress } from "../../constructs/gcp/published-service-address";
import { RestrictedGoogleApis } from "../../constructs/gcp/restricted-google-apis";
import { ServerlessVpcAccessConnector } from "../../constructs/gcp/serverless-vpc-access";
import { IServiceAttachment } from "../../constructs/gcp/service-attachment";
import { VpcNetwork } from "../../constructs/gcp/vpc-network";
import { Config, PscTenantConfig, PublishedServiceConfig } from "../config/schema";
import { tenantNames } from "../naming";
import { SERVERLESS_EGRESS, ServerlessConnectivityCheck, ServerlessEgress } from "../app-constructs/serverless-check";
import { ServerlessPath } from "../naming";
import {
  connectorProps,
  directVpcEgressSubnetProps,
  gkeClusterProps,
  gkeSubnetProps,
  privateApiUrl,
  publishedAddressProps,
  publishedZoneProps,
  serverlessCheckProps,
} from "../tenant-props";
import { apiOwners } from "./apis";
import { useStateBackend } from "./state";

/** A published Service's reserved address (and name). */
export interface PublishedAddress {
  readonly service: PublishedServiceConfig;
  readonly address: PublishedServiceAddress;
}

/** What a consumer stack needs from the producer stack. */
export interface ConsumerStackInputs {
  readonly serviceAttachment: IServiceAttachment;
}

/**
 * GCP, the tenant's project: its VPC, a private VPC-native GKE cluster, and
 * the PSC endpoint with a private DNS name; the paths its serverless
 * workloads take into the VPC (a connector, Direct VPC egress) with a check
 * of each; its published Services' addresses and names. Its ranges may
 * overlap AWS and other tenants: nothing is routed between them.
 */
export class ConsumerStack extends TerraformStack {
  readonly cluster: PrivateGkeCluster;
  readonly pscEndpoint: PscEndpoint;
  /** The published Services' addresses, each with its A record. */
  readonly publishedAddresses: readonly PublishedAddress[];

  constructor(scope: Construct, id: string, config: Config, tenant: PscTenantConfig, inputs: ConsumerStackInputs) {
    super(scope, id);
    useStateBackend(this, config, "gcp");
    const region = config.gcp.region;
    const names = tenantNames(config.prefix, tenant.name);
    new GoogleProvider(this, "google", { project: tenant.project, region });
    // APIs first: every Google resource of the stack waits for them (none here when the producer stack owns the project's).
    const apis = apiOwners(config).tenants[tenant.name];
    if (apis.length > 0) new ProjectServices(this, "apis", { project: tenant.project, services: apis });

    const network = new VpcNetwork(this, "network", {
      name: names.network,
      description: `Consumer ${tenant.name}: reaches the AWS API through one PSC endpoint`,
    });
    const gkeSubnet = new GkeSubnet(this, "gke-subnet", gkeSubnetProps(config, tenant, network));
    const pscSubnet = network.addSubnet("psc-subnet", {
      name: names.pscSubnet,
      region,
      ipCidrRange: tenant.pscEndpointCidr,
      description: "PSC endpoint address",
      // No VM sends or receives in it (only an address), and VPC Flow Logs records the flows of VMs
      // (Google Cloud docs, "VPC Flow Logs"): they would record nothing here, at a cost.
      flowLogSampling: 0,
    });
    const gke = tenant.gke;
    this.cluster = new PrivateGkeCluster(this, "gke", gkeClusterProps(config, tenant, network, gkeSubnet));
    if (gke.restrictedGoogleApis) {
      new RestrictedGoogleApis(this, "restricted-google-apis", { name: names.network, network, project: tenant.project });
    }
    this.pscEndpoint = new PscEndpoint(this, "psc-endpoint", {
      name: names.pscEndpoint,
      region,
      network,
      subnetwork: pscSubnet,
      serviceAttachment: inputs.serviceAttachment,
      ipAddress: tenant.pscEndpointIp,
      dnsName: config.service.dnsName,
      globalAccess: tenant.pscGlobalAccess,
    });

    // Serverless clients: each path into the VPC the config asks for, with outputs in each runtime's words and a check.
    const paths: Array<[ServerlessPath, ServerlessEgress]> = [];
    if (tenant.serverless !== undefined) {
      new TerraformOutput(this, "serverless-api-url", { value: privateApiUrl(config), description: "The AWS API's URL for serverless clients: its private name, through the PSC endpoint" });
    }
    if (tenant.serverless?.connector !== undefined) {
      const project = new DataGoogleProject(this, "project", { projectId: tenant.project });
      const connector = new ServerlessVpcAccessConnector(this, "serverless-connector", connectorProps(config, tenant, network, project.number)!);
      paths.push(["connector", { connector: connector.id }]);
      new TerraformOutput(this, "vpc-access-connector", { value: connector.id, description: "The Serverless VPC Access connector's full name (App Engine, Cloud Run, Cloud Run functions)" });
      new TerraformOutput(this, "app-yaml", {
        value: `vpc_access_connector:\n  name: ${connector.id}\n  egress_setting: ${SERVERLESS_EGRESS.setting}\n`,
        description: "App Engine standard: the lines app.yaml needs",
      });
      new TerraformOutput(this, "cloud-run-connector-flags", {
        value: `--vpc-connector=${connector.id} --vpc-egress=${SERVERLESS_EGRESS.setting}`,
        description: "Cloud Run (gcloud run deploy, gcloud run jobs deploy): through the connector",
      });
    }
    const subnetProps = directVpcEgressSubnetProps(config, tenant);
    if (subnetProps !== undefined) {
      const subnet = network.addSubnet("serverless-subnet", subnetProps);
      paths.push(["direct", { network: network.name, subnetwork: subnet.name }]);
      new TerraformOutput(this, "cloud-run-direct-vpc-flags", {
        value: `--network=${network.name} --subnet=${subnet.name} --vpc-egress=${SERVERLESS_EGRESS.setting}`,
        description: "Cloud Run (gcloud run deploy, gcloud run jobs deploy): Direct VPC egress",
      });
    }
    for (const [path, egress] of paths) {
      const check = new ServerlessConnectivityCheck(this, `serverless-check-${path}`, serverlessCheckProps(config, tenant, path, egress));
      new TerraformOutput(this, `run-serverless-check-${path}`, { value: check.runCommand, description: `Runs the serverless check through the ${path === "connector" ? "connector" : "Direct VPC egress subnet"}` });
      new TerraformOutput(this, `serverless-check-${path}-logs`, { value: check.logsCommand, description: "Prints the serverless check's last log lines" });
    }

    // Published Services: addresses reserved in the node subnet, named in a private zone of the VPC.
    const published = tenant.publishedServices;
    const zone = published.length > 0 ? new PrivateDnsZone(this, "published-zone", publishedZoneProps(config, tenant, network)) : undefined;
    // Keyed by the Service's name: publishing another Service renames no address.
    this.publishedAddresses = published.map((service) => ({
      service,
      address: new PublishedServiceAddress(this, `published-${service.name}`, publishedAddressProps(config, tenant, service, gkeSubnet, zone)),
    }));
  }
}
