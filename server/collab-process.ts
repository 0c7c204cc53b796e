// The collaboration process (decision 024): owns every live room. Web workers hand it their
// /collab/* upgrades with the socket (relayed once by the supervisor); it rebuilds the request,
// authorises it as before (session cookie from the headers, per-user and per-address caps, which now
// hold across all workers) and answers the app's link calls. On "shutdown" it closes its sockets and
// commits everything pending before it exits.
import type { Socket } from "node:net";
import { closeDb } from "../app/db/db.server.ts";
import { setCollabLink } from "../app/infra/collab-link/index.ts";
import { serveLinkRequest } from "../app/infra/collab-link/rpc.ts";
import type { LinkRequest } from "../app/infra/collab-link/types.ts";
import { reportLoopDelayForBench } from "../scripts/bench/loop-delay.mjs";
import { refuseUpgrade } from "./collab/access.ts";
import { createCollabServer, type UpgradeRequest } from "./collab/index.ts";
import { localLink, roomsLink } from "./collab/link.ts";

type HandedUpgrade = { ch: "upgrade"; method: string; url: string; headers: UpgradeRequest["headers"]; head: Uint8Array; handoff?: number };

export function runCollabProcess() {
  const collab = createCollabServer();
  // App code running in this process (none today) reaches the rooms directly.
  setCollabLink(localLink(collab.rooms));
  // A link per request (a handful of closures): `from` owns the freezes it asks for.
  const linkFor = (from: string) => roomsLink(collab.rooms, from);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void collab.close().catch((error: unknown) => console.error(error)).finally(() => void closeDb().finally(() => process.exit(0)));
  };
  process.on("message", (message: { ch?: string; from?: string }, handle?: Socket) => {
    switch (message?.ch) {
      case "upgrade":
        return takeUpgrade(message as HandedUpgrade, handle);
      case "link":
        // The supervisor may be gone (shutdown): a send then would raise an unhandled 'error'.
        void serveLinkRequest(linkFor, message as LinkRequest).then((reply) => process.connected && process.send?.(reply));
        return;
      case "peer-exit":
        void collab.rooms.thawOwner(message.from ?? "");
        return;
      case "shutdown":
        return shutdown();
    }
  });

  function takeUpgrade(message: HandedUpgrade, socket: Socket | undefined) {
    // The supervisor may now close its copy of the descriptor.
    if (message.handoff !== undefined && process.connected) process.send?.({ ch: "upgrade-taken", handoff: message.handoff });
    if (!socket) return;
    if (stopping) return refuseUpgrade(socket, 500);
    // The request as ws and the access check need it: method, url, headers and the socket.
    const req: UpgradeRequest = { method: message.method, url: message.url, headers: message.headers, socket };
    if (!collab.takeUpgrade(req, socket, Buffer.from(message.head))) refuseUpgrade(socket, 404);
  }

  process.on("SIGTERM", shutdown);
  process.on("SIGINT", () => {});
  process.on("disconnect", shutdown);
  reportLoopDelayForBench();
  process.send?.({ ch: "ready" });
}
