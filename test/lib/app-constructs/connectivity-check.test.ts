import { ConnectivityCheck } from "../../../lib/app-constructs/connectivity-check";
import { synth } from "../../constructs/support";

describe("ConnectivityCheck", () => {
  test("a suspended CronJob that sends one request, unprivileged, and the command that runs it", () => {
    // GIVEN a URL WHEN the check is made THEN it never runs on its own, runs as non-root, and fails on anything but 2xx
    let check: ConnectivityCheck | undefined;
    const json = JSON.parse(synth((s) => (check = new ConnectivityCheck(s, "check", { namespace: "aws-api", url: "http://aws-api.aws-api.svc.cluster.local/" }))));
    const cronJob = Object.values<any>(json.resource.kubernetes_cron_job_v1)[0];
    expect(cronJob.spec.suspend).toBe(true);
    const pod = cronJob.spec.job_template.spec.template.spec;
    expect(pod.security_context).toMatchObject({ run_as_non_root: true });
    expect(pod.container[0].command[2]).toMatch(/case "\$out" in status=2\*\) echo OK ;; \*\) echo FAIL; exit 1 ;; esac/);
    expect(check!.runCommand).toMatch(/^kubectl -n aws-api create job --from=cronjob\/aws-api-check aws-api-check-/);
  });

  test("fails on a URL that would break out of the shell script", () => {
    expect(() => synth((s) => new ConnectivityCheck(s, "check", { namespace: "aws-api", url: "http://x/'; rm -rf /" }))).toThrow(/url: must be an http:\/\/ or https:\/\/ URL without quotes, spaces or '\$'/);
  });
});
