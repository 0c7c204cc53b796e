// The collaboration guard on real Y docs: dependency checks with real clients (no false positives,
// every kind of gap caught), every hard schema violation refused without keeping it, the soft ones
// that honest concurrent edits produce accepted and normalised, the incremental cache agreeing
// with a full conversion, and derived JSON identical to y-tiptap's converter for valid papers.
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { toHtml, toMarkdown } from "../models/document-export.server.ts";
import { yStateFromJson } from "../models/documents.server.ts";
import { MINT_PAPER } from "../../prisma/seed-documents.ts";
import { COLLAB_LIMITS, YJS_FRAGMENT } from "../domain/collab.ts";
import { plainTextOf, richTextSchema, type JsonNode } from "./content.ts";
import { LINK_REL } from "./extensions.ts";
import { deriveFromState, hasPending, missingDependency, ShadowDocument, stripPending, UpdateRefused } from "./y-schema-guard.ts";

const schema = richTextSchema("document");

// ---------------------------------------------------------------- papers

const text = (t: string, marks?: JsonNode["marks"]): JsonNode => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const p = (...content: JsonNode[]): JsonNode => ({ type: "paragraph", content });
const li = (...content: JsonNode[]): JsonNode => ({ type: "listItem", content });
const cell = (type: "tableCell" | "tableHeader", ...content: JsonNode[]): JsonNode => ({ type, content });
const link = (href: string) => ({ type: "link", attrs: { href, target: null, rel: LINK_REL, class: null, title: null } });

/** Every node and mark of the schema at least once. */
const RICH_PAPER: JsonNode = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [text("Ziele "), text("fett", [{ type: "bold" }])] },
    p(text("Ein "), text("kursiver", [{ type: "italic" }]), text(" und "), text("beides", [{ type: "bold" }, { type: "italic" }]), text(" Satz.")),
    p(text("Zeile eins"), { type: "hardBreak" }, text("Zeile zwei mit "), text("Verweis", [link("https://www.mint-regionen.de")]), text(" und "), text("Post", [link("mailto:info@example.org"), { type: "bold" }])),
    p(text("Hallo "), { type: "mention", attrs: { id: "u1", label: "Anna" } }, text(", bitte prüfen.")),
    { type: "heading", attrs: { level: 3 }, content: [text("Liste")] },
    { type: "bulletList", content: [li(p(text("eins"))), li(p(text("zwei")), { type: "bulletList", content: [li(p(text("zwei a"))), li(p(text("zwei b")))] })] },
    { type: "orderedList", attrs: { start: 3, type: null }, content: [li(p(text("drei"))), li(p(text("vier")))] },
    { type: "blockquote", content: [p(text("Zitat")), { type: "heading", attrs: { level: 4 }, content: [text("im Zitat")] }] },
    {
      type: "table",
      content: [
        { type: "tableRow", content: [cell("tableHeader", p(text("Etappe"))), cell("tableHeader", p(text("Maßnahme")))] },
        { type: "tableRow", content: [cell("tableCell", p(text("Kita")), p(text("zweiter Absatz"))), { type: "tableCell", attrs: { colspan: 1, rowspan: 1, colwidth: [120], align: "center" }, content: [p(text("Forscherprojekte", [{ type: "bold" }]))] }] },
      ],
    },
    p(),
  ],
};

function stateOf(json: JsonNode): Uint8Array {
  const doc = prosemirrorJSONToYDoc(schema, json, YJS_FRAGMENT);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** What deriveContent returned before this module: y-tiptap's converter, here on a throw-away copy. */
function referenceDerive(state: Uint8Array): { json: JsonNode; text: string } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(YJS_FRAGMENT), schema);
  doc.destroy();
  return { json: node.toJSON() as JsonNode, text: plainTextOf(node) };
}

// ---------------------------------------------------------------- a room and its clients

/** The server side as the collaboration server runs it: shadow first, room doc only after. */
class Room {
  readonly doc = new Y.Doc();
  readonly shadow: ShadowDocument;
  constructor(state: Uint8Array | null) {
    if (state) Y.applyUpdate(this.doc, state);
    this.shadow = new ShadowDocument(state);
  }
  send(update: Uint8Array): string[] {
    const soft = this.shadow.apply(update, Y.decodeUpdate(update), () => Y.encodeStateAsUpdate(this.doc));
    Y.applyUpdate(this.doc, update);
    expect(hasPending(this.shadow.doc)).toBe(false);
    expect(hasPending(this.doc)).toBe(false);
    return soft;
  }
  state() {
    return Y.encodeStateAsUpdate(this.doc);
  }
}

