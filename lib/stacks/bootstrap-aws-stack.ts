import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { awsDeployerStatements } from "../../constructs/aws/deployer-actions";
import { GithubOidcRole, IamPolicyStatement } from "../../constructs/aws/github-oidc-role";
import { Config } from "../config/schema";
import { pipelineNames } from "../naming";
import { githubVariablesOutput, refuseUnknownTypes } from "./bootstrap-gcp-stack";
import { useStateBackend } from "./state";

/**
 * AWS, deployed once by an administrator before the deploy workflow runs:
 * the account's OIDC provider for GitHub Actions (unless one exists), a
 * role for the `aws` deploy job whose policy covers only the aws stack's
 * resources and its state object, and a role for the `tunnels` deploy job
 * that may only read the aws stack's state (split state: the VPN's outside
 * addresses and pre-shared keys are there). Both trust this repository's
 * jobs in this environment only.
 */
export class BootstrapAwsStack extends TerraformStack {
  readonly deployRole: GithubOidcRole;
  readonly stateReaderRole: GithubOidcRole;

  constructor(scope: Construct, id: string, config: Config, awsStack: TerraformStack) {
    super(scope, id);
    const pipeline = config.pipeline!;
    const s3 = config.state.s3!;
    const names = pipelineNames(config.prefix, config.environment);
    useStateBackend(this, config, "aws");
    new AwsProvider(this, "aws", { region: config.aws.region, defaultTags: [{ tags: { "psc-hybrid:environment": config.environment } }] });

    // The aws stack's state and its lock file (Terraform docs, S3 backend: "Permissions Required").
    const stateKey = `${s3.keyPrefix}/${awsStack.node.id}.tfstate`;
    const bucketArn = `arn:aws:s3:::${s3.bucket}`;
    const listState: IamPolicyStatement = { Sid: "ListState", Effect: "Allow", Action: ["s3:ListBucket"], Resource: bucketArn, Condition: { StringEquals: { "s3:prefix": stateKey } } };
    const stack = awsDeployerStatements(awsStack, config.aws.region);
    refuseUnknownTypes(awsStack, stack.unknownTypes);
    this.deployRole = new GithubOidcRole(this, "deploy", {
      name: names.awsRole("aws"),
      repository: pipeline.repository,
      environment: config.environment,
      providerArn: pipeline.awsOidcProviderArn,
      statements: [
        ...stack.statements,
        listState,
        { Sid: "State", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${bucketArn}/${stateKey}` },
        { Sid: "StateLock", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `${bucketArn}/${stateKey}.tflock` },
      ],
    });
    this.stateReaderRole = new GithubOidcRole(this, "state-reader", {
      name: names.awsRole("state"),
      repository: pipeline.repository,
      environment: config.environment,
      providerArn: this.deployRole.providerArn,
      statements: [listState, { Sid: "ReadState", Effect: "Allow", Action: ["s3:GetObject"], Resource: `${bucketArn}/${stateKey}` }],
    });

    githubVariablesOutput(this, config.environment, { AWS_REGION: config.aws.region, AWS_ROLE_AWS: this.deployRole.roleArn, AWS_ROLE_STATE: this.stateReaderRole.roleArn });
  }
}
