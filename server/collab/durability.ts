// Durability of the open papers: group commits through the writer thread, acknowledgements that
// cover only what a commit made durable, per-document failure isolation with back-off, compaction
// of the log into a snapshot, and the derived text (docs/decisions/006 and 015).
import * as Y from "yjs";
import type { COLLAB_TIMING } from "../../app/domain/collab.ts";
import type { PersistenceWriter } from "./persistence.ts";
import { encodeSaved } from "./protocol.ts";
import type { Connection, Room } from "./room.ts";
import { send } from "./send.ts";

type Timing = { [K in keyof typeof COLLAB_TIMING]: number };
type Log = Pick<Console, "error" | "warn" | "info">;

/** A failing document is retried after this long, doubling up to the maximum. */
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 30_000;

export class Durability {
  private commitTimer: NodeJS.Timeout | undefined;
  private readonly dirtyRooms = new Set<Room>();
  private commitInFlight: Promise<void> | undefined;
  private readonly idleWaiters: Array<() => void> = [];
  private readonly compactions = new Set<Room>();

  constructor(
    private readonly writer: PersistenceWriter,
    private readonly timing: Timing,
    private readonly log: Log,
    private readonly rooms: () => Iterable<Room>,
  ) {}

  /** An update was applied to the room's doc: queue it for the next group commit. */
  queue(room: Room, update: Uint8Array) {
    room.pending.push(update);
    room.appliedSeq++;
    room.storedBytes += update.byteLength;
    this.dirtyRooms.add(room);
    this.schedule(this.timing.groupCommitMs);
  }

  /**
   * A connection sent an update. If it changed nothing and everything applied is on disk, it is
   * acknowledged now; otherwise when the commit that holds the room's current state has finished.
   * That includes a commit in flight: an empty step 2 during it must not be acknowledged early.
   */
  expectAcknowledgement(conn: Connection) {
    const { room } = conn;
    conn.waitingFor = room.appliedSeq;
    if (room.durableSeq >= room.appliedSeq) this.acknowledge(conn, Y.encodeStateVector(room.doc));
  }

  private acknowledge(conn: Connection, stateVector: Uint8Array) {
    conn.acknowledged = conn.room.durableSeq;
    send(conn, encodeSaved(stateVector));
  }

  /** Tells a new connection what is durable: now, or after the commit holding what is applied. */
  greet(conn: Connection) {
    this.expectAcknowledgement(conn);
  }

  private schedule(delay: number) {
    if (this.commitTimer) return;
    this.commitTimer = setTimeout(() => {
      this.commitTimer = undefined;
      this.commit();
    }, delay);
  }

  /**
   * The group commit: the pending updates of every room that is not backing off go to the writer
   * thread as one SQLite transaction, each document in its own savepoint. The state vector a room
   * had when its batch was taken is exactly what the batch makes durable.
   */
  commit() {
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    if (this.commitInFlight || !this.dirtyRooms.size) return;
    const now = Date.now();
    const taken = [...this.dirtyRooms]
      .filter((room) => !room.failure || room.failure.retryAt <= now)
      .map((room) => {
        const entry = { room, updates: room.pending, stateVector: Y.encodeStateVector(room.doc), seq: room.appliedSeq };
        room.pending = [];
        room.inFlight = true;
        this.dirtyRooms.delete(room);
        return entry;
      });
    if (!taken.length) return this.scheduleRetry();
    this.commitInFlight = this.writer
      .call("append", { batch: taken.map((t) => [t.room.id, t.updates]) })
      .then(
        (results) => {
          const byId = new Map(results);
          for (const entry of taken) {
            const result = byId.get(entry.room.id);
            if (typeof result === "number") this.committed(entry.room, entry.updates.length, result, entry.seq, entry.stateVector);
            else this.failed(entry.room, entry.updates, result?.error ?? "no result");
          }
        },
        (error) => {
          // The whole transaction failed (disk full, writer thread died): every document retries.
          for (const entry of taken) this.failed(entry.room, entry.updates, error instanceof Error ? error.message : String(error));
        },
      )
      .finally(() => {
        for (const { room } of taken) room.inFlight = false;
        this.commitInFlight = undefined;
        if (this.dirtyRooms.size) this.scheduleRetry();
        this.notifyIdle();
      });
  }

