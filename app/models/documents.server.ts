// Position papers: the domain functions behind the /documents routes and the collaboration server.
// Text lives in the Y.Doc (snapshot + update log) and is written only by server/collab; these
// functions handle metadata, access, the initial state and the derived exports.
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { richTextSchema, type JsonNode } from "../editor/content.ts";
import { deriveFromState } from "../editor/y-schema-guard.ts";
import { YJS_FRAGMENT } from "../domain/collab.ts";
import { notifyCollabPermissionsChanged, collabPresence } from "../infra/collab-link/index.ts";
import { compiledOnce } from "../db/compiled.server.ts";
import { expressionBuilder } from "kysely";
import { db, type DB, type Tx } from "../db/db.server.ts";
import { announceEvents, recordEvent } from "../events/record.server.ts";
import type { EventPayloads } from "../events/types.ts";
import { indexPaper } from "../db/search-index.server.ts";
import { dbNow, fromDbDate, newId } from "../db/values.ts";
import { FROZEN_DOCUMENT_STATUSES, type DocumentRole, type DocumentStatus, type SpaceVisibility } from "../domain/model.ts";
import { presenceColour } from "../domain/collab.ts";
import { m } from "../i18n/messages.ts";
import { listReadableSpaces } from "./spaces.server.ts";
import { can, documentRoleOf, type Actor, type DocumentResource } from "../domain/permissions.ts";
import { notify, paperAudience } from "./notifications.server.ts";
import { recordAudit } from "./audit.server.ts";
import { storedYDoc } from "./document-state.server.ts";

/** The collaborative editor's schema: the shared extension list with tables. */
export const documentSchema = () => richTextSchema("document");

/** The permission resource of a document, as seen by someone with `grantedRole` on it. */
export function documentResource(
  doc: { spaceId: string; status: string; space: { visibility: string } },
  grantedRole: string | null | undefined,
  commenterSuggestions?: number | boolean | null,
): DocumentResource {
  return {
    type: "document",
    spaceId: doc.spaceId,
    visibility: doc.space.visibility as SpaceVisibility,
    status: doc.status as DocumentStatus,
    grantedRole: (grantedRole as DocumentRole | null | undefined) ?? null,
    // No settings row (null) means on; SQLite stores the boolean as 0/1.
    commenterSuggestions: commenterSuggestions === null || commenterSuggestions === undefined ? true : Boolean(commenterSuggestions),
  };
}

function accessQuery(actorId: string, documentId: string) {
  return db.selectFrom("Document")
    .innerJoin("Space", "Space.id", "Document.spaceId")
    .leftJoin("DocumentAccess", (join) => join.onRef("DocumentAccess.documentId", "=", "Document.id").on("DocumentAccess.userId", "=", actorId))
    .leftJoin("DocumentSettings", "DocumentSettings.documentId", "Document.id")
    .select([
      "Document.id", "Document.title", "Document.status", "Document.spaceId", "Document.updatedAt", "Document.createdAt", "Document.reviewDeadline",
      "Space.name as spaceName", "Space.slug as spaceSlug", "Space.visibility as spaceVisibility", "DocumentAccess.role as grantedRole",
      "DocumentSettings.commenterSuggestions",
    ])
    .where("Document.id", "=", documentId);
}

const accessRows = compiledOnce(["actorId", "documentId"], (p) => accessQuery(p.actorId, p.documentId));

/**
 * The document, the permission resource and the actor's role on it; null when it does not exist.
 * Every page of a paper and every collaboration upgrade (and re-check) asks this, so it is one
 * statement whose SQL is built once (compiledOnce). Dates are the stored text.
 */
export async function documentAccessFor(actor: Actor, documentId: string) {
  const [row] = await accessRows({ actorId: actor.id, documentId });
  if (!row) return null;
  const document = {
    id: row.id, title: row.title, status: row.status, spaceId: row.spaceId, updatedAt: row.updatedAt, createdAt: row.createdAt, reviewDeadline: row.reviewDeadline,
    space: { id: row.spaceId, name: row.spaceName, slug: row.spaceSlug, visibility: row.spaceVisibility },
  };
  const resource = documentResource(document, row.grantedRole, row.commenterSuggestions);
  return { document, resource, role: documentRoleOf(actor, resource) };
}

