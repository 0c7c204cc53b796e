// The forum pages' data, one loader per page (the route calls it and renders what it returns): the
// thread page, a Gremium's page, the start page, the best-practice catalogue, a post's edit page, and
// the mention suggestions. Hot statements keep one fixed text (lists are one JSON parameter, see
// app/db/id-list.server.ts), so each is prepared once per process.
import { sql, type ExpressionBuilder, type SqlBool } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/sqlite";
import { m } from "../i18n/messages.ts";
import { db, type DB } from "../db/db.server.ts";
import { inIdList } from "../db/id-list.server.ts";
import { dbDate, fromDbDate } from "../db/values.ts";
import { FORUM_LIMITS, LAENDER_NAMES, type SpaceRole, type SpaceVisibility, type TargetGroup, type ThreadKind } from "../domain/model.ts";
import { can, type Actor } from "../domain/permissions.ts";
import { listReadableDocuments, listSpaceDocuments } from "./documents.server.ts";
import { split, type ThreadVisit } from "./forum.server.ts";
import { groupNotificationsByTarget, listNotifications } from "./notifications.server.ts";
import { searchThreadIds } from "./search.server.ts";
import { listMembers, listReadableSpaces } from "./spaces.server.ts";
import { mentionNames } from "./users.server.ts";
import { listTags } from "./tags.server.ts";

export type ThreadListItem = {
  id: string; title: string; kind: ThreadKind; pinned: boolean; locked: boolean; replyCount: number; lastActivityAt: Date;
  acceptedPostId: string | null; author: { name: string }; tags: Array<{ id: string; name: string; slug: string }>; unread: boolean;
};

/**
 * Until when `userId` has read a thread: their read state, or, for the thread's author without one,
 * the thread's creation (an author has read their own opening post; createThread writes no read state).
 */
function readUntil(eb: ExpressionBuilder<DB & { t: DB["Thread"]; r: DB["ThreadRead"] }, "t" | "r">, userId: string) {
  return eb.fn.coalesce("r.lastReadAt", eb.case().when("t.authorId", "=", userId).then(eb.ref("t.createdAt")).end());
}

/** The thread list's columns, with the author and the reader's read state joined in. */
function threadListQuery(userId: string) {
  return db.selectFrom("Thread as t")
    .innerJoin("User as a", "a.id", "t.authorId")
    .leftJoin("ThreadRead as r", (j) => j.onRef("r.threadId", "=", "t.id").on("r.userId", "=", userId))
    .select((eb) => ["t.id", "t.title", "t.kind", "t.pinned", "t.locked", "t.replyCount", "t.lastActivityAt", "t.acceptedPostId", "a.name as authorName", readUntil(eb, userId).as("lastReadAt")]);
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
    .leftJoin("ThreadRead as r", (j) => j.onRef("r.threadId", "=", "t.id").on("r.userId", "=", userId))
    .select((eb) => [
      "t.lastActivityAt",
      "bp.threadId as bpThreadId", "bp.laender", "bp.targetGroups", "bp.duration", "bp.funding", "bp.contact", "bp.link", "bp.impact",
      "a.id as acceptedId", "a.bodyJson as acceptedBodyJson", "a.editedAt as acceptedEditedAt", "au.name as acceptedAuthor",
      "qp.id as quoteId", "qp.bodyText as quoteText", "qu.name as quoteAuthor",
      eb.selectFrom("Post as c").select(eb.fn.countAll<number>().as("n")).whereRef("c.threadId", "=", "t.id").as("total"),
      eb.selectFrom("Post as tp").select("tp.createdAt").where("tp.id", "=", target).whereRef("tp.threadId", "=", "t.id").as("targetAt"),
      eb.selectFrom("Post as c2").select(eb.fn.countAll<number>().as("n")).whereRef("c2.threadId", "=", "t.id")
        .where("c2.createdAt", "<=", eb.selectFrom("Post as tp2").select("tp2.createdAt").where("tp2.id", "=", target).whereRef("tp2.threadId", "=", "t.id"))
        .as("targetRank"),
      eb.exists(eb.selectFrom("Watch as w").select("w.id").where("w.userId", "=", userId).whereRef("w.threadId", "=", "t.id")).as("watching"),
      readUntil(eb, userId).as("lastReadAt"),
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

/** What the server's rendered-text cache keys a post body by: it changes with every edit. */
const renderKey = (postId: string, editedAt: string | null) => `${postId}:${editedAt ?? ""}`;

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
  const accepted = facts.acceptedId
    ? { id: facts.acceptedId, bodyJson: facts.acceptedBodyJson!, renderKey: renderKey(facts.acceptedId, facts.acceptedEditedAt), author: { name: facts.acceptedAuthor! } }
    : null;
  const names = await mentionNames([...posts.map((p) => (p.deletedAt ? null : p.bodyJson)), accepted?.bodyJson]);
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
      bodyJson: p.deletedAt ? null : p.bodyJson, renderKey: renderKey(p.id, p.editedAt),
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
  return { thread: { id: thread.id, title: thread.title }, post: { id: post.id, bodyJson: post.bodyJson }, revisions, names: await mentionNames(revisions.map((r) => r.bodyJson)) };
}
