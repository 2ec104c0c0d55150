import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

// The package as another team consumes it: built, packed, published to a
// real npm registry (verdaccio, on 127.0.0.1, throwaway storage, no uplinks),
// installed by a fresh cdktf app that composes the constructs itself and
// synthesizes. The registry is stopped whatever happens.

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

function npm(args: string[], cwd: string) {
  const result = spawnSync("npm", [...args, "--registry", url, "--userconfig", path.join(work, ".npmrc"), "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, npm_config_cache: path.join(work, "npm-cache") },
  });
  if (result.status !== 0) throw new Error(`npm ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
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

beforeAll(async () => {
  const build = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "psc-publish-"));
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
}, 60_000);

afterAll(() => {
  if (registry?.pid) {
    try {
      process.kill(-registry.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
});

test("the packed tarball holds the build and docs only: no tests, snapshots, config or source maps", () => {
  const [packed] = JSON.parse(spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" }).stdout);
  const files: string[] = packed.files.map((f: { path: string }) => f.path);
  expect(files).toContain("dist/constructs/index.js");
  expect(files).toContain("dist/constructs/index.d.ts");
  expect(files).toContain("dist/constructs/gcp/vpn-tunnel-pair.d.ts");
  // Nor the repository's own commands (the app and the report CLI read the bundled example config and snapshots).
  expect(files.filter((f) => /(^|\/)test\/|__snapshots__|\.snap$|\.map$|^config\/|\.yaml$|^main\.|report\/command/.test(f))).toEqual([]);
  expect(files.filter((f) => !f.startsWith("dist/"))).toEqual(["CHANGELOG.md", "README.md", "package.json"].filter((f) => files.includes(f)));
});

function emptyTfrc(): string {
  const file = path.join(work, "empty.tfrc");
  fs.writeFileSync(file, "");
  return file;
}

test("a fresh cdktf app installs the package from the registry, composes its constructs and synthesizes", () => {
  // Publish the runtime dependencies (as an internal registry's mirror would hold them), then the package.
  const tarballs = path.join(work, "tarballs");
  fs.mkdirSync(tarballs);
  for (const dep of RUNTIME_DEPENDENCIES) {
    npm(["pack", path.join(root, "node_modules", dep), "--pack-destination", tarballs], work);
  }
  npm(["pack", root, "--pack-destination", tarballs], work);
  for (const tarball of fs.readdirSync(tarballs)) {
    npm(["publish", path.join(tarballs, tarball), "--tag", "latest"], work);
  }

  const app = path.join(work, "app");
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "consumer-app", private: true, dependencies: { [pkg.name]: pkg.version } }));
  npm(["install", "--legacy-peer-deps"], app);
  // The app brings cdktf, constructs and the providers itself (they are peer dependencies).
  for (const peer of PEERS) {
    const target = path.join(app, "node_modules", peer);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(path.join(root, "node_modules", peer), target, "dir");
  }
  fs.writeFileSync(
    path.join(app, "main.js"),
    `
const { App, TerraformStack, LocalBackend } = require("cdktf");
const { GoogleProvider } = require("@cdktf/provider-google/lib/provider");
const { VpcNetwork, ProxyOnlySubnet, PscNatSubnet, HybridNegLoadBalancer, ServiceAttachment, CloudRouterBgp } = require("${pkg.name}");

class Published extends TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.tfstate" });
    new GoogleProvider(this, "google", { project: "their-project", region: "europe-west1" });
    const network = new VpcNetwork(this, "net", { name: "their-producer" });
    const frontend = network.addSubnet("fe", { name: "fe", region: "europe-west1", ipCidrRange: "10.50.0.0/24" });
    const proxyOnlySubnet = new ProxyOnlySubnet(this, "proxy", { network, name: "proxy", region: "europe-west1", ipCidrRange: "10.50.1.0/26" });
    const nat = new PscNatSubnet(this, "nat", { network, name: "nat", region: "europe-west1", ipCidrRange: "10.50.2.0/29" });
    const lb = new HybridNegLoadBalancer(this, "lb", { name: "onprem-api", region: "europe-west1", zone: "europe-west1-b", network, subnetwork: frontend, proxyOnlySubnet, endpoints: [{ ipAddress: "192.168.7.7", port: 443 }] });
    new ServiceAttachment(this, "sa", { name: "onprem-api", region: "europe-west1", targetService: lb.forwardingRule.id, natSubnets: [nat], consumers: [{ project: "a-consumer", connectionLimit: 2 }] });
    new CloudRouterBgp(this, "router", { name: "router", network, region: "europe-west1", asn: 64900, advertisedRanges: ["10.50.1.0/26"] });
  }
}
const app = new App({ outdir: "cdktf.out" });
new Published(app, "published");
app.synth();
`,
  );
  // A cdktf project of its own, synthesized by the cdktf CLI as its users would.
  fs.writeFileSync(
    path.join(app, "cdktf.json"),
    JSON.stringify({ language: "typescript", app: "node main.js", projectId: "consumer-app", sendCrashReports: "false", terraformProviders: [], terraformModules: [], context: {} }),
  );
  const synth = spawnSync(path.join(root, "node_modules", ".bin", "cdktf"), ["synth"], {
    cwd: app,
    encoding: "utf8",
    timeout: 120_000,
    // An empty Terraform CLI config: the machine's may point at a missing file, which the CLI would warn about.
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", TF_CLI_CONFIG_FILE: emptyTfrc() },
  });
  expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: "" });
  expect(synth.stdout).toMatch(/Generated Terraform code for the stacks: published/);

  // The construct code that ran is the installed copy, not this checkout's sources.
  const installed = fs.realpathSync(path.join(app, "node_modules", pkg.name));
  expect(installed.startsWith(app)).toBe(true);
  expect(fs.existsSync(path.join(installed, "dist", "constructs", "gcp", "service-attachment.js"))).toBe(true);

  const stack = JSON.parse(fs.readFileSync(path.join(app, "cdktf.out", "stacks", "published", "cdk.tf.json"), "utf8"));
  expect(Object.values(stack.resource.google_compute_service_attachment)).toEqual([
    expect.objectContaining({ connection_preference: "ACCEPT_MANUAL", consumer_accept_lists: [{ project_id_or_num: "a-consumer", connection_limit: 2 }] }),
  ]);
  expect(Object.values(stack.resource.google_compute_network_endpoints)).toEqual([
    expect.objectContaining({ network_endpoints: [{ ip_address: "192.168.7.7", port: 443 }] }),
  ]);
  expect(Object.values<any>(stack.resource.google_compute_router)[0].bgp.advertise_mode).toBe("CUSTOM");
});