export type DocumentAccessResult = NonNullable<Awaited<ReturnType<typeof documentAccessFor>>>;

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
  let query = db.selectFrom("Document")
    .innerJoin("Space", "Space.id", "Document.spaceId")
    .leftJoin("DocumentAccess", (join) => join.onRef("DocumentAccess.documentId", "=", "Document.id").on("DocumentAccess.userId", "=", actor.id))
    .select([
      "Document.id", "Document.title", "Document.status", "Document.spaceId", "Document.updatedAt", "Document.reviewDeadline",
      "Space.name as spaceName", "Space.slug as spaceSlug", "Space.visibility as spaceVisibility", "DocumentAccess.role as grantedRole",
    ])
    .orderBy("Document.updatedAt", "desc");
  if (options.spaceId) query = query.where("Document.spaceId", "=", options.spaceId);
  if (!options.includeArchived) query = query.where("Document.status", "!=", "archived");
  const rows = (await query.execute())
    .filter((d) => can(actor, "read", documentResource({ spaceId: d.spaceId, status: d.status, space: { visibility: d.spaceVisibility } }, d.grantedRole)));
  // One question to the collaboration process for the whole list.
  const editing = await collabPresence(rows.map((d) => d.id));
  return rows
    .map((d) => ({
      id: d.id,
      title: d.title,
      status: d.status,
      updatedAt: fromDbDate(d.updatedAt).toISOString(),
      reviewDeadline: d.reviewDeadline ? fromDbDate(d.reviewDeadline).toISOString() : null,
      space: { name: d.spaceName, slug: d.spaceSlug },
      editingNow: editing[d.id] ?? [],
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

/**
 * A write's condition that the paper is not frozen (adopted, published, archived), checked inside
 * the write itself, so a status change after the caller's permission check cannot let it through.
 */
export function paperNotFrozen(documentId: string) {
  // An expression, not a callback: it names no table of the outer query, so any table's where() takes it.
  const eb = expressionBuilder<DB, never>();
  return eb.exists(eb.selectFrom("Document").select("Document.id").where("Document.id", "=", documentId).where("Document.status", "not in", [...FROZEN_DOCUMENT_STATUSES]));
}

export type CreateDocumentInput = { spaceId: string; title: string; template: "blank" | "position-paper"; templateIntro: string };

/**
 * A new paper's row, its search entry and its "document.created" event, inside the caller's
 * transaction (which adds its own audit entry): shared by the form and the Word import. The text
 * is searchable at once; the collaboration server keeps it current from then on.
 */
export async function insertPaper(trx: Tx, actorId: string, paper: { spaceId: string; title: string; state: Uint8Array }) {
  const { json, text } = deriveFromState(paper.state);
  const id = newId();
  const now = dbNow();
  await trx.insertInto("Document").values({
    id, spaceId: paper.spaceId, title: paper.title, createdById: actorId, snapshot: Buffer.from(paper.state), snapshotSeq: 0,
    contentJson: JSON.stringify(json), contentText: text, createdAt: now, updatedAt: now,
  }).execute();
  await indexPaper(trx, { id, spaceId: paper.spaceId, title: paper.title, contentText: text });
  await recordEvent(trx, { type: "document.created", payload: { documentId: id, actorId } });
  return id;
}

export async function createDocument(actorId: string, input: CreateDocumentInput) {
  const state = yStateFromJson(initialContent(input.template, input.templateIntro));
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertPaper(trx, actorId, { spaceId: input.spaceId, title: input.title, state });
    await recordAudit({ actorId, action: "document.create", targetType: "document", targetId: id, details: { title: input.title, template: input.template } }, trx);
    return id;
  });
  announceEvents();
  return { id };
}

/** The "document.created" handler (off the request): the Gremium's members who may read it hear of it. */
export async function onDocumentCreated(trx: Tx, event: EventPayloads["document.created"]) {
  const recipients = new Map((await paperAudience(trx, event.documentId)).map((userId) => [userId, "document-new" as const]));
  return (await notify(trx, { actorId: event.actorId, target: { documentId: event.documentId }, recipients })).length;
}

/** The "document.access-granted" handler: the person hears of it while the grant still stands. */
export async function onDocumentAccessGranted(trx: Tx, event: EventPayloads["document.access-granted"]) {
  const grant = await trx.selectFrom("DocumentAccess").select("role").where("documentId", "=", event.documentId).where("userId", "=", event.userId).executeTakeFirst();
  if (!grant) return 0;
  return (await notify(trx, { actorId: event.actorId, target: { documentId: event.documentId }, recipients: new Map([[event.userId, "document-invite"]]) })).length;
}

export async function renameDocument(actorId: string, documentId: string, title: string) {
  await db.transaction().execute(async (trx) => {
    const paper = await trx.updateTable("Document").set({ title }).where("id", "=", documentId)
      .returning(["id", "spaceId", "title", "contentText"]).executeTakeFirstOrThrow();
    await indexPaper(trx, paper);
    await recordAudit({ actorId, action: "document.rename", targetType: "document", targetId: documentId, details: { title } }, trx);
  });
}

export async function archiveDocument(actorId: string, documentId: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("Document").set({ status: "archived" }).where("id", "=", documentId).executeTakeFirstOrThrow();
    await recordAudit({ actorId, action: "document.archive", targetType: "document", targetId: documentId }, trx);
  });
  // Archived papers are frozen: open editors become read-only at once.
  await notifyCollabPermissionsChanged({ documentId });
}

