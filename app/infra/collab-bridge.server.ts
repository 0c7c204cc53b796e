// The link between the Remix app and the collaboration server, which run in one Node process but
// may load separate copies of modules (the Remix build bundles its own). Both sides meet on one
// globalThis slot: the collab server registers one typed interface; the app asks it for presence,
// tells it when permissions changed, and routes text changes and status changes through it.
// Without a running collab server (scripts, unit tests) the same calls work on the stored state.
import type * as Y from "yjs";

export type PermissionChange = { documentId?: string; spaceId?: string; userId?: string };
export type CollabChange = (ydoc: Y.Doc) => void;
export type DocumentEvent = "comments" | "status" | "versions" | "suggestions";

export type CollabHooks = {
  presence(documentId: string): Array<{ name: string; color: string }>;
  permissionsChanged(change: PermissionChange): Promise<void>;
  applyChange(documentId: string, change: CollabChange): Promise<void>;
  broadcast(documentId: string, event: DocumentEvent): void;
  withFrozenText<T>(documentId: string, commit: (state: Uint8Array) => Promise<T>): Promise<T>;
  /** Documents whose commits keep failing (for /healthz). */
  failingDocuments(): string[];
};

const slot = globalThis as unknown as { __laenderforumCollab?: CollabHooks };

export function registerCollabHooks(hooks: CollabHooks | undefined) {
  slot.__laenderforumCollab = hooks;
}

/** People with the document open right now (one entry per user). */
export function collabPresence(documentId: string) {
  return slot.__laenderforumCollab?.presence(documentId) ?? [];
}

/**
 * Open sockets matching the change are re-checked against the permission module at once. Await it,
 * so that when the request answers, every open socket already has its new role (or is closed).
 */
export async function notifyCollabPermissionsChanged(change: PermissionChange) {
  await slot.__laenderforumCollab?.permissionsChanged(change);
}

/**
 * Applies a server-side change (e.g. restoring a version) to a document as one forward transaction.
 * With a running collaboration server it goes through the live room, so connected editors receive it
 * and it is validated and stored through the durable path; without one it is appended to the log.
 */
export async function applyCollabChange(documentId: string, change: CollabChange) {
  const hooks = slot.__laenderforumCollab;
  if (hooks) return hooks.applyChange(documentId, change);
  const { applyStoredChange } = await import("../models/document-state.server.ts");
  await applyStoredChange(documentId, change);
}

/**
 * Runs `commit(state)` with the document's text frozen: the live room accepts no further update,
 * drains what it received to disk and hands over exactly that Y state. If `commit` throws, the room
 * thaws. When it resolves, the open sockets have been re-checked and told whether they may still
 * write. Without a collaboration server, `state` is the stored state.
 */
export async function withFrozenText<T>(documentId: string, commit: (state: Uint8Array) => Promise<T>): Promise<T> {
  const hooks = slot.__laenderforumCollab;
  if (hooks) return hooks.withFrozenText(documentId, commit);
  const { storedState } = await import("../models/document-state.server.ts");
  const state = storedState(documentId);
  if (!state) throw new Error(`document ${documentId} does not exist`);
  return commit(state);
}

/** Tells everyone with the document open that something beside the text changed (comments, status). */
export function broadcastDocumentEvent(documentId: string, event: DocumentEvent) {
  slot.__laenderforumCollab?.broadcast(documentId, event);
}

export function failingCollabDocuments(): string[] {
  return slot.__laenderforumCollab?.failingDocuments() ?? [];
}
