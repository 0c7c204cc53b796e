// Reading OOXML parts with fast-xml-parser in `preserveOrder` mode (research note §3.2): the order of
// runs, comment markers and revisions inside a paragraph is the meaning, so a parser that groups
// children by name would lose it. Values stay strings and whitespace stays as written ("Die Länder ").
import { XMLParser } from "fast-xml-parser";
import { DOCX_LIMITS } from "../domain/model.ts";
import { SafeOpenRefused } from "./safe-open.ts";

/** One element as preserveOrder gives it: `{ "w:p": [...children], ":@": { "w:val": "…" } }`, or `{ "#text": "…" }`. */
export type XNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  // DOCX parts never need DTDs; a DOCTYPE (entity expansion) is an attack, not a Word file.
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Explicit, not the library's default: the reader walks the tree recursively, so depth is cost.
  maxNestedTags: DOCX_LIMITS.maxXmlDepth,
});

export function parseXml(text: string): XNode[] {
  if (/<!DOCTYPE/i.test(text)) throw new Error("DOCTYPE not allowed");
  try {
    return parser.parse(text) as XNode[];
  } catch (error) {
    // fast-xml-parser 5.x says so only in the message; the person uploading gets their own reason.
    if (error instanceof Error && /nested tags/i.test(error.message)) throw new SafeOpenRefused("too-deep");
    throw error;
  }
}

export function tagOf(node: XNode): string {
  for (const key of Object.keys(node)) if (key !== ":@") return key;
  return "";
}

export function kids(node: XNode): XNode[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XNode[]) : [];
}

export function attr(node: XNode | undefined, name: string): string | undefined {
  const attrs = node?.[":@"] as Record<string, string> | undefined;
  return attrs?.[name];
}

export function child(node: XNode | undefined, tag: string): XNode | undefined {
  return node ? kids(node).find((k) => tagOf(k) === tag) : undefined;
}

export function children(node: XNode | undefined, tag: string): XNode[] {
  return node ? kids(node).filter((k) => tagOf(k) === tag) : [];
}

/** The first element named `tag` anywhere below `nodes` (depth first). */
export function findDeep(nodes: XNode[], tag: string): XNode | undefined {
  for (const node of nodes) {
    if (tagOf(node) === tag) return node;
    const found = findDeep(kids(node), tag);
    if (found) return found;
  }
  return undefined;
}

/** All text of an element's `#text` children (for w:t, w:delText, w:instrText). */
export function textOf(node: XNode): string {
  return kids(node).map((k) => (typeof k["#text"] === "string" ? (k["#text"] as string) : "")).join("");
}

/** An OOXML on/off property: present and not "0"/"false"/"off". */
export function isOn(node: XNode | undefined): boolean {
  if (!node) return false;
  const value = attr(node, "w:val");
  return value === undefined || !["0", "false", "off"].includes(value);
}
