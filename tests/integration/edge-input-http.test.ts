// Issue 9, items 4, 5 and 7 over real HTTP against the built server: control, bidi and zero-width
// characters into every form and every export (DOCX unzipped and parsed), the atomic write budgets
// (429 with Retry-After, nothing stored, parallel requests), the member look-up instead of a
// directory of addresses, mentions showing the current name, and notifications that re-check access.
import Database from "better-sqlite3";
import JSZip from "jszip";
import { XMLValidator } from "fast-xml-parser"; // the XML reader of the DOCX import (issue 15)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { RATE_LIMITS } from "../../app/domain/model.ts";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";
import { appendParagraph, bodyText, connectClient, type CollabClient } from "../support/collab.ts";
import { get, loginCookie, postForm } from "../support/http.ts";
import { DEMO } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { eventually } from "../support/eventually.ts";

let server: TestServer;
let sqlite: Database.Database;
let paperId: string;
const cookies: Record<string, string> = {};
const clients: CollabClient[] = [];
const USERS = { ...DEMO, rp: "rp@laenderforum.example", th: "th@laenderforum.example" };

/** What must never be stored or exported: C0 except tab/LF/CR, XML noncharacters. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** What single-line text (titles, names, search) must not keep either. */
const SPOOFING = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/;
const HOSTILE = "\u0001Ha\u0000us\u202Egnp.exe\u200B\u2066 \u0007Ende";
const row = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
const count = (sql: string, ...params: unknown[]) => row<{ n: number }>(`SELECT count(*) AS n FROM ${sql}`, ...params).n;
const idOf = (email: string) => row<{ id: string }>(`SELECT id FROM "User" WHERE email = ?`, email).id;
const spaceId = (slug: string) => row<{ id: string }>(`SELECT id FROM "Space" WHERE slug = ?`, slug).id;
/** React separates adjacent text with <!-- -->; compare what a reader sees. */
const visible = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "");

async function newThread(email: string, slug: string, fields: Record<string, string>) {
  const res = await postForm(server.url, `/spaces/${slug}/threads/new`, { kind: "discussion", ...fields }, { cookie: cookies[email] });
  expect(res.status).toBe(302);
  return (res.headers.get("location") ?? "").split("/").pop()!;
}

beforeAll(async () => {
  server = await startServer();
  sqlite = new Database(server.dbFile, { readonly: true });
  paperId = row<{ id: string }>(`SELECT id FROM "Document" WHERE title = ?`, MINT_PAPER_TITLE).id;
  for (const email of Object.values(USERS)) cookies[email] = await loginCookie(server.url, email);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  sqlite?.close();
  await server?.stop();
});

