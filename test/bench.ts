// `npm run bench`: wall time and peak memory of the app's synth, each run in
// a fresh process the way `cdktf synth` runs the app (tsx main.ts), against
// the floor of a cdktf app with one empty stack. Prints figures and whether
// each target holds; exits 1 when one does not.
import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const tsx = path.join(__dirname, "..", "node_modules", ".bin", "tsx");
const child = path.join(__dirname, "bench-child.ts");

interface Figure {
  readonly name: string;
  readonly seconds: number;
  readonly maxRssMb: number;
  readonly stacks: number;
}

function measure(name: string, mode: string): Figure {
  const times: number[] = [];
  let rss = 0;
  let stacks = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(tsx, [child, mode], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=4096" } });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0) throw new Error(`${name} failed:\n${result.stderr}`);
    const out = JSON.parse(result.stdout.trim().split("\n").pop()!);
    times.push(seconds);
    rss = Math.max(rss, out.maxRssKb / 1024);
    stacks = out.stacks;
  }
  times.sort((a, b) => a - b);
  return { name, seconds: times[Math.floor(times.length / 2)], maxRssMb: rss, stacks };
}

const floor = measure("floor (one empty stack)", "floor");
const figures = [floor, measure("example config", "example"), measure("10 tenants", "tenants:10"), measure("100 tenants", "tenants:100")];

console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; median of ${RUNS} runs`);
console.log("| synth | stacks | wall time | x floor | peak memory |");
console.log("|---|---|---|---|---|");
for (const f of figures) {
  console.log(`| ${f.name} | ${f.stacks} | ${f.seconds.toFixed(2)} s | ${(f.seconds / floor.seconds).toFixed(2)} | ${f.maxRssMb.toFixed(0)} MB |`);
}

const [, example, ten, hundred] = figures;
const targets: Array<[string, boolean]> = [
  [`example within 3x the floor (${(example.seconds / floor.seconds).toFixed(2)}x)`, example.seconds <= 3 * floor.seconds],
  [`100 tenants within 10x the 10-tenant time (${(hundred.seconds / ten.seconds).toFixed(2)}x)`, hundred.seconds <= 10 * ten.seconds],
  [`100 tenants under 1 GB (${hundred.maxRssMb.toFixed(0)} MB)`, hundred.maxRssMb < 1024],
];
for (const [target, ok] of targets) console.log(`${ok ? "ok  " : "FAIL"} ${target}`);
process.exitCode = targets.every(([, ok]) => ok) ? 0 : 1;
