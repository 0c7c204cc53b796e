// Mail end to end over HTTP against the built server, with a real SMTP server in the test process
// (issue 11): the whole password reset flow from the mail; no token in the log or the admins'
// outbox; a mail queued while the SMTP server is down arrives once it is up, across a restart and
// across `kill -9`; the daily overview groups items; one-click unsubscribe works without login.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { get, loginCookie, postForm } from "../support/http.ts";
import { DEMO, freshDatabase, TEST_PASSWORD } from "../support/paths.ts";
import { freePort, startServer, type TestServer } from "../support/server.ts";
import { linkIn, rawHeader, startSmtp, type TestSmtp } from "../support/smtp.ts";
import { until } from "../support/collab-server.ts";

const servers: TestServer[] = [];
const smtps: TestSmtp[] = [];
afterAll(async () => {
  // A server killed with SIGKILL has no exit code, only a signal: nothing left to stop.
  await Promise.all(servers.filter((s) => s.process.exitCode === null && s.process.signalCode === null).map((s) => s.stop()));
  for (const s of smtps) await s.stop();
});

/** A server with mail delivery to `smtpUrl`; PUBLIC_URL is its own address (fixed port). */
async function mailServer(smtpUrl: string | undefined, database = freshDatabase("mail-http"), extra: Record<string, string> = {}, port?: number) {
  port ??= await freePort();
  const server = await startServer({
    PORT: String(port), PUBLIC_URL: smtpUrl ? `http://localhost:${port}` : undefined, SMTP_URL: smtpUrl, MAIL_RETRY_SCALE: "0.0005", ...extra,
  }, database);
  servers.push(server);
  return { server, database, port };
}

async function smtpServer() {
  const smtp = await startSmtp();
  smtps.push(smtp);
  return smtp;
}

const open = (file: string) => new Database(file, { readonly: true });
const row = <T>(file: string, sql: string, ...params: unknown[]) => {
  const db = open(file);
  try { return db.prepare(sql).get(...params) as T | undefined; } finally { db.close(); }
};
const TOKEN_IN_URL = /\/password\/reset\/([A-Za-z0-9_-]{40,60})/;

