// The fallback for comment anchors whose relative positions no longer resolve (e.g. after a version
// was restored and the commented words were re-created): find the stored quote in the document
// again, using the stored context to choose between occurrences. Pure: no Yjs, no DOM, so the
// sidebar, exports and tests can all use it.
import type { Node as PMNode } from "@tiptap/pm/model";
import type { AnchorText } from "./anchors.ts";

/** How much of the stored context must agree before a quote found elsewhere is trusted. */
export const FALLBACK_MIN_CONTEXT_CHARS = 8;

/**
 * The document's text as `anchorText` sees it (`textBetween(…, " ", " ")`), with the ProseMirror
 * position of every character, so a match in the text maps back to a document range.
 */
function flatText(doc: PMNode) {
  let text = "";
  const positions: number[] = [];
  let first = true;
  doc.nodesBetween(0, doc.content.size, (node, pos) => {
    const nodeText = node.isText ? node.text ?? "" : node.isLeaf ? " " : "";
    if (node.isBlock && ((node.isLeaf && nodeText) || node.isTextblock)) {
      if (first) first = false;
      else {
        text += " ";
        positions.push(pos); // a block boundary: never the start of a quote that began in text
      }
    }
    for (let i = 0; i < nodeText.length; i++) positions.push(node.isText ? pos + i : pos);
    text += nodeText;
  });
  return { text, positions };
}

function commonSuffixLength(a: string, b: string) {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * The range of `thread.quote` in `doc`, or null. With several occurrences, the one whose
 * surroundings agree most with the stored prefix and suffix wins; an occurrence whose context
 * disagrees (fewer than FALLBACK_MIN_CONTEXT_CHARS matching, when context was stored) is not
 * trusted, so a deleted quote does not jump to the same words elsewhere.
 */
export function reanchorByQuote(doc: PMNode, thread: AnchorText): { from: number; to: number } | null {
  const quote = thread.quote;
  if (!quote) return null;
  const { text, positions } = flatText(doc);
  const contextAvailable = thread.prefix.length + thread.suffix.length;
  const needed = Math.min(FALLBACK_MIN_CONTEXT_CHARS, contextAvailable);
  let best: { start: number; score: number } | null = null;
  for (let start = text.indexOf(quote); start >= 0; start = text.indexOf(quote, start + 1)) {
    const end = start + quote.length;
    const score =
      commonSuffixLength(text.slice(Math.max(0, start - thread.prefix.length), start), thread.prefix) +
      commonPrefixLength(text.slice(end, end + thread.suffix.length), thread.suffix);
    if (score < needed) continue;
    if (!best || score > best.score) best = { start, score };
  }
  if (!best) return null;
  const from = positions[best.start];
  const to = positions[best.start + quote.length - 1] + 1;
  return to > from ? { from, to } : null;
}
