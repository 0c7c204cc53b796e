// Account data over HTTP against the built server (issue 12), with a real SMTP server and real
// WebSocket clients: ending a session from the profile's list signs that client out and closes its
// document socket; a new e-mail address works for login only after the mailed link is confirmed;
// the data export ZIP holds exactly the files the README lists; after an admin carries out a
// deletion, the person's addresses appear in no table and column, the name only in the deletion's
// audit entry, and their posts and others' mentions of them read "ehemaliges Mitglied".
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE_CODES } from "../../app/domain/collab.ts";
import { get, loginCookie, postForm } from "../support/http.ts";
import { DEMO, ROOT, TEST_PASSWORD } from "../support/paths.ts";
import { freePort, startServer, type TestServer } from "../support/server.ts";
import { linkIn, startSmtp, type TestSmtp } from "../support/smtp.ts";
import { connectClient } from "../support/collab.ts";

const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const NEW_ADDRESS = "miriam.neu@example.org";
const NAME = "Miriam Schulte"; // DEMO.nw in the seed

let server: TestServer;
let smtp: TestSmtp;
let sqlite: Database.Database;

beforeAll(async () => {
  smtp = await startSmtp();
  const port = await freePort();
  server = await startServer({ PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, SMTP_URL: smtp.url, MAIL_RETRY_SCALE: "0.0005" });
  sqlite = new Database(server.dbFile, { readonly: true });
});

afterAll(async () => {
  sqlite?.close();
  await server?.stop();
  await smtp?.stop();
});

/** Logs in through POST /login with a given User-Agent; null when refused. */
async function login(email: string, userAgent = FIREFOX_LINUX) {
  const res = await fetch(`${server.url}/login`, { method: "POST", body: new URLSearchParams({ email, password: TEST_PASSWORD }), headers: { "User-Agent": userAgent }, redirect: "manual" });
  const setCookie = res.headers.get("set-cookie");
  return res.status === 302 && setCookie?.includes("lf_session=") && !setCookie.includes("lf_session=;") ? setCookie.split(";")[0] : null;
}

const userId = (email: string) => (sqlite.prepare(`SELECT id FROM "User" WHERE email = ?`).get(email) as { id: string }).id;