describe("password reset over HTTP", () => {
  it("works from the mail: the link works once, other sessions end, the throttle is cleared; nothing leaks", async () => {
    const smtp = await smtpServer();
    const { server } = await mailServer(smtp.url);
    const oldSession = await loginCookie(server.url, DEMO.nw);
    for (let i = 0; i < 5; i++) await postForm(server.url, "/login", { email: DEMO.nw, password: "falsch-falsch" });
    expect((await postForm(server.url, "/login", { email: DEMO.nw, password: TEST_PASSWORD })).status).toBe(429);

    const form = await get(server.url, "/password/forgot");
    expect(form.status).toBe(200);
    expect(await (await get(server.url, "/login")).text()).toContain('href="/password/forgot"');
    const known = await postForm(server.url, "/password/forgot", { email: DEMO.nw });
    const unknown = await postForm(server.url, "/password/forgot", { email: "niemand@example.org" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const strip = (html: string) => html.replace(/niemand@example\.org|nw@laenderforum\.example|nonce="[^"]*"/g, "");
    expect(strip(await unknown.text())).toBe(strip(await known.text()));

    const mail = await smtp.waitFor((m) => m.envelopeTo.includes(DEMO.nw) && m.parsed.subject === "Passwort zurücksetzen", "reset mail");
    expect(mail.parsed.html).toBeTruthy();
    const link = linkIn(mail, `${server.url}/password/reset/`);
    const token = TOKEN_IN_URL.exec(link)![1];
    const path = new URL(link).pathname;

    expect((await get(server.url, path)).status).toBe(200);
    const set = await postForm(server.url, path, { password: "mein-neues-passwort", confirm: "mein-neues-passwort" });
    expect(set.status).toBe(302);
    const newSession = set.headers.get("set-cookie")!.split(";")[0];
    expect((await get(server.url, "/profile", newSession)).status).toBe(200);
    expect((await get(server.url, "/profile", oldSession)).status).toBe(302);
    // Throttle cleared: the new password works at once from the address that failed five times.
    expect((await postForm(server.url, "/login", { email: DEMO.nw, password: "mein-neues-passwort" })).status).toBe(302);
    // Once only.
    expect((await postForm(server.url, path, { password: "noch-ein-passwort!", confirm: "noch-ein-passwort!" })).status).toBe(410);
    expect((await get(server.url, path)).status).toBe(410);
    expect(row<{ n: number }>(server.dbFile, `SELECT count(*) AS n FROM "AuditEvent" WHERE "action" = 'user.password-reset'`)!.n).toBe(1);

    const admin = await loginCookie(server.url, DEMO.admin);
    const outbox = await (await get(server.url, "/admin/outbox", admin)).text();
    expect(outbox).toContain("Passwort zurücksetzen");
    expect(outbox).not.toContain(token);
    expect(server.output()).not.toContain(token);
    expect((await get(server.url, "/admin/outbox", newSession)).status).toBe(403);

    // "Erneut senden": a failed mail goes out again (the 8 failures are played by the database here;
    // the in-process test runs them against a stopped SMTP server).
    const sent = row<{ id: string; messageId: string }>(server.dbFile, `SELECT "id", "messageId" FROM "OutboundMail" WHERE "toAddress" = ? AND "kind" = 'password-reset'`, DEMO.nw)!;
    const writable = new Database(server.dbFile);
    writable.prepare(`UPDATE "OutboundMail" SET "status" = 'failed', "attempts" = 8, "lastError" = 'test', "payload" = ? WHERE "id" = ?`)
      .run(JSON.stringify({ text: "Nochmal", html: "<p>Nochmal</p>", headers: {} }), sent.id);
    writable.prepare(`UPDATE "OutboundMail" SET "sealed" = 0 WHERE "id" = ?`).run(sent.id);
    writable.close();
    expect(await (await get(server.url, "/admin/outbox", admin)).text()).toContain("Erneut senden");
    expect((await postForm(server.url, "/admin/outbox", { intent: "retry", mailId: sent.id }, { cookie: newSession })).status).toBe(403);
    expect((await postForm(server.url, "/admin/outbox", { intent: "retry", mailId: sent.id }, { cookie: admin })).status).toBe(200);
    const again = await smtp.waitFor((m) => m.parsed.text?.trim().startsWith("Nochmal") ?? false, "the mail sent again");
    expect(again.parsed.messageId).toBe(sent.messageId);
    expect((await postForm(server.url, "/admin/outbox", { intent: "retry", mailId: sent.id }, { cookie: admin })).status).toBe(409);
  });

  it("without SMTP_URL the mail stays in the outbox and the log, with the link redacted", async () => {
    const { server } = await mailServer(undefined);
    expect((await postForm(server.url, "/password/forgot", { email: DEMO.by })).status).toBe(200);
    await until(() => /\[mail\][\s\S]*Passwort zurücksetzen[\s\S]*Ihr Länderforum/.test(server.output()), "the mail in the log");
    expect(server.output()).toContain("/password/reset/[entfernt]");
    await until(() => row<{ status: string }>(server.dbFile, `SELECT "status" FROM "OutboundMail" WHERE "toAddress" = ? AND "kind" = 'password-reset'`, DEMO.by)?.status === "logged", "marked logged");
    expect(server.output()).not.toMatch(TOKEN_IN_URL);
    const stored = row<{ status: string; displayText: string; payload: string }>(server.dbFile, `SELECT * FROM "OutboundMail" WHERE "toAddress" = ? AND "kind" = 'password-reset'`, DEMO.by)!;
    expect(stored.status).toBe("logged");
    expect(stored.displayText).not.toMatch(TOKEN_IN_URL);
    expect(stored.payload).not.toMatch(TOKEN_IN_URL); // sealed
    const outbox = await (await get(server.url, "/admin/outbox", await loginCookie(server.url, DEMO.admin))).text();
    expect(outbox).toContain("/password/reset/[entfernt]");
    expect(outbox).not.toMatch(TOKEN_IN_URL);
    expect(outbox).toContain("SMTP_URL");
  });

  it("refuses to start with SMTP_URL but without PUBLIC_URL, saying why", async () => {
    await expect(startServer({ SMTP_URL: "smtp://127.0.0.1:2525", PUBLIC_URL: undefined })).rejects.toThrow(/PUBLIC_URL is required when SMTP_URL is set/);
  });
});

describe("STARTTLS", () => {
  it("upgrades to TLS when the mail server offers it, and checks its certificate", async () => {
    const dir = freshDatabase("mail-tls").dir;
    const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
    const made = spawnSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
      "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], { encoding: "utf8" });
    expect(made.status, made.stderr).toBe(0);
    const smtp = await startSmtp(0, { key: fs.readFileSync(key, "utf8"), cert: fs.readFileSync(cert, "utf8") });
    smtps.push(smtp);
    // The app trusts this test certificate only through NODE_EXTRA_CA_CERTS, as it would a private CA.
    const { server } = await mailServer(smtp.url, undefined, { NODE_EXTRA_CA_CERTS: cert });
    await postForm(server.url, "/password/forgot", { email: DEMO.by });
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes(DEMO.by) && m.parsed.subject === "Passwort zurücksetzen", "reset mail over STARTTLS");
    expect(mail.secure).toBe(true);

    // Without that trust the upgrade fails and the mail waits in the outbox; nothing goes out in plain text.
    const untrusting = await mailServer(smtp.url);
    const before = smtp.mails.length;
    await postForm(untrusting.server.url, "/password/forgot", { email: DEMO.nw });
    await until(() => /certificate/i.test(row<{ lastError: string | null }>(untrusting.server.dbFile, `SELECT "lastError" FROM "OutboundMail" WHERE "toAddress" = ? AND "kind" = 'password-reset'`, DEMO.nw)?.lastError ?? ""), "a certificate error", 20_000);
    expect(smtp.mails.slice(before).filter((m) => m.envelopeTo.includes(DEMO.nw))).toEqual([]);
  });
});

describe("outbox durability", () => {
  it("a mail queued while the SMTP server is down arrives once it is up, across a restart", async () => {
    const smtp = await smtpServer();
    await smtp.stop();
    const first = await mailServer(smtp.url);
    expect((await postForm(first.server.url, "/password/forgot", { email: DEMO.by })).status).toBe(200);
    await until(() => (row<{ attempts: number }>(first.server.dbFile, `SELECT "attempts" FROM "OutboundMail" WHERE "toAddress" = ? AND "kind" = 'password-reset'`, DEMO.by)?.attempts ?? 0) >= 1, "a failed attempt", 20_000);
    await first.server.stop();

    await smtp.start();
    // Same address as before, so PUBLIC_URL (and the link in the mail) stays the same.
    const second = await mailServer(smtp.url, first.database, {}, first.port);
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes(DEMO.by) && m.parsed.subject === "Passwort zurücksetzen", "the queued mail after restart");
    const stored = row<{ status: string; messageId: string }>(second.server.dbFile, `SELECT "status", "messageId" FROM "OutboundMail" WHERE "toAddress" = ? AND "kind" = 'password-reset'`, DEMO.by)!;
    expect(mail.parsed.messageId).toBe(stored.messageId);
    await until(() => row<{ status: string }>(second.server.dbFile, `SELECT "status" FROM "OutboundMail" WHERE "messageId" = ?`, stored.messageId)!.status === "sent", "marked sent");
    expect(smtp.mails.filter((m) => m.envelopeTo.includes(DEMO.by) && m.parsed.subject === "Passwort zurücksetzen")).toHaveLength(1);
    // The link in it still works.
    const path = new URL(linkIn(mail, `${second.server.url}/password/reset/`)).pathname;
    expect((await get(second.server.url, path)).status).toBe(200);
  });

  it("loses no queued mail (nor a request's queued work) to kill -9", async () => {
    const smtp = await smtpServer();
    await smtp.stop();
    const first = await mailServer(smtp.url);
    await postForm(first.server.url, "/password/forgot", { email: DEMO.nw });
    await until(() => (row<{ attempts: number }>(first.server.dbFile, `SELECT "attempts" FROM "OutboundMail" WHERE "toAddress" = ? AND "kind" = 'password-reset'`, DEMO.nw)?.attempts ?? 0) >= 1, "nw's mail in the outbox", 20_000);
    // The second request is killed right after its answer: its event may not have run yet.
    expect((await postForm(first.server.url, "/password/forgot", { email: DEMO.gast })).status).toBe(200);
    const exited = new Promise((resolve) => first.server.process.once("exit", resolve));
    first.server.process.kill("SIGKILL");
    await exited;

    await smtp.start();
    await mailServer(smtp.url, first.database);
    // The killed process's leases (events 30 s, mail 20 s) must run out before the new one takes over.
    await smtp.waitFor((m) => m.envelopeTo.includes(DEMO.nw) && m.parsed.subject === "Passwort zurücksetzen", "nw's mail after kill -9", 60_000);
    await smtp.waitFor((m) => m.envelopeTo.includes(DEMO.gast) && m.parsed.subject === "Passwort zurücksetzen", "gast's mail after kill -9", 60_000);
  }, 120_000);
});

