import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { ClusterApiService } from "../../../constructs/k8s/cluster-api-service";
import { Config } from "../../../lib/config/schema";
import { kindOfStack, STACK_KINDS, StackKind } from "../../../lib/pipeline";
import { allStrings, exampleConfig, exampleWith, existingVpcAndBackend, onlyResource, pipelineConfig, resourcesOf, synthApp, SynthesizedApp, SynthesizedStack } from "../../helpers";

// The values that must agree across resources and stacks, followed reference
// by reference through the synthesized JSON (not matched as names): a tunnel
// whose key comes from one AWS tunnel and whose address from another
// synthesizes, plans and never comes up.

/** What a reference leads to once any cross-stack output on the way is followed: one attribute of one resource (or data source). */
interface Target {
  readonly stack: string;
  /** The resource type, or `data.<type>` for a data source. */
  readonly type: string;
  readonly id: string;
  /** As Terraform writes it: `tunnel1_address`, `vpn_interfaces[0].ip_address`. */
  readonly attribute: string;
}

/** A read of another stack's output, as cdktf writes it in the reader. */
const REMOTE_READ = /\$\{data\.terraform_remote_state\.cross-stack-reference-input-([\w-]+)\.outputs\.([\w-]+)\}/g;

/**
 * Where the one `${...}` reference in `text` (read in `stack`) leads: a
 * remote-state read is followed to the origin stack's output and on through
 * its value. Fails when the text holds no single reference, or when what it
 * names (stack, output, resource) does not exist.
 */
