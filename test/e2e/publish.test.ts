import { ChildProcess, spawn, spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { CompilerState, ConsoleMessageId, Extractor, ExtractorConfig, ExtractorLogLevel, ExtractorMessage, IConfigFile } from "@microsoft/api-extractor";
import { run, RunResult } from "./run";

// The package as another team consumes it. One build (`npm run build`, as
// `npm publish` runs it through prepack) serves every test here:
// - the API reports in api/ must match the built declarations (api-extractor,
//   non-local mode, as CI runs it);
// - the packed tarball is published to a real npm registry (verdaccio, on
//   127.0.0.1, throwaway storage, no uplinks) and installed by a fresh cdktf
//   project; it and a copy of it differ in resolution: the `cdktf init`
//   template's tsconfig (module CommonJS, node10 resolution) and node16
//   resolution; each imports both entry points and is type-checked by tsc; the
//   first is synthesized by the cdktf CLI, the second by the app command the
//   CLI runs (`node main.js`).
// The registry starts while the package builds; the consumer projects install,
// compile and synthesize in the background while api-extractor checks the
// reports in this process. The registry is stopped whatever happens.

const root = path.join(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
/** Runtime dependencies the registry must serve too (an internal registry mirrors them). */
const RUNTIME_DEPENDENCIES = Object.keys(pkg.dependencies);
/** Peer dependencies the consuming app brings itself (linked from this project's node_modules). */
const PEERS = Object.keys(pkg.peerDependencies);

let work: string;

let registry: ChildProcess | undefined;
let url: string;
/** The files `npm pack` put in the package's tarball, once the package and its runtime dependencies are in the registry. */
let packedFiles: Promise<string[]>;
// Two fresh projects set up at once (each test awaits its own): they share nothing but the registry.
let node10: Promise<Consumer>;
let node16: Promise<Consumer>;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "psc-publish-"));
  const registryUp = startRegistry();
  registryUp.catch(() => undefined);
  const build = await run("npm", ["run", "build"], { cwd: root });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  await registryUp;
  packedFiles = publish();
  const installed = packedFiles.then(() => installConsumer("consumer-node10"));
  node10 = installed.then((dir) => consumerProject(dir, { synth: "cdktf" }));
  node16 = installed.then((from) =>
    consumerProject(copyInstall(from, "consumer-node16"), {
      compilerOptions: { module: "node16", moduleResolution: "node16" },
      extraFiles: {
        // tsc fails on an unused @ts-expect-error: the deep import must be an error (TS2307 under node16, which reads `exports`).
        "deep-import.ts": `// @ts-expect-error internal files are not part of the package's API\nimport { canonicalCidr } from "${pkg.name}/dist/constructs/core/cidr";\nexport const internal = canonicalCidr;\n`,
      },
      // Its app command, as the CLI would run it: what resolution changes is tsc's and node's lookups, not the CLI.
      synth: "app",
    }),
  );
  // Awaited by the tests; a failure here is reported there.
  for (const pending of [packedFiles, node10, node16]) pending.catch(() => undefined);
}, 120_000);

