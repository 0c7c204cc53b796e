// Domain functions of the forum: threads, posts, best practices, reactions, watching, moderation
// (the pages' reads are in forum-pages.server.ts). Everything runs on the query layer.
// A new post is one short transaction (post, counters, watch, read state, one "post.created" event);
// its search-index row and notifications are written off the request by the event's handler, which
// re-reads the current state and so may run again. An accepted answer likewise records one event. Edits, deletes and moderation update the index in
// their own transaction (and write an audit entry, for moderation).
import { mentionedIds, parseRichText, plainTextToJson, type JsonNode, type ParsedRichText } from "../editor/content.ts";
import { m } from "../i18n/messages.ts";
import { db, type Queryable, type Tx } from "../db/db.server.ts";
import { inIdList } from "../db/id-list.server.ts";
import { dbBool, dbNow, newId } from "../db/values.ts";
import { indexPost, removePostFromIndex, removeThreadFromIndex } from "../db/search-index.server.ts";
import { FORUM_LIMITS, LAENDER_NAMES, type RateLimitKind, type SpaceVisibility, type TargetGroup, type ThreadKind } from "../domain/model.ts";
import type { EventPayloads } from "../events/types.ts";
import { recordAudit } from "./audit.server.ts";
import { spendBudget } from "./rate-limit.server.ts";
import { fanOutPost, notify } from "./notifications.server.ts";
import { announceEvents, recordEvent } from "../events/record.server.ts";
import { withCurrentMentionLabels } from "./users.server.ts";

const BODY_LIMITS = { maxJsonBytes: FORUM_LIMITS.bodyJsonMaxBytes, maxTextChars: FORUM_LIMITS.bodyTextMax, maxDepth: FORUM_LIMITS.bodyMaxDepth };

/** Editor JSON when it looks like a ProseMirror doc, plain text otherwise (the no-JavaScript form). */
export function parsePostBody(raw: string): ParsedRichText {
  const trimmed = raw.trim();
  if (trimmed.startsWith("{")) {
    try {
      const value = JSON.parse(trimmed) as { type?: unknown };
      if (value && typeof value === "object" && typeof value.type === "string") return parseRichText(trimmed, "post", BODY_LIMITS);
    } catch {
      // not JSON: plain text that happens to start with "{"
    }
  }
  if (trimmed.length > FORUM_LIMITS.bodyTextMax) return { ok: false, error: "too-large" };
  return parseRichText(plainTextToJson(trimmed), "post", BODY_LIMITS);
}

export function bodyErrorMessage(error: Exclude<ParsedRichText, { ok: true }>["error"]) {
  return error === "empty" ? m.forum.bodyEmpty : error === "too-large" ? m.forum.bodyTooLarge : m.forum.bodyInvalid;
}

export type BestPracticeInput = {
  laender: string[]; targetGroups: TargetGroup[]; duration?: string; funding?: string; contact?: string; link?: string; impact?: string;
};

/** `tagIds` may contain ids of tags that do not exist: those are left out. */
export type ThreadInput = { title: string; kind: ThreadKind; body: Extract<ParsedRichText, { ok: true }>; tagIds: string[]; bestPractice?: BestPracticeInput };

type SpaceRef = { id: string; visibility: SpaceVisibility };

export const split = (csv: string) => (csv ? csv.split(",").filter(Boolean) : []);

/** Tags (by id, as Prisma's relation order had it) and best-practice fields of an opening post's index row. */
async function searchExtra(q: Queryable, threadId: string) {
  const tags = await q.selectFrom("ThreadTag").innerJoin("Tag", "Tag.id", "ThreadTag.tagId").select("Tag.name")
    .where("ThreadTag.threadId", "=", threadId).orderBy("ThreadTag.tagId").execute();
  const bp = await q.selectFrom("BestPractice").selectAll().where("threadId", "=", threadId).executeTakeFirst();
  const parts = tags.map((t) => t.name);
  if (bp) {
    parts.push(...split(bp.laender).map((code) => LAENDER_NAMES[code] ?? code));
    parts.push(...split(bp.targetGroups).map((g) => m.forum.targetGroup[g as TargetGroup] ?? g));
    parts.push(bp.duration, bp.funding, bp.contact, bp.impact);
  }
  return parts.filter(Boolean).join(" \n");
}

