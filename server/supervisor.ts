// The cluster primary (decision 024): stays light (no app code, no database), forks the one
// collaboration process and the web workers, restarts whichever crashes, relays upgrade sockets and
// link messages from web workers to the collaboration process, and drains everything on SIGTERM.
// Web workers accept their own connections on the shared port (SCHED_NONE: the kernel balances).
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import type { Socket } from "node:net";
import type { Env } from "../app/infra/env.server.ts";
import { stopReadingForHandOff } from "./socket-handoff.ts";

/** Roles of the forked processes (LAENDERFORUM_ROLE). The jobs run in web worker slot 0 (decision 024). */
export type ProcessRole = "collab" | "web";

/** A child that dies sooner than this after start is restarted after a pause, so a broken start cannot spin. */
const QUICK_DEATH_MS = 5000;
const RESTART_PAUSE_MS = { quick: 1000, normal: 50 } as const;
/** How long children get to drain on shutdown before they are killed. */
const DRAIN_TIMEOUT_MS = 15_000;

type Child = { worker: Worker; role: ProcessRole; slot: number; startedAt: number; listening: boolean };

const REFUSAL_503 = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n";

/**
 * The one way the supervisor sends to a child. A child killed a moment ago still looks connected
 * until its exit is handled; a send then fails (EPIPE), which without a callback is an 'error' event
 * that ends the supervisor, and with it every process. `failed` runs instead, e.g. to answer a link
 * call COLLAB_UNAVAILABLE.
 */
export function sendTo(child: { worker: Pick<Worker, "isConnected" | "send"> } | null | undefined, message: object, failed: () => void = () => {}) {
  if (!child?.worker.isConnected()) return failed();
  child.worker.send(message, (error: Error | null) => {
    if (error) failed();
  });
}

function refuse(socket: Socket | undefined) {
  if (!socket) return;
  socket.on("error", () => socket.destroy());
  if (socket.writable) socket.end(REFUSAL_503);
  socket.destroy();
}

