// The link between the Remix app and the collaboration server, which run in one Node process but
// may load separate copies of modules (the Remix build bundles its own). Both sides meet on one
// globalThis slot: the collab server registers itself; the app asks it for presence and tells it
// when permissions changed. Without a running collab server (scripts, unit tests) the calls are no-ops.

export type PermissionChange = { documentId?: string; spaceId?: string; userId?: string };
export type CollabHooks = {
  presence(documentId: string): Array<{ name: string; color: string }>;
  permissionsChanged(change: PermissionChange): Promise<void>;
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
 * so that when the request answers, every open socket already has its new role.
 */
export async function notifyCollabPermissionsChanged(change: PermissionChange) {
  await slot.__laenderforumCollab?.permissionsChanged(change);
}

export type CollabChange = (ydoc: import("yjs").Doc) => void;
type ChangeHooks = { applyChange(documentId: string, change: CollabChange): Promise<void>; broadcast(documentId: string, event: string): void };
const changeSlot = globalThis as unknown as { __laenderforumCollabChanges?: ChangeHooks };

export function registerCollabChangeHooks(hooks: ChangeHooks | undefined) {
  changeSlot.__laenderforumCollabChanges = hooks;
}

/**
 * Applies a server-side change (e.g. restoring a version) to a document as one forward transaction.
 * With a running collaboration server it goes through the live room, so connected editors receive it
 * and it is stored through the durable path; without one (scripts, tests) it is appended to the log.
 */
export async function applyCollabChange(documentId: string, change: CollabChange) {
  const hooks = changeSlot.__laenderforumCollabChanges;
  if (hooks) return hooks.applyChange(documentId, change);
  const [{ db }, { loadStoredYDoc }, Y] = await Promise.all([import("./db.server.ts"), import("../models/documents.server.ts"), import("yjs")]);
  const ydoc = await loadStoredYDoc(documentId);
  if (!ydoc) return;
  const before = Y.encodeStateVector(ydoc);
  change(ydoc);
  const update = Y.encodeStateAsUpdate(ydoc, before);
  await db.documentUpdate.create({ data: { documentId, data: Buffer.from(update) } });
  ydoc.destroy();
}

/** Tells everyone with the document open that something beside the text changed (comments, status). */
export function broadcastDocumentEvent(documentId: string, event: "comments" | "status" | "versions") {
  changeSlot.__laenderforumCollabChanges?.broadcast(documentId, event);
}