class Client {
  readonly doc: Y.Doc;
  private outbox: Uint8Array[] = [];
  constructor(state?: Uint8Array, options?: { gc: boolean }) {
    this.doc = new Y.Doc(options);
    if (state) Y.applyUpdate(this.doc, state, "remote");
    this.doc.on("update", (u: Uint8Array, origin: unknown) => {
      if (origin !== "remote") this.outbox.push(u);
    });
  }
  get fragment() {
    return this.doc.getXmlFragment(YJS_FRAGMENT);
  }
  /** One local transaction; returns its update (what y-websocket would send). */
  edit(change: (fragment: Y.XmlFragment, doc: Y.Doc) => void): Uint8Array {
    this.doc.transact(() => change(this.fragment, this.doc));
    return this.take();
  }
  take(): Uint8Array {
    const updates = this.outbox;
    this.outbox = [];
    return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
  }
  /** Sync step 1 + 2 from the room (or directly from another client): receive what this client lacks. */
  pull(from: { doc: Y.Doc }) {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(this.doc)), "remote");
  }
}

const child = (parent: Y.XmlFragment, ...path: number[]): Y.XmlElement => {
  let t: Y.XmlFragment = parent;
  for (const i of path) t = t.get(i) as Y.XmlElement;
  return t as Y.XmlElement;
};
const textIn = (parent: Y.XmlFragment, ...path: number[]) => child(parent, ...path).get(0) as unknown as Y.XmlText;
const setAttr = (type: Y.AbstractType<never> | Y.XmlFragment, key: string, value: unknown) =>
  (Y.XmlElement.prototype.setAttribute as (this: unknown, k: string, v: unknown) => void).call(type, key, value);

// ---------------------------------------------------------------- honest random editing

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function visibleTexts(fragment: Y.XmlFragment): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const stack: Y.XmlFragment[] = [fragment];
  while (stack.length) {
    for (const c of stack.pop()!.toArray()) {
      if (c instanceof Y.XmlText) out.push(c);
      else if (c instanceof Y.XmlElement) stack.push(c);
    }
  }
  return out;
}

const newParagraph = (s: string) => {
  const el = new Y.XmlElement("paragraph");
  el.insert(0, [new Y.XmlText(s)]);
  return el;
};

/** The kinds of change an editor makes: typing, deleting, formatting, links, mentions, new and removed blocks. */
function honestEdit(fragment: Y.XmlFragment, random: () => number, keystrokeOnly = false) {
  const texts = visibleTexts(fragment);
  const t = texts[Math.floor(random() * texts.length)];
  const roll = keystrokeOnly ? 0 : random();
  const at = Math.floor(random() * (t.length + 1));
  if (roll < 0.7 || t.length < 4) t.insert(at, "abcdefghij äöü "[Math.floor(random() * 15)]);
  else if (roll < 0.8) t.delete(Math.min(at, t.length - 1), 1);
  else if (roll < 0.85) t.format(Math.min(at, t.length - 3), 3, { bold: {} });
  else if (roll < 0.88) t.format(Math.min(at, t.length - 3), 3, { bold: null });
  else if (roll < 0.91) t.format(Math.min(at, t.length - 3), 3, { link: { href: "https://www.example.org/a", target: null, rel: LINK_REL, class: null, title: null } });
  else if (roll < 0.94) fragment.insert(Math.floor(random() * fragment.length), [newParagraph("Neuer Absatz")]);
  else if (roll < 0.96 && fragment.length > 6) fragment.delete(Math.floor(random() * fragment.length), 1);
  else {
    const mention = new Y.XmlElement("mention");
    mention.setAttribute("id", "u2");
    mention.setAttribute("label", "Ben");
    const parent = t.parent as Y.XmlElement;
    if (parent.nodeName === "paragraph") parent.insert(parent.length, [mention, new Y.XmlText(" danach")]);
  }
}

// ---------------------------------------------------------------- tests