function resolve(app: SynthesizedApp, stack: string, text: unknown): Target {
  const references = typeof text === "string" ? [...text.matchAll(/\$\{([^}]+)\}/g)] : [];
  if (references.length !== 1) throw new Error(`${stack}: expected one reference in ${JSON.stringify(text)}, found ${references.length}`);
  const expression = references[0][1];
  const remote = /^data\.terraform_remote_state\.cross-stack-reference-input-([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
  if (remote) {
    const [, origin, name] = remote;
    const output = app.byName[origin]?.json.output?.[name];
    if (output === undefined) throw new Error(`${stack} reads output ${name} of ${origin}, which ${origin in app.byName ? "has no such output" : "is no stack of the app"}`);
    return resolve(app, origin, output.value);
  }
  const local = /^((?:data\.)?[a-z0-9_]+)\.([\w-]+)\.(.+)$/.exec(expression);
  if (!local) throw new Error(`${stack}: ${expression} is not a reference to a resource attribute`);
  const [, type, id, attribute] = local;
  const json = app.byName[stack].json;
  const block = type.startsWith("data.") ? json.data?.[type.slice("data.".length)] : json.resource?.[type];
  if (block?.[id] === undefined) throw new Error(`${stack}: ${expression} names no ${type} of the stack`);
  return { stack, type, id, attribute };
}

/** Whether `text` is a reference leading to a resource of `type`. */
function leadsTo(app: SynthesizedApp, stack: string, text: unknown, type: string): boolean {
  return typeof text === "string" && text.includes("${") && resolve(app, stack, text).type === type;
}

/** The one entry of `entries` that `pick` selects; fails naming `what` otherwise. */
function onlyOf<T>(what: string, entries: T[], pick: (entry: T) => boolean): T {
  const found = entries.filter(pick);
  if (found.length !== 1) throw new Error(`expected exactly one ${what}, found ${found.length}`);
  return found[0];
}

/** The AWS tunnel a value comes from, `<connection id> tunnel<N>`, checking it is that tunnel's `value`. */
function awsTunnelOf(target: Target, value: string): string {
  const tunnel = /^(tunnel[12])_(\w+)$/.exec(target.attribute);
  expect({ stack: target.stack, type: target.type, value: tunnel?.[2] }).toEqual({ stack: "aws", type: "aws_vpn_connection", value });
  return `${target.id} ${tunnel![1]}`;
}

/**
 * For each GCP tunnel: the AWS tunnel its key, outside IP, router interface
 * address and BGP peer address come from (all must be the same one), and the
 * HA VPN interface check against the connection's customer gateway.
 */
function checkTunnels(app: SynthesizedApp): void {
  const tunnels = app.byName["tunnels"];
  const aws = app.byName["aws"];
  const at = (text: unknown) => resolve(app, "tunnels", text);
  const routerInterfaces = Object.entries(resourcesOf(tunnels, "google_compute_router_interface"));
  const peers = Object.entries(resourcesOf(tunnels, "google_compute_router_peer"));

  const sourcesOf = Object.entries(resourcesOf(tunnels, "google_compute_vpn_tunnel")).map(([tunnelId, tunnel]) => {
    const gateway = at(tunnel.peer_external_gateway);
    expect(gateway).toMatchObject({ stack: "tunnels", type: "google_compute_external_vpn_gateway", attribute: "id" });
    const outside = onlyOf(`interface ${tunnel.peer_external_gateway_interface} of ${gateway.id}`, resourcesOf(tunnels, gateway.type)[gateway.id].interface as any[], (i) => i.id === tunnel.peer_external_gateway_interface);
    const [interfaceId, routerInterface] = onlyOf(`router interface on ${tunnelId}`, routerInterfaces, ([, i]) => {
      const target = at(i.vpn_tunnel);
      return target.type === "google_compute_vpn_tunnel" && target.id === tunnelId;
    });
    const [, peer] = onlyOf(`BGP peer on ${interfaceId}`, peers, ([, p]) => {
      const target = at(p.interface);
      return target.type === "google_compute_router_interface" && target.id === interfaceId;
    });
    // The tunnel, its interface and its session on one Cloud Router.
    expect([at(routerInterface.router), at(peer.router)]).toEqual([at(tunnel.router), at(tunnel.router)]);
    // AWS gives each tunnel a /30 inside CIDR: the interface takes the customer-gateway half with its prefix.
    expect(routerInterface.ip_range).toMatch(/^\$\{[^}]+\}\/30$/);
    const sources: Record<string, string> = {
      secret: awsTunnelOf(at(tunnel.shared_secret), "preshared_key"),
      outsideIp: awsTunnelOf(at(outside.ip_address), "address"),
      interfaceAddress: awsTunnelOf(at(routerInterface.ip_range), "cgw_inside_address"),
      peerAddress: awsTunnelOf(at(peer.peer_ip_address), "vgw_inside_address"),
      ...(peer.ip_address === undefined ? {} : { peerOwnAddress: awsTunnelOf(at(peer.ip_address), "cgw_inside_address") }),
    };
    const same = Object.fromEntries(Object.keys(sources).map((k) => [k, sources.secret]));
    expect({ tunnel: tunnelId, sources }).toEqual({ tunnel: tunnelId, sources: same });

    // The AWS connection's customer gateway is the HA VPN interface this tunnel leaves from.
    const connection = resourcesOf(aws, "aws_vpn_connection")[at(tunnel.shared_secret).id];
    const customerGateway = resolve(app, "aws", connection.customer_gateway_id);
    expect(customerGateway).toMatchObject({ stack: "aws", type: "aws_customer_gateway", attribute: "id" });
    const haVpn = at(tunnel.vpn_gateway);
    expect(haVpn).toMatchObject({ stack: "producer", type: "google_compute_ha_vpn_gateway", attribute: "id" });
    expect({ tunnel: tunnelId, customerGatewayIp: resolve(app, "aws", resourcesOf(aws, "aws_customer_gateway")[customerGateway.id].ip_address) }).toEqual({
      tunnel: tunnelId,
      customerGatewayIp: { ...haVpn, attribute: `vpn_interfaces[${tunnel.vpn_gateway_interface}].ip_address` },
    });
    return sources.secret;
  });

  // Four GCP tunnels, one on each of the four AWS tunnels.
  const awsTunnels = Object.keys(resourcesOf(aws, "aws_vpn_connection")).flatMap((id) => [`${id} tunnel1`, `${id} tunnel2`]);
  expect(sourcesOf).toHaveLength(4);
  expect([...sourcesOf].sort()).toEqual(awsTunnels.sort());
}

