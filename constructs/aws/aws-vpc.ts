import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Construct } from "constructs";
import { containsCidr } from "../core/cidr";
import { PREFIX_LIMITS } from "../core/limits";
import { AWS_ZONE_PATTERN, AWS_ZONE_RULE, resourceName } from "../core/names";
import { isToken, PropsValidator, validateProps } from "../core/validation";

/** The kinds of AWS resource id the constructs accept from outside (VPCs, subnets, route tables, security groups). */
export type AwsIdKind = "vpc" | "subnet" | "rtb" | "sg" | "ami";

/** An AWS resource id: its kind's prefix, then 8 or 17 hexadecimal digits (Amazon EC2 API Reference, "Resource IDs"). */
export function isAwsId(kind: AwsIdKind, value: string): boolean {
  return new RegExp(`^${kind}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(value);
}

/** The rule an AWS resource id breaks, in words. */
export function awsIdRule(kind: AwsIdKind): string {
  return `must be an id like ${kind}-0123456789abcdef0`;
}

/** Records a problem unless `value` is an AWS id of `kind` (an id known only at apply passes). */
export function checkAwsId(v: PropsValidator, field: string, kind: AwsIdKind, value: string): void {
  if (!isToken(value)) v.check(isAwsId(kind, value), field, value, awsIdRule(kind));
}

/** An AWS VPC, as the constructs that use one need it: made here, in another stack, or imported (`{ vpcId: "vpc-..." }`). */
export interface IAwsVpc {
  readonly vpcId: string;
  /** The VPC's IPv4 range, when known. */
  readonly cidrBlock?: string;
}

/** An AWS subnet: made here, in another stack, or imported (`{ subnetId: "subnet-..." }`). */
export interface IAwsSubnet {
  readonly subnetId: string;
  /** The subnet's range, when known: lets constructs check addresses that must lie inside it. */
  readonly cidrBlock?: string;
}

/** An AWS route table: made here, in another stack, or imported (`{ routeTableId: "rtb-..." }`). */
export interface IAwsRouteTable {
  readonly routeTableId: string;
}

/** One subnet of an AwsVpc with its own route table. */
export interface AwsVpcSubnet extends IAwsSubnet, IAwsRouteTable {
  readonly subnet: Subnet;
  readonly routeTable: RouteTable;
  readonly cidrBlock: string;
}

export interface AwsVpcProps {
  /** Name prefix, used in `Name` tags. */
  readonly name: string;
  /** The VPC's IPv4 range (RFC 1918 or 100.64.0.0/10, /16 to /28). */
  readonly cidrBlock: string;
  /** Availability zone of both subnets. */
  readonly availabilityZone: string;
  /**
   * Range of the public-tier subnet. No internet gateway is attached, so
   * nothing in it is reachable from the internet; add one only on purpose.
   */
  readonly publicSubnetCidr: string;
  /** Range of the private subnet holding the backends. */
  readonly privateSubnetCidr: string;
}

/**
 * An AWS VPC with a public-tier and a private subnet, each with its own route
 * table, and no internet gateway: the only way in is the VPN.
 */
export class AwsVpc extends Construct implements IAwsVpc {
  /** Records every problem with the props in `v`. */
  static validate(props: AwsVpcProps, v: PropsValidator): void {
    v.check(AWS_ZONE_PATTERN.test(props.availabilityZone), "availabilityZone", props.availabilityZone, AWS_ZONE_RULE);
    for (const key of ["cidrBlock", "publicSubnetCidr", "privateSubnetCidr"] as const) v.privateCidr(key, props[key], PREFIX_LIMITS.awsVpc);
    for (const key of ["publicSubnetCidr", "privateSubnetCidr"] as const) {
      v.check(containsCidr(props.cidrBlock, props[key]), key, props[key], `must lie inside ${v.name("cidrBlock")} ${props.cidrBlock}`, { involves: ["cidrBlock"] });
    }
    v.noOverlap("privateSubnetCidr", props.privateSubnetCidr, "publicSubnetCidr", props.publicSubnetCidr);
  }

  readonly vpc: Vpc;
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly publicSubnet: AwsVpcSubnet;
  readonly privateSubnet: AwsVpcSubnet;
  /** Route tables of the public and private subnets, in that order: VPN routes are propagated into both. */
  readonly routeTables: readonly IAwsRouteTable[];

  constructor(scope: Construct, id: string, props: AwsVpcProps) {
    super(scope, id);
    validateProps(this, "AwsVpc", (v) => AwsVpc.validate(props, v));

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: props.cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: resourceName(props.name, "vpc") },
    });
    this.vpcId = this.vpc.id;
    this.cidrBlock = props.cidrBlock;
    const tier = (key: "public" | "private", cidrBlock: string): AwsVpcSubnet => {
      const subnet = new Subnet(this, `${key}-subnet`, {
        vpcId: this.vpc.id,
        cidrBlock,
        availabilityZone: props.availabilityZone,
        mapPublicIpOnLaunch: false,
        tags: { Name: resourceName(props.name, key) },
      });
      const routeTable = new RouteTable(this, `${key}-routes`, {
        vpcId: this.vpc.id,
        tags: { Name: resourceName(props.name, key) },
      });
      new RouteTableAssociation(this, `${key}-routes-association`, { subnetId: subnet.id, routeTableId: routeTable.id });
      return { subnet, routeTable, subnetId: subnet.id, routeTableId: routeTable.id, cidrBlock };
    };
    this.publicSubnet = tier("public", props.publicSubnetCidr);
    this.privateSubnet = tier("private", props.privateSubnetCidr);
    this.routeTables = [this.publicSubnet, this.privateSubnet];
  }
}
