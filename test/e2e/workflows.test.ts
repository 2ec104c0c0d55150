import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { githubVariableOf } from "../../lib/stacks/bootstrap-gcp-stack";
import { kindOfStack, STACK_KINDS, StackKind } from "../../lib/pipeline";
import { pipelineConfig, synthApp } from "../helpers";

// The workflows teams run this product through (.github/workflows): valid for
// GitHub (action-validator, from npm: the workflow JSON schema SchemaStore
// keeps, plus job references), running only commands this repository has, and
// deploying in the app's own waves with the identities the bootstrap stacks make.
const root = path.join(__dirname, "..", "..");
const WORKFLOWS = path.join(root, ".github", "workflows");
const files = fs.readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml"));
const read = (file: string) => fs.readFileSync(path.join(WORKFLOWS, file), "utf8");
const workflow = (file: string) => parse(read(file));
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string | number | boolean>;
  readonly env?: Record<string, string>;
}
const stepsOf = (file: string): Array<{ job: string; step: Step }> =>
  Object.entries<any>(workflow(file).jobs).flatMap(([job, j]) => (j.steps ?? []).map((step: Step) => ({ job, step })));

/** The validator's findings: each with its path in the workflow and what is wrong. */
function lint(text: string): Array<{ code: string; path: string }> {
  const { validateWorkflow } = require("@action-validator/core") as { validateWorkflow: (src: string) => { errors: Array<{ code: string; path: string }> } };
  return validateWorkflow(text).errors.map(({ code, path }) => ({ code, path }));
}

test("the repository has the pull-request, deploy and release workflows", () => {
  expect(files.sort()).toEqual(["deploy-environment.yml", "deploy.yml", "pull-request.yml", "release.yml"]);
});

describe.each(files)("%s", (file) => {
  test("passes the workflow validator with no finding", () => {
    expect(lint(read(file))).toEqual([]);
  });

  test("runs only commands this repository has: npm scripts of package.json, files that exist, the README's test command", () => {
    for (const { step } of stepsOf(file)) {
      if (step.run === undefined) continue;
      for (const script of step.run.matchAll(/npm run (?:--silent )?([a-z:-]+)/g)) expect(Object.keys(pkg.scripts)).toContain(script[1]);
      for (const local of step.run.matchAll(/(?:^|\s)((?:scripts|lib)\/[\w./-]+\.(?:sh|js|ts))/g)) expect(fs.existsSync(path.join(root, local[1]))).toBe(true);
      if (/^npm (test|run test)\b/.test(step.run)) expect(readme.split("\n").slice(0, 6).join("\n")).toContain(`${step.run.trim()}        # type-checks`);
    }
  });

  test("pins every action to a major version", () => {
    for (const { step } of stepsOf(file)) if (step.uses && !step.uses.startsWith("./")) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
  });
});

test("the validator finds broken workflows: a job that needs a job that does not exist, a key GitHub does not know", () => {
  const unknownJob = read("deploy-environment.yml").replace("needs: [synth, wave-3]", "needs: [synth, wave-9]");
  expect(lint(unknownJob)).toContainEqual({ code: "unresolved_job", path: "/jobs/wave-4/needs" });
  const unknownKey = read("release.yml").replace("timeout-minutes: 30", "timeout-minutez: 30");
  expect(lint(unknownKey).length).toBeGreaterThan(0);
});

describe("the pull-request workflow", () => {
  const steps = stepsOf("pull-request.yml");
  test("runs the README's test command and the plan report against the base branch, with no cloud credentials", () => {
    expect(steps.map(({ step }) => step.run)).toEqual(expect.arrayContaining(["npm test", 'scripts/pr-report.sh "origin/${{ github.base_ref }}" pr-report']));
    expect(read("pull-request.yml")).not.toMatch(/id-token|google-github-actions|configure-aws-credentials|secrets\./);
  });
  test("updates its one comment, found by the marker scripts/pr-report.sh writes, instead of adding one per push", () => {
    const script = steps.find(({ step }) => step.uses?.startsWith("actions/github-script"))!.step.with!.script as string;
    const marker = /marker = "([^"]+)"/.exec(script)![1];
    expect(fs.readFileSync(path.join(root, "scripts", "pr-report.sh"), "utf8")).toContain(`marker="${marker}"`);
    expect(script).toMatch(/updateComment[\s\S]*else[\s\S]*createComment/);
  });
  test("uploads the synthesized cdktf.out of every config as an artifact", () => {
    expect(steps.find(({ step }) => step.uses?.startsWith("actions/upload-artifact"))!.step.with!.path).toBe("pr-report/");
  });
});

