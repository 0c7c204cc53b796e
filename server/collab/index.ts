// Attaches the collaboration server to the app's HTTP server: upgrades on /collab/<documentId>
// only (everything else, e.g. Vite's HMR socket, is left alone), and registers the collaboration
// side of the app ↔ collab bridge. docs/COLLABORATION.md.
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { COLLAB_LIMITS } from "../../app/domain/collab.ts";
import { registerCollabHooks } from "../../app/infra/collab-bridge.server.ts";
import { getEnv } from "../../app/infra/env.server.ts";
import { authoriseUpgrade, clientAddress, ConnectionCaps, documentIdFromUrl, refuseUpgrade } from "./access.ts";
import { CollabStore, PersistenceWriter } from "./persistence.ts";
import { CollabRooms, type CollabOptions } from "./registry.ts";

/**
 * A socket error ends the socket. Module-level on purpose: an arrow function in the upgrade handler
 * would share its closure context with the callbacks that use `req` and `head`, and so keep the
 * upgrade request alive for the socket's lifetime (about 1.5 KiB per connection, speed-design §4).
 */
function destroyOnError(this: Duplex) {
  this.destroy();
}

type ConnectionSlots = { release: () => void; takeUser: (userId: string) => boolean };

/**
 * The caps one connection holds: the address slot (already taken) and, once the session is known,
 * the user's slot; `release` frees both, once, and lives as long as the socket.
 */
function connectionSlots(caps: ConnectionCaps, address: string): ConnectionSlots {
  let released = false;
  let userSlot: string | undefined;
  const release = () => {
    if (released) return;
    released = true;
    caps.perAddress.release(address);
    if (userSlot) caps.perUser.release(userSlot);
  };
  // The user's slot is taken as soon as the session is known, before the document query.
  const takeUser = (userId: string) => {
    if (userSlot === userId) return true;
    if (userSlot) caps.perUser.release(userSlot);
    userSlot = caps.perUser.take(userId) ? userId : undefined;
    return userSlot !== undefined;
  };
  return { release, takeUser };
}

export type CollabServer = { rooms: CollabRooms; store: CollabStore; close(): Promise<void> };

export type AttachOptions = CollabOptions & {
  databaseFile?: string;
  maxConnectionsPerUser?: number;
  maxConnectionsPerAddress?: number;
  /** Reverse proxies in front of the server (TRUST_PROXY); the per-address cap then uses X-Forwarded-For. */
  trustProxy?: number;
};

export function attachCollabServer(server: http.Server, options: AttachOptions = {}): CollabServer {
  const file = options.databaseFile ?? getEnv().databaseFile;
  const store = new CollabStore(file);
  const writer = new PersistenceWriter(file);
  const { databaseFile: _file, maxConnectionsPerUser, maxConnectionsPerAddress, trustProxy = getEnv().TRUST_PROXY, ...roomOptions } = options;
  const rooms = new CollabRooms(store, writer, roomOptions);
  const caps = new ConnectionCaps({ perUser: maxConnectionsPerUser, perAddress: maxConnectionsPerAddress });
  const wss = new WebSocketServer({ noServer: true, maxPayload: COLLAB_LIMITS.maxPayloadBytes, perMessageDeflate: false });

  server.on("upgrade", (req, socket, head) => {
    const documentId = documentIdFromUrl(req.url);
    if (documentId === null) {
      if (req.url?.startsWith("/collab")) refuseUpgrade(socket, 404);
      return; // not ours
    }
    socket.on("error", destroyOnError);
    const address = clientAddress(req, trustProxy);
    if (!caps.perAddress.take(address)) return refuseUpgrade(socket, 429);
    admit(req, socket, head, documentId, address, connectionSlots(caps, address));
  });

  // A function of its own, so that no closure the socket keeps for its lifetime (the error
  // listener, `release`) shares a context with `req` and `head`.
  function admit(req: http.IncomingMessage, socket: Duplex, head: Buffer, documentId: string, address: string, { release, takeUser }: ConnectionSlots) {
    const decide = async () => {
      // A re-check (e.g. a status change) that ran while this upgrade was being decided may have
      // changed the answer: decide again, so no socket is accepted on an old role.
      for (;;) {
        const epoch = rooms.accessEpoch;
        const decision = await authoriseUpgrade(req, documentId, takeUser);
        if (epoch === rooms.accessEpoch) return decision;
      }
    };
    decide().then(
      (decision) => {
        if (!decision.ok) {
          release();
          return refuseUpgrade(socket, decision.status);
        }
        socket.once("close", release);
        wss.handleUpgrade(req, socket, head, (ws) =>
          rooms.accept(ws, documentId, decision.access, req.headers.cookie ?? null, address, release));
      },
      (error) => {
        release();
        console.error("[collab] upgrade failed", error);
        refuseUpgrade(socket, 500);
      },
    );
  }

  registerCollabHooks({
    presence: (documentId) => rooms.presence(documentId),
    permissionsChanged: (change) => rooms.permissionsChanged(change),
    applyChange: (documentId, change) => rooms.applyChange(documentId, change),
    broadcast: (documentId, event) => rooms.sendDocumentEvent(documentId, event),
    withFrozenText: (documentId, commit) => rooms.withFrozenText(documentId, commit),
    failingDocuments: () => rooms.failingDocuments(),
  });

  return {
    rooms,
    store,
    /** Closes every socket, then commits what is pending before the database connections close. */
    async close() {
      registerCollabHooks(undefined);
      wss.close();
      await rooms.shutdown();
      await writer.close();
      store.close();
    },
  };
}
