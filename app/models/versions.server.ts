// Versions of a position paper: full Y.Doc states, saved by name, automatically at each status
// change, and before every restore; viewing, comparing and restoring them. A restore is a minimal
// forward change on the live document (collaborators receive it like any edit, and untouched text
// keeps its identity and its comments), never a swap of the stored state.
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { JsonNode } from "../editor/content.ts";
import { m } from "../i18n/messages.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { YJS_FRAGMENT } from "../domain/collab.ts";
import { applyCollabChange, broadcastDocumentEvent } from "../infra/collab-bridge.server.ts";
import { db } from "../db/prisma.server.ts";
import { FROZEN_DOCUMENT_STATUSES, type DocumentStatus } from "../domain/model.ts";
import { recordAudit } from "./audit.server.ts";
import { deriveContent, documentSchema, loadStoredYDoc } from "./documents.server.ts";
import { patchFragment } from "./restore-change.server.ts";

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
export async function createVersionFromState(input: VersionInput & { state: Uint8Array; json?: JsonNode }, tx: Prisma.TransactionClient = db) {
  const json = input.json ?? contentOfState(input.state);
  const version = await tx.documentVersion.create({
    data: {
      documentId: input.documentId, name: input.name, kind: input.kind, status: input.status,
      state: Buffer.from(input.state), contentJson: JSON.stringify(json), createdById: input.actorId,
    },
    select: { id: true },
  });
  await recordAudit({ actorId: input.actorId, action: "document.version", targetType: "document", targetId: input.documentId, details: { versionId: version.id, name: input.name, kind: input.kind } }, tx);
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
  const version = await createVersionFromState({ ...input, state });
  broadcastDocumentEvent(input.documentId, "versions");
  return version;
}

export function listVersions(documentId: string) {
  return db.documentVersion.findMany({
    where: { documentId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, kind: true, status: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

export function getVersion(documentId: string, versionId: string) {
  return db.documentVersion.findFirst({
    where: { id: versionId, documentId },
    select: { id: true, name: true, kind: true, status: true, contentJson: true, createdAt: true, createdBy: { select: { name: true } } },
  });
}

/** A restore was asked for on a paper whose text is frozen (adopted, published, archived). */
export class PaperFrozen extends Error {
  constructor(readonly documentId: string) {
    super(`document ${documentId} is frozen`);
  }
}

/** The version's body in a scratch Y.Doc, built the way the editor would build it. */
function targetFragment(content: JsonNode) {
  const scratch = new Y.Doc();
  const fragment = scratch.getXmlFragment(YJS_FRAGMENT);
  prosemirrorJSONToYXmlFragment(documentSchema(), content, fragment);
  return { fragment, destroy: () => scratch.destroy() };
}

/**
 * Restores a version. The text it replaces is kept first as a version of its own ("vor
 * Wiederherstellung von …"): taken inside the change, from the live document, so it is exactly
 * what the restore patched. The change itself is minimal (restore-change.server.ts). Returns the
 * id of that safety version, or null when the version or the document does not exist.
 */
export async function restoreVersion(actorId: string, documentId: string, versionId: string): Promise<{ savedVersionId: string } | null> {
  const version = await db.documentVersion.findFirst({ where: { id: versionId, documentId }, select: { contentJson: true, name: true, document: { select: { status: true } } } });
  if (!version) return null;
  // The caller checked the edit right; a status change since then must not be overwritten.
  if (FROZEN_DOCUMENT_STATUSES.has(version.document.status as DocumentStatus)) throw new PaperFrozen(documentId);
  const target = targetFragment(JSON.parse(version.contentJson) as JsonNode);
  let replaced: { state: Uint8Array; json: JsonNode } | null = null;
  try {
    await applyCollabChange(documentId, (ydoc) => {
      const state = Y.encodeStateAsUpdate(ydoc);
      // Derived before anything changes: if the current state cannot be read, the restore stops here.
      replaced = { state, json: contentOfState(state) };
      ydoc.transact(() => patchFragment(ydoc.getXmlFragment(YJS_FRAGMENT), target.fragment));
    });
  } catch (error) {
    // The collaboration server re-checks the status after any status change that was running.
    if ((error as { code?: string }).code === "DOCUMENT_FROZEN") throw new PaperFrozen(documentId);
    throw error;
  } finally {
    target.destroy();
  }
  const before = replaced as { state: Uint8Array; json: JsonNode } | null;
  if (!before) return null;
  const document = await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { status: true } });
  const saved = await db.$transaction(async (tx) => {
    const created = await createVersionFromState({
      actorId, documentId, name: m.review.versionBeforeRestore(version.name), kind: "restore",
      status: document.status as DocumentStatus, state: before.state, json: before.json,
    }, tx);
    await recordAudit({ actorId, action: "document.restore", targetType: "document", targetId: documentId, details: { versionId, name: version.name, savedVersionId: created.id } }, tx);
    return created;
  });
  broadcastDocumentEvent(documentId, "versions");
  return { savedVersionId: saved.id };
}
