// Rooms (one loaded Y.Doc per document) and connections: sync, awareness, read-only enforcement,
// limits, durable acknowledgement, compaction, derived content, unloading, permission re-checks.
import type { WebSocket } from "ws";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import { deriveContent } from "../../app/models/documents.server.ts";
import {
  CLOSE_CODES, COLLAB_LIMITS, COLLAB_TIMING, presenceColour, type CloseCode, type PresenceUser,
} from "../../app/utils/collab.ts";
import type { PermissionChange } from "../../app/utils/collab-bridge.server.ts";
import { CollabStore, DocumentLoadError } from "./persistence.ts";
import {
  decodeAwarenessUpdate, decodeClientMessage, encodeAwareness, encodeAwarenessEntries, encodeSaved, encodeSyncStep1,
  encodeSyncStep2, encodeUpdate, enforceAwareness, updateIsContained,
} from "./protocol.ts";
import { resolveAccess, type Access } from "./upgrade.ts";

export type CollabOptions = { [K in keyof typeof COLLAB_TIMING]?: number } & { log?: Pick<Console, "error" | "warn" | "info"> };

type Connection = {
  ws: WebSocket;
  room: Room;
  cookieHeader: string | null;
  access: Access;
  presence: PresenceUser;
  awarenessIds: Set<number>;
  tokens: number;
  lastRefill: number;
  readOnlyViolations: number;
  alive: boolean;
  closed: boolean;
};

class Room {
  readonly conns = new Set<Connection>();
  readonly awareness: Awareness;
  /** Applied in memory, not yet committed. */
  pending: Uint8Array[] = [];
  storedBytes: number;
  logRows: number;
  lastSeq: number;
  unloadTimer: NodeJS.Timeout | undefined;
  deriveTimer: NodeJS.Timeout | undefined;
  /** `[sync, step2, full state]`, valid until the next update. */
  fullStateFrame: Uint8Array | undefined;

  constructor(readonly id: string, readonly doc: Y.Doc, stored: { storedBytes: number; logRows: number; lastSeq: number }) {
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null); // the server has no presence of its own
    this.storedBytes = stored.storedBytes;
    this.logRows = stored.logRows;
    this.lastSeq = stored.lastSeq;
  }
}

export class CollabRooms {
  readonly rooms = new Map<string, Room>();
  private readonly timing: { [K in keyof typeof COLLAB_TIMING]: number };
  private readonly log: Pick<Console, "error" | "warn" | "info">;
  private commitTimer: NodeJS.Timeout | undefined;
  private readonly dirtyRooms = new Set<Room>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly recheckTimer: NodeJS.Timeout;
  private closing = false;

  constructor(readonly store: CollabStore, options: CollabOptions = {}) {
    const { log, ...timing } = options;
    this.timing = { ...COLLAB_TIMING, ...timing };
    this.log = log ?? console;
    this.pingTimer = setInterval(() => this.pingAll(), this.timing.pingIntervalMs).unref();
    this.recheckTimer = setInterval(() => void this.recheck(() => true), this.timing.permissionRecheckMs).unref();
  }

  // ---- rooms