/** Brings a post's index row in line with the post as it is now (gone if the post or thread is deleted). */
/** Re-reads a post and writes its index row (an opening post's row carries the title and tags too). */
export async function reindexPost(q: Queryable, postId: string) {
  const post = await q.selectFrom("Post as p").innerJoin("Thread as t", "t.id", "p.threadId")
    .select((eb) => [
      "p.id", "p.bodyText", "p.deletedAt", "t.id as threadId", "t.spaceId", "t.kind", "t.title", "t.deletedAt as threadDeletedAt",
      eb.selectFrom("Post as f").select("f.id").whereRef("f.threadId", "=", "t.id").orderBy("f.createdAt").orderBy("f.id").limit(1).as("openingId"),
    ])
    .where("p.id", "=", postId).executeTakeFirst();
  if (!post || post.deletedAt || post.threadDeletedAt) return removePostFromIndex(q, postId);
  const isOpening = post.openingId === post.id;
  await indexPost(q, {
    postId: post.id, threadId: post.threadId, spaceId: post.spaceId, kind: post.kind,
    title: isOpening ? post.title : "", body: post.bodyText, extra: isOpening ? await searchExtra(q, post.threadId) : "",
  });
}

/**
 * The "post.created" handler (off the request, in the event's transaction): notifications and the
 * post's search-index row. Both re-read the current state, so running it twice changes nothing more.
 */
export async function onPostCreated(trx: Tx, event: EventPayloads["post.created"]) {
  await reindexPost(trx, event.postId);
  return fanOutPost(trx, event);
}

function postCreatedEvent(actorId: string, threadId: string, postId: string, bodyJson: string, isNewThread: boolean) {
  return { type: "post.created" as const, payload: { actorId, threadId, postId, mentionIds: mentionedIds(JSON.parse(bodyJson) as JsonNode), isNewThread } };
}

/**
 * A new thread and its opening post, in one transaction of at most 8 statements (with tags and
 * best-practice fields). No read state is written for the author: an author without one has read
 * the thread up to its creation (`readUntil` in forum-pages.server.ts).
 */
export async function createThread(authorId: string, space: SpaceRef, given: ThreadInput) {
  const input = { ...given, body: await withCurrentMentionLabels(given.body) };
  const now = dbNow();
  const threadId = newId();
  const postId = newId();
  const bp = input.kind === "best-practice" && input.bestPractice ? input.bestPractice : null;
  const event = postCreatedEvent(authorId, threadId, postId, input.body.json, true);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("Thread").values({ id: threadId, spaceId: space.id, authorId, kind: input.kind, title: input.title, lastActivityAt: now, createdAt: now }).execute();
    if (input.tagIds.length) {
      await trx.insertInto("ThreadTag").columns(["threadId", "tagId"])
        .expression((eb) => eb.selectFrom("Tag").select([eb.val(threadId).as("threadId"), "Tag.id as tagId"]).where(inIdList("Tag.id", input.tagIds)))
        .execute();
    }
    if (bp) {
      await trx.insertInto("BestPractice").values({
        threadId, laender: bp.laender.join(","), targetGroups: bp.targetGroups.join(","), duration: bp.duration ?? "", funding: bp.funding ?? "",
        contact: bp.contact ?? "", link: bp.link ?? "", impact: bp.impact ?? "",
      }).execute();
    }
    await trx.insertInto("Post").values({ id: postId, threadId, authorId, bodyJson: input.body.json, bodyText: input.body.text, createdAt: now }).execute();
    await trx.insertInto("Watch").values({ id: newId(), userId: authorId, threadId, createdAt: now }).execute();
    await recordEvent(trx, event);
  });
  announceEvents();
  return { threadId, postId };
}

/**
 * A reply: one transaction of 7 statements (BEGIN, post, thread counters, watch, read state, event,
 * COMMIT). A quoted post counts only if it is a live post of the same thread (checked inside the INSERT).
 */
/**
 * A reply: at most 8 statements, BEGIN and COMMIT included, in one transaction. With `spend`, the
 * author's posting budget is counted in the same transaction (it throws RateLimited when spent):
 * one commit, so one fsync instead of two.
 */