describe("Unicode hygiene in forms", () => {
  it("a thread title loses controls, bidi and zero-width characters and is NFC; the body keeps line breaks but no controls", async () => {
    const nfd = "U\u0308bergange"; // "Übergange" decomposed
    const json = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Zeile\u0001 mit\u001F Steuer\u202Ezeichen" }] }] });
    const id = await newThread(USERS.by, "mint-regionen", { title: `${nfd} ${HOSTILE}`, body: json });
    const thread = row<{ title: string }>(`SELECT title FROM "Thread" WHERE id = ?`, id);
    expect(thread.title).toBe("Übergange Hausgnp.exe Ende");
    expect(thread.title.normalize("NFC")).toBe(thread.title);
    expect(thread.title).not.toMatch(FORBIDDEN);
    expect(thread.title).not.toMatch(SPOOFING);
    const post = row<{ bodyText: string; bodyJson: string }>(`SELECT bodyText, bodyJson FROM "Post" WHERE threadId = ?`, id);
    expect(post.bodyText).toBe("Zeile mit Steuer\u202Ezeichen"); // bodies keep bidi (right-to-left quotes), lose controls
    expect(post.bodyJson).not.toMatch(/\\u000[0-8]|\\u001[0-9a-f]/i);

    // The no-JavaScript path: plain text with a tab and lines keeps them.
    const plain = await newThread(USERS.by, "mint-regionen", { title: "Reine\u0008 Textform", body: "Erste\tZeile\u0002\nZweite Zeile" });
    expect(row<{ title: string }>(`SELECT title FROM "Thread" WHERE id = ?`, plain).title).toBe("Reine Textform");
    expect(row<{ bodyText: string }>(`SELECT bodyText FROM "Post" WHERE threadId = ?`, plain).bodyText).toBe("Erste\tZeile\nZweite Zeile");
  });

  it("a title of nothing but invisible characters is refused as empty", async () => {
    const before = count(`"Thread"`);
    const res = await postForm(server.url, "/spaces/mint-regionen/threads/new", { kind: "discussion", title: "\u200B\u202E\u0001", body: "Text" }, { cookie: cookies[USERS.by] });
    expect(res.status).toBe(400);
    expect(await visible(res)).toContain(m.validation.required);
    expect(count(`"Thread"`)).toBe(before);
  });

  it("a reply, a post edit, a paper comment, a paper title, a user name and a search are cleaned the same way", async () => {
    const threadId = await newThread(USERS.by, "mint-regionen", { title: "Sauberer Faden", body: "Start" });
    expect((await postForm(server.url, `/threads/${threadId}`, { intent: "reply", body: `Antwort ${HOSTILE}` }, { cookie: cookies[USERS.nw] })).status).toBe(302);
    const reply = row<{ id: string; bodyText: string }>(`SELECT id, bodyText FROM "Post" WHERE threadId = ? ORDER BY createdAt DESC LIMIT 1`, threadId);
    expect(reply.bodyText).not.toMatch(FORBIDDEN);
    expect(reply.bodyText).toContain("Haus\u202Egnp.exe");

    expect((await postForm(server.url, `/posts/${reply.id}/edit`, { body: "Bearbeitet\u0003 \u0010!" }, { cookie: cookies[USERS.nw] })).status).toBe(302);
    expect(row<{ bodyText: string }>(`SELECT bodyText FROM "Post" WHERE id = ?`, reply.id).bodyText).toBe("Bearbeitet !");

    const comment = await postForm(server.url, `/documents/${paperId}/comments`, {
      intent: "create", anchorStart: "AJv55pQJrgFB", anchorEnd: "AJv55pQJyQFB", quote: "Kitas\u0001", prefix: "", suffix: "", body: `Kommentar ${HOSTILE}`,
    }, { cookie: cookies[USERS.th] });
    expect(comment.status).toBe(200);
    const stored = row<{ quote: string; bodyText: string }>(
      `SELECT t.quote, c.bodyText FROM "Comment" c JOIN "CommentThread" t ON t.id = c.threadId WHERE c.authorId = ? ORDER BY c.createdAt DESC LIMIT 1`, idOf(USERS.th));
    expect(stored.quote).toBe("Kitas");
    expect(stored.bodyText).not.toMatch(FORBIDDEN);

    const created = await postForm(server.url, "/documents?index", { title: `Papier ${HOSTILE}`, spaceId: spaceId("laenderbeirat"), template: "blank" }, { cookie: cookies[USERS.leitung] });
    expect(created.status).toBe(302);
    const docId = (created.headers.get("location") ?? "").split("/").pop()!;
    const title = row<{ title: string }>(`SELECT title FROM "Document" WHERE id = ?`, docId).title;
    expect(title).toBe("Papier Hausgnp.exe Ende");

    expect((await postForm(server.url, "/profile", { intent: "name", name: "\u202EGast\u200D \u0001Beobachterin\u2069" }, { cookie: cookies[USERS.gast] })).status).toBeLessThan(400);
    expect(row<{ name: string }>(`SELECT name FROM "User" WHERE email = ?`, USERS.gast).name).toBe("Gast Beobachterin");

    const search = await get(server.url, `/search?q=${encodeURIComponent("Sauber\u202E\u200Ber\u0001")}`, cookies[USERS.by]);
    expect(search.status).toBe(200);
    const html = await search.text();
    expect(html).toContain('value="Sauberer"');
    expect(html).not.toMatch(SPOOFING);
    expect(html).not.toMatch(FORBIDDEN);
  });
});