  /** The loaded room; loads it on first use. Throws DocumentLoadError; null when the document is gone. */
  private room(documentId: string): Room | null {
    const existing = this.rooms.get(documentId);
    if (existing) return existing;
    const stored = this.store.load(documentId);
    if (!stored) return null;
    const room = new Room(documentId, stored.doc, stored);
    room.doc.on("update", (update: Uint8Array, origin: unknown) => this.onDocUpdate(room, update, origin));
    room.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const changed = [...added, ...updated, ...removed];
      if (changed.length) this.broadcast(room, encodeAwareness(encodeAwarenessUpdate(room.awareness, changed)));
    });
    this.rooms.set(documentId, room);
    return room;
  }

  private onDocUpdate(room: Room, update: Uint8Array, origin: unknown) {
    room.fullStateFrame = undefined;
    room.pending.push(update);
    room.storedBytes += update.byteLength;
    this.dirtyRooms.add(room);
    this.commitTimer ??= setTimeout(() => this.commit(), this.timing.groupCommitMs);
    const frame = encodeUpdate(update);
    for (const conn of room.conns) if (conn !== origin) send(conn, frame);
  }

  /**
   * The group commit: every pending update of every room in one SQLite transaction, then each
   * room's clients learn the state vector that is now durable. Synchronous, so nothing is applied
   * between the write and the acknowledgement.
   */
  commit() {
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    if (!this.dirtyRooms.size) return;
    const rooms = [...this.dirtyRooms];
    const batch = new Map(rooms.map((r) => [r.id, r.pending] as const));
    let lastSeq: Map<string, number>;
    try {
      lastSeq = this.store.appendBatch(batch);
    } catch (error) {
      // Nothing is acknowledged; the updates stay pending and are retried.
      this.log.error("[collab] group commit failed, retrying", error);
      this.commitTimer = setTimeout(() => this.commit(), Math.max(100, this.timing.groupCommitMs));
      return;
    }
    this.dirtyRooms.clear();
    for (const room of rooms) {
      room.logRows += room.pending.length;
      room.pending = [];
      room.lastSeq = lastSeq.get(room.id) ?? room.lastSeq;
      this.broadcast(room, encodeSaved(Y.encodeStateVector(room.doc)));
      if (room.logRows >= this.timing.compactAfterUpdates) this.compact(room);
      this.scheduleDerive(room);
    }
  }

  /** Folds the log into a snapshot. Only right after a commit, when memory equals disk. */
  private compact(room: Room) {
    if (room.pending.length) return;
    try {
      const state = Y.encodeStateAsUpdate(room.doc);
      this.store.compact(room.id, state, room.lastSeq);
      room.storedBytes = state.byteLength;
      room.logRows = 0;
    } catch (error) {
      this.log.error(`[collab] compaction of ${room.id} failed; the log is kept`, error);
    }
  }

  private scheduleDerive(room: Room) {
    room.deriveTimer ??= setTimeout(() => {
      room.deriveTimer = undefined;
      this.derive(room);
    }, this.timing.deriveDebounceMs);
  }

  private derive(room: Room) {
    try {
      const { json, text } = deriveContent(room.doc);
      this.store.writeDerived(room.id, JSON.stringify(json), text);
    } catch (error) {
      this.log.error(`[collab] deriving the text of ${room.id} failed`, error);
    }
  }

  private scheduleUnload(room: Room) {
    clearTimeout(room.unloadTimer);
    room.unloadTimer = setTimeout(() => this.unload(room), this.timing.unloadGraceMs);
    room.unloadTimer.unref();
  }

  /** Stores what is pending, compacts, derives, and frees the room. */
  private unload(room: Room) {
    if (room.conns.size || this.rooms.get(room.id) !== room) return;
    if (room.pending.length) this.commit();
    if (room.pending.length) return this.scheduleUnload(room); // commit failed: keep it in memory
    if (room.logRows) this.compact(room);
    clearTimeout(room.deriveTimer);
    if (room.deriveTimer) this.derive(room);
    this.rooms.delete(room.id);
    room.awareness.destroy();
    room.doc.destroy();
  }

  // ---- connections

  /** Takes an accepted socket. The caller has checked the session and permission. */
  accept(ws: WebSocket, documentId: string, access: Access, cookieHeader: string | null) {
    ws.binaryType = "nodebuffer";
    ws.on("error", (error) => this.log.warn(`[collab] socket error on ${documentId}: ${error.message}`));
    if (this.closing) return ws.close(CLOSE_CODES.goingAway);
    let room: Room | null;
    try {
      room = this.room(documentId);
    } catch (error) {
      // Never fall back to an empty document: it would be sent to the client and could be saved.
      this.log.error(`[collab] ${error instanceof DocumentLoadError ? error.message : String(error)}`);
      ws.close(CLOSE_CODES.loadFailed, "load failed");
      return;
    }
    if (!room) return ws.close(CLOSE_CODES.notFound);
    clearTimeout(room.unloadTimer);
    const conn: Connection = {
      ws, room, cookieHeader, access,
      presence: presenceOf(access),
      awarenessIds: new Set(),
      tokens: COLLAB_LIMITS.messageBurst,
      lastRefill: Date.now(),
      readOnlyViolations: 0,
      alive: true,
      closed: false,
    };
    room.conns.add(conn);
    ws.on("pong", () => (conn.alive = true));
    ws.on("message", (data, isBinary) => this.onMessage(conn, data as Buffer, isBinary));
    ws.on("close", () => this.onClose(conn));

    send(conn, encodeSyncStep1(room.doc));
    const states = room.awareness.getStates();
    if (states.size) send(conn, encodeAwareness(encodeAwarenessUpdate(room.awareness, [...states.keys()])));
    if (!room.pending.length) send(conn, encodeSaved(Y.encodeStateVector(room.doc)));
  }

  private onMessage(conn: Connection, data: Buffer, isBinary: boolean) {
    if (conn.closed) return;
    if (!this.takeToken(conn)) return this.close(conn, CLOSE_CODES.rateLimited, "rate limit");
    const { room } = conn;
    try {
      if (!isBinary) throw new Error("text frame");
      const message = decodeClientMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      switch (message.kind) {
        case "sync-step1": {
          const frame = message.stateVector.byteLength <= 1
            ? (room.fullStateFrame ??= encodeSyncStep2(Y.encodeStateAsUpdate(room.doc)))
            : encodeSyncStep2(Y.encodeStateAsUpdate(room.doc, message.stateVector));
          send(conn, frame);
          break;
        }
        case "sync-step2":
        case "update": {
          if (conn.access.readOnly) {
            if (updateIsContained(room.doc, message.update)) break; // a routine, empty sync step 2
            conn.readOnlyViolations++;
            if (conn.readOnlyViolations > COLLAB_LIMITS.readOnlyViolationsBeforeClose) this.close(conn, CLOSE_CODES.forbidden, "read-only");
            break;
          }
          if (room.storedBytes + message.update.byteLength > COLLAB_LIMITS.maxDocumentBytes) {
            this.close(conn, CLOSE_CODES.documentTooLarge, "document too large");
            break;
          }
          Y.applyUpdate(room.doc, message.update, conn);
          // Nothing new (a resent edit): it is already durable unless something is pending.
          if (!room.pending.length) send(conn, encodeSaved(Y.encodeStateVector(room.doc)));
          break;
        }
        case "awareness": {
          const entries = enforceAwareness(decodeAwarenessUpdate(message.update), conn.presence, (id) => this.mayUseAwarenessId(conn, id));
          if (entries.length) applyAwarenessUpdate(room.awareness, encodeAwarenessEntries(entries), conn);
          break;
        }
        case "query-awareness": {
          const states = room.awareness.getStates();
          if (states.size) send(conn, encodeAwareness(encodeAwarenessUpdate(room.awareness, [...states.keys()])));
          break;
        }
        case "ignored":
          break;
      }
    } catch (error) {
      this.log.warn(`[collab] protocol violation on ${room.id}: ${error instanceof Error ? error.message : String(error)}`);
      this.close(conn, CLOSE_CODES.protocolViolation, "protocol violation");
    }
  }

  private mayUseAwarenessId(conn: Connection, clientId: number) {
    if (conn.awarenessIds.has(clientId)) return true;
    for (const other of conn.room.conns) if (other !== conn && other.awarenessIds.has(clientId)) return false;
    if (conn.awarenessIds.size >= COLLAB_LIMITS.maxAwarenessClientsPerConnection) return false;
    // An id that is still shown (its owner left without removing it) may not be taken over.
    if (conn.room.awareness.getStates().has(clientId)) return false;
    conn.awarenessIds.add(clientId);
    return true;
  }

  private takeToken(conn: Connection) {
    const now = Date.now();
    conn.tokens = Math.min(COLLAB_LIMITS.messageBurst, conn.tokens + ((now - conn.lastRefill) / 1000) * COLLAB_LIMITS.messagesPerSecond);
    conn.lastRefill = now;
    if (conn.tokens < 1) return false;
    conn.tokens -= 1;
    return true;
  }

  private close(conn: Connection, code: CloseCode, reason: string) {
    if (conn.closed) return;
    this.onClose(conn);
    conn.ws.close(code, reason);
  }

  private onClose(conn: Connection) {
    if (conn.closed) return;
    conn.closed = true;
    const { room } = conn;
    room.conns.delete(conn);
    if (conn.awarenessIds.size) removeAwarenessStates(room.awareness, [...conn.awarenessIds], null);
    if (!room.conns.size) this.scheduleUnload(room);
  }

  private broadcast(room: Room, frame: Uint8Array) {
    for (const conn of room.conns) send(conn, frame);
  }

  private pingAll() {
    for (const room of this.rooms.values()) {
      for (const conn of room.conns) {
        if (!conn.alive) {
          this.onClose(conn);
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }
  }

  // ---- permissions

  /** Re-decides every matching open socket: close it, make it read-only, or make it writable again. */
  async recheck(matches: (conn: Connection) => boolean) {
    const conns = [...this.rooms.values()].flatMap((room) => [...room.conns]).filter(matches);
    await Promise.all(
      conns.map(async (conn) => {
        try {
          const decision = await resolveAccess(conn.cookieHeader, conn.room.id);
          if (conn.closed) return;
          if (!decision.ok) {
            const code = decision.status === 401 ? CLOSE_CODES.unauthenticated : CLOSE_CODES.forbidden;
            return this.close(conn, code, "access withdrawn");
          }
          conn.access = decision.access;
          conn.presence = presenceOf(decision.access);
        } catch (error) {
          this.log.error("[collab] permission re-check failed", error);
        }
      }),
    );
  }

  permissionsChanged(change: PermissionChange) {
    void this.recheck((conn) =>
      (!change.documentId || conn.room.id === change.documentId) &&
      (!change.userId || conn.access.user.id === change.userId) &&
      (!change.spaceId || this.store.meta(conn.room.id)?.spaceId === change.spaceId),
    );
  }

  /** Distinct users with the document open. */
  presence(documentId: string) {
    const room = this.rooms.get(documentId);
    if (!room) return [];
    const seen = new Map<string, { name: string; color: string }>();
    for (const conn of room.conns) seen.set(conn.access.user.id, { name: conn.presence.name, color: conn.presence.color });
    return [...seen.values()];
  }

  /** Stores everything pending, closes every socket, frees every room. */
  shutdown() {
    this.closing = true;
    clearInterval(this.pingTimer);
    clearInterval(this.recheckTimer);
    this.commit();
    for (const room of this.rooms.values()) {
      for (const conn of [...room.conns]) this.close(conn, CLOSE_CODES.goingAway, "server shutting down");
      clearTimeout(room.unloadTimer);
      clearTimeout(room.deriveTimer);
      if (room.deriveTimer) this.derive(room);
    }
  }
}

function presenceOf(access: Access): PresenceUser {
  return { id: access.user.id, name: access.user.name, color: presenceColour(access.user.id), role: access.role };
}

function send(conn: Connection, frame: Uint8Array) {
  if (conn.closed || conn.ws.readyState !== conn.ws.OPEN) return;
  conn.ws.send(frame, (error) => {
    if (error) conn.ws.terminate();
  });
}