describe("sessions", () => {
  it("lists the devices; ending one signs that client out and closes its document socket", async () => {
    const here = (await login(DEMO.nw, FIREFOX_LINUX))!;
    const phone = (await login(DEMO.nw, CHROME_ANDROID))!;
    const paper = sqlite.prepare(`SELECT d.id FROM "Document" d JOIN "Membership" m ON m.spaceId = d.spaceId WHERE m.userId = ? LIMIT 1`).get(userId(DEMO.nw)) as { id: string };
    const socket = connectClient(server.url, paper.id, { Cookie: phone, Origin: server.url });
    await socket.until(() => socket.provider.synced, "the phone's socket synced");

    const page = await (await get(server.url, "/profile", here)).text();
    expect(page).toContain("Firefox auf Linux");
    expect(page).toContain("Chrome auf Android");
    expect(page).toMatch(/Firefox auf Linux<\/strong> \(<!-- -->dieses Gerät/);
    // Fresh sessions show their start as last activity (tests/integration/privacy.test.ts covers the throttle).
    expect(page).toMatch(/Zuletzt aktiv(<!-- -->)?: (<!-- -->)?\d/);
    // No session id in the page: the handles are digests.
    for (const { id } of sqlite.prepare(`SELECT id FROM "Session" WHERE userId = ?`).all(userId(DEMO.nw)) as Array<{ id: string }>) expect(page).not.toContain(id);

    const handles = [...page.matchAll(/<li data-session="other">.*?name="session" value="([0-9a-f]{24})"/gs)].map((m) => m[1]);
    expect(handles.length).toBeGreaterThanOrEqual(1);
    // End every other session one by one from the list, as a person would click through it.
    for (const handle of handles) expect((await postForm(server.url, "/profile", { intent: "end-session", session: handle }, { cookie: here })).status).toBe(200);

    await socket.until(() => socket.closeEvents.some((e) => e.code === CLOSE_CODES.unauthenticated), "the phone's socket closed");
    socket.destroy();
    const out = await get(server.url, "/profile", phone);
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toMatch(/^\/login/);
    expect((await get(server.url, "/profile", here)).status).toBe(200);
    // A handle that is not one's own session changes nothing.
    expect((await postForm(server.url, "/profile", { intent: "end-session", session: "0".repeat(24) }, { cookie: here })).status).toBe(404);
    const audit = sqlite.prepare(`SELECT count(*) AS n FROM "AuditEvent" WHERE action = 'session.end' AND targetId = ?`).get(userId(DEMO.nw)) as { n: number };
    expect(audit.n).toBe(handles.length);
  });
});

describe("changing the e-mail address", () => {
  it("takes effect only when the mailed link is confirmed; the old address is told and works until then", async () => {
    const cookie = (await login(DEMO.nw))!;
    const asked = await postForm(server.url, "/profile", { intent: "email", newEmail: NEW_ADDRESS }, { cookie });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain(`Bestätigungslink an ${NEW_ADDRESS}`);
    const confirmation = await smtp.waitFor((m) => m.envelopeTo.includes(NEW_ADDRESS), "confirmation mail to the new address");
    expect(confirmation.parsed.subject).toBe("Neue E-Mail-Adresse bestätigen");
    const notice = await smtp.waitFor((m) => m.envelopeTo.includes(DEMO.nw) && m.parsed.subject === "Änderung Ihrer E-Mail-Adresse angefordert", "notice to the old address");
    expect(notice.parsed.text).toContain(NEW_ADDRESS);
    expect(notice.parsed.text).not.toContain("/profile/email/");

    // Before confirmation: the new address does not sign in, the old one does.
    expect(await login(NEW_ADDRESS)).toBeNull();
    expect(await login(DEMO.nw)).not.toBeNull();

    const link = new URL(linkIn(confirmation, `${server.url}/profile/email/`));
    const token = link.pathname.split("/").pop()!;
    // The token itself is not stored (only its sha256), and opening the link changes nothing yet.
    expect(JSON.stringify(sqlite.prepare(`SELECT * FROM "EmailChange"`).all())).not.toContain(token);
    const shown = await get(server.url, link.pathname);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain("Adresse bestätigen");
    expect(await login(NEW_ADDRESS)).toBeNull();

    const confirmed = await postForm(server.url, link.pathname, {});
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain("Ihre neue E-Mail-Adresse gilt jetzt.");
    expect(await login(NEW_ADDRESS)).not.toBeNull();
    expect(await login(DEMO.nw)).toBeNull();
    // Single use.
    expect((await postForm(server.url, link.pathname, {})).status).toBe(410);
    expect(await (await get(server.url, link.pathname)).text()).toContain("Dieser Link ist ungültig");
  });
});

/** The export's files as the README's "Datenschutz" section lists them (backticked names in its table). */
function readmeExportFiles() {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Meine Daten"), readme.indexOf("### ", readme.indexOf("### Meine Daten") + 5));
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

describe("the data export", () => {
  it("is a ZIP with exactly what the README lists, the person's own rows, no session secrets; limited", async () => {
    const cookie = (await login(DEMO.by))!;
    const res = await get(server.url, "/profile/data-export", cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="laenderforum-meine-daten-\d{4}-\d{2}-\d{2}\.zip"$/);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const names = Object.keys(files);
    const listed = readmeExportFiles();
    expect(listed.length).toBeGreaterThanOrEqual(9);
    // Every file matches one README line, and every README line has its file(s).
    const pattern = (entry: string) => new RegExp(`^${entry.replace(/[.]/g, "\\.").replace("*", "[^/]+")}$`);
    for (const name of names) expect(listed.some((entry) => pattern(entry).test(name)), name).toBe(true);
    // Every listed single file is there; the per-post and per-comment Markdown files are checked below.
    for (const entry of listed.filter((e) => !e.includes("*"))) expect(names, entry).toContain(entry);

    const json = (name: string) => JSON.parse(strFromU8(files[name])) as unknown;
    const id = userId(DEMO.by);
    expect(json("profile.json")).toMatchObject({ id, email: DEMO.by, name: "Tobias Brandl" });
    const posts = json("posts.json") as Array<{ id: string }>;
    const stored = sqlite.prepare(`SELECT id FROM "Post" WHERE authorId = ? ORDER BY createdAt`).all(id) as Array<{ id: string }>;
    expect(posts.map((p) => p.id).sort()).toEqual(stored.map((p) => p.id).sort());
    for (const p of posts) expect(names.some((n) => n.startsWith("posts/") && n.endsWith(`-${p.id}.md`))).toBe(true);
    const comments = json("comments.json") as Array<{ id: string }>;
    for (const c of comments) expect(names.some((n) => n.startsWith("comments/") && n.endsWith(`-${c.id}.md`))).toBe(true);
    expect(comments.length).toBe((sqlite.prepare(`SELECT count(*) AS n FROM "Comment" WHERE authorId = ?`).get(id) as { n: number }).n);
    const memberships = json("memberships.json") as { gremien: unknown[] };
    expect(memberships.gremien.length).toBe((sqlite.prepare(`SELECT count(*) AS n FROM "Membership" WHERE userId = ?`).get(id) as { n: number }).n);
    const sessions = json("sessions.json") as Array<{ device: string }>;
    expect(sessions.map((s) => s.device)).toContain("Firefox auf Linux");
    const everything = names.map((n) => strFromU8(files[n])).join("\n");
    for (const { id: sessionId } of sqlite.prepare(`SELECT id FROM "Session" WHERE userId = ?`).all(id) as Array<{ id: string }>) expect(everything).not.toContain(sessionId);
    // Nobody else's address (a membership list would leak them).
    expect(everything).not.toContain(DEMO.admin);

    // Limited: three per hour.
    expect((await get(server.url, "/profile/data-export", cookie)).status).toBe(200);
    expect((await get(server.url, "/profile/data-export", cookie)).status).toBe(200);
    expect((await get(server.url, "/profile/data-export", cookie)).status).toBe(429);
    expect((await get(server.url, "/profile/data-export")).status).toBe(302);
  });
});

/** Every table (with the full-text index's own) and every column, as text and as bytes. */
function occurrences(needle: string) {
  // Not inside a longer address or word: "nw@…" must not match "ministerium-nw@…".
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}._%+-])${needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "iu");
  const found: Array<{ table: string; column: string; row: Record<string, unknown> }> = [];
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>;
  for (const { name } of tables) {
    let rows: Array<Record<string, unknown>>;
    try {
      rows = sqlite.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>;
    } catch {
      continue; // a contentless FTS table cannot be read as rows; its shadow tables are scanned below
    }
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        const text = Buffer.isBuffer(value) ? value.toString("latin1") + value.toString("utf8") : String(value);
        if (pattern.test(text)) found.push({ table: name, column, row });
      }
    }
  }
  return found;
}

