// Domain functions of the forum: threads, posts, best practices, reactions, watching, moderation, and
// the data of the forum's pages (one loader function per page). Everything runs on the query layer.
// A new post is one short transaction (post, counters, watch, read state, one "post.created" event);
// its search-index row and notifications are written off the request by the event's handler, which
// re-reads the current state and so may run again. Edits, deletes and moderation update the index in
// their own transaction (and write an audit entry, for moderation).
import { sql, type SqlBool } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/sqlite";
import { mentionedIds, parseRichText, plainTextToJson, type JsonNode, type ParsedRichText } from "../editor/content.ts";
import { m } from "../i18n/messages.ts";
import { db, type Queryable, type Tx } from "../db/db.server.ts";
import { inIdList } from "../db/id-list.server.ts";
import { dbBool, dbDate, dbNow, fromDbDate, newId } from "../db/values.ts";
import { indexPost, removePostFromIndex, removeThreadFromIndex } from "../db/search-index.server.ts";
import { FORUM_LIMITS, LAENDER_NAMES, type SpaceRole, type SpaceVisibility, type TargetGroup, type ThreadKind } from "../domain/model.ts";
import { can, type Actor } from "../domain/permissions.ts";
import type { EventPayloads } from "../events/types.ts";
import { recordAudit } from "./audit.server.ts";
import { fanOutPost, groupNotificationsByTarget, listNotifications, notify } from "./notifications.server.ts";
import { listReadableDocuments, listSpaceDocuments } from "./documents.server.ts";
import { searchThreadIds } from "./search.server.ts";
import { listTags } from "./tags.server.ts";
import { announceEvents, recordEvent } from "../events/record.server.ts";
import { listMembers, listReadableSpaces } from "./spaces.server.ts";
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
async function reindexPost(q: Queryable, postId: string) {
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
 * best-practice fields). The author's read state is not written here: the author is sent to the
 * thread next, and that visit records it (`recordThreadVisit`).
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
export async function createReply(authorId: string, thread: { id: string; space: SpaceRef }, given: Extract<ParsedRichText, { ok: true }>, quotedPostId?: string) {
  const body = await withCurrentMentionLabels(given);
  const now = dbNow();
  const postId = newId();
  const event = postCreatedEvent(authorId, thread.id, postId, body.json, false);
  await db.transaction().execute(async (trx) => {
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

export async function acceptAnswer(actorId: string, thread: { id: string; title: string }, postId: string) {
  const post = await findLivePost(thread.id, postId);
  if (!post) return false;
  await db.updateTable("Thread").set({ acceptedPostId: postId }).where("id", "=", thread.id).execute();
  await notify({ userId: post.authorId, kind: "accepted", actorId, threadId: thread.id, postId });
  return true;
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

export type ThreadListItem = {
  id: string; title: string; kind: ThreadKind; pinned: boolean; locked: boolean; replyCount: number; lastActivityAt: Date;
  acceptedPostId: string | null; author: { name: string }; tags: Array<{ id: string; name: string; slug: string }>; unread: boolean;
};

/** The thread list's columns, with the author and the reader's read state joined in. */
function threadListQuery(userId: string) {
  return db.selectFrom("Thread as t")
    .innerJoin("User as a", "a.id", "t.authorId")
    .leftJoin("ThreadRead as r", (j) => j.onRef("r.threadId", "=", "t.id").on("r.userId", "=", userId))
    .select(["t.id", "t.title", "t.kind", "t.pinned", "t.locked", "t.replyCount", "t.lastActivityAt", "t.acceptedPostId", "a.name as authorName", "r.lastReadAt"]);
}

type ThreadListRow = { id: string; title: string; kind: ThreadKind; pinned: number; locked: number; replyCount: number; lastActivityAt: string; acceptedPostId: string | null; authorName: string; lastReadAt: string | null };

/** Rows of `threadListQuery` with their tags (one more statement) in list form. */
async function toThreadList(rows: ThreadListRow[]): Promise<ThreadListItem[]> {
  const tags = rows.length
    ? await db.selectFrom("ThreadTag").innerJoin("Tag", "Tag.id", "ThreadTag.tagId").select(["ThreadTag.threadId", "Tag.id", "Tag.name", "Tag.slug"])
      .where(inIdList("ThreadTag.threadId", rows.map((r) => r.id))).orderBy("ThreadTag.threadId").orderBy("ThreadTag.tagId").execute()
    : [];
  return rows.map((r) => {
    const lastActivityAt = fromDbDate(r.lastActivityAt);
    return {
      id: r.id, title: r.title, kind: r.kind, pinned: Boolean(r.pinned), locked: Boolean(r.locked), replyCount: r.replyCount, lastActivityAt,
      acceptedPostId: r.acceptedPostId, author: { name: r.authorName },
      tags: tags.filter((t) => t.threadId === r.id).map(({ id, name, slug }) => ({ id, name, slug })),
      unread: !r.lastReadAt || fromDbDate(r.lastReadAt) < lastActivityAt,
    };
  });
}

/** Thread list of a Gremium: pinned first (all on the first page), then by last activity; cursor-paginated. */
export async function listThreads(spaceId: string, userId: string, cursor: string | null) {
  const after = decodeCursor(cursor);
  const base = threadListQuery(userId).where("t.spaceId", "=", spaceId).where("t.deletedAt", "is", null);
  const pinned = after ? [] : await base.where("t.pinned", "=", 1).orderBy("t.lastActivityAt", "desc").execute();
  let rest = base.where("t.pinned", "=", 0);
  if (after) {
    const at = after.at;
    rest = rest.where((eb) => eb.or([eb("t.lastActivityAt", "<", at), eb.and([eb("t.lastActivityAt", "=", at), eb("t.id", "<", after.id)])]));
  }
  const page = await rest.orderBy("t.lastActivityAt", "desc").orderBy("t.id", "desc").limit(FORUM_LIMITS.threadsPerPage + 1).execute();
  const hasMore = page.length > FORUM_LIMITS.threadsPerPage;
  const shown = page.slice(0, FORUM_LIMITS.threadsPerPage);
  const last = shown.at(-1);
  return {
    threads: await toThreadList([...pinned, ...shown]),
    nextCursor: hasMore && last ? encodeCursor(fromDbDate(last.lastActivityAt), last.id) : null,
  };
}

export function encodeCursor(at: Date, id: string) {
  return Buffer.from(`${at.getTime()}:${id}`).toString("base64url");
}

/** The cursor's position; `at` in the stored DateTime form. */
export function decodeCursor(cursor: string | null): { at: string; id: string } | null {
  if (!cursor || !/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const [ms, id] = Buffer.from(cursor, "base64url").toString().split(":");
  const at = new Date(Number(ms));
  return Number.isFinite(at.getTime()) && id ? { at: dbDate(at), id } : null;
}

/** The thread as the guard (`requireThread`) hands it over. */
export type GuardedThread = {
  id: string; title: string; kind: string; pinned: boolean | number; locked: boolean | number; authorId: string; spaceId: string;
  acceptedPostId: string | null; space: { slug: string; name: string };
};
type SpaceResource = { type: "space"; id: string; visibility: SpaceVisibility };

/** Names of the people mentioned in `bodies`, by id: one statement, none without mentions. */
async function mentionedNames(bodies: Array<string | null | undefined>): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const body of bodies) {
    if (!body || !body.includes('"mention"')) continue;
    try {
      for (const id of mentionedIds(JSON.parse(body) as JsonNode)) ids.add(id);
    } catch {
      // unparsable bodies render nothing anyway
    }
  }
  if (!ids.size) return {};
  const users = await db.selectFrom("User").select(["id", "name"]).where(inIdList("User.id", [...ids])).execute();
  return Object.fromEntries(users.map((u) => [u.id, u.name]));
}

/**
 * Everything about the thread except its posts, in one statement of fixed text: post count and the
 * position of `target` (for the page), best-practice fields, tags, the accepted answer, the post to
 * quote, whether the reader watches it, and what a visit has to mark read.
 */
function threadFacts(threadId: string, userId: string, target: string, quote: string) {
  return db.selectFrom("Thread as t")
    .leftJoin("BestPractice as bp", "bp.threadId", "t.id")
    .leftJoin("Post as a", (j) => j.onRef("a.id", "=", "t.acceptedPostId").on("a.deletedAt", "is", null))
    .leftJoin("User as au", "au.id", "a.authorId")
    .leftJoin("Post as qp", (j) => j.on("qp.id", "=", quote).onRef("qp.threadId", "=", "t.id").on("qp.deletedAt", "is", null))
    .leftJoin("User as qu", "qu.id", "qp.authorId")
    .select((eb) => [
      "t.lastActivityAt",
      "bp.threadId as bpThreadId", "bp.laender", "bp.targetGroups", "bp.duration", "bp.funding", "bp.contact", "bp.link", "bp.impact",
      "a.id as acceptedId", "a.bodyJson as acceptedBodyJson", "au.name as acceptedAuthor",
      "qp.id as quoteId", "qp.bodyText as quoteText", "qu.name as quoteAuthor",
      eb.selectFrom("Post as c").select(eb.fn.countAll<number>().as("n")).whereRef("c.threadId", "=", "t.id").as("total"),
      eb.selectFrom("Post as tp").select("tp.createdAt").where("tp.id", "=", target).whereRef("tp.threadId", "=", "t.id").as("targetAt"),
      eb.selectFrom("Post as c2").select(eb.fn.countAll<number>().as("n")).whereRef("c2.threadId", "=", "t.id")
        .where("c2.createdAt", "<=", eb.selectFrom("Post as tp2").select("tp2.createdAt").where("tp2.id", "=", target).whereRef("tp2.threadId", "=", "t.id"))
        .as("targetRank"),
      eb.exists(eb.selectFrom("Watch as w").select("w.id").where("w.userId", "=", userId).whereRef("w.threadId", "=", "t.id")).as("watching"),
      eb.selectFrom("ThreadRead as r").select("r.lastReadAt").where("r.userId", "=", userId).whereRef("r.threadId", "=", "t.id").as("lastReadAt"),
      eb.exists(eb.selectFrom("Notification as n").select("n.id").where("n.userId", "=", userId).whereRef("n.threadId", "=", "t.id").where("n.readAt", "is", null)).as("unreadNotifications"),
      jsonArrayFrom(eb.selectFrom("ThreadTag as tt").innerJoin("Tag as tg", "tg.id", "tt.tagId").select(["tg.name", "tg.slug"]).whereRef("tt.threadId", "=", "t.id").orderBy("tt.tagId")).as("tags"),
    ])
    .where("t.id", "=", threadId)
    .executeTakeFirstOrThrow();
}

/** One page of a thread's posts with authors, "hilfreich" counts and quote authors: one statement. */
function threadPosts(threadId: string, viewerId: string, page: number) {
  return db.selectFrom("Post as p")
    .innerJoin("User as u", "u.id", "p.authorId")
    .leftJoin("Organisation as o", "o.id", "u.organisationId")
    .select((eb) => [
      "p.id", "p.bodyJson", "p.createdAt", "p.editedAt", "p.deletedAt", "p.authorId", "p.quotedPostId", "u.name as authorName", "o.name as organisation",
      eb.selectFrom("Reaction as r").select(eb.fn.countAll<number>().as("n")).whereRef("r.postId", "=", "p.id").as("helpful"),
      eb.exists(eb.selectFrom("Reaction as rr").select("rr.postId").whereRef("rr.postId", "=", "p.id").where("rr.userId", "=", viewerId)).as("reacted"),
      eb.selectFrom("Post as q").innerJoin("User as qu", "qu.id", "q.authorId").select("qu.name").whereRef("q.id", "=", "p.quotedPostId").as("quotedAuthor"),
    ])
    .where("p.threadId", "=", threadId)
    .orderBy("p.createdAt").orderBy("p.id")
    .limit(FORUM_LIMITS.postsPerPage).offset((page - 1) * FORUM_LIMITS.postsPerPage)
    .execute();
}

/**
 * The thread page's data: two statements (facts, posts), a third only when a post mentions someone,
 * and the readable Gremien for a moderator's move form. `visit` says what `recordThreadVisit` must mark.
 * `options.page` is the requested page (clamped here); `target` a post to show, `quote` a post to quote.
 */
export async function loadThreadPage(user: Actor, thread: GuardedThread, space: SpaceResource, options: { page: number; target: string | null; quote: string | null }) {
  const facts = await threadFacts(thread.id, user.id, options.target ?? "", options.quote ?? "");
  const perPage = FORUM_LIMITS.postsPerPage;
  const pages = Math.max(1, Math.ceil(facts.total! / perPage));
  const page = facts.targetAt ? Math.ceil(facts.targetRank! / perPage) : Math.min(Math.max(options.page || 1, 1), pages);
  const canModerate = can(user, "moderate", space);
  const mayReply = can(user, "reply", space);
  const [posts, moveTargets] = await Promise.all([
    threadPosts(thread.id, user.id, page),
    canModerate ? listReadableSpaces(user) : Promise.resolve([]),
  ]);
  const accepted = facts.acceptedId ? { id: facts.acceptedId, bodyJson: facts.acceptedBodyJson!, author: { name: facts.acceptedAuthor! } } : null;
  const names = await mentionedNames([...posts.map((p) => (p.deletedAt ? null : p.bodyJson)), accepted?.bodyJson]);
  const canReply = mayReply && !thread.locked;
  const firstPostId = page === 1 ? posts[0]?.id : undefined;
  const visit: ThreadVisit = {
    unread: !facts.lastReadAt || fromDbDate(facts.lastReadAt) < fromDbDate(facts.lastActivityAt),
    unreadNotifications: Boolean(facts.unreadNotifications),
  };
  const data = {
    thread: {
      id: thread.id, title: thread.title, kind: thread.kind as ThreadKind, pinned: Boolean(thread.pinned), locked: Boolean(thread.locked),
      space: { slug: thread.space.slug, name: thread.space.name },
    },
    tags: JSON.parse(facts.tags as unknown as string) as Array<{ name: string; slug: string }>,
    bestPractice: facts.bpThreadId
      ? {
          laender: split(facts.laender!).map((c) => LAENDER_NAMES[c] ?? c),
          targetGroups: split(facts.targetGroups!).map((g) => m.forum.targetGroup[g as TargetGroup] ?? g),
          duration: facts.duration!, funding: facts.funding!, contact: facts.contact!, link: facts.link!, impact: facts.impact!,
        }
      : null,
    accepted,
    names,
    posts: posts.map((p) => ({
      id: p.id, createdAt: p.createdAt, edited: Boolean(p.editedAt), deleted: Boolean(p.deletedAt),
      bodyJson: p.deletedAt ? null : p.bodyJson,
      author: p.authorName, organisation: p.organisation,
      helpful: p.helpful ?? 0, reacted: Boolean(p.reacted),
      quotedAuthor: p.quotedAuthor, quotedPostId: p.quotedPostId,
      isAccepted: p.id === thread.acceptedPostId,
      canEdit: !p.deletedAt && p.authorId === user.id && canReply,
      canDelete: !p.deletedAt && (p.authorId === user.id || canModerate) && p.id !== firstPostId,
      canAccept: thread.kind === "question" && !p.deletedAt && p.id !== firstPostId && (thread.authorId === user.id || canModerate),
    })),
    page, pages,
    watching: Boolean(facts.watching),
    canReply, canReact: mayReply, canModerate,
    readOnly: !mayReply,
    moveTargets: moveTargets.filter((s) => s.id !== thread.spaceId && can(user, "moderate", { type: "space", id: s.id, visibility: s.visibility as SpaceVisibility })).map((s) => ({ id: s.id, name: s.name })),
    quote: facts.quoteId ? { id: facts.quoteId, author: facts.quoteAuthor!, text: facts.quoteText!.slice(0, 1000) } : null,
  };
  return { data, visit };
}

/** A Gremium's page: members, threads (from `cursor` on), whether the reader watches it, its papers. */
export async function loadSpacePage(user: Actor, space: { id: string; slug: string; name: string; description: string; visibility: string }, resource: SpaceResource, cursor: string | null) {
  const [members, threads, watch, documents] = await Promise.all([
    listMembers(space.id),
    listThreads(space.id, user.id, cursor),
    db.selectFrom("Watch").select("id").where("userId", "=", user.id).where("spaceId", "=", space.id).executeTakeFirst(),
    listSpaceDocuments(user, space.id),
  ]);
  return {
    documents,
    canCreateDocument: can(user, "create-document", resource),
    threads: threads.threads,
    nextCursor: threads.nextCursor,
    isFirstPage: !cursor,
    watching: Boolean(watch),
    canCreateThread: can(user, "create-thread", resource),
    space: { id: space.id, slug: space.slug, name: space.name, description: space.description, visibility: space.visibility as SpaceVisibility },
    members: members.map((mb) => ({ id: mb.id, role: mb.role as SpaceRole, name: mb.user.name, organisation: mb.user.organisation?.name ?? null })),
    canInvite: can(user, "invite", resource),
    canManage: can(user, "manage-members", resource),
  };
}

/** The start page: my Gremien with their members, new activity, unread notifications, papers in review. */
export async function loadHomePage(user: Actor & { name: string }) {
  const spaces = await db.selectFrom("Space").select(["id", "slug", "name", "description"])
    .where((eb) => eb.exists(eb.selectFrom("Membership").select("Membership.id").whereRef("Membership.spaceId", "=", "Space.id").where("Membership.userId", "=", user.id)))
    .orderBy("name").execute();
  const withMembers = await Promise.all(
    spaces.map(async (space) => ({
      ...space,
      myRole: user.memberships.find((mb) => mb.spaceId === space.id)?.role as SpaceRole,
      members: (await listMembers(space.id)).map((mb) => ({ id: mb.user.id, name: mb.user.name, role: mb.role as SpaceRole })),
    })),
  );
  // New activity since the last visit: threads in my Gremien with activity I have not read yet.
  const recent = await toThreadList(await threadListQuery(user.id)
    .where(inIdList("t.spaceId", spaces.map((s) => s.id))).where("t.deletedAt", "is", null)
    .orderBy("t.lastActivityAt", "desc").limit(30).execute());
  const fresh = recent.filter((t) => t.unread).slice(0, 10);
  // Grouped by thread or paper: several replies in one thread are one entry with a count.
  const notifications = groupNotificationsByTarget((await listNotifications(user, 50)).filter((n) => !n.readAt)).slice(0, 5);
  // Drafts in their comment period, soonest deadline first.
  const inReview = (await listReadableDocuments(user)).filter((doc) => doc.status === "review");
  const reviews = inReview
    .map((doc) => ({ id: doc.id, title: doc.title, space: doc.space.name, deadline: doc.reviewDeadline }))
    .sort((a, b) => (a.deadline ?? "").localeCompare(b.deadline ?? ""));
  return {
    name: user.name, spaces: withMembers, fresh, reviews,
    notifications: notifications.map(({ latest: n, count, actors }) => n.hidden
      ? { id: n.id, title: m.forum.notificationHidden, actor: "", count, href: "/notifications" }
      : { id: n.id, title: n.thread?.title ?? n.document?.title ?? "", actor: actors.join(", "), count, href: n.threadId ? `/threads/${n.threadId}${n.postId ? `?beitrag=${n.postId}#post-${n.postId}` : ""}` : `/documents/${n.documentId}` }),
  };
}

export type CatalogueFilters = { land: string; gruppe: TargetGroup | ""; thema: string; q: string; page: number };

/** The best-practice catalogue: filtered (Land, target group, tag, full text), newest activity first. */
export async function loadCatalogue(user: Actor, filters: CatalogueFilters) {
  const { land, gruppe, thema, q, page } = filters;
  const perPage = FORUM_LIMITS.threadsPerPage;
  const spaceIds = (await listReadableSpaces(user)).map((s) => s.id);
  const matching = q ? await searchThreadIds({ query: q, spaceIds, kind: "best-practice" }) : null;
  let where = db.selectFrom("Thread as t").leftJoin("BestPractice as bp", "bp.threadId", "t.id")
    .where("t.kind", "=", "best-practice").where("t.deletedAt", "is", null).where(inIdList("t.spaceId", spaceIds));
  if (land) where = where.where("bp.laender", "like", `%${land}%`);
  if (gruppe) where = where.where("bp.targetGroups", "like", `%${gruppe}%`);
  if (thema) {
    where = where.where((eb) => eb.exists(eb.selectFrom("ThreadTag as tt").innerJoin("Tag as tg", "tg.id", "tt.tagId").select("tt.tagId").whereRef("tt.threadId", "=", "t.id").where("tg.slug", "=", thema)));
  }
  if (matching) where = where.where(inIdList("t.id", matching));
  const [counted, threads, tags] = await Promise.all([
    where.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    where.innerJoin("Space as s", "s.id", "t.spaceId")
      .select(["t.id", "t.title", "t.replyCount", "s.name as spaceName", "bp.laender", "bp.targetGroups", "bp.impact"])
      .orderBy("t.lastActivityAt", "desc").orderBy("t.id", "desc").limit(perPage).offset((page - 1) * perPage).execute(),
    listTags(),
  ]);
  const threadTags = threads.length
    ? await db.selectFrom("ThreadTag").innerJoin("Tag", "Tag.id", "ThreadTag.tagId").select(["ThreadTag.threadId", "Tag.slug", "Tag.name"])
      .where(inIdList("ThreadTag.threadId", threads.map((t) => t.id))).orderBy("ThreadTag.threadId").orderBy("ThreadTag.tagId").execute()
    : [];
  const total = counted.n;
  return {
    filters: { land, gruppe, thema, q },
    page, pages: Math.ceil(total / perPage), total,
    tags: tags.map((t) => ({ slug: t.slug, name: t.name })),
    entries: threads.map((t) => ({
      id: t.id, title: t.title, space: t.spaceName, replies: t.replyCount,
      laender: split(t.laender ?? "").map((c) => LAENDER_NAMES[c] ?? c),
      targetGroups: split(t.targetGroups ?? "").map((g) => m.forum.targetGroup[g as TargetGroup] ?? g),
      impact: t.impact ?? "",
      tags: threadTags.filter((x) => x.threadId === t.id).map(({ slug, name }) => ({ slug, name })),
    })),
  };
}

/** People who may read the Gremium (and so its threads) and whose name contains `query`: mention suggestions. */
export function mentionCandidates(space: { id: string; visibility: string }, query: string, limit: number) {
  let people = db.selectFrom("User").select(["id", "name"]).where("status", "=", "active");
  if (query) people = people.where(sql<SqlBool>`"name" LIKE ${`%${query.replace(/[\\%_]/g, "\\$&")}%`} ESCAPE '\\'`);
  if (space.visibility !== "platform") {
    people = people.where((eb) => eb.or([
      eb.exists(eb.selectFrom("Membership").select("Membership.id").whereRef("Membership.userId", "=", "User.id").where("Membership.spaceId", "=", space.id)),
      eb("role", "=", "admin"),
    ]));
  }
  return people.orderBy("name").limit(limit).execute();
}

/** A post for its edit page (only live posts) with its revisions, newest first, and the names they mention. */
export function findEditablePost(postId: string) {
  return db.selectFrom("Post").select(["id", "threadId", "authorId", "bodyJson"]).where("id", "=", postId).where("deletedAt", "is", null).executeTakeFirst();
}

export async function loadPostEditPage(thread: { id: string; title: string }, post: { id: string; bodyJson: string }) {
  const revisions = await db.selectFrom("PostRevision").select(["id", "bodyJson", "createdAt"]).where("postId", "=", post.id).orderBy("createdAt", "desc").execute();
  return { thread: { id: thread.id, title: thread.title }, post: { id: post.id, bodyJson: post.bodyJson }, revisions, names: await mentionedNames(revisions.map((r) => r.bodyJson)) };
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
