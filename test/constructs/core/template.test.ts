import { App, TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { templateLiteral } from "../../../constructs/core/template";

// Literal text in a Terraform string: Terraform reads `${` and `%{` as template syntax.

describe("templateLiteral", () => {
  test("escapes interpolations and directives, and nothing else", () => {
    expect(templateLiteral("curl -w 'status=%{http_code}' ${HOME} $out %s $(date) {x}")).toBe("curl -w 'status=%%{http_code}' $${HOME} $out %s $(date) {x}");
    // Literal text that looks escaped already stays as written: Terraform renders %%%{ as %%{.
    expect(templateLiteral("%%{ $${")).toBe("%%%{ $$${");
  });

  test("leaves cdktf's tokens for cdktf to resolve", () => {
    const stack = new TerraformStack(new App(), "s");
    const variable = new TerraformVariable(stack, "v", { type: "string" });
    new TerraformOutput(stack, "text", { value: templateLiteral(`%{code} ${variable.stringValue}`) });
    expect(JSON.parse(Testing.synth(stack)).output.text.value).toBe("%%{code} ${var.v}");
  });
});
