// Comment threads on position papers. Anchors live outside the text (see app/editor/anchors.ts), so
// commenters without edit rights can annotate; bodies use the forum's rich-text pipeline. A new comment
// records one "comment.created" event; who hears of it is decided off the request (onCommentCreated).
import { mentionedIds, type JsonNode, type ParsedRichText } from "../editor/content.ts";
import { broadcastDocumentEvent } from "../infra/collab-link/index.ts";
import { sql } from "kysely";
import { db, type Queryable, type Tx } from "../db/db.server.ts";
import { reindexComment } from "../db/search-index.server.ts";
import { dbNow, fromDbDate, newId } from "../db/values.ts";
import type { NotificationKind } from "../domain/model.ts";
import { announceEvents, recordEvent } from "../events/record.server.ts";
import type { EventPayloads } from "../events/types.ts";
import { can, documentRoleOf, type Actor, type DocumentResource } from "../domain/permissions.ts";
import { m } from "../i18n/messages.ts";
import { relabelMentions } from "../editor/content.ts";
import type { AnchorText, Anchor } from "../editor/anchors.ts";
import { paperNotFrozen } from "./documents.server.ts";
import { notify } from "./notifications.server.ts";
import { mentionNames, withCurrentMentionLabels } from "./users.server.ts";

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

/** A paper's comment threads, oldest first, each with its comments oldest first. Dates are the stored text. */
/**
 * A paper's threads with their comments, oldest first. Suggestion threads are left out (the sidebar
 * shows them as suggestion cards, decision 025) unless `withSuggestions` asks for them (the Word export).
 */
export async function listCommentThreads(documentId: string, { withSuggestions = false }: { withSuggestions?: boolean } = {}) {
  const commentsOnly = sql<boolean>`NOT EXISTS (SELECT 1 FROM "Suggestion" WHERE "Suggestion"."threadId" = "CommentThread"."id")`;
  const threads = await db.selectFrom("CommentThread").innerJoin("User", "User.id", "CommentThread.authorId")
    .select([
      "CommentThread.id", "CommentThread.anchorStart", "CommentThread.anchorEnd", "CommentThread.quote", "CommentThread.prefix", "CommentThread.suffix",
      "CommentThread.resolvedAt", "CommentThread.createdAt", "CommentThread.authorId", "User.name as authorName",
    ])
    .where("CommentThread.documentId", "=", documentId)
    .$if(!withSuggestions, (q) => q.where(commentsOnly))
    .orderBy("CommentThread.createdAt", "asc")
    .execute();
  const comments = await db.selectFrom("Comment")
    .innerJoin("CommentThread", "CommentThread.id", "Comment.threadId")
    .innerJoin("User", "User.id", "Comment.authorId")
    .select(["Comment.id", "Comment.threadId", "Comment.bodyJson", "Comment.bodyText", "Comment.createdAt", "Comment.editedAt", "Comment.deletedAt", "Comment.authorId", "User.name as authorName"])
    .where("CommentThread.documentId", "=", documentId)
    .$if(!withSuggestions, (q) => q.where(commentsOnly))
    .orderBy("Comment.createdAt", "asc")
    .orderBy(sql`"Comment".rowid`)
    .execute();
  type CommentItem = { id: string; bodyJson: string; bodyText: string; createdAt: string; editedAt: string | null; deletedAt: string | null; authorId: string; author: { name: string } };
  const byThread = new Map<string, CommentItem[]>();
  for (const c of comments) {
    let list = byThread.get(c.threadId);
    if (!list) byThread.set(c.threadId, (list = []));
    list.push({ id: c.id, bodyJson: c.bodyJson, bodyText: c.bodyText, createdAt: c.createdAt, editedAt: c.editedAt, deletedAt: c.deletedAt, authorId: c.authorId, author: { name: c.authorName } });
  }
  return threads.map((t) => ({
    id: t.id, anchorStart: t.anchorStart, anchorEnd: t.anchorEnd, quote: t.quote, prefix: t.prefix, suffix: t.suffix, resolvedAt: t.resolvedAt, createdAt: t.createdAt,
    authorId: t.authorId, author: { name: t.authorName }, comments: byThread.get(t.id) ?? [],
  }));
}

