// The room registry: loads a paper into a room on first use, accepts sockets into it, frees it when
// the last one has left and everything is stored, and is the collaboration server's face to the app
// (server-made changes, status changes with the text frozen, permission re-checks, presence).
// Messages are handled in connections.ts, commits in durability.ts, sockets' rights in access.ts.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { WebSocket } from "ws";
import { encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import { DocumentLoadError, type StoredDocument } from "../../app/models/document-state.server.ts";
import {
  CLOSE_CODES, COLLAB_LIMITS, COLLAB_TIMING, type CloseCode,
} from "../../app/domain/collab.ts";
import type { DocumentEvent, PermissionChange } from "../../app/infra/collab-link/types.ts";
import { FROZEN_DOCUMENT_STATUSES, type DocumentStatus } from "../../app/domain/model.ts";
import { resolveAccess, type Access, type AccessDecision } from "./access.ts";
import { applyValidated, ConnectionHandler, newBudget } from "./connections.ts";
import { Durability } from "./durability.ts";
import { Fanout } from "./fanout.ts";
import { currentAwarenessEntry } from "./presence.ts";
import { LOAD_OFF_THREAD_BYTES, type CollabStore, type PersistenceWriter } from "./persistence.ts";
import { encodeAwareness, encodeDocumentEvent, encodeSyncStep1 } from "./protocol.ts";
import { Room, type Connection } from "./room.ts";
import { send } from "./send.ts";

/** The connection of each accepted socket, for the listeners every socket shares. */
const connections = new WeakMap<WebSocket, Connection>();
/** Accepted sockets still waiting for their room (a large paper loading): what to call if they close first. */
const unjoined = new WeakMap<WebSocket, () => void>();

function onPong(this: WebSocket) {
  const conn = connections.get(this);
  if (conn) conn.alive = true;
}

/** How long a room stays frozen for a status change whose caller never thaws it (its process hung). */
export const FREEZE_TIMEOUT_MS = 60_000;
type Timing = typeof COLLAB_TIMING & { freezeTimeoutMs: number };
export type CollabOptions = { [K in keyof Timing]?: number } & { log?: Pick<Console, "error" | "warn" | "info"> };

export class CollabRooms {
  readonly rooms = new Map<string, Room>();
  /** Emits "unloaded" (documentId) when a room has been stored and freed. */
  readonly events = new EventEmitter<{ unloaded: [documentId: string] }>();
  readonly durability: Durability;
  readonly fanout: Fanout;
  private readonly handler: ConnectionHandler;
  private readonly timing: { [K in keyof Timing]: number };
  private readonly log: Pick<Console, "error" | "warn" | "info">;
  private readonly pingTimer: NodeJS.Timeout;
  private readonly recheckTimer: NodeJS.Timeout;
  private closing = false;
  /** Bumped by every re-check: an upgrade decided before one is decided again (races with a status change). */
  accessEpoch = 0;

  constructor(readonly store: CollabStore, writer: PersistenceWriter, options: CollabOptions = {}) {
    const { log, ...timing } = options;
    this.timing = { ...COLLAB_TIMING, freezeTimeoutMs: FREEZE_TIMEOUT_MS, ...timing };
    this.fanout = new Fanout(this.timing.presenceFlushMs);
    this.log = log ?? console;
    this.durability = new Durability(writer, this.timing, this.log, () => this.rooms.values());
    this.handler = new ConnectionHandler(this.durability, this.log, (conn, code, reason) => this.close(conn, code, reason));
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
    return this.open(documentId, stored);
  }

  /** Rooms being loaded on the loader thread, so that joiners of one paper share one load. */
  private readonly loading = new Map<string, Promise<Room | null>>();

  /**
   * The room, loaded without blocking the other rooms when the paper is large: reading, checking and
   * repairing run on the loader thread; only applying the clean state to the room's doc and its
   * shadow runs here, in two turns of the event loop.
   */
  private roomAsync(documentId: string): Promise<Room | null> {
    const existing = this.rooms.get(documentId);
    if (existing) return Promise.resolve(existing);
    let load = this.loading.get(documentId);
    if (!load) {
      load = this.store.loader.load(documentId).then(async (stored) => {
        if (!stored) return this.rooms.get(documentId) ?? null;
        if (this.rooms.has(documentId)) return this.rooms.get(documentId)!;
        const room = await Room.build(documentId, stored.spaceId, stored);
        // A synchronous load (a server-made change) may have opened the room meanwhile: that one counts.
        const opened = this.rooms.get(documentId);
        if (!opened) return this.open(documentId, stored, room);
        room.destroy();
        return opened;
      }).finally(() => this.loading.delete(documentId));
      this.loading.set(documentId, load);
    }
    return load;
  }

  private open(documentId: string, stored: StoredDocument, built?: Room): Room {
    const room = built ?? new Room(documentId, stored.spaceId, stored);
    room.doc.on("update", (update: Uint8Array, origin: unknown) => this.onDocUpdate(room, update, origin));
    room.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      // A client's filtered entries are relayed as they were encoded (connections.ts); removals after
      // a socket closed, and timeouts, are encoded here.
      for (const changed of [added, updated, removed]) {
        for (const id of changed) this.fanout.awareness(room, id, (origin ? room.relayAwareness?.get(id) : undefined) ?? currentAwarenessEntry(room.awareness, id));
      }
    });
    this.rooms.set(documentId, room);
    if (stored.problems.length) {
      // An old paper with pending parts or content outside the schema: it loads without them, and
      // the repair is stored like any server change (`npm run collab:repair` also keeps the old state as a version).
      this.log.warn(`[collab] ${documentId} loaded without: ${stored.problems.join("; ")}`);
      room.storedBytes = stored.state.byteLength;
      void this.durability.compact(room);
    }
    return room;
  }

  private onDocUpdate(room: Room, update: Uint8Array, origin: unknown) {
    room.fullStateFrames.clear();
    this.durability.queue(room, update);
    this.fanout.update(room, update, origin);
  }

  private scheduleUnload(room: Room) {
    clearTimeout(room.unloadTimer);
    room.unloadTimer = setTimeout(() => this.queueUnload(room), this.timing.unloadGraceMs);
    room.unloadTimer.unref();
  }

  /**
   * Unloads run one after another: when a meeting ends, dozens of papers lose their last socket at
   * once, and their flushes, compactions and derived texts would otherwise all land in the same few
   * milliseconds, in front of the edits of the rooms still open.
   */
  private unloads: Promise<void> = Promise.resolve();
  private queueUnload(room: Room) {
    this.unloads = this.unloads.then(() => this.unload(room)).catch((error: unknown) => this.log.error("[collab] unload failed", error));
  }

  /** Stores what is pending, compacts, derives, and frees the room (unless someone came back). */
  private async unload(room: Room) {
    if (room.conns.size || this.rooms.get(room.id) !== room || room.unloading || room.frozen) return;
    room.unloading = true;
    try {
      if (!(await this.durability.flush(room))) return this.scheduleUnload(room); // the disk refuses: keep it in memory
      if (room.logRows && !room.conns.size) await this.durability.compact(room);
      if (room.deriveTimer) await this.durability.derive(room);
      if (room.conns.size || room.pending.length || room.compacting || room.frozen) return;
      this.rooms.delete(room.id);
      this.durability.forget(room);
      room.destroy();
      this.events.emit("unloaded", room.id);
    } finally {
      room.unloading = false;
    }
  }

  /** Runs `task` after every earlier status change or server-made change of the room has finished. */
  private exclusive<T>(room: Room, task: () => Promise<T>): Promise<T> {
    const run = room.exclusive.then(task, task);
    room.exclusive = run.catch(() => undefined);
    return run;
  }

  /**
   * A change made by the server (e.g. restoring a version): made on a copy, then validated and applied
   * like a client update, sent to every connection, and durable before this resolves. Refused with
   * `code: "DOCUMENT_FROZEN"` when the paper's text is frozen by now (checked after any status change
   * that was running, so a restore can never land on an adopted paper).
   */
  async applyChange<T = void>(documentId: string, change: (doc: Y.Doc) => T): Promise<T> {
    const room = this.room(documentId);
    if (!room) throw Object.assign(new Error(`document ${documentId} does not exist`), { code: "DOCUMENT_NOT_FOUND" });
    clearTimeout(room.unloadTimer);
    return this.exclusive(room, async () => {
      if (FROZEN_DOCUMENT_STATUSES.has(this.store.status(documentId) as DocumentStatus)) {
        throw Object.assign(new Error(`document ${documentId} is frozen`), { code: "DOCUMENT_FROZEN" });
      }
      const copy = new Y.Doc();
      let result: T;
      try {
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
        const before = Y.encodeStateVector(copy);
        result = copy.transact(() => change(copy));
        const update = Y.encodeStateAsUpdate(copy, before);
        if (!applyValidated(room, update, Y.decodeUpdate(update), this, this.log)) throw new Error(`[collab] change to ${documentId} is outside the schema`);
      } finally {
        copy.destroy();
      }
      if (!(await this.durability.flush(room))) throw new Error(`[collab] change to ${documentId} could not be stored`);
      return result;
    }).finally(() => {
      if (!room.conns.size) this.scheduleUnload(room);
    });
  }

  /** Freezes held by a caller, by token: the link's freeze/thaw (the caller may be another process). */
  private readonly freezes = new Map<string, { owner: string; end: (recheck: boolean) => Promise<void> }>();

  /**
   * The first half of a status change over the link: freeze the room, drain to disk and answer that
   * state; the room stays frozen until `thaw(token)`, `thawOwner(owner)` (the caller's process ended)
   * or `timeoutMs`. Freezes and server-made changes of one paper run one after the other; a freeze
   * whose turn comes after `deadline` (epoch ms: the caller stopped waiting) is refused.
   */
  freeze(documentId: string, owner: string, deadline = Infinity, timeoutMs = this.timing.freezeTimeoutMs): Promise<{ token: string; state: Uint8Array }> {
    const room = this.room(documentId);
    if (!room) return Promise.reject(Object.assign(new Error(`document ${documentId} does not exist`), { code: "DOCUMENT_NOT_FOUND" }));
    clearTimeout(room.unloadTimer);
    // Marked abandoned by thawOwner while it waits its turn or drains.
    const waiting = { owner, abandoned: false };
    this.waitingFreezes.add(waiting);
    return new Promise((resolveFrozen, rejectFrozen) => {
      void this.exclusive(room, async () => {
        room.frozen = true;
        const token = randomUUID();
        try {
          if (!(await this.durability.flush(room))) throw new Error(`[collab] ${documentId} cannot be stored right now`);
          // Nobody would thaw a freeze granted after its caller stopped waiting or went away (it
          // waited behind another freeze or a slow flush): refuse it instead of holding the room.
          this.waitingFreezes.delete(waiting);
          if (Date.now() > deadline || waiting.abandoned) {
            throw Object.assign(new Error(`[collab] freeze of ${documentId} for ${owner} came after its caller stopped waiting`), { code: "LINK_TIMEOUT" });
          }
          let end!: (recheck: boolean) => void;
          const ended = new Promise<boolean>((resolve) => (end = resolve));
          let finished!: () => void;
          const done = new Promise<void>((resolve) => (finished = resolve));
          const timer = setTimeout(() => {
            this.log.warn(`[collab] freeze of ${documentId} by ${owner} not ended within ${timeoutMs} ms: thawing`);
            end(true);
          }, timeoutMs);
          timer.unref();
          this.freezes.set(token, { owner, end: (recheck) => (end(recheck), done) });
          resolveFrozen({ token, state: Y.encodeStateAsUpdate(room.doc) });
          const recheck = await ended;
          clearTimeout(timer);
          try {
            if (recheck) await this.recheck((conn) => conn.room === room);
          } finally {
            finished();
          }
        } catch (error) {
          rejectFrozen(error);
        } finally {
          this.waitingFreezes.delete(waiting);
          this.freezes.delete(token);
          room.frozen = false;
          if (!room.conns.size) this.scheduleUnload(room);
        }
      });
    });
  }

  /** Ends a freeze; with `recheck`, the open sockets are re-checked before the room thaws. Unknown tokens (timed out) are ignored. */
  async thaw(token: string, recheck: boolean) {
    await this.freezes.get(token)?.end(recheck);
  }

  /** Freezes asked for but not yet granted: one whose owner ends meanwhile is refused when its turn comes. */
  private readonly waitingFreezes = new Set<{ owner: string; abandoned: boolean }>();

  /**
   * The caller's process ended: every freeze it held thaws. The sockets are re-checked, as on every
   * thaw the room does on its own: the caller may have committed the status change before it died.
   */
  async thawOwner(owner: string) {
    for (const waiting of this.waitingFreezes) if (waiting.owner === owner) waiting.abandoned = true;
    await Promise.all([...this.freezes.values()].filter((f) => f.owner === owner).map((f) => f.end(true)));
  }

  /** Tells every open connection of a document that comments, status or versions changed. */
  sendDocumentEvent(documentId: string, event: DocumentEvent) {
    const room = this.rooms.get(documentId);
    if (!room) return;
    this.fanout.flush(room); // the event follows the text it may refer to
    this.broadcast(room, encodeDocumentEvent(event));
  }

  failingDocuments() {
    return this.durability.failingDocuments();
  }

  /** Resolves when nothing is pending, committing or compacting (tests, unload, shutdown). */
  idle() {
    return this.durability.idle();
  }

  // ---- connections

  /** Takes an accepted socket. The caller has checked the session, the permission and the caps. */
  accept(ws: WebSocket, documentId: string, access: Access, cookieHeader: string | null, onClosed: () => void) {
    ws.binaryType = "nodebuffer";
    ws.on("error", this.onSocketError);
    // One close listener for the socket's whole life, shared by all sockets: adding one here and
    // removing it at join would turn the socket's listener table into a dictionary (256 B more).
    // Until the socket has a connection, onSocketClose finds `onClosed` in `unjoined`.
    unjoined.set(ws, onClosed);
    ws.on("close", this.onSocketClose);
    if (this.closing) return ws.close(CLOSE_CODES.goingAway);
    if (this.rooms.has(documentId) || (!this.loading.has(documentId) && this.store.storedBytes(documentId) < LOAD_OFF_THREAD_BYTES)) {
      // Loaded, or small enough to load here at once (a few milliseconds).
      let room: Room | null;
      try {
        room = this.room(documentId);
      } catch (error) {
        this.log.error(`[collab] ${error instanceof DocumentLoadError ? error.message : String(error)}`);
        return ws.close(CLOSE_CODES.loadFailed, "load failed");
      }
      if (!room) return ws.close(CLOSE_CODES.notFound);
      return this.join(ws, room, access, cookieHeader, onClosed);
    }
    // Frames that arrive while the paper loads wait in the socket, not in a lost "message" event.
    ws.pause();
    this.roomAsync(documentId).then(
      (room) => {
        if (ws.readyState !== ws.OPEN) return; // gone meanwhile; "close" ran onClosed
        if (this.closing) return ws.close(CLOSE_CODES.goingAway);
        if (!room) return ws.close(CLOSE_CODES.notFound);
        this.join(ws, room, access, cookieHeader, onClosed);
        ws.resume();
      },
      (error) => {
        // Never fall back to an empty document: it would be sent to the client and could be saved.
        this.log.error(`[collab] ${error instanceof DocumentLoadError ? error.message : String(error)}`);
        ws.close(CLOSE_CODES.loadFailed, "load failed");
      },
    );
  }

  private join(ws: WebSocket, room: Room, access: Access, cookieHeader: string | null, onClosed: () => void) {
    unjoined.delete(ws);
    clearTimeout(room.unloadTimer);
    const shared = room.sharedAccess(access);
    const conn: Connection = {
      ws, room, onClosed,
      cookieHeader: room.internCookie(cookieHeader),
      access: shared.access,
      presence: shared.presence,
      awarenessIds: null,
      newClientIds: null,
      budget: newBudget(COLLAB_LIMITS.budgetBurstBytes),
      syncStep1: newBudget(COLLAB_LIMITS.syncStep1Burst),
      awarenessRate: null,
      readOnlyViolations: 0,
      checkedReadOnlyStep2: false,
      waitingFor: 0,
      acknowledged: 0,
      alive: true,
      closed: false,
      slowReader: false,
    };
    room.conns.add(conn);
    // Listeners shared by every socket (created once per registry): a closure per socket would keep
    // a context of its own for the socket's lifetime.
    connections.set(ws, conn);
    ws.on("pong", onPong);
    ws.on("message", this.onSocketMessage);

    send(conn, encodeSyncStep1(room.doc));
    const states = room.awareness.getStates();
    if (states.size) send(conn, encodeAwareness(encodeAwarenessUpdate(room.awareness, [...states.keys()])));
    this.durability.greet(conn);
    if (room.frozen || access.frozen) send(conn, encodeDocumentEvent("frozen"));
  }

  private readonly onSocketMessage = (() => {
    const handler = () => this.handler;
    return function (this: WebSocket, data: Buffer, isBinary: boolean) {
      const conn = connections.get(this);
      if (conn) handler().onMessage(conn, data, isBinary);
    };
  })();

  private readonly onSocketClose = (() => {
    const self = () => this;
    return function (this: WebSocket) {
      const conn = connections.get(this);
      if (!conn) {
        const onClosed = unjoined.get(this);
        unjoined.delete(this);
        return onClosed?.();
      }
      self().onClose(conn);
      conn.onClosed();
    };
  })();

  private readonly onSocketError = (() => {
    const log = () => this.log;
    return function (this: WebSocket, error: Error) {
      log().warn(`[collab] socket error on ${connections.get(this)?.room.id ?? "a collab socket"}: ${error.message}`);
    };
  })();

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
    room.releaseCookie(conn.cookieHeader);
    if (conn.awarenessIds?.size) removeAwarenessStates(room.awareness, [...conn.awarenessIds], null);
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
   * Re-decides every matching open socket: close it, make it read-only, or writable again. Sockets of
   * the same session on the same document share one decision. A decision that fails closes the
   * socket: a socket is never trusted on an old role. Decisions are taken one after another with a
   * turn of the event loop between them: each is a few synchronous queries, and the periodic pass over
   * hundreds of sockets in one go stalled every room's relaying for tens of milliseconds.
   */
  async recheck(matches: (conn: Connection) => boolean) {
    this.accessEpoch++;
    const groups = new Map<string, Connection[]>();
    for (const room of this.rooms.values()) {
      for (const conn of room.conns) {
        if (!matches(conn)) continue;
        const key = `${room.id}\n${conn.cookieHeader ?? ""}`;
        groups.set(key, [...(groups.get(key) ?? []), conn]);
      }
    }
    let first = true;
    for (const conns of groups.values()) {
      if (!first) await new Promise((resolve) => setImmediate(resolve));
      first = false;
      let decision: AccessDecision | undefined;
      try {
        decision = await resolveAccess(conns[0].cookieHeader, conns[0].room.id);
      } catch (error) {
        this.log.error("[collab] permission re-check failed; closing the socket", error);
      }
      for (const conn of conns) this.applyDecision(conn, decision);
    }
  }

  private applyDecision(conn: Connection, decision: AccessDecision | undefined) {
    if (conn.closed) return;
    if (!decision) return this.close(conn, CLOSE_CODES.accessCheckFailed, "access check failed");
    if (!decision.ok) return this.close(conn, decision.status === 401 ? CLOSE_CODES.unauthenticated : CLOSE_CODES.forbidden, "access withdrawn");
    const before = conn.access;
    const shared = conn.room.sharedAccess(decision.access);
    conn.access = shared.access;
    conn.presence = shared.presence;
    if (before.readOnly === decision.access.readOnly && before.role === decision.access.role) return;
    // The editor follows live, on the same socket: frozen/thawed by a status change, otherwise "access".
    const event = decision.access.frozen && !before.frozen ? "frozen" : before.frozen && !decision.access.frozen ? "thawed" : "access";
    this.fanout.flush(conn.room);
    send(conn, encodeDocumentEvent(event));
  }

  permissionsChanged(change: PermissionChange) {
    return this.recheck((conn) =>
      (!change.documentId || conn.room.id === change.documentId) &&
      (!change.userId || conn.access.user.id === change.userId) &&
      (!change.spaceId || conn.room.spaceId === change.spaceId),
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

  /** Presence for a whole list page at once; papers nobody has open are left out. */
  presenceOf(documentIds: string[]) {
    const result: Record<string, Array<{ name: string; color: string }>> = {};
    for (const id of documentIds) {
      const people = this.presence(id);
      if (people.length) result[id] = people;
    }
    return result;
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
    await Promise.race([this.durability.idle(), timeout]);
    await Promise.race([Promise.all([...this.rooms.values()].filter((r) => r.deriveTimer).map((room) => this.durability.derive(room))), timeout]);
  }
}
