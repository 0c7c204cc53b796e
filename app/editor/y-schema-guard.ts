// The server's guard for collaborative papers: every client update is first applied to a shadow
// copy of the room's Y.Doc, checked for missing dependencies before and against the editor schema
// after, and only then may the room apply, store and broadcast it. Also derives ProseMirror JSON and
// plain text from stored states without y-tiptap's converter, which deletes what it cannot convert
// (y-prosemirror#271) and overflows the stack on deep nesting. ../shared/research/collab-hardening.md
// §1–§2 has the measurements behind the design. Pure: no database, no sockets.
//
// Only V1 Yjs functions are used here: client bytes must never reach a *V2 decoder (yjs#687 hangs).
import type { ContentMatch, Mark, Node as PMNode, NodeType, Schema } from "@tiptap/pm/model";
import { Fragment } from "@tiptap/pm/model";
import * as Y from "yjs";
import { COLLAB_LIMITS, YJS_FRAGMENT } from "../domain/collab.ts";
import { plainTextOf, richTextSchema, type JsonNode } from "./content.ts";
import { isAllowedHref } from "./extensions.ts";

export class UpdateRefused extends Error {
  constructor(
    readonly kind: "missing-dependency" | "schema",
    readonly reason: string,
  ) {
    super(`update refused (${kind}): ${reason}`);
    this.name = "UpdateRefused";
  }
}

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;
// Yjs' type parameter is invariant, so walking parents needs the loosest form.
type AnyType = Y.AbstractType<any>;

/** Null when every struct/delete of the (already decoded) update has its dependencies in `doc`. ~15 µs. */
export function missingDependency(doc: Y.Doc, decoded: DecodedUpdate): string | null {
  // Clocks the doc plus this update reach, per client. Only clients the update touches are looked up,
  // so the cost does not grow with the number of clients the paper has seen.
  const end = new Map<number, number>();
  const reach = (client: number) => end.get(client) ?? Y.getState(doc.store, client);
  const structs = [...decoded.structs].sort((a, b) => a.id.client - b.id.client || a.id.clock - b.id.clock);
  for (const s of structs) {
    if (s instanceof Y.Skip) return `skipped range of client ${s.id.client} at ${s.id.clock}`;
    const have = reach(s.id.client);
    if (s.id.clock > have) return `gap in client ${s.id.client}: has ${have}, update starts at ${s.id.clock}`;
    end.set(s.id.client, Math.max(have, s.id.clock + s.length));
  }
  const known = (id: Y.ID | null) => id === null || id.clock < reach(id.client);
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    if (!known(s.origin)) return `origin ${s.origin!.client}:${s.origin!.clock} unknown`;
    if (!known(s.rightOrigin)) return `right origin ${s.rightOrigin!.client}:${s.rightOrigin!.clock} unknown`;
    // Before integration the parent is an ID (a type item), a string (a root name) or null (taken from the origins).
    if (s.parent instanceof Y.ID && !known(s.parent)) return `parent ${s.parent.client}:${s.parent.clock} unknown`;
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const have = reach(client);
    for (const r of ranges) if (r.clock + r.len > have) return `delete of unknown items of client ${client}`;
  }
  return null;
}

/**
 * True when the doc's store holds pending structs or pending deletes. These are Yjs internals
 * (src/utils/StructStore.js); y-schema-guard.test.ts pins the field names so an upgrade that renames
 * them fails loudly instead of silently reporting "nothing pending".
 */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Drops pending parts: returns the state that integrates without them (Y.mergeUpdates of what applied). */
export function stripPending(parts: Uint8Array[]): { state: Uint8Array; hadPending: boolean } {
  const doc = new Y.Doc();
  // Whatever integrates is emitted as 'update' (including pending parts a later row completes);
  // what never integrates is never emitted, so the merge of the events is the state without it.
  const applied: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => applied.push(update));
  try {
    for (const part of parts) Y.applyUpdate(doc, part);
    const hadPending = hasPending(doc);
    // [0, 0]: no structs, no deletes, the V1 encoding of an empty document.
    return { state: applied.length ? Y.mergeUpdates(applied) : new Uint8Array([0, 0]), hadPending };
  } finally {
    doc.destroy();
  }
}

// ---------------------------------------------------------------- schema rules

const schemaOf = (): Schema => richTextSchema("document");

