import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Construct } from "constructs";
import { containsCidr, overlaps } from "../lib/cidr";
import { resourceName } from "../lib/naming";
import { PropsValidator } from "../lib/validation";

export interface AwsVpcProps {
  /** Name prefix, used in `Name` tags. */
  readonly name: string;
  /** The VPC's IPv4 range (RFC 1918 or 100.64.0.0/10). */
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
export class AwsVpc extends Construct {
  readonly vpc: Vpc;
  readonly publicSubnet: Subnet;
  readonly privateSubnet: Subnet;
  /** Route tables of the public and private subnets, in that order: VPN routes are propagated into both. */
  readonly routeTables: readonly RouteTable[];

  constructor(scope: Construct, id: string, props: AwsVpcProps) {
    super(scope, id);
    const v = new PropsValidator(`AwsVpc ${this.node.path}`);
    const ranges = ["cidrBlock", "publicSubnetCidr", "privateSubnetCidr"] as const;
    for (const key of ranges) v.privateCidr(key, props[key], { minPrefix: 16, maxPrefix: 28, why: "AWS VPC and subnet sizes" });
    for (const key of ["publicSubnetCidr", "privateSubnetCidr"] as const) {
      v.check(containsCidr(props.cidrBlock, props[key]), key, props[key], `must lie inside cidrBlock ${props.cidrBlock}`);
    }
    v.check(!overlaps(props.publicSubnetCidr, props.privateSubnetCidr), "privateSubnetCidr", props.privateSubnetCidr, `must not overlap publicSubnetCidr ${props.publicSubnetCidr}`);
    v.throwIfInvalid();

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: props.cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: resourceName(props.name, "vpc") },
    });
    const tier = (key: "public" | "private", cidr: string) => {
      const subnet = new Subnet(this, `${key}-subnet`, {
        vpcId: this.vpc.id,
        cidrBlock: cidr,
        availabilityZone: props.availabilityZone,
        mapPublicIpOnLaunch: false,
        tags: { Name: resourceName(props.name, key) },
      });
      const table = new RouteTable(this, `${key}-routes`, {
        vpcId: this.vpc.id,
        tags: { Name: resourceName(props.name, key) },
      });
      new RouteTableAssociation(this, `${key}-routes-association`, { subnetId: subnet.id, routeTableId: table.id });
      return { subnet, table };
    };
    const pub = tier("public", props.publicSubnetCidr);
    const priv = tier("private", props.privateSubnetCidr);
    this.publicSubnet = pub.subnet;
    this.privateSubnet = priv.subnet;
    this.routeTables = [pub.table, priv.table];
  }
}