describe("missing dependencies", () => {
  it("has no false positives: 3,000 keystrokes of several clients, an offline session's step 2, a full paper into an empty doc", () => {
    const room = new Room(stateOf(MINT_PAPER));
    const random = rng(1);
    const clients = Array.from({ length: 5 }, () => new Client(room.state()));
    let keystrokes = 0;
    while (keystrokes < 3000) {
      // Each round every client types offline from the state it has seen; then all are delivered.
      const sent = clients.map((c) => {
        const updates = [];
        for (let i = 0; i < 5; i++) updates.push(c.edit((f) => honestEdit(f, random)));
        return updates;
      });
      for (const updates of sent) {
        for (const u of updates) {
          expect(missingDependency(room.shadow.doc, Y.decodeUpdate(u))).toBeNull();
          room.send(u);
          keystrokes++;
        }
      }
      for (const c of clients) c.pull(room);
    }

    const offline = new Client(room.state());
    for (let i = 0; i < 500; i++) offline.edit((f) => honestEdit(f, random));
    for (let i = 0; i < 50; i++) room.send(clients[0].edit((f) => honestEdit(f, random)));
    const step2 = Y.encodeStateAsUpdate(offline.doc, Y.encodeStateVector(room.doc));
    expect(missingDependency(room.shadow.doc, Y.decodeUpdate(step2))).toBeNull();
    room.send(step2);

    const empty = new Room(null);
    const whole = room.state();
    expect(missingDependency(empty.shadow.doc, Y.decodeUpdate(whole))).toBeNull();
    empty.send(whole);
    expect(empty.shadow.derive()).toEqual(room.shadow.derive());
  });

  it("finds a clock gap, unknown origins, an unknown parent, deletes of unknown items and skipped ranges", () => {
    const room = new Room(stateOf(MINT_PAPER));
    const a = new Client(room.state());
    const b = new Client(room.state());

    // Own clock gap: the first of two keystrokes never arrives.
    a.edit((f) => textIn(f, 1).insert(0, "x"));
    const second = a.edit((f) => textIn(f, 1).insert(0, "y"));
    expect(missingDependency(room.shadow.doc, Y.decodeUpdate(second))).toMatch(/gap/);

    // Origin of another client the server never saw: b types right after a's character.
    b.pull(a);
    const afterForeign = b.edit((f) => textIn(f, 1).insert(1, "z"));
    expect(missingDependency(room.shadow.doc, Y.decodeUpdate(afterForeign))).toMatch(/origin/);

    // Parent of another client: a new empty paragraph of c, filled by d at index 0 (no origins at all).
    const c = new Client(room.state());
    const d = new Client(room.state());
    c.edit((f) => f.insert(0, [new Y.XmlElement("paragraph")]));
    d.pull(c);
    const intoForeignParent = d.edit((f) => child(f, 0).insert(0, [new Y.XmlText("neu")]));
    expect(Y.decodeUpdate(intoForeignParent).structs.some((s) => s instanceof Y.Item && s.origin === null && s.rightOrigin === null)).toBe(true);
    expect(missingDependency(room.shadow.doc, Y.decodeUpdate(intoForeignParent))).toMatch(/parent/);

    // Delete of items the server does not have.
    const e = new Client(room.state());
    const f2 = new Client(room.state());
    e.edit((f) => textIn(f, 1).insert(0, "weg"));
    f2.pull(e);
    const deletion = f2.edit((f) => textIn(f, 1).delete(0, 3));
    expect(Y.decodeUpdate(deletion).structs).toHaveLength(0);
    expect(missingDependency(room.shadow.doc, Y.decodeUpdate(deletion))).toMatch(/delete of unknown/);

    // A merged update with a hole: Yjs encodes the hole as a Skip struct.
    const g = new Client(room.state());
    const u1 = g.edit((f) => textIn(f, 1).insert(0, "1"));
    g.edit((f) => textIn(f, 1).insert(0, "2"));
    const u3 = g.edit((f) => textIn(f, 1).insert(0, "3"));
    const holey = Y.mergeUpdates([u1, u3]);
    expect(Y.decodeUpdate(holey).structs.some((s) => s instanceof Y.Skip)).toBe(true);
    expect(missingDependency(room.shadow.doc, Y.decodeUpdate(holey))).toMatch(/skip/);

    // ShadowDocument.apply refuses each before applying: the shadow keeps exactly the room's state.
    const before = room.shadow.derive();
    for (const update of [second, afterForeign, intoForeignParent, deletion, holey]) {
      const error = catchRefusal(() => room.send(update));
      expect(error.kind).toBe("missing-dependency");
      expect(hasPending(room.shadow.doc)).toBe(false);
      expect(room.shadow.derive()).toEqual(before);
    }
    expect(Y.encodeStateVector(room.shadow.doc)).toEqual(Y.encodeStateVector(room.doc));
  });

  it("pins the Yjs internals hasPending reads: store.pendingStructs and store.pendingDs", () => {
    const base = stateOf(MINT_PAPER);
    const writer = new Client(base);
    writer.edit((f) => textIn(f, 1).insert(0, "a"));
    const gap = writer.edit((f) => textIn(f, 1).insert(0, "b"));

    const structs = new Y.Doc();
    Y.applyUpdate(structs, base);
    expect(structs.store).toHaveProperty("pendingStructs", null);
    expect(structs.store).toHaveProperty("pendingDs", null);
    expect(hasPending(structs)).toBe(false);
    Y.applyUpdate(structs, gap);
    expect(structs.store.pendingStructs).not.toBeNull();
    expect(hasPending(structs)).toBe(true);

    const deleter = new Client(Y.encodeStateAsUpdate(writer.doc));
    const unknownDelete = deleter.edit((f) => textIn(f, 1).delete(0, 2));
    const ds = new Y.Doc();
    Y.applyUpdate(ds, base);
    Y.applyUpdate(ds, unknownDelete);
    expect(ds.store.pendingStructs).toBeNull();
    expect(ds.store.pendingDs).not.toBeNull();
    expect(hasPending(ds)).toBe(true);
  });
});

