import { exampleWith, existingVpcAndBackend, onlyResource, resourcesOf, synthApp } from "../../helpers";

// The aws stack's observability and backend choices, as the synthesized
// JSON shows them: the VPC flow log (on by default), Session Manager access
// to the demo instance (aws.backend.ssm), and an existing VPC and API
// (aws.existingVpc, aws.backend.existing) instead of the ones made here.

/** The aws stack of a variant of the example; of the PSC tenants one is enough (the aws stack depends only on routed tenants, which stay). */
function awsStackOf(edit: (c: any) => void) {
  return synthApp(exampleWith((c) => ((c.tenants = c.tenants.filter((t: any, i: number) => i === 0 || t.kind === "routed")), edit(c)))).byName["aws"];
}

describe("VPC flow log", () => {
  // Without the observability keys the example sets, so the defaults are what is tested.
  const aws = awsStackOf((c) => delete c.observability);

  test("on by default: all traffic of the VPC made here, to a log group kept as configured, its name an output", () => {
    expect(onlyResource(aws, "aws_flow_log")).toMatchObject({ traffic_type: "ALL", vpc_id: expect.stringMatching(/^\$\{aws_vpc\.network_vpc_/) });
    expect(onlyResource(aws, "aws_cloudwatch_log_group")).toMatchObject({ name: "/psc/vpc-flow-logs", retention_in_days: 365 });
    expect(aws.json.output?.["vpc-flow-log-group"]?.value).toMatch(/^\$\{aws_cloudwatch_log_group\.vpc-flow-log_log-group_\w+\.name\}$/);
  });

  test("observability.awsLogRetentionDays sets the retention; a value CloudWatch refuses is refused at its config path", () => {
    const month = awsStackOf((c) => (c.observability = { awsLogRetentionDays: 30 }));
    expect(onlyResource(month, "aws_cloudwatch_log_group").retention_in_days).toBe(30);
    expect(() => exampleWith((c) => (c.observability = { awsLogRetentionDays: 31 }))).toThrow(/observability\.awsLogRetentionDays: must be one of the retention periods CloudWatch Logs accepts: .*got 31/);
  });

  test("observability.awsFlowLogs: false leaves out the flow log, its log group, role and output", () => {
    const off = awsStackOf((c) => (c.observability = { awsFlowLogs: false }));
    for (const type of ["aws_flow_log", "aws_cloudwatch_log_group"]) expect(resourcesOf(off, type)).toEqual({});
    // The flow log's role and policy go; the instance's Session Manager role and policy stay.
    expect(Object.keys(resourcesOf(off, "aws_iam_role_policy"))).toEqual([expect.stringMatching(/^api-backend_session-manager-policy_/)]);
    expect(Object.keys(resourcesOf(off, "aws_iam_role"))).toEqual([expect.stringMatching(/^api-backend_ssm-role_/)]);
    expect(off.json.output?.["vpc-flow-log-group"]).toBeUndefined();
  });
});

describe("Session Manager access to the demo instance (aws.backend.ssm)", () => {
  const aws = synthApp().byName["aws"];

  test("the example turns it on: the three endpoints in the private subnet, the instance profile, the instance id as an output", () => {
    const endpoints = Object.values(resourcesOf(aws, "aws_vpc_endpoint"));
    expect(endpoints.map((e) => e.service_name).sort()).toEqual(["ec2messages", "ssm", "ssmmessages"].map((s) => `com.amazonaws.ap-northeast-1.${s}`));
    for (const e of endpoints) expect(e.subnet_ids).toEqual([expect.stringMatching(/^\$\{aws_subnet\.network_private-subnet_/)]);
    expect(onlyResource(aws, "aws_instance").iam_instance_profile).toMatch(/^\$\{aws_iam_instance_profile\./);
    expect(aws.json.output?.["backend-instance-id"]?.value).toMatch(/^\$\{aws_instance\.api-backend_instance_\w+\.id\}$/);
  });

  test("the endpoints admit 443 from the VPC's range only, and the backend may reach only them", () => {
    const ingress = Object.values(resourcesOf(aws, "aws_vpc_security_group_ingress_rule")).filter((r) => r.from_port === 443);
    expect(ingress).toEqual([expect.objectContaining({ cidr_ipv4: "10.0.0.0/16", security_group_id: expect.stringMatching(/ssm-endpoints_security-group/) })]);
    expect(onlyResource(aws, "aws_vpc_security_group_egress_rule")).toMatchObject({ from_port: 443, referenced_security_group_id: expect.stringMatching(/ssm-endpoints_security-group/) });
  });

  test("off unless set: no endpoints, no profile, no egress", () => {
    const off = awsStackOf((c) => delete c.aws.backend.ssm);
    for (const type of ["aws_vpc_endpoint", "aws_iam_instance_profile", "aws_vpc_security_group_egress_rule"]) expect(resourcesOf(off, type)).toEqual({});
    expect(onlyResource(off, "aws_instance").iam_instance_profile).toBeUndefined();
  });
});

describe("an existing VPC and an existing API", () => {
  const vgw = awsStackOf(existingVpcAndBackend("vgw"));
  const tgw = awsStackOf(existingVpcAndBackend("tgw"));

  test("creates no VPC, subnet, route table, instance or security group", () => {
    for (const stack of [vgw, tgw]) {
      for (const type of ["aws_vpc", "aws_subnet", "aws_route_table", "aws_instance", "aws_launch_template", "aws_security_group", "aws_vpc_endpoint"]) expect(resourcesOf(stack, type)).toEqual({});
      expect(stack.json.output?.["backend-instance-id"]).toBeUndefined();
    }
  });

  test("admits the proxy-only range and the routed tenant's pods on the backend port, on the API's own security group", () => {
    expect(Object.values(resourcesOf(vgw, "aws_vpc_security_group_ingress_rule"))).toEqual([
      expect.objectContaining({ security_group_id: "sg-0123456789abcdef0", from_port: 80, to_port: 80, cidr_ipv4: "10.10.30.0/24" }),
      expect.objectContaining({ security_group_id: "sg-0123456789abcdef0", from_port: 80, to_port: 80, cidr_ipv4: "10.31.0.0/17" }),
    ]);
  });

  test("VGW: attached to the VPC by id, routes propagated into the given route tables", () => {
    expect(onlyResource(vgw, "aws_vpn_gateway").vpc_id).toBe("vpc-0123456789abcdef0");
    expect(Object.values(resourcesOf(vgw, "aws_vpn_gateway_route_propagation")).map((p) => p.route_table_id)).toEqual(["rtb-0123456789abcdef0", "rtb-0123456789abcdef1"]);
  });

  test("TGW: the attachment in the given subnets, every producer and routed tenant range routed from each given table", () => {
    expect(onlyResource(tgw, "aws_ec2_transit_gateway_vpc_attachment")).toMatchObject({ vpc_id: "vpc-0123456789abcdef0", subnet_ids: ["subnet-0123456789abcdef0"] });
    const routes = Object.values(resourcesOf(tgw, "aws_route"));
    expect([...new Set(routes.map((r) => r.route_table_id))]).toEqual(["rtb-0123456789abcdef0", "rtb-0123456789abcdef1"]);
    const routed = ["10.10.10.0/24", "10.10.20.0/24", "10.10.30.0/24", "10.30.0.0/22", "10.30.8.0/22", "10.31.0.0/17"];
    expect(routes.map((r) => r.destination_cidr_block).sort()).toEqual(routed.flatMap((cidr) => [cidr, cidr]));
  });

  test("the flow log goes on the existing VPC", () => {
    expect(onlyResource(vgw, "aws_flow_log").vpc_id).toBe("vpc-0123456789abcdef0");
  });

  test("the ids of the resources the example also makes keep their logical ids (nothing else is renamed)", () => {
    const example = synthApp().byName["aws"];
    const ids = (stack: typeof vgw, type: string) => Object.keys(resourcesOf(stack, type));
    for (const type of ["aws_vpn_gateway", "aws_vpn_connection", "aws_customer_gateway", "aws_flow_log"]) expect(ids(vgw, type)).toEqual(ids(example, type));
    expect(ids(vgw, "aws_vpc_security_group_ingress_rule")).toEqual(ids(example, "aws_vpc_security_group_ingress_rule").filter((id) => id.startsWith("api-backend_")));
  });
});
