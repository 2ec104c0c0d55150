import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import { VpcAccessConnector } from "@cdktf/provider-google/lib/vpc-access-connector";
import { Construct } from "constructs";
import { PREFIX_LIMITS, VPC_CONNECTOR_INSTANCES, VPC_CONNECTOR_MACHINE_TYPES, VPC_CONNECTOR_NAME_MAX_WEIGHT } from "../core/limits";
import { isToken, PropsValidator, validateProps } from "../core/validation";
import { INetwork } from "./vpc-network";

/** A connector's machine type. */
export type VpcConnectorMachineType = (typeof VPC_CONNECTOR_MACHINE_TYPES)[number];

/** What the props of ServerlessVpcAccessConnector leave out gets these. */
export const VPC_CONNECTOR_DEFAULTS = {
  /** The smallest machine that carries a steady load (f1-micro is a shared core meant for bursts). */
  machineType: "e2-micro",
  /** The fewest instances a connector runs; each is billed as a VM, always on. */
  minInstances: 2,
  /**
   * One above the minimum: a connector scales out under load and never scales back in (Google Cloud
   * docs, "Serverless VPC Access: throughput and scaling"), so every instance up to the maximum may
   * stay billed; raise it for throughput, knowingly.
   */
  maxInstances: 3,
} as const;

/** The role Google's Serverless VPC Access service agent holds in the connector's project. */
export const VPC_ACCESS_SERVICE_AGENT_ROLE = "roles/vpcaccess.serviceAgent";

/** Where the connector runs, on which range, and how far it scales. */
export interface ServerlessVpcAccessConnectorProps {
  /** Name of the connector: a GCP name under 21 characters, each '-' counting two. */
  readonly name: string;
  /** Region of the connector: the region of the serverless workloads that use it. */
  readonly region: string;
  /** The VPC network the serverless workloads' requests enter. */
  readonly network: INetwork;
  /**
   * The connector's own range: exactly a /28, private, used by nothing else in the network (its
   * instances take addresses from it, and requests reach the VPC from them).
   */
  readonly ipCidrRange: string;
  /** Machine type of the connector's instances. @default "e2-micro" */
  readonly machineType?: VpcConnectorMachineType;
  /** Instances always running: 2 to 9. @default 2 */
  readonly minInstances?: number;
  /** Most instances under load: 3 to 10, above `minInstances`. @default 3 */
  readonly maxInstances?: number;
  /** Project of the connector and the network. @default - the provider's project */
  readonly project?: string;
  /**
   * The project's number: when given, the Serverless VPC Access service agent
   * (`service-<number>@gcp-sa-vpcaccess.iam.gserviceaccount.com`) is granted its role in the
   * project here, as Terraform-managed state, rather than trusted to the grant Google makes when
   * the API is enabled (which a project's IAM policy, managed elsewhere, may have removed). The
   * connector creates its instances and their firewall rules as that agent.
   * @default - the agent's role is left to Google's automatic grant
   */
  readonly projectNumber?: string;
}

/**
 * A Serverless VPC Access connector: App Engine standard, Cloud Run and
 * Cloud Run functions send requests into `network` through it, from its
 * /28. It serves App Engine, which has no Direct VPC egress; Cloud Run may
 * use either (Direct VPC egress runs no instances of its own).
 */
export class ServerlessVpcAccessConnector extends Construct {
  /** How long a `name` may be, each '-' counted twice (Google's rule for connector names). */
  static nameWeight(name: string): number {
    return name.length + (name.match(/-/g)?.length ?? 0);
  }

  /** Records every problem with the props in `v`. */
  static validate(props: ServerlessVpcAccessConnectorProps, v: PropsValidator): void {
    v.gcpName("name", props.name);
    const weight = ServerlessVpcAccessConnector.nameWeight(props.name);
    v.check(isToken(props.name) || weight <= VPC_CONNECTOR_NAME_MAX_WEIGHT, "name", props.name, `must be under 21 characters with each '-' counted twice (Google's rule for connector names; this one counts ${weight})`, {
      fix: `shorten it by ${weight - VPC_CONNECTOR_NAME_MAX_WEIGHT} or more, or use fewer hyphens`,
    });
    v.gcpRegion("region", props.region);
    v.privateCidr("ipCidrRange", props.ipCidrRange, PREFIX_LIMITS.serverlessConnector);
    if (props.machineType !== undefined) v.oneOf("machineType", props.machineType, VPC_CONNECTOR_MACHINE_TYPES, `must be one of ${VPC_CONNECTOR_MACHINE_TYPES.join(", ")}`);
    const min = props.minInstances ?? VPC_CONNECTOR_DEFAULTS.minInstances;
    const max = props.maxInstances ?? VPC_CONNECTOR_DEFAULTS.maxInstances;
    const { min: least, max: most } = VPC_CONNECTOR_INSTANCES;
    v.check(Number.isInteger(min) && min >= least && min <= most - 1, "minInstances", min, `must be a whole number from ${least} to ${most - 1}`);
    v.check(Number.isInteger(max) && max >= least + 1 && max <= most, "maxInstances", max, `must be a whole number from ${least + 1} to ${most}`);
    if (props.projectNumber !== undefined) {
      v.check(props.project !== undefined, "project", props.project, "must be given with projectNumber: the service agent's role is granted in it");
    }
    v.check(max > min, "maxInstances", max, `must be above minInstances (${min})`, { fix: `set maxInstances to ${Math.min(min + 1, most)} or more, or lower minInstances` });
  }

  /** The connector resource. */
  readonly connector: VpcAccessConnector;
  /**
   * The connector's full name, `projects/<project>/locations/<region>/connectors/<name>`: what App
   * Engine's `vpc_access_connector.name`, Cloud Run's `--vpc-connector` and a Cloud Run resource's
   * `vpc_access.connector` take.
   */
  readonly id: string;
  /** The connector's range, as given: the source address of every request it carries. */
  readonly ipCidrRange: string;

  constructor(scope: Construct, id: string, props: ServerlessVpcAccessConnectorProps) {
    super(scope, id);
    validateProps(this, "ServerlessVpcAccessConnector", (v) => ServerlessVpcAccessConnector.validate(props, v));

    const agent =
      props.projectNumber === undefined
        ? undefined
        : new ProjectIamMember(this, "service-agent", {
            project: props.project!,
            role: VPC_ACCESS_SERVICE_AGENT_ROLE,
            member: `serviceAccount:service-${props.projectNumber}@gcp-sa-vpcaccess.iam.gserviceaccount.com`,
          });
    this.connector = new VpcAccessConnector(this, "connector", {
      name: props.name,
      project: props.project,
      region: props.region,
      network: props.network.name,
      ipCidrRange: props.ipCidrRange,
      machineType: props.machineType ?? VPC_CONNECTOR_DEFAULTS.machineType,
      minInstances: props.minInstances ?? VPC_CONNECTOR_DEFAULTS.minInstances,
      maxInstances: props.maxInstances ?? VPC_CONNECTOR_DEFAULTS.maxInstances,
      dependsOn: agent ? [agent] : undefined,
    });
    this.id = this.connector.id;
    this.ipCidrRange = props.ipCidrRange;
  }
}