const MAX_STRING_ATTR = 2000;
type AttrRule = (value: unknown) => boolean;
const primitive: AttrRule = (v) => v === null || typeof v === "boolean" || typeof v === "number" || (typeof v === "string" && v.length <= MAX_STRING_ATTR);
const optionalString: AttrRule = (v) => v === null || (typeof v === "string" && v.length <= MAX_STRING_ATTR);
const positiveInt: AttrRule = (v) => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 1000;
// The rules beyond "primitive" are the ones a renderer or an editor relies on. Values an honest paste
// can produce (a NaN list start, odd column widths) stay accepted: refusing them would close an
// honest editor's socket for good.
const NODE_ATTR_RULES: Record<string, Record<string, AttrRule>> = {
  heading: { level: (v) => v === 2 || v === 3 || v === 4 },
  orderedList: { start: (v) => typeof v === "number", type: optionalString },
  mention: { id: optionalString, label: optionalString, mentionSuggestionChar: optionalString },
  tableCell: {
    colspan: positiveInt,
    rowspan: positiveInt,
    colwidth: (v) => v === null || (Array.isArray(v) && v.length <= 1000 && v.every((w) => w === null || typeof w === "number")),
    align: (v) => v === null || v === "left" || v === "center" || v === "right",
  },
};
NODE_ATTR_RULES.tableHeader = NODE_ATTR_RULES.tableCell;
const MARK_ATTR_RULES: Record<string, Record<string, AttrRule>> = {
  link: { href: isAllowedHref, target: optionalString, rel: optionalString, class: optionalString, title: optionalString },
};
/** y-tiptap stores overlapping marks as `name--<8 chars hash>`. */
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

function ruleFor(rules: Record<string, Record<string, AttrRule>>, typeName: string, spec: Record<string, unknown> | undefined, key: string): AttrRule | null {
  if (!spec || !Object.hasOwn(spec, key)) return null;
  return (Object.hasOwn(rules, typeName) && Object.hasOwn(rules[typeName], key) ? rules[typeName][key] : null) ?? primitive;
}

const allowedChildrenMemo = new WeakMap<NodeType, Set<string>>();
/** Every node type the content expression can ever accept, in any position. */
function allowedChildren(type: NodeType): Set<string> {
  let names = allowedChildrenMemo.get(type);
  if (names) return names;
  names = new Set();
  const seen = new Set<ContentMatch>();
  const todo = [type.contentMatch];
  while (todo.length) {
    const match = todo.pop()!;
    if (seen.has(match)) continue;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      names.add(edge.type.name);
      todo.push(edge.next);
    }
  }
  allowedChildrenMemo.set(type, names);
  return names;
}

function hasVisibleContent(type: AnyType) {
  for (let it = type._start; it; it = it.right) if (!it.deleted) return true;
  for (const item of type._map.values()) if (!item.deleted) return true;
  return false;
}

function hard(reason: string): never {
  throw new UpdateRefused("schema", reason);
}

// ---------------------------------------------------------------- conversion

/**
 * Converts (and so validates) a Y.XmlFragment into ProseMirror nodes, caching one result per Y
 * element. Callers mark elements dirty when a transaction changed them or anything below them;
 * everything else comes from the cache, which is what makes a keystroke cost microseconds.
 * Reads Yjs' linked lists directly and never writes to the doc.
 */
class Converter {
  private readonly schema = schemaOf();
  private readonly elements = new WeakMap<Y.XmlElement, PMNode | null>();
  private readonly texts = new WeakMap<Y.XmlText, PMNode[]>();
  readonly dirty = new Set<Y.XmlElement | Y.XmlText>();
  soft: string[] = [];

  constructor(readonly fragment: Y.XmlFragment) {}

  /** Hard checks of the doc level: root types, fragment attributes, the fragment's own children. */
  checkRoot(doc: Y.Doc, withChildren: boolean) {
    for (const [name, type] of doc.share) {
      if (name === YJS_FRAGMENT && type === (this.fragment as AnyType)) continue;
      // A foreign root whose content is all deleted (a repaired paper, y-repair.ts) shows nothing;
      // Yjs keeps its deleted items, so loading names the root again. Live updates never create one.
      if (hasVisibleContent(type)) hard(`root type "${name}"`);
    }
    for (const [key, item] of this.fragment._map) if (!item.deleted) hard(`attribute "${key}" on the fragment`);
    if (!withChildren) return;
    const allowed = allowedChildren(this.schema.topNodeType);
    for (let it = this.fragment._start; it; it = it.right) {
      if (it.deleted) continue;
      const child = it.content instanceof Y.ContentType ? it.content.type : null;
      if (!(child instanceof Y.XmlElement)) hard(`${describe(it)} at the top level`);
      if (!allowed.has(child.nodeName)) hard(`${child.nodeName} at the top level`);
      this.element(child, 1);
    }
  }

