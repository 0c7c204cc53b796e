// The shape of the awareness `cursor` field, checked by the collaboration server before it relays a
// presence state and by the browser before y-tiptap draws a caret. y-tiptap only checks
// `cursor != null` and then hands the value to Yjs: `{}` or a negative clock throws inside its
// decorations (and a throwing cursor plugin made editors write stale text back, tiptap#7556), and a
// `tname` other than "default" creates that root type in every viewer's doc.
// ../shared/research/collab-hardening.md §3 lists the measured cases.
import * as Y from "yjs";
import { YJS_FRAGMENT } from "../domain/collab.ts";

type RelPos = { type?: Id | null; tname?: string | null; item?: Id | null; assoc?: number | null };
type Id = { client: number; clock: number };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const nonNegativeInt = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

function isId(v: unknown): v is Id | null | undefined {
  if (v == null) return true;
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 2 && keys.includes("client") && keys.includes("clock") && nonNegativeInt(v.client) && nonNegativeInt(v.clock);
}

const REL_POS_KEYS = new Set(["type", "tname", "item", "assoc"]);

function isRelPos(v: unknown): v is RelPos {
  if (!isPlainObject(v)) return false;
  if (!Object.keys(v).every((k) => REL_POS_KEYS.has(k))) return false;
  if (!isId(v.type) || !isId(v.item)) return false;
  if (v.tname != null && v.tname !== YJS_FRAGMENT) return false;
  if (v.assoc != null && !Number.isSafeInteger(v.assoc)) return false;
  // With all three null Yjs throws "Unexpected case".
  return v.item != null || v.type != null || v.tname != null;
}

/** The awareness `cursor` y-tiptap writes: null or {anchor, head} of relative-position JSON (tname only "default"). */
export function isValidCursor(cursor: unknown): boolean {
  if (cursor == null) return true;
  if (!isPlainObject(cursor)) return false;
  const keys = Object.keys(cursor);
  return keys.length === 2 && keys.includes("anchor") && keys.includes("head") && isRelPos(cursor.anchor) && isRelPos(cursor.head);
}

/** Same plus: every referenced id exists in `doc` (clock < state of its client). For the server. */
export function cursorFitsDocument(cursor: unknown, doc: Y.Doc): boolean {
  if (!isValidCursor(cursor)) return false;
  if (cursor == null) return true;
  const exists = (id: Id | null | undefined) => id == null || id.clock < Y.getState(doc.store, id.client);
  const { anchor, head } = cursor as { anchor: RelPos; head: RelPos };
  return exists(anchor.type) && exists(anchor.item) && exists(head.type) && exists(head.item);
}
