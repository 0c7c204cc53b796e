// Domain functions of the forum: threads, posts, best practices, reactions, watching, moderation.
// Each write runs in one transaction with its search-index update (and audit entry, for moderation).
import { mentionedIds, parseRichText, plainTextToJson, type JsonNode, type ParsedRichText } from "../editor/content.ts";
import { m } from "../i18n/messages.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { db } from "../db/prisma.server.ts";
import { prepared } from "../db/sqlite.server.ts";
import { FORUM_LIMITS, LAENDER_NAMES, type SpaceVisibility, type TargetGroup, type ThreadKind } from "../domain/model.ts";
import { recordAudit } from "./audit.server.ts";
import { notify } from "./notifications.server.ts";
import { db as kdb } from "../db/db.server.ts";
import { announceEvents, recordEvent } from "../events/record.server.ts";
import { indexPost, removePostFromIndex, removeThreadFromIndex } from "./search.server.ts";
import { withCurrentMentionLabels } from "./users.server.ts";

type Tx = Prisma.TransactionClient;

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

export type ThreadInput = { title: string; kind: ThreadKind; body: Extract<ParsedRichText, { ok: true }>; tagIds: string[]; bestPractice?: BestPracticeInput };

type SpaceRef = { id: string; visibility: SpaceVisibility };

async function searchExtra(tx: Tx, threadId: string) {
  const thread = await tx.thread.findUniqueOrThrow({
    where: { id: threadId },
    select: { bestPractice: true, tags: { select: { tag: { select: { name: true } } } } },
  });
  const bp = thread.bestPractice;
  const parts = thread.tags.map((t) => t.tag.name);
  if (bp) {
    parts.push(...split(bp.laender).map((code) => LAENDER_NAMES[code] ?? code));
    parts.push(...split(bp.targetGroups).map((g) => m.forum.targetGroup[g as TargetGroup] ?? g));
    parts.push(bp.duration, bp.funding, bp.contact, bp.impact);
  }
  return parts.filter(Boolean).join(" \n");
}

export const split = (csv: string) => (csv ? csv.split(",").filter(Boolean) : []);

async function reindexPost(tx: Tx, postId: string) {
  const post = await tx.post.findUniqueOrThrow({
    where: { id: postId },
    select: { id: true, bodyText: true, deletedAt: true, thread: { select: { id: true, spaceId: true, kind: true, title: true, deletedAt: true, posts: { orderBy: { createdAt: "asc" }, take: 1, select: { id: true } } } } },
  });
  if (post.deletedAt || post.thread.deletedAt) return removePostFromIndex(tx, postId);
  const isOpening = post.thread.posts[0]?.id === post.id;
  await indexPost(tx, {
    postId: post.id, threadId: post.thread.id, spaceId: post.thread.spaceId, kind: post.thread.kind as ThreadKind,
    title: isOpening ? post.thread.title : "", body: post.bodyText, extra: isOpening ? await searchExtra(tx, post.thread.id) : "",
  });
}

export async function createThread(authorId: string, space: SpaceRef, given: ThreadInput) {
  const input = { ...given, body: await withCurrentMentionLabels(given.body) };
  const now = new Date();
  const { threadId, postId } = await db.$transaction(async (tx) => {
    const bp = input.kind === "best-practice" && input.bestPractice ? input.bestPractice : null;
    const thread = await tx.thread.create({
      data: {
        spaceId: space.id, authorId, kind: input.kind, title: input.title, lastActivityAt: now, createdAt: now,
        tags: { create: input.tagIds.map((tagId) => ({ tagId })) },
        bestPractice: bp
          ? { create: { laender: bp.laender.join(","), targetGroups: bp.targetGroups.join(","), duration: bp.duration ?? "", funding: bp.funding ?? "", contact: bp.contact ?? "", link: bp.link ?? "", impact: bp.impact ?? "" } }
          : undefined,
      },
    });
    const post = await tx.post.create({ data: { threadId: thread.id, authorId, bodyJson: input.body.json, bodyText: input.body.text, createdAt: now } });
    await tx.watch.upsert({ where: { userId_threadId: { userId: authorId, threadId: thread.id } }, create: { userId: authorId, threadId: thread.id }, update: {} });
    await tx.threadRead.create({ data: { userId: authorId, threadId: thread.id, lastReadAt: now } });
    await reindexPost(tx, post.id);
    return { threadId: thread.id, postId: post.id };
  });
  await recordEvent(kdb, { type: "post.created", payload: { actorId: authorId, threadId, postId, mentionIds: mentionedIds(JSON.parse(input.body.json) as JsonNode), isNewThread: true } });
  announceEvents();
  return { threadId, postId };
}