/**
 * The in-cluster API name in one stack: the EndpointSlice, the selector-less
 * Service its label names (same ports), and the egress policy admitting the
 * slice's address on its port. Returns the slice's address and port.
 */
function checkApiName(stack: SynthesizedStack): { address: string; port: string } {
  const slice = onlyResource(stack, "kubernetes_endpoint_slice_v1");
  const serviceName = slice.metadata.labels["kubernetes.io/service-name"];
  const service = onlyOf(`Service ${serviceName}`, Object.values(resourcesOf(stack, "kubernetes_service_v1")), (s) => s.metadata.name === serviceName && s.metadata.namespace === slice.metadata.namespace);
  expect(service.spec).toMatchObject({ type: "ClusterIP" });
  expect(service.spec.selector).toBeUndefined();
  // kube-proxy forwards the Service port to the slice port of the same name: the target port.
  const ports = (list: any[], key: string) => list.map((p) => ({ name: p.name, port: String(p[key]), protocol: p.protocol }));
  expect(slice.port).toHaveLength(1);
  expect(ports(slice.port, "port")).toEqual(ports(service.spec.port, "target_port"));
  const addresses = (slice.endpoint as any[]).flatMap((e) => e.addresses);
  expect(addresses).toHaveLength(1);
  const [address] = addresses;
  const port = String(slice.port[0].port);
  // Policies match Service traffic after translation: the slice's address and port.
  const admitted = Object.values(resourcesOf(stack, "kubernetes_network_policy_v1"))
    .filter((p) => p.metadata.namespace === slice.metadata.namespace)
    .flatMap((p) => p.spec.egress as any[])
    .filter((rule) => rule.to.some((to: any) => to.ip_block?.cidr === `${address}/32`));
  expect(admitted.map((rule) => rule.ports)).toEqual([[{ port, protocol: slice.port[0].protocol }]]);
  return { address, port };
}

/** Each tenant's API name forwards to its PSC endpoint (or, routed, to the backend the hybrid NEG reaches), on the port behind it. */
function checkWorkloads(app: SynthesizedApp, config: Config): void {
  const producer = app.byName["producer"];
  const workloads = Object.keys(app.byName).filter((name) => kindOfStack(name) === "workloads");
  expect(workloads.sort()).toEqual(config.tenants.map((t) => `workloads-${t.name}`).sort());
  for (const tenant of config.tenants) {
    const reader = `workloads-${tenant.name}`;
    const { address, port } = checkApiName(app.byName[reader]);
    if (tenant.kind === "routed") {
      // Straight to AWS over the VPN: the address and port the producer's load balancer sends to.
      const backends = Object.values(resourcesOf(producer, "google_compute_network_endpoints")).flatMap((e) => e.network_endpoints);
      expect({ reader, backends }).toEqual({ reader, backends: expect.arrayContaining([{ ip_address: address, port: Number(port) }]) });
      continue;
    }
    const consumerName = `consumer-${tenant.name}`;
    const endpointAddress = resolve(app, reader, address);
    expect(endpointAddress).toMatchObject({ stack: consumerName, type: "google_compute_address", attribute: "address" });
    const consumer = app.byName[consumerName];
    const pscEndpoint = onlyOf(`PSC endpoint in ${consumerName}`, Object.values(resourcesOf(consumer, "google_compute_forwarding_rule")), (fr) =>
      leadsTo(app, consumerName, fr.target, "google_compute_service_attachment"),
    );
    expect(resolve(app, consumerName, pscEndpoint.ip_address)).toEqual({ ...endpointAddress, attribute: "id" });
    // The endpoint forwards to the load balancer the attachment publishes, on that balancer's port.
    const attachment = resolve(app, consumerName, pscEndpoint.target);
    const balancer = resolve(app, attachment.stack, resourcesOf(app.byName[attachment.stack], attachment.type)[attachment.id].target_service);
    expect(balancer).toMatchObject({ stack: "producer", type: "google_compute_forwarding_rule" });
    expect({ reader, port }).toEqual({ reader, port: resourcesOf(producer, balancer.type)[balancer.id].port_range });
  }
}

