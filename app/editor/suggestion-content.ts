// The proposed content of a suggestion as it travels and is stored: an array of inline ProseMirror
// JSON nodes, checked against the one editor schema (app/editor/extensions.ts), with the length caps
// shared by editor and server (SUGGESTION_LIMITS). The first version takes text with marks only:
// line breaks, mentions and paragraphs are refused (decision 025 lists them as later).
import { Fragment } from "@tiptap/pm/model";
import { SUGGESTION_LIMITS } from "../domain/model.ts";
import { isAllowedHref } from "./extensions.ts";
import { richTextSchema } from "./content.ts";
import type { InlineNode } from "./suggestion-apply.ts";

export type SuggestionContentError = "invalid" | "too-long" | "mismatch" | "structure";
export type ParsedSuggestionContent = { ok: true; nodes: InlineNode[]; text: string } | { ok: false; error: SuggestionContentError };

/** Control characters other than tab are not proposable text (they would not survive the editor). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/;

/**
 * Parses the proposal. Without `json` (plain HTTP clients) the proposal is `text` as one text node;
 * with it, the nodes must validate and their text must equal `text`, so the two never disagree.
 */
export function parseSuggestionContent(text: string, json: string | undefined): ParsedSuggestionContent {
  if (text.length > SUGGESTION_LIMITS.textMax) return { ok: false, error: "too-long" };
  if (CONTROL.test(text)) return { ok: false, error: "structure" };
  if (json === undefined || json === "") return { ok: true, nodes: text ? [{ type: "text", text }] : [], text };
  if (new TextEncoder().encode(json).length > SUGGESTION_LIMITS.insertJsonMaxBytes) return { ok: false, error: "too-long" };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, error: "invalid" };
  }
  if (!Array.isArray(raw) || raw.length > SUGGESTION_LIMITS.insertNodesMax) return { ok: false, error: "invalid" };
  const schema = richTextSchema("document");
  try {
    const nodes = raw.map((n: InlineNode) => {
      if (!n || typeof n !== "object") throw new Error("not a node");
      if (n.type !== "text") throw Object.assign(new Error("structure"), { structure: true });
      const marks = (n.marks ?? []).filter((mark) => mark.type !== "link" || isAllowedHref(mark.attrs?.href));
      return schema.nodeFromJSON({ type: "text", text: n.text, marks });
    });
    // The nodes must be valid paragraph content (known marks, no duplicates).
    if (!schema.nodes.paragraph.validContent(Fragment.from(nodes))) throw new Error("invalid content");
    const plain = nodes.map((n) => n.text ?? "").join("");
    if (plain !== text) return { ok: false, error: "mismatch" };
    return { ok: true, nodes: nodes.map((n) => n.toJSON() as InlineNode), text };
  } catch (error) {
    return { ok: false, error: (error as { structure?: boolean }).structure ? "structure" : "invalid" };
  }
}