describe("deleting an account", () => {
  it("is asked for, carried out by an admin; the addresses are gone everywhere, the name kept only in the deletion's audit entry, posts and mentions read 'ehemaliges Mitglied'", async () => {
    const id = userId(NEW_ADDRESS);
    const miriam = (await login(NEW_ADDRESS))!;
    const by = (await login(DEMO.by))!;
    // A thread both can write in, Miriam's reply in it, and Tobias mentioning her.
    const thread = sqlite.prepare(`SELECT t.id FROM "Thread" t JOIN "Membership" a ON a.spaceId = t.spaceId AND a.userId = ? JOIN "Membership" b ON b.spaceId = t.spaceId AND b.userId = ?
      WHERE t.deletedAt IS NULL AND t.locked = 0 LIMIT 1`).get(id, userId(DEMO.by)) as { id: string };
    expect((await postForm(server.url, `/threads/${thread.id}`, { intent: "reply", body: "Mein Beitrag vor der Löschung." }, { cookie: miriam })).status).toBe(302);
    const mention = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Danke an " }, { type: "mention", attrs: { id, label: NAME } }, { type: "text", text: " für den Hinweis." }] }] };
    expect((await postForm(server.url, `/threads/${thread.id}`, { intent: "reply", body: JSON.stringify(mention) }, { cookie: by })).status).toBe(302);
    const before = await (await get(server.url, `/threads/${thread.id}`, by)).text();
    expect(before).toContain(NAME);
    expect(before).toContain("Mein Beitrag vor der Löschung.");

    // Others wrote her name as plain words in the seed ("… @Miriam Schulte." typed, not a mention):
    // the README says other people's own words stay as they wrote them.
    const typedByOthers = occurrences(NAME).filter((f) => f.table === "Post" && f.row.authorId !== id && !String(f.row.bodyJson).includes('"mention"'));
    expect(typedByOthers.length).toBeGreaterThan(0);
    const asked = await postForm(server.url, "/profile", { intent: "request-deletion", confirm: "yes" }, { cookie: miriam });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("Löschung abbrechen");
    await smtp.waitFor((m) => m.envelopeTo.includes(NEW_ADDRESS) && m.parsed.subject === "Löschung Ihres Kontos beantragt", "deletion notice");
    const admin = await loginCookie(server.url, DEMO.admin);
    const list = await (await get(server.url, "/admin/deletions", admin)).text();
    expect(list).toContain(NAME);
    expect((await postForm(server.url, "/admin/deletions", { userId: id }, { cookie: admin })).status).toBe(200);

    expect((await get(server.url, "/profile", miriam)).status).toBe(302);

    // Neither address in any table or column.
    expect(occurrences(NEW_ADDRESS)).toEqual([]);
    expect(occurrences(DEMO.nw)).toEqual([]);
    // The name only in the audit entry of the deletion (README: "Datenschutz").
    const named = occurrences(NAME).filter((f) => !(f.table === "Post" && typedByOthers.some((t) => t.row.id === f.row.id)));
    expect(named.map((f) => `${f.table}.${f.column}:${String(f.row.action)}`)).toEqual(["AuditEvent.details:user.delete"]);
    // Those typed words are unchanged (nothing rewrote other people's text).
    for (const t of typedByOthers) expect((sqlite.prepare(`SELECT bodyText FROM "Post" WHERE id = ?`).get(t.row.id) as { bodyText: string }).bodyText).toBe(t.row.bodyText);
    // Both requests are audited.
    const actions = (sqlite.prepare(`SELECT action FROM "AuditEvent" WHERE targetId = ? ORDER BY createdAt`).all(id) as Array<{ action: string }>).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["user.deletion-requested", "user.delete"]));
    // Nothing keyed by the person remains but their authored content.
    for (const table of ["Session", "Membership", "Notification", "NotificationPreference", "EmailChange", "AccountDeletion", "OutboundMail", "LoginAddress", "Watch"]) {
      expect((sqlite.prepare(`SELECT count(*) AS n FROM "${table}" WHERE userId = ?`).get(id) as { n: number }).n, table).toBe(0);
    }

    // The discussion stays readable: her post under "ehemaliges Mitglied", the mention too.
    const after = await (await get(server.url, `/threads/${thread.id}`, by)).text();
    expect(after).toContain("Mein Beitrag vor der Löschung.");
    expect(after).toContain("ehemaliges Mitglied");
    expect(after).toMatch(/<span class="mention">@(<!-- -->)?ehemaliges Mitglied<\/span>/);
    expect(after).not.toContain(NAME);
    // Neither address signs in (each attempt is a failed login, kept 15 minutes like any other).
    expect(await login(NEW_ADDRESS)).toBeNull();
    expect(await login(DEMO.nw)).toBeNull();
    // An admin cannot enable the tombstone again.
    expect((await postForm(server.url, "/admin", { intent: "enable", userId: id }, { cookie: admin })).status).not.toBe(200);
    expect((sqlite.prepare(`SELECT status FROM "User" WHERE id = ?`).get(id) as { status: string }).status).toBe("deleted");
  });
});
