import { ServerlessConnectivityCheck, ServerlessConnectivityCheckProps } from "../../../lib/app-constructs/serverless-check";
import { synth } from "../../constructs/support";

describe("ServerlessConnectivityCheck", () => {
  const base: ServerlessConnectivityCheckProps = {
    name: "team-a-check",
    project: "tenant-project",
    region: "asia-northeast1",
    url: "http://api.aws-api.internal/",
    egress: { connector: "projects/tenant-project/locations/asia-northeast1/connectors/team-a" },
  };
  const made = (props: Partial<ServerlessConnectivityCheckProps> = {}) => JSON.parse(synth((s) => new ServerlessConnectivityCheck(s, "check", { ...base, ...props })));

  test("a job of one task, no retry, as its own account, through the connector with all traffic; the same script as the in-cluster check", () => {
    const json = made({ timeoutSeconds: 5 });
    const job: any = Object.values(json.resource.google_cloud_run_v2_job)[0];
    const [accountId] = Object.keys(json.resource.google_service_account);
    expect(json.resource.google_service_account[accountId]).toMatchObject({ account_id: "team-a-check", project: "tenant-project" });
    expect(job.template.task_count).toBe(1);
    expect(job.template.template).toMatchObject({
      max_retries: 0,
      service_account: `\${google_service_account.${accountId}.email}`,
      vpc_access: { connector: "projects/tenant-project/locations/asia-northeast1/connectors/team-a", egress: "ALL_TRAFFIC" },
    });
    const script = job.template.template.containers[0].command[2];
    expect(script).toContain("--max-time 5");
    expect(script).toMatch(/case "\$out" in status=2\*\) echo OK ;; \*\) echo FAIL; exit 1 ;; esac$/);
  });

  test("Direct VPC egress: one network interface on the subnet", () => {
    const job: any = Object.values(made({ egress: { network: "vpc", subnetwork: "serverless" } }).resource.google_cloud_run_v2_job)[0];
    expect(job.template.template.vpc_access).toEqual({ network_interfaces: [{ network: "vpc", subnetwork: "serverless" }], egress: "ALL_TRAFFIC" });
  });

  test.each<[string, Partial<ServerlessConnectivityCheckProps>, RegExp]>([
    ["a name too long for its service account", { name: "a-check-name-longer-than-thirty" }, /name: must be 6-30 lowercase letters/],
    ["a connector that is not a full name", { egress: { connector: "team-a" } }, /egress\.connector: must be a connector's full name/],
    ["a URL with a quote", { url: "http://api'/" }, /url: must be an http:\/\/ or https:\/\/ URL/],
    ["a project id that is not one", { project: "P" }, /project: must be a GCP project id/],
  ])("refuses %s", (_, props, message) => {
    expect(() => made(props)).toThrow(message);
  });
});
