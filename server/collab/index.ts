// The collaboration server: takes upgrades on /collab/<documentId> (everything else, e.g. Vite's HMR
// socket, is left alone) either from its own HTTP server (attachCollabServer: single process, tests)
// or handed over with the socket from a web worker (createCollabServer().takeUpgrade, in the
// collaboration process: server/collab-process.ts). docs/COLLABORATION.md, decision 024.
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { COLLAB_LIMITS } from "../../app/domain/collab.ts";
import { setCollabLink } from "../../app/infra/collab-link/index.ts";
import { getEnv } from "../../app/infra/env.server.ts";
import { authoriseUpgrade, clientAddress, ConnectionCaps, documentIdFromUrl, refuseUpgrade } from "./access.ts";
import { CollabStore, PersistenceWriter } from "./persistence.ts";
import { localLink } from "./link.ts";
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

/** What an upgrade needs of its request: a real IncomingMessage, or one rebuilt from a hand-over. */
export type UpgradeRequest = Pick<http.IncomingMessage, "method" | "url" | "headers"> & { socket: Duplex & { remoteAddress?: string; encrypted?: boolean } };

export type CollabServer = {
  rooms: CollabRooms;
  store: CollabStore;
  /** Decides and (maybe) accepts one upgrade; true when the URL is a collab URL (the socket is then handled). */
  takeUpgrade(req: UpgradeRequest, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
};

export type AttachOptions = CollabOptions & {
  databaseFile?: string;
  maxConnectionsPerUser?: number;
  maxConnectionsPerAddress?: number;
  /** Reverse proxies in front of the server (TRUST_PROXY); the per-address cap then uses X-Forwarded-For. */
  trustProxy?: number;
};

/** The collaboration server on the app's own HTTP server, with the in-process link (single process, tests). */
export function attachCollabServer(server: http.Server, options: AttachOptions = {}): CollabServer {
  const collab = createCollabServer(options);
  server.on("upgrade", (req, socket, head) => void collab.takeUpgrade(req, socket, head));
  setCollabLink(localLink(collab.rooms));
  const close = collab.close;
  collab.close = async () => {
    setCollabLink(undefined);
    await close();
  };
  return collab;
}

export function createCollabServer(options: AttachOptions = {}): CollabServer {
  const file = options.databaseFile ?? getEnv().databaseFile;
  const store = new CollabStore(file);
  const writer = new PersistenceWriter(file);
  const { databaseFile: _file, maxConnectionsPerUser, maxConnectionsPerAddress, trustProxy = getEnv().TRUST_PROXY, ...roomOptions } = options;
  const rooms = new CollabRooms(store, writer, roomOptions);
  const caps = new ConnectionCaps({ perUser: maxConnectionsPerUser, perAddress: maxConnectionsPerAddress });
  // No client tracking: the rooms know their sockets, and ws's tracking costs a closure and a Set
  // entry per socket for as long as it is open (retained heap per connection is a target).
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: COLLAB_LIMITS.maxPayloadBytes, perMessageDeflate: false });

  const takeUpgrade = (req: UpgradeRequest, socket: Duplex, head: Buffer) => {
    const documentId = documentIdFromUrl(req.url);
    if (documentId === null) {
      if (!req.url?.startsWith("/collab")) return false; // not ours
      refuseUpgrade(socket, 404);
      return true;
    }
    socket.on("error", destroyOnError);
    const address = clientAddress(req as http.IncomingMessage, trustProxy);
    if (!caps.perAddress.take(address)) {
      refuseUpgrade(socket, 429);
      return true;
    }
    admit(req, socket, head, documentId, connectionSlots(caps, address));
    return true;
  };

  // A function of its own, so that no closure the socket keeps for its lifetime (the error
  // listener, `release`) shares a context with `req` and `head`.
  function admit(req: UpgradeRequest, socket: Duplex, head: Buffer, documentId: string, { release, takeUser }: ConnectionSlots) {
    const decide = async () => {
      // A re-check (e.g. a status change) that ran while this upgrade was being decided may have
      // changed the answer: decide again, so no socket is accepted on an old role.
      for (;;) {
        const epoch = rooms.accessEpoch;
        const decision = await authoriseUpgrade(req as http.IncomingMessage, documentId, takeUser);
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
        wss.handleUpgrade(req as http.IncomingMessage, socket, head, (ws) => {
          // From here the WebSocket's close runs `release` (registry.accept); the once-wrapper on the
          // socket would otherwise stay for the connection's life.
          socket.removeListener("close", release);
          rooms.accept(ws, documentId, decision.access, req.headers.cookie ?? null, release);
        });
      },
      (error) => {
        release();
        console.error("[collab] upgrade failed", error);
        refuseUpgrade(socket, 500);
      },
    );
  }

  return {
    rooms,
    store,
    takeUpgrade,
    /** Closes every socket, then commits what is pending before the database connections close. */
    async close() {
      wss.close();
      await rooms.shutdown();
      await writer.close();
      store.close();
    },
  };
}
