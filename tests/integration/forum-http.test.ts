// Forum contracts and rules over real HTTP against the built server.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { FORUM_LIMITS } from "../../app/domain/model.ts";
import { get, loginCookie, postForm } from "../support/http.ts";
import { DEMO } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let sqlite: Database.Database;
const cookies: Record<string, string> = {};
const count = (sql: string, ...params: unknown[]) => (sqlite.prepare(`SELECT count(*) AS n FROM ${sql}`).get(...params) as { n: number }).n;
const as = (email: string) => cookies[email];

async function newThread(email: string, slug: string, fields: Record<string, string>) {
  return postForm(server.url, `/spaces/${slug}/threads/new`, { kind: "discussion", ...fields }, { cookie: as(email) });
}

async function threadIdFrom(res: Response) {
  expect(res.status).toBe(302);
  const location = res.headers.get("location") ?? "";
  expect(location).toMatch(/^\/threads\/[A-Za-z0-9_-]+$/);
  return location.split("/").pop()!;
}

beforeAll(async () => {
  server = await startServer();
  sqlite = new Database(server.dbFile, { readonly: true });
  for (const email of [DEMO.by, DEMO.nw, DEMO.gast, DEMO.leitung, DEMO.ministeriumRp, DEMO.admin]) cookies[email] = await loginCookie(server.url, email);
});
afterAll(async () => {
  sqlite?.close();
  await server?.stop();
});

describe("contracts", () => {
  it("by@ creates a thread in mint-regionen and is redirected to /threads/<id>", async () => {
    const id = await threadIdFrom(await newThread(DEMO.by, "mint-regionen", { title: "Erfahrungen mit Makerspaces", body: "Wer hat Erfahrungen?" }));
    const page = await get(server.url, `/threads/${id}`, as(DEMO.by));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Erfahrungen mit Makerspaces");
  });

  it("gast gets 403 or 404 posting into laenderbeirat, and nothing is stored", async () => {
    const before = count(`"Thread"`);
    const res = await newThread(DEMO.gast, "laenderbeirat", { title: "Hallo", body: "Test" });
    expect([403, 404]).toContain(res.status);
    expect(count(`"Thread"`)).toBe(before);
  });

  it("by@ finds the internal Länderbeirat thread through /search; gast and the ministry do not", async () => {
    const title = "Interne Abstimmung: Jahresplanung 2027";
    expect(await (await get(server.url, "/search?q=Jahresplanung", as(DEMO.by))).text()).toContain(title);
    for (const outsider of [DEMO.gast, DEMO.ministeriumRp]) {
      const html = await (await get(server.url, "/search?q=Jahresplanung", as(outsider))).text();
      expect(html).not.toContain(title);
      expect(html).toContain(m.forum.searchNone);
    }
  });
});

describe("hostile content stays inert", () => {
  it("in the title and a plain-text body", async () => {
    const id = await threadIdFrom(await newThread(DEMO.by, "mint-regionen", {
      title: `<script>alert("t")</script><img src=x onerror=alert(1)>`,
      body: `<script>alert("b")</script>\n\n<img src=x onerror=alert(2)> <a href="javascript:alert(3)">klick</a>`,
    }));
    const html = await (await get(server.url, `/threads/${id}`, as(DEMO.by))).text();
    const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    expect(main).not.toMatch(/<script|<img|href="javascript:/i);
    expect(main).toContain("&lt;script&gt;");
  });

  it("in editor JSON: javascript: links lose their link, unknown nodes are refused", async () => {
    const json = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "klick", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] });
    const id = await threadIdFrom(await newThread(DEMO.by, "mint-regionen", { title: "Link-Test", body: json }));
    const html = await (await get(server.url, `/threads/${id}`, as(DEMO.by))).text();
    expect(html).not.toContain("javascript:");
    expect(html).toContain("<p>klick</p>");

    const before = count(`"Thread"`);
    const evil = JSON.stringify({ type: "doc", content: [{ type: "iframe", attrs: { src: "https://evil.example" } }] });
    const res = await newThread(DEMO.by, "mint-regionen", { title: "Iframe", body: evil });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(m.forum.bodyInvalid);
    expect(count(`"Thread"`)).toBe(before);
  });

  it("a 5,000-character title is refused with a German error and nothing is stored", async () => {
    const before = count(`"Thread"`);
    const res = await newThread(DEMO.by, "mint-regionen", { title: "T".repeat(5000), body: "Text" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(m.validation.tooLong(FORUM_LIMITS.titleMax));
    expect(count(`"Thread"`)).toBe(before);
  });
});

