// What the app calls to reach the collaboration server: one CollabLink per process (decision 024).
// A web worker installs the IPC link at start (server/web-worker.ts), the single-process server and
// tests the in-process one (server/collab/link.ts); scripts run without one and work on the stored
// state. The current link is kept under a Symbol.for key on globalThis because the Remix build
// bundles its own copy of this module: both copies must find the one link the process installed.
import type * as Y from "yjs";
import { LINK_TIMING } from "./rpc.ts";
import { type CollabLink, type DocumentEvent, type LiveChange, type LiveChangeResult, type PermissionChange, type PresenceEntry } from "./types.ts";

export * from "./types.ts";

/** A closure-based change for tests and scripts; only an in-process link can run it (it cannot cross a process). */
export type CollabChange = (ydoc: Y.Doc) => void;
export type LocalCollabLink = CollabLink & { applyLocalChange(documentId: string, change: CollabChange): Promise<void> };

const SLOT = Symbol.for("laenderforum.collabLink");
const holder = globalThis as unknown as { [SLOT]?: CollabLink };

export function setCollabLink(link: CollabLink | undefined) {
  holder[SLOT] = link;
}

export function currentCollabLink(): CollabLink | undefined {
  return holder[SLOT];
}

/** By code, not instanceof: the Remix build and the server each load their own copy of the error class. */
const unavailable = (error: unknown) => (error as { code?: unknown } | null)?.code === "COLLAB_UNAVAILABLE";
/** For reads that only decorate a page: a collaboration process that is down or too busy to answer in time. */
const unreachable = (error: unknown) => unavailable(error) || (error as { code?: unknown } | null)?.code === "LINK_TIMEOUT";

/** People with each paper open right now, in one call for a whole list (papers nobody edits are absent). */
export async function collabPresence(documentIds: string[]): Promise<Record<string, PresenceEntry[]>> {
  const link = currentCollabLink();
  if (!link || !documentIds.length) return {};
  try {
    return await link.presence(documentIds);
  } catch (error) {
    if (unreachable(error)) return {}; // restarting or too busy: the list shows nobody editing
    throw error;
  }
}

/**
 * Open sockets matching the change are re-checked against the permission module at once. Await it,
 * so that when the request answers, every open socket already has its new role (or is closed).
 */
export async function notifyCollabPermissionsChanged(change: PermissionChange) {
  const link = currentCollabLink();
  if (!link) return;
  try {
    await link.permissionsChanged(change);
  } catch (error) {
    // A collaboration process that is down has no open socket; the one that starts checks every new one.
    if (!unavailable(error)) throw error;
  }
}

/**
 * Applies a server-made change (restore, later accepting a suggestion) as one forward transaction.
 * Through the live room when a collaboration server runs (editors receive it; validated and durable
 * when this resolves; `DOCUMENT_FROZEN` when the text is frozen); otherwise appended to the stored log.
 */
export async function applyLiveChange<C extends LiveChange>(documentId: string, change: C): Promise<LiveChangeResult<C> | null> {
  const link = currentCollabLink();
  if (link) return link.applyLiveChange(documentId, change);
  const [{ applyStoredChange }, { runLiveChange }] = await Promise.all([import("../../models/document-state.server.ts"), import("./live-changes.ts")]);
  let result: LiveChangeResult<C> | null = null;
  await applyStoredChange(documentId, (ydoc) => {
    result = runLiveChange(ydoc, change);
  });
  return result;
}

/** Tests and scripts: a closure-based change, in-process or on the stored state. */
export async function applyCollabChange(documentId: string, change: CollabChange) {
  const link = currentCollabLink() as LocalCollabLink | undefined;
  if (link) {
    if (!("applyLocalChange" in link)) throw new Error("a closure cannot cross to the collaboration process: use applyLiveChange");
    return link.applyLocalChange(documentId, change);
  }
  const { applyStoredChange } = await import("../../models/document-state.server.ts");
  await applyStoredChange(documentId, change);
}

/**
 * Runs `commit(state)` with the paper's text frozen: the live room accepts no further update, drains
 * what it received to disk and hands over exactly that Y state. If `commit` throws, the room thaws
 * unchanged; when it resolves, the open sockets have been re-checked (read-only or writable) and the
 * room thawed. If this process dies in between, the collaboration process thaws the room itself.
 * Without a collaboration server, `state` is the stored state.
 */
export async function withFrozenText<T>(documentId: string, commit: (state: Uint8Array) => Promise<T>): Promise<T> {
  const link = currentCollabLink();
  if (!link) {
    const { storedState } = await import("../../models/document-state.server.ts");
    const state = storedState(documentId);
    if (!state) throw new Error(`document ${documentId} does not exist`);
    return commit(state);
  }
  const { token, state } = await link.freeze(documentId, Date.now() + LINK_TIMING.callTimeoutMs);
  let committed = false;
  try {
    const result = await commit(state);
    committed = true;
    return result;
  } finally {
    // A thaw that cannot be delivered (the collaboration process restarts) must neither turn a
    // committed status change into an error nor hide the commit's own: that process thaws and
    // re-checks the room itself (freeze timeout, caller exit, or a fresh load from disk).
    await link.thaw(token, committed).catch((error: unknown) => console.error("[collab-link] thaw not delivered", error));
  }
}

/** Tells everyone with the paper open that something beside the text changed (comments, status). */
export function broadcastDocumentEvent(documentId: string, event: DocumentEvent) {
  void currentCollabLink()?.documentEvent(documentId, event).catch((error: unknown) => {
    if (!unavailable(error)) console.error("[collab-link] document event not delivered", error);
  });
}

/** Papers whose commits keep failing (/healthz). */
export async function failingCollabDocuments(): Promise<string[]> {
  const link = currentCollabLink();
  if (!link) return [];
  try {
    return await link.failingDocuments();
  } catch (error) {
    if (unreachable(error)) return [];
    throw error;
  }
}
