// Comment threads on position papers. Anchors live outside the text (see app/editor/anchors.ts), so
// commenters without edit rights can annotate; bodies use the forum's rich-text pipeline.
import { mentionedIds, type JsonNode, type ParsedRichText } from "../editor/content.ts";
import { broadcastDocumentEvent } from "../infra/collab-bridge.server.ts";
import { db } from "../db/prisma.server.ts";
import { FROZEN_DOCUMENT_STATUSES } from "../domain/model.ts";
import { can, documentRoleOf, type Actor, type DocumentResource } from "../domain/permissions.ts";
import type { AnchorText, Anchor } from "../editor/anchors.ts";
import { usersWhoMay } from "./documents.server.ts";
import { reindexComment } from "./search.server.ts";
import { withCurrentMentionLabels } from "./users.server.ts";

type Body = Extract<ParsedRichText, { ok: true }>;

/**
 * Resolve and reopen: the thread's author, the document's editors, chairs and admins, as long as
 * they may comment. Both are comment writes, so a frozen paper (adopted, published, archived)
 * refuses them for everyone, like any other comment write.
 */
export function canResolve(actor: Actor, doc: DocumentResource, thread: { authorId: string }) {
  if (!can(actor, "comment", doc)) return false;
  return thread.authorId === actor.id || documentRoleOf(actor, doc) === "editor" || can(actor, "manage", doc);
}

export function listCommentThreads(documentId: string) {
  return db.commentThread.findMany({
    where: { documentId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true, anchorStart: true, anchorEnd: true, quote: true, prefix: true, suffix: true, resolvedAt: true, createdAt: true, authorId: true,
      author: { select: { name: true } },
      comments: {
        orderBy: { createdAt: "asc" },
        select: { id: true, bodyJson: true, bodyText: true, createdAt: true, editedAt: true, deletedAt: true, authorId: true, author: { select: { name: true } } },
      },
    },
  });
}

/**
 * People named in a comment: editor mentions (ids) and, for plain-text comments, "@Vorname Nachname"
 * of people who may read the document.
 */
async function mentionsIn(documentId: string, body: Body) {
  const ids = new Set(mentionedIds(JSON.parse(body.json) as JsonNode));
  if (body.text.includes("@")) {
    const doc = await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { spaceId: true, access: { select: { userId: true } } } });
    const people = await db.user.findMany({
      where: { status: "active", OR: [{ memberships: { some: { spaceId: doc.spaceId } } }, { id: { in: doc.access.map((a) => a.userId) } }] },
      select: { id: true, name: true },
    });
    for (const person of people) if (body.text.includes(`@${person.name}`)) ids.add(person.id);
  }
  return [...ids];
}

async function notifyAbout(documentId: string, actorId: string, recipients: Map<string, "document-comment" | "comment-reply" | "mention">) {
  recipients.delete(actorId);
  if (!recipients.size) return;
  const readers = await usersWhoMay(documentId, "read", [...recipients.keys()]);
  await db.notification.createMany({ data: readers.map((userId) => ({ userId, kind: recipients.get(userId)!, actorId, documentId })) });
}

export async function createCommentThread(actorId: string, documentId: string, anchor: Anchor & AnchorText, given: Body) {
  const body = await withCurrentMentionLabels(given);
  // The search index changes in the same transaction as the comment (docs/decisions/018).
  const thread = await db.$transaction(async (tx) => {
    const created = await tx.commentThread.create({
      data: {
        documentId, authorId: actorId,
        anchorStart: anchor.anchorStart, anchorEnd: anchor.anchorEnd, quote: anchor.quote, prefix: anchor.prefix, suffix: anchor.suffix,
        comments: { create: { authorId: actorId, bodyJson: body.json, bodyText: body.text } },
      },
      select: { id: true, comments: { select: { id: true } } },
    });
    for (const c of created.comments) await reindexComment(tx, c.id);
    return { id: created.id };
  });
  // "A new comment in my document": its creator and the people granted editing on it.
  const doc = await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { createdById: true, access: { where: { role: "editor" }, select: { userId: true } } } });
  const recipients = new Map<string, "document-comment" | "comment-reply" | "mention">();
  for (const id of [doc.createdById, ...doc.access.map((a) => a.userId)]) recipients.set(id, "document-comment");
  for (const id of await mentionsIn(documentId, body)) recipients.set(id, "mention");
  await notifyAbout(documentId, actorId, recipients);
  broadcastDocumentEvent(documentId, "comments");
  return thread;
}

export async function replyToCommentThread(actorId: string, thread: { id: string; documentId: string }, given: Body) {
  const body = await withCurrentMentionLabels(given);
  const comment = await db.$transaction(async (tx) => {
    const created = await tx.comment.create({ data: { threadId: thread.id, authorId: actorId, bodyJson: body.json, bodyText: body.text }, select: { id: true } });
    await reindexComment(tx, created.id);
    return created;
  });
  const participants = await db.comment.findMany({ where: { threadId: thread.id }, select: { authorId: true }, distinct: ["authorId"] });
  const recipients = new Map<string, "document-comment" | "comment-reply" | "mention">();
  for (const p of participants) recipients.set(p.authorId, "comment-reply");
  for (const id of await mentionsIn(thread.documentId, body)) recipients.set(id, "mention");
  await notifyAbout(thread.documentId, actorId, recipients);
  broadcastDocumentEvent(thread.documentId, "comments");
  return comment;
}

export async function editComment(commentId: string, documentId: string, given: Body) {
  const body = await withCurrentMentionLabels(given);
  await db.$transaction(async (tx) => {
    await tx.comment.update({ where: { id: commentId }, data: { bodyJson: body.json, bodyText: body.text, editedAt: new Date() } });
    await reindexComment(tx, commentId);
  });
  broadcastDocumentEvent(documentId, "comments");
}

/** Soft delete: the thread keeps a placeholder so replies keep their context. */
export async function deleteComment(commentId: string, documentId: string) {
  await db.$transaction(async (tx) => {
    await tx.comment.update({ where: { id: commentId }, data: { deletedAt: new Date() } });
    await reindexComment(tx, commentId);
  });
  broadcastDocumentEvent(documentId, "comments");
}

/**
 * Resolves or reopens a thread. The write itself also checks that the paper is not frozen, so a
 * status change between the caller's permission check and this write cannot let it through.
 * Returns false (and changes nothing) when the paper is frozen or the thread is gone.
 */
export async function setCommentThreadResolved(actorId: string, thread: { id: string; documentId: string }, resolved: boolean) {
  const changed = await db.commentThread.updateMany({
    where: { id: thread.id, documentId: thread.documentId, document: { status: { notIn: [...FROZEN_DOCUMENT_STATUSES] } } },
    data: resolved ? { resolvedAt: new Date(), resolvedById: actorId } : { resolvedAt: null, resolvedById: null },
  });
  if (changed.count !== 1) return false;
  broadcastDocumentEvent(thread.documentId, "comments");
  return true;
}