export function runSupervisor(env: Env) {
  const webWorkers = env.WEB_WORKERS ?? os.availableParallelism();
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  // Structured clone on the IPC channels: Uint8Array states cross without base64.
  cluster.setupPrimary({ serialization: "advanced" });

  let collab: Child | null = null;
  let collabReady = false;
  const webs = new Map<number, Child>(); // by slot
  let port: number | undefined;
  let announced = false;
  let shuttingDown = false;

  const fork = (role: ProcessRole, slot: number) => {
    const worker = cluster.fork({ LAENDERFORUM_ROLE: role, LAENDERFORUM_SLOT: String(slot), LAENDERFORUM_JOBS: role === "web" && slot === 0 ? "1" : "0" });
    const child: Child = { worker, role, slot, startedAt: Date.now(), listening: false };
    console.log(`[supervisor] ${role === "collab" ? "collab" : `web#${slot}`} pid=${worker.process.pid}`);
    if (role === "collab") {
      collab = child;
      collabReady = false;
    } else webs.set(slot, child);
    worker.on("message", (message: { ch?: string; [key: string]: unknown }, handle?: Socket) => onMessage(child, message, handle));
    worker.on("exit", (code, signal) => onExit(child, code, signal));
    // Sends carry callbacks (sendTo, the hand-off); anything else failing on a dying child is its exit's business.
    worker.on("error", (error) => console.error(`[supervisor] ${role} pid=${worker.process.pid}: ${error.message}`));
    return child;
  };

  /** The address line (which tests and people wait for) once the collaboration process and every web worker are up. */
  const maybeAnnounce = () => {
    const up = [...webs.values()].filter((w) => w.listening).length;
    if (announced || !collabReady || up < webWorkers || port === undefined) return;
    announced = true;
    console.log(`Länderforum läuft auf ${env.PUBLIC_URL ?? `http://localhost:${port}`} (Port ${port})`);
    sendTo(webs.get(0), { ch: "announce" });
  };

  let nextHandoff = 1;
  const handoffs = new Map<number, { socket: Socket; to: Child }>();
  /** The collaboration process has the socket (close this copy only) or never will (refuse it). */
  const settleHandoff = (id: number, failed: boolean) => {
    const entry = handoffs.get(id);
    if (!entry) return;
    handoffs.delete(id);
    if (failed) refuse(entry.socket);
    else entry.socket.destroy(); // closes this process's descriptor; the connection lives on in the other
  };

  const onMessage = (from: Child, message: { ch?: string; [key: string]: unknown }, handle?: Socket) => {
    switch (message?.ch) {
      case "listening":
        from.listening = true;
        port = message.port as number;
        return maybeAnnounce();
      case "ready":
        collabReady = true;
        return maybeAnnounce();
      case "upgrade": {
        // One hop more at connect only: the socket goes on to the collaboration process, which owns it from then on.
        const current = collab as Child | null;
        if (!handle || !current || !collabReady || shuttingDown) return refuse(handle);
        // This copy must not read (Node starts reading a received socket): bytes belong to the
        // collaboration process; any read on receipt travel on with `head`.
        const head = stopReadingForHandOff(handle, message.head as Uint8Array);
        // Kept open until the collaboration process confirms it has the socket: if it dies first, the
        // client gets a clean 503 from this copy instead of a connection nobody answers.
        const id = nextHandoff++;
        handoffs.set(id, { socket: handle, to: current });
        current.worker.send({ ...message, head, handoff: id }, handle, { keepOpen: true }, (error) => {
          if (error) settleHandoff(id, true);
        });
        return;
      }
      case "upgrade-taken":
        return settleHandoff(message.handoff as number, false);
      case "link": {
        const current = collab as Child | null;
        const unavailable = () => sendTo(from, { ch: "link-reply", id: message.id, ok: false, error: { code: "COLLAB_UNAVAILABLE", message: "the collaboration process is not running" } });
        if (!current || !collabReady) return unavailable();
        return sendTo(current, { ...message, from: String(from.worker.id) }, unavailable);
      }
      case "link-reply": {
        const to = [...webs.values()].find((web) => web.worker.id === Number(message.to));
        return sendTo(to, message);
      }
      case "wake-events":
        // The event processor runs where the jobs run.
        sendTo(webs.get(0), { ch: "wake-events" });
        return;
    }
  };

  const onExit = (child: Child, code: number | null, signal: string | null) => {
    const name = child.role === "collab" ? "collab" : `web#${child.slot}`;
    if (child.role === "collab") {
      if (collab === child) {
        collab = null;
        collabReady = false;
      }
      for (const [id, entry] of handoffs) if (entry.to === child) settleHandoff(id, true);
      // Calls in flight fail at once; new ones get COLLAB_UNAVAILABLE until the restart is ready.
      for (const web of webs.values()) sendTo(web, { ch: "collab-down" });
    } else {
      if (webs.get(child.slot) === child) webs.delete(child.slot);
      // Freezes the worker held thaw now instead of at their timeout.
      sendTo(collab, { ch: "peer-exit", from: String(child.worker.id) });
    }
    if (shuttingDown) return maybeExit();
    console.error(`[supervisor] ${name} (pid ${child.worker.process.pid}) exited (${signal ?? code}); restarting`);
    const pause = Date.now() - child.startedAt < QUICK_DEATH_MS ? RESTART_PAUSE_MS.quick : RESTART_PAUSE_MS.normal;
    setTimeout(() => {
      if (!shuttingDown) fork(child.role, child.slot);
    }, pause);
  };

  const maybeExit = () => {
    if (webs.size) return;
    const current = collab as Child | null;
    // The web workers are gone (their requests finished): now the collaboration process commits and closes.
    // A signal, not a message: a child still starting has no handler yet and simply ends.
    if (current) {
      current.worker.process.kill("SIGTERM");
      return;
    }
    process.exit(0);
  };

  const shutdown = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    for (const web of webs.values()) web.worker.process.kill("SIGTERM");
    setTimeout(() => {
      for (const child of [...webs.values(), collab as Child | null]) child?.worker.process.kill("SIGKILL");
      process.exit(1);
    }, DRAIN_TIMEOUT_MS).unref();
    maybeExit();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);

  fork("collab", 0);
  for (let slot = 0; slot < webWorkers; slot++) fork("web", slot);
}
