// The one way to send a frame to a collaboration socket, with backpressure: a socket that does not
// read is terminated once its buffered bytes would pass the room's cap. A frame is never dropped
// from a socket that stays open, because a client missing one update would wait on it for ever
// (the uWS "maxBackpressure skips sends" failure mode; research note collab-hardening §4).
import type { Connection } from "./room.ts";

export function send(conn: Connection, frame: Uint8Array) {
  if (conn.closed || conn.ws.readyState !== conn.ws.OPEN) return;
  const buffered = conn.ws.bufferedAmount;
  if (buffered > 0 && buffered + frame.byteLength > conn.room.bufferedBytesCap()) {
    // close() would queue behind the backlog it is meant to end; the "close" event does the bookkeeping.
    conn.slowReader = true;
    conn.ws.terminate();
    return;
  }
  conn.ws.send(frame);
}
