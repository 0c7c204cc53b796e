// The link between the Remix app and the collaboration server, which run in one Node process but
// may load separate copies of modules (the Remix build bundles its own). Both sides meet on one
// globalThis slot: the collab server registers itself; the app asks it for presence and tells it
// when permissions changed. Without a running collab server (scripts, unit tests) the calls are no-ops.

export type PermissionChange = { documentId?: string; spaceId?: string; userId?: string };
export type CollabHooks = {
  presence(documentId: string): Array<{ name: string; color: string }>;
  permissionsChanged(change: PermissionChange): void;
};

const slot = globalThis as unknown as { __laenderforumCollab?: CollabHooks };

export function registerCollabHooks(hooks: CollabHooks | undefined) {
  slot.__laenderforumCollab = hooks;
}

/** People with the document open right now (one entry per user). */
export function collabPresence(documentId: string) {
  return slot.__laenderforumCollab?.presence(documentId) ?? [];
}

/** Open sockets matching the change are re-checked against the permission module at once. */
export function notifyCollabPermissionsChanged(change: PermissionChange) {
  slot.__laenderforumCollab?.permissionsChanged(change);
}