/** The deploy wave of each stack kind: the depth of its deploy step's job in the deploy workflow's `needs` chain (synth is 0). */
function deployWaves(): Map<StackKind, number> {
  const file = path.join(__dirname, "..", "..", "..", ".github", "workflows", "deploy-environment.yml");
  const jobs: Record<string, { needs?: string | string[]; steps?: Array<{ run?: string }> }> = parse(fs.readFileSync(file, "utf8")).jobs;
  const depth = (job: string): number => Math.max(0, ...([] as string[]).concat(jobs[job].needs ?? []).map((n) => depth(n) + 1));
  const waves = new Map<StackKind, number>();
  for (const [job, { steps }] of Object.entries(jobs)) {
    for (const { run } of steps ?? []) {
      const deploy = /\bcdktf deploy\b.* '?([\w*-]+)'?$/.exec(run?.trim() ?? "");
      if (!deploy) continue;
      const kind = (Object.keys(STACK_KINDS) as StackKind[]).find((k) => STACK_KINDS[k].pattern === deploy[1]);
      if (kind === undefined) throw new Error(`${file}: job ${job} deploys ${deploy[1]}, which is the pattern of no kind in STACK_KINDS`);
      waves.set(kind, depth(job));
    }
  }
  return waves;
}

/**
 * Every cross-stack read of every stack: from a stack that exists, of an
 * output it has, written in an earlier wave, at the state location the origin
 * writes to; and the manifest's dependencies are exactly the origins read.
 * Stacks of no kind (bootstrap) are deployed by hand before the first wave.
 */
function checkCrossStackReads(app: SynthesizedApp, waves: Map<StackKind, number>): void {
  const waveOf = (stack: string): number => {
    const kind = kindOfStack(stack);
    if (kind === undefined) return 0;
    const wave = waves.get(kind);
    if (wave === undefined) throw new Error(`stack ${stack} is of kind ${kind}, which no wave of the deploy workflow deploys`);
    return wave;
  };
  for (const [reader, stack] of Object.entries(app.byName)) {
    const reads = allStrings(stack.json).flatMap((s) => [...s.matchAll(REMOTE_READ)].map(([, origin, output]) => ({ origin, output })));
    for (const { origin, output } of reads) {
      expect({ reader, origin, isStack: origin in app.byName }).toEqual({ reader, origin, isStack: true });
      expect({ reader, origin, output, exists: output in (app.byName[origin].json.output ?? {}) }).toEqual({ reader, origin, output, exists: true });
      expect({ reader, origin, deployedBefore: waveOf(origin) < waveOf(reader) }).toEqual({ reader, origin, deployedBefore: true });
    }
    const origins = [...new Set(reads.map((r) => r.origin))].sort();
    const remoteStates = stack.json.data?.["terraform_remote_state"] ?? {};
    const declared = Object.keys(remoteStates).map((id) => id.replace(/^cross-stack-reference-input-/, ""));
    expect({ reader, declared: declared.sort(), dependencies: [...app.manifest.stacks[reader].dependencies].sort() }).toEqual({ reader, declared: origins, dependencies: origins });
    for (const origin of origins) {
      // The reader opens the state where the origin writes it (the lock setting only matters to the writer).
      const [[type, { use_lockfile: _lock, ...where }]] = Object.entries((app.byName[origin].json.terraform as any).backend as Record<string, Record<string, unknown>>);
      expect({ reader, origin, state: remoteStates[`cross-stack-reference-input-${origin}`] }).toMatchObject({ reader, origin, state: { backend: type, config: where } });
      expect({ reader, origin, keys: Object.keys(remoteStates[`cross-stack-reference-input-${origin}`].config as object).sort() }).toEqual({ reader, origin, keys: Object.keys(where).sort() });
    }
  }
}

