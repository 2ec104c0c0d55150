import * as fs from "fs";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { pipelineConfig, synthApp } from "../helpers";

// Documentation cannot drift from the code: every TypeScript block in the
// README followed by a `<!-- resources: type=count ... -->` line is a file in
// test/e2e/readme-examples/, word for word (importing the package by name, as
// a consumer does: tsconfig.json's paths and jest's moduleNameMapper point the
// names at this checkout). `tsc --noEmit` type-checks those files with the
// rest of the project; here they must match the README, and synthesize the
// resources the comment lists.
const root = path.join(__dirname, "..", "..");
const EXAMPLES = path.join(__dirname, "readme-examples");

interface Example {
  readonly file: string;
  readonly code: string;
  readonly expected: Record<string, number>;
}

function readmeExamples(): Example[] {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const pattern = /```ts\n([\s\S]*?)```\n<!-- resources: ([^>]*) -->/g;
  return [...readme.matchAll(pattern)].map((m, i) => ({
    file: path.join(EXAMPLES, `example-${i + 1}.ts`),
    code: m[1],
    expected: Object.fromEntries(m[2].trim().split(/\s+/).map((pair) => [pair.split("=")[0], Number(pair.split("=")[1])])),
  }));
}

const examples = readmeExamples();

test("the README has at least one checked example, and each has its file (and no file is left over)", () => {
  expect(examples.length).toBeGreaterThan(0);
  expect(fs.readdirSync(EXAMPLES).sort()).toEqual(examples.map((e) => path.basename(e.file)).sort());
});

describe.each(examples.map((e, i) => [i + 1, e] as const))("README example %i", (_n, example) => {
  test("is its file in test/e2e/readme-examples word for word (so tsc --noEmit type-checks it)", () => {
    const file = fs.existsSync(example.file) ? fs.readFileSync(example.file, "utf8") : "(missing)";
    if (file !== example.code) {
      throw new Error(`${path.relative(root, example.file)} differs from its README block: write the block into the file (or the file into the README) so the two are the same.`);
    }
  });

  test("synthesizes the resources its comment lists", () => {
    const mod = require(example.file);
    const stackClasses = Object.values(mod).filter(
      (v): v is new (scope: any, id: string) => TerraformStack => typeof v === "function" && v.prototype instanceof TerraformStack,
    );
    expect(stackClasses.length).toBeGreaterThan(0);
    const counts: Record<string, number> = {};
    for (const StackClass of stackClasses) {
      const json = JSON.parse(Testing.synth(new StackClass(Testing.app(), "example")));
      for (const [type, byId] of Object.entries<Record<string, unknown>>(json.resource ?? {})) {
        counts[type] = (counts[type] ?? 0) + Object.keys(byId).length;
      }
    }
    const listed = Object.fromEntries(Object.keys(example.expected).map((type) => [type, counts[type] ?? 0]));
    expect(listed).toEqual(example.expected);
  });
});

describe("the README's cdktf commands", () => {
  // The cdktf CLI refuses to deploy a stack without the stacks it reads from, or to destroy one
  // without the stacks that read from it, unless they are named too or
  // --ignore-missing-stack-dependencies is given; and every command must name its config.
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8").replace(/\n\s*/g, " ");
  const commands = [...readme.matchAll(/cdktf_env (deploy|destroy)((?: --[a-z-]+)*) ((?:'?[a-z*<>-]+'? ?)+)/g)].map((m) => ({
    text: m[0].trim(),
    verb: m[1],
    flagged: m[2].includes("--ignore-missing-stack-dependencies"),
    stacks: m[3].trim().split(" ").map((s) => s.replace(/'/g, "").replace(/<[a-z]+>/, "team-a")),
  }));
  // With a pipeline: the CI/CD section deploys the bootstrap stacks too.
  const { manifest } = synthApp(pipelineConfig());
  const names = Object.keys(manifest.stacks);
  const select = (patterns: string[]) => names.filter((n) => patterns.some((p) => new RegExp(`^${p.replace(/\*/g, ".*")}$`).test(n)));

  test("name their config through the cdktf_env function, which sets PSC_CONFIG and CHECKPOINT_DISABLE", () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
    expect(readme).toContain('cdktf_env() { PSC_CONFIG=config/prod.yaml CHECKPOINT_DISABLE=1 npx cdktf "$@"; }');
    // In the shell blocks, no cdktf command without the prefix.
    const blocks = [...fs.readFileSync(path.join(root, "README.md"), "utf8").matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
    const bare = blocks.flatMap((b) => b.split("\n")).filter((line) => /^\s*npx cdktf /.test(line));
    expect(bare).toEqual([]);
  });

  test("pass the CLI's dependency check: a command that leaves out a dependency (deploy) or a dependant (destroy) gives --ignore-missing-stack-dependencies", () => {
    for (const command of commands) {
      const selected = select(command.stacks);
      expect({ command: command.text, selected: selected.length > 0 }).toEqual({ command: command.text, selected: true });
      const needed =
        command.verb === "deploy"
          ? selected.flatMap((s) => manifest.stacks[s].dependencies)
          : names.filter((n) => manifest.stacks[n].dependencies.some((d) => selected.includes(d)));
      const missing = [...new Set(needed)].filter((s) => !selected.includes(s));
      if (missing.length > 0) expect({ command: command.text, flagged: command.flagged }).toEqual({ command: command.text, flagged: true });
    }
  });
});

test("the README's table of mutation-testing groups is the one npm run mutate runs", () => {
  const { GROUPS } = require("../../scripts/mutate.js") as { GROUPS: Record<string, { mutate: string[]; tests: string[] }> };
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const table = readme.split("| group | files mutated | tests run against each mutant |")[1].split("\n\n")[0];
  const rows = table.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("|---"));
  const code = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  expect(rows.map((row) => row.split(" | ")).map(([group, mutate, tests]) => [group.slice(2), code(mutate), code(tests).map((t) => `test/${t}`)])).toEqual(
    Object.entries(GROUPS).map(([group, g]) => [group, g.mutate, g.tests]),
  );
  // Every file a group names exists.
  for (const file of Object.values(GROUPS).flatMap((g) => [...g.mutate.map((spec) => spec.split(":")[0]), ...g.tests])) expect({ file, exists: fs.existsSync(path.join(root, file)) }).toEqual({ file, exists: true });
});
