// Forum domain functions against a real SQLite copy: search ranking and permission filtering,
// the index after edit/delete/move, and the notification fan-out.
import { drainEvents } from "../../app/events/processor.server.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { createReply, createThread, deletePost, editPost, moderateThread, rebuildSearchIndex, setWatch, acceptAnswer } from "../../app/models/forum.server.ts";
import { searchPosts, searchThreadIds } from "../../app/models/search.server.ts";
import { listReadableSpaces } from "../../app/models/spaces.server.ts";
import { db, dbReady } from "../../app/db/prisma.server.ts";
import type { SpaceVisibility } from "../../app/domain/model.ts";
import type { Actor } from "../../app/domain/permissions.ts";
import { loadActors } from "../../app/models/notifications.server.ts";
import { DEMO } from "../support/paths.ts";
import { postBody } from "../support/posts.ts";

await dbReady;

const ids: Record<string, string> = {};
const spaces: Record<string, { id: string; visibility: SpaceVisibility }> = {};
const actor = async (email: string): Promise<Actor> => (await loadActors([ids[email]]))[0];
const body = postBody;
const mention = (email: string, label: string) => body(JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Hallo " }, { type: "mention", attrs: { id: ids[email], label } }] }] }));
const visibleSpaceIds = async (email: string) => (await listReadableSpaces(await actor(email))).map((s) => s.id);
// A new post reaches the index through its "post.created" event (off the request): run what is due first.
const find = async (email: string, query: string) => {
  await drainEvents();
  return searchPosts({ query, spaceIds: await visibleSpaceIds(email), page: 1 });
};

beforeAll(async () => {
  for (const u of await db.user.findMany({ select: { id: true, email: true } })) ids[u.email] = u.id;
  for (const s of await db.space.findMany()) spaces[s.slug] = { id: s.id, visibility: s.visibility as SpaceVisibility };
});

describe("search", () => {
  it("ranks a title match above a body-only match", async () => {
    await createThread(ids[DEMO.by], spaces["mint-regionen"], { title: "Zauberwürfel-Werkstatt im Schülerlabor", kind: "discussion", body: body("Ein Bericht."), tagIds: [] });
    await createThread(ids[DEMO.by], spaces["mint-regionen"], { title: "Ferienprogramm", kind: "discussion", body: body("Am Rande erwähnt: eine Zauberwürfel-Ecke."), tagIds: [] });
    const { hits, total } = await find(DEMO.nw, "Zauberwürfel");
    expect(total).toBe(2);
    const first = await db.post.findUniqueOrThrow({ where: { id: hits[0].postId! }, include: { thread: true } });
    expect(first.thread.title).toBe("Zauberwürfel-Werkstatt im Schülerlabor");
  });

  it("folds German spellings and matches prefixes", async () => {
    await createThread(ids[DEMO.nw], spaces["mint-regionen"], { title: "Qualitätsoffensive an der Fußgängerzone", kind: "discussion", body: body("Gespräche über Größe und Maßstäbe."), tagIds: [] });
    for (const q of ["Qualitaetsoffensive", "qualitätsoff", "Fussgaengerzone", "MASSSTAEBE", "grösse"]) {
      expect((await find(DEMO.by, q)).total, q).toBeGreaterThan(0);
    }
  });

  it("never returns, counts or snippets a thread from a Gremium the user cannot read", async () => {
    await createThread(ids[DEMO.by], spaces.laenderbeirat, { title: "Vertraulich: Haushaltsplanung Quokka", kind: "discussion", body: body("Quokka-Budget intern."), tagIds: [] });
    expect((await find(DEMO.nw, "Quokka")).total).toBe(1);
    const outsider = await find(DEMO.gast, "Quokka");
    expect(outsider).toMatchObject({ total: 0, hits: [] });
    expect(await searchThreadIds({ query: "Quokka", spaceIds: await visibleSpaceIds(DEMO.ministeriumRp) })).toEqual([]);
  });

  it("filters by kind inside the match", async () => {
    await createThread(ids[DEMO.by], spaces["mint-regionen"], { title: "Frage zum Wombat-Programm", kind: "question", body: body("Wer kennt es?"), tagIds: [] });
    await createThread(ids[DEMO.by], spaces["mint-regionen"], { title: "Bericht Wombat-Programm", kind: "discussion", body: body("Erfahrungen."), tagIds: [] });
    const spaceIds = await visibleSpaceIds(DEMO.nw);
    await drainEvents();
    expect((await searchPosts({ query: "Wombat", spaceIds, page: 1 })).total).toBe(2);
    expect((await searchPosts({ query: "Wombat", spaceIds, kind: "question", page: 1 })).total).toBe(1);
  });

  it("rebuilds the index from the posts after a format change", async () => {
    const before = (await find(DEMO.nw, "Zauberwürfel")).total;
    await db.$executeRawUnsafe(`DELETE FROM "SearchFts"`);
    await db.searchEntry.deleteMany();
    expect((await find(DEMO.nw, "Zauberwürfel")).total).toBe(0);
    expect(await rebuildSearchIndex(7)).toBeGreaterThan(40);
    expect((await find(DEMO.nw, "Zauberwürfel")).total).toBe(before);
    expect((await find(DEMO.gast, "Quokka")).total).toBe(0);
  });

  it("treats FTS syntax in queries as plain words", async () => {
    for (const q of ['"', "NEAR(", "a OR b", "*", "title:x", ")("]) await expect(find(DEMO.by, q)).resolves.toBeDefined();
  });
});

describe("the index follows edits, deletes and moves", () => {
  it("edit: the new word is found, the old one is gone", async () => {
    const { postId } = await createThread(ids[DEMO.by], spaces["mint-regionen"], { title: "Robotik-AG", kind: "discussion", body: body("Wir nutzen Kolibri-Bausätze."), tagIds: [] });
    await editPost(ids[DEMO.by], postId, body("Wir nutzen Pinguin-Bausätze."));
    expect((await find(DEMO.nw, "Kolibri")).total).toBe(0);
    expect((await find(DEMO.nw, "Pinguin")).total).toBe(1);
    expect(await db.postRevision.count({ where: { postId } })).toBe(1);
  });

  it("delete: a deleted post and a deleted thread leave the index", async () => {
    const { threadId } = await createThread(ids[DEMO.by], spaces["mint-regionen"], { title: "Sternwarte", kind: "discussion", body: body("Eröffnung."), tagIds: [] });
    const reply = await createReply(ids[DEMO.nw], { id: threadId, space: spaces["mint-regionen"] }, body("Das Okapi-Modell hilft."));
    expect((await find(DEMO.by, "Okapi")).total).toBe(1);
    await deletePost(ids[DEMO.nw], reply, false);
    expect((await find(DEMO.by, "Okapi")).total).toBe(0);
    await moderateThread(ids[DEMO.leitung], threadId, { kind: "delete" });
    expect((await find(DEMO.by, "Sternwarte")).total).toBe(0);
  });

  it("move: a thread moved into a members-only Gremium disappears for outsiders", async () => {
    const { threadId } = await createThread(ids[DEMO.by], spaces["mint-regionen"], { title: "Axolotl-Projekt", kind: "discussion", body: body("Offen für alle."), tagIds: [] });
    expect((await find(DEMO.gast, "Axolotl")).total).toBe(1);
    await moderateThread(ids[DEMO.leitung], threadId, { kind: "move", spaceId: spaces.laenderbeirat.id });
    expect((await find(DEMO.gast, "Axolotl")).total).toBe(0);
    expect((await find(DEMO.by, "Axolotl")).total).toBe(1);
    expect(await db.auditEvent.count({ where: { targetId: threadId, action: "thread.move" } })).toBe(1);
  });
});

describe("notifications fan-out", () => {
  // Fan-out runs off the request, in the event processor; run what is due, then look.
  const inbox = async (email: string, threadId: string) => {
    await drainEvents();
    return db.notification.findMany({ where: { userId: ids[email], threadId }, select: { kind: true } });
  };

  it("a reply notifies watchers (the author watches automatically), never the replier", async () => {
    const { threadId } = await createThread(ids[DEMO.by], spaces["mint-regionen"], { title: "Frage zu MINT-Siegeln", kind: "question", body: body("Wer kennt das Verfahren?"), tagIds: [] });
    await setWatch(ids["westpfalz@laenderforum.example"], { threadId }, true);
    await createReply(ids[DEMO.nw], { id: threadId, space: spaces["mint-regionen"] }, body("Wir haben es 2024 gemacht."));
    expect(await inbox(DEMO.by, threadId)).toEqual([{ kind: "reply" }]);
    expect(await inbox("westpfalz@laenderforum.example", threadId)).toEqual([{ kind: "reply" }]);
    expect(await inbox(DEMO.nw, threadId)).toEqual([]);
  });

  it("a mention notifies once, as a mention, and only people who may read the thread", async () => {
    const { threadId } = await createThread(ids[DEMO.by], spaces.laenderbeirat, { title: "Interne Runde", kind: "discussion", body: body("Start."), tagIds: [] });
    await createReply(ids[DEMO.nw], { id: threadId, space: spaces.laenderbeirat }, mention(DEMO.by, "Tobias Brandl"));
    await createReply(ids[DEMO.nw], { id: threadId, space: spaces.laenderbeirat }, mention(DEMO.gast, "Gast"));
    // The first reply mentions the author: one "mention" (not also "reply"); the second is a plain "reply" for him.
    expect((await inbox(DEMO.by, threadId)).map((n) => n.kind).sort()).toEqual(["mention", "reply"]);
    expect(await inbox(DEMO.gast, threadId)).toEqual([]);
  });

  it("a new thread notifies the Gremium's watchers; an accepted answer notifies its author", async () => {
    await setWatch(ids[DEMO.nw], { spaceId: spaces["mint-regionen"].id }, true);
    const { threadId } = await createThread(ids[DEMO.by], spaces["mint-regionen"], { title: "Wie finanziert ihr Stellen?", kind: "question", body: body("Frage an alle."), tagIds: [] });
    expect(await inbox(DEMO.nw, threadId)).toEqual([{ kind: "new-thread" }]);
    const answer = await createReply(ids[DEMO.nw], { id: threadId, space: spaces["mint-regionen"] }, body("Über Landesmittel."));
    await acceptAnswer(ids[DEMO.by], { id: threadId, title: "Wie finanziert ihr Stellen?" }, answer);
    expect((await inbox(DEMO.nw, threadId)).map((n) => n.kind).sort()).toEqual(["accepted", "new-thread"]);
  });
});