/** The transit gateway: isolated (no shared or default-table attachments), terminating both connections, attached to the VPC and routed to from its tables. */
function checkTransitGateway(app: SynthesizedApp, config: Config): void {
  const aws = app.byName["aws"];
  const at = (text: unknown) => resolve(app, "aws", text);
  const [[tgwId, tgw]] = Object.entries(resourcesOf(aws, "aws_ec2_transit_gateway"));
  expect(Object.keys(resourcesOf(aws, "aws_ec2_transit_gateway"))).toEqual([tgwId]);
  const isTgw = { stack: "aws", type: "aws_ec2_transit_gateway", id: tgwId, attribute: "id" };
  // Nothing joins it unasked, and attachments land only in its own table: no other VPC or VPN reaches these routes.
  expect(tgw).toMatchObject({ auto_accept_shared_attachments: "disable", default_route_table_association: "disable", default_route_table_propagation: "disable", vpn_ecmp_support: "enable" });
  expect(resourcesOf(aws, "aws_vpn_gateway")).toEqual({});

  const connections = Object.entries(resourcesOf(aws, "aws_vpn_connection"));
  expect(connections).toHaveLength(2);
  for (const [id, connection] of connections) {
    expect({ id, tgw: at(connection.transit_gateway_id), vgw: connection.vpn_gateway_id }).toEqual({ id, tgw: isTgw, vgw: undefined });
  }

  const existing = config.aws.existingVpc!;
  const [[attachmentId, attachment]] = Object.entries(resourcesOf(aws, "aws_ec2_transit_gateway_vpc_attachment"));
  expect(Object.keys(resourcesOf(aws, "aws_ec2_transit_gateway_vpc_attachment"))).toEqual([attachmentId]);
  expect(at(attachment.transit_gateway_id)).toEqual(isTgw);
  expect(attachment).toMatchObject({
    vpc_id: existing.vpcId,
    subnet_ids: existing.attachmentSubnetIds,
    transit_gateway_default_route_table_association: false,
    transit_gateway_default_route_table_propagation: false,
  });

  // One route table of the transit gateway, each attachment (the VPC's, each connection's) associated and propagated once.
  const [[tableId, table]] = Object.entries(resourcesOf(aws, "aws_ec2_transit_gateway_route_table"));
  expect(Object.keys(resourcesOf(aws, "aws_ec2_transit_gateway_route_table"))).toEqual([tableId]);
  expect(at(table.transit_gateway_id)).toEqual(isTgw);
  const attachments = [
    { stack: "aws", type: "aws_ec2_transit_gateway_vpc_attachment", id: attachmentId, attribute: "id" },
    ...connections.map(([id]) => ({ stack: "aws", type: "aws_vpn_connection", id, attribute: "transit_gateway_attachment_id" })),
  ];
  for (const type of ["aws_ec2_transit_gateway_route_table_association", "aws_ec2_transit_gateway_route_table_propagation"]) {
    const links = Object.values(resourcesOf(aws, type));
    expect({ type, tables: links.map((l) => at(l.transit_gateway_route_table_id).id) }).toEqual({ type, tables: links.map(() => tableId) });
    expect({ type, attachments: links.map((l) => at(l.transit_gateway_attachment_id)) }).toEqual({ type, attachments: expect.arrayContaining(attachments) });
    expect(links).toHaveLength(attachments.length);
  }

  // The VPC's route tables send the Google ranges to the transit gateway, once it is attached.
  const routes = Object.values(resourcesOf(aws, "aws_route"));
  expect(routes.length).toBeGreaterThan(0);
  expect([...new Set(routes.map((r) => r.route_table_id))].sort()).toEqual([...existing.routeTableIds].sort());
  for (const route of routes) {
    expect(at(route.transit_gateway_id)).toEqual(isTgw);
    expect(route.depends_on).toContain(`aws_ec2_transit_gateway_vpc_attachment.${attachmentId}`);
  }
}

