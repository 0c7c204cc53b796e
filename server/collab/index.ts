// Attaches the collaboration server to the app's HTTP server: upgrades on /collab/<documentId>
// only (everything else, e.g. Vite's HMR socket, is left alone). docs/COLLABORATION.md.
import type http from "node:http";
import { WebSocketServer } from "ws";
import { COLLAB_LIMITS } from "../../app/utils/collab.ts";
import { registerCollabChangeHooks, registerCollabHooks } from "../../app/utils/collab-bridge.server.ts";
import { getEnv } from "../../app/utils/env.server.ts";
import { CollabStore, PersistenceWriter } from "./persistence.ts";
import { CollabRooms, type CollabOptions } from "./rooms.ts";
import { authoriseUpgrade, documentIdFromUrl, refuseUpgrade } from "./upgrade.ts";

export type CollabServer = { rooms: CollabRooms; store: CollabStore; close(): Promise<void> };

export function attachCollabServer(server: http.Server, options: CollabOptions & { databaseFile?: string } = {}): CollabServer {
  const file = options.databaseFile ?? getEnv().databaseFile;
  const store = new CollabStore(file);
  const writer = new PersistenceWriter(file);
  const rooms = new CollabRooms(store, writer, options);
  const wss = new WebSocketServer({ noServer: true, maxPayload: COLLAB_LIMITS.maxPayloadBytes, perMessageDeflate: false });

  server.on("upgrade", (req, socket, head) => {
    const documentId = documentIdFromUrl(req.url);
    if (documentId === null) {
      if (req.url?.startsWith("/collab")) refuseUpgrade(socket, 404);
      return; // not ours
    }
    socket.on("error", () => socket.destroy());
    authoriseUpgrade(req, documentId).then(
      (decision) => {
        if (!decision.ok) return refuseUpgrade(socket, decision.status);
        wss.handleUpgrade(req, socket, head, (ws) => rooms.accept(ws, documentId, decision.access, req.headers.cookie ?? null));
      },
      (error) => {
        console.error("[collab] upgrade failed", error);
        refuseUpgrade(socket, 500);
      },
    );
  });

  registerCollabHooks({
    presence: (documentId) => rooms.presence(documentId),
    permissionsChanged: (change) => rooms.permissionsChanged(change),
  });
  registerCollabChangeHooks({
    applyChange: (documentId, change) => rooms.applyChange(documentId, change),
    broadcast: (documentId, event) => rooms.sendDocumentEvent(documentId, event),
  });

  return {
    rooms,
    store,
    /** Closes every socket, then commits what is pending before the database connections close. */
    async close() {
      registerCollabHooks(undefined);
      registerCollabChangeHooks(undefined);
      wss.close();
      await rooms.shutdown();
      await writer.close();
      store.close();
    },
  };
}
