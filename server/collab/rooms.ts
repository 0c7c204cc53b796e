// Rooms (one loaded Y.Doc per document) and connections: sync, awareness, read-only enforcement,
// limits, durable acknowledgement, compaction, derived content, unloading, permission re-checks.
import { EventEmitter } from "node:events";
import type { WebSocket } from "ws";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import { deriveContent } from "../../app/models/documents.server.ts";
import {
  CLOSE_CODES, COLLAB_LIMITS, COLLAB_TIMING, presenceColour, type CloseCode, type PresenceUser,
} from "../../app/utils/collab.ts";
import type { PermissionChange } from "../../app/utils/collab-bridge.server.ts";
import { CollabStore, DocumentLoadError, PersistenceWriter } from "./persistence.ts";
import {
  decodeAwarenessUpdate, decodeClientMessage, encodeAwareness, encodeDocumentEvent, encodeAwarenessEntries, encodeSaved, encodeSyncStep1,
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
  /** Sent updates since the last "saved" message it received. */
  awaitingSaved: boolean;
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
  compacting = false;
  unloading = false;
  /** The filtered awareness frame being applied, relayed as is by the awareness listener. */
  relayAwareness: Uint8Array | undefined;
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
  /** Emits "unloaded" (documentId) when a room has been stored and freed. */
  readonly events = new EventEmitter<{ unloaded: [documentId: string] }>();
  private readonly timing: { [K in keyof typeof COLLAB_TIMING]: number };
  private readonly log: Pick<Console, "error" | "warn" | "info">;
  private commitTimer: NodeJS.Timeout | undefined;
  private readonly dirtyRooms = new Set<Room>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly recheckTimer: NodeJS.Timeout;
  private closing = false;
  private commitInFlight: Promise<void> | undefined;
  private retryDelay = 0;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(readonly store: CollabStore, private readonly writer: PersistenceWriter, options: CollabOptions = {}) {
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
    room.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      if (!changed.length) return;
      // A client's filtered frame is relayed as it is (receivers ignore entries with old clocks);
      // removals after a socket closed are encoded here.
      const frame = origin && room.relayAwareness ? room.relayAwareness : encodeAwareness(encodeAwarenessUpdate(room.awareness, changed));
      this.broadcast(room, frame);
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
   * The group commit: every pending update of every room goes to the writer thread as one SQLite
   * transaction. The state vector each room had when its batch was taken is exactly what the batch
   * makes durable; after the commit it is sent to the connections whose updates were in it.
   * One commit is in flight at a time; updates arriving meanwhile wait for the next one.
   */
  commit() {
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    if (this.commitInFlight || !this.dirtyRooms.size) return;
    const taken = [...this.dirtyRooms].map((room) => {
      const writers = [...room.conns].filter((c) => c.awaitingSaved);
      for (const c of writers) c.awaitingSaved = false;
      const entry = { room, updates: room.pending, stateVector: Y.encodeStateVector(room.doc), writers };
      room.pending = [];
      return entry;
    });
    this.dirtyRooms.clear();
    this.commitInFlight = this.writer
      .call("append", { batch: taken.map((t) => [t.room.id, t.updates]) })
      .then(
        (lastSeqs) => {
          const lastSeq = new Map(lastSeqs);
          for (const { room, updates, stateVector, writers } of taken) {
            room.logRows += updates.length;
            room.lastSeq = lastSeq.get(room.id) ?? room.lastSeq;
            const saved = encodeSaved(stateVector);
            for (const conn of writers) send(conn, saved);
            if (room.logRows >= this.timing.compactAfterUpdates) void this.compact(room);
            this.scheduleDerive(room);
          }
        },
        (error) => {
          // Nothing is acknowledged; the updates go back in front of anything newer and are retried.
          this.log.error("[collab] group commit failed, retrying", error);
          for (const { room, updates, writers } of taken) {
            room.pending = [...updates, ...room.pending];
            for (const c of writers) c.awaitingSaved = true;
            this.dirtyRooms.add(room);
          }
          this.retryDelay = Math.min(2000, Math.max(100, this.retryDelay * 2));
        },
      )
      .finally(() => {
        this.commitInFlight = undefined;
        if (this.dirtyRooms.size) this.commitTimer ??= setTimeout(() => this.commit(), this.retryDelay || this.timing.groupCommitMs);
        else this.retryDelay = 0;
        this.notifyIdle();
      });
  }

  /**
   * Folds the log into a snapshot. The snapshot may contain updates newer than `lastSeq` (applied
   * in memory while the commit was in flight); replaying them from the log later is harmless,
   * because applying a Yjs update twice changes nothing.
   */
  private async compact(room: Room) {
    if (room.compacting) return;
    room.compacting = true;
    const state = Y.encodeStateAsUpdate(room.doc);
    const uptoSeq = room.lastSeq;
    try {
      const dropped = await this.writer.call("compact", { documentId: room.id, state, uptoSeq });
      room.logRows = Math.max(0, room.logRows - dropped);
      room.storedBytes = state.byteLength + room.pending.reduce((n, u) => n + u.byteLength, 0);
    } catch (error) {
      this.log.error(`[collab] compaction of ${room.id} failed; the log is kept`, error);
    } finally {
      room.compacting = false;
      this.notifyIdle();
    }
  }

  private scheduleDerive(room: Room) {
    room.deriveTimer ??= setTimeout(() => {
      room.deriveTimer = undefined;
      void this.derive(room);
    }, this.timing.deriveDebounceMs);
  }

  private async derive(room: Room) {
    try {
      const { json, text } = deriveContent(room.doc);
      await this.writer.call("derived", { documentId: room.id, json: JSON.stringify(json), text });
    } catch (error) {
      this.log.error(`[collab] deriving the text of ${room.id} failed`, error);
    }
  }

  /** Resolves when nothing is pending, committing or compacting (tests, unload, shutdown). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    if (!this.commitInFlight && this.dirtyRooms.size) this.commit();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle() {
    return !this.commitInFlight && !this.dirtyRooms.size && ![...this.rooms.values()].some((r) => r.compacting);
  }

  private notifyIdle() {
    if (!this.idleWaiters.length) return;
    if (!this.isIdle()) {
      if (!this.commitInFlight && this.dirtyRooms.size) this.commit();
      return;
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private scheduleUnload(room: Room) {
    clearTimeout(room.unloadTimer);
    room.unloadTimer = setTimeout(() => this.unload(room), this.timing.unloadGraceMs);
    room.unloadTimer.unref();
  }

  /** Stores what is pending, compacts, derives, and frees the room (unless someone came back). */
  private async unload(room: Room) {
    if (room.conns.size || this.rooms.get(room.id) !== room || room.unloading) return;
    room.unloading = true;
    try {
      await this.flushRoom(room);
      if (room.pending.length) return this.scheduleUnload(room); // the disk refuses: keep it in memory
      if (room.logRows && !room.conns.size) await this.compact(room);
      if (room.deriveTimer) {
        clearTimeout(room.deriveTimer);
        room.deriveTimer = undefined;
        await this.derive(room);
      }
      if (room.conns.size || room.pending.length || room.compacting) return;
      this.rooms.delete(room.id);
      room.awareness.destroy();
      room.doc.destroy();
      this.events.emit("unloaded", room.id);
    } finally {
      room.unloading = false;
    }
  }

  /**
   * A change made by the server (e.g. restoring a version): one transaction on the room, sent to
   * every connection like any update, and durable before this resolves.
   */
  async applyChange(documentId: string, change: (doc: Y.Doc) => void) {
    const room = this.room(documentId);
    if (!room) return;
    room.doc.transact(() => change(room.doc), this);
    await this.flushRoom(room);
    if (room.pending.length) throw new Error(`[collab] change to ${documentId} could not be stored`);
    if (!room.conns.size) this.scheduleUnload(room);
  }

  /** Tells every open connection of a document that comments, status or versions changed. */
  sendDocumentEvent(documentId: string, event: string) {
    const room = this.rooms.get(documentId);
    if (room) this.broadcast(room, encodeDocumentEvent(event));
  }

  /** Commits until nothing of `room` is pending; gives up while commits are failing. */
  private async flushRoom(room: Room) {
    while (room.pending.length || this.commitInFlight) {
      if (this.retryDelay) return;
      if (!this.commitInFlight) this.commit();
      await this.commitInFlight;
    }
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
      awaitingSaved: false,
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
          conn.awaitingSaved = true;
          Y.applyUpdate(room.doc, message.update, conn);
          // Nothing new (a resent edit): it is already durable unless something is pending.
          if (!room.pending.length) {
            conn.awaitingSaved = false;
            send(conn, encodeSaved(Y.encodeStateVector(room.doc)));
          }
          break;
        }
        case "awareness": {
          const entries = enforceAwareness(decodeAwarenessUpdate(message.update), conn.presence, (id) => this.mayUseAwarenessId(conn, id));
          if (entries.length) {
            const update = encodeAwarenessEntries(entries);
            room.relayAwareness = encodeAwareness(update);
            try {
              applyAwarenessUpdate(room.awareness, update, conn);
            } finally {
              room.relayAwareness = undefined;
            }
          }
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

  /**
   * Re-decides every matching open socket: close it, make it read-only, or writable again.
   * Sockets of the same session on the same document share one decision.
   */
  async recheck(matches: (conn: Connection) => boolean) {
    const groups = new Map<string, Connection[]>();
    for (const room of this.rooms.values()) {
      for (const conn of room.conns) {
        if (!matches(conn)) continue;
        const key = `${room.id}\n${conn.cookieHeader ?? ""}`;
        groups.set(key, [...(groups.get(key) ?? []), conn]);
      }
    }
    for (const conns of groups.values()) {
      try {
        const decision = await resolveAccess(conns[0].cookieHeader, conns[0].room.id);
        for (const conn of conns) {
          if (conn.closed) continue;
          if (!decision.ok) {
            this.close(conn, decision.status === 401 ? CLOSE_CODES.unauthenticated : CLOSE_CODES.forbidden, "access withdrawn");
            continue;
          }
          const changedMode = conn.access.readOnly !== decision.access.readOnly;
          conn.access = decision.access;
          conn.presence = presenceOf(decision.access);
          // The browser reloads its page data, so the editor's mode follows at once.
          if (changedMode) send(conn, encodeDocumentEvent("access"));
        }
      } catch (error) {
        this.log.error("[collab] permission re-check failed", error);
      }
    }
  }

  permissionsChanged(change: PermissionChange) {
    return this.recheck((conn) =>
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

  /** Closes every socket, then stores everything pending and the derived text. */
  async shutdown(timeoutMs = 5000) {
    this.closing = true;
    clearInterval(this.pingTimer);
    clearInterval(this.recheckTimer);
    for (const room of this.rooms.values()) {
      for (const conn of [...room.conns]) this.close(conn, CLOSE_CODES.goingAway, "server shutting down");
      clearTimeout(room.unloadTimer);
    }
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([this.idle(), timeout]);
    await Promise.race([
      Promise.all(
        [...this.rooms.values()].filter((r) => r.deriveTimer).map((room) => {
          clearTimeout(room.deriveTimer);
          room.deriveTimer = undefined;
          return this.derive(room);
        }),
      ),
      timeout,
    ]);
  }
}

function presenceOf(access: Access): PresenceUser {
  return { id: access.user.id, name: access.user.name, color: presenceColour(access.user.id), role: access.role };
}

/** Errors surface on the socket's "error" event (logged) and its close; no per-frame callback. */
function send(conn: Connection, frame: Uint8Array) {
  if (conn.closed || conn.ws.readyState !== conn.ws.OPEN) return;
  conn.ws.send(frame);
}
