// Fan-out: everything a room broadcasts leaves as one frame per kind, encoded once, the same bytes
// for every receiver. Updates applied in the same turn of the event loop are merged (Y.mergeUpdates)
// into one sync-update frame, sent in setImmediate right after the poll phase that read them, so
// coalescing adds no timer delay. Presence is "latest state wins" and leaves at most once per
// COLLAB_TIMING.presenceFlushMs per room: the first change after a quiet spell goes out in the same
// turn, later ones are gathered into one awareness frame (decision 027). Updates always go out before
// presence, so a caret never arrives before the text it points into (docs/COLLABORATION.md,
// "Performance").
import * as Y from "yjs";
import { COLLAB_TIMING } from "../../app/domain/collab.ts";
import { concatAwarenessEntries, encodeAwareness, encodeUpdate } from "./protocol.ts";
import type { Room } from "./room.ts";
import { broadcast, send, sendWire, wireFrame } from "./send.ts";

/**
 * A writer whose own update is in a merged frame gets a frame without its parts, so it never pays
 * for applying its own keystrokes again; past this many writers in one turn it gets the full frame
 * (known parts are a no-op for Yjs), so one turn never costs a merge per writer.
 */
const MAX_ORIGIN_FRAMES = 4;

export class Fanout {
  private readonly dirty = new Set<Room>();
  private scheduled = false;

  constructor(private readonly presenceFlushMs: number = COLLAB_TIMING.presenceFlushMs) {}

  /** An update was applied to the room's doc by `origin` (a connection, or the server). */
  update(room: Room, update: Uint8Array, origin: unknown) {
    room.outgoingUpdates.push({ update, origin });
    this.schedule(room);
  }

  /**
   * A presence entry (encoded: client id, clock, JSON state) changed; a later one of the same client
   * replaces it. It leaves in this turn when the room's last presence frame is old enough, otherwise
   * with the others gathered until then.
   */
  awareness(room: Room, clientId: number, entry: Uint8Array) {
    room.outgoingAwareness.delete(clientId);
    room.outgoingAwareness.set(clientId, entry);
    const wait = room.presenceDueAt - performance.now();
    if (wait <= 0) return this.schedule(room);
    room.presenceTimer ??= setTimeout(() => {
      room.presenceTimer = undefined;
      this.flush(room);
    }, wait);
  }

  private schedule(room: Room) {
    this.dirty.add(room);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flushAll);
  }

  private readonly flushAll = () => {
    this.scheduled = false;
    const rooms = [...this.dirty];
    this.dirty.clear();
    for (const room of rooms) {
      this.flushUpdates(room);
      if (room.presenceDueAt <= performance.now()) this.flushPresence(room);
    }
  };

  /** Sends everything the room collected, presence included (before anything that must follow it on the wire). */
  flush(room: Room) {
    this.dirty.delete(room);
    this.flushUpdates(room);
    this.flushPresence(room);
  }

  private flushUpdates(room: Room) {
    const batch = room.outgoingUpdates;
    if (!batch.length) return;
    room.outgoingUpdates = [];
    // Merged and framed only when someone receives it (a lone writer's burst is stored, not relayed).
    let full: Buffer | undefined;
    const frame = () => (full ??= wireFrame(encodeUpdate(batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((b) => b.update)))));
    const origins = new Set(batch.map((b) => b.origin));
    for (const conn of room.conns) {
      if (!origins.has(conn) || origins.size > MAX_ORIGIN_FRAMES) {
        sendWire(conn, frame());
        continue;
      }
      // A writer gets the others' updates of this turn, not its own back.
      const others = batch.filter((b) => b.origin !== conn).map((b) => b.update);
      if (others.length) send(conn, encodeUpdate(others.length === 1 ? others[0] : Y.mergeUpdates(others)));
    }
  }

  private flushPresence(room: Room) {
    clearTimeout(room.presenceTimer);
    room.presenceTimer = undefined;
    if (!room.outgoingAwareness.size) return;
    const frame = encodeAwareness(concatAwarenessEntries(room.outgoingAwareness.values(), room.outgoingAwareness.size));
    room.outgoingAwareness.clear();
    room.presenceDueAt = performance.now() + this.presenceFlushMs;
    broadcast(room.conns, frame);
  }
}
