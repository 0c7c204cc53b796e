import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorFromRange, anchorText, findText, readYDoc, resolveAnchor, type Anchor } from "./anchors.ts";
import { richTextSchema } from "./content.ts";

const schema = richTextSchema("document");
const SENTENCE = "MINT-Bildung muss entlang der Bildungskette verlässlich gefördert werden.";

function twoPeers() {
  const json = { type: "doc", content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Ausgangslage" }] },
    { type: "paragraph", content: [{ type: "text", text: SENTENCE }] },
    { type: "paragraph", content: [{ type: "text", text: "Ein zweiter Absatz." }] },
  ] };
  const a = prosemirrorJSONToYDoc(schema, json, "default");
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b };
}

/** Exchanges all missing updates both ways, as the collaboration server would. */
function sync(x: Y.Doc, y: Y.Doc) {
  const toY = Y.encodeStateAsUpdate(x, Y.encodeStateVector(y));
  const toX = Y.encodeStateAsUpdate(y, Y.encodeStateVector(x));
  Y.applyUpdate(y, toY);
  Y.applyUpdate(x, toX);
}

/** The XmlText inside the n-th block of the fragment. */
const textOf = (doc: Y.Doc, block: number) => (doc.getXmlFragment("default").get(block) as Y.XmlElement).get(0) as Y.XmlText;

function anchorOn(doc: Y.Doc, words: string): Anchor {
  const { fragment, doc: pm, mapping } = readYDoc(doc, schema);
  const range = findText(pm, words)!;
  return anchorFromRange(fragment, mapping, range.from, range.to);
}

function quoted(doc: Y.Doc, anchor: Anchor) {
  const { fragment, doc: pm, mapping } = readYDoc(doc, schema);
  const range = resolveAnchor(doc, fragment, mapping, anchor);
  return range ? anchorText(pm, range.from, range.to).quote : null;
}

describe("comment anchors", () => {
  it("follow the words through concurrent inserts and deletes around them", () => {
    const { a, b } = twoPeers();
    const anchor = anchorOn(a, "Bildungskette");
    textOf(b, 1).insert(0, "Kurz gesagt: ");                       // before, on another peer
    textOf(b, 1).delete(SENTENCE.indexOf("entlang") + 13, 8);     // "entlang " … deleted before the words
    textOf(a, 1).insert(SENTENCE.indexOf("verlässlich"), "sehr "); // after, concurrently
    textOf(a, 0).insert(0, "1. ");                                 // in another block
    sync(a, b);
    expect(textOf(a, 1).toString()).toBe(textOf(b, 1).toString());
    expect(quoted(a, anchor)).toBe("Bildungskette");
    expect(quoted(b, anchor)).toBe("Bildungskette");
  });

  it("grow when someone types inside the range", () => {
    const { a, b } = twoPeers();
    const anchor = anchorOn(a, "Bildungskette");
    textOf(b, 1).insert(SENTENCE.indexOf("kette"), "-");
    sync(a, b);
    expect(quoted(a, anchor)).toBe("Bildungs-kette");
  });

  it("do not grow when someone types right in front of or right behind the words", () => {
    const { a, b } = twoPeers();
    const anchor = anchorOn(a, "Bildungskette");
    const at = SENTENCE.indexOf("Bildungskette");
    textOf(b, 1).insert(at + "Bildungskette".length, " (alle Etappen)");
    textOf(b, 1).insert(at, "gesamten ");
    sync(a, b);
    expect(textOf(a, 1).toString()).toContain("der gesamten Bildungskette (alle Etappen) verlässlich");
    expect(quoted(a, anchor)).toBe("Bildungskette");
    expect(quoted(b, anchor)).toBe("Bildungskette");
  });

  it("survive a paragraph inserted before them", () => {
    const { a, b } = twoPeers();
    const anchor = anchorOn(a, "verlässlich gefördert");
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Neuer erster Absatz.")]);
    b.getXmlFragment("default").insert(0, [paragraph]);
    sync(a, b);
    expect(quoted(a, anchor)).toBe("verlässlich gefördert");
  });

  it("become orphans when their text is deleted, and keep quote and context", () => {
    const { a, b } = twoPeers();
    const { doc: pm, fragment, mapping } = readYDoc(a, schema);
    const range = findText(pm, "Bildungskette")!;
    const anchor = anchorFromRange(fragment, mapping, range.from, range.to);
    const text = anchorText(pm, range.from, range.to);
    expect(text).toEqual({ quote: "Bildungskette", prefix: expect.stringContaining("entlang der "), suffix: expect.stringContaining(" verlässlich") });
    textOf(b, 1).delete(SENTENCE.indexOf("der Bildungskette"), "der Bildungskette ".length);
    sync(a, b);
    expect(quoted(a, anchor)).toBeNull();
  });

  it("become orphans when their whole paragraph is deleted", () => {
    const { a, b } = twoPeers();
    const anchor = anchorOn(a, "zweiter Absatz");
    b.getXmlFragment("default").delete(2, 1);
    sync(a, b);
    expect(quoted(a, anchor)).toBeNull();
  });

  it("treat garbage anchors as orphans instead of throwing", () => {
    const { a } = twoPeers();
    expect(quoted(a, { anchorStart: "kaputt", anchorEnd: "AAAA" })).toBeNull();
  });
});
