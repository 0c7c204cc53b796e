// Repairs a stored Y state that breaks the editor schema in a hard way (papers stored before the
// server validated updates, issue 8 finding 3): foreign root types are emptied, attributes on the
// fragment and non-element content at the top level removed, and each top-level block that holds a
// hard violation deleted. Blocks are found by halving the list, so a paper with a few bad blocks
// costs a few validations, not one per block. Healthy states come back unchanged (same bytes).
import * as Y from "yjs";
import { YJS_FRAGMENT } from "../domain/collab.ts";
import { ShadowDocument, UpdateRefused } from "./y-schema-guard.ts";

export type Repair = { state: Uint8Array; removed: string[] };

/** Null when `state` passes the full check, otherwise the reason. */
function violation(state: Uint8Array): string | null {
  try {
    new ShadowDocument(state).destroy();
    return null;
  } catch (error) {
    if (error instanceof UpdateRefused) return error.reason;
    throw error;
  }
}

/** Top-level items of the fragment that are not deleted, in order. */
function topItems(doc: Y.Doc) {
  const items: Y.Item[] = [];
  for (let it = doc.getXmlFragment(YJS_FRAGMENT)._start; it; it = it.right) if (!it.deleted) items.push(it);
  return items;
}

/** The state with only the top-level blocks at `keep` (indices into topItems). */
function withOnly(state: Uint8Array, keep: Set<number>) {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, state);
    const items = topItems(scratch);
    scratch.transact((tr) => items.forEach((item, i) => keep.has(i) || item.delete(tr)));
    return Y.encodeStateAsUpdate(scratch);
  } finally {
    scratch.destroy();
  }
}

export function repairHardViolations(state: Uint8Array): Repair {
  if (!violation(state)) return { state, removed: [] };
  const removed: string[] = [];
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const fragment = doc.getXmlFragment(YJS_FRAGMENT);
    doc.transact((tr) => {
      for (const [name, type] of doc.share) {
        if (name === YJS_FRAGMENT) continue;
        for (let it = type._start; it; it = it.right) if (!it.deleted) it.delete(tr);
        for (const item of type._map.values()) if (!item.deleted) item.delete(tr);
        removed.push(`root type "${name}" emptied`);
      }
      for (const [key, item] of fragment._map) if (!item.deleted) {
        item.delete(tr);
        removed.push(`attribute "${key}" on the fragment removed`);
      }
      for (const item of topItems(doc)) {
        if (item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement) continue;
        item.delete(tr);
        removed.push("non-element content at the top level removed");
      }
    });
    const cleaned = Y.encodeStateAsUpdate(doc);
    const count = topItems(doc).length;
    const bad: number[] = [];
    const search = (indices: number[]) => {
      if (!indices.length) return;
      const reason = violation(withOnly(cleaned, new Set(indices)));
      if (!reason) return;
      if (indices.length === 1) {
        bad.push(indices[0]);
        removed.push(`top-level block ${indices[0] + 1} removed (${reason})`);
        return;
      }
      const half = Math.ceil(indices.length / 2);
      search(indices.slice(0, half));
      search(indices.slice(half));
    };
    search(Array.from({ length: count }, (_, i) => i));
    const items = topItems(doc);
    doc.transact((tr) => bad.forEach((i) => items[i].delete(tr)));
    const repaired = Y.encodeStateAsUpdate(doc);
    const left = violation(repaired);
    if (left) throw new Error(`the stored state could not be repaired: ${left}`);
    return { state: repaired, removed };
  } finally {
    doc.destroy();
  }
}
