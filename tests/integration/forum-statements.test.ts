// What the forum's hot paths cost in SQL, counted on the query layer (observeQueries, BEGIN/COMMIT
// included) against a real SQLite copy: a reply is one transaction of at most 8 statements whose
// index row and notifications follow through the "post.created" event; the thread page's data takes
// at most 6 statements, each of a fixed text (so each is prepared once per process), and a repeat
// visit writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/db.server.ts";
import { dbDate } from "../../app/db/values.ts";
import { RATE_LIMITS, type SpaceVisibility } from "../../app/domain/model.ts";
import type { Actor } from "../../app/domain/permissions.ts";
import { drainEvents } from "../../app/events/processor.server.ts";
import { createReply, createThread, parsePostBody, recordThreadVisit, setWatch } from "../../app/models/forum.server.ts";
import { listThreads, loadThreadPage, type GuardedThread } from "../../app/models/forum-pages.server.ts";
import { loadActors } from "../../app/models/notifications.server.ts";
import { RateLimited } from "../../app/models/rate-limit.server.ts";
import { searchPosts } from "../../app/models/search.server.ts";
import { listReadableSpaces } from "../../app/models/spaces.server.ts";
import { DEMO } from "../support/paths.ts";
import { statementsOf } from "../support/queries.ts";
import { postBody } from "../support/posts.ts";

const ids: Record<string, string> = {};
const spaces: Record<string, { id: string; visibility: SpaceVisibility }> = {};
const actor = async (email: string): Promise<Actor> => (await loadActors([ids[email]]))[0];
const body = postBody;


/** The thread as the guard hands it to the page. */
async function guarded(threadId: string): Promise<GuardedThread> {
  const t = await db.selectFrom("Thread").innerJoin("Space", "Space.id", "Thread.spaceId")
    .select(["Thread.id", "Thread.title", "Thread.kind", "Thread.pinned", "Thread.locked", "Thread.authorId", "Thread.spaceId", "Thread.acceptedPostId", "Space.slug", "Space.name"])
    .where("Thread.id", "=", threadId).executeTakeFirstOrThrow();
  return { ...t, space: { slug: t.slug, name: t.name } };
}

beforeAll(async () => {
  for (const u of await db.selectFrom("User").select(["id", "email"]).execute()) ids[u.email] = u.id;
  for (const s of await db.selectFrom("Space").select(["id", "slug", "visibility"]).execute()) spaces[s.slug] = { id: s.id, visibility: s.visibility as SpaceVisibility };
});