export async function createReply(authorId: string, thread: { id: string; space: SpaceRef }, given: Extract<ParsedRichText, { ok: true }>, quotedPostId?: string) {
  const body = await withCurrentMentionLabels(given);
  const now = new Date();
  const quoted = quotedPostId ? await db.post.findFirst({ where: { id: quotedPostId, threadId: thread.id, deletedAt: null }, select: { id: true } }) : null;
  const postId = await db.$transaction(async (tx) => {
    const post = await tx.post.create({ data: { threadId: thread.id, authorId, bodyJson: body.json, bodyText: body.text, quotedPostId: quoted?.id, createdAt: now } });
    await tx.thread.update({ where: { id: thread.id }, data: { replyCount: { increment: 1 }, lastActivityAt: now } });
    await tx.watch.upsert({ where: { userId_threadId: { userId: authorId, threadId: thread.id } }, create: { userId: authorId, threadId: thread.id }, update: {} });
    await tx.threadRead.upsert({ where: { userId_threadId: { userId: authorId, threadId: thread.id } }, create: { userId: authorId, threadId: thread.id, lastReadAt: now }, update: { lastReadAt: now } });
    await reindexPost(tx, post.id);
    return post.id;
  });
  await recordEvent(kdb, { type: "post.created", payload: { actorId: authorId, threadId: thread.id, postId, mentionIds: mentionedIds(JSON.parse(body.json) as JsonNode), isNewThread: false } });
  announceEvents();
  return postId;
}

/** Keeps the previous text as a revision, so the edit history survives. */
export async function editPost(editorId: string, postId: string, given: Extract<ParsedRichText, { ok: true }>) {
  const body = await withCurrentMentionLabels(given);
  await db.$transaction(async (tx) => {
    const old = await tx.post.findUniqueOrThrow({ where: { id: postId }, select: { bodyJson: true, bodyText: true } });
    await tx.postRevision.create({ data: { postId, bodyJson: old.bodyJson, bodyText: old.bodyText, editorId } });
    await tx.post.update({ where: { id: postId }, data: { bodyJson: body.json, bodyText: body.text, editedAt: new Date() } });
    await reindexPost(tx, postId);
  });
}

/** Soft delete: the post stays as a placeholder; its text leaves the search index. */
export async function deletePost(actorId: string, postId: string, byModerator: boolean) {
  await db.$transaction(async (tx) => {
    const post = await tx.post.update({ where: { id: postId }, data: { deletedAt: new Date(), deletedById: actorId }, select: { threadId: true } });
    await tx.thread.updateMany({ where: { id: post.threadId, acceptedPostId: postId }, data: { acceptedPostId: null } });
    await removePostFromIndex(tx, postId);
    if (byModerator) await recordAudit({ actorId, action: "post.delete", targetType: "post", targetId: postId, details: { threadId: post.threadId } }, tx);
  });
}

export async function toggleHelpful(userId: string, postId: string) {
  const key = { postId_userId: { postId, userId } };
  if (await db.reaction.findUnique({ where: key })) await db.reaction.delete({ where: key });
  else await db.reaction.create({ data: { postId, userId } });
}

export async function acceptAnswer(actorId: string, thread: { id: string; title: string }, postId: string) {
  const post = await db.post.findFirst({ where: { id: postId, threadId: thread.id, deletedAt: null }, select: { authorId: true } });
  if (!post) return false;
  await db.thread.update({ where: { id: thread.id }, data: { acceptedPostId: postId } });
  await notify({ userId: post.authorId, kind: "accepted", actorId, threadId: thread.id, postId });
  return true;
}

type Moderation = { kind: "pin" | "unpin" | "lock" | "unlock" | "delete" } | { kind: "move"; spaceId: string };

export async function moderateThread(actorId: string, threadId: string, action: Moderation) {
  await db.$transaction(async (tx) => {
    switch (action.kind) {
      case "pin": case "unpin":
        await tx.thread.update({ where: { id: threadId }, data: { pinned: action.kind === "pin" } });
        break;
      case "lock": case "unlock":
        await tx.thread.update({ where: { id: threadId }, data: { locked: action.kind === "lock" } });
        break;
      case "move":
        await tx.thread.update({ where: { id: threadId }, data: { spaceId: action.spaceId } });
        // The Gremium is part of every indexed row (permission filter): re-index the thread's posts.
        for (const post of await tx.post.findMany({ where: { threadId }, select: { id: true } })) await reindexPost(tx, post.id);
        break;
      case "delete":
        await tx.thread.update({ where: { id: threadId }, data: { deletedAt: new Date() } });
        await removeThreadFromIndex(tx, threadId);
        break;
    }
    await recordAudit({ actorId, action: `thread.${action.kind}`, targetType: "thread", targetId: threadId, details: action.kind === "move" ? { spaceId: action.spaceId } : {} }, tx);
  });
}

export async function setWatch(userId: string, target: { threadId: string } | { spaceId: string }, on: boolean) {
  if ("threadId" in target) {
    const key = { userId_threadId: { userId, threadId: target.threadId } };
    if (on) await db.watch.upsert({ where: key, create: { userId, threadId: target.threadId }, update: {} });
    else await db.watch.deleteMany({ where: { userId, threadId: target.threadId } });
  } else {
    const key = { userId_spaceId: { userId, spaceId: target.spaceId } };
    if (on) await db.watch.upsert({ where: key, create: { userId, spaceId: target.spaceId }, update: {} });
    else await db.watch.deleteMany({ where: { userId, spaceId: target.spaceId } });
  }
}