/** The virtual private gateway: both connections end on it, and it is attached to the VPC the backend is in. */
function checkVirtualPrivateGateway(app: SynthesizedApp, config: Config): void {
  const aws = app.byName["aws"];
  const [[vgwId, vgw]] = Object.entries(resourcesOf(aws, "aws_vpn_gateway"));
  expect(Object.keys(resourcesOf(aws, "aws_vpn_gateway"))).toEqual([vgwId]);
  expect(resourcesOf(aws, "aws_ec2_transit_gateway")).toEqual({});
  for (const [id, connection] of Object.entries(resourcesOf(aws, "aws_vpn_connection"))) {
    expect({ id, vgw: resolve(app, "aws", connection.vpn_gateway_id) }).toEqual({ id, vgw: { stack: "aws", type: "aws_vpn_gateway", id: vgwId, attribute: "id" } });
  }
  if (config.aws.existingVpc) expect(vgw.vpc_id).toBe(config.aws.existingVpc.vpcId);
  else expect(resolve(app, "aws", vgw.vpc_id)).toEqual({ stack: "aws", type: "aws_vpc", id: onlyOf("VPC", Object.keys(resourcesOf(aws, "aws_vpc")), () => true), attribute: "id" });
}

const tgwConfig = exampleWith(existingVpcAndBackend("tgw"));
const vgwConfig = exampleWith(existingVpcAndBackend("vgw"));
const withPipeline = pipelineConfig();
const variants: Array<[string, Config, SynthesizedApp]> = [
  ["the example", exampleConfig(), synthApp()],
  ["an existing VPC, transit gateway", tgwConfig, synthApp(tgwConfig)],
  ["an existing VPC, virtual private gateway", vgwConfig, synthApp(vgwConfig)],
];

describe.each(variants)("wiring of %s", (_name, config, app) => {
  test("each GCP tunnel takes its key, outside IP and both inside addresses from one AWS tunnel, a different one each, and leaves from the HA VPN interface that AWS tunnel's customer gateway names", () => {
    checkTunnels(app);
  });

  test("each workloads stack's API name forwards, on the Service's target port, to its tenant's PSC endpoint address (routed: the backend)", () => {
    checkWorkloads(app, config);
  });

  test("the AWS VPN terminates as the config says, on a gateway attached to the VPC", () => {
    if (config.aws.termination === "tgw") checkTransitGateway(app, config);
    else checkVirtualPrivateGateway(app, config);
  });
});

describe.each([...variants, ["the example with a deploy pipeline", withPipeline, synthApp(withPipeline)] as [string, Config, SynthesizedApp]])("cross-stack reads of %s", (_name, _config, app) => {
  test("every stack reads only existing outputs of stacks deployed in earlier waves, and depends on exactly those stacks", () => {
    // GIVEN the deploy workflow's waves
    const waves = deployWaves();
    // THEN every kind of stack has one, and every read goes back in time
    expect(Object.keys(STACK_KINDS).filter((k) => !waves.has(k as StackKind))).toEqual([]);
    checkCrossStackReads(app, waves);
  });
});

describe("the in-cluster API name construct alone", () => {
  test("the slice names its Service and carries its target port, for a name and port other than the defaults", () => {
    // GIVEN a ClusterApiService with its own name and port
    const text = Testing.synthScope((scope) => new ClusterApiService(scope, "api", { namespace: "team", serviceName: "orders-api", targetIp: "10.0.20.5", port: 8443 }));
    // THEN slice, Service and egress policy agree on them
    expect(checkApiName({ text, json: JSON.parse(text) })).toEqual({ address: "10.0.20.5", port: "8443" });
  });
});
