// Notification and invitation mails end to end over HTTP (issue 11, phase 2): the built server in its
// own process, a real SMTP server in the test process. An invitation arrives and its link registers
// the invitee; a mention mail arrives for "sofort"; nothing is sent about content the recipient cannot
// read (a mention of someone outside a members-only Gremium, a reply in a thread whose Gremium the
// watcher left before the event ran); the reply-to-my-comment and review-opened mails arrive for
// people who chose "sofort".
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";
import { get, loginCookie, postForm } from "../support/http.ts";
import { DEMO } from "../support/paths.ts";
import { freePort, startServer, type TestServer } from "../support/server.ts";
import { linkIn, startSmtp, type TestSmtp } from "../support/smtp.ts";

let server: TestServer;
let smtp: TestSmtp;
const cookies: Record<string, string> = {};
const RP = "rp@laenderforum.example";
const TH = "th@laenderforum.example";

const query = <T>(sql: string, ...params: unknown[]) => {
  const db = new Database(server.dbFile, { readonly: true });
  try { return db.prepare(sql).all(...params) as T[]; } finally { db.close(); }
};
const write = (sql: string, ...params: unknown[]) => {
  const db = new Database(server.dbFile);
  try { db.prepare(sql).run(...params); } finally { db.close(); }
};
const idOf = (email: string) => query<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = ?`, email)[0].id;
const spaceId = (slug: string) => query<{ id: string }>(`SELECT "id" FROM "Space" WHERE "slug" = ?`, slug)[0].id;
/** Outbox rows (any status) of `kind` to `email` about `title`: what the handlers queued. */
const queued = (email: string, kind: string, title: string) =>
  query<{ subject: string }>(`SELECT "subject" FROM "OutboundMail" WHERE "toAddress" = ? AND "kind" = ?`, email, `notification:${kind}`).filter((r) => r.subject.includes(title));
const mentionBody = (...emails: string[]) => JSON.stringify({
  type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Bitte ansehen: " }, ...emails.map((e) => ({ type: "mention", attrs: { id: idOf(e), label: e } }))] }],
});

beforeAll(async () => {
  smtp = await startSmtp();
  const port = await freePort();
  server = await startServer({ PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, SMTP_URL: smtp.url });
  for (const email of [DEMO.admin, DEMO.by, DEMO.nw, DEMO.leitung, DEMO.ministeriumRp, RP, TH]) cookies[email] = await loginCookie(server.url, email);
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("invitation mail", () => {
  it("is queued with the invitation, arrives, and its link registers the invitee into the Gremium", async () => {
    const email = "referat-41@ministerium-sh.example";
    const res = await postForm(server.url, "/admin/invitations", { intent: "invite", email, platformRole: "member", spaceId: spaceId("laenderbeirat"), spaceRole: "member" }, { cookie: cookies[DEMO.admin] });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(m.admin.inviteMailQueued(email));
    expect(page).toContain('data-testid="invite-link"');

    const mail = await smtp.waitFor((x) => x.envelopeTo.includes(email), "the invitation mail");
    expect(mail.parsed.subject).toBe("Einladung in das Gremium „Länderbeirat“");
    expect(mail.parsed.html).toContain("/invite/");
    const link = linkIn(mail, `${server.url}/invite/`);
    const token = link.slice(link.lastIndexOf("/") + 1);
    // The inviter saw the same link; nobody else sees the token (outbox view, log).
    expect(page).toContain(link);
    expect(await (await get(server.url, "/admin/outbox", cookies[DEMO.admin])).text()).not.toContain(token);
    expect(server.output()).not.toContain(token);

    const path = new URL(link).pathname;
    expect((await get(server.url, path)).status).toBe(200);
    const accepted = await postForm(server.url, path, { name: "Ines Referentin", password: "ein-sicheres-passwort", confirm: "ein-sicheres-passwort" });
    expect(accepted.status).toBe(302);
    const session = accepted.headers.get("set-cookie")!.split(";")[0];
    expect((await get(server.url, "/spaces/laenderbeirat", session)).status).toBe(200);
    expect(query(`SELECT 1 FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE u."email" = ? AND m."spaceId" = ?`, email, spaceId("laenderbeirat"))).toHaveLength(1);
    expect((await get(server.url, path)).status).not.toBe(200); // spent
  });
});

describe("forum notification mails", () => {
  it("a mention mail arrives for 'sofort'; someone outside the members-only Gremium gets nothing", async () => {
    const thread = query<{ id: string; title: string }>(`SELECT "id", "title" FROM "Thread" WHERE "spaceId" = ? AND "deletedAt" IS NULL ORDER BY "id" LIMIT 1`, spaceId("laenderbeirat"))[0];
    const res = await postForm(server.url, `/threads/${thread.id}`, { intent: "reply", body: mentionBody(DEMO.nw, DEMO.ministeriumRp) }, { cookie: cookies[DEMO.by] });
    expect(res.status).toBeLessThan(400);
    const mail = await smtp.waitFor((x) => x.envelopeTo.includes(DEMO.nw) && x.parsed.subject === `Erwähnung in „${thread.title}“`, "the mention mail");
    expect(mail.parsed.text).toContain("Tobias Brandl hat Sie");
    const path = new URL(linkIn(mail, `${server.url}/threads/`)).pathname;
    expect((await get(server.url, path, cookies[DEMO.nw])).status).toBe(200);
    // The mails of one event are queued in one transaction: nw's arrived, so rp's would exist by now.
    expect(queued(DEMO.ministeriumRp, "mention", thread.title)).toEqual([]);
    expect(query(`SELECT 1 FROM "Notification" WHERE "userId" = ? AND "threadId" = ?`, idOf(DEMO.ministeriumRp), thread.id)).toEqual([]);
  });

  it("a reply in a watched thread: mailed to a watcher who chose 'sofort', not to one who left the Gremium before the event ran", async () => {
    const thread = query<{ id: string; title: string }>(`SELECT "id", "title" FROM "Thread" WHERE "spaceId" = ? AND "deletedAt" IS NULL ORDER BY "id" DESC LIMIT 1`, spaceId("laenderbeirat"))[0];
    for (const who of [RP, TH]) {
      expect((await postForm(server.url, `/threads/${thread.id}`, { intent: "watch" }, { cookie: cookies[who] })).status).toBeLessThan(400);
      expect((await postForm(server.url, "/profile/benachrichtigungen", { reply: "instant" }, { cookie: cookies[who] })).status).toBe(200);
    }
    // Another process holds the event lease for now, so the reply's event waits (as it would behind a busy processor).
    write(`INSERT OR REPLACE INTO "JobLease" ("name", "holder", "expiresAt") VALUES ('events', 'test-pause', ?)`, new Date(Date.now() + 60_000).toISOString().replace("Z", "+00:00"));
    expect((await postForm(server.url, `/threads/${thread.id}`, { intent: "reply", body: "Neuer Stand: die Zahlen sind da." }, { cookie: cookies[DEMO.nw] })).status).toBeLessThan(400);
    expect(query(`SELECT 1 FROM "Event" WHERE "type" = 'post.created' AND "processedAt" IS NULL`)).toHaveLength(1);
    write(`DELETE FROM "Membership" WHERE "userId" = ? AND "spaceId" = ?`, idOf(TH), spaceId("laenderbeirat"));
    write(`DELETE FROM "JobLease" WHERE "name" = 'events'`);

    await smtp.waitFor((x) => x.envelopeTo.includes(RP) && x.parsed.subject === `Neue Antwort in „${thread.title}“`, "the reply mail to rp");
    expect(queued(TH, "reply", thread.title)).toEqual([]);
    expect(smtp.mails.filter((x) => x.envelopeTo.includes(TH) && x.parsed.subject?.includes(thread.title)).map((x) => x.parsed.subject)).toEqual([]);
  });
});

describe("paper notification mails", () => {
  let paperId: string;
  beforeAll(() => {
    paperId = query<{ id: string }>(`SELECT "id" FROM "Document" WHERE "title" = ?`, MINT_PAPER_TITLE)[0].id;
  });

  it("a reply to my comment is mailed at once when I chose 'sofort'", async () => {
    const rp = cookies[DEMO.ministeriumRp];
    expect((await postForm(server.url, "/profile/benachrichtigungen", { "comment-reply": "instant" }, { cookie: rp })).status).toBe(200);
    const anchor = { anchorStart: "AJv55pQJrgFB", anchorEnd: "AJv55pQJyQFB", quote: "Kitas", prefix: "", suffix: "" };
    expect((await postForm(server.url, `/documents/${paperId}/comments`, { intent: "create", ...anchor, body: "Woher stammen die Zahlen?" }, { cookie: rp })).status).toBeLessThan(400);
    const threadId = query<{ id: string }>(`SELECT "id" FROM "CommentThread" WHERE "documentId" = ? AND "authorId" = ? ORDER BY "createdAt" DESC LIMIT 1`, paperId, idOf(DEMO.ministeriumRp))[0].id;
    expect((await postForm(server.url, `/documents/${paperId}/comments`, { intent: "reply", threadId, body: "Aus dem Bildungsbericht 2026." }, { cookie: cookies[DEMO.by] })).status).toBeLessThan(400);
    const mail = await smtp.waitFor((x) => x.envelopeTo.includes(DEMO.ministeriumRp) && x.parsed.subject === `Antwort auf Ihren Kommentar zu „${MINT_PAPER_TITLE}“`, "the reply-to-my-comment mail");
    expect(linkIn(mail, `${server.url}/documents/`)).toBe(`${server.url}/documents/${paperId}`);
  });

  it("the review-opened mail arrives (with its deadline) for those who may comment and chose 'sofort' (the default)", async () => {
    const deadline = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    expect((await postForm(server.url, `/documents/${paperId}/status`, { to: "review", deadline }, { cookie: cookies[DEMO.leitung] })).status).toBeLessThan(400);
    for (const who of [DEMO.by, DEMO.ministeriumRp]) {
      const mail = await smtp.waitFor((x) => x.envelopeTo.includes(who) && x.parsed.subject === `Kommentierungsphase: „${MINT_PAPER_TITLE}“`, `the review mail to ${who}`);
      expect(mail.parsed.text).toContain("Frist:");
    }
    expect(queued(DEMO.leitung, "document-review", MINT_PAPER_TITLE)).toEqual([]); // the chair who opened it
  });
});
