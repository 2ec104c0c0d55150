import * as fs from "fs";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";

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
