import * as fs from "fs";
import * as path from "path";

// The library stands without the app: arrows point one way, constructs/ <- lib/ <- main.ts.
const root = path.join(__dirname, "..");

function sources(dir: string): string[] {
  return (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => path.join(dir, f));
}

/** Every relative module a file imports, resolved to a path from the project root. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(/(?:from|require\(|import\()\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => path.relative(root, path.resolve(root, path.dirname(file), m[1])));
}

test("no file under constructs/ imports from lib/ or the app", () => {
  const crossing = sources("constructs").flatMap((file) => importsOf(file).filter((target) => !target.startsWith("constructs")).map((target) => `${file} -> ${target}`));
  expect(crossing).toEqual([]);
});

test("the check sees imports: lib/ imports constructs/", () => {
  expect(sources("lib").some((file) => importsOf(file).some((target) => target.startsWith("constructs")))).toBe(true);
});

test("the kernel (constructs/core) imports no construct", () => {
  const up = sources("constructs/core").flatMap((file) => importsOf(file).filter((target) => !target.startsWith(path.join("constructs", "core"))).map((target) => `${file} -> ${target}`));
  expect(up).toEqual([]);
});

test("the package's own code never imports it by name (tsconfig paths resolve the name for the README's examples only)", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).name as string;
  const byName = new RegExp(`(?:from|require\\(|import\\()\\s*["']${pkg.replace(/[/.]/g, "\\$&")}(?:/[^"']*)?["']`);
  const offending = [...sources("constructs"), ...sources("lib"), "main.ts"].filter((file) => byName.test(fs.readFileSync(path.join(root, file), "utf8")));
  expect(offending).toEqual([]);
  // The check can see such an import: the README's example has one.
  expect(sources("test/e2e/readme-examples").some((file) => byName.test(fs.readFileSync(path.join(root, file), "utf8")))).toBe(true);
});