  /** Marks what a transaction changed, from each changed type up to the fragment. */
  markChanged(tr: Y.Transaction): boolean {
    let fragmentChanged = false;
    for (const type of tr.changed.keys()) {
      if (type === (this.fragment as AnyType)) {
        fragmentChanged = true;
        continue;
      }
      const path: Array<Y.XmlElement | Y.XmlText> = [];
      let visible = true;
      let t: AnyType = type;
      while (t._item) {
        visible &&= !t._item.deleted;
        if (t instanceof Y.XmlElement || t instanceof Y.XmlText) path.push(t);
        t = t._item.parent as AnyType;
      }
      // A change under another root is refused by checkRoot; one under a deleted element is invisible.
      if (t === this.fragment && visible) for (const el of path) this.dirty.add(el);
    }
    return fragmentChanged;
  }

  /** Re-converts every dirty element through its top-level ancestor. */
  convertDirty() {
    const tops = new Set<Y.XmlElement>();
    for (const el of this.dirty) {
      let t: AnyType = el;
      while (t._item && t._item.parent !== this.fragment) t = t._item.parent as AnyType;
      if (t instanceof Y.XmlElement) tops.add(t);
    }
    for (const top of tops) this.element(top, 1);
    this.dirty.clear();
  }

  /** The document; soft violations normalised. */
  root(): PMNode {
    const content: PMNode[] = [];
    for (let it = this.fragment._start; it; it = it.right) {
      if (it.deleted || !(it.content instanceof Y.ContentType) || !(it.content.type instanceof Y.XmlElement)) continue;
      const node = this.element(it.content.type, 1);
      if (node) content.push(node);
    }
    // The top node always fills (block+ takes an empty paragraph), so the fallback never runs.
    return this.build(this.schema.topNodeType, null, content, "document") ?? this.schema.topNodeType.createAndFill()!;
  }

  // Recursion is bounded: the depth check comes first, so at most maxNestingDepth frames deep.
  element(el: Y.XmlElement, depth: number): PMNode | null {
    if (!this.dirty.has(el) && this.elements.has(el)) return this.elements.get(el)!;
    if (depth > COLLAB_LIMITS.maxNestingDepth) hard(`nesting deeper than ${COLLAB_LIMITS.maxNestingDepth}`);
    const schema = this.schema;
    const type = Object.hasOwn(schema.nodes, el.nodeName) ? schema.nodes[el.nodeName] : undefined;
    if (!type || type.isText || type === schema.topNodeType) hard(`unknown node "${el.nodeName}"`);
    const attrs = this.attributes(el, type);
    const allowed = allowedChildren(type);
    const content: PMNode[] = [];
    for (let it = el._start; it; it = it.right) {
      if (it.deleted) continue;
      const child = it.content instanceof Y.ContentType ? it.content.type : null;
      if (child instanceof Y.XmlText) {
        if (!allowed.has("text")) hard(`text in ${type.name}`);
        for (const node of this.text(child)) content.push(node); // no spread: a run list can be huge
      } else if (child instanceof Y.XmlElement) {
        if (!allowed.has(child.nodeName)) hard(`${child.nodeName} in ${type.name}`);
        const node = this.element(child, depth + 1);
        if (node) content.push(node);
      } else {
        hard(`${describe(it)} in ${type.name}`);
      }
    }
    const node = this.build(type, attrs, content, el.nodeName);
    this.elements.set(el, node);
    this.dirty.delete(el);
    return node;
  }

