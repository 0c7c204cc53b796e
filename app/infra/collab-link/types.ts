// The app ↔ collaboration link as one typed interface (decision 024). The app (web workers, jobs)
// calls it; the collaboration process, which owns every live room, answers it. Everything that
// crosses it is plain data (structured-clone safe: strings, numbers, Uint8Array, plain objects), so
// an implementation may carry it over the cluster's IPC channel today and over Redis or PostgreSQL
// LISTEN/NOTIFY later without touching a caller.

import type { ApplyResult, SuggestionToApply } from "../../editor/suggestion-apply.ts";
export type PermissionChange = { documentId?: string; spaceId?: string; userId?: string };
export type DocumentEvent = "comments" | "status" | "versions" | "suggestions";
export type PresenceEntry = { name: string; color: string };

/**
 * A server-made change to a paper's live text, as data. Each type has one pure handler
 * `(ydoc, change) => result` in live-changes.ts that the collaboration process runs on a copy of
 * the room's document inside one transaction.
 */
export type LiveChange =
  /** Patch the text towards a version's content (ProseMirror JSON) as a minimal forward change. */
  | { type: "restore"; content: unknown }
  /** Apply an accepted suggestion (already claimed in the database) where its anchors resolve. */
  | { type: "accept-suggestion"; suggestion: SuggestionToApply };
/** What each live change gives back, by type. */
export type LiveChangeResults = {
  /** The full Y state before the change: restoreVersion keeps it as a safety version. */
  restore: { before: Uint8Array; beforeJson: unknown };
  /** "stale": the anchored text is gone or changed, nothing was applied. */
  "accept-suggestion": ApplyResult;
};
export type LiveChangeResult<C extends LiveChange = LiveChange> = LiveChangeResults[C["type"]];

/** A room frozen for a status change: the drained state and the token that thaws it. */
export type FrozenText = { token: string; state: Uint8Array };

/** Refusals a caller may handle (everything else is an unexpected error). */
export type LinkErrorCode = "DOCUMENT_FROZEN" | "DOCUMENT_NOT_FOUND" | "COLLAB_UNAVAILABLE" | "LINK_TIMEOUT";

export class CollabLinkError extends Error {
  constructor(readonly code: LinkErrorCode | string, message: string) {
    super(message);
    this.name = "CollabLinkError";
  }
}

export interface CollabLink {
  /** Who has each paper open right now (one entry per user), for a whole list page in one call. */
  presence(documentIds: string[]): Promise<Record<string, PresenceEntry[]>>;
  /** Re-decides every matching open socket; resolves once each has its new role or is closed. */
  permissionsChanged(change: PermissionChange): Promise<void>;
  /**
   * Freezes a paper's text for a status change: the room accepts no update, drains what it received
   * to disk and answers exactly that state. The room stays frozen until `thaw(token)`, or until the
   * link's freeze timeout passes or the caller's process ends (then it thaws on its own, re-checking
   * the sockets). `deadline` (epoch ms) is when the caller stops waiting: a freeze not granted by then
   * is refused rather than left for nobody to thaw.
   */
  freeze(documentId: string, deadline?: number): Promise<FrozenText>;
  /** Ends a freeze. `recheck`: the commit happened, so re-check the open sockets (read-only or writable) first. */
  thaw(token: string, recheck: boolean): Promise<void>;
  /** Applies a server-made change through the live room: validated, sent to editors, durable when it resolves. */
  applyLiveChange<C extends LiveChange>(documentId: string, change: C): Promise<LiveChangeResult<C>>;
  /** Tells everyone with the paper open that comments, status or versions changed. */
  documentEvent(documentId: string, event: DocumentEvent): Promise<void>;
  /** Papers whose commits keep failing (for /healthz). */
  failingDocuments(): Promise<string[]>;
}

export type LinkMethod = keyof CollabLink;
export const LINK_METHODS: readonly LinkMethod[] = [
  "presence", "permissionsChanged", "freeze", "thaw", "applyLiveChange", "documentEvent", "failingDocuments",
];

/** A call on the wire (any message transport): `from` names the calling process for freeze ownership. */
export type LinkRequest = { ch: "link"; id: number; method: LinkMethod; args: unknown[]; from?: string };
export type LinkReply = { ch: "link-reply"; id: number; to?: string; ok: true; value: unknown } | { ch: "link-reply"; id: number; to?: string; ok: false; error: { code?: string; message: string } };
