import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";

// Documentation cannot drift from the code: every TypeScript block in the
// README followed by a `<!-- resources: type=count ... -->` line is
// type-checked, synthesized, and its resource inventory compared.
const root = path.join(__dirname, "..", "..");
const workDir = path.join(__dirname, ".readme-examples");

interface Example {
  readonly code: string;
  readonly expected: Record<string, number>;
}

function readmeExamples(): Example[] {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const pattern = /```ts\n([\s\S]*?)```\n<!-- resources: ([^>]*) -->/g;
  return [...readme.matchAll(pattern)].map((m) => ({
    // Written as a consumer imports the package; compiled here against this checkout's entry points.
    code: m[1].replace(/from "@psc-hybrid\/gke-aws-psc\/app"/g, 'from "../../../lib"').replace(/from "@psc-hybrid\/gke-aws-psc"/g, 'from "../../../constructs"'),
    expected: Object.fromEntries(m[2].trim().split(/\s+/).map((pair) => [pair.split("=")[0], Number(pair.split("=")[1])])),
  }));
}

const examples = readmeExamples();

beforeAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir);
  examples.forEach((e, i) => fs.writeFileSync(path.join(workDir, `example-${i + 1}.ts`), e.code));
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

test("the README has at least one checked example", () => {
  expect(examples.length).toBeGreaterThan(0);
});

test("README examples type-check", () => {
  const tsconfig = path.join(workDir, "tsconfig.json");
  fs.writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: "../../../tsconfig.json",
      // Incremental across runs: only a changed example or source is checked again.
      compilerOptions: { noUnusedLocals: false, incremental: true, tsBuildInfoFile: path.join(root, "node_modules", ".cache", "psc-hybrid", "readme-examples.tsbuildinfo") },
      include: ["./*.ts"],
      exclude: [],
    }),
  );
  const result = spawnSync(path.join(root, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", tsconfig], { encoding: "utf8" });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
});

describe.each(examples.map((e, i) => [i + 1, e] as const))("README example %i", (n, example) => {
  test("synthesizes the resources its comment lists", () => {
    const mod = require(path.join(workDir, `example-${n}.ts`));
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