describe("posting", () => {
  it("a reply is one transaction of at most 8 statements; its index row and notifications follow from the event", async () => {
    const mint = spaces["mint-regionen"];
    const { threadId, postId: openingId } = await createThread(ids[DEMO.by], mint, { title: "Statementzählung", kind: "discussion", body: body("Eröffnung."), tagIds: [] });
    await setWatch(ids[DEMO.leitung], { threadId }, true);
    await drainEvents();

    let replyId = "";
    const sql = await statementsOf(async () => {
      // As the thread page's action does: the posting budget is counted inside the same transaction.
      replyId = await createReply(ids[DEMO.nw], { id: threadId, space: mint }, body("Der Gürteltier-Ansatz trägt."), openingId, "post");
    });
    expect(sql.length, sql.join("\n")).toBeLessThanOrEqual(8);
    expect(sql.some((s) => /"RateCounter"/.test(s)), "the budget is counted in the same transaction").toBe(true);
    expect(sql[0]).toMatch(/^begin/i);
    expect(sql.at(-1)).toMatch(/^commit/i);
    expect(sql.filter((s) => /^begin/i.test(s))).toHaveLength(1);
    expect(sql.some((s) => /SearchFts|SearchEntry|"Notification"/.test(s)), "index and fan-out run off the request").toBe(false);

    const reply = await db.selectFrom("Post").select(["quotedPostId", "threadId"]).where("id", "=", replyId).executeTakeFirstOrThrow();
    expect(reply).toEqual({ quotedPostId: openingId, threadId });
    const thread = await db.selectFrom("Thread").select("replyCount").where("id", "=", threadId).executeTakeFirstOrThrow();
    expect(thread.replyCount).toBe(1);
    const readers = (await listReadableSpaces(await actor(DEMO.by))).map((s) => s.id);
    expect((await searchPosts({ query: "Gürteltier", spaceIds: readers, page: 1 })).total, "not indexed before the event ran").toBe(0);

    await drainEvents();
    const found = await searchPosts({ query: "Gürteltier", spaceIds: readers, page: 1 });
    expect(found.hits.map((h) => h.postId)).toEqual([replyId]);
    const inbox = await db.selectFrom("Notification").select(["userId", "kind"]).where("postId", "=", replyId).orderBy("userId").execute();
    expect(inbox).toEqual([{ userId: ids[DEMO.by], kind: "reply" }, { userId: ids[DEMO.leitung], kind: "reply" }].sort((a, b) => a.userId.localeCompare(b.userId)));

    // The handler re-reads the current state: running it again adds no index row.
    await db.updateTable("Event").set({ processedAt: null }).where("type", "=", "post.created").where("payload", "like", `%${replyId}%`).execute();
    await drainEvents();
    expect((await searchPosts({ query: "Gürteltier", spaceIds: readers, page: 1 })).total).toBe(1);
  });

  it("a quote of a post from another thread is dropped inside the INSERT", async () => {
    const mint = spaces["mint-regionen"];
    const a = await createThread(ids[DEMO.by], mint, { title: "Faden A", kind: "discussion", body: body("A."), tagIds: [] });
    const b = await createThread(ids[DEMO.by], mint, { title: "Faden B", kind: "discussion", body: body("B."), tagIds: [] });
    const replyId = await createReply(ids[DEMO.nw], { id: b.threadId, space: mint }, body("Zitat von woanders."), a.postId);
    expect((await db.selectFrom("Post").select("quotedPostId").where("id", "=", replyId).executeTakeFirstOrThrow()).quotedPostId).toBeNull();
  });

  it("a best-practice thread with tags is one transaction of at most 8 statements, and only existing tags are kept", async () => {
    const tags = await db.selectFrom("Tag").select("id").limit(2).execute();
    expect(tags.length).toBe(2);
    let threadId = "";
    const sql = await statementsOf(async () => {
      ({ threadId } = await createThread(ids[DEMO.by], spaces["mint-regionen"], {
        title: "Flamingo-Werkstatt", kind: "best-practice", body: body("Wie wir es machen."), tagIds: [...tags.map((t) => t.id), "gibt-es-nicht"],
        bestPractice: { laender: ["BY"], targetGroups: ["kita"], impact: "Viele Kinder erreicht." },
      }));
    });
    expect(sql.length, sql.join("\n")).toBeLessThanOrEqual(8);
    expect(sql.filter((s) => /^begin/i.test(s))).toHaveLength(1);
    const stored = await db.selectFrom("ThreadTag").select("tagId").where("threadId", "=", threadId).orderBy("tagId").execute();
    expect(stored.map((t) => t.tagId)).toEqual(tags.map((t) => t.id).sort());
    await drainEvents();
    const readers = (await listReadableSpaces(await actor(DEMO.nw))).map((s) => s.id);
    expect((await searchPosts({ query: "Flamingo", spaceIds: readers, page: 1 })).total).toBe(1);
    // The opening post's row carries the best-practice fields.
    expect((await searchPosts({ query: "erreicht", spaceIds: readers, page: 1 })).total).toBeGreaterThan(0);
  });
});

describe("read state", () => {
  it("an author has read their new thread (without a read-state row) until someone replies", async () => {
    const mint = spaces["mint-regionen"];
    const { threadId } = await createThread(ids[DEMO.by], mint, { title: "Eigener Faden", kind: "discussion", body: body("Start."), tagIds: [] });
    expect(await db.selectFrom("ThreadRead").select("userId").where("threadId", "=", threadId).execute()).toEqual([]);
    const listed = async (email: string) => (await listThreads(mint.id, ids[email], null)).threads.find((t) => t.id === threadId)!;
    expect((await listed(DEMO.by)).unread).toBe(false);
    expect((await listed(DEMO.nw)).unread).toBe(true);
    const page = await loadThreadPage(await actor(DEMO.by), await guarded(threadId), { type: "space", ...mint }, { page: 1, target: null, quote: null });
    expect(page.visit).toEqual({ unread: false, unreadNotifications: false });

    // The thread was created a minute ago, so the reply is later activity.
    const earlier = dbDate(Date.now() - 60_000);
    await db.updateTable("Thread").set({ createdAt: earlier, lastActivityAt: earlier }).where("id", "=", threadId).execute();
    await createReply(ids[DEMO.nw], { id: threadId, space: mint }, body("Antwort."));
    expect((await listed(DEMO.by)).unread).toBe(true);
    expect((await listed(DEMO.nw)).unread).toBe(false);
  });
});