export async function createReply(authorId: string, thread: { id: string; space: SpaceRef }, given: Extract<ParsedRichText, { ok: true }>, quotedPostId?: string, spend?: RateLimitKind) {
  const body = await withCurrentMentionLabels(given);
  const now = dbNow();
  const postId = newId();
  const event = postCreatedEvent(authorId, thread.id, postId, body.json, false);
  await db.transaction().execute(async (trx) => {
    if (spend) await spendBudget(trx, authorId, spend);
    await trx.insertInto("Post").values((eb) => ({
      id: postId, threadId: thread.id, authorId, bodyJson: body.json, bodyText: body.text, createdAt: now,
      quotedPostId: eb.selectFrom("Post as q").select("q.id").where("q.id", "=", quotedPostId ?? "").where("q.threadId", "=", thread.id).where("q.deletedAt", "is", null),
    })).execute();
    await trx.updateTable("Thread").set((eb) => ({ replyCount: eb("replyCount", "+", 1), lastActivityAt: now })).where("id", "=", thread.id).execute();
    await trx.insertInto("Watch").values({ id: newId(), userId: authorId, threadId: thread.id, createdAt: now })
      .onConflict((oc) => oc.columns(["userId", "threadId"]).doNothing()).execute();
    await trx.insertInto("ThreadRead").values({ userId: authorId, threadId: thread.id, lastReadAt: now })
      .onConflict((oc) => oc.columns(["userId", "threadId"]).doUpdateSet({ lastReadAt: now })).execute();
    await recordEvent(trx, event);
  });
  announceEvents();
  return postId;
}

/** Keeps the previous text as a revision, so the edit history survives. */
export async function editPost(editorId: string, postId: string, given: Extract<ParsedRichText, { ok: true }>) {
  const body = await withCurrentMentionLabels(given);
  await db.transaction().execute(async (trx) => {
    const old = await trx.selectFrom("Post").select(["bodyJson", "bodyText"]).where("id", "=", postId).executeTakeFirstOrThrow();
    const now = dbNow();
    await trx.insertInto("PostRevision").values({ id: newId(), postId, bodyJson: old.bodyJson, bodyText: old.bodyText, editorId, createdAt: now }).execute();
    await trx.updateTable("Post").set({ bodyJson: body.json, bodyText: body.text, editedAt: now }).where("id", "=", postId).execute();
    await reindexPost(trx, postId);
  });
}

/** Soft delete: the post stays as a placeholder; its text leaves the search index. */
export async function deletePost(actorId: string, postId: string, byModerator: boolean) {
  await db.transaction().execute(async (trx) => {
    const post = await trx.updateTable("Post").set({ deletedAt: dbNow(), deletedById: actorId }).where("id", "=", postId).returning("threadId").executeTakeFirstOrThrow();
    await trx.updateTable("Thread").set({ acceptedPostId: null }).where("id", "=", post.threadId).where("acceptedPostId", "=", postId).execute();
    await removePostFromIndex(trx, postId);
    if (byModerator) await recordAudit({ actorId, action: "post.delete", targetType: "post", targetId: postId, details: { threadId: post.threadId } }, trx);
  });
}

export async function toggleHelpful(userId: string, postId: string) {
  const removed = await db.deleteFrom("Reaction").where("postId", "=", postId).where("userId", "=", userId).executeTakeFirst();
  if (!removed.numDeletedRows) await db.insertInto("Reaction").values({ postId, userId, createdAt: dbNow() }).execute();
}

/** A live (not deleted) post of the thread, or undefined: what a post action may act on. */
export function findLivePost(threadId: string, postId: string) {
  return db.selectFrom("Post").select(["id", "authorId"]).where("id", "=", postId).where("threadId", "=", threadId).where("deletedAt", "is", null).executeTakeFirst();
}

/** The Gremium a thread is to be moved to, or undefined. */
export function findMoveTarget(spaceId: string) {
  return db.selectFrom("Space").select(["id", "visibility"]).where("id", "=", spaceId).executeTakeFirst();
}

/** Marks the accepted answer and records "answer.accepted"; its author is notified off the request. */
export async function acceptAnswer(actorId: string, thread: { id: string; title: string }, postId: string) {
  const post = await findLivePost(thread.id, postId);
  if (!post) return false;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("Thread").set({ acceptedPostId: postId }).where("id", "=", thread.id).execute();
    await recordEvent(trx, { type: "answer.accepted", payload: { threadId: thread.id, postId, actorId } });
  });
  announceEvents();
  return true;
}

