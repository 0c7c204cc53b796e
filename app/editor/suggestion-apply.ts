// Suggestions (Änderungsvorschläge, docs/decisions/025) on the Y.Doc itself, with no database and no
// server imports, so the same code runs in the collaboration room, in a script or in a test. A
// suggestion is plain data: its anchors (base64 Yjs relative positions, outside the text), the text it
// covers when it was made (`quote`) and the proposed inline content. Accepting applies it as one
// forward change; when the words it refers to are gone or changed, it is "stale" and nothing changes.
import * as Y from "yjs";
import type { SuggestionKind } from "../domain/model.ts";
import { ANCHOR_CONTEXT_CHARS, decodeAnchorPart } from "./anchors.ts";

/** Inline ProseMirror JSON of the proposal: text nodes with marks (the first version has no breaks). */
export type InlineNode = { type: string; text?: string; marks?: Array<{ type: string; attrs?: Record<string, unknown> }> };

export type SuggestionToApply = {
  id: string;
  kind: SuggestionKind;
  anchorStart: string;
  anchorEnd: string;
  /** The covered text when the suggestion was made ("" for an insertion). */
  quote: string;
  insertJson: InlineNode[];
};

export type ApplyResult = "applied" | "stale";

/** The text of a Y.XmlText as ProseMirror counts it: embeds count one character. */
export function plainTextOfYText(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === "string" ? op.insert : "\uFFFC")).join("");
}

export type SuggestionTarget = { text: Y.XmlText; from: number; to: number };

/**
 * Where a suggestion applies in `ydoc` now, or null when it cannot: an anchor that does not decode or
 * resolve, ends in different text runs (it crossed a paragraph or a line break), or, for a deletion
 * or replacement, a covered text that is no longer exactly the quoted one (someone deleted or
 * changed it meanwhile: applying it then would remove words its author never saw).
 */
export function resolveSuggestionTarget(ydoc: Y.Doc, s: Pick<SuggestionToApply, "kind" | "anchorStart" | "anchorEnd" | "quote">): SuggestionTarget | null {
  const startRel = decodeAnchorPart(s.anchorStart);
  const endRel = decodeAnchorPart(s.anchorEnd);
  if (!startRel || !endRel) return null;
  let a: Y.AbsolutePosition | null;
  let b: Y.AbsolutePosition | null;
  try {
    a = Y.createAbsolutePositionFromRelativePosition(startRel, ydoc);
    b = Y.createAbsolutePositionFromRelativePosition(endRel, ydoc);
  } catch {
    return null;
  }
  if (!a || !b || a.type !== b.type || !(a.type instanceof Y.XmlText)) return null;
  const text = a.type;
  if (s.kind === "insert") return a.index === b.index ? { text, from: a.index, to: a.index } : null;
  if (b.index <= a.index) return null;
  if (plainTextOfYText(text).slice(a.index, b.index) !== s.quote) return null;
  return { text, from: a.index, to: b.index };
}

/**
 * The words around a suggestion's target in its paragraph (ANCHOR_CONTEXT_CHARS each side), as the
 * stored "original context" of a stale card. Read from the Y.Doc, so no client can choose them.
 */
export function contextOfTarget(target: SuggestionTarget): { prefix: string; suffix: string } {
  const plain = plainTextOfYText(target.text);
  return { prefix: plain.slice(Math.max(0, target.from - ANCHOR_CONTEXT_CHARS), target.from), suffix: plain.slice(target.to, target.to + ANCHOR_CONTEXT_CHARS) };
}

/**
 * The marks of the text a suggestion continues: the first covered character of a deletion or
 * replacement, the character before an insertion. Used when a plain-text client proposes text, so
 * "oft" for "häufig" inside bold text stays bold, as typing there in the editor would.
 */
export function marksAt(target: SuggestionTarget, kind: SuggestionKind): NonNullable<InlineNode["marks"]> {
  const index = kind === "insert" ? target.from - 1 : target.from;
  if (index < 0) return [];
  let at = 0;
  for (const op of target.text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    const length = typeof op.insert === "string" ? op.insert.length : 1;
    if (index < at + length) {
      return Object.entries(op.attributes ?? {}).map(([type, attrs]) =>
        attrs && typeof attrs === "object" && Object.keys(attrs).length ? { type, attrs: attrs as Record<string, unknown> } : { type });
    }
    at += length;
  }
  return [];
}

/** Yjs formatting attributes of a node's marks. Plain text gets `{}`, so it does not take its neighbour's bold. */
function attributesOf(node: InlineNode): Record<string, unknown> {
  return Object.fromEntries((node.marks ?? []).map((mark) => [mark.type, mark.attrs ?? {}]));
}

/**
 * Applies an open suggestion as one transaction on `ydoc` (the live room's document, or a copy of it).
 * Returns "stale" and changes nothing when its anchors no longer lead to the text it was made on.
 * The caller has claimed the suggestion first, so it is applied at most once.
 */
export function applySuggestionToDoc(ydoc: Y.Doc, suggestion: SuggestionToApply): ApplyResult {
  const target = resolveSuggestionTarget(ydoc, suggestion);
  if (!target) return "stale";
  if (suggestion.insertJson.some((n) => n.type !== "text" || typeof n.text !== "string")) return "stale";
  const { text, from, to } = target;
  ydoc.transact(() => {
    let at = to;
    if (suggestion.kind !== "insert") {
      text.delete(from, to - from);
      at = from;
    }
    for (const node of suggestion.insertJson) {
      text.insert(at, node.text!, attributesOf(node));
      at += node.text!.length;
    }
  }, `accept-suggestion:${suggestion.id}`);
  return "applied";
}