describe("rules per role", () => {
  let threadId: string;
  beforeAll(async () => {
    threadId = await threadIdFrom(await newThread(DEMO.by, "mint-regionen", { title: "Regeln", body: "Start", kind: "question" }));
  });
  const act = (email: string, fields: Record<string, string>) => postForm(server.url, `/threads/${threadId}`, fields, { cookie: as(email) });

  it("only chairs and admins moderate", async () => {
    expect((await act(DEMO.nw, { intent: "pin" })).status).toBe(403);
    expect((await act(DEMO.by, { intent: "lock" })).status).toBe(403);
    expect((await act(DEMO.leitung, { intent: "pin" })).status).toBe(302);
    expect(count(`"Thread" WHERE id = ? AND pinned = 1`, threadId)).toBe(1);
    expect(count(`"AuditEvent" WHERE targetId = ? AND action = 'thread.pin'`, threadId)).toBe(1);
  });

  it("only chairs post announcements", async () => {
    expect((await newThread(DEMO.by, "mint-regionen", { title: "Wichtig", body: "x", kind: "announcement" })).status).toBe(403);
    await threadIdFrom(await newThread(DEMO.leitung, "mint-regionen", { title: "Barcamp-Termin", body: "x", kind: "announcement" }));
  });

  it("commenters reply but do not start threads; readers do neither", async () => {
    expect((await newThread(DEMO.ministeriumRp, "mint-regionen", { title: "x", body: "x" })).status).toBe(403);
    expect((await act(DEMO.ministeriumRp, { intent: "reply", body: "Aus Sicht des Ministeriums …" })).status).toBe(302);
    expect((await act(DEMO.gast, { intent: "reply", body: "Hallo" })).status).toBe(403);
  });

  it("only the question's author or a chair accepts an answer", async () => {
    const reply = sqlite.prepare(`SELECT id FROM "Post" WHERE threadId = ? ORDER BY createdAt DESC LIMIT 1`).get(threadId) as { id: string };
    expect((await act(DEMO.nw, { intent: "accept", postId: reply.id })).status).toBe(403);
    expect((await act(DEMO.by, { intent: "accept", postId: reply.id })).status).toBe(302);
    expect(count(`"Thread" WHERE id = ? AND acceptedPostId = ?`, threadId, reply.id)).toBe(1);
  });

  it("only the author edits a post; others get 403", async () => {
    const first = sqlite.prepare(`SELECT id FROM "Post" WHERE threadId = ? ORDER BY createdAt ASC LIMIT 1`).get(threadId) as { id: string };
    expect((await postForm(server.url, `/posts/${first.id}/edit`, { body: "Übernommen" }, { cookie: as(DEMO.nw) })).status).toBe(403);
    expect((await postForm(server.url, `/posts/${first.id}/edit`, { body: "Präzisiert" }, { cookie: as(DEMO.by) })).status).toBe(302);
    const html = await (await get(server.url, `/threads/${threadId}`, as(DEMO.by))).text();
    expect(html).toContain("Präzisiert");
    expect(html).toContain(m.forum.edited);
  });

  it("a locked thread refuses replies, even from members", async () => {
    expect((await act(DEMO.leitung, { intent: "lock" })).status).toBe(302);
    const before = count(`"Post" WHERE threadId = ?`, threadId);
    expect((await act(DEMO.by, { intent: "reply", body: "Noch etwas" })).status).toBe(403);
    expect(count(`"Post" WHERE threadId = ?`, threadId)).toBe(before);
    expect(await (await get(server.url, `/threads/${threadId}`, as(DEMO.by))).text()).toContain(m.forum.lockedNotice);
  });

  it("a thread in a members-only Gremium is 404 for outsiders", async () => {
    const id = await threadIdFrom(await newThread(DEMO.by, "laenderbeirat", { title: "Nur intern", body: "Vertraulich" }));
    expect((await get(server.url, `/threads/${id}`, as(DEMO.gast))).status).toBe(404);
    expect((await postForm(server.url, `/threads/${id}`, { intent: "reply", body: "x" }, { cookie: as(DEMO.gast) })).status).toBe(404);
  });
});

describe("rate limits", () => {
  it("posting too fast gets a German 429 and stores nothing more", async () => {
    const cookie = await loginCookie(server.url, "westpfalz@laenderforum.example");
    let status = 0;
    for (let i = 0; i < 25 && status !== 429; i++) {
      const res = await postForm(server.url, "/spaces/mint-regionen/threads/new", { kind: "discussion", title: `Serie ${i}`, body: "x" }, { cookie });
      status = res.status;
      if (status === 429) expect(await res.text()).toContain("Sie schreiben gerade sehr schnell");
    }
    expect(status).toBe(429);
  });
});