describe("one sender", () => {
  it("two processes on one database deliver each mail exactly once", async () => {
    const smtp = await smtpServer();
    const a = await mailServer(smtp.url);
    const b = await mailServer(smtp.url, a.database);
    const people = [DEMO.by, DEMO.nw, DEMO.gast, DEMO.ministeriumRp, DEMO.leitung];
    for (const [i, email] of people.entries()) {
      expect((await postForm((i % 2 ? b : a).server.url, "/password/forgot", { email })).status).toBe(200);
    }
    for (const email of people) await smtp.waitFor((m) => m.envelopeTo.includes(email) && m.parsed.subject === "Passwort zurücksetzen", `reset mail to ${email}`);
    await until(() => row<{ n: number }>(a.server.dbFile, `SELECT count(*) AS n FROM "OutboundMail" WHERE "status" = 'queued'`)!.n === 0, "an empty queue", 20_000);
    const ids = smtp.mails.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("overview and unsubscribe over HTTP", () => {
  it("the daily overview groups by Gremium and thread; its one-click unsubscribe works without login", async () => {
    const smtp = await smtpServer();
    const database = freshDatabase("mail-digest");
    const sqlite = new Database(database.file);
    const by = sqlite.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get(DEMO.by) as { id: string };
    const nw = sqlite.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get(DEMO.nw) as { id: string };
    const threads = sqlite.prepare(`SELECT t."id", t."title", s."slug", s."name" FROM "Thread" t JOIN "Space" s ON s."id" = t."spaceId" WHERE t."deletedAt" IS NULL ORDER BY t."id"`).all() as Array<{ id: string; title: string; slug: string; name: string }>;
    const beirat = threads.filter((t) => t.slug === "laenderbeirat");
    const regionen = threads.find((t) => t.slug === "mint-regionen")!;
    const roundTable = threads.find((t) => t.slug === "laender-round-table")!;
    sqlite.prepare(`DELETE FROM "Notification" WHERE "userId" = ?`).run(by.id);
    const insert = sqlite.prepare(`INSERT INTO "Notification" ("id", "userId", "kind", "actorId", "threadId", "createdAt") VALUES (?, ?, 'reply', ?, ?, ?)`);
    let n = 0;
    for (const t of [beirat[0], beirat[0], beirat[1], regionen, roundTable]) insert.run(`cdigest${n++}`, by.id, nw.id, t.id, new Date().toISOString().replace("Z", "+00:00"));
    sqlite.close();

    const { server } = await mailServer(smtp.url, database, { MAIL_DIGEST_TIME: "00:00" });
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes(DEMO.by) && m.parsed.subject === "Täglicher Überblick aus dem Länderforum", "by's overview");
    const text = mail.parsed.text!;
    expect(text).toContain("4 Neuigkeiten");
    expect(text.indexOf("Länderbeirat\n")).toBeGreaterThan(-1);
    expect(text.indexOf(`${regionen.name}\n`)).toBeGreaterThan(text.indexOf("Länderbeirat\n"));
    expect(text).toContain(`${beirat[0].title} (2 Neuigkeiten)`);
    expect(text).not.toContain(roundTable.title);
    expect(text).toContain(`${server.url}/profile/benachrichtigungen`);

    expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const link = /<([^>]+)>/.exec(rawHeader(mail, "List-Unsubscribe")!)![1];
    expect(link.startsWith(`${server.url}/mail/unsubscribe/`)).toBe(true);
    // A GET (a link scanner, or someone clicking) changes nothing and asks first.
    const confirm = await fetch(link);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain("Abbestellen");
    expect(row<{ n: number }>(server.dbFile, `SELECT count(*) AS n FROM "NotificationPreference" WHERE "userId" = ?`, by.id)!.n).toBe(0);
    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", without cookie or Origin.
    const res = await fetch(link, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(200);
    const modes = open(server.dbFile).prepare(`SELECT "kind", "mode" FROM "NotificationPreference" WHERE "userId" = ?`).all(by.id) as Array<{ kind: string; mode: string }>;
    expect(modes.map((r) => r.kind).sort()).toEqual(["accepted", "comment-reply", "document-new", "document-status", "new-thread", "reply"]);
    expect(new Set(modes.map((r) => r.mode))).toEqual(new Set(["off"]));
    // A forged token changes nothing.
    expect((await fetch(link.slice(0, -3) + "abc", { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } })).status).toBe(404);

    // The preferences page shows the result and saves changes.
    const cookie = await loginCookie(server.url, DEMO.by);
    const page = await (await get(server.url, "/profile/benachrichtigungen", cookie)).text();
    expect(page).toContain("Benachrichtigungen per E-Mail");
    expect(await (await get(server.url, "/profile", cookie)).text()).toContain('href="/profile/benachrichtigungen"');
    expect((await postForm(server.url, "/profile/benachrichtigungen", { reply: "weekly", mention: "off" }, { cookie })).status).toBe(200);
    expect(row<{ mode: string }>(server.dbFile, `SELECT "mode" FROM "NotificationPreference" WHERE "userId" = ? AND "kind" = 'reply'`, by.id)!.mode).toBe("weekly");
  });
});