describe("Unicode hygiene in exports", () => {
  it("md, html and docx of a paper holding control, bidi and noncharacters are clean and well-formed", async () => {
    // Paper text arrives as Yjs updates, never through a form: type the characters into the live paper.
    const editor = connectClient(server.url, paperId, { Cookie: cookies[USERS.by], Origin: server.url });
    clients.push(editor);
    await editor.until(() => editor.provider.synced, "editor synced");
    appendParagraph(editor.doc, `Absatz\u0001 mit\u000B Steuerzeichen\u001B, \u202Egnp.exe und \uFFFE Nichtzeichen\u0000.`);
    await editor.until(() => editor.allSaved(), "typed text durable");
    const reader = connectClient(server.url, paperId, { Cookie: cookies[USERS.nw], Origin: server.url });
    clients.push(reader);
    await reader.until(() => reader.provider.synced && bodyText(reader.doc).includes("Steuerzeichen"), "reader sees the text");
    expect(bodyText(reader.doc)).toMatch(FORBIDDEN); // the paper really holds them
    // A title from before the forms were cleaned (or written by any other path).
    const writer = new Database(server.dbFile);
    writer.prepare(`UPDATE "Document" SET title = ? WHERE id = ?`).run(`Positionspapier\u0001 ${HOSTILE}`, paperId);
    writer.close();

    const md = await get(server.url, `/documents/${paperId}/export?format=md`, cookies[USERS.by]);
    expect(md.status).toBe(200);
    const mdText = await md.text();
    expect(mdText).toContain("Absatz mit Steuerzeichen");
    expect(mdText).not.toMatch(FORBIDDEN);
    expect(mdText.split("\n")[0]).not.toMatch(SPOOFING);

    const html = await (await get(server.url, `/documents/${paperId}/export?format=html`, cookies[USERS.by])).text();
    expect(html).toContain("Absatz mit Steuerzeichen");
    expect(html).not.toMatch(FORBIDDEN);
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toBe("Positionspapier Hausgnp.exe Ende");

    for (const query of ["format=docx", "format=docx&kommentare=1", "format=docx&kommentare=1&vorschlaege=1"]) {
      const res = await get(server.url, `/documents/${paperId}/export?${query}`, cookies[USERS.by]);
      expect(res.status).toBe(200);
      const zip = await JSZip.loadAsync(await res.arrayBuffer());
      const parts = Object.keys(zip.files).filter((name) => name.endsWith(".xml") || name.endsWith(".rels"));
      expect(parts).toEqual(expect.arrayContaining(["word/document.xml", "docProps/core.xml"]));
      for (const part of parts) {
        const xml = await zip.file(part)!.async("string");
        expect(xml, part).not.toMatch(FORBIDDEN);
        expect(xml, part).not.toMatch(/&#x?0*(?:[0-8]|1[1-9]|2\d|3[01]|[bcef]|1[0-9a-f]);/i); // no escaped C0 either
        expect(XMLValidator.validate(xml), part).toBe(true);
      }
      const documentXml = await zip.file("word/document.xml")!.async("string");
      expect(documentXml).toContain("Absatz mit Steuerzeichen");
      expect(await zip.file("docProps/core.xml")!.async("string")).toContain("Positionspapier Hausgnp.exe Ende");
    }
  });
});

describe("write budgets", () => {
  it(`the ${RATE_LIMITS.comment.max + 1}st comment in a minute is refused with 429, Retry-After and a German message; nothing is stored`, async () => {
    const author = idOf(USERS.rp);
    const stored = () => count(`"Comment" WHERE authorId = ?`, author);
    const comment = (body: string) => postForm(server.url, `/documents/${paperId}/comments`, {
      intent: "create", anchorStart: "AJv55pQJrgFB", anchorEnd: "AJv55pQJyQFB", quote: "Kitas", prefix: "", suffix: "", body,
    }, { cookie: cookies[USERS.rp] });
    const before = stored();
    for (let i = 1; i <= RATE_LIMITS.comment.max; i++) expect((await comment(`Kommentar ${i}`)).status).toBe(200);
    expect(stored()).toBe(before + RATE_LIMITS.comment.max);
    const refused = await comment("Einer zu viel");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(RATE_LIMITS.comment.windowSeconds);
    const answer = (await refused.json()) as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/Limit.*Ihre Eingaben bleiben erhalten/);
    expect(stored()).toBe(before + RATE_LIMITS.comment.max);
    expect(count(`"Comment" WHERE bodyText = 'Einer zu viel'`)).toBe(0);
  });

  it(`parallel paper creations never pass the budget of ${RATE_LIMITS.document.max} an hour; the refused form keeps its values`, async () => {
    const creator = idOf(USERS.nw);
    const before = count(`"Document" WHERE createdById = ?`, creator);
    const attempts = RATE_LIMITS.document.max + 6;
    const answers = await Promise.all(Array.from({ length: attempts }, (_, i) =>
      postForm(server.url, "/documents?index", { title: `Paralleles Papier ${i}`, spaceId: spaceId("laenderbeirat"), template: "blank" }, { cookie: cookies[USERS.nw] })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(RATE_LIMITS.document.max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(attempts - RATE_LIMITS.document.max);
    expect(count(`"Document" WHERE createdById = ?`, creator)).toBe(before + RATE_LIMITS.document.max);

    const eleventh = await postForm(server.url, "/documents?index", { title: "Mein sorgfältig getippter Titel", spaceId: spaceId("laenderbeirat"), template: "blank" }, { cookie: cookies[USERS.nw] });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get("retry-after"))).toBeGreaterThan(RATE_LIMITS.comment.windowSeconds);
    const page = await visible(eleventh);
    expect(page).toContain("Mein sorgfältig getippter Titel");
    expect(page).toContain("Ihre Eingaben bleiben erhalten");
    expect(count(`"Document" WHERE createdById = ?`, creator)).toBe(before + RATE_LIMITS.document.max);
  });

  it(`the ${RATE_LIMITS.invitation.max + 1}st invitation in an hour is refused and not stored`, async () => {
    const space = spaceId("laender-round-table");
    const invite = (i: number) => postForm(server.url, "/spaces/laender-round-table", {
      intent: "invite", email: `eingeladen-${i}@example.org`, platformRole: "member", spaceId: space, spaceRole: "reader",
    }, { cookie: cookies[USERS.leitung] });
    const stored = () => count(`"Invitation" WHERE email LIKE 'eingeladen-%'`);
    for (let i = 1; i <= RATE_LIMITS.invitation.max; i++) expect((await invite(i)).status).toBe(200);
    expect(stored()).toBe(RATE_LIMITS.invitation.max);
    const refused = await invite(RATE_LIMITS.invitation.max + 1);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(RATE_LIMITS.comment.windowSeconds);
    expect(await visible(refused)).toContain(`eingeladen-${RATE_LIMITS.invitation.max + 1}@example.org`);
    expect(stored()).toBe(RATE_LIMITS.invitation.max);
  });

  it(`post edits have their own budget of ${RATE_LIMITS.postEdit.max} a minute`, async () => {
    const threadId = await newThread(USERS.th, "mint-regionen", { title: "Viele Bearbeitungen", body: "Version 0" });
    const postId = row<{ id: string }>(`SELECT id FROM "Post" WHERE threadId = ?`, threadId).id;
    for (let i = 1; i <= RATE_LIMITS.postEdit.max; i++) {
      expect((await postForm(server.url, `/posts/${postId}/edit`, { body: `Version ${i}` }, { cookie: cookies[USERS.th] })).status).toBe(302);
    }
    const refused = await postForm(server.url, `/posts/${postId}/edit`, { body: "Version zu viel" }, { cookie: cookies[USERS.th] });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await visible(refused)).toContain("Version zu viel");
    expect(row<{ bodyText: string }>(`SELECT bodyText FROM "Post" WHERE id = ?`, postId).bodyText).toBe(`Version ${RATE_LIMITS.postEdit.max}`);
  });
});

