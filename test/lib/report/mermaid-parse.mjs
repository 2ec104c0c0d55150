// Parses Mermaid text with mermaid's own parser (in a DOM from jsdom, which
// mermaid needs even to parse). Usage: node mermaid-parse.mjs < diagram.mmd
// Prints the diagram type; exits 1 with mermaid's message on a parse error.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");

let text = "";
for await (const chunk of process.stdin) text += chunk;
try {
  const result = await mermaid.parse(text);
  console.log(result.diagramType);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
