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
  aws_vpn_connection: ["customer_gateway_id", "type", "tunnel1_inside_cidr", "tunnel2_inside_cidr"],
  aws_instance: ["subnet_id", "private_ip", "launch_template"],
  aws_ec2_transit_gateway_vpc_attachment: ["transit_gateway_id", "vpc_id"],
};

/** One change a reviewer must see before it reaches a live environment. */
export interface ReplacementRisk {
  readonly stack: string;
  /** Terraform address: `type.logical_id`. */
  readonly address: string;
  /** What happens: an attribute that forces replacement, or the resource leaves/enters under another id. */
  readonly change: string;
  readonly before?: string;
  readonly after?: string;
}

type Stacks = Record<string, { resource?: Record<string, Record<string, Record<string, unknown>>> }>;

/**
 * Compares synthesized stacks with a baseline: every changed replacing
 * attribute, and every resource that disappears (destroyed, possibly as a
 * renamed construct id that is recreated under its new one).
 */
export function replacementRisks(baseline: Stacks, current: Stacks): ReplacementRisk[] {
  const risks: ReplacementRisk[] = [];
  for (const [stack, before] of Object.entries(baseline)) {
    const after = current[stack];
    for (const [type, byId] of Object.entries(before.resource ?? {})) {
      for (const [id, old] of Object.entries(byId)) {
        const address = `${type}.${id}`;
        const now = after?.resource?.[type]?.[id];
        if (now === undefined) {
          risks.push({ stack, address, change: after ? "destroyed (removed, or its construct id changed)" : `its stack is gone from the app: run \`cdktf destroy ${stack}\` first, or it stays deployed, unmanaged` });
          continue;
        }
        for (const attribute of REPLACING_ATTRIBUTES[type] ?? []) {
          const was = show(at(old, attribute));
          const is = show(at(now, attribute));
          if (was !== is) risks.push({ stack, address, change: `${attribute} changed: replaces the resource`, before: was, after: is });
        }
      }
    }
  }
  return risks;
}

function at(value: unknown, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((v, key) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined), value);
}

function show(value: unknown): string {
  return value === undefined ? "(unset)" : typeof value === "string" ? value : JSON.stringify(value);
}
