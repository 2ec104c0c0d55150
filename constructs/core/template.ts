/**
 * Text for a Terraform string, kept as written. Terraform reads every string
 * of its JSON as a template: `${` opens an interpolation and `%{` a
 * directive, and `$${` and `%%{` are their literal forms. cdktf writes
 * strings as given, so literal text holding either (a shell script's
 * `curl -w '%{http_code}'`) fails the plan unless escaped. cdktf's own
 * tokens (`${TfToken[...]}`) are left for cdktf to resolve.
 */
export function templateLiteral(text: string): string {
  return text.replace(/%\{|\$\{(?!TfToken\[)/g, (opening) => opening[0] + opening);
}
