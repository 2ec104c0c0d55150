// A strict checker for the small part of Mermaid's flowchart syntax that the
// pull-request report's diagram uses (lib/report/report.ts, mermaid()). It
// stands in for mermaid's own parser, which needs a DOM (jsdom) and ~160
// packages. Anything outside the subset is rejected, even where Mermaid would
// accept it, so what passes here also parses in Mermaid (as GitHub renders it).
//
// The subset, after Mermaid's flowchart documentation (docs/syntax/flowchart.md)
// and its grammar (flowchart/parser/flow.jison) as of mermaid 11.12.2, against
// whose parser it was checked on 48 sample diagrams (none it accepts did
// mermaid reject):
//
//   flowchart LR                      header, first line; LR, RL, TB, TD or BT
//   subgraph id["title"]              opens a subgraph, closed by a line `end`
//   end
//   id["label"]                       a node declaration
//   a --> b                           an edge; either end may be id or id["label"]
//   a -.->|text| b                    arrows: -->, -.->, ==>, each with an optional |text|
//   a ==>|text| b
//
// one statement a line, indented with spaces, blank lines allowed. Ids are
// letters, digits and underscores, not a reserved word (`end` ends a subgraph,
// as the docs warn; `style`, `class`, `click`... start statements) nor starting
// with one that older Mermaid lexers read as a keyword (`classes`). Labels and
// titles are in double quotes with no double quote (or backtick, `<`, `>`)
// inside; link text has none of `[](){}|"~`. A subgraph opens and ends in
// balance, and every edge end is declared somewhere as a node or a subgraph
// (Mermaid would draw an undeclared id as a new bare box: a typo, here).

export interface FlowchartNode {
  readonly id: string;
  readonly label: string;
  readonly line: number;
  /** The innermost subgraph the node is declared in, if any. */
  readonly parent?: string;
}

export interface FlowchartEdge {
  readonly from: string;
  readonly to: string;
  readonly arrow: "-->" | "-.->" | "==>";
  readonly text?: string;
  readonly line: number;
}

export interface Flowchart {
  readonly type: "flowchart";
  readonly direction: "LR" | "RL" | "TB" | "TD" | "BT";
  readonly nodes: ReadonlyMap<string, FlowchartNode>;
  readonly subgraphs: ReadonlyMap<string, FlowchartNode>;
  readonly edges: readonly FlowchartEdge[];
}

/** What is wrong with a diagram: one problem a line, each naming its line. */
export class MermaidSubsetError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`not in the Mermaid flowchart subset (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "MermaidSubsetError";
  }
}

const DIRECTIONS = ["LR", "RL", "TB", "TD", "BT"] as const;
const ARROWS = ["-.->", "-->", "==>"] as const;

/**
 * Words Mermaid's lexer reads as keywords, never as an id: statements, and the
 * `click`/`call`/`href` commands (keywords when a space or line end follows, as
 * after an edge's target).
 */
const RESERVED = new Set(["end", "subgraph", "graph", "flowchart", "style", "linkStyle", "classDef", "class", "interpolate", "click", "call", "href"]);
/**
 * Keywords that older Mermaid lexers (rules without \b) also read at the start
 * of a longer id (`classes` as `class` + `es`); Mermaid 11 does not, GitHub's
 * copy may be older, and the report needs no such id.
 */
const RESERVED_PREFIXES = ["style", "linkStyle", "classDef", "class", "interpolate", "graph", "flowchart", "subgraph", "_self", "_blank", "_parent", "_top"];

class LineError extends Error {}

/** Checks `text` against the subset; returns what it declares, or throws MermaidSubsetError. */
export function checkFlowchart(text: string): Flowchart {
  const lines = text.split("\n");
  // A trailing newline (as in a fenced block) leaves one empty last line.
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const problems: string[] = [];
  const at = (n: number, message: string) => problems.push(`line ${n} ${JSON.stringify(lines[n - 1])}: ${message}`);

  const header = /^flowchart (LR|RL|TB|TD|BT)$/.exec(lines[0] ?? "");
  if (!header) at(1, `the first line must be exactly "flowchart <direction>", direction one of ${DIRECTIONS.join(", ")}`);

  const nodes = new Map<string, FlowchartNode>();
  const subgraphs = new Map<string, FlowchartNode>();
  const edges: FlowchartEdge[] = [];
  const open: FlowchartNode[] = [];
  const referenced: { id: string; line: number }[] = [];

  const declareNode = (id: string, label: string, line: number) => {
    const earlier = nodes.get(id) ?? subgraphs.get(id);
    if (earlier) throw new LineError(`"${id}" is already declared on line ${earlier.line}`);
    nodes.set(id, { id, label, line, parent: open[open.length - 1]?.id });
  };

  for (let n = 2; n <= lines.length; n++) {
    const raw = lines[n - 1];
    try {
      if (/^ *$/.test(raw)) continue;
      if (!/^ *[^ ]/.test(raw)) throw new LineError("indent with spaces only");
      if (/direction\s+(TB|BT|RL|LR)/.test(raw)) throw new LineError("Mermaid takes a line holding `direction <dir>` (even in a label) for a direction statement and drops its nodes and edges");
      const s = new Scanner(raw.replace(/ +$/, ""));
      s.spaces();
      if (s.rest() === "end") {
        if (!open.pop()) throw new LineError("`end` without an open subgraph");
        continue;
      }
      if (s.take("subgraph ")) {
        // Opened even when the rest of the line is wrong, so its `end` still balances.
        const parent = open[open.length - 1]?.id;
        const subgraph = { id: "", label: "", line: n, parent };
        open.push(subgraph);
        subgraph.id = s.id();
        const title = s.label();
        if (title === undefined) throw new LineError(`subgraph "${subgraph.id}" needs a title: subgraph ${subgraph.id}["title"]`);
        subgraph.label = title;
        s.done("after the subgraph title");
        const earlier = nodes.get(subgraph.id) ?? subgraphs.get(subgraph.id);
        if (earlier) throw new LineError(`"${subgraph.id}" is already declared on line ${earlier.line}`);
        subgraphs.set(subgraph.id, subgraph);
        continue;
      }
      const from = s.endpoint();
      if (s.atEnd()) {
        if (from.label === undefined) throw new LineError(`a node declaration needs a label: ${from.id}["label"]`);
        declareNode(from.id, from.label, n);
        continue;
      }
      if (!s.spaces()) throw new LineError(`expected a space after "${from.id}${from.label === undefined ? "" : `["${from.label}"]`}"`);
      const arrow = ARROWS.find((a) => s.take(a));
      if (!arrow) throw new LineError(`unknown edge arrow "${s.word()}": use one of ${ARROWS.map((a) => `${a} or ${a}|text|`).join(", ")}`);
      const linkText = s.linkText();
      if (s.atEnd()) throw new LineError(`the edge "${arrow}" has no target`);
      if (!s.spaces()) throw new LineError(`expected a space after "${arrow}${linkText === undefined ? "" : `|${linkText}|`}"`);
      if (s.atEnd()) throw new LineError(`the edge "${arrow}" has no target`);
      const to = s.endpoint();
      s.done("after the edge's target (one edge a line)");
      for (const end of [from, to]) {
        if (end.label !== undefined) declareNode(end.id, end.label, n);
        else referenced.push({ id: end.id, line: n });
      }
      edges.push({ from: from.id, to: to.id, arrow, text: linkText, line: n });
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      at(n, error.message);
    }
  }
  for (const subgraph of open) at(subgraph.line, `subgraph${subgraph.id ? ` "${subgraph.id}"` : ""} is never closed with \`end\``);
  for (const { id, line } of referenced) {
    if (!nodes.has(id) && !subgraphs.has(id)) at(line, `"${id}" is neither a declared node nor a subgraph`);
  }
  if (problems.length > 0) throw new MermaidSubsetError(problems);
  return { type: "flowchart", direction: header![1] as Flowchart["direction"], nodes, subgraphs, edges };
}

