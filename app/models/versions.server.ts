// Versions of a position paper: full Y.Doc states, saved by name, automatically at each status
// change, and before every restore; viewing, comparing and restoring them. A restore is a minimal
// forward change on the live document (collaborators receive it like any edit, and untouched text
// keeps its identity and its comments), never a swap of the stored state.
import * as Y from "yjs";
import type { JsonNode } from "../editor/content.ts";
import { m } from "../i18n/messages.ts";
import { applyLiveChange, broadcastDocumentEvent } from "../infra/collab-link/index.ts";
import { db, type Queryable } from "../db/db.server.ts";
import { dbNow, fromDbDate, newId } from "../db/values.ts";
import { FROZEN_DOCUMENT_STATUSES, type DocumentStatus } from "../domain/model.ts";
import { recordAudit } from "./audit.server.ts";
import { can, type Actor } from "../domain/permissions.ts";
import { deriveContent, loadStoredYDoc, type DocumentAccessResult } from "./documents.server.ts";
import { storedDocumentJson } from "./document-export.server.ts";
import { compareContents } from "./version-compare.server.ts";

export { compareContents, type Comparison, type DiffPart } from "./version-compare.server.ts";

/** manual: "Version speichern"; status: at a status change; restore: the text a restore replaced. */
export type VersionKind = "manual" | "status" | "restore";
export const VERSION_KINDS: readonly VersionKind[] = ["manual", "status", "restore"];

/** The body's ProseMirror JSON of a stored Y state, derived on a scratch copy (never on a live room). */
export function contentOfState(state: Uint8Array): JsonNode {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    return deriveContent(ydoc).json;
  } finally {
    ydoc.destroy();
  }
}

type VersionInput = { actorId: string; documentId: string; name: string; kind: VersionKind; status: DocumentStatus };

/**
 * Writes a version of exactly `state` and its audit entry. Pass the transaction of the change the
 * version belongs to (a status change), so both commit together or not at all.
 */
export async function createVersionFromState(input: VersionInput & { state: Uint8Array; json?: JsonNode }, q: Queryable) {
  const json = input.json ?? contentOfState(input.state);
  const version = { id: newId() };
  await q.insertInto("DocumentVersion").values({
    id: version.id, documentId: input.documentId, name: input.name, kind: input.kind, status: input.status,
    state: Buffer.from(input.state), contentJson: JSON.stringify(json), createdById: input.actorId, createdAt: dbNow(),
  }).execute();
  await recordAudit({ actorId: input.actorId, action: "document.version", targetType: "document", targetId: input.documentId, details: { versionId: version.id, name: input.name, kind: input.kind } }, q);
  return version;
}

/** Saves the document's current durable state as a version. */
export async function saveVersion(input: VersionInput) {
  const ydoc = await loadStoredYDoc(input.documentId);
  if (!ydoc) return null;
  let state: Uint8Array;
  try {
    state = Y.encodeStateAsUpdate(ydoc);
  } finally {
    ydoc.destroy();
  }
  const version = await db.transaction().execute((trx) => createVersionFromState({ ...input, state }, trx));
  broadcastDocumentEvent(input.documentId, "versions");
  return version;
}

/** A paper's versions, newest first. Dates are the stored text. */
export async function listVersions(documentId: string) {
  const rows = await db.selectFrom("DocumentVersion").innerJoin("User", "User.id", "DocumentVersion.createdById")
    .select(["DocumentVersion.id", "DocumentVersion.name", "DocumentVersion.kind", "DocumentVersion.status", "DocumentVersion.createdAt", "User.name as authorName"])
    .where("DocumentVersion.documentId", "=", documentId)
    .orderBy("DocumentVersion.createdAt", "desc")
    .execute();
  return rows.map(({ authorName, ...v }) => ({ ...v, createdBy: { name: authorName } }));
}

