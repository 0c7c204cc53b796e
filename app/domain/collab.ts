// Constants shared by the collaboration server (server/collab/) and the browser editor: the wire
// protocol's message types, the close codes, the limits, and how a user's caret colour is chosen.
// docs/COLLABORATION.md describes each of them; change both together.

/** The y-websocket message types (y-websocket's client defines 0–3) plus our own. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Sent by the server after every group commit that stored updates of the document:
 * `[MESSAGE_SAVED, varUint8Array(Y state vector of everything now on disk)]`. A client whose own
 * clock (`doc.clientID`) is covered by that state vector knows that all its edits are durable.
 */
export const MESSAGE_SAVED = 100;
/**
 * Server → client: something beside the text changed. "comments", "versions", "status", "access";
 * "frozen" (a status change froze the text: the socket stays open, later updates are dropped, and a
 * saved message covering everything accepted came first) and "thawed" (writable again).
 */
export const MESSAGE_DOCUMENT_EVENT = 101;

/** The document body lives in this Y.XmlFragment (stable contract). */
export const YJS_FRAGMENT = "default";

/** The WebSocket path prefix; the document id follows: /collab/<documentId>. */
export const COLLAB_PATH_PREFIX = "/collab/";

/**
 * Close codes. 4400–4499 mean "do not reconnect" to the stock y-websocket client (its default
 * `shouldReconnect`); every other code makes it reconnect with back-off.
 */
export const CLOSE_CODES = {
  /** ws closes with this itself when a frame exceeds `maxPayload`. */
  messageTooBig: 1009,
  /** The server is shutting down; reconnect later. */
  goingAway: 1001,
  /** A frame could not be decoded (random or truncated bytes, unknown message type). */
  protocolViolation: 4400,
  /**
   * An update was refused before it was stored or relayed: outside the editor schema, with a missing
   * dependency, or from too many new client ids. The client's copy can no longer be merged safely.
   */
  invalidUpdate: 4422,
  /** The session ended (logout, expiry, account disabled). */
  unauthenticated: 4401,
  /** Read access was withdrawn, or a read-only client kept sending document changes. */
  forbidden: 4403,
  /** The document no longer exists. */
  notFound: 4404,
  /** The update would make the stored document larger than MAX_DOCUMENT_BYTES. */
  documentTooLarge: 4413,
  /** The stored document could not be loaded; nothing was changed. Reconnects later. */
  loadFailed: 4500,
  /** Re-checking this socket's permission failed; closed rather than trusted (fails closed). Reconnects later. */
  accessCheckFailed: 4503,
  /** The connection spent its byte/cost budget (messages, sync requests, resent states). Reconnects after back-off. */
  rateLimited: 4529,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

export const COLLAB_LIMITS = {
  /** ws `maxPayload`: one frame. A reconnect's sync step 2 carries all offline edits, so not tiny. */
  maxPayloadBytes: 4 * 1024 * 1024,
  /** Upper bound for the stored document (snapshot plus update log). */
  maxDocumentBytes: 16 * 1024 * 1024,
  /**
   * Cost budget per connection (token bucket, in bytes): each frame costs its size plus
   * `frameBaseCost`; answering a sync step 1 costs the answer's size; a read-only step 2 costs
   * `readOnlyStep2CostFactor` times its size (checking it is CPU work). Sustained rate and burst.
   */
  budgetBytesPerSecond: 2 * 1024 * 1024,
  budgetBurstBytes: 40 * 1024 * 1024,
  frameBaseCost: 1024,
  readOnlyStep2CostFactor: 8,
  /** Sync step 1 answers per connection: burst and one more every `syncStep1RefillMs`; more are ignored. */
  syncStep1Burst: 3,
  syncStep1RefillMs: 10_000,
  /** Presence updates per connection: sustained per second and burst; more are dropped. */
  awarenessPerSecond: 20,
  awarenessBurst: 60,
  /** Client ids a connection may introduce into the document (yjs#415: thousands make every edit slow). */
  maxNewClientIdsPerConnection: 2,
  /** Outgoing bytes buffered for one socket before it is terminated: max(this, 2 × the full state). */
  minBufferedBytesCap: 4 * 1024 * 1024,
  /** Element nesting depth of the body (the recursive converters overflow the stack near 3,000). */
  maxNestingDepth: 64,
  /** Full-state answers cached per document, keyed by the normalised state vector. */
  fullStateCacheEntries: 16,
  /** A read-only client may send this many dropped document changes before it is closed. */
  readOnlyViolationsBeforeClose: 5,
  /** One awareness state (JSON) at most; larger states are dropped. */
  maxAwarenessStateBytes: 4096,
  /** Open collaboration sockets per user and per client address (defaults; see env). */
  maxConnectionsPerUser: 20,
  maxConnectionsPerAddress: 200,
  /** Awareness client ids one connection may own (Yjs changes its id on a rare clash). */
  maxAwarenessClientsPerConnection: 4,
} as const;

export const COLLAB_TIMING = {
  /** Updates are batched into one SQLite transaction at most this long after the first arrived. */
  groupCommitMs: 10,
  /** Fold the update log into a new snapshot once it holds this many rows. */
  compactAfterUpdates: 500,
  /** Keep a document in memory this long after its last client left. */
  unloadGraceMs: 30_000,
  /** Re-check every open socket's permission this often (changes are also pushed immediately). */
  permissionRecheckMs: 15_000,
  /** Recompute the derived ProseMirror JSON and plain text at most this often. */
  deriveDebounceMs: 2_000,
  /**
   * A room sends presence (carets, who is here) at most this often; changes in between are gathered
   * into one frame, the latest state per person. 20 frames a second look continuous, and presence
   * fan-out (every person to every person) stays linear in the room's size (decision 027).
   */
  presenceFlushMs: 50,
  /** Ping every socket this often; one that did not answer the previous ping is closed. */
  pingIntervalMs: 30_000,
} as const;

/** Caret and avatar colours, readable with white text (contrast ≥ 4.5:1). */
export const PRESENCE_COLOURS = ["#1d4ed8", "#b91c1c", "#047857", "#7e22ce", "#b45309", "#0e7490", "#be185d", "#4d7c0f"] as const;

/** A stable colour per user id, the same on server and client. */
export function presenceColour(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return PRESENCE_COLOURS[hash % PRESENCE_COLOURS.length];
}

/** The `user` field the server writes into every awareness state of a connection. */
export type PresenceUser = { id: string; name: string; color: string; role: "editor" | "commenter" | "reader" };
