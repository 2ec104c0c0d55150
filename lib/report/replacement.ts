import { isIpv4 } from "../../constructs/core/cidr";

/**
 * Attributes whose change makes Terraform replace a live resource
 * (ForceNew in the provider schemas), for the resources this project makes.
 * Nested attributes are dotted paths into the synthesized JSON.
 */
export const REPLACING_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  google_compute_network: ["name", "auto_create_subnetworks"],
  google_compute_subnetwork: ["name", "network", "region", "purpose"],
  google_compute_ha_vpn_gateway: ["name", "network", "region", "stack_type"],
  google_compute_external_vpn_gateway: ["name", "interface", "redundancy_type"],
  google_compute_vpn_tunnel: ["name", "shared_secret", "vpn_gateway", "vpn_gateway_interface", "peer_external_gateway", "peer_external_gateway_interface", "ike_version", "router"],
  google_compute_router: ["name", "network", "region"],
  google_compute_router_interface: ["name", "router", "ip_range", "vpn_tunnel"],
  google_compute_router_peer: ["name", "router", "interface"],
  google_compute_service_attachment: ["name", "region", "target_service"],
  // allow_global_access: the provider (6.50) plans an update, but for the INTERNAL_MANAGED rules made here the API
  // refuses it: the field "cannot be changed after the forwarding rule is created" (Compute API, forwardingRules).
  google_compute_forwarding_rule: ["name", "region", "ip_address", "load_balancing_scheme", "network", "subnetwork", "port_range", "ip_protocol", "allow_global_access"],
  google_compute_address: ["name", "region", "address", "address_type", "subnetwork"],
  google_compute_network_endpoint_group: ["name", "zone", "network", "network_endpoint_type", "default_port"],
  google_container_cluster: [
    "name",
    "location",
    "network",
    "subnetwork",
    "enable_autopilot",
    "ip_allocation_policy",
    "private_cluster_config.enable_private_nodes",
    "private_cluster_config.master_ipv4_cidr_block",
  ],
  google_dns_managed_zone: ["name", "dns_name", "visibility"],
  aws_vpc: ["cidr_block"],
  aws_subnet: ["vpc_id", "cidr_block", "availability_zone"],
  aws_customer_gateway: ["ip_address", "bgp_asn", "bgp_asn_extended", "type"],
  aws_vpn_gateway: ["amazon_side_asn"],
  // Not customer_gateway_id, transit_gateway_id or vpn_gateway_id: the provider moves a connection between gateways in place (ModifyVpnConnection).
  aws_vpn_connection: ["type", "tunnel1_inside_cidr", "tunnel2_inside_cidr"],
  aws_vpn_gateway_route_propagation: ["vpn_gateway_id", "route_table_id"],
  aws_instance: ["subnet_id", "private_ip", "launch_template"],
  aws_ec2_transit_gateway_vpc_attachment: ["transit_gateway_id", "vpc_id"],
};

/**
 * Computed attributes that are a function of configured ones: when those are
 * set, a replaced resource gets the same value back. AWS derives a tunnel's
 * inside addresses from its configured inside CIDR (the first two hosts of
 * the /30: AWS's end, then the customer gateway's; "Tunnel options for your
 * Site-to-Site VPN connection"), so a connection replaced for another reason
 * (its `type`) keeps them and the router interfaces reading them stay.
 */
const DERIVED_FROM: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  aws_vpn_connection: {
    tunnel1_cgw_inside_address: "tunnel1_inside_cidr",
    tunnel1_vgw_inside_address: "tunnel1_inside_cidr",
    tunnel2_cgw_inside_address: "tunnel2_inside_cidr",
    tunnel2_vgw_inside_address: "tunnel2_inside_cidr",
  },
};

/**
 * Replacing attributes whose diff the provider suppresses unless the new
 * value is an IP address: google 6.50's forwarding rule `ip_address`
 * (InternalIpDiffSuppress: state holds the IP, so a new value that is an
 * address's id or self link, or unknown in the plan, shows no diff). A
 * replaced address they read by reference does not replace them (provider
 * issue #16870: the address is replaced, the rule is not, and the apply fails
 * on the address in use); a new IP the plan knows does, and so does
 * `lifecycle.replace_triggered_by`.
 */
const SUPPRESSED_UNLESS_IP: Readonly<Record<string, readonly string[]>> = {
  google_compute_forwarding_rule: ["ip_address"],
};

/** Computed attributes that hold an IP address: read across stacks, a replaced resource's new IP is known at plan. */
const IP_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  google_compute_address: ["address"],
};

