// Encoding and checking y-websocket frames. Pure functions over bytes: no sockets, no database.
// Everything that reads client bytes may throw; the caller turns a throw into a protocol-violation close.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MESSAGE_DOCUMENT_EVENT, COLLAB_LIMITS, MESSAGE_AWARENESS, MESSAGE_SAVED, MESSAGE_SYNC, type PresenceUser } from "../../app/domain/collab.ts";

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export function encodeSyncStep1(doc: Y.Doc) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** `[sync, step2, update]` for a prepared update (the full state, or the diff to a state vector). */
export function encodeSyncStep2(update: Uint8Array) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Our second custom message: comments, status or access changed beside the text. */
export function encodeDocumentEvent(event: string) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_DOCUMENT_EVENT);
  encoding.writeVarString(encoder, event);
  return encoding.toUint8Array(encoder);
}

/** Our custom message: the state vector that is now on disk. */
export function encodeSaved(stateVector: Uint8Array) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

export type ClientMessage =
  | { kind: "sync-step1"; stateVector: Uint8Array }
  | { kind: "sync-step2" | "update"; update: Uint8Array; decoded: DecodedUpdate }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "query-awareness" }
  | { kind: "ignored" };

/** Decodes one client frame. Throws on anything that is not a complete, known message. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  let message: ClientMessage;
  switch (type) {
    case MESSAGE_SYNC: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        Y.decodeStateVector(payload);
        message = { kind: "sync-step1", stateVector: payload };
      } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        // Decoding the whole update first means a malformed one is refused before it touches the doc;
        // the result is kept for the dependency check. Client bytes never reach a V2 decoder (yjs#687).
        const decoded = Y.decodeUpdate(payload);
        message = { kind: syncType === syncProtocol.messageYjsUpdate ? "update" : "sync-step2", update: payload, decoded };
      } else throw new Error(`unknown sync message ${syncType}`);
      break;
    }
    case MESSAGE_AWARENESS:
      message = { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
      break;
    case 3: // messageQueryAwareness
      message = { kind: "query-awareness" };
      break;
    case 2: // messageAuth: the stock client never sends it; we authenticate on upgrade.
      message = { kind: "ignored" };
      break;
    default:
      throw new Error(`unknown message type ${type}`);
  }
  return message;
}

/** True when applying `update` would change nothing (a read-only client's routine sync step 2). */
export function updateIsContained(doc: Y.Doc, update: Uint8Array) {
  return Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}

export type AwarenessEntry = { clientId: number; clock: number; state: unknown };

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 1000) throw new Error("too many awareness entries");
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > COLLAB_LIMITS.maxAwarenessStateBytes) throw new Error("awareness state too large");
    entries.push({ clientId, clock, state: JSON.parse(json) });
  }
  return entries;
}

/**
 * Keeps only entries for client ids this connection may speak for, and rebuilds every state from
 * the fields the server understands: `user` (stamped by the server) and a `cursor` that passes
 * `cursorOk`. An entry with any other cursor is dropped and counted, so a hostile presence state
 * never reaches the editors (issue 8, finding 1). `mayUse(clientId)` decides (and records) ownership.
 */
export function enforceAwareness(
  entries: AwarenessEntry[],
  user: PresenceUser,
  mayUse: (clientId: number) => boolean,
  cursorOk: (cursor: unknown) => boolean,
) {
  const kept: AwarenessEntry[] = [];
  let refused = 0;
  for (const entry of entries) {
    if (entry.state === null) {
      if (mayUse(entry.clientId)) kept.push(entry);
      continue;
    }
    // Checked before ownership, so refused states never use up the connection's client ids.
    const isObject = typeof entry.state === "object" && !Array.isArray(entry.state);
    const cursor = isObject ? (entry.state as { cursor?: unknown }).cursor ?? null : undefined;
    if (!isObject || !cursorOk(cursor)) {
      refused++;
      continue;
    }
    if (mayUse(entry.clientId)) kept.push({ ...entry, state: { user, cursor } });
  }
  return { kept, refused };
}

/**
 * The cache key of a sync step 2 answer: the answer depends only on min(theirs, ours) per client the
 * document knows, so made-up clients and clocks beyond ours map to the same key (and the same frame).
 */
export function normalisedStateVectorKey(ours: Map<number, number>, theirs: Map<number, number>) {
  const parts: string[] = [];
  for (const [client, clock] of ours) {
    const k = Math.min(theirs.get(client) ?? 0, clock);
    if (k > 0) parts.push(`${client}:${k}`);
  }
  return parts.sort().join(",");
}

/** One awareness entry as it appears inside an awareness update: client id, clock, JSON state. */
export function encodeAwarenessEntry(clientId: number, clock: number, json: string) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, json);
  return encoding.toUint8Array(encoder);
}

/** An awareness update made of already encoded entries (no JSON work per frame or per receiver). */
export function concatAwarenessEntries(entries: Iterable<Uint8Array>, count: number) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, count);
  for (const entry of entries) encoding.writeUint8Array(encoder, entry);
  return encoding.toUint8Array(encoder);
}