  private committed(room: Room, rows: number, lastSeq: number, seq: number, stateVector: Uint8Array) {
    if (room.failure) this.log.info(`[collab] commits of ${room.id} succeed again`);
    room.failure = null;
    room.logRows += rows;
    room.lastSeq = lastSeq;
    room.durableSeq = seq;
    for (const conn of room.conns) {
      if (conn.waitingFor > conn.acknowledged && conn.waitingFor <= seq) this.acknowledge(conn, stateVector);
    }
    if (room.logRows >= this.timing.compactAfterUpdates) void this.compact(room);
    this.scheduleDerive(room);
  }

  /** Nothing is acknowledged; the updates go back in front of anything newer and retry with back-off. */
  private failed(room: Room, updates: Uint8Array[], error: string) {
    const delay = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, (room.failure?.delay ?? 0) * 2));
    if (!room.failure) this.log.error(`[collab] commits of ${room.id} fail, retrying with back-off: ${error}`);
    room.failure = { since: room.failure?.since ?? new Date(), error, delay, retryAt: Date.now() + delay };
    room.pending = [...updates, ...room.pending];
    this.dirtyRooms.add(room);
  }

  private scheduleRetry() {
    const now = Date.now();
    let next = Infinity;
    for (const room of this.dirtyRooms) next = Math.min(next, room.failure ? room.failure.retryAt - now : this.timing.groupCommitMs);
    if (next !== Infinity) this.schedule(Math.max(0, next));
  }

  /** Document ids whose commits are failing now (for /healthz). */
  failingDocuments(): string[] {
    return [...this.rooms()].filter((r) => r.failure).map((r) => r.id);
  }

  /**
   * Commits until nothing of `room` is pending or in flight. Resolves false while its commits fail
   * (the caller must not claim the change is stored).
   */
  async flush(room: Room): Promise<boolean> {
    for (;;) {
      if (room.failure) return false;
      if (!room.pending.length && !room.inFlight) return true;
      if (!this.commitInFlight) this.commit();
      await this.commitInFlight;
    }
  }

  /**
   * Folds the log into a snapshot. The snapshot may contain updates newer than `lastSeq` (applied
   * in memory while a commit was in flight); replaying them from the log later changes nothing.
   * The room's doc never holds pending structs, so neither does the snapshot.
   */
  async compact(room: Room) {
    if (room.compacting) return;
    room.compacting = true;
    this.compactions.add(room);
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
      this.compactions.delete(room);
      this.notifyIdle();
    }
  }

  scheduleDerive(room: Room) {
    room.deriveTimer ??= setTimeout(() => {
      room.deriveTimer = undefined;
      void this.derive(room);
    }, this.timing.deriveDebounceMs);
  }

  /** The derived JSON and text come from the validated shadow, never from y-tiptap's converter on the live doc. */
  async derive(room: Room) {
    clearTimeout(room.deriveTimer);
    room.deriveTimer = undefined;
    try {
      const { json, text } = room.shadow.derive();
      await this.writer.call("derived", { documentId: room.id, json: JSON.stringify(json), text });
    } catch (error) {
      this.log.error(`[collab] deriving the text of ${room.id} failed`, error);
    }
  }

  /** Resolves when nothing is pending, committing or compacting (tests, unload, shutdown). Failing rooms do not count. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    this.commitIfReady();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle() {
    return !this.commitInFlight && ![...this.dirtyRooms].some((r) => !r.failure) && !this.compactions.size;
  }

  private commitIfReady() {
    if (!this.commitInFlight && [...this.dirtyRooms].some((r) => !r.failure)) this.commit();
  }

  private notifyIdle() {
    if (!this.idleWaiters.length) return;
    if (!this.isIdle()) return this.commitIfReady();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Stops the timers of a room that is being freed. */
  forget(room: Room) {
    this.dirtyRooms.delete(room);
    clearTimeout(room.deriveTimer);
    room.deriveTimer = undefined;
  }
}