/** One change a reviewer must see before it reaches a live environment. */
export interface ReplacementRisk {
  readonly stack: string;
  /**
   * `replaced`: a replacing attribute changed; `knock-on`: replaced because it
   * reads a value that changes with another replacement (or its
   * replace_triggered_by fires); `destroyed`: gone from a stack that stays;
   * `stack gone`: the whole stack left the app (one row, `resources` counted).
   */
  readonly kind: "replaced" | "knock-on" | "destroyed" | "stack gone";
  /** Terraform address `type.logical_id`; omitted for a gone stack. */
  readonly address?: string;
  /** What happens, and why. */
  readonly change: string;
  readonly before?: string;
  readonly after?: string;
  /** For a gone stack: the resources it held, which stay deployed. */
  readonly resources?: number;
}

type Resource = Record<string, unknown>;
type Stacks = Record<string, { resource?: Record<string, Record<string, Resource>>; output?: Record<string, { value?: unknown }>; moved?: Array<{ from: string; to: string }> }>;

/** Where a changing value comes from: the resource, and which of its attributes. */
interface Cause {
  readonly stack: string;
  readonly address: string;
  readonly attribute: string;
  /** The value changes because the resource is replaced (else: a configured value that changes). */
  readonly replaced: boolean;
  /** The new value is an IP address the plan knows (a configured one, or another stack's, read through its output). */
  readonly ip: boolean;
}

