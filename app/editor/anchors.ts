// Comment anchors that live outside the editable text: a pair of Yjs relative positions (base64)
// over the Y.XmlFragment "default", plus the quoted text and some context. Relative positions
// follow the words through everyone's concurrent edits; commenters need no edit rights.
import { absolutePositionToRelativePosition, initProseMirrorDoc, relativePositionToAbsolutePosition } from "@tiptap/y-tiptap";
import type { Node as PMNode, Schema } from "@tiptap/pm/model";
import { fromBase64, toBase64 } from "lib0/buffer";
import * as Y from "yjs";
import { YJS_FRAGMENT } from "../domain/collab.ts";

export const ANCHOR_CONTEXT_CHARS = 40;

export type Anchor = { anchorStart: string; anchorEnd: string };
export type AnchorText = { quote: string; prefix: string; suffix: string };

/** What the y-tiptap helpers need: the ProseMirror↔Yjs mapping of a bound or freshly read document. */
export type Mapping = Parameters<typeof absolutePositionToRelativePosition>[2];

/**
 * The anchor of a ProseMirror range. The start is glued to the first quoted character and the end to
 * the last one, so text typed just in front of or just behind the words stays outside the comment,
 * while text typed between them belongs to it.
 */
export function anchorFromRange(fragment: Y.XmlFragment, mapping: Mapping, from: number, to: number): Anchor {
  const relative = (pos: number) => absolutePositionToRelativePosition(pos, fragment, mapping) as Y.RelativePosition;
  const encode = (rel: Y.RelativePosition) => toBase64(Y.encodeRelativePosition(rel));
  return { anchorStart: encode(gluedToNext(fragment, relative(from))), anchorEnd: encode(relative(to)) };
}

/** y-tiptap's relative positions stick to the character before them; this one sticks to the one after. */
function gluedToNext(fragment: Y.XmlFragment, rel: Y.RelativePosition): Y.RelativePosition {
  const abs = fragment.doc ? Y.createAbsolutePositionFromRelativePosition(rel, fragment.doc) : null;
  if (!abs || !(abs.type instanceof Y.XmlText) || abs.index >= abs.type.length) return rel;
  return Y.createRelativePositionFromTypeIndex(abs.type, abs.index, 0);
}

/** One end of an anchor (base64), or null when it does not decode. */
export function decodeAnchorPart(b64: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(b64));
  } catch {
    return null;
  }
}

/**
 * The current range of an anchor (comment thread or suggestion), or null when its text has been
 * deleted. A `point` (a suggested insertion: both ends equal) resolves its start only and is empty.
 */
export function resolveAnchor(ydoc: Y.Doc, fragment: Y.XmlFragment, mapping: Mapping, anchor: Anchor, { point = false } = {}): { from: number; to: number } | null {
  try {
    const at = (b64: string) => {
      const rel = decodeAnchorPart(b64);
      return rel ? relativePositionToAbsolutePosition(ydoc, fragment, rel, mapping) : null;
    };
    const from = at(anchor.anchorStart);
    if (from === null) return null;
    if (point) return { from, to: from };
    const to = at(anchor.anchorEnd);
    if (to === null || to <= from) return null;
    return { from, to };
  } catch {
    return null;
  }
}

export function anchorText(doc: PMNode, from: number, to: number): AnchorText {
  const text = (a: number, b: number) => doc.textBetween(Math.max(0, a), Math.min(doc.content.size, b), " ", " ");
  return { quote: text(from, to), prefix: text(from - ANCHOR_CONTEXT_CHARS, from), suffix: text(to, to + ANCHOR_CONTEXT_CHARS) };
}

/** Reads a Y.Doc without an editor (server, tests): the ProseMirror doc and the mapping. */
export function readYDoc(ydoc: Y.Doc, schema: Schema) {
  const fragment = ydoc.getXmlFragment(YJS_FRAGMENT);
  const { doc, mapping } = initProseMirrorDoc(fragment, schema);
  return { fragment, doc, mapping: mapping as Mapping };
}

/** Finds `text` in the document and returns its ProseMirror range (first occurrence). */
export function findText(doc: PMNode, text: string): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (found || !node.isText || !node.text) return !found;
    const i = node.text.indexOf(text);
    if (i >= 0) found = { from: pos + i, to: pos + i + text.length };
    return false;
  });
  return found;
}
