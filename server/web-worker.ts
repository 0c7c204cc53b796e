// A web worker (decision 024): serves Remix pages on the shared port, reaches the collaboration
// process through the IPC link, and hands every /collab/* upgrade over with the socket itself (the
// collaboration process rebuilds the request and owns the socket from then on; no piping). Slot 0
// also runs the jobs. On SIGTERM (the supervisor's drain order) or when the supervisor is gone it
// stops accepting, finishes its requests and exits.
import type http from "node:http";
import type { Duplex } from "node:stream";
import { closeDb } from "../app/db/db.server.ts";
import { announceEvents, setEventWaker } from "../app/events/record.server.ts";
import { setCollabLink } from "../app/infra/collab-link/index.ts";
import { ipcLink } from "../app/infra/collab-link/ipc.ts";
import { getEnv } from "../app/infra/env.server.ts";
import { COLLAB_PATH_PREFIX } from "../app/domain/collab.ts";
import { announceDemoAccounts, createServer } from "./index.ts";
import { startJobs } from "./jobs.ts";
import { stopReadingForHandOff } from "./socket-handoff.ts";

/** How long requests in flight get to finish on shutdown before their connections are closed. */
const REQUEST_DRAIN_MS = 10_000;

function destroyOnError(this: Duplex) {
  this.destroy();
}

/**
 * Sends each collab upgrade to the supervisor with its socket (fd passing; `keepOpen: false` closes
 * this process's copy). This copy stops reading first (socket-handoff.ts); bytes it had already read
 * past the request travel in `head`, unread ones stay in the kernel and arrive with the fd.
 */
export type HandOffChannel = { send?: (message: unknown, handle: never, options: { keepOpen: boolean }, callback: (error: Error | null) => void) => boolean };

export function handOffUpgrades(server: http.Server, channel: HandOffChannel = process as HandOffChannel) {
  server.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!req.url?.startsWith(COLLAB_PATH_PREFIX.replace(/\/$/, ""))) return; // not ours
    socket.on("error", destroyOnError);
    const message = { ch: "upgrade", method: req.method, url: req.url, headers: req.headers, head: stopReadingForHandOff(socket, head) };
    if (!channel.send) return socket.destroy();
    // Without `server`, Node does not track the socket across processes: that tracking waits for the
    // receiver to report it closed, which a relaying supervisor never does, so server.close() would
    // hang. Our own destroy() below (the handle has gone) settles the server's connection count instead.
    (socket as { server?: unknown }).server = null;
    channel.send(message, socket as never, { keepOpen: false }, () => socket.destroy());
  });
}

export async function runWebWorker() {
  const env = getEnv();
  setCollabLink(ipcLink());
  const runsJobs = process.env.LAENDERFORUM_JOBS === "1";
  // Events recorded here wake the processor in the jobs worker (it also polls every second).
  if (!runsJobs) setEventWaker(() => process.send?.({ ch: "wake-events" }));
  const server = await createServer({ collab: "hand-off" });
  server.listen(env.PORT, () => {
    const address = server.address();
    process.send?.({ ch: "listening", port: typeof address === "object" && address ? address.port : env.PORT });
  });
  // One line per start, so tests (and people reading the log) see which process runs the jobs.
  if (runsJobs) console.log(`[web#${process.env.LAENDERFORUM_SLOT ?? "0"}] pid=${process.pid} runs the jobs`);
  const stopJobs = runsJobs ? startJobs() : async () => {};
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    const jobsStopped = stopJobs();
    const force = setTimeout(() => server.closeAllConnections(), REQUEST_DRAIN_MS);
    force.unref();
    server.close(() => void jobsStopped.then(() => closeDb()).finally(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.on("message", (message: { ch?: string }) => {
    if (message?.ch === "announce") void announceDemoAccounts().catch((error: unknown) => console.error(error));
    else if (message?.ch === "wake-events") announceEvents();
  });
  // Signals come from the supervisor's process group (Ctrl+C); the supervisor orders the drain.
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", () => {});
  process.on("disconnect", shutdown);
}
