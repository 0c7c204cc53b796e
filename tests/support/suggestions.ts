// Building suggestion form fields from a real client's Y.Doc, as the editor would: find the words,
// anchor them with the kind's assoc (app/editor/suggestion-anchors.ts), quote them with context.
import type * as Y from "yjs";
import { anchorText, findText, readYDoc } from "../../app/editor/anchors.ts";
import { richTextSchema } from "../../app/editor/content.ts";
import { suggestionAnchor } from "../../app/editor/suggestion-anchors.ts";
import type { SuggestionKind } from "../../app/domain/model.ts";

/**
 * Fields for `intent=create`. For an insertion, `words` is the text the new text follows (the point
 * is right after it); for a deletion or replacement, the words it covers.
 */
export function suggestionFields(ydoc: Y.Doc, kind: SuggestionKind, words: string, text = ""): Record<string, string> {
  const { fragment, doc, mapping } = readYDoc(ydoc, richTextSchema("document"));
  const range = findText(doc, words);
  if (!range) throw new Error(`"${words}" is not in the document`);
  const from = kind === "insert" ? range.to : range.from;
  const to = range.to;
  const anchor = suggestionAnchor(fragment, mapping, kind, from, to);
  const context = anchorText(doc, from, to);
  return { intent: "create", kind, ...anchor, quote: kind === "insert" ? "" : context.quote, prefix: context.prefix, suffix: context.suffix, text };
}