/** Reads one line left to right; throws LineError at the first thing outside the subset. */
class Scanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  rest(): string {
    return this.text.slice(this.pos);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Skips spaces; true when there was at least one. */
  spaces(): boolean {
    const start = this.pos;
    while (this.text[this.pos] === " ") this.pos++;
    return this.pos > start;
  }

  take(literal: string): boolean {
    if (!this.text.startsWith(literal, this.pos)) return false;
    this.pos += literal.length;
    return true;
  }

  /** The text up to the next space, for messages. */
  word(): string {
    return /^[^ ]*/.exec(this.rest())![0];
  }

  done(where: string): void {
    if (!this.atEnd()) throw new LineError(`unexpected "${this.rest()}" ${where}`);
  }

  id(): string {
    const match = /^[A-Za-z0-9_]+/.exec(this.rest());
    if (!match) throw new LineError(this.atEnd() ? "expected an id at the end of the line" : `expected an id (letters, digits, _) at "${this.rest()}"`);
    const id = match[0];
    if (RESERVED.has(id)) throw new LineError(`"${id}" is a reserved word in Mermaid flowcharts, not an id`);
    const prefix = RESERVED_PREFIXES.find((p) => id.startsWith(p));
    if (prefix) throw new LineError(`id "${id}" starts with the keyword "${prefix}", which older Mermaid versions read as that keyword`);
    this.pos += id.length;
    return id;
  }

  /** ["label"] right after an id, if there is one. */
  label(): string | undefined {
    if (!this.take("[")) return undefined;
    if (!this.take('"')) throw new LineError(`a label goes in double quotes: ["..."], at "[${this.rest()}"`);
    const close = this.text.indexOf('"', this.pos);
    if (close < 0) throw new LineError("a label's double quote is never closed");
    const label = this.text.slice(this.pos, close);
    this.pos = close + 1;
    if (!this.take("]")) throw new LineError(`a label ends with "] right after its closing quote; a double quote inside a label ends it early (write #quot;)`);
    if (label.trim() === "") throw new LineError("a label is empty");
    const bad = /[`<>]/.exec(label);
    if (bad) throw new LineError(`a label holds "${bad[0]}" (backticks start Markdown strings, < and > are HTML)`);
    return label;
  }

  endpoint(): { id: string; label?: string } {
    const id = this.id();
    return { id, label: this.label() };
  }

  /** |text| right after an arrow, if there is one. */
  linkText(): string | undefined {
    if (!this.take("|")) return undefined;
    const close = this.text.indexOf("|", this.pos);
    if (close < 0) throw new LineError("a link text's | is never closed");
    const text = this.text.slice(this.pos, close);
    this.pos = close + 1;
    if (text.trim() === "") throw new LineError("a link text is empty");
    const bad = /[[\](){}"~`<>]/.exec(text);
    if (bad) throw new LineError(`a link text holds "${bad[0]}", which Mermaid reads as syntax there`);
    return text;
  }
}