afterAll(async () => {
  // Whatever is still running finishes (or fails) before its directory goes.
  await Promise.allSettled([packedFiles, node10, node16]);
  if (registry?.pid) {
    try {
      process.kill(-registry.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
}, 120_000);

describe("API reports (api/*.api.md, reviewed in pull requests)", () => {
  const ENTRY_POINTS = [
    { report: "api/library.api.md", config: "api/library.api-extractor.json", entry: "@psc-hybrid/gke-aws-psc" },
    { report: "api/app.api.md", config: "api/app.api-extractor.json", entry: "@psc-hybrid/gke-aws-psc/app" },
  ];
  let compilerState: CompilerState | undefined;

  /** The config as `npm run api` reads it, with the scratch report written under `work` instead (and `apiReport` changed as given). */
  function prepare(configFile: string, apiReport: Partial<NonNullable<IConfigFile["apiReport"]>> = {}): ExtractorConfig {
    const configObject = ExtractorConfig.loadFile(path.join(root, configFile));
    configObject.apiReport = { ...configObject.apiReport!, reportTempFolder: path.join(work, "api-extractor"), ...apiReport };
    return ExtractorConfig.prepare({ configObject, configObjectFullPath: path.join(root, configFile), packageJsonFullPath: path.join(root, "package.json") });
  }

  /** api-extractor as CI runs it: never rewrites the committed report, fails when it differs. */
  function extract(extractorConfig: ExtractorConfig) {
    // One TypeScript program for both entry points (later runs reuse it).
    compilerState ??= CompilerState.create(extractorConfig, { additionalEntryPoints: ENTRY_POINTS.map((e) => prepare(e.config).mainEntryPointFilePath) });
    const problems: string[] = [];
    const result = Extractor.invoke(extractorConfig, {
      localBuild: false,
      compilerState,
      printApiReportDiff: true,
      messageCallback: (message: ExtractorMessage) => {
        // (Less its advice to copy the scratch report by hand: `npm run api` does.)
        const copyByHand = message.messageId === ConsoleMessageId.ApiReportNotCopied;
        if ((message.logLevel === ExtractorLogLevel.Error || message.logLevel === ExtractorLogLevel.Warning) && !copyByHand) {
          problems.push(message.formatMessageWithLocation(root));
        }
        message.handled = true;
      },
    });
    return { result, problems };
  }

  test.each(ENTRY_POINTS)("$report matches the declarations of $entry", ({ report, config }) => {
    const { result, problems } = extract(prepare(config));
    if (!result.succeeded) {
      throw new Error(
        (result.apiReportChanged
          ? `The public API changed and ${report} does not show it (or is missing). Run \`npm run api\` and review the diff of ${report}: commit it with the change, and the pull request shows reviewers the API change.`
          : `api-extractor found problems in the declarations of the entry point (see ${config}). Fix them, then run \`npm run api\`.`) +
          `\n\n${problems.join("\n")}`,
      );
    }
    expect(problems).toEqual([]);
  });

  test("the check fails on a report that no longer matches, and shows the difference", () => {
    // The committed library report less one line, as if a prop had been added without `npm run api`.
    const stale = path.join(work, "stale-report");
    fs.mkdirSync(stale, { recursive: true });
    const committed = fs.readFileSync(path.join(root, "api", "library.api.md"), "utf8");
    const line = "export class VpcNetwork extends Construct implements INetwork {";
    expect(committed).toContain(line);
    fs.writeFileSync(path.join(stale, "library.api.md"), committed.replace(`${line}\n`, ""));
    const { result, problems } = extract(prepare("api/library.api-extractor.json", { reportFolder: stale, reportTempFolder: path.join(work, "api-extractor-stale") }));
    expect({ succeeded: result.succeeded, apiReportChanged: result.apiReportChanged }).toEqual({ succeeded: false, apiReportChanged: true });
    expect(problems.join("\n")).toContain(`+${line}`);
  });
});

/** Runs npm against the test registry; resolves to its stdout, rejects with its output when it fails. */
async function npm(args: string[], cwd: string): Promise<string> {
  const result = await run("npm", [...args, "--registry", url, "--userconfig", path.join(work, ".npmrc"), "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd,
    env: { ...process.env, npm_config_cache: path.join(work, "npm-cache") },
  });
  if (result.status !== 0) throw new Error(`npm ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForRegistry(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`verdaccio did not answer on ${url} in time`);
}

/** Starts verdaccio on a free loopback port with throwaway storage and no uplinks; resolves when it answers. */
async function startRegistry(): Promise<void> {
  const port = await freePort();
  url = `http://127.0.0.1:${port}/`;
  fs.writeFileSync(
    path.join(work, "verdaccio.yaml"),
    [
      `storage: ${path.join(work, "storage")}`,
      "uplinks: {}",
      "packages:",
      "  '**':",
      "    access: $all",
      "    publish: $all",
      "publish:",
      "  allow_offline: true",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  // npm insists on credentials for publish even where the registry lets anyone publish.
  fs.writeFileSync(path.join(work, ".npmrc"), `//127.0.0.1:${port}/:_authToken=throwaway-local-token\n`);
  registry = spawn(bin("verdaccio"), ["--config", path.join(work, "verdaccio.yaml"), "--listen", `127.0.0.1:${port}`], {
    stdio: "ignore",
    detached: true,
  });
  await waitForRegistry(Date.now() + 30_000);
}

/** Publishes the package and its runtime dependencies; resolves to the files in the package's tarball. */
async function publish(): Promise<string[]> {
  // The package: packed and published by npm (the build above; --ignore-scripts skips prepack's second one).
  const tarballs = path.join(work, "tarballs");
  fs.mkdirSync(tarballs);
  const [packed] = await Promise.all([
    npm(["pack", root, "--json", "--pack-destination", tarballs], work),
    // Its runtime dependencies, as an internal registry's mirror holds them.
    ...RUNTIME_DEPENDENCIES.map(mirror),
  ]);
  const [tarball] = fs.readdirSync(tarballs);
  await npm(["publish", path.join(tarballs, tarball), "--tag", "latest"], work);
  return JSON.parse(packed)[0].files.map((f: { path: string }) => f.path);
}

/**
 * Puts an installed dependency into the registry with one request to its
 * publish API (what `npm publish` sends; an npm process per package costs
 * more than the registry's work): the installed files as npm's tarball layout
 * (everything under package/), with the manifest and integrity npm gives it.
 */
async function mirror(dep: string): Promise<void> {
  const dir = path.join(root, "node_modules", dep);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const file = `${manifest.name.replace(/^@[^/]+\//, "")}-${manifest.version}.tgz`;
  const tarball = path.join(work, file);
  // (GNU tar.) Without a nested node_modules: it would ship as if bundled and hide a missing dependency.
  const tar = await run("tar", ["-czf", tarball, "--exclude=./node_modules", "--transform", "s,^\\.,package,", "-C", dir, "."], { cwd: work });
  if (tar.status !== 0) throw new Error(`tar of ${dep} failed:\n${tar.stderr}`);
  const data = fs.readFileSync(tarball);
  const digest = (algorithm: string, encoding: "hex" | "base64") => crypto.createHash(algorithm).update(data).digest(encoding);
  const response = await fetch(`${url}${manifest.name.replace("/", "%2f")}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: "Bearer throwaway-local-token" },
    body: JSON.stringify({
      _id: manifest.name,
      name: manifest.name,
      "dist-tags": { latest: manifest.version },
      versions: {
        [manifest.version]: {
          ...manifest,
          _id: `${manifest.name}@${manifest.version}`,
          dist: { shasum: digest("sha1", "hex"), integrity: `sha512-${digest("sha512", "base64")}`, tarball: `${url}${manifest.name}/-/${file}` },
        },
      },
      _attachments: { [file]: { content_type: "application/octet-stream", data: data.toString("base64"), length: data.length } },
    }),
  });
  if (!response.ok) throw new Error(`the registry refused ${dep}: ${response.status} ${await response.text()}`);
}

/** The tsconfig `cdktf init --template=typescript` writes, from the cdktf-cli this project pins. */
function cdktfInitTsconfig(): { compilerOptions: Record<string, unknown>; include: string[]; exclude: string[] } {
  const template = path.join(root, "node_modules", "cdktf-cli", "bundle", "templates", "typescript", "tsconfig.json");
  return JSON.parse(fs.readFileSync(template, "utf8"));
}

/** A config file of the consumer's own (required keys only, one tenant) for the app entry point. */
const CONSUMER_CONFIG = `
prefix: acme
gcp: { region: europe-west1, producerProject: acme-producer, routerAsn: 64600, pscNatCidr: 10.60.0.0/24, frontendCidr: 10.60.1.0/24, proxyOnlyCidr: 10.60.2.0/24 }
aws:
  { region: eu-west-1, availabilityZone: eu-west-1a, asn: 64601, vpcCidr: 10.70.0.0/16, publicSubnetCidr: 10.70.1.0/24, privateSubnetCidr: 10.70.2.0/24, backend: { privateIp: 10.70.2.10, port: 8080 } }
tenants:
  - { name: blue, project: acme-blue, gkeNodesCidr: 10.80.0.0/24, podsCidr: 10.80.64.0/18, servicesCidr: 10.80.8.0/24, pscEndpointCidr: 10.80.9.0/24 }
`;

/**
 * The consumer's app: a stack of its own composed from the library's
 * constructs (root imports), and this system's stacks from its own config
 * file (the app entry point), its stack deployed after the producer.
 */
const CONSUMER_MAIN = `
import { App, LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { CloudRouterBgp, HybridNegLoadBalancer, ProxyOnlySubnet, PscNatSubnet, ServiceAttachment, VpcNetwork } from "${pkg.name}";
import { addStacks, loadConfig, PscHybridStacks } from "${pkg.name}/app";

class PublishedApi extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.published.tfstate" });
    new GoogleProvider(this, "google", { project: "their-project", region: "europe-west1" });
    const network = new VpcNetwork(this, "net", { name: "their-producer" });
    const frontend = network.addSubnet("fe", { name: "fe", region: "europe-west1", ipCidrRange: "10.50.0.0/24" });
    const proxyOnlySubnet = new ProxyOnlySubnet(this, "proxy", { network, name: "proxy", region: "europe-west1", ipCidrRange: "10.50.1.0/26" });
    const nat = new PscNatSubnet(this, "nat", { network, name: "nat", region: "europe-west1", ipCidrRange: "10.50.2.0/29" });
    const lb = new HybridNegLoadBalancer(this, "lb", {
      name: "onprem-api", region: "europe-west1", zone: "europe-west1-b", network, subnetwork: frontend, proxyOnlySubnet,
      endpoints: [{ ipAddress: "192.168.7.7", port: 443 }],
    });
    new ServiceAttachment(this, "sa", {
      name: "onprem-api", region: "europe-west1", targetService: lb.forwardingRule.id, natSubnets: [nat],
      consumers: [{ project: "a-consumer", connectionLimit: 2 }],
    });
    new CloudRouterBgp(this, "router", { name: "router", network, region: "europe-west1", asn: 64900, advertisedRanges: ["10.50.1.0/26"] });
  }
}

const app = new App({ outdir: "cdktf.out" });
const published = new PublishedApi(app, "published");
const stacks: PscHybridStacks = addStacks(app, loadConfig("psc.yaml").config);
published.addDependency(stacks.producer);
app.synth();
`;

/** An empty Terraform CLI config: the machine's may point at a missing file, which the CLI would warn about. */
function emptyTfrc(): string {
  const file = path.join(work, "empty.tfrc");
  fs.writeFileSync(file, "");
  return file;
}

interface Consumer {
  readonly dir: string;
  readonly tsc: RunResult;
  readonly synth: RunResult;
}

/** A fresh project (CommonJS: no "type" in package.json) that installs the package from the registry; returns its directory. */
async function installConsumer(name: string): Promise<string> {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true, main: "main.js", dependencies: { [pkg.name]: pkg.version } }));
  await npm(["install", "--legacy-peer-deps"], dir);
  // The app brings cdktf, constructs and the providers itself (they are peer dependencies).
  for (const peer of PEERS) {
    const target = path.join(dir, "node_modules", peer);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(path.join(root, "node_modules", peer), target, "dir");
  }
  return dir;
}

/** A second project with the same package.json, its node_modules copied from the first (npm would install the same). */
function copyInstall(from: string, name: string): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  for (const entry of ["package.json", "package-lock.json", "node_modules"]) fs.cpSync(path.join(from, entry), path.join(dir, entry), { recursive: true, verbatimSymlinks: true });
  return dir;
}

interface ConsumerOptions {
  readonly compilerOptions?: Record<string, unknown>;
  readonly extraFiles?: Record<string, string>;
  /** `cdktf synth`, or the app command it runs (`node main.js`) directly. */
  readonly synth: "cdktf" | "app";
}

/** Makes an installed project a cdktf app of its own (the `cdktf init` template's tsconfig, changed as given), compiles it with tsc and synthesizes it. */
async function consumerProject(dir: string, { compilerOptions = {}, extraFiles = {}, synth: via }: ConsumerOptions): Promise<Consumer> {
  const name = path.basename(dir);
  const template = cdktfInitTsconfig();
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ ...template, compilerOptions: { ...template.compilerOptions, ...compilerOptions } }, null, 2));
  fs.writeFileSync(path.join(dir, "main.ts"), CONSUMER_MAIN);
  fs.writeFileSync(path.join(dir, "psc.yaml"), CONSUMER_CONFIG);
  for (const [file, text] of Object.entries(extraFiles)) fs.writeFileSync(path.join(dir, file), text);
  // A cdktf project of its own, compiled by tsc and synthesized by the cdktf CLI as its users would.
  fs.writeFileSync(
    path.join(dir, "cdktf.json"),
    JSON.stringify({ language: "typescript", app: "node main.js", projectId: name, sendCrashReports: "false", terraformProviders: [], terraformModules: [], context: {} }),
  );
  const tsc = await run(bin("tsc"), ["-p", "."], { cwd: dir });
  const [command, args] = via === "cdktf" ? [bin("cdktf"), ["synth"]] : [process.execPath, ["main.js"]];
  const synth =
    tsc.status === 0
      ? await run(command, args, { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", TF_CLI_CONFIG_FILE: emptyTfrc() } })
      : { status: null, stdout: "", stderr: "not run: tsc failed" };
  return { dir, tsc, synth };
}

describe("the release workflow's steps (.github/workflows/release.yml)", () => {
  test("publish a tagged version to the registry from package.json's publishConfig, with the token from the environment only", async () => {
    await packedFiles;
    // The release commit, as README's Releasing makes it: the CHANGELOG's newest entry released, package.json at its version.
    const release = path.join(work, "release");
    const changelog = fs.readFileSync(path.join(root, "CHANGELOG.md"), "utf8");
    // The CHANGELOG's next version; once released (package.json at it, published above), the one after.
    const newest = /^## (\S+)/m.exec(changelog)![1]!;
    const version = newest !== pkg.version ? newest : newest.replace(/\d+$/, (patch) => String(Number(patch) + 1));
    fs.mkdirSync(path.join(release, "scripts"), { recursive: true });
    fs.cpSync(path.join(root, "dist"), path.join(release, "dist"), { recursive: true });
    fs.copyFileSync(path.join(root, "README.md"), path.join(release, "README.md"));
    fs.copyFileSync(path.join(root, "scripts", "release.js"), path.join(release, "scripts", "release.js"));
    fs.writeFileSync(path.join(release, "CHANGELOG.md"), changelog.replace(/^## \S+.*$/m, `## ${version}`));
    fs.writeFileSync(path.join(release, "package.json"), JSON.stringify({ ...pkg, version, publishConfig: { registry: url } }, null, 2));
    // The workflow's steps after the build, as written there (npm ci, npm test and the build ran above).
    const workflow = fs.readFileSync(path.join(root, ".github", "workflows", "release.yml"), "utf8");
    const steps = [...workflow.matchAll(/^ {6}- run: (.+)$/gm)].map((m) => m[1]!);
    const after = steps.slice(steps.indexOf("npm run build") + 1);
    expect(after).toEqual(["node scripts/release.js npmrc", "npm publish --ignore-scripts"]);
    const env = { ...process.env, GITHUB_REF_NAME: `v${version}`, NODE_AUTH_TOKEN: "throwaway-release-token", NPM_CONFIG_USERCONFIG: path.join(work, "release.npmrc"), npm_config_cache: path.join(work, "npm-cache") };
    for (const step of [steps.find((s) => s.startsWith("node scripts/release.js check"))!, ...after]) {
      const result = await run("bash", ["-c", step], { cwd: release, env });
      if (result.status !== 0) throw new Error(`${step} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
    expect(fs.readFileSync(path.join(work, "release.npmrc"), "utf8")).toBe(`//127.0.0.1:${new URL(url).port}/:_authToken=\${NODE_AUTH_TOKEN}\n`);
    expect(JSON.parse(await npm(["view", `${pkg.name}@${version}`, "version", "--json"], work))).toBe(version);
    // A tag that names another version is refused before anything is published.
    const refused = await run("node", ["scripts/release.js", "check", "v0.0.1"], { cwd: release, env });
    expect([refused.status, refused.stderr]).toEqual([1, expect.stringContaining(`tag v0.0.1 does not name package.json's version ${version}`)]);
  });
});

describe("the published package", () => {
  test("the packed tarball holds the build and docs only: no tests, snapshots, config, source maps or the repository's commands", async () => {
    const files = await packedFiles;
    // Both entry points, with their declarations.
    for (const file of ["dist/constructs/index.js", "dist/constructs/index.d.ts", "dist/lib/index.js", "dist/lib/index.d.ts", "dist/constructs/gcp/vpn-tunnel-pair.d.ts", "dist/lib/stacks/producer-stack.js"]) {
      expect(files).toContain(file);
    }
    expect(files.filter((f) => f.startsWith("dist/") && !/^dist\/(constructs|lib)\//.test(f))).toEqual([]);
    // Nor the repository's own commands (the app and the report CLI read the bundled example config and snapshots) and their code cache.
    expect(files.filter((f) => /(^|\/)test\/|__snapshots__|\.snap$|\.map$|^config\/|\.yaml$|^api\/|(^|\/)main\.|lib\/report\/|lib\/synthesize\.|lib\/code-cache\.|lib\/environment-record\.|lib\/pipeline-command\./.test(f))).toEqual([]);
    expect(files.filter((f) => !f.startsWith("dist/"))).toEqual(["CHANGELOG.md", "README.md", "package.json"].filter((f) => files.includes(f)));
  });

  function expectConsumerSynthesized({ dir, tsc, synth }: Consumer) {
    // Type-checked by tsc against the installed declarations (a TS2307 here is an entry point its resolution cannot find).
    expect({ status: tsc.status, output: tsc.stdout + tsc.stderr }).toEqual({ status: 0, output: "" });
    expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: "" });

    // The construct code that ran is the installed copy, not this checkout's sources.
    const installed = fs.realpathSync(path.join(dir, "node_modules", pkg.name));
    expect(installed.startsWith(dir)).toBe(true);
    expect(fs.existsSync(path.join(installed, "dist", "constructs", "gcp", "service-attachment.js"))).toBe(true);

    const out = path.join(dir, "cdktf.out");
    const stackJson = (name: string) => JSON.parse(fs.readFileSync(path.join(out, "stacks", name, "cdk.tf.json"), "utf8"));
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["aws", "consumer-blue", "producer", "published", "tunnels", "workloads-blue"]);
    expect(manifest.stacks.published.dependencies).toEqual(["producer"]);

    // The consumer's own stack, from the library's constructs.
    const published = stackJson("published");
    expect(Object.values(published.resource.google_compute_service_attachment)).toEqual([
      expect.objectContaining({ connection_preference: "ACCEPT_MANUAL", consumer_accept_lists: [{ project_id_or_num: "a-consumer", connection_limit: 2 }] }),
    ]);
    expect(Object.values(published.resource.google_compute_network_endpoints)).toEqual([
      expect.objectContaining({ network_endpoints: [{ ip_address: "192.168.7.7", port: 443 }] }),
    ]);
    expect(Object.values<any>(published.resource.google_compute_router)[0].bgp.advertise_mode).toBe("CUSTOM");

    // This system's stacks, from the consumer's config through the app entry point.
    const producer = stackJson("producer");
    expect(Object.values(producer.resource.google_compute_service_attachment)).toEqual([
      expect.objectContaining({ name: "acme-aws-api", consumer_accept_lists: [{ project_id_or_num: "acme-blue", connection_limit: 10 }] }),
    ]);
    expect(Object.values<any>(stackJson("aws").resource.aws_vpc).map((v) => v.cidr_block)).toEqual(["10.70.0.0/16"]);
  }

  test("a project with the `cdktf init` template's tsconfig (CommonJS, node10 resolution) type-checks both entry points and synthesizes through the cdktf CLI", async () => {
    const template = cdktfInitTsconfig();
    // What makes this the node10 case: module CommonJS and no moduleResolution (TypeScript then reads `types` and `typesVersions`, not `exports`).
    expect(String(template.compilerOptions.module).toLowerCase()).toBe("commonjs");
    expect(template.compilerOptions.moduleResolution).toBeUndefined();
    const consumer = await node10;
    expectConsumerSynthesized(consumer);
    expect(consumer.synth.stdout).toMatch(/Generated Terraform code for the stacks: /);
  });

  test("a project with node16 resolution type-checks both entry points and synthesizes; internal files are not importable", async () => {
    const consumer = await node16;
    expectConsumerSynthesized(consumer);
    // Node refuses the deep import too: the exports map lists the entry points only.
    const deep = spawnSync(process.execPath, ["-e", `try { require("${pkg.name}/dist/constructs/core/cidr"); } catch (e) { process.stdout.write(e.code); }`], { cwd: consumer.dir, encoding: "utf8" });
    expect(deep.stdout).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });
});
