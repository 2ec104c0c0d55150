import { ComputeGlobalAddress } from "@cdktf/provider-google/lib/compute-global-address";
import { ComputeNetworkPeeringRoutesConfig } from "@cdktf/provider-google/lib/compute-network-peering-routes-config";
import { ServiceNetworkingConnection } from "@cdktf/provider-google/lib/service-networking-connection";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { parseCidr } from "../core/cidr";
import { nameRoomFor, PREFIX_LIMITS } from "../core/limits";
import { resourceName } from "../core/names";
import { PropsValidator, validateProps } from "../core/validation";
import { INetwork } from "./vpc-network";

/** The service producer of Google's managed services (Cloud SQL, Memorystore, ...) reached over private services access. */
export const SERVICE_NETWORKING_SERVICE = "servicenetworking.googleapis.com";

/** The network and the ranges allocated to Google-managed services. */
export interface PrivateServicesAccessProps {
  /** The VPC network whose clients reach the managed services; in a Shared VPC, the host's network. */
  readonly network: INetwork;
  /** Name prefix of the allocated ranges: `<name>-1`, `<name>-2`, ... */
  readonly name: string;
  /** The ranges allocated to the managed services (private, /8 to /24), apart from every subnet of the network and its peers. */
  readonly ranges: readonly string[];
  /** Project of the network (and of the allocations and the routes config). @default - the provider's project */
  readonly project?: string;
  /**
   * Export the network's custom routes (static and dynamic, e.g. learned
   * over Cloud VPN) to the services' network, so that clients on the far
   * side of a VPN can reach Cloud SQL or Memorystore. The Cloud Router must
   * also advertise the allocated ranges to the VPN peer: that is the
   * router's configuration, not this construct's.
   * @default true
   */
  readonly exportCustomRoutes?: boolean;
}

/**
 * Private services access: address ranges of the VPC allocated to Google's
 * managed services, and the private connection (a VPC Network Peering named
 * `servicenetworking-googleapis-com`) through which clients reach them on
 * internal addresses (Google Cloud docs, "Configure private services
 * access"). In a Shared VPC, made in the host project, once for all service
 * projects. The Service Networking API must be enabled in the project.
 */
export class PrivateServicesAccess extends Construct {
  /** Records every problem with the props in `v`. */
  static validate(props: PrivateServicesAccessProps, v: PropsValidator): void {
    const suffix = `-${Math.max(1, props.ranges.length)}`;
    v.gcpName("name", props.name, nameRoomFor(suffix), `to leave room for '${suffix}'`);
    v.check(props.ranges.length > 0, "ranges", props.ranges, "must list at least one range to allocate to the managed services", { fix: "e.g. [10.100.0.0/16] (a /16 is Google's recommended size)" });
    props.ranges.forEach((range, i) => {
      v.privateCidr(`ranges[${i}]`, range, PREFIX_LIMITS.privateServicesAccess);
      props.ranges.slice(0, i).forEach((other, j) => v.noOverlap(`ranges[${i}]`, range, `ranges[${j}]`, other));
    });
  }

  /** One global address of purpose VPC_PEERING per range, in the order of `ranges`. */
  readonly allocations: readonly ComputeGlobalAddress[];
  /** The ranges allocated, as given. */
  readonly allocatedRanges: readonly string[];
  /** The private connection to the service producer. */
  readonly connection: ServiceNetworkingConnection;
  /** Name of the peering the connection creates: `servicenetworking-googleapis-com`. */
  readonly peering: string;
  /** Which routes the network exports to the services' network. */
  readonly routesConfig: ComputeNetworkPeeringRoutesConfig;

  constructor(scope: Construct, id: string, props: PrivateServicesAccessProps) {
    super(scope, id);
    validateProps(this, "PrivateServicesAccess", (v) => PrivateServicesAccess.validate(props, v));

    this.allocatedRanges = [...props.ranges];
    this.allocations = props.ranges.map((range, i) => {
      const { address, prefixLength } = splitCidr(range);
      return new ComputeGlobalAddress(this, `range-${i + 1}`, {
        name: resourceName(props.name, String(i + 1)),
        project: props.project,
        network: props.network.id,
        purpose: "VPC_PEERING",
        addressType: "INTERNAL",
        address,
        prefixLength,
        description: "Private services access: addresses of Google-managed services (Cloud SQL, Memorystore)",
      });
    });
    // The connection takes no project: it belongs to the network's.
    this.connection = new ServiceNetworkingConnection(this, "connection", {
      network: props.network.id,
      service: SERVICE_NETWORKING_SERVICE,
      reservedPeeringRanges: this.allocations.map((a) => a.name),
    });
    this.peering = this.connection.peering;
    // Peering exchanges only subnet routes by default: without exporting custom routes, the services
    // have no route back to clients behind Cloud VPN or Interconnect (Google Cloud docs, "Configure
    // private services access", on-premises access). Nothing is imported: the services'
    // network has no custom routes the clients need. Always made, so that false is applied too.
    this.routesConfig = new ComputeNetworkPeeringRoutesConfig(this, "routes", {
      project: props.project,
      network: props.network.name,
      peering: this.peering,
      exportCustomRoutes: props.exportCustomRoutes ?? true,
      importCustomRoutes: false,
    });
  }
}

/** The network address and prefix length of a block; Terraform splits a block known only at apply time. */
function splitCidr(cidr: string): { address: string; prefixLength: number } {
  const block = parseCidr(cidr);
  if (block) return { address: cidr.slice(0, cidr.indexOf("/")), prefixLength: block.prefix };
  const parts = Fn.split("/", cidr);
  return { address: Token.asString(Fn.element(parts, 0)), prefixLength: Token.asNumber(Fn.tonumber(Fn.element(parts, 1))) };
}
