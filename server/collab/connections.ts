// One collaboration socket's messages: sync, updates, presence. Every client update is decoded,
// checked for missing dependencies and validated against the editor schema on the room's shadow
// document before it touches the room's doc, is relayed or stored. Every connection spends a byte/
// cost budget, answers to sync step 1 are rate-limited and cached by normalised state vector, and
// presence is rebuilt from the fields the server understands (docs/COLLABORATION.md, decision 015).
import { encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { cursorFitsDocument } from "../../app/editor/cursor.ts";
import { UpdateRefused } from "../../app/editor/y-schema-guard.ts";
import { CLOSE_CODES, COLLAB_LIMITS, type CloseCode } from "../../app/domain/collab.ts";
import type { Durability } from "./durability.ts";
import { applyAwarenessEntries } from "./presence.ts";
import {
  decodeAwarenessUpdate, decodeClientMessage, encodeAwareness, encodeAwarenessEntry, encodeSyncStep2,
  enforceAwareness, normalisedStateVectorKey, updateIsContained, type DecodedUpdate,
} from "./protocol.ts";
import type { Budget, Connection, Room } from "./room.ts";
import { send } from "./send.ts";

type Log = Pick<Console, "error" | "warn" | "info">;

export function newBudget(tokens: number): Budget {
  return { tokens, last: Date.now() };
}

/** Token bucket: refills `perSecond` up to `burst`; takes `cost` if there is enough. */
export function spend(budget: Budget, cost: number, perSecond: number, burst: number) {
  const now = Date.now();
  budget.tokens = Math.min(burst, budget.tokens + ((now - budget.last) / 1000) * perSecond);
  budget.last = now;
  if (budget.tokens < cost) return false;
  budget.tokens -= cost;
  return true;
}

const spendBudget = (conn: Connection, cost: number) =>
  spend(conn.budget, cost, COLLAB_LIMITS.budgetBytesPerSecond, COLLAB_LIMITS.budgetBurstBytes);

export class ConnectionHandler {
  constructor(
    private readonly durability: Durability,
    private readonly log: Log,
    private readonly close: (conn: Connection, code: CloseCode, reason: string) => void,
  ) {}

  onMessage(conn: Connection, data: Buffer, isBinary: boolean) {
    if (conn.closed) return;
    if (!spendBudget(conn, COLLAB_LIMITS.frameBaseCost + data.byteLength)) return this.close(conn, CLOSE_CODES.rateLimited, "budget");
    const { room } = conn;
    try {
      if (!isBinary) throw new Error("text frame");
      const message = decodeClientMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      switch (message.kind) {
        case "sync-step1":
          return this.answerSyncStep1(conn, message.stateVector);
        case "sync-step2":
        case "update":
          return this.receiveUpdate(conn, message.kind, message.update, message.decoded);
        case "awareness":
          return this.receiveAwareness(conn, message.update);
        case "query-awareness": {
          const states = room.awareness.getStates();
          if (!states.size) return;
          const frame = encodeAwareness(encodeAwarenessUpdate(room.awareness, [...states.keys()]));
          if (!spendBudget(conn, frame.byteLength)) return this.close(conn, CLOSE_CODES.rateLimited, "budget");
          return send(conn, frame);
        }
        case "ignored":
          return;
      }
    } catch (error) {
      this.log.warn(`[collab] protocol violation on ${room.id}: ${error instanceof Error ? error.message : String(error)}`);
      this.close(conn, CLOSE_CODES.protocolViolation, "protocol violation");
    }
  }

  /**
   * The stock client sends one step 1 per connect; a few more are answered, the rest ignored. The
   * answer is cached by the normalised state vector, so a made-up vector cannot force a fresh encode.
   */
  private answerSyncStep1(conn: Connection, stateVector: Uint8Array) {
    if (!spend(conn.syncStep1, 1, 1000 / COLLAB_LIMITS.syncStep1RefillMs, COLLAB_LIMITS.syncStep1Burst)) return;
    const frame = fullStateFrame(conn.room, Y.decodeStateVector(stateVector));
    if (!spendBudget(conn, frame.byteLength)) return this.close(conn, CLOSE_CODES.rateLimited, "budget");
    send(conn, frame);
  }

  private receiveUpdate(conn: Connection, kind: "sync-step2" | "update", update: Uint8Array, decoded: DecodedUpdate) {
    const { room } = conn;
    if (conn.access.readOnly || room.frozen) {
      // Checking containment is CPU work: charge it, so resent full states cannot burn the server.
      if (!spendBudget(conn, update.byteLength * COLLAB_LIMITS.readOnlyStep2CostFactor)) return this.close(conn, CLOSE_CODES.rateLimited, "budget");
      // Keystrokes that raced a status change are no violation: the editor learns it is frozen.
      if (room.frozen || conn.access.frozen) return;
      // An honest reader sends one step 2 per connection (the answer to ours), and it adds nothing.
      // Only that one is checked (4 ms for a 160 KiB paper); anything more counts as a violation.
      const routine = kind === "sync-step2" && !conn.checkedReadOnlyStep2;
      if (routine) conn.checkedReadOnlyStep2 = true;
      if (routine && updateIsContained(room.doc, update)) return;
      conn.readOnlyViolations++;
      if (conn.readOnlyViolations > COLLAB_LIMITS.readOnlyViolationsBeforeClose) this.close(conn, CLOSE_CODES.forbidden, "read-only");
      return;
    }
    if (room.storedBytes + update.byteLength > COLLAB_LIMITS.maxDocumentBytes) {
      return this.close(conn, CLOSE_CODES.documentTooLarge, "document too large");
    }
    if (!this.mayIntroduceClients(conn, decoded)) {
      return this.close(conn, CLOSE_CODES.invalidUpdate, "too many client ids");
    }
    if (!applyValidated(room, update, decoded, conn, this.log)) {
      return this.close(conn, CLOSE_CODES.invalidUpdate, "update refused");
    }
    this.durability.expectAcknowledgement(conn);
  }

  /** yjs#415: thousands of client ids make every later edit slow. A connection may add a few. */
  private mayIntroduceClients(conn: Connection, decoded: DecodedUpdate) {
    const known = conn.room.doc.store.clients;
    // From the update decoded once already (parseUpdateMeta would decode it a second time per message).
    for (const client of new Set(decoded.structs.map((s) => s.id.client))) {
      if (known.has(client) || conn.newClientIds?.has(client)) continue;
      conn.newClientIds ??= new Set();
      if (conn.newClientIds.size >= COLLAB_LIMITS.maxNewClientIdsPerConnection) return false;
      conn.newClientIds.add(client);
    }
    return true;
  }

  private receiveAwareness(conn: Connection, update: Uint8Array) {
    const { room } = conn;
    conn.awarenessRate ??= newBudget(COLLAB_LIMITS.awarenessBurst);
    if (!spend(conn.awarenessRate, 1, COLLAB_LIMITS.awarenessPerSecond, COLLAB_LIMITS.awarenessBurst)) return;
    const { kept, refused } = enforceAwareness(
      decodeAwarenessUpdate(update), conn.presence,
      (id) => mayUseAwarenessId(conn, id),
      (cursor) => cursorFitsDocument(cursor, room.doc),
    );
    if (refused) this.log.warn(`[collab] presence with an invalid cursor dropped on ${room.id}`);
    if (!kept.length) return;
    // Stringified once here; the awareness listener relays these bytes, and the room's Awareness gets
    // the objects (no second parse).
    room.relayAwareness = new Map(kept.map((e) => [e.clientId, encodeAwarenessEntry(e.clientId, e.clock, JSON.stringify(e.state))]));
    try {
      applyAwarenessEntries(room.awareness, kept, conn);
    } finally {
      room.relayAwareness = undefined;
    }
  }
}

/**
 * The one write path into a room: dependency check and schema validation on the shadow, then the
 * room's doc. Returns false when the update was refused (nothing was applied, relayed or stored).
 */
export function applyValidated(room: Room, update: Uint8Array, decoded: DecodedUpdate, origin: unknown, log: Log): boolean {
  try {
    room.shadow.apply(update, decoded, () => Y.encodeStateAsUpdate(room.doc));
  } catch (error) {
    if (!(error instanceof UpdateRefused)) throw error;
    log.warn(`[collab] update refused on ${room.id} (${error.kind}): ${error.reason}`);
    return false;
  }
  Y.applyUpdate(room.doc, update, origin);
  const store = room.doc.store;
  if (store.pendingStructs || store.pendingDs) {
    // Cannot happen after the shadow's check; if it does, keep the room clean and refuse.
    log.error(`[collab] update left pending parts on ${room.id}; dropped`);
    store.pendingStructs = null;
    store.pendingDs = null;
    return false;
  }
  return true;
}

/** `[sync, step2, update]` for a joiner's state vector, from the cache when possible. */
export function fullStateFrame(room: Room, theirs: Map<number, number>) {
  const ours = Y.decodeStateVector(Y.encodeStateVector(room.doc));
  const key = normalisedStateVectorKey(ours, theirs);
  let frame = room.fullStateFrames.get(key);
  if (!frame) {
    const normalised = new Map<number, number>();
    for (const [client, clock] of ours) normalised.set(client, Math.min(theirs.get(client) ?? 0, clock));
    frame = encodeSyncStep2(Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(normalised)));
    if (room.fullStateFrames.size >= COLLAB_LIMITS.fullStateCacheEntries) room.fullStateFrames.delete(room.fullStateFrames.keys().next().value!);
    room.fullStateFrames.set(key, frame);
  }
  return frame;
}

function mayUseAwarenessId(conn: Connection, clientId: number) {
  if (conn.awarenessIds?.has(clientId)) return true;
  for (const other of conn.room.conns) if (other !== conn && other.awarenessIds?.has(clientId)) return false;
  if ((conn.awarenessIds?.size ?? 0) >= COLLAB_LIMITS.maxAwarenessClientsPerConnection) return false;
  // An id that is still shown (its owner left without removing it) may not be taken over.
  if (conn.room.awareness.getStates().has(clientId)) return false;
  (conn.awarenessIds ??= new Set()).add(clientId);
  return true;
}