describe("the deploy workflows", () => {
  const jobs = workflow("deploy-environment.yml").jobs as Record<string, any>;
  const waveJobs = Object.keys(jobs).filter((j) => j.startsWith("wave-"));
  const deploySteps = stepsOf("deploy-environment.yml").filter(({ step }) => step.run?.includes("cdktf deploy"));
  const kindOfStep = (step: Step) => kindOfStack(/ '?([a-z*-]+)'?$/.exec(step.run!)![1].replace("*", "x"))!;
  const waveOf = new Map(deploySteps.map(({ job, step }) => [kindOfStep(step), Number(job.slice("wave-".length))]));

  test("deploy every kind of stack exactly once, with the pattern that names it, skipping kinds the environment lacks", () => {
    expect(deploySteps.map(({ step }) => kindOfStep(step)).sort()).toEqual((Object.keys(STACK_KINDS) as StackKind[]).sort());
    for (const { step } of deploySteps) {
      const kind = kindOfStep(step);
      expect(step.run).toBe(`npx cdktf deploy --skip-synth --auto-approve --ignore-missing-stack-dependencies ${STACK_KINDS[kind].pattern.includes("*") ? `'${STACK_KINDS[kind].pattern}'` : STACK_KINDS[kind].pattern}`);
      expect(step.if).toBe(`contains(fromJSON(needs.synth.outputs.kinds), '${kind}')`);
    }
  });

  test("deploy each stack in a wave after every stack it reads from (the app's own dependencies), one wave after another", () => {
    for (const app of [synthApp(), synthApp(pipelineConfig())]) {
      for (const [stack, entry] of Object.entries<any>(app.manifest.stacks)) {
        const kind = kindOfStack(stack);
        if (kind === undefined) continue;
        for (const origin of entry.dependencies) expect([stack, waveOf.get(kind)! > waveOf.get(kindOfStack(origin)!)!]).toEqual([stack, true]);
      }
    }
    waveJobs.forEach((job, i) => expect(jobs[job].needs).toEqual(i === 0 ? ["synth"] : ["synth", waveJobs[i - 1]]));
  });

  test("match the README's deploy waves", () => {
    const waves = [...readme.matchAll(/^cdktf_env deploy (?:--ignore-missing-stack-dependencies )?((?:'?[a-z*-]+'? ?)+)$/gm)].map((m) =>
      m[1].trim().split(" ").map((p) => kindOfStack(p.replace(/'/g, "").replace("*", "x"))),
    );
    const fromWorkflow = waveJobs.map((job) => deploySteps.filter((d) => d.job === job).map(({ step }) => kindOfStep(step)).sort());
    const known = waves.filter((w): w is StackKind[] => w.length > 0 && w.every((k) => k !== undefined));
    expect(known.slice(0, fromWorkflow.length).map((w) => w.sort())).toEqual(fromWorkflow);
  });

  test("run each wave in the environment's GitHub environment, and one deploy of an environment at a time", () => {
    for (const job of waveJobs) expect(jobs[job].environment).toBe("${{ inputs.environment }}");
    const caller = workflow("deploy.yml").jobs.deploy;
    expect(caller.concurrency).toEqual({ group: "deploy-${{ matrix.environment }}", "cancel-in-progress": false });
    expect(caller.permissions["id-token"]).toBe("write");
  });

  test("give each kind only its own identity: its service account, and an AWS role only for aws and tunnels (state in S3), AWS last in a job", () => {
    for (const job of waveJobs) {
      const steps: Step[] = jobs[job].steps;
      const awsAt = steps.findIndex((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"));
      steps.forEach((step, i) => {
        if (!step.run?.includes("cdktf deploy")) return;
        const kind = kindOfStep(step);
        const auth = steps.find((s) => s.id === `gcp-${kind}`)!;
        expect(auth.with!.service_account).toBe(`\${{ vars.${githubVariableOf(kind === "aws" ? "aws-state" : kind)} }}`);
        expect(auth.with!.export_environment_variables).toBe(false);
        expect(step.env!.GOOGLE_APPLICATION_CREDENTIALS).toBe(`\${{ steps.gcp-${kind}.outputs.credentials_file_path }}`);
        const withAws = ["aws", "tunnels"].includes(kind);
        // AWS credentials are exported to every later step of the job: only aws and tunnels come after them.
        expect([kind, awsAt !== -1 && awsAt < i]).toEqual([kind, withAws]);
      });
    }
  });

  test("read only the variables the bootstrap stacks output", () => {
    const config = pipelineConfig();
    const app = synthApp(config);
    const outputs = ["bootstrap-gcp", "bootstrap-aws"].map((s) => (app.byName[s]!.json as any).output["github-variables"].value as string).join("\n");
    const written = [...outputs.matchAll(/gh variable set (\w+)/g)].map((m) => m[1]);
    const used = [...new Set([...read("deploy-environment.yml").matchAll(/vars\.(\w+)/g)].map((m) => m[1]))];
    expect(written.sort()).toEqual(used.sort());
  });
});

describe("the release workflow", () => {
  const runs = stepsOf("release.yml").map(({ step }) => step.run).filter((r): r is string => r !== undefined);
  test("checks the tag against package.json and the CHANGELOG, tests (API reports included), then publishes with the registry token as a secret", () => {
    expect(runs).toEqual(["npm ci --no-audit --no-fund", 'node scripts/release.js check "$GITHUB_REF_NAME"', "npm test", "npm run build", "node scripts/release.js npmrc", "npm publish --ignore-scripts"]);
    const publish = stepsOf("release.yml").find(({ step }) => step.run === "npm publish --ignore-scripts")!.step;
    expect(publish.env).toEqual({ NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}" });
    expect(workflow("release.yml").on).toEqual({ push: { tags: ["v*"] } });
  });
});