describe("stripPending", () => {
  it("drops a poisoned 1 MB gap update from a stored state and keeps the clean text", () => {
    const room = new Room(stateOf(MINT_PAPER));
    const w = new Client(room.state());
    for (let i = 0; i < 20; i++) room.send(w.edit((f) => textIn(f, 1).insert(i, "k")));
    const clean = room.state();

    const attacker = new Client(clean);
    attacker.edit((f) => textIn(f, 1).insert(0, "x"));
    const poison = attacker.edit((f) => textIn(f, 1).insert(0, "y".repeat(1024 * 1024)));
    expect(poison.length).toBeGreaterThan(1024 * 1024);
    const poisoned = Y.mergeUpdates([clean, poison]);

    const { state, hadPending } = stripPending([poisoned]);
    expect(hadPending).toBe(true);
    expect(state.length).toBeLessThan(clean.length + 1024);
    expect(deriveFromState(state)).toEqual(deriveFromState(clean));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    expect(hasPending(doc)).toBe(false);

    // Snapshot plus log rows, where a later row completes what an earlier one left pending: kept.
    const late = new Client(clean);
    const l1 = late.edit((f) => textIn(f, 1).insert(0, "L1 "));
    const l2 = late.edit((f) => textIn(f, 1).insert(0, "L2 "));
    const completed = stripPending([clean, l2, l1]);
    expect(completed.hadPending).toBe(false);
    expect(deriveFromState(completed.state).text).toContain("L2 L1 ");

    expect(stripPending([clean]).hadPending).toBe(false);
    expect(deriveFromState(stripPending([]).state).text).toBe("");
  });
});

function catchRefusal(run: () => unknown): UpdateRefused {
  try {
    run();
  } catch (error) {
    if (error instanceof UpdateRefused) return error;
    throw error;
  }
  throw new Error("expected UpdateRefused");
}