  private attributes(el: Y.XmlElement, type: NodeType): Record<string, unknown> {
    // Read the map directly: getAttributes() assigns keys onto a plain object, so "__proto__" would bite.
    const attrs: Record<string, unknown> = Object.create(null);
    for (const [key, item] of el._map) {
      if (item.deleted) continue;
      if (!(item.content instanceof Y.ContentAny)) hard(`attribute "${key}" of ${type.name} is not a plain value`);
      const value = item.content.arr[item.content.arr.length - 1];
      const rule = ruleFor(NODE_ATTR_RULES, type.name, type.spec.attrs, key);
      if (!rule) hard(`unknown attribute "${key}" on ${type.name}`);
      if (!rule(value)) hard(`attribute "${key}" of ${type.name} out of range`);
      attrs[key] = value;
    }
    return attrs;
  }

  private text(t: Y.XmlText): PMNode[] {
    if (!this.dirty.has(t) && this.texts.has(t)) return this.texts.get(t)!;
    for (const [key, item] of t._map) if (!item.deleted) hard(`attribute "${key}" on text`);
    const nodes: PMNode[] = [];
    const current = new Map<string, unknown>();
    let marks: readonly Mark[] = [];
    let str = "";
    const flush = () => {
      if (str) nodes.push(this.schema.text(str, marks));
      str = "";
    };
    for (let it = t._start; it; it = it.right) {
      if (it.deleted) continue;
      const c = it.content;
      if (c instanceof Y.ContentString) {
        if (!c.str) hard("empty string item");
        str += c.str;
      } else if (c instanceof Y.ContentFormat) {
        flush();
        if (c.value === null) current.delete(c.key);
        else current.set(c.key, c.value);
        marks = this.marks(current);
      } else {
        hard(`${describe(it)} in text`);
      }
    }
    flush();
    this.texts.set(t, nodes);
    this.dirty.delete(t);
    return nodes;
  }

  private marks(formatting: Map<string, unknown>): Mark[] {
    const marks: Mark[] = [];
    const seen = new Set<string>();
    for (const [key, value] of formatting) {
      const name = HASHED_MARK.exec(key)?.[1] ?? key;
      const type = Object.hasOwn(this.schema.marks, name) ? this.schema.marks[name] : undefined;
      if (!type) hard(`unknown mark "${key}"`);
      if (seen.has(name)) hard(`mark "${name}" twice`);
      seen.add(name);
      if (typeof value !== "object" || value === null || Array.isArray(value)) hard(`mark "${name}" without attributes object`);
      for (const [k, v] of Object.entries(value)) {
        const rule = ruleFor(MARK_ATTR_RULES, name, type.spec.attrs, k);
        if (!rule) hard(`unknown attribute "${k}" on mark ${name}`);
        if (!rule(v)) hard(`attribute "${k}" of mark ${name} out of range`);
      }
      // A link mark needs its href; the rules above only see the keys that are present.
      if (name === "link" && !isAllowedHref((value as Record<string, unknown>).href)) hard("link without an allowed href");
      marks.push(type.create(value as Record<string, unknown>));
    }
    return marks;
  }

  /**
   * Soft violations (a content expression an honest merge broke, e.g. an emptied table cell) are
   * normalised: filled with createAndFill, else reduced to the children that fit, else dropped.
   */
  private build(type: NodeType, attrs: Record<string, unknown> | null, content: PMNode[], label: string): PMNode | null {
    try {
      return type.createChecked(attrs, content);
    } catch (error) {
      this.soft.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const filled = type.createAndFill(attrs, content);
    if (filled) return filled;
    let match: ContentMatch | null = type.contentMatch;
    const kept: PMNode[] = [];
    for (const child of content) {
      const fitting = child.isText ? child.mark(child.marks.filter((mk) => type.allowsMarkType(mk.type))) : child;
      const next: ContentMatch | null = match.matchType(fitting.type);
      if (next && type.allowsMarks(fitting.marks)) {
        kept.push(fitting);
        match = next;
      }
    }
    return type.createAndFill(attrs, Fragment.fromArray(kept));
  }
}

function describe(item: Y.Item): string {
  const c = item.content;
  if (c instanceof Y.ContentType) return c.type.constructor.name || "a shared type";
  return c.constructor.name || "non-element content";
}

// ---------------------------------------------------------------- shadow document

/** A shadow copy of a room's document. Every client update is applied here first. */
export class ShadowDocument {
  private _doc!: Y.Doc;
  private converter!: Converter;
  private fragmentChanged = false;
  private node: PMNode | null = null;

  /** Full check on construction: hard violations in the stored state throw UpdateRefused("schema"). */
  constructor(state: Uint8Array | null) {
    this.load(state);
  }

