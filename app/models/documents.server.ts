// Position papers: the domain functions behind the /documents routes and the collaboration server.
// Text lives in the Y.Doc (snapshot + update log) and is written only by server/collab; these
// functions handle metadata, access, the initial state and the derived exports.
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { richTextSchema, type JsonNode } from "../editor/content.ts";
import { deriveFromState } from "../editor/y-schema-guard.ts";
import { YJS_FRAGMENT } from "../domain/collab.ts";
import { notifyCollabPermissionsChanged, collabPresence } from "../infra/collab-bridge.server.ts";
import { db } from "../db/prisma.server.ts";
import type { DocumentRole, DocumentStatus, SpaceVisibility } from "../domain/model.ts";
import { can, documentRoleOf, type Actor, type DocumentAction, type DocumentResource } from "../domain/permissions.ts";
import { loadActors } from "./notifications.server.ts";
import { recordAudit } from "./audit.server.ts";
import { storedYDoc } from "./document-state.server.ts";
import { indexPaper } from "./search.server.ts";

/** The collaborative editor's schema: the shared extension list with tables. */
export const documentSchema = () => richTextSchema("document");

/** The permission resource of a document, as seen by someone with `grantedRole` on it. */
export function documentResource(doc: { spaceId: string; status: string; space: { visibility: string } }, grantedRole: string | null | undefined): DocumentResource {
  return {
    type: "document",
    spaceId: doc.spaceId,
    visibility: doc.space.visibility as SpaceVisibility,
    status: doc.status as DocumentStatus,
    grantedRole: (grantedRole as DocumentRole | null | undefined) ?? null,
  };
}

/**
 * Of `userIds` (by default the Gremium's members and everyone granted access to the document),
 * those who may do `action` on it: for notifications about the document.
 */
export async function usersWhoMay(documentId: string, action: DocumentAction, userIds?: string[]): Promise<string[]> {
  const doc = await db.document.findUniqueOrThrow({
    where: { id: documentId },
    select: { spaceId: true, status: true, space: { select: { visibility: true } }, access: { select: { userId: true, role: true } } },
  });
  const candidates = userIds ?? [
    ...(await db.membership.findMany({ where: { spaceId: doc.spaceId }, select: { userId: true } })).map((mb) => mb.userId),
    ...doc.access.map((a) => a.userId),
  ];
  const granted = new Map(doc.access.map((a) => [a.userId, a.role]));
  const actors = await loadActors([...new Set(candidates)]);
  return actors.filter((a) => can(a, action, documentResource(doc, granted.get(a.id)))).map((a) => a.id);
}

/** The document, the permission resource and the actor's role on it; null when it does not exist. */
export async function documentAccessFor(actor: Actor, documentId: string) {
  const document = await db.document.findUnique({
    where: { id: documentId },
    select: {
      id: true, title: true, status: true, spaceId: true, updatedAt: true, createdAt: true, reviewDeadline: true,
      space: { select: { id: true, name: true, slug: true, visibility: true } },
      access: { where: { userId: actor.id }, select: { role: true } },
    },
  });
  if (!document) return null;
  const resource = documentResource(document, document.access[0]?.role);
  return { document, resource, role: documentRoleOf(actor, resource) };
}

export type DocumentListItem = {
  id: string;
  title: string;
  status: DocumentStatus;
  updatedAt: string;
  reviewDeadline: string | null;
  space: { name: string; slug: string };
  editingNow: Array<{ name: string; color: string }>;
};

/** The documents `actor` may read, newest change first; optionally only one Gremium's. */
export async function listReadableDocuments(actor: Actor, options: { spaceId?: string; includeArchived?: boolean } = {}): Promise<DocumentListItem[]> {
  const rows = await db.document.findMany({
    where: { ...(options.spaceId ? { spaceId: options.spaceId } : {}), ...(options.includeArchived ? {} : { status: { not: "archived" } }) },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true, title: true, status: true, spaceId: true, updatedAt: true, reviewDeadline: true,
      space: { select: { name: true, slug: true, visibility: true } },
      access: { where: { userId: actor.id }, select: { role: true } },
    },
  });
  return rows
    .filter((d) => can(actor, "read", documentResource(d, d.access[0]?.role)))
    .map((d) => ({
      id: d.id,
      title: d.title,
      status: d.status as DocumentStatus,
      updatedAt: d.updatedAt.toISOString(),
      reviewDeadline: d.reviewDeadline?.toISOString() ?? null,
      space: { name: d.space.name, slug: d.space.slug },
      editingNow: collabPresence(d.id),
    }));
}

