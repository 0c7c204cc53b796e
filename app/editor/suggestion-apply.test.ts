// The pure accept on a real Y.Doc (no server): each kind applies once as one transaction, text typed
// by others at the boundaries stays outside, plain text never inherits a neighbour's bold, and a
// suggestion whose words are gone or changed is stale and changes nothing.
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { YJS_FRAGMENT } from "../domain/collab.ts";
import type { SuggestionKind } from "../domain/model.ts";
import { anchorText, findText, readYDoc } from "./anchors.ts";
import { richTextSchema } from "./content.ts";
import { applySuggestionToDoc, plainTextOfYText, type InlineNode } from "./suggestion-apply.ts";
import { suggestionAnchor } from "./suggestion-anchors.ts";

const schema = richTextSchema("document");
const paper = () => prosemirrorJSONToYDoc(schema, {
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text: "Die Länder fördern " }, { type: "text", text: "eventuell dauerhaft", marks: [{ type: "bold" }] }, { type: "text", text: " MINT." }] }],
}, YJS_FRAGMENT);
const text = (ydoc: Y.Doc) => readYDoc(ydoc, schema).doc.textContent;
const ytext = (ydoc: Y.Doc) => (ydoc.getXmlFragment(YJS_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;

function suggestion(ydoc: Y.Doc, kind: SuggestionKind, words: string, insertJson: InlineNode[] = []) {
  const { fragment, doc, mapping } = readYDoc(ydoc, schema);
  const range = findText(doc, words)!;
  const from = kind === "insert" ? range.to : range.from;
  return { id: "s1", kind, ...suggestionAnchor(fragment, mapping, kind, from, range.to), quote: kind === "insert" ? "" : anchorText(doc, from, range.to).quote, insertJson };
}

describe("applySuggestionToDoc", () => {
  it("applies an insertion, a replacement and a deletion as forward changes", () => {
    const ydoc = paper();
    expect(applySuggestionToDoc(ydoc, suggestion(ydoc, "insert", "Die Länder", [{ type: "text", text: " gemeinsam" }]))).toBe("applied");
    expect(applySuggestionToDoc(ydoc, suggestion(ydoc, "replace", "dauerhaft", [{ type: "text", text: "langfristig", marks: [{ type: "bold" }] }]))).toBe("applied");
    expect(applySuggestionToDoc(ydoc, suggestion(ydoc, "delete", "eventuell "))).toBe("applied");
    expect(text(ydoc)).toBe("Die Länder gemeinsam fördern langfristig MINT.");
    expect(ytext(ydoc).toDelta()).toEqual([{ insert: "Die Länder gemeinsam fördern " }, { insert: "langfristig", attributes: { bold: {} } }, { insert: " MINT." }]);
  });

  it("plain text inside bold text stays plain; others' text at the boundaries stays outside a deletion", () => {
    const ydoc = paper();
    const del = suggestion(ydoc, "delete", "eventuell");
    const t = ytext(ydoc);
    const at = "Die Länder fördern ".length;
    t.insert(at, "X", { bold: {} }); // typed just before the deleted words
    t.insert(at + 1 + "eventuell".length, "Y", { bold: {} }); // and just after
    expect(applySuggestionToDoc(ydoc, del)).toBe("applied");
    expect(text(ydoc)).toBe("Die Länder fördern XY dauerhaft MINT.");
    const ins = suggestion(ydoc, "insert", "XY", [{ type: "text", text: "neu" }]);
    expect(applySuggestionToDoc(ydoc, ins)).toBe("applied");
    expect(ytext(ydoc).toDelta()).toContainEqual({ insert: "neu" });
  });

  it("is stale, and changes nothing, when its words were deleted or changed", () => {
    const ydoc = paper();
    const replace = suggestion(ydoc, "replace", "dauerhaft", [{ type: "text", text: "langfristig" }]);
    const at = plainTextOfYText(ytext(ydoc)).indexOf("dauerhaft");
    ytext(ydoc).insert(at + 3, "Z"); // someone changed the words inside the range
    const before = Y.encodeStateAsUpdate(ydoc);
    expect(applySuggestionToDoc(ydoc, replace)).toBe("stale");
    expect(Y.encodeStateAsUpdate(ydoc)).toEqual(before);
    const del = suggestion(ydoc, "delete", "MINT");
    const plainAt = text(ydoc).indexOf("MINT");
    ytext(ydoc).delete(plainAt, 4);
    expect(applySuggestionToDoc(ydoc, del)).toBe("stale");
    expect(applySuggestionToDoc(ydoc, { ...del, anchorStart: "@@@" })).toBe("stale");
  });
});