  get doc(): Y.Doc {
    return this._doc;
  }

  /**
   * Checks dependencies, applies to the shadow, validates only what the transaction changed.
   * Throws UpdateRefused on a hard violation or missing dependency; the shadow is then rebuilt from
   * `currentState()` (the room doc's state), so it never keeps refused content. Returns the soft
   * findings (normally []).
   */
  apply(update: Uint8Array, decoded: DecodedUpdate, currentState: () => Uint8Array): string[] {
    const missing = missingDependency(this._doc, decoded);
    // Nothing was applied, so the shadow needs no rebuild.
    if (missing) throw new UpdateRefused("missing-dependency", missing);
    for (const s of decoded.structs) {
      if (!(s instanceof Y.Item)) continue;
      if (typeof s.parent === "string" && s.parent !== YJS_FRAGMENT) throw new UpdateRefused("schema", `root type "${s.parent}"`);
      if (s.content instanceof Y.ContentDoc) throw new UpdateRefused("schema", "subdocument");
    }
    return this.applyChecked(update, currentState);
  }

  /** Applies a server-made update (restore, repair) without the dependency check, but still validated. */
  applyServerUpdate(update: Uint8Array, currentState: () => Uint8Array): string[] {
    return this.applyChecked(update, currentState);
  }

  /** The validated ProseMirror document; soft violations normalised (createAndFill, or dropped). Never mutates any Y doc. */
  toNode(): PMNode {
    if (!this.node) {
      this.converter.soft = [];
      this.node = this.converter.root();
    }
    return this.node;
  }

  /** json + plain text, same shape as documents.server.ts deriveContent. */
  derive(): { json: JsonNode; text: string } {
    const node = this.toNode();
    return { json: node.toJSON() as JsonNode, text: plainTextOf(node) };
  }

  destroy(): void {
    this._doc.destroy();
  }

  private applyChecked(update: Uint8Array, currentState: () => Uint8Array): string[] {
    this.node = null;
    this.converter.soft = [];
    try {
      Y.applyUpdate(this._doc, update);
      if (hasPending(this._doc)) throw new UpdateRefused("missing-dependency", "parts of the update stayed pending");
      this.validate();
      return this.converter.soft;
    } catch (error) {
      this.rebuild(currentState());
      if (error instanceof UpdateRefused) throw error;
      // Yjs itself failed on the update (malformed content, or a stack overflow deleting a deep subtree).
      throw new UpdateRefused("schema", `update could not be applied: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private validate() {
    const fragmentChanged = this.fragmentChanged;
    this.fragmentChanged = false;
    this.converter.checkRoot(this._doc, fragmentChanged);
    this.converter.convertDirty();
  }

  private load(state: Uint8Array | null) {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(YJS_FRAGMENT);
    this._doc = doc;
    this.converter = new Converter(fragment);
    this.node = null;
    // afterTransaction runs before 'update' and sees every transaction, including Yjs' own
    // formatting clean-up after remote changes; collecting here misses none of them.
    doc.on("afterTransaction", (tr: Y.Transaction) => {
      if (this.converter.markChanged(tr)) this.fragmentChanged = true;
    });
    if (state) Y.applyUpdate(doc, state);
    if (hasPending(doc)) throw new UpdateRefused("missing-dependency", "the stored state holds pending parts");
    this.fragmentChanged = false;
    this.converter.dirty.clear();
    this.converter.checkRoot(doc, true);
  }

  private rebuild(state: Uint8Array) {
    this._doc.destroy();
    try {
      this.load(state);
    } catch (error) {
      // The room's state passed this check when it was applied; failing now is a bug, not a client's doing.
      throw new Error(`shadow document could not be rebuilt from the room state: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** One-shot validation+derivation of a stored state (exports, versions): never runs y-tiptap's converter on a live doc. */
export function deriveFromState(state: Uint8Array): { json: JsonNode; text: string } {
  const doc = new Y.Doc();
  try {
    const converter = new Converter(doc.getXmlFragment(YJS_FRAGMENT));
    // Pending parts (papers stored before the dependency check) are not part of the text: ignore them.
    Y.applyUpdate(doc, state);
    converter.checkRoot(doc, true);
    const node = converter.root();
    return { json: node.toJSON() as JsonNode, text: plainTextOf(node) };
  } finally {
    doc.destroy();
  }
}