describe("the thread page", () => {
  it("takes at most 6 statements of fixed text, and a repeat visit writes nothing", async () => {
    const mint = spaces["mint-regionen"];
    const { threadId, postId } = await createThread(ids[DEMO.by], mint, { title: "Seitenkosten", kind: "question", body: body("Frage."), tagIds: [] });
    const mentionBody = parsePostBody(JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Hallo " }, { type: "mention", attrs: { id: ids[DEMO.by], label: "Tobias" } }] }] }));
    if (!mentionBody.ok) throw new Error(mentionBody.error);
    const replyId = await createReply(ids[DEMO.nw], { id: threadId, space: mint }, mentionBody, postId);
    await drainEvents();
    const reader = await actor(DEMO.by);
    const space = { type: "space" as const, ...mint };
    const thread = await guarded(threadId);

    const load = (options: { page: number; target: string | null; quote: string | null }) => loadThreadPage(reader, thread, space, options);
    let first!: Awaited<ReturnType<typeof load>>;
    const firstSql = await statementsOf(async () => {
      first = await load({ page: 1, target: replyId, quote: postId });
      await recordThreadVisit(reader.id, threadId, first.visit);
    });
    // facts, posts, mentioned names, read state, notifications read.
    expect(firstSql.length, firstSql.join("\n")).toBeLessThanOrEqual(6);
    expect(first.visit).toEqual({ unread: true, unreadNotifications: true });
    expect(first.data.posts.map((p) => p.id)).toEqual([postId, replyId]);
    expect(first.data.names).toEqual({ [ids[DEMO.by]]: expect.any(String) });
    expect(first.data.quote?.id).toBe(postId);
    expect(first.data.watching).toBe(true);

    let again!: Awaited<ReturnType<typeof load>>;
    const againSql = await statementsOf(async () => {
      again = await load({ page: 1, target: null, quote: null });
      await recordThreadVisit(reader.id, threadId, again.visit);
    });
    expect(again.visit).toEqual({ unread: false, unreadNotifications: false });
    expect(againSql.some((s) => /^(insert|update|delete)/i.test(s.trim())), againSql.join("\n")).toBe(false);
    // The same statements whatever the target or quote: each is prepared once per process.
    expect(againSql).toEqual(firstSql.filter((s) => !/^(insert|update)/i.test(s.trim())));
    expect(again.data.quote).toBeNull();
  });
});

describe("posting budget inside the transaction", () => {
  it("a reply over the budget throws RateLimited and writes nothing, not even the count", async () => {
    const mint = spaces["mint-regionen"];
    const { threadId } = await createThread(ids[DEMO.by], mint, { title: "Budget", kind: "discussion", body: body("Start."), tagIds: [] });
    for (let i = 0; i < RATE_LIMITS.post.max; i++) await createReply(ids[DEMO.ministeriumRp], { id: threadId, space: mint }, body(`Antwort ${i}.`), undefined, "post");
    const before = await db.selectFrom("Post").select((eb) => eb.fn.countAll<number>().as("n")).where("threadId", "=", threadId).executeTakeFirstOrThrow();
    const counter = await db.selectFrom("RateCounter").select("count").where("key", "=", `post:${ids[DEMO.ministeriumRp]}`).executeTakeFirstOrThrow();
    await expect(createReply(ids[DEMO.ministeriumRp], { id: threadId, space: mint }, body("Eine zu viel."), undefined, "post")).rejects.toBeInstanceOf(RateLimited);
    expect((await db.selectFrom("Post").select((eb) => eb.fn.countAll<number>().as("n")).where("threadId", "=", threadId).executeTakeFirstOrThrow()).n).toBe(before.n);
    expect((await db.selectFrom("RateCounter").select("count").where("key", "=", `post:${ids[DEMO.ministeriumRp]}`).executeTakeFirstOrThrow()).count).toBe(counter.count);
  });
});