describe("hard schema violations", () => {
  const paragraphText = (f: Y.XmlFragment) => textIn(f, 1);
  const cases: Array<[string, (f: Y.XmlFragment, doc: Y.Doc) => void]> = [
    ["a string at the top level", (f) => f.insert(0, ["böse" as never])],
    ["a Y.Text at the top level", (f) => f.insert(0, [new Y.Text("böse") as never])],
    ["a Y.XmlText at the top level", (f) => f.insert(0, [new Y.XmlText("böse")])],
    ["a Y.Text in a paragraph", (f) => child(f, 1).insert(0, [new Y.Text("x") as never])],
    ["a Y.Map in a paragraph", (f) => child(f, 1).insert(0, [new Y.Map() as never])],
    ["a Y.Array in a paragraph", (f) => child(f, 1).insert(0, [new Y.Array() as never])],
    ["a Y.XmlHook in a paragraph", (f) => child(f, 1).insert(0, [new Y.XmlHook("hook") as never])],
    ["a sub-document in a paragraph", (f) => child(f, 1).insert(0, [new Y.Doc() as never])],
    ["a plain value in a paragraph", (f) => child(f, 1).insert(0, [{ a: 1 } as never])],
    ["an unknown node script", (f) => f.insert(0, [new Y.XmlElement("script")])],
    ["a text element", (f) => child(f, 1).insert(0, [new Y.XmlElement("text")])],
    ["a doc element", (f) => f.insert(0, [new Y.XmlElement("doc")])],
    ["a listItem at the top level", (f) => f.insert(0, [new Y.XmlElement("listItem")])],
    ["a paragraph inside a paragraph", (f) => child(f, 1).insert(0, [newParagraph("innen")])],
    ["text inside a bulletList", (f) => child(f, 5).insert(0, [new Y.XmlText("lose")])],
    ["a tableRow in a paragraph", (f) => child(f, 1).insert(0, [new Y.XmlElement("tableRow")])],
    ["an unknown mark", (f) => paragraphText(f).insert(0, "x", { onclick: {} })],
    ["a mark value that is not an object", (f) => paragraphText(f).format(0, 2, { bold: true })],
    ["the same mark twice (hashed and plain)", (f) => paragraphText(f).format(0, 2, { bold: {}, "bold--abcd1234": {} })],
    ["an unknown mark attribute", (f) => paragraphText(f).format(0, 2, { link: { href: "https://a.de", onclick: "x" } })],
    ["a javascript: link", (f) => paragraphText(f).format(0, 2, { link: { href: "javascript:alert(1)" } })],
    ["a link without href", (f) => paragraphText(f).format(0, 2, { link: { rel: LINK_REL } })],
    ["an embed in text", (f) => paragraphText(f).insertEmbed(0, { image: "x" })],
    ["a shared type embedded in text", (f) => paragraphText(f).insertEmbed(0, new Y.Map() as never)],
    ["an attribute on text", (f) => paragraphText(f).setAttribute("style", "x")],
    ["heading level 1", (f) => child(f, 0).setAttribute("level", 1 as never)],
    ["heading level 7", (f) => { const h = new Y.XmlElement("heading"); h.setAttribute("level", 7 as never); f.insert(0, [h]); }],
    ["an attribute on the fragment", (f) => setAttr(f, "data-x", "1")],
    ["an unknown attribute key", (f) => child(f, 1).setAttribute("onclick", "alert(1)")],
    ["a __proto__ attribute", (f) => child(f, 1).setAttribute("__proto__", "x")],
    ["an object attribute value", (f) => child(f, 0).setAttribute("level", { n: 2 } as never)],
    ["an array attribute value", (f) => { const m = new Y.XmlElement("mention"); m.setAttribute("id", ["u1"] as never); child(f, 1).insert(1, [m]); }],
    ["a shared type as attribute value", (f) => child(f, 0).setAttribute("level", new Y.Map() as never)],
    ["a binary attribute value", (f) => child(f, 0).setAttribute("level", new Uint8Array([2]) as never)],
    ["a bad table cell span", (f) => { const c = child(f, 8, 0, 0); c.setAttribute("colspan", 0 as never); }],
    ["a root type other than default (getText)", (_f, doc) => doc.getText("junk").insert(0, "x".repeat(1000))],
    ["a root type other than default (getArray)", (_f, doc) => doc.getArray("crash").push([1])],
    ["a root type other than default (getMap)", (_f, doc) => doc.getMap("meta").set("k", "v")],
    ["a second XmlFragment root", (_f, doc) => doc.getXmlFragment("prosemirror").insert(0, [newParagraph("x")])],
  ];

  for (const [name, change] of cases) {
    it(`refuses ${name} and keeps the room's state`, () => {
      const room = new Room(stateOf(RICH_PAPER));
      const before = room.shadow.derive();
      const attacker = new Client(room.state());
      const update = attacker.edit((f, doc) => change(f, doc));
      const error = catchRefusal(() => room.send(update));
      expect(error.kind).toBe("schema");
      expect(room.shadow.derive()).toEqual(before);
      expect([...room.shadow.doc.share.keys()]).toEqual([YJS_FRAGMENT]);
      expect(Y.encodeStateVector(room.shadow.doc)).toEqual(Y.encodeStateVector(room.doc));
      // The rebuilt shadow takes the next honest update.
      const honest = new Client(room.state());
      room.send(honest.edit((f) => textIn(f, 1).insert(0, "ok ")));
      expect(room.shadow.derive().text).toContain("ok Ein ");
      // The same content in a stored state is refused on load, and by one-shot derivation.
      Y.applyUpdate(room.doc, update);
      expect(() => new ShadowDocument(room.state())).toThrow(UpdateRefused);
      expect(() => deriveFromState(room.state())).toThrow(UpdateRefused);
    });
  }

  it("accepts hashed mark names (overlapping marks) by stripping the hash", () => {
    const room = new Room(stateOf(RICH_PAPER));
    const c = new Client(room.state());
    room.send(c.edit((f) => textIn(f, 1).format(0, 3, { "italic--AbC+/=12": {} })));
    const first = room.shadow.derive().json.content![1].content![0];
    expect(first).toEqual({ type: "text", text: "Ein", marks: [{ type: "italic" }] });
  });

  function chain(depth: number): (f: Y.XmlFragment) => void {
    return (f) => {
      // Built one level at a time inside the doc, so building does not recurse either.
      let parent: Y.XmlFragment = f;
      for (let i = 1; i < depth; i++) {
        const quote = new Y.XmlElement("blockquote");
        parent.insert(parent.length, [quote]);
        parent = quote;
      }
      parent.insert(0, [newParagraph("tief")]);
    };
  }

  it(`accepts nesting of exactly ${COLLAB_LIMITS.maxNestingDepth} and refuses one more`, () => {
    expect(COLLAB_LIMITS.maxNestingDepth).toBe(64);
    const room = new Room(stateOf(RICH_PAPER));
    const c = new Client(room.state());
    expect(room.send(c.edit(chain(COLLAB_LIMITS.maxNestingDepth)))).toEqual([]);
    expect(room.shadow.derive().text).toContain("tief");
    room.shadow.toNode().check();
    const d = new Client(room.state());
    expect(catchRefusal(() => room.send(d.edit(chain(COLLAB_LIMITS.maxNestingDepth + 1)))).reason).toMatch(/nesting/);
  });

  for (const depth of [3000, 10_000]) {
    it(`refuses nesting depth ${depth} without overflowing the stack, live and stored`, () => {
      const room = new Room(stateOf(RICH_PAPER));
      const c = new Client(room.state());
      const update = c.edit(chain(depth));
      expect(catchRefusal(() => room.send(update)).reason).toMatch(/nesting/);
      Y.applyUpdate(room.doc, update);
      expect(catchRefusal(() => deriveFromState(room.state())).reason).toMatch(/nesting/);
      expect(catchRefusal(() => new ShadowDocument(room.state())).reason).toMatch(/nesting/);
    });
  }

  it("ignores violations inside deleted content, which no one sees", () => {
    const room = new Room(stateOf(RICH_PAPER));
    // Without garbage collection the update carries the deleted element with its content.
    const c = new Client(room.state(), { gc: false });
    c.edit((f) => f.insert(0, [new Y.XmlElement("script")]));
    c.edit((f) => f.delete(0, 1));
    const step2 = Y.encodeStateAsUpdate(c.doc, Y.encodeStateVector(room.doc));
    expect(Y.decodeUpdate(step2).structs.some((s) => s instanceof Y.Item && s.content instanceof Y.ContentType)).toBe(true);
    expect(room.send(step2)).toEqual([]);
    expect(room.shadow.derive()).toEqual(referenceDerive(stateOf(RICH_PAPER)));
  });

  it("refuses a server-made update with hard violations too", () => {
    const room = new Room(stateOf(RICH_PAPER));
    const c = new Client(room.state());
    const bad = c.edit((f) => f.insert(0, [new Y.XmlElement("script")]));
    expect(() => room.shadow.applyServerUpdate(bad, () => room.state())).toThrow(UpdateRefused);
    const good = c.edit((f) => f.delete(0, 1));
    expect(room.shadow.applyServerUpdate(Y.mergeUpdates([bad, good]), () => room.state())).toEqual([]);
  });
});

