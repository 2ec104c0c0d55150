import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Aspects, TerraformStack, Testing } from "cdktf";
import { PolicyChecks } from "../../../constructs/core/policy";
import { addStacks } from "../../../lib/app";
import { exampleConfig, exampleWith, synthApp } from "../../helpers";

// The policy checks on the app's stacks: the example raises nothing; what a
// config sets on purpose is suppressed with its reason, or warned about.

describe("the policy checks in the app", () => {
  test("the example raises no finding at all", () => {
    const { stacks } = synthApp();
    const all = [stacks.producer, stacks.aws, stacks.tunnels, ...stacks.consumers, ...stacks.workloads]
      .flatMap((s) => s.node.findAll())
      .flatMap((c) => c.node.metadata)
      .filter((m) => String(m.data).startsWith("[PSC-"));
    expect(all).toEqual([]);
  });

  test("an explicit public GKE endpoint is suppressed with its reason; deletion protection off is a warning", () => {
    const { stacks } = synthApp(exampleWith((c) => (c.tenants[0].gke = { publicEndpoint: true, deletionProtection: false })));
    const messages = stacks.consumers[0].node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type.startsWith("@cdktf/"))
      .map((m) => `${m.type} ${String(m.data).slice(0, 60)}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^@cdktf\/info \[PSC-GKE-002\] suppressed/),
        expect.stringMatching(/^@cdktf\/warn \[PSC-DEL-001\] google_container_cluster has deletion_pro/),
      ]),
    );
  });

  test("applying the checks again (addStacks already did) reports each finding once", () => {
    // GIVEN an app whose stacks addStacks gave the checks WHEN another app's code applies them too THEN a warning appears once
    const app = Testing.app();
    addStacks(app, exampleWith((c) => (c.tenants[0].gke = { deletionProtection: false })));
    PolicyChecks.applyTo(app);
    const stack = app.node.findChild("consumer-team-a") as TerraformStack;
    expect(Aspects.of(stack).all.filter((a) => a instanceof PolicyChecks)).toHaveLength(1);
  });

  test("verify returns the notices: each warning and each suppression with its reason, for the app to print", () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "psc-policy-")) });
    addStacks(app, exampleWith((c) => (c.tenants[0].gke = { publicEndpoint: true, deletionProtection: false })));
    expect(PolicyChecks.verify(app).map((n) => `${n.path}: ${n.message}`)).toEqual([
      expect.stringMatching(/^consumer-team-a\/gke\/cluster: \[PSC-GKE-002\] suppressed \(GKE control plane has no public IP endpoint\): publicEndpoint: true was set explicitly$/),
      expect.stringMatching(/^consumer-team-a\/gke\/cluster: \[PSC-DEL-001\] google_container_cluster has deletion_protection off/),
    ]);
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });

  test("verify passes the example", () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "psc-policy-")) });
    addStacks(app, exampleConfig());
    expect(() => PolicyChecks.verify(app)).not.toThrow();
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });
});