/** Grants `role` on the document, or removes the grant with null. Open sockets are re-checked at once. */
export async function setDocumentAccess(actorId: string, documentId: string, userId: string, role: DocumentRole | null) {
  await db.transaction().execute(async (trx) => {
    if (role) {
      await trx.insertInto("DocumentAccess").values({ documentId, userId, role, createdAt: dbNow() })
        .onConflict((oc) => oc.columns(["documentId", "userId"]).doUpdateSet({ role })).execute();
    } else {
      await trx.deleteFrom("DocumentAccess").where("documentId", "=", documentId).where("userId", "=", userId).execute();
    }
    await recordAudit({ actorId, action: role ? "document.access.set" : "document.access.remove", targetType: "document", targetId: documentId, details: { userId, role } }, trx);
    // The invited person (e.g. a ministry asked to comment) hears of it, off the request.
    if (role && userId !== actorId) await recordEvent(trx, { type: "document.access-granted", payload: { documentId, userId, actorId } });
  });
  announceEvents();
  await notifyCollabPermissionsChanged({ documentId, userId });
}

export async function listDocumentAccess(documentId: string) {
  const rows = await db.selectFrom("DocumentAccess").innerJoin("User", "User.id", "DocumentAccess.userId")
    .select(["DocumentAccess.role", "User.id", "User.name", "User.email"])
    .where("DocumentAccess.documentId", "=", documentId)
    .orderBy("DocumentAccess.createdAt", "asc")
    .execute();
  return rows.map((r) => ({ role: r.role, user: { id: r.id, name: r.name, email: r.email } }));
}

/** The active person with exactly this address (the access form), or null. */
export async function findInvitee(email: string) {
  return (await db.selectFrom("User").select("id").where("email", "=", email).where("status", "=", "active").executeTakeFirst())?.id ?? null;
}

/** A Gremium as the create-paper form needs it (its id and visibility), or null. */
export async function spaceForNewPaper(spaceId: string) {
  const space = await db.selectFrom("Space").select(["id", "visibility"]).where("id", "=", spaceId).executeTakeFirst();
  return space ? { type: "space" as const, id: space.id, visibility: space.visibility } : null;
}

/** /documents: the papers the user may read and the Gremien where they may start one. */
export async function loadPaperList(user: Actor) {
  const [documents, spaces] = await Promise.all([listReadableDocuments(user), listReadableSpaces(user)]);
  const creatable = spaces
    .filter((s) => can(user, "create-document", { type: "space", id: s.id, visibility: s.visibility as SpaceVisibility }))
    .map((s) => ({ id: s.id, name: s.name }));
  return { documents, creatable };
}

/** /documents/<id>: the paper as stored, what the user may do with it now, and (for chairs) who has access. */
export async function loadPaperPage(user: Actor & { name: string }, { document, resource, role }: DocumentAccessResult) {
  const canManage = can(user, "manage", resource);
  const [stored, access] = await Promise.all([
    db.selectFrom("Document").select("contentJson").where("id", "=", document.id).executeTakeFirstOrThrow(),
    canManage ? listDocumentAccess(document.id) : Promise.resolve([]),
  ]);
  const status = document.status;
  const canEdit = can(user, "edit", resource);
  // What the user may do now: a frozen paper leaves editors and commenters reading.
  const effectiveRole: DocumentRole = canEdit ? "editor" : can(user, "comment", resource) ? "commenter" : "reader";
  return {
    document: {
      id: document.id, title: document.title, status, updatedAt: fromDbDate(document.updatedAt).toISOString(),
      space: { id: document.space.id, name: document.space.name, slug: document.space.slug, visibility: document.space.visibility },
      reviewDeadline: status === "review" && document.reviewDeadline ? fromDbDate(document.reviewDeadline).toISOString() : null,
    },
    canChangeStatus: canManage,
    contentJson: stored.contentJson ? (JSON.parse(stored.contentJson) as JsonNode) : null,
    role: role as DocumentRole,
    effectiveRole,
    canEdit,
    canSuggest: can(user, "suggest", resource),
    canManage: canManage && status !== "archived",
    readOnlyNotice: canEdit ? null : FROZEN_DOCUMENT_STATUSES.has(status) ? m.documents.editor.frozen : m.documents.editor.readOnly,
    user: { id: user.id, name: user.name, color: presenceColour(user.id) },
    access,
  };
}