describe("soft violations from honest concurrent edits", () => {
  it("accepts an emptied table cell after two concurrent deletions and normalises it for the exports", () => {
    const room = new Room(stateOf(RICH_PAPER));
    const a = new Client(room.state());
    const b = new Client(room.state());
    // Row 1, cell 0 holds two paragraphs; each editor deletes one, each alone is valid.
    const ua = a.edit((f) => child(f, 8, 1, 0).delete(0, 1));
    const ub = b.edit((f) => child(f, 8, 1, 0).delete(1, 1));
    expect(room.send(ua)).toEqual([]);
    expect(room.send(ub)).not.toEqual([]);

    const node = room.shadow.toNode();
    node.check();
    const json = room.shadow.derive().json;
    const cellJson = json.content![8].content![1].content![0];
    expect(cellJson).toEqual({ type: "tableCell", attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [{ type: "paragraph" }] });
    expect(toMarkdown("Titel", json)).toContain("|  | **Forscherprojekte** |");
    expect(toHtml("Titel", json, { space: "Länderbeirat", status: "Entwurf", at: new Date(0) })).toContain("Forscherprojekte");
    // Derivation never writes: the doc is exactly the room's.
    expect(Y.encodeStateAsUpdate(room.shadow.doc)).toEqual(room.state());
    expect(deriveFromState(room.state())).toEqual(room.shadow.derive());
  });

  it("accepts an empty bulletList in a listItem and normalises it", () => {
    const room = new Room(stateOf(RICH_PAPER));
    const a = new Client(room.state());
    const b = new Client(room.state());
    const nested = (f: Y.XmlFragment) => child(f, 5, 1, 1);
    expect(nested(a.fragment).nodeName).toBe("bulletList");
    room.send(a.edit((f) => nested(f).delete(0, 1)));
    expect(room.send(b.edit((f) => nested(f).delete(1, 1)))).not.toEqual([]);
    room.shadow.toNode().check();
    const json = room.shadow.derive().json;
    expect(toMarkdown("Titel", json)).toContain("- zwei");
    toHtml("Titel", json, { space: "x", status: "y", at: new Date(0) });
  });

  it("fills an empty document", () => {
    const room = new Room(stateOf({ type: "doc", content: [p(text("x"))] }));
    const c = new Client(room.state());
    room.send(c.edit((f) => f.delete(0, f.length)));
    room.shadow.toNode().check();
    expect(room.shadow.derive()).toEqual({ json: { type: "doc", content: [{ type: "paragraph" }] }, text: "" });
  });
});

