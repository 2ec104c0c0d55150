import { CronJobV1 } from "@cdktf/provider-kubernetes/lib/cron-job-v1";
import { Construct } from "constructs";
import { PropsValidator, validateProps } from "../../constructs/core/validation";
import { DNS_LABEL_PATTERN, DNS_LABEL_RULE } from "../../constructs/core/names";
import { templateLiteral } from "../../constructs/core/template";

/**
 * Image with curl, pulled from gcr.io: private nodes reach it through Private
 * Google Access, with no internet path.
 */
export const DEFAULT_CHECK_IMAGE = "gcr.io/google.com/cloudsdktool/google-cloud-cli:slim";

/** What the props leave out gets these. */
const DEFAULTS = { name: "aws-api-check", image: DEFAULT_CHECK_IMAGE, timeoutSeconds: 10 } as const;

/** The request a check sends, wherever it runs: in the cluster (ConnectivityCheck) or serverless (ServerlessConnectivityCheck). */
export interface CheckRequest {
  /** URL to request. */
  readonly url: string;
  /** Container image providing `curl` and `sh`. @default DEFAULT_CHECK_IMAGE */
  readonly image?: string;
  /** Seconds before the request gives up. @default 10 */
  readonly timeoutSeconds?: number;
}

/** Records every problem with a check's request in `v`. */
export function validateRequest(props: CheckRequest, v: PropsValidator): void {
  v.check(/^https?:\/\/[^\s'"`$\\]+$/.test(props.url), "url", props.url, "must be an http:// or https:// URL without quotes, spaces or '$'");
  if (props.image !== undefined) {
    v.check(/^[a-z0-9.-]+(:\d+)?\/[a-z0-9._\/-]+(:[\w.-]+|@sha256:[0-9a-f]{64})?$/.test(props.image), "image", props.image, "must be a container image reference like gcr.io/project/image:tag");
  }
  const timeout = props.timeoutSeconds ?? DEFAULTS.timeoutSeconds;
  v.check(Number.isInteger(timeout) && timeout >= 1 && timeout <= 300, "timeoutSeconds", timeout, "must be 1-300");
}

/**
 * The check's shell script: one request, then a line with the status and
 * timings, then `OK` (exit 0) for a 2xx status or `FAIL` (exit 1) for
 * anything else, a timeout or a name that does not resolve.
 */
export function checkScript(props: CheckRequest): string {
  const timeout = props.timeoutSeconds ?? DEFAULTS.timeoutSeconds;
  return [
    `out=$(curl -sS -o /dev/null --max-time ${timeout} -w 'status=%{http_code} connect=%{time_connect}s total=%{time_total}s' '${props.url}') || { echo "FAIL ${props.url}: $out"; exit 1; }`,
    `echo "$out url=${props.url}"`,
    `case "$out" in status=2*) echo OK ;; *) echo FAIL; exit 1 ;; esac`,
  ].join("\n");
}

/** The container command that runs the check, as Terraform must receive it (its `%{...}` escaped: templateLiteral). */
export function checkCommand(props: CheckRequest): string[] {
  return ["/bin/sh", "-c", templateLiteral(checkScript(props))];
}

/** The image a check runs. */
export function checkImage(props: CheckRequest): string {
  return props.image ?? DEFAULTS.image;
}

export interface ConnectivityCheckProps extends CheckRequest {
  /**
   * Namespace to run in (the API Service's, so its egress policy applies).
   * Pass the namespace resource's name (`ClusterApiService.namespace.metadata.name`)
   * so Terraform creates the CronJob after its namespace.
   */
  readonly namespace: string;
  /** URL to request, e.g. `ClusterApiService.url`. */
  readonly url: string;
  /** Name of the CronJob. @default "aws-api-check" */
  readonly name?: string;
}

/**
 * An on-demand check of the whole path: a suspended CronJob whose job sends
 * one HTTP request through the in-cluster name and prints the status code
 * and latency. Run it after deploy with
 * `kubectl -n <namespace> create job --from=cronjob/<name> <name>-1`.
 */
export class ConnectivityCheck extends Construct {
  readonly cronJob: CronJobV1;
  /** The command that runs the check. */
  readonly runCommand: string;

  /** Records every problem with the props in `v`. */
  static validate(props: ConnectivityCheckProps, v: PropsValidator): void {
    v.check(DNS_LABEL_PATTERN.test(props.namespace), "namespace", props.namespace, DNS_LABEL_RULE);
    const name = props.name ?? DEFAULTS.name;
    v.check(DNS_LABEL_PATTERN.test(name) && name.length <= 50, "name", name, "must be a Kubernetes DNS label of at most 50 characters (CronJob names)");
    validateRequest(props, v);
  }

  constructor(scope: Construct, id: string, props: ConnectivityCheckProps) {
    super(scope, id);
    validateProps(this, "ConnectivityCheck", (v) => ConnectivityCheck.validate(props, v));
    const name = props.name ?? DEFAULTS.name;
    this.cronJob = new CronJobV1(this, "cron-job", {
      metadata: { name, namespace: props.namespace, labels: { "app.kubernetes.io/name": name } },
      spec: {
        // Never runs on its own: users start a job from it when they want the check.
        suspend: true,
        schedule: "0 0 1 1 *",
        jobTemplate: {
          metadata: { labels: { "app.kubernetes.io/name": name } },
          spec: {
            backoffLimit: 0,
            ttlSecondsAfterFinished: "3600",
            template: {
              metadata: { labels: { "app.kubernetes.io/name": name } },
              spec: {
                restartPolicy: "Never",
                automountServiceAccountToken: false,
                securityContext: { runAsNonRoot: true, runAsUser: "65534", seccompProfile: { type: "RuntimeDefault" } },
                container: [
                  {
                    name: "check",
                    image: checkImage(props),
                    command: checkCommand(props),
                    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "128Mi" } },
                    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                  },
                ],
              },
            },
          },
        },
      },
    });
    this.runCommand = `kubectl -n ${props.namespace} create job --from=cronjob/${name} ${name}-$(date +%s)`;
  }
}
