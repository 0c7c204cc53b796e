// The one way to send a frame to collaboration sockets, with backpressure: a socket that does not
// read is terminated once its buffered bytes would pass the room's cap. A frame is never dropped
// from a socket that stays open, because a client missing one update would wait on it for ever
// (the uWS "maxBackpressure skips sends" failure mode; research note collab-hardening §4).
//
// Frames are put on the wire here, once: a server's WebSocket frames are not masked (RFC 6455 §5.1),
// so the header and payload are the same bytes for every receiver. `broadcast` builds them once and
// writes that one buffer to each socket, where ws.send would build a header and a two-part write per
// receiver (decision 027). ws's own sender is idle between our writes: compression is off and we
// never send Blobs, so it never queues, and pings and close frames it sends keep their order.
import type { Socket } from "node:net";
import type { Connection } from "./room.ts";

/** A final, unmasked binary WebSocket frame (RFC 6455 §5.2), header and payload in one buffer. */
export function wireFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerBytes = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const wire = Buffer.allocUnsafe(headerBytes + length);
  wire[0] = 0x82; // FIN, opcode 2 (binary)
  if (length < 126) wire[1] = length;
  else if (length < 65536) {
    wire[1] = 126;
    wire.writeUInt16BE(length, 2);
  } else {
    wire[1] = 127;
    wire.writeBigUInt64BE(BigInt(length), 2);
  }
  wire.set(payload, headerBytes);
  return wire;
}

/** ws keeps the TCP socket it speaks over in `_socket` (ws 8); its bufferedAmount counts what we write there. */
const socketOf = (conn: Connection) => (conn.ws as unknown as { _socket: Socket })._socket;

/** A frame built by wireFrame to one socket (for callers that send it to several, with exceptions). */
export function sendWire(conn: Connection, wire: Buffer) {
  if (conn.closed || conn.ws.readyState !== conn.ws.OPEN) return;
  const buffered = conn.ws.bufferedAmount;
  if (buffered > 0 && buffered + wire.byteLength > conn.room.bufferedBytesCap()) {
    // close() would queue behind the backlog it is meant to end; the "close" event does the bookkeeping.
    conn.slowReader = true;
    conn.ws.terminate();
    return;
  }
  socketOf(conn).write(wire);
}

/** One message to one socket. */
export function send(conn: Connection, payload: Uint8Array) {
  sendWire(conn, wireFrame(payload));
}

/** The same message to several sockets: framed once. */
export function broadcast(conns: Iterable<Connection>, payload: Uint8Array) {
  let wire: Buffer | undefined;
  for (const conn of conns) sendWire(conn, (wire ??= wireFrame(payload)));
}