const REMOTE_OUTPUT = /data\.terraform_remote_state\.cross-stack-reference-input-([\w-]+)\.outputs\.([\w-]+)/g;
/** A resource reference's text: type, logical id, then the attribute path if any (`a.b`, `a[0].b`). */
const REFERENCE = String.raw`([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)(?:\.([\w-]+(?:\.[\w-]+|\[\d+\])*))?`;
const RESOURCE_REFERENCE = new RegExp(String.raw`\b${REFERENCE}`, "g");
/** A replace_triggered_by entry: one reference, bare or in `${}`. */
const TRIGGER = new RegExp(String.raw`^(?:\$\{)?${REFERENCE}\}?$`);
/** Where a template's interpolation (`${`) or directive (`%{`) opens; `$${` and `%%{` are literal text. */
const TEMPLATE_OPENING = /(?<!\$)\$\{|(?<!%)%\{/g;
/** Keys of a resource's JSON that are not provider attributes. */
const META = new Set(["//", "lifecycle", "depends_on", "provider", "count", "for_each", "provisioner", "connection"]);

/**
 * Compares synthesized stacks with a baseline. Listed: every changed
 * replacing attribute; every resource replaced as a knock-on of those
 * (transitively, across stacks); every resource that disappears from a stack
 * that stays (destroyed, possibly as a renamed construct id that is recreated
 * under its new one); and every stack that is gone, once.
 *
 * The knock-on rule. A resource is replaced too when
 * - one of its replacing attributes reads a value that changes: a computed
 *   attribute (not set in the resource's config: ids, self links, generated
 *   addresses and keys) of a replaced resource, a configured attribute whose
 *   value changes, or a whole resource (`${type.id}`) that is replaced or
 *   updated. A configured value that stays the same (a `name` that is not
 *   edited) changes nothing, even when its resource is replaced. In the same
 *   stack Terraform plans a replaced resource's computed values as unknown,
 *   which forces the replacement (except where the provider suppresses the
 *   diff, SUPPRESSED_UNLESS_IP); in another stack (cdktf's
 *   `cross-stack-output-*` read through `terraform_remote_state`) the
 *   origin's apply writes the new value first, and the consumer's plan
 *   replaces the resource reading it, unless the value is derived from
 *   configured ones that stay (DERIVED_FROM) and so comes back the same.
 *   A computed value is assumed to change on replacement even where the cloud
 *   happens to rebuild the same string (a GCP id made of an unchanged name):
 *   the object behind it is new.
 * - its `lifecycle.replace_triggered_by` names a resource that is replaced or
 *   whose configuration changes, or an attribute whose value changes
 *   (Terraform's rule for that meta-argument).
 * Attributes that are updated in place are not followed: they replace nothing.
 */
export function replacementRisks(baseline: Stacks, current: Stacks): ReplacementRisk[] {
  const direct: ReplacementRisk[] = [];
  const gone: ReplacementRisk[] = [];
  const replaced = new Set<string>();
  const key = (stack: string, address: string) => `${stack} ${address}`;
  for (const [stack, before] of Object.entries(baseline)) {
    const after = current[stack];
    if (!after) {
      const resources = Object.values(before.resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);
      gone.push({ stack, kind: "stack gone", resources, change: `stack is gone from the app: ${resources} resources stay deployed, unmanaged, unless it is destroyed while the config still has it (the README's Removing a tenant)` });
      continue;
    }
    for (const [type, byId] of Object.entries(before.resource ?? {})) {
      for (const [id, old] of Object.entries(byId)) {
        const address = `${type}.${id}`;
        // A `moved` block (cdktf's moveFromId) carries the resource to its new address: Terraform moves it in state, destroying nothing.
        const movedTo = after.moved?.find((m) => m.from === address)?.to;
        const now = resourceAt(current, stack, type, movedTo === undefined ? id : movedTo.slice(type.length + 1));
        if (now === undefined) {
          direct.push({ stack, kind: "destroyed", address, change: "destroyed (removed, or its construct id changed)" });
          continue;
        }
        for (const attribute of REPLACING_ATTRIBUTES[type] ?? []) {
          const was = show(at(old, attribute));
          const is = show(at(now, attribute));
          if (was === is) continue;
          direct.push({ stack, kind: "replaced", address, change: `${attribute} changed: replaces the resource${refused(now)}`, before: was, after: is });
          replaced.add(key(stack, address));
        }
      }
    }
  }

  const graph = new ValueGraph(baseline, current, (stack, address) => replaced.has(key(stack, address)));
  const knockOn: ReplacementRisk[] = [];
  for (let found = true; found; ) {
    found = false;
    for (const [stack, type, id, now] of graph.kept()) {
      const address = `${type}.${id}`;
      if (replaced.has(key(stack, address))) continue;
      const change = graph.knockOn(stack, type, now);
      if (change === undefined) continue;
      knockOn.push({ stack, kind: "knock-on", address, change: `${change}${refused(now)}` });
      replaced.add(key(stack, address));
      found = true;
    }
  }
  return [...direct, ...knockOn, ...gone];
}

/** Which values change, given which resources are replaced (a live view: the set grows while knock-ons are found). */
class ValueGraph {
  constructor(
    private readonly baseline: Stacks,
    private readonly current: Stacks,
    private readonly isReplaced: (stack: string, address: string) => boolean,
  ) {}

  /** Every resource in both the baseline and the current synth, as [stack, type, id, current JSON]. */
  *kept(): Generator<[string, string, string, Resource]> {
    for (const [stack, json] of Object.entries(this.current)) {
      for (const [type, byId] of Object.entries(json.resource ?? {})) {
        for (const [id, now] of Object.entries(byId)) if (resourceAt(this.baseline, stack, type, id) !== undefined) yield [stack, type, id, now];
      }
    }
  }

  /** Why a kept resource is replaced as a knock-on, or undefined. */
  knockOn(stack: string, type: string, now: Resource): string | undefined {
    for (const attribute of REPLACING_ATTRIBUTES[type] ?? []) {
      const cause = this.reads(stack, at(now, attribute));
      if (cause === undefined || (!cause.ip && SUPPRESSED_UNLESS_IP[type]?.includes(attribute))) continue;
      return `${because(stack, cause)}: \`${attribute}\` reads ${what(cause)}${cause.stack === stack ? "" : " (cross-stack output)"}`;
    }
    const triggers = (now.lifecycle as { replace_triggered_by?: unknown } | undefined)?.replace_triggered_by;
    for (const trigger of Array.isArray(triggers) ? triggers : []) {
      const cause = typeof trigger === "string" ? this.triggers(stack, trigger) : undefined;
      if (cause !== undefined) return `${because(stack, cause)}: \`replace_triggered_by\` names ${what(cause)}`;
    }
    return undefined;
  }

  /**
   * The first changing value that `value` (any JSON) reads in `stack`.
   * `known`: read through another stack's output, which the origin's apply
   * makes known before this stack's plan.
   */
  reads(stack: string, value: unknown, seen = new Set<string>(), known = false): Cause | undefined {
    for (const expression of expressions(value)) {
      for (const [, origin, output] of expression.matchAll(REMOTE_OUTPUT)) {
        const through = `${origin} ${output}`;
        if (seen.has(through)) continue;
        seen.add(through);
        const cause = this.reads(origin, this.current[origin]?.output?.[output]?.value, seen, true);
        if (cause !== undefined) return cause;
      }
      // A remote output's own text (`data.terraform_remote_state...`) names no resource: it reads nothing here.
      for (const [, type, id, path] of expression.matchAll(RESOURCE_REFERENCE)) {
        const cause = this.changes(stack, type, id, path ?? "", seen, known);
        if (cause !== undefined) return cause;
      }
    }
    return undefined;
  }

  /** Whether a replace_triggered_by entry (`type.id` or `type.id.attribute`, with or without `${}`) fires. */
  private triggers(stack: string, trigger: string): Cause | undefined {
    const match = TRIGGER.exec(trigger);
    return match ? this.changes(stack, match[1], match[2], match[3] ?? "", new Set(), false) : undefined;
  }

  /** Whether attribute `path` (`a.b`, `a[0].b`; "": the whole resource) of resource `type.id` in `stack` changes. */
  private changes(stack: string, type: string, id: string, path: string, seen: Set<string>, known: boolean): Cause | undefined {
    const before = resourceAt(this.baseline, stack, type, id);
    const now = resourceAt(this.current, stack, type, id);
    // A reference to a new or a removed resource is itself a changed text, found directly.
    if (before === undefined || now === undefined) return undefined;
    const address = `${type}.${id}`;
    // Terraform refuses cycles; this only guards against malformed input.
    if (seen.has(`${stack} ${address}.${path}`)) return undefined;
    seen.add(`${stack} ${address}.${path}`);
    const replaced = this.isReplaced(stack, address);
    if (path === "") {
      // The whole resource changes when it is replaced, and on any planned change, an in-place update included.
      const changed = replaced || show(withoutMeta(before)) !== show(withoutMeta(now)) || this.reads(stack, withoutMeta(now), seen, known) !== undefined;
      return changed ? { stack, address, attribute: "", replaced, ip: false } : undefined;
    }
    const top = path.split(/[.[]/)[0];
    if (top in now && !META.has(top)) {
      const dotted = path.replace(/\[(\d+)\]/g, ".$1");
      const value = at(now, dotted);
      const changed = show(at(before, dotted)) !== show(value) || this.reads(stack, value, seen, known) !== undefined;
      return changed ? { stack, address, attribute: path, replaced: false, ip: typeof value === "string" && isIpv4(value) } : undefined;
    }
    if (!replaced) return undefined;
    // In this stack's plan a replaced resource's computed values are unknown. Read across stacks they are known, and
    // one derived from configured values that stay (DERIVED_FROM) is the same as before.
    const source = DERIVED_FROM[type]?.[top];
    if (known && source !== undefined && source in now && show(at(before, source)) === show(at(now, source))) return undefined;
    return { stack, address, attribute: path, replaced: true, ip: known && (IP_ATTRIBUTES[type]?.includes(top) ?? false) };
  }
}

function because(stack: string, cause: Cause): string {
  const where = cause.stack === stack ? "" : ` (${cause.stack})`;
  if (cause.replaced) return `replaced because \`${cause.address}\`${where} is replaced`;
  return cause.attribute === "" ? `replaced because \`${cause.address}\`${where} changes` : `replaced because \`${cause.attribute}\` of \`${cause.address}\`${where} changes`;
}

/** Terraform refuses a plan that destroys a resource with `prevent_destroy`, a replacement included. */
function refused(resource: Resource): string {
  return (resource.lifecycle as { prevent_destroy?: unknown } | undefined)?.prevent_destroy === true ? " (it has `prevent_destroy`: Terraform refuses the plan until that is lifted)" : "";
}

/** The value read, as the reason's second half names it. */
function what(cause: Cause): string {
  return cause.replaced && cause.attribute !== "" ? `its \`${cause.attribute}\`` : "it";
}

function withoutMeta(resource: Resource): Resource {
  return Object.fromEntries(Object.entries(resource).filter(([k]) => !META.has(k)));
}

/** The resource `type.id` of `stack`, if the stack has it. */
function resourceAt(stacks: Stacks, stack: string, type: string, id: string): Resource | undefined {
  return stacks[stack]?.resource?.[type]?.[id];
}

/** The template expressions of every string in `value` (any JSON). */
function expressions(value: unknown): string[] {
  if (typeof value === "string") return templateExpressions(value);
  if (Array.isArray(value)) return value.flatMap(expressions);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(expressions);
  return [];
}

/**
 * What a string's `${...}` and `%{...}` hold (Terraform JSON strings are
 * templates), each to its matching brace. A brace inside a quoted string can
 * leave one unmatched: then the rest of the text counts, so that no reference
 * is missed.
 */
function templateExpressions(text: string): string[] {
  const found: string[] = [];
  let end = 0;
  for (const { index } of text.matchAll(TEMPLATE_OPENING)) {
    if (index < end) continue;
    let depth = 1;
    for (end = index + 2; end < text.length && depth > 0; end++) depth += text[end] === "{" ? 1 : text[end] === "}" ? -1 : 0;
    found.push(text.slice(index + 2, depth === 0 ? end - 1 : end));
  }
  return found;
}

function at(value: unknown, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), value);
}

function show(value: unknown): string {
  return value === undefined ? "(unset)" : typeof value === "string" ? value : JSON.stringify(value);
}