/** For the Gremium page: that Gremium's documents the actor may read. */
export function listSpaceDocuments(actor: Actor, spaceId: string) {
  return listReadableDocuments(actor, { spaceId });
}

export const TEMPLATE_SECTIONS = ["Ausgangslage", "Forderungen", "Begründung", "Ansprechpersonen"] as const;

/** ProseMirror JSON for a new document: empty, or the "Positionspapier" template. */
export function initialContent(template: "blank" | "position-paper", intro: string): JsonNode {
  if (template === "blank") return { type: "doc", content: [{ type: "paragraph" }] };
  return {
    type: "doc",
    content: TEMPLATE_SECTIONS.flatMap((heading) => [
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: heading }] },
      { type: "paragraph", content: [{ type: "text", text: intro }] },
    ]),
  };
}

/** A full Y.Doc state (fragment "default") for ProseMirror JSON, validated against the schema. */
export function yStateFromJson(json: JsonNode): Uint8Array {
  const schema = documentSchema();
  schema.nodeFromJSON(json).check();
  const ydoc = prosemirrorJSONToYDoc(schema, json, YJS_FRAGMENT);
  const state = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return state;
}

/**
 * ProseMirror JSON and plain text of a Y.Doc's body, validated against the schema. Reads a copy of
 * the state: y-tiptap's converter deletes what it cannot convert (y-prosemirror#271), so it never
 * runs on a document someone else holds.
 */
export function deriveContent(ydoc: Y.Doc) {
  return deriveFromState(Y.encodeStateAsUpdate(ydoc));
}

/** The clean stored state as a fresh Y.Doc (the caller destroys it); null when the document does not exist. */
export async function loadStoredYDoc(documentId: string) {
  return storedYDoc(documentId);
}

export type CreateDocumentInput = { spaceId: string; title: string; template: "blank" | "position-paper"; templateIntro: string };

export async function createDocument(actorId: string, input: CreateDocumentInput) {
  const snapshot = yStateFromJson(initialContent(input.template, input.templateIntro));
  // The template's text is searchable at once; the collaboration server keeps it current from then on.
  const { json, text } = deriveFromState(snapshot);
  return db.$transaction(async (tx) => {
    const created = await tx.document.create({
      data: {
        spaceId: input.spaceId, title: input.title, createdById: actorId, snapshot: Buffer.from(snapshot), snapshotSeq: 0,
        contentJson: JSON.stringify(json), contentText: text,
      },
      select: { id: true },
    });
    await indexPaper(tx, { id: created.id, spaceId: input.spaceId, title: input.title, contentText: text });
    await recordAudit({ actorId, action: "document.create", targetType: "document", targetId: created.id, details: { title: input.title, template: input.template } }, tx);
    return created;
  });
}

export async function renameDocument(actorId: string, documentId: string, title: string) {
  await db.$transaction(async (tx) => {
    const paper = await tx.document.update({ where: { id: documentId }, data: { title }, select: { id: true, spaceId: true, title: true, contentText: true } });
    await indexPaper(tx, paper);
    await recordAudit({ actorId, action: "document.rename", targetType: "document", targetId: documentId, details: { title } }, tx);
  });
}

export async function archiveDocument(actorId: string, documentId: string) {
  await db.$transaction(async (tx) => {
    await tx.document.update({ where: { id: documentId }, data: { status: "archived" } });
    await recordAudit({ actorId, action: "document.archive", targetType: "document", targetId: documentId }, tx);
  });
  // Archived papers are frozen: open editors become read-only at once.
  await notifyCollabPermissionsChanged({ documentId });
}

/** Grants `role` on the document, or removes the grant with null. Open sockets are re-checked at once. */
export async function setDocumentAccess(actorId: string, documentId: string, userId: string, role: DocumentRole | null) {
  await db.$transaction(async (tx) => {
    if (role) {
      await tx.documentAccess.upsert({
        where: { documentId_userId: { documentId, userId } },
        create: { documentId, userId, role },
        update: { role },
      });
    } else {
      await tx.documentAccess.deleteMany({ where: { documentId, userId } });
    }
    await recordAudit({ actorId, action: role ? "document.access.set" : "document.access.remove", targetType: "document", targetId: documentId, details: { userId, role } }, tx);
    // The invited person (e.g. a ministry asked to comment) hears of it.
    if (role && userId !== actorId) await tx.notification.create({ data: { userId, kind: "document-invite", actorId, documentId } });
  });
  await notifyCollabPermissionsChanged({ documentId, userId });
}

export async function listDocumentAccess(documentId: string) {
  return db.documentAccess.findMany({
    where: { documentId },
    orderBy: { createdAt: "asc" },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
}