export function markThreadRead(userId: string, threadId: string) {
  const now = new Date();
  return db.threadRead.upsert({ where: { userId_threadId: { userId, threadId } }, create: { userId, threadId, lastReadAt: now }, update: { lastReadAt: now } });
}

/** Thread list of a Gremium: pinned first (all on the first page), then by last activity; cursor-paginated. */
export async function listThreads(spaceId: string, userId: string, cursor: string | null) {
  const after = decodeCursor(cursor);
  const where = { spaceId, deletedAt: null };
  const select = {
    id: true, title: true, kind: true, pinned: true, locked: true, replyCount: true, lastActivityAt: true, acceptedPostId: true,
    author: { select: { name: true } },
    tags: { select: { tag: { select: { id: true, name: true, slug: true } } } },
    reads: { where: { userId }, select: { lastReadAt: true } },
  } as const;
  const pinned = after ? [] : await db.thread.findMany({ where: { ...where, pinned: true }, orderBy: { lastActivityAt: "desc" }, select });
  const rest = await db.thread.findMany({
    where: {
      ...where, pinned: false,
      ...(after ? { OR: [{ lastActivityAt: { lt: after.at } }, { lastActivityAt: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
    take: FORUM_LIMITS.threadsPerPage + 1,
    select,
  });
  const hasMore = rest.length > FORUM_LIMITS.threadsPerPage;
  const page = rest.slice(0, FORUM_LIMITS.threadsPerPage);
  const last = page.at(-1);
  return {
    threads: [...pinned, ...page].map(({ reads, tags, ...t }) => ({
      ...t, tags: tags.map((x) => x.tag), unread: !reads[0] || reads[0].lastReadAt < t.lastActivityAt,
    })),
    nextCursor: hasMore && last ? encodeCursor(last.lastActivityAt, last.id) : null,
  };
}

export function encodeCursor(at: Date, id: string) {
  return Buffer.from(`${at.getTime()}:${id}`).toString("base64url");
}

export function decodeCursor(cursor: string | null): { at: Date; id: string } | null {
  if (!cursor || !/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const [ms, id] = Buffer.from(cursor, "base64url").toString().split(":");
  const at = new Date(Number(ms));
  return Number.isFinite(at.getTime()) && id ? { at, id } : null;
}

export type ThreadPostRow = {
  id: string; bodyJson: string; createdAt: string; editedAt: string | null; deletedAt: string | null; authorId: string; quotedPostId: string | null;
  authorName: string; organisation: string | null; helpful: number; reacted: 0 | 1; quotedAuthor: string | null;
};

/** One page of a thread's posts with authors, "hilfreich" counts and quote authors: one prepared statement. */
export function listThreadPosts(threadId: string, viewerId: string, page: number) {
  return prepared(
    `SELECT p."id", p."bodyJson", p."createdAt", p."editedAt", p."deletedAt", p."authorId", p."quotedPostId",
            u."name" AS "authorName", o."name" AS "organisation",
            (SELECT count(*) FROM "Reaction" r WHERE r."postId" = p."id") AS "helpful",
            EXISTS (SELECT 1 FROM "Reaction" r WHERE r."postId" = p."id" AND r."userId" = ?) AS "reacted",
            (SELECT qu."name" FROM "Post" q JOIN "User" qu ON qu."id" = q."authorId" WHERE q."id" = p."quotedPostId") AS "quotedAuthor"
     FROM "Post" p JOIN "User" u ON u."id" = p."authorId" LEFT JOIN "Organisation" o ON o."id" = u."organisationId"
     WHERE p."threadId" = ? ORDER BY p."createdAt", p."id" LIMIT ? OFFSET ?`,
  ).all(viewerId, threadId, FORUM_LIMITS.postsPerPage, (page - 1) * FORUM_LIMITS.postsPerPage) as ThreadPostRow[];
}

/** Whether viewing the thread must mark it (or its notifications) read: usually neither. */
export function readStateOf(userId: string, thread: { id: string; lastActivityAt: Date }) {
  const row = prepared(
    `SELECT (SELECT "lastReadAt" FROM "ThreadRead" WHERE "userId" = ? AND "threadId" = ?) AS "lastReadAt",
            EXISTS (SELECT 1 FROM "Notification" WHERE "userId" = ? AND "threadId" = ? AND "readAt" IS NULL) AS "unreadNotifications"`,
  ).get(userId, thread.id, userId, thread.id) as { lastReadAt: string | null; unreadNotifications: 0 | 1 };
  return { unread: !row.lastReadAt || new Date(row.lastReadAt) < thread.lastActivityAt, unreadNotifications: row.unreadNotifications === 1 };
}

/** Re-indexes every visible post (after an index format change); returns how many. */
export async function rebuildSearchIndex(batchSize = 200) {
  let indexed = 0;
  for (let cursor: string | undefined; ; ) {
    const posts = await db.post.findMany({
      where: { deletedAt: null, thread: { deletedAt: null } },
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true },
    });
    if (!posts.length) return indexed;
    await db.$transaction(async (tx) => {
      for (const post of posts) await reindexPost(tx, post.id);
    });
    indexed += posts.length;
    cursor = posts.at(-1)!.id;
  }
}
