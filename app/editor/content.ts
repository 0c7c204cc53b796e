// Rich text as it travels and is stored: ProseMirror JSON, validated against the shared extension
// list, plus derived plain text for search and previews. Used by the server (validation) and the
// client (plain-text fallback), never trusting the client.
import { getSchema } from "@tiptap/core";
import type { Node as PMNode, Schema } from "@tiptap/pm/model";
import { cleanLine, cleanText } from "../domain/text.ts";
import { editorExtensions, isAllowedHref, LINK_REL } from "./extensions.ts";

export type RichTextKind = "post" | "document";
export type JsonNode = { type: string; attrs?: Record<string, unknown>; content?: JsonNode[]; marks?: Array<{ type: string; attrs?: Record<string, unknown> }>; text?: string };

let schemas: Record<RichTextKind, Schema> | undefined;
export function richTextSchema(kind: RichTextKind): Schema {
  schemas ??= { post: getSchema(editorExtensions()), document: getSchema(editorExtensions({ tables: true })) };
  return schemas[kind];
}

export type RichTextLimits = { maxJsonBytes: number; maxTextChars: number; maxDepth: number };
export type RichTextError = "invalid" | "empty" | "too-large" | "too-deep";
export type ParsedRichText = { ok: true; json: string; text: string; doc: PMNode } | { ok: false; error: RichTextError };

/**
 * Parses and validates client JSON. Text loses control characters (JSON escapes such as \u0001 get
 * past the form field's cleaner), disallowed links lose their link mark; unknown nodes fail.
 */
export function parseRichText(input: string, kind: RichTextKind, limits: RichTextLimits): ParsedRichText {
  if (new TextEncoder().encode(input).length > limits.maxJsonBytes) return { ok: false, error: "too-large" };
  let raw: unknown;
  try {
    raw = JSON.parse(input);
  } catch {
    return { ok: false, error: "invalid" };
  }
  if (!isJsonNode(raw) || raw.type !== "doc") return { ok: false, error: "invalid" };
  if (depthOf(raw) > limits.maxDepth) return { ok: false, error: "too-deep" };
  let doc: PMNode;
  try {
    doc = richTextSchema(kind).nodeFromJSON(sanitiseNode(raw));
    doc.check();
  } catch {
    return { ok: false, error: "invalid" };
  }
  const text = plainTextOf(doc);
  if (!text.trim()) return { ok: false, error: "empty" };
  if (text.length > limits.maxTextChars) return { ok: false, error: "too-large" };
  return { ok: true, json: JSON.stringify(doc.toJSON()), text, doc };
}

/** The no-JavaScript path: plain text becomes paragraphs (blank lines) with line breaks. */
export function plainTextToJson(text: string): string {
  const paragraphs = text.replace(/\r\n?/g, "\n").trim().split(/\n{2,}/).filter(Boolean);
  return JSON.stringify({
    type: "doc",
    content: paragraphs.map((p) => ({
      type: "paragraph",
      content: p.split("\n").flatMap((line, i) => [...(i ? [{ type: "hardBreak" }] : []), ...(line ? [{ type: "text", text: line }] : [])]),
    })),
  });
}

/** The inverse of plainTextToJson, to edit a stored comment in a plain textarea: paragraphs become
 *  blank lines, line breaks newlines, mentions "@name". */
export function jsonToPlainText(json: string | JsonNode): string {
  const root = typeof json === "string" ? (JSON.parse(json) as JsonNode) : json;
  const inline = (node: JsonNode): string =>
    node.type === "text" ? node.text ?? "" : node.type === "hardBreak" ? "\n" : node.type === "mention" ? `@${String(node.attrs?.label ?? node.attrs?.id ?? "")}` : (node.content ?? []).map(inline).join("");
  const blocks = (node: JsonNode): string[] =>
    node.content?.some((c) => c.type === "text" || c.type === "hardBreak" || c.type === "mention") || !node.content?.length ? [inline(node)] : node.content.flatMap(blocks);
  return blocks(root).join("\n\n").trim();
}

