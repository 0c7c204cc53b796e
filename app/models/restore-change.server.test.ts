// The minimal restore patch on plain Y.Docs: the result equals the version exactly (text, marks,
// attributes, structure), untouched blocks keep their Yjs items, comment anchors into kept words
// still resolve, and a concurrent edit in an untouched block survives the restore.
import { prosemirrorJSONToYDoc, prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorFromRange, anchorText, findText, readYDoc, resolveAnchor, type Anchor } from "../editor/anchors.ts";
import { richTextSchema, type JsonNode } from "../editor/content.ts";
import { patchFragment } from "./restore-change.server.ts";

const schema = richTextSchema("document");
const text = (t: string, marks?: JsonNode["marks"]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const paragraph = (...content: object[]) => ({ type: "paragraph", content });
const docJson = (...blocks: object[]) => ({ type: "doc", content: blocks }) as JsonNode;

function live(json: JsonNode) {
  return prosemirrorJSONToYDoc(schema, json, "default");
}

/** Patches `ydoc` towards `json` as restoreVersion does; returns the update collaborators receive. */
function restore(ydoc: Y.Doc, json: JsonNode) {
  const scratch = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, json, scratch.getXmlFragment("default"));
  const before = Y.encodeStateVector(ydoc);
  ydoc.transact(() => patchFragment(ydoc.getXmlFragment("default"), scratch.getXmlFragment("default")));
  scratch.destroy();
  return Y.encodeStateAsUpdate(ydoc, before);
}

const jsonOf = (ydoc: Y.Doc) => yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment("default"), schema).toJSON();
const normalised = (json: JsonNode) => schema.nodeFromJSON(json).toJSON();

function anchorOn(ydoc: Y.Doc, words: string): Anchor {
  const { fragment, doc, mapping } = readYDoc(ydoc, schema);
  const range = findText(doc, words)!;
  return anchorFromRange(fragment, mapping, range.from, range.to);
}

function quoted(ydoc: Y.Doc, anchor: Anchor) {
  const { fragment, doc, mapping } = readYDoc(ydoc, schema);
  const range = resolveAnchor(ydoc, fragment, mapping, anchor);
  return range ? anchorText(doc, range.from, range.to).quote : null;
}

const P1 = "Die Länder fördern MINT-Bildung entlang der ganzen Bildungskette.";
const P2 = "Wir fordern zwei zusätzliche Stellen pro Land und verlässliche Mittel.";
const P3 = "Die Koordinierung übernimmt das Länderforum mit seinen Gremien.";

describe("patchFragment", () => {
  it("yields exactly the version, keeps untouched blocks and the shared words of a changed one", () => {
    const ydoc = live(docJson(paragraph(text(P1)), paragraph(text(P2)), paragraph(text(P3))));
    const fragment = ydoc.getXmlFragment("default");
    const [first, , third] = fragment.toArray();
    const onFirst = anchorOn(ydoc, "MINT-Bildung");
    const onSecond = anchorOn(ydoc, "verlässliche Mittel");
    const onThird = anchorOn(ydoc, "Länderforum");
    const version = docJson(paragraph(text(P1)), paragraph(text("Wir fordern drei zusätzliche Stellen pro Land und verlässliche Mittel.")), paragraph(text(P3)));

    const update = restore(ydoc, version);

    expect(jsonOf(ydoc)).toEqual(normalised(version));
    expect(fragment.get(0)).toBe(first);
    expect(fragment.get(2)).toBe(third);
    expect(quoted(ydoc, onFirst)).toBe("MINT-Bildung");
    expect(quoted(ydoc, onSecond)).toBe("verlässliche Mittel");
    expect(quoted(ydoc, onThird)).toBe("Länderforum");
    // One word replaced, not the paper re-sent: far smaller than the document itself.
    expect(update.byteLength).toBeLessThan(Y.encodeStateAsUpdate(live(version)).byteLength / 4);
  });

  it("inserts, deletes and reorders blocks, changes attributes and formatting", () => {
    const ydoc = live(docJson(
      { type: "heading", attrs: { level: 2 }, content: [text("Ausgangslage")] },
      paragraph(text(P1)),
      paragraph(text(P2)),
      { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("Erstens"))] }, { type: "listItem", content: [paragraph(text("Zweitens"))] }] },
      paragraph(text(P3)),
    ));
    const onThird = anchorOn(ydoc, "Länderforum");
    const version = docJson(
      { type: "heading", attrs: { level: 3 }, content: [text("Ausgangslage")] },
      paragraph(text("Die Länder "), text("fördern", [{ type: "bold" }]), text(" MINT-Bildung entlang der "), text("ganzen", [{ type: "link", attrs: { href: "https://example.org/kette" } }]), text(" Bildungskette.")),
      { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("Erstens"))] }, { type: "listItem", content: [paragraph(text("Drittens, neu"))] }] },
      paragraph(text(P3)),
      { type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", content: [paragraph(text("Land"))] }, { type: "tableCell", content: [paragraph(text("Stellen"))] }] }] },
    );
    restore(ydoc, version);
    expect(jsonOf(ydoc)).toEqual(normalised(version));
    expect(quoted(ydoc, onThird)).toBe("Länderforum");

    // And back again, removing the formatting: still exact.
    const plain = docJson(paragraph(text(P1)), paragraph(text(P3)));
    restore(ydoc, plain);
    expect(jsonOf(ydoc)).toEqual(normalised(plain));
    expect(quoted(ydoc, onThird)).toBe("Länderforum");
  });

  it("leaves a concurrent edit in an untouched block in place", () => {
    const server = live(docJson(paragraph(text(P1)), paragraph(text(P2)), paragraph(text(P3))));
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(server));
    // The editor types in paragraph 3 while the restore changes paragraph 2.
    ((editor.getXmlFragment("default").get(2) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "Neu: ");
    const update = restore(server, docJson(paragraph(text(P1)), paragraph(text("Ganz anders.")), paragraph(text(P3))));
    Y.applyUpdate(editor, update);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(editor, Y.encodeStateVector(server)));
    const expected = normalised(docJson(paragraph(text(P1)), paragraph(text("Ganz anders.")), paragraph(text(`Neu: ${P3}`))));
    expect(jsonOf(server)).toEqual(expected);
    expect(jsonOf(editor)).toEqual(expected);
  });

  it("reaches the version from many random starting points", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const words = ["Länder", "MINT", "fördern", "Bildung", "Stellen", "Mittel", "Gremium", "Kette", "neu", "alt"];
    const sentence = () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => words[Math.floor(random() * words.length)]).join(" ");
    const block = (): object => {
      const r = random();
      if (r < 0.6) return paragraph(text(sentence(), random() < 0.2 ? [{ type: "italic" }] : undefined));
      if (r < 0.8) return { type: "heading", attrs: { level: 2 + Math.floor(random() * 3) }, content: [text(sentence())] };
      return { type: "bulletList", content: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ type: "listItem", content: [paragraph(text(sentence()))] })) };
    };
    const randomDoc = () => docJson(...Array.from({ length: 1 + Math.floor(random() * 7) }, block));
    for (let i = 0; i < 60; i++) {
      const start = randomDoc();
      const ydoc = live(start);
      const target = random() < 0.5 ? randomDoc() : docJson(...(start.content ?? []).filter(() => random() < 0.7), block());
      restore(ydoc, target);
      expect(jsonOf(ydoc), `case ${i}`).toEqual(normalised(target));
    }
  });
});
