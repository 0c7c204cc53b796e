// The awareness cursor check against real relative positions (built the way y-tiptap builds them,
// without an editor) and every malformed shape the research note measured breaking y-tiptap.
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { YJS_FRAGMENT } from "../domain/collab.ts";
import { richTextSchema } from "./content.ts";
import { cursorFitsDocument, isValidCursor } from "./cursor.ts";

function paper() {
  const doc = prosemirrorJSONToYDoc(
    richTextSchema("document"),
    { type: "doc", content: [{ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Ziele" }] }, { type: "paragraph", content: [{ type: "text", text: "Ein Absatz." }] }] },
    YJS_FRAGMENT,
  );
  const fragment = doc.getXmlFragment(YJS_FRAGMENT);
  const text = (fragment.get(1) as Y.XmlElement).get(0) as unknown as Y.XmlText;
  return { doc, fragment, text };
}

/** What arrives at the server: y-tiptap puts Y.RelativePosition objects into the awareness state, which travels as JSON. */
const overTheWire = (value: unknown) => JSON.parse(JSON.stringify(value));

function realCursors() {
  const { doc, fragment, text } = paper();
  const inText = Y.createRelativePositionFromTypeIndex(text, 3, -1);
  const endOfText = Y.createRelativePositionFromTypeIndex(text, text.length, 0);
  const endOfDocument = Y.createRelativePositionFromTypeIndex(fragment, fragment.length, 0);
  return {
    doc,
    // y-tiptap's shape: every field present, nulls included.
    selection: overTheWire({ anchor: inText, head: endOfText }),
    // The compact JSON Yjs itself produces, nulls left out.
    compact: { anchor: Y.relativePositionToJSON(inText), head: Y.relativePositionToJSON(endOfDocument) },
    atRoot: overTheWire({ anchor: endOfDocument, head: endOfDocument }),
  };
}

describe("isValidCursor", () => {
  it("accepts the cursors y-tiptap writes, and no cursor at all", () => {
    const { doc, selection, compact, atRoot } = realCursors();
    expect(selection.anchor).toEqual({ type: { client: doc.clientID, clock: expect.any(Number) }, tname: null, item: { client: doc.clientID, clock: expect.any(Number) }, assoc: -1 });
    expect(atRoot.anchor).toEqual({ type: null, tname: "default", item: null, assoc: 0 });
    for (const cursor of [selection, compact, atRoot, null, undefined]) expect(isValidCursor(cursor)).toBe(true);
    // And they resolve in Yjs.
    for (const side of [selection.anchor, selection.head, compact.head]) {
      expect(Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(side), doc)).not.toBeNull();
    }
  });

  it("refuses every malformed shape", () => {
    const { selection } = realCursors();
    const anchor = selection.anchor;
    const bad: unknown[] = [
      {},
      "x",
      42,
      [],
      [anchor, anchor],
      { anchor: {}, head: {} },
      { anchor: null, head: null },
      { anchor, head: null },
      { anchor },
      { anchor, head: anchor, extra: 1 },
      { anchor: { ...anchor, extra: 1 }, head: anchor },
      { anchor: { type: null, tname: null, item: null, assoc: 0 }, head: anchor },
      { anchor: { ...anchor, item: { client: anchor.item.client, clock: -1 } }, head: anchor },
      { anchor: { ...anchor, item: { client: -1, clock: 0 } }, head: anchor },
      { anchor: { ...anchor, item: { client: anchor.item.client, clock: 1.5 } }, head: anchor },
      { anchor: { ...anchor, item: { client: String(anchor.item.client), clock: 0 } }, head: anchor },
      { anchor: { ...anchor, item: { client: anchor.item.client, clock: 0, x: 1 } }, head: anchor },
      { anchor: { ...anchor, item: { client: anchor.item.client } }, head: anchor },
      { anchor: { ...anchor, type: [1, 2] }, head: anchor },
      { anchor: { ...anchor, item: { client: 2 ** 60, clock: 0 } }, head: anchor },
      { anchor: { type: null, tname: "junk", item: null }, head: anchor },
      { anchor: { tname: 5 }, head: anchor },
      { anchor: { ...anchor, assoc: "links" }, head: anchor },
      { anchor: { ...anchor, assoc: 0.5 }, head: anchor },
      JSON.parse(`{"anchor": ${JSON.stringify(anchor)}, "head": ${JSON.stringify(anchor)}, "__proto__": {}}`),
      JSON.parse(`{"anchor": {"__proto__": {}, "tname": "default"}, "head": ${JSON.stringify(anchor)}}`),
    ];
    for (const cursor of bad) expect(isValidCursor(cursor), JSON.stringify(cursor)).toBe(false);
  });

  it("refuses what breaks Yjs (and so y-tiptap's caret decorations) or plants a root type", () => {
    const { doc, selection } = realCursors();
    const resolve = (side: unknown) => Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(side as never), doc);
    expect(() => resolve({})).toThrow();
    expect(() => resolve({ ...selection.anchor, item: { client: selection.anchor.item.client, clock: -1 } })).toThrow();
    resolve({ tname: "junk" });
    expect(doc.share.has("junk")).toBe(true);
    expect(isValidCursor({ anchor: {}, head: {} })).toBe(false);
    expect(isValidCursor({ anchor: { tname: "junk" }, head: { tname: "junk" } })).toBe(false);
  });
});

describe("cursorFitsDocument", () => {
  it("accepts cursors into this document and no cursor", () => {
    const { doc, selection, compact, atRoot } = realCursors();
    for (const cursor of [selection, compact, atRoot, null]) expect(cursorFitsDocument(cursor, doc)).toBe(true);
  });

  it("refuses ids the document does not have, and every malformed shape", () => {
    const { doc, selection } = realCursors();
    const { anchor, head } = selection;
    const state = Y.getState(doc.store, doc.clientID);
    const unknownClient = doc.clientID === 1 ? 2 : 1;
    expect(cursorFitsDocument({ anchor: { ...anchor, item: { client: unknownClient, clock: 0 } }, head }, doc)).toBe(false);
    expect(cursorFitsDocument({ anchor, head: { ...head, type: { client: unknownClient, clock: 0 } } }, doc)).toBe(false);
    expect(cursorFitsDocument({ anchor: { ...anchor, item: { client: doc.clientID, clock: state } }, head }, doc)).toBe(false);
    expect(cursorFitsDocument({ anchor: { ...anchor, item: { client: doc.clientID, clock: state - 1 } }, head }, doc)).toBe(true);
    // A cursor from another copy of the paper (another client's ids) does not fit.
    expect(cursorFitsDocument(selection, paper().doc)).toBe(false);
    for (const bad of [{}, "x", { anchor: {}, head: {} }, { anchor: null, head: null }, { anchor: { tname: "junk" }, head }]) {
      expect(cursorFitsDocument(bad, doc)).toBe(false);
    }
  });
});