describe("data minimisation and spoofing", () => {
  it("the member page lists no one's e-mail address; the look-up answers chairs only, a few people at a time", async () => {
    const page = await get(server.url, "/spaces/laenderbeirat/members", cookies[USERS.leitung]);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const email of [USERS.gast, USERS.nw, USERS.by, USERS.admin, USERS.ministeriumRp, "westpfalz@laenderforum.example"]) expect(html).not.toContain(email);
    expect(html).toMatch(/<input[^>]*type="email"[^>]*name="email"|<input[^>]*name="email"[^>]*type="email"/);

    const lookup = await get(server.url, "/spaces/laenderbeirat/member-lookup?q=west", cookies[USERS.leitung]);
    expect(lookup.status).toBe(200);
    const people = (await lookup.json()) as Array<{ name: string; email: string }>;
    expect(people.map((p) => p.email)).toEqual(["westpfalz@laenderforum.example"]);
    const broad = (await (await get(server.url, "/spaces/mint-regionen/member-lookup?q=mi", cookies[USERS.admin])).json()) as unknown[];
    expect(broad.length).toBeLessThanOrEqual(8);
    expect(await (await get(server.url, "/spaces/laenderbeirat/member-lookup?q=w", cookies[USERS.leitung])).json()).toEqual([]);
    // Members are no candidates.
    expect(await (await get(server.url, "/spaces/laenderbeirat/member-lookup?q=nw", cookies[USERS.leitung])).json()).toEqual([]);

    for (const outsider of [USERS.by, USERS.gast, USERS.ministeriumRp]) {
      expect([403, 404]).toContain((await get(server.url, "/spaces/laenderbeirat/member-lookup?q=west", cookies[outsider])).status);
    }
    expect((await get(server.url, "/spaces/laenderbeirat/member-lookup?q=west")).status).toBe(302);
  });

  it("a chair adds a member by e-mail address; an unknown address is a German field error", async () => {
    const add = await postForm(server.url, "/spaces/laender-round-table/members", { intent: "add", email: "WESTPFALZ@laenderforum.example", role: "reader" }, { cookie: cookies[USERS.leitung] });
    expect(add.status).toBe(200);
    expect(count(`"Membership" WHERE userId = ? AND spaceId = ?`, idOf("westpfalz@laenderforum.example"), spaceId("laender-round-table"))).toBe(1);
    const unknown = await postForm(server.url, "/spaces/laender-round-table/members", { intent: "add", email: "niemand@example.org", role: "reader" }, { cookie: cookies[USERS.leitung] });
    expect(unknown.status).toBe(400);
    expect(await visible(unknown)).toContain(m.admin.memberUnknownEmail);
  });

  it("a mention labelled \"Admin\" that points at gast shows gast's current name", async () => {
    const gastId = idOf(USERS.gast);
    const body = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Frage an " }, { type: "mention", attrs: { id: gastId, label: "Admin" } }] }] });
    const threadId = await newThread(USERS.by, "mint-regionen", { title: "Erwähnung mit falschem Namen", body });
    const name = row<{ name: string }>(`SELECT name FROM "User" WHERE id = ?`, gastId).name;
    const html = await visible(await get(server.url, `/threads/${threadId}`, cookies[USERS.nw]));
    expect(html).toContain(`<span class="mention">@${name}</span>`);
    expect(html).not.toContain("@Admin");
    // The stored text (search, snippets) carries the true name as well.
    expect(row<{ bodyText: string }>(`SELECT bodyText FROM "Post" WHERE threadId = ?`, threadId).bodyText).toBe(`Frage an @${name}`);
    // A mention of an id that is nobody shows a neutral label, never the stored one.
    const ghost = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "mention", attrs: { id: "kein-konto", label: "Programmbüro" } }] }] });
    expect((await postForm(server.url, `/threads/${threadId}`, { intent: "reply", body: ghost }, { cookie: cookies[USERS.by] })).status).toBe(302);
    const after = await visible(await get(server.url, `/threads/${threadId}`, cookies[USERS.nw]));
    expect(after).toContain(`@${m.common.unknownPerson}`);
    expect(after).not.toContain("@Programmbüro");
  });

  it("notifications about a thread the reader can no longer read show a neutral text without the title", async () => {
    const rpId = idOf(USERS.rp);
    const title = "Vertrauliche Jahresplanung der Landesstellen";
    const body = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Bitte ansehen, " }, { type: "mention", attrs: { id: rpId, label: "rp" } }] }] });
    await newThread(USERS.by, "laenderbeirat", { title, body });
    // The mention is notified off the request (post.created event).
    await eventually(async () => expect(await visible(await get(server.url, "/notifications", cookies[USERS.rp]))).toContain(title), "rp's mention");
    expect(await visible(await get(server.url, "/", cookies[USERS.rp]))).toContain(title);

    const membership = row<{ id: string }>(`SELECT id FROM "Membership" WHERE userId = ? AND spaceId = ?`, rpId, spaceId("laenderbeirat")).id;
    expect((await postForm(server.url, "/spaces/laenderbeirat/members", { intent: "remove", membershipId: membership }, { cookie: cookies[USERS.leitung] })).status).toBe(200);

    const list = await visible(await get(server.url, "/notifications", cookies[USERS.rp]));
    expect(list).not.toContain(title);
    expect(list).toContain(m.forum.notificationHidden);
    const start = await visible(await get(server.url, "/", cookies[USERS.rp]));
    expect(start).not.toContain(title);
    expect(start).toContain(m.forum.notificationHidden);
  });
});
