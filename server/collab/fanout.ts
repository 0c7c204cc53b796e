// Fan-out: everything a room broadcasts in one turn of the event loop leaves as one frame per kind.
// Updates applied in the same turn are merged (Y.mergeUpdates) into one sync-update frame, presence
// entries changed in the same turn into one awareness frame; each frame is encoded once and the same
// bytes go to every receiver. Updates go out before presence, so a caret never arrives before the
// text it points into. The flush runs in setImmediate, right after the poll phase that read the
// sockets, so coalescing adds no timer delay (docs/COLLABORATION.md, "Performance").
import * as Y from "yjs";
import { concatAwarenessEntries, encodeAwareness, encodeUpdate } from "./protocol.ts";
import type { Room } from "./room.ts";
import { send } from "./send.ts";

/**
 * A writer whose own update is in a merged frame gets a frame without its parts, so it never pays
 * for applying its own keystrokes again; past this many writers in one turn it gets the full frame
 * (known parts are a no-op for Yjs), so one turn never costs a merge per writer.
 */
const MAX_ORIGIN_FRAMES = 4;

export class Fanout {
  private readonly dirty = new Set<Room>();
  private scheduled = false;

  /** An update was applied to the room's doc by `origin` (a connection, or the server). */
  update(room: Room, update: Uint8Array, origin: unknown) {
    room.outgoingUpdates.push({ update, origin });
    this.schedule(room);
  }

  /** A presence entry (encoded: client id, clock, JSON state) changed; a later one of the same client replaces it. */
  awareness(room: Room, clientId: number, entry: Uint8Array) {
    room.outgoingAwareness.delete(clientId);
    room.outgoingAwareness.set(clientId, entry);
    this.schedule(room);
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
    for (const room of rooms) this.flush(room);
  };

  /** Sends what the room collected (also called before anything that must follow it on the wire). */
  flush(room: Room) {
    this.dirty.delete(room);
    const batch = room.outgoingUpdates;
    if (batch.length) {
      room.outgoingUpdates = [];
      // Merged only when someone receives it (a lone writer's burst is stored, not relayed).
      let full: Uint8Array | undefined;
      const frame = () => (full ??= encodeUpdate(batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((b) => b.update))));
      const origins = new Set(batch.map((b) => b.origin));
      for (const conn of room.conns) {
        if (!origins.has(conn) || origins.size > MAX_ORIGIN_FRAMES) {
          send(conn, frame());
          continue;
        }
        // A writer gets the others' updates of this turn, not its own back.
        const others = batch.filter((b) => b.origin !== conn).map((b) => b.update);
        if (others.length) send(conn, encodeUpdate(others.length === 1 ? others[0] : Y.mergeUpdates(others)));
      }
    }
    if (room.outgoingAwareness.size) {
      const frame = encodeAwareness(concatAwarenessEntries(room.outgoingAwareness.values(), room.outgoingAwareness.size));
      room.outgoingAwareness.clear();
      for (const conn of room.conns) send(conn, frame);
    }
  }
}
