// Stops a process's copy of a socket from reading before the socket is handed to another process
// (decision 024). Node starts reading every socket it accepts or receives over IPC, and pause()
// only stops delivering: libuv keeps reading into the stream's buffer (or, once `process.send`
// has taken the handle, into nothing). A busy sender that polls after the collaboration process has
// answered the upgrade would swallow the client's first frames (its sync step 1), and that client
// would wait for the document forever. Found by bench:collab with the processes pinned to one core.
import type { Duplex } from "node:stream";

type ReadingHandle = { readStop?: () => number };

/**
 * Stops reading at the handle (the stream's `reading` flag stays set, so a later read() cannot start
 * it again) and returns `head` with whatever this copy had already read appended: those bytes must
 * travel with the hand-off message.
 */
export function stopReadingForHandOff(socket: Duplex, head: Uint8Array): Buffer {
  socket.pause();
  (socket as unknown as { _handle?: ReadingHandle | null })._handle?.readStop?.();
  const extra = socket.readableLength ? (socket.read() as Buffer | null) : null;
  return extra ? Buffer.concat([head, extra]) : Buffer.from(head.buffer, head.byteOffset, head.byteLength);
}