/** One version of the paper with its body (ProseMirror JSON as stored), or undefined. */
export async function getVersion(documentId: string, versionId: string) {
  const row = await db.selectFrom("DocumentVersion").innerJoin("User", "User.id", "DocumentVersion.createdById")
    .select(["DocumentVersion.id", "DocumentVersion.name", "DocumentVersion.kind", "DocumentVersion.status", "DocumentVersion.contentJson", "DocumentVersion.createdAt", "User.name as authorName"])
    .where("DocumentVersion.id", "=", versionId).where("DocumentVersion.documentId", "=", documentId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { authorName, ...v } = row;
  return { ...v, createdBy: { name: authorName } };
}

type VersionListEntry = { id: string; name: string; kind: VersionKind; status: DocumentStatus; createdAt: string; author: string };

/** /documents/<id>/versions: the list, what the user may do, and the restore confirmation asked for (`confirmId`). */
export async function loadVersionsPage(user: Actor, { document, resource }: DocumentAccessResult, confirmId: string | null) {
  const versions: VersionListEntry[] = (await listVersions(document.id)).map((v) => ({
    id: v.id, name: v.name, kind: v.kind as VersionKind, status: v.status as DocumentStatus, createdAt: fromDbDate(v.createdAt).toISOString(), author: v.createdBy.name,
  }));
  const canRestore = can(user, "edit", resource);
  const confirm = confirmId && canRestore ? versions.find((v) => v.id === confirmId) ?? null : null;
  return {
    document: { id: document.id, title: document.title },
    canSave: can(user, "edit", resource),
    canRestore,
    confirm: confirm ? { id: confirm.id, name: confirm.name, createdAt: confirm.createdAt } : null,
    versions,
  };
}

/** /documents/<id>/versions/<versionId>: one version, read-only; null when it is not this paper's. */
export async function loadVersionPage(user: Actor, { document, resource }: DocumentAccessResult, versionId: string) {
  const version = await getVersion(document.id, versionId);
  if (!version) return null;
  return {
    document: { id: document.id, title: document.title },
    canRestore: can(user, "edit", resource),
    version: { id: version.id, name: version.name, createdAt: fromDbDate(version.createdAt).toISOString(), author: version.createdBy.name, contentJson: version.contentJson },
  };
}

/** The two sides of a comparison: a version id or CURRENT_TEXT (the stored text now). */
export const CURRENT_TEXT = "aktuell";

/**
 * /documents/<id>/compare?von=…&bis=…: both sides' labels and the bounded word diff; null when a
 * side does not exist.
 */
export async function loadComparePage(document: { id: string; title: string }, fromRef: string | null, toRef: string | null) {
  const side = async (ref: string | null) => {
    if (!ref || ref === CURRENT_TEXT) {
      const json = await storedDocumentJson(document.id);
      return json ? { label: m.review.current, json } : null;
    }
    const version = await getVersion(document.id, ref);
    return version ? { label: `${version.name} (${m.format.dateTime(fromDbDate(version.createdAt).toISOString())})`, json: JSON.parse(version.contentJson) as JsonNode } : null;
  };
  const [from, to] = await Promise.all([side(fromRef), side(toRef)]);
  if (!from || !to) return null;
  const { parts, complete } = compareContents(from.json, to.json);
  return { document: { id: document.id, title: document.title }, from: from.label, to: to.label, parts, complete };
}

/** A restore was asked for on a paper whose text is frozen (adopted, published, archived). */
export class PaperFrozen extends Error {
  constructor(readonly documentId: string) {
    super(`document ${documentId} is frozen`);
  }
}

/**
 * Restores a version. The text it replaces is kept first as a version of its own ("vor
 * Wiederherstellung von …"): taken inside the change, from the live document, so it is exactly
 * what the restore patched. The change itself is minimal (restore-change.server.ts). Returns the
 * id of that safety version, or null when the version or the document does not exist.
 */
export async function restoreVersion(actorId: string, documentId: string, versionId: string): Promise<{ savedVersionId: string } | null> {
  const version = await db.selectFrom("DocumentVersion").innerJoin("Document", "Document.id", "DocumentVersion.documentId")
    .select(["DocumentVersion.contentJson", "DocumentVersion.name", "Document.status"])
    .where("DocumentVersion.id", "=", versionId).where("DocumentVersion.documentId", "=", documentId)
    .executeTakeFirst();
  if (!version) return null;
  // The caller checked the edit right; a status change since then must not be overwritten.
  if (FROZEN_DOCUMENT_STATUSES.has(version.status)) throw new PaperFrozen(documentId);
  let replaced: { before: Uint8Array; beforeJson: unknown } | null;
  try {
    // The text it replaces comes back from inside the change, so it is exactly what the restore patched.
    replaced = await applyLiveChange(documentId, { type: "restore", content: JSON.parse(version.contentJson) as JsonNode });
  } catch (error) {
    // The collaboration server re-checks the status after any status change that was running.
    if ((error as { code?: string }).code === "DOCUMENT_FROZEN") throw new PaperFrozen(documentId);
    if ((error as { code?: string }).code === "DOCUMENT_NOT_FOUND") return null;
    throw error;
  }
  if (!replaced) return null;
  const before = { state: replaced.before, json: replaced.beforeJson as JsonNode };
  const document = await db.selectFrom("Document").select("status").where("id", "=", documentId).executeTakeFirstOrThrow();
  const saved = await db.transaction().execute(async (trx) => {
    const created = await createVersionFromState({
      actorId, documentId, name: m.review.versionBeforeRestore(version.name), kind: "restore",
      status: document.status, state: before.state, json: before.json,
    }, trx);
    await recordAudit({ actorId, action: "document.restore", targetType: "document", targetId: documentId, details: { versionId, name: version.name, savedVersionId: created.id } }, trx);
    return created;
  });
  broadcastDocumentEvent(documentId, "versions");
  return { savedVersionId: saved.id };
}