export function plainTextOf(doc: PMNode): string {
  return doc.textBetween(0, doc.content.size, "\n", (leaf) =>
    leaf.type.name === "mention" ? `@${leaf.attrs.label ?? leaf.attrs.id}` : leaf.type.name === "hardBreak" ? "\n" : "",
  );
}

export function mentionedIds(json: JsonNode): string[] {
  const ids = new Set<string>();
  walk(json, (n) => {
    if (n.type === "mention" && typeof n.attrs?.id === "string") ids.add(n.attrs.id);
  });
  return [...ids];
}

/**
 * The body with every mention's label set to the person's current name (names from mentionNames),
 * for clients that render labels themselves (the comment sidebar). Unknown ids get `unknown`.
 */
export function relabelMentions(json: string, names: Readonly<Record<string, string>>, unknown: string): string {
  if (!json.includes('"mention"')) return json;
  const relabel = (node: JsonNode): JsonNode => ({
    ...node,
    ...(node.type === "mention" ? { attrs: { ...node.attrs, label: Object.hasOwn(names, String(node.attrs?.id)) ? names[String(node.attrs?.id)] : unknown } } : {}),
    ...(Array.isArray(node.content) ? { content: node.content.filter(isJsonNode).map(relabel) } : {}),
  });
  try {
    return JSON.stringify(relabel(JSON.parse(json) as JsonNode));
  } catch {
    return json;
  }
}

function walk(node: JsonNode, visit: (n: JsonNode) => void) {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    if (Array.isArray(n.content)) stack.push(...n.content);
  }
}

function isJsonNode(value: unknown): value is JsonNode {
  return typeof value === "object" && value !== null && typeof (value as JsonNode).type === "string";
}

function depthOf(root: JsonNode): number {
  let max = 0;
  const stack: Array<[JsonNode, number]> = [[root, 1]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    max = Math.max(max, d);
    if (max > 1000) return max;
    if (Array.isArray(n.content)) for (const c of n.content) if (isJsonNode(c)) stack.push([c, d + 1]);
  }
  return max;
}

function sanitiseNode(node: JsonNode): JsonNode {
  const marks = node.marks
    ?.filter((mk) => mk.type !== "link" || isAllowedHref(mk.attrs?.href))
    .map((mk) => (mk.type === "link" ? { type: "link", attrs: { href: mk.attrs!.href, rel: LINK_REL } } : mk));
  return {
    ...node,
    ...(typeof node.text === "string" ? { text: cleanText(node.text) } : {}),
    ...(node.attrs ? { attrs: cleanAttrs(node.attrs) } : {}),
    ...(marks ? { marks } : {}),
    ...(Array.isArray(node.content)
      ? { content: node.content.map((c) => (isJsonNode(c) ? sanitiseNode(c) : c)).filter((c) => !isJsonNode(c) || c.type !== "text" || c.text) }
      : {}),
  };
}

function cleanAttrs(attrs: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(attrs).map(([k, value]) => [k, typeof value === "string" ? cleanLine(value) : value]));
}

/**
 * The same hygiene for text that never passed a form (a paper's Yjs state), before it is exported:
 * text keeps tabs and line breaks, attributes (mention labels, link targets) are single-line.
 */
export function cleanJsonText(node: JsonNode): JsonNode {
  return {
    ...node,
    ...(typeof node.text === "string" ? { text: cleanText(node.text) } : {}),
    ...(node.attrs ? { attrs: cleanAttrs(node.attrs) } : {}),
    ...(node.marks ? { marks: node.marks.map((mk) => (mk.attrs ? { ...mk, attrs: cleanAttrs(mk.attrs) } : mk)) } : {}),
    ...(Array.isArray(node.content) ? { content: node.content.filter(isJsonNode).map(cleanJsonText) } : {}),
  };
}