describe("derivation", () => {
  it("gives the same JSON and text as y-tiptap's converter for the seeded MINT paper and a paper with every node and mark", () => {
    for (const state of [yStateFromJson(MINT_PAPER), stateOf(RICH_PAPER)]) {
      const expected = referenceDerive(state);
      expect(deriveFromState(state)).toEqual(expected);
      const shadow = new ShadowDocument(state);
      expect(shadow.derive()).toEqual(expected);
      shadow.toNode().check();
      shadow.destroy();
    }
    expect(deriveFromState(stateOf(RICH_PAPER)).json).toEqual(schema.nodeFromJSON(RICH_PAPER).toJSON());
  });

  it("keeps the incremental cache equal to a full conversion through concurrent editing", () => {
    const room = new Room(stateOf(RICH_PAPER));
    const random = rng(7);
    const clients = Array.from({ length: 4 }, () => new Client(room.state()));
    for (let round = 0; round < 60; round++) {
      const sent = clients.map((c) => Array.from({ length: 4 }, () => c.edit((f) => honestEdit(f, random))));
      for (const updates of sent) for (const u of updates) room.send(u);
      for (const c of clients) c.pull(room);
      if (round % 10 === 9) {
        const full = referenceDerive(room.state());
        expect(room.shadow.derive()).toEqual(full);
        expect(deriveFromState(room.state())).toEqual(full);
      }
    }
    room.shadow.toNode().check();
  });

  it("refuses stored states with pending parts on load, but derives their integrated text", () => {
    const base = stateOf(RICH_PAPER);
    const w = new Client(base);
    w.edit((f) => textIn(f, 1).insert(0, "a"));
    const gap = w.edit((f) => textIn(f, 1).insert(0, "b"));
    const poisoned = Y.mergeUpdates([base, gap]);
    expect(catchRefusal(() => new ShadowDocument(poisoned)).kind).toBe("missing-dependency");
    expect(deriveFromState(poisoned)).toEqual(referenceDerive(base));
  });
});