/** The comment sidebar's data (GET /documents/<id>/comments): threads as the user may see and act on them. */
export async function loadCommentThreads(user: Actor, resource: DocumentResource, documentId: string) {
  const threads = await listCommentThreads(documentId);
  const mayComment = can(user, "comment", resource);
  // Mentions show who they point at now, whatever label the author's client stored.
  const names = await mentionNames(threads.flatMap((t) => t.comments.map((c) => (c.deletedAt ? null : c.bodyJson))));
  return threads.map((t) => ({
    id: t.id, anchorStart: t.anchorStart, anchorEnd: t.anchorEnd, quote: t.quote, prefix: t.prefix, suffix: t.suffix,
    resolved: Boolean(t.resolvedAt), createdAt: fromDbDate(t.createdAt).toISOString(), author: t.author.name,
    canResolve: canResolve(user, resource, t), canReply: mayComment,
    comments: t.comments.map((c) => ({
      id: c.id, author: c.author.name, createdAt: fromDbDate(c.createdAt).toISOString(), edited: Boolean(c.editedAt), deleted: Boolean(c.deletedAt),
      bodyJson: c.deletedAt ? null : relabelMentions(c.bodyJson, names, m.common.unknownPerson), mine: c.authorId === user.id && !c.deletedAt && mayComment,
    })),
  }));
}

export type CommentThreadView = Awaited<ReturnType<typeof loadCommentThreads>>[number];

/**
 * A thread of this paper (for replying and resolving), or null. `suggestionStatus` is set when the
 * thread belongs to a suggestion (decision 025): such a thread is settled by accept, reject or
 * withdraw, not by resolving, and takes replies only while the suggestion is open.
 */
export async function findCommentThread(documentId: string, threadId: string) {
  return (await db.selectFrom("CommentThread").leftJoin("Suggestion", "Suggestion.threadId", "CommentThread.id")
    .select(["CommentThread.id", "CommentThread.documentId", "CommentThread.authorId", "Suggestion.status as suggestionStatus"])
    .where("CommentThread.id", "=", threadId).where("CommentThread.documentId", "=", documentId).executeTakeFirst()) ?? null;
}

/** A comment of this paper that is not deleted (for editing and deleting), or null. */
export async function findLiveComment(documentId: string, commentId: string) {
  return (await db.selectFrom("Comment").innerJoin("CommentThread", "CommentThread.id", "Comment.threadId")
    .select(["Comment.id", "Comment.authorId"])
    .where("Comment.id", "=", commentId).where("CommentThread.documentId", "=", documentId).where("Comment.deletedAt", "is", null)
    .executeTakeFirst()) ?? null;
}

/**
 * People named in a comment: editor mentions (ids) and, for plain-text comments, "@Vorname Nachname"
 * of people who may read the document.
 */
async function mentionsIn(trx: Tx, documentId: string, body: Pick<Body, "json" | "text">) {
  const ids = new Set(mentionedIds(JSON.parse(body.json) as JsonNode));
  if (body.text.includes("@")) {
    const doc = await trx.selectFrom("Document").select("spaceId").where("id", "=", documentId).executeTakeFirstOrThrow();
    const people = await trx.selectFrom("User").select(["id", "name"])
      .where("status", "=", "active")
      .where((eb) => eb.or([
        eb("id", "in", eb.selectFrom("Membership").select("userId").where("spaceId", "=", doc.spaceId)),
        eb("id", "in", eb.selectFrom("DocumentAccess").select("userId").where("documentId", "=", documentId)),
      ]))
      .execute();
    for (const person of people) if (body.text.includes(`@${person.name}`)) ids.add(person.id);
  }
  return [...ids];
}

/**
 * The "comment.created" handler (off the request): a new comment thread tells the paper's creator
 * and the people granted editing on it ("document-comment"); a reply tells everyone who wrote in that
 * thread and the thread's author, e.g. a suggester ("comment-reply"); people named in it get "mention" instead. `notify` keeps those who may
 * read the paper now. A comment deleted before the handler ran tells nobody.
 */
