// The in-memory state of one open position paper: the room's Y.Doc (what everyone sees), its
// shadow copy (where every client update is checked first), presence, the connections, and the
// bookkeeping that durability and unloading need. Behaviour lives in registry.ts, durability.ts,
// connections.ts and access.ts; this file only holds the state and its small invariants.
import type { WebSocket } from "ws";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { ShadowDocument } from "../../app/editor/y-schema-guard.ts";
import { COLLAB_LIMITS, type PresenceUser } from "../../app/domain/collab.ts";
import type { Access } from "./access.ts";

export type Budget = { tokens: number; last: number };

export type Connection = {
  ws: WebSocket;
  room: Room;
  cookieHeader: string | null;
  address: string;
  access: Access;
  presence: PresenceUser;
  /** Awareness client ids this connection speaks for. */
  awarenessIds: Set<number>;
  /** Document client ids this connection introduced (COLLAB_LIMITS.maxNewClientIdsPerConnection). */
  newClientIds: Set<number>;
  /** Byte/cost budget, sync step 1 answers, presence updates: token buckets. */
  budget: Budget;
  syncStep1: Budget;
  awarenessRate: Budget;
  readOnlyViolations: number;
  /** A read-only connection's one routine sync step 2 has been checked. */
  checkedReadOnlyStep2: boolean;
  /** `room.appliedSeq` when this connection last sent an update; acknowledged once durable. */
  waitingFor: number;
  /** The highest `room.durableSeq` this connection has been told about. */
  acknowledged: number;
  alive: boolean;
  closed: boolean;
  /** Terminated because it stopped reading (send.ts). */
  slowReader: boolean;
};

export class Room {
  readonly conns = new Set<Connection>();
  readonly awareness: Awareness;
  readonly doc = new Y.Doc();
  /** Every client update is applied and validated here before it may touch `doc`. */
  shadow: ShadowDocument;
  /** Applied in memory, not yet handed to a commit. */
  pending: Uint8Array[] = [];
  /** Counts updates applied to `doc`; `durableSeq` is the count that is on disk. */
  appliedSeq = 0;
  durableSeq = 0;
  /** The part of this room's log in the commit that is running now. */
  inFlight = false;
  /** Set while this document's commits fail; others keep committing. */
  failure: { since: Date; error: string; retryAt: number; delay: number } | null = null;
  storedBytes: number;
  logRows: number;
  lastSeq: number;
  /** A status change is taking the text: no update is accepted until it is done. */
  frozen = false;
  /** Status changes and server-made changes of this room run one after the other. */
  exclusive: Promise<unknown> = Promise.resolve();
  unloadTimer: NodeJS.Timeout | undefined;
  deriveTimer: NodeJS.Timeout | undefined;
  compacting = false;
  unloading = false;
  /** The filtered awareness frame being applied, relayed as is by the awareness listener. */
  relayAwareness: Uint8Array | undefined;
  /** Sync step 2 answers by normalised state vector; cleared on every change. */
  readonly fullStateFrames = new Map<string, Uint8Array>();

  constructor(
    readonly id: string,
    readonly spaceId: string,
    stored: { state: Uint8Array; storedBytes: number; logRows: number; lastSeq: number },
  ) {
    Y.applyUpdate(this.doc, stored.state);
    this.shadow = new ShadowDocument(stored.state);
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null); // the server has no presence of its own
    this.storedBytes = stored.storedBytes;
    this.logRows = stored.logRows;
    this.lastSeq = stored.lastSeq;
  }

  /** Outgoing bytes a socket of this room may have buffered: a joiner's full state plus live updates. */
  bufferedBytesCap() {
    return Math.max(COLLAB_LIMITS.minBufferedBytesCap, 2 * this.storedBytes);
  }

  destroy() {
    this.awareness.destroy();
    this.shadow.destroy();
    this.doc.destroy();
  }
}
