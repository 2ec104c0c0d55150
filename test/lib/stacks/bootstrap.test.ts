import * as fs from "fs";
import * as path from "path";
import { AWS_DEPLOYER_ACTIONS } from "../../../constructs/aws/deployer-actions";
import { GOOGLE_DEPLOYER_ROLES } from "../../../constructs/gcp/deployer-roles";
import { pipelineConfig, resourcesOf, synthApp } from "../../helpers";

const app = synthApp(pipelineConfig());
const gcp = app.byName["bootstrap-gcp"]!;
const aws = app.byName["bootstrap-aws"]!;

test("the bootstrap stacks' synthesized JSON (the diff reviewers read)", () => {
  expect(gcp.json).toMatchSnapshot();
  expect(aws.json).toMatchSnapshot();
});

test("every provider resource the constructs and stacks can make has known deploy permissions, so no stack kind is left without a role", () => {
  const root = path.join(__dirname, "..", "..", "..");
  const sources = ["constructs", "lib"].flatMap((dir) => fs.readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => path.join(root, dir, f)));
  const pipelineOwn = ["iam-workload-identity-pool", "iam-workload-identity-pool-provider", "service-account-iam-member", "storage-bucket-iam-member", "organization-iam-member", "folder-iam-member", "iam-openid-connect-provider", "provider"];
  const modules = new Set(sources.flatMap((f) => [...fs.readFileSync(f, "utf8").matchAll(/@cdktf\/provider-(aws|google|kubernetes)\/lib\/([a-z0-9-]+)/g)].map((m) => `${m[1]}:${m[2]}`)));
  const missing = [...modules].filter((m) => {
    const [provider, module] = m.split(":") as [string, string];
    if (pipelineOwn.includes(module)) return false;
    const type = `${provider}_${module.replace(/^data-google-/, "").replace(/-/g, "_")}`;
    return provider === "aws" ? AWS_DEPLOYER_ACTIONS[type] === undefined : GOOGLE_DEPLOYER_ROLES[type.replace(/^google_google_/, "google_")] === undefined;
  });
  expect(missing).toEqual([]);
});

test("the workload identity provider exchanges only this repository's branch and environment, and each service account trusts only that environment's subject", () => {
  const provider = Object.values(resourcesOf(gcp, "google_iam_workload_identity_pool_provider"))[0]!;
  expect(provider.attribute_condition).toBe('assertion.repository == "example-org/psc-hybrid" && assertion.ref == "refs/heads/main" && assertion.environment == "example"');
  for (const binding of Object.values(resourcesOf(gcp, "google_service_account_iam_member"))) {
    expect(binding.member).toMatch(/^principal:\/\/iam\.googleapis\.com\/.+\/subject\/repo:example-org\/psc-hybrid:environment:example$/);
  }
});

test("granting roles is delegated only for the roles the stacks' bindings name; Shared VPC Admin only on the organization given", () => {
  const grants = Object.values(resourcesOf(gcp, "google_project_iam_member")).filter((g) => g.role === "roles/resourcemanager.projectIamAdmin");
  expect(grants.length).toBeGreaterThan(0);
  for (const g of grants) expect(g.condition.expression).toMatch(/^api\.getAttribute\('iam\.googleapis\.com\/modifiedGrantsByRole', \[\]\)\.hasOnly\(\['roles\/[\w.]+'(, 'roles\/[\w.]+')*\]\)$/);
  expect(Object.values(resourcesOf(gcp, "google_organization_iam_member")).map((g) => [g.org_id, g.role])).toEqual([
    ["123456789012", "roles/compute.xpnAdmin"],
    ["123456789012", "roles/compute.xpnAdmin"],
  ]);
  expect(JSON.stringify(gcp.json)).not.toMatch(/roles\/(owner|editor)"/);
});

test("the AWS roles trust only this repository's environment, and the deploy role touches no role but the aws stack's", () => {
  for (const role of Object.values(resourcesOf(aws, "aws_iam_role"))) expect(role.assume_role_policy).toContain('"token.actions.githubusercontent.com:sub" = "repo:example-org/psc-hybrid:environment:example"');
  const policies = Object.values(resourcesOf(aws, "aws_iam_role_policy")).map((p) => p.policy as string);
  expect(policies[0]).toContain('"Resource" = ["arn:aws:iam::*:instance-profile/psc-backend-ssm-*", "arn:aws:iam::*:role/psc-backend-ssm-*", "arn:aws:iam::*:role/psc-flow-logs-*"]');
  expect(policies[0]).toContain('"aws:RequestedRegion" = "ap-northeast-1"');
  expect(policies[1]).toBe('${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Sid" = "ListState", "Effect" = "Allow", "Action" = ["s3:ListBucket"], "Resource" = "arn:aws:s3:::example-tf-state-aws", "Condition" = {"StringEquals" = {"s3:prefix" = "psc/example/aws.tfstate"}}}, {"Sid" = "ReadState", "Effect" = "Allow", "Action" = ["s3:GetObject"], "Resource" = "arn:aws:s3:::example-tf-state-aws/psc/example/aws.tfstate"}]})}');
});

test("no config without a pipeline gets bootstrap stacks", () => {
  expect(Object.keys(synthApp().byName)).not.toContain("bootstrap-gcp");
});
