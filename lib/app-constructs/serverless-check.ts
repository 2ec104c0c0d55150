import { CloudRunV2Job, CloudRunV2JobTemplateTemplateVpcAccess } from "@cdktf/provider-google/lib/cloud-run-v2-job";
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { Construct } from "constructs";
import { GCP_PROJECT_PATTERN, GCP_PROJECT_RULE } from "../../constructs/core/names";
import { isToken, PropsValidator, validateProps } from "../../constructs/core/validation";
import { CheckRequest, checkCommand, checkImage, validateRequest } from "./connectivity-check";

/** A service account id (and so this check's name): 6-30 characters (IAM's rule). */
const ACCOUNT_ID_PATTERN = /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/;

/**
 * The egress the check runs with, and the setting the outputs give serverless clients: every
 * request through the VPC, so private names resolve there (README, "Serverless clients"). In
 * Cloud Run's API, and in gcloud's and app.yaml's words.
 */
export const SERVERLESS_EGRESS = { api: "ALL_TRAFFIC", setting: "all-traffic" } as const;

/** How a serverless workload's requests enter the VPC: through a connector, or Direct VPC egress from a subnet. */
export type ServerlessEgress = { readonly connector: string } | { readonly network: string; readonly subnetwork: string };

/** Where the check runs, how its request enters the VPC, and what it requests. */
export interface ServerlessConnectivityCheckProps extends CheckRequest {
  /** Name of the Cloud Run job and of its service account: 6-30 lowercase letters, digits and '-'. */
  readonly name: string;
  /** Project of the job: the serverless workloads' project. */
  readonly project: string;
  /** Region of the job: the connector's or the subnet's. */
  readonly region: string;
  /**
   * The path into the VPC the serverless workloads use: a connector's full name
   * (`ServerlessVpcAccessConnector.id`), or the network and subnet of Direct VPC egress.
   */
  readonly egress: ServerlessEgress;
}

/**
 * The serverless twin of ConnectivityCheck: a Cloud Run job in the tenant's
 * project whose one task sends one request to the API's private name through
 * the tenant's VPC path (a connector or Direct VPC egress, all traffic
 * through the VPC, so the name resolves in the VPC's private zones) and
 * exits non-zero on anything but a 2xx status. It runs only when someone
 * executes it (`runCommand`), as a service account of its own that holds no
 * role: it calls nothing of Google's.
 */
export class ServerlessConnectivityCheck extends Construct {
  /** Longest `name` accepted: a service account id's 30 characters. */
  static readonly MAX_NAME_LENGTH = 30;

  /** Records every problem with the props in `v`. */
  static validate(props: ServerlessConnectivityCheckProps, v: PropsValidator): void {
    v.check(ACCOUNT_ID_PATTERN.test(props.name), "name", props.name, "must be 6-30 lowercase letters, digits and '-', starting with a letter (it names the job's service account too)");
    v.check(GCP_PROJECT_PATTERN.test(props.project), "project", props.project, GCP_PROJECT_RULE);
    v.gcpRegion("region", props.region);
    if ("connector" in props.egress && !isToken(props.egress.connector)) {
      v.check(/^projects\/[^/]+\/locations\/[^/]+\/connectors\/[^/]+$/.test(props.egress.connector), "egress.connector", props.egress.connector, "must be a connector's full name, projects/<project>/locations/<region>/connectors/<name>");
    }
    validateRequest(props, v);
  }

  /** The job's identity: no role anywhere. */
  readonly serviceAccount: ServiceAccount;
  /** The Cloud Run job. */
  readonly job: CloudRunV2Job;
  /** Runs the check and waits: exits non-zero when the request failed. */
  readonly runCommand: string;
  /** Prints the last runs' log lines (`status=200 ... url=...`, then `OK`). */
  readonly logsCommand: string;

  constructor(scope: Construct, id: string, props: ServerlessConnectivityCheckProps) {
    super(scope, id);
    validateProps(this, "ServerlessConnectivityCheck", (v) => ServerlessConnectivityCheck.validate(props, v));

    this.serviceAccount = new ServiceAccount(this, "service-account", {
      accountId: props.name,
      project: props.project,
      displayName: "Serverless connectivity check (no roles)",
    });
    const vpcAccess: CloudRunV2JobTemplateTemplateVpcAccess = {
      ...("connector" in props.egress ? { connector: props.egress.connector } : { networkInterfaces: [{ network: props.egress.network, subnetwork: props.egress.subnetwork }] }),
      // Every request through the VPC, DNS included: the API's name is in the VPC's private zone.
      egress: SERVERLESS_EGRESS.api,
    };
    this.job = new CloudRunV2Job(this, "job", {
      name: props.name,
      project: props.project,
      location: props.region,
      // A check holds no data: destroying the tenant's stack may remove it.
      deletionProtection: false,
      template: {
        taskCount: 1,
        template: {
          serviceAccount: this.serviceAccount.email,
          maxRetries: 0,
          timeout: "300s",
          vpcAccess,
          containers: [{ image: checkImage(props), command: checkCommand(props), resources: { limits: { cpu: "1", memory: "512Mi" } } }],
        },
      },
    });
    const at = `--region ${props.region} --project ${props.project}`;
    this.runCommand = `gcloud run jobs execute ${props.name} ${at} --wait`;
    this.logsCommand = `gcloud logging read 'resource.type="cloud_run_job" AND resource.labels.job_name="${props.name}"' --project ${props.project} --freshness 1h --limit 10 --format 'value(textPayload)'`;
  }
}
