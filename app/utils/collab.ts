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
/** Server → client: something beside the text changed ("comments", "status", "versions"). */
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
  /** Too many messages per second on this connection. Reconnects after back-off. */
  rateLimited: 4529,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

export const COLLAB_LIMITS = {
  /** ws `maxPayload`: one frame. A reconnect's sync step 2 carries all offline edits, so not tiny. */
  maxPayloadBytes: 4 * 1024 * 1024,
  /** Upper bound for the stored document (snapshot plus update log). */
  maxDocumentBytes: 16 * 1024 * 1024,
  /** Token bucket per connection: sustained messages per second and burst size. */
  messagesPerSecond: 300,
  messageBurst: 1000,
  /** A read-only client may send this many dropped document changes before it is closed. */
  readOnlyViolationsBeforeClose: 5,
  /** One awareness state (JSON) at most; larger states are dropped. */
  maxAwarenessStateBytes: 4096,
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