export async function onCommentCreated(trx: Tx, event: EventPayloads["comment.created"]) {
  const comment = await trx.selectFrom("Comment").innerJoin("CommentThread", "CommentThread.id", "Comment.threadId")
    .select(["Comment.threadId", "Comment.bodyJson", "Comment.bodyText", "Comment.deletedAt", "CommentThread.documentId"])
    .where("Comment.id", "=", event.commentId).executeTakeFirst();
  if (!comment || comment.deletedAt) return 0;
  const recipients = new Map<string, NotificationKind>();
  if (event.isNewThread) {
    const doc = await trx.selectFrom("Document").select("createdById").where("id", "=", comment.documentId).executeTakeFirstOrThrow();
    const editors = await trx.selectFrom("DocumentAccess").select("userId").where("documentId", "=", comment.documentId).where("role", "=", "editor").execute();
    for (const userId of [doc.createdById, ...editors.map((a) => a.userId)]) recipients.set(userId, "document-comment");
  } else {
    const participants = await trx.selectFrom("Comment").select("authorId").distinct().where("threadId", "=", comment.threadId).where("deletedAt", "is", null).execute();
    // The thread's author too: a suggestion's thread starts without a comment, and its suggester
    // hears of replies like the author of a comment thread does.
    const thread = await trx.selectFrom("CommentThread").select("authorId").where("id", "=", comment.threadId).executeTakeFirstOrThrow();
    for (const authorId of [thread.authorId, ...participants.map((p) => p.authorId)]) recipients.set(authorId, "comment-reply");
  }
  for (const userId of await mentionsIn(trx, comment.documentId, { json: comment.bodyJson, text: comment.bodyText })) recipients.set(userId, "mention");
  return (await notify(trx, { actorId: event.actorId, target: { documentId: comment.documentId }, recipients })).length;
}

function insertComment(q: Queryable, threadId: string, actorId: string, body: Body) {
  const id = newId();
  return q.insertInto("Comment").values({ id, threadId, authorId: actorId, bodyJson: body.json, bodyText: body.text, createdAt: dbNow() }).execute().then(() => id);
}

export async function createCommentThread(actorId: string, documentId: string, anchor: Anchor & AnchorText, given: Body) {
  const body = await withCurrentMentionLabels(given);
  // The comment, its search entry (docs/decisions/018) and its "comment.created" event commit together.
  const thread = await db.transaction().execute(async (trx) => {
    const id = newId();
    await trx.insertInto("CommentThread").values({
      id, documentId, authorId: actorId, createdAt: dbNow(),
      anchorStart: anchor.anchorStart, anchorEnd: anchor.anchorEnd, quote: anchor.quote, prefix: anchor.prefix, suffix: anchor.suffix,
    }).execute();
    const commentId = await insertComment(trx, id, actorId, body);
    await reindexComment(trx, commentId);
    await recordEvent(trx, { type: "comment.created", payload: { commentId, actorId, isNewThread: true } });
    return { id };
  });
  announceEvents();
  broadcastDocumentEvent(documentId, "comments");
  return thread;
}

export async function replyToCommentThread(actorId: string, thread: { id: string; documentId: string }, given: Body) {
  const body = await withCurrentMentionLabels(given);
  const comment = await db.transaction().execute(async (trx) => {
    const id = await insertComment(trx, thread.id, actorId, body);
    await reindexComment(trx, id);
    await recordEvent(trx, { type: "comment.created", payload: { commentId: id, actorId, isNewThread: false } });
    return { id };
  });
  announceEvents();
  broadcastDocumentEvent(thread.documentId, "comments");
  return comment;
}

export async function editComment(commentId: string, documentId: string, given: Body) {
  const body = await withCurrentMentionLabels(given);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("Comment").set({ bodyJson: body.json, bodyText: body.text, editedAt: dbNow() }).where("id", "=", commentId).execute();
    await reindexComment(trx, commentId);
  });
  broadcastDocumentEvent(documentId, "comments");
}

/** Soft delete: the thread keeps a placeholder so replies keep their context. */
export async function deleteComment(commentId: string, documentId: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("Comment").set({ deletedAt: dbNow() }).where("id", "=", commentId).execute();
    await reindexComment(trx, commentId);
  });
  broadcastDocumentEvent(documentId, "comments");
}

/**
 * Resolves or reopens a thread. The write itself also checks that the paper is not frozen, so a
 * status change between the caller's permission check and this write cannot let it through.
 * Returns false (and changes nothing) when the paper is frozen or the thread is gone.
 */
export async function setCommentThreadResolved(actorId: string, thread: { id: string; documentId: string }, resolved: boolean) {
  const changed = await db.updateTable("CommentThread")
    .set(resolved ? { resolvedAt: dbNow(), resolvedById: actorId } : { resolvedAt: null, resolvedById: null })
    .where("id", "=", thread.id)
    .where("documentId", "=", thread.documentId)
    .where(paperNotFrozen(thread.documentId))
    .executeTakeFirst();
  if (changed.numUpdatedRows !== 1n) return false;
  broadcastDocumentEvent(thread.documentId, "comments");
  return true;
}