/** The "answer.accepted" handler: the author hears of it if that post is still the accepted, live answer. */
export async function onAnswerAccepted(trx: Tx, event: EventPayloads["answer.accepted"]) {
  const post = await trx.selectFrom("Post").innerJoin("Thread", "Thread.id", "Post.threadId").select(["Post.authorId"])
    .where("Post.id", "=", event.postId).where("Post.deletedAt", "is", null).where("Thread.acceptedPostId", "=", event.postId).executeTakeFirst();
  if (!post) return 0;
  return (await notify(trx, { actorId: event.actorId, target: { threadId: event.threadId, postId: event.postId }, recipients: new Map([[post.authorId, "accepted"]]) })).length;
}

type Moderation = { kind: "pin" | "unpin" | "lock" | "unlock" | "delete" } | { kind: "move"; spaceId: string };

export async function moderateThread(actorId: string, threadId: string, action: Moderation) {
  await db.transaction().execute(async (trx) => {
    const thread = trx.updateTable("Thread").where("id", "=", threadId);
    switch (action.kind) {
      case "pin": case "unpin":
        await thread.set({ pinned: dbBool(action.kind === "pin") }).execute();
        break;
      case "lock": case "unlock":
        await thread.set({ locked: dbBool(action.kind === "lock") }).execute();
        break;
      case "move":
        await thread.set({ spaceId: action.spaceId }).execute();
        // The Gremium is part of every indexed row (permission filter): re-index the thread's posts.
        for (const post of await trx.selectFrom("Post").select("id").where("threadId", "=", threadId).execute()) await reindexPost(trx, post.id);
        break;
      case "delete":
        await thread.set({ deletedAt: dbNow() }).execute();
        await removeThreadFromIndex(trx, threadId);
        break;
    }
    await recordAudit({ actorId, action: `thread.${action.kind}`, targetType: "thread", targetId: threadId, details: action.kind === "move" ? { spaceId: action.spaceId } : {} }, trx);
  });
}

export async function setWatch(userId: string, target: { threadId: string } | { spaceId: string }, on: boolean) {
  const column = "threadId" in target ? "threadId" : "spaceId";
  const id = "threadId" in target ? target.threadId : target.spaceId;
  if (on) {
    await db.insertInto("Watch").values({ id: newId(), userId, [column]: id, createdAt: dbNow() })
      .onConflict((oc) => oc.columns(["userId", column]).doNothing()).execute();
  } else {
    await db.deleteFrom("Watch").where("userId", "=", userId).where(column, "=", id).execute();
  }
}

/** What a visit to a thread has to change: usually nothing. */
export type ThreadVisit = { unread: boolean; unreadNotifications: boolean };

/**
 * Records that `userId` has seen the thread: its read state and its notifications. Writes only what
 * changes (`visit` comes from `loadThreadPage`), so a repeat view of a read thread writes nothing.
 */
export async function recordThreadVisit(userId: string, threadId: string, visit: ThreadVisit) {
  const now = dbNow();
  if (visit.unread) {
    await db.insertInto("ThreadRead").values({ userId, threadId, lastReadAt: now })
      .onConflict((oc) => oc.columns(["userId", "threadId"]).doUpdateSet({ lastReadAt: now })).execute();
  }
  if (visit.unreadNotifications) {
    await db.updateTable("Notification").set({ readAt: now }).where("userId", "=", userId).where("threadId", "=", threadId).where("readAt", "is", null).execute();
  }
}

/** Re-indexes every visible post (after an index format change); returns how many. */
export async function rebuildSearchIndex(batchSize = 200) {
  let indexed = 0;
  for (let cursor = ""; ; ) {
    const posts = await db.selectFrom("Post").innerJoin("Thread", "Thread.id", "Post.threadId").select("Post.id")
      .where("Post.deletedAt", "is", null).where("Thread.deletedAt", "is", null).where("Post.id", ">", cursor)
      .orderBy("Post.id").limit(batchSize).execute();
    if (!posts.length) return indexed;
    await db.transaction().execute(async (trx) => {
      for (const post of posts) await reindexPost(trx, post.id);
    });
    indexed += posts.length;
    cursor = posts.at(-1)!.id;
  }
}
