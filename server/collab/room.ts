// The in-memory state of one open position paper: the room's Y.Doc (what everyone sees), its
// shadow copy (where every client update is checked first), presence, the connections, and the
// bookkeeping that durability and unloading need. Behaviour lives in registry.ts, durability.ts,
// connections.ts and access.ts; this file only holds the state and its small invariants.
import type { WebSocket } from "ws";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { ShadowDocument } from "../../app/editor/y-schema-guard.ts";
import { COLLAB_LIMITS, presenceColour, type PresenceUser } from "../../app/domain/collab.ts";
import type { Access } from "./access.ts";

export type Budget = { tokens: number; last: number };

type StoredState = { state: Uint8Array; storedBytes: number; logRows: number; lastSeq: number };

/**
 * What an open socket keeps of its permission decision: only what the server reads later (the user's
 * id and name for presence and re-check matching, the role and the two flags), not the session user
 * with its memberships. One object per (user, name, role, flags) in a room, shared by that user's
 * sockets (Room.sharedAccess), so a second tab costs a pointer.
 */
export type ConnectionAccess = {
  readonly user: { readonly id: string; readonly name: string };
  readonly role: Access["role"];
  readonly readOnly: boolean;
  readonly frozen: boolean;
};

/**
 * One open socket. Kept small on purpose (retained heap per idle connection is a target, see
 * docs/COLLABORATION.md "Performance"): what an idle reader never uses (presence ids, new client ids,
 * the presence rate) is created on first use, and no closure per socket holds it (registry.ts).
 */
export type Connection = {
  ws: WebSocket;
  room: Room;
  /** The caller's callback for when the socket has closed (frees its connection slots). */
  onClosed: () => void;
  /** The Cookie header of the upgrade, for permission re-checks (interned per room: Room.internCookie). */
  cookieHeader: string | null;
  access: ConnectionAccess;
  /** Shared like `access` (Room.sharedAccess). */
  presence: PresenceUser;
  /** Awareness client ids this connection speaks for; null until it sends presence. */
  awarenessIds: Set<number> | null;
  /** Document client ids this connection introduced (COLLAB_LIMITS.maxNewClientIdsPerConnection); null until it writes. */
  newClientIds: Set<number> | null;
  /** Byte/cost budget and sync step 1 answers: token buckets. */
  budget: Budget;
  syncStep1: Budget;
  /** Presence updates: created with the first one. */
  awarenessRate: Budget | null;
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
  shadow!: ShadowDocument;
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
  /** The filtered presence entries being applied (client id → encoded entry), relayed as they are by the awareness listener. */
  relayAwareness: Map<number, Uint8Array> | undefined;
  /** Sync step 2 answers by normalised state vector; cleared on every change. */
  readonly fullStateFrames = new Map<string, Uint8Array>();
  /** Updates applied in this turn of the event loop, broadcast together by fanout.ts. */
  outgoingUpdates: Array<{ update: Uint8Array; origin: unknown }> = [];
  /** Presence entries changed since the last presence frame (client id → encoded entry; the latest wins), broadcast together. */
  readonly outgoingAwareness = new Map<number, Uint8Array>();
  /** When (performance.now()) the room may send its next presence frame, and the timer waiting for it (fanout.ts). */
  presenceDueAt = 0;
  presenceTimer: NodeJS.Timeout | undefined;
  /** Shared ConnectionAccess and presence per decision (see ConnectionAccess). */
  private readonly shared = new Map<string, { access: ConnectionAccess; presence: PresenceUser }>();
  /** Cookie headers of open sockets, one string per distinct value, counted. */
  private readonly cookies = new Map<string, { value: string; count: number }>();

  /**
   * A room for a large paper, built in two turns of the event loop (the doc, then the shadow with
   * its full check), so that other rooms' messages are handled in between.
   */
  static async build(id: string, spaceId: string, stored: StoredState) {
    const room = new Room(id, spaceId, stored, false);
    await new Promise((resolve) => setImmediate(resolve));
    room.shadow = new ShadowDocument(stored.state);
    return room;
  }

  constructor(
    readonly id: string,
    readonly spaceId: string,
    stored: StoredState,
    withShadow = true,
  ) {
    Y.applyUpdate(this.doc, stored.state);
    if (withShadow) this.shadow = new ShadowDocument(stored.state);
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null); // the server has no presence of its own
    this.storedBytes = stored.storedBytes;
    this.logRows = stored.logRows;
    this.lastSeq = stored.lastSeq;
  }

  /** The one shared record for this decision (a user's sockets in one room share it). */
  sharedAccess(access: Access): { access: ConnectionAccess; presence: PresenceUser } {
    const { user, role, readOnly, frozen } = access;
    const key = `${user.id}\n${role}\n${readOnly ? 1 : 0}${frozen ? 1 : 0}\n${user.name}`;
    let entry = this.shared.get(key);
    if (!entry) {
      // Bounded by the users who opened this room (one entry per role/flags/name they had); freed with the room.
      entry = {
        access: Object.freeze({ user: Object.freeze({ id: user.id, name: user.name }), role, readOnly, frozen }),
        presence: Object.freeze({ id: user.id, name: user.name, color: presenceColour(user.id), role }),
      };
      this.shared.set(key, entry);
    }
    return entry;
  }

  internCookie(header: string | null): string | null {
    if (header === null) return null;
    const entry = this.cookies.get(header);
    if (entry) {
      entry.count++;
      return entry.value;
    }
    this.cookies.set(header, { value: header, count: 1 });
    return header;
  }

  releaseCookie(header: string | null) {
    if (header === null) return;
    const entry = this.cookies.get(header);
    if (entry && --entry.count <= 0) this.cookies.delete(header);
  }

  /** Outgoing bytes a socket of this room may have buffered: a joiner's full state plus live updates. */
  bufferedBytesCap() {
    return Math.max(COLLAB_LIMITS.minBufferedBytesCap, 2 * this.storedBytes);
  }

  destroy() {
    clearTimeout(this.presenceTimer);
    this.outgoingUpdates = [];
    this.outgoingAwareness.clear();
    this.awareness.destroy();
    this.shadow.destroy();
    this.doc.destroy();
  }
}
