// Mail in-process, against a real SQLite copy and a real SMTP server in this process (issue 11):
// templates, the outbox's redaction and sealing, the sender's retries and failure, preferences and
// one-click unsubscribe, the overview's grouping and access check, password reset, and the lease.
import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { startSmtp, type TestSmtp } from "../support/smtp.ts";
import { DEMO } from "../support/paths.ts";

// The SMTP server's port must be in the environment before the app reads its configuration.
const smtp: TestSmtp = await startSmtp();
process.env.SMTP_URL = smtp.url;
process.env.PUBLIC_URL = "https://forum.example.org";
process.env.MAIL_RETRY_SCALE = "0.001";

const { db } = await import("../../app/db/db.server.ts");
const { dbDate, dbNow, newId } = await import("../../app/db/values.ts");
const { MAIL_LIMITS } = await import("../../app/domain/mail.ts");
const templates = await import("../../app/mail/templates.ts");
const { queueMail, listOutbox, retryFailedMail, REDACTED } = await import("../../app/mail/outbox.server.ts");
const { deliverDueMails } = await import("../../app/mail/sender.server.ts");
const { runDigests, lastScheduled } = await import("../../app/mail/digest.server.ts");
const prefs = await import("../../app/models/mail-preferences.server.ts");
const reset = await import("../../app/models/password-reset.server.ts");
const { drainEvents } = await import("../../app/events/processor.server.ts");
const { takeLease } = await import("../../app/events/leases.server.ts");

const quiet = { log: () => {}, error: () => {} };
const userByEmail = (email: string) => db.selectFrom("User").select(["id", "name", "email"]).where("email", "=", email).executeTakeFirstOrThrow();
const later = (ms: number) => Date.now() + ms;
const base = "https://forum.example.org";

afterAll(async () => {
  await smtp.stop();
});

describe("templates", () => {
  const item = { actorName: "Nora West", title: "MINT-Tage 2027", spaceName: "Länderbeirat", path: "/threads/t1", groupKey: "thread:t1", deadline: new Date("2026-12-04T12:00:00Z") };
  const rendered = [
    templates.invitationMail({ base, token: "inv-token-123456789", inviterName: "Ada", spaceName: "Länderbeirat", expiresAt: new Date() }),
    templates.passwordResetMail({ base, token: "reset-token-123456789", name: "Ben" }),
    templates.emailChangeMail({ base, token: "mail-token-123456789", name: "Ben", newAddress: "neu@example.org" }),
    ...(["mention", "reply", "accepted", "new-thread", "document-new", "document-review", "document-deadline", "document-status", "comment-reply"] as const)
      .map((kind) => templates.notificationMail({ base, name: "Ben", item: { ...item, kind }, unsubscribeUrl: `${base}/mail/unsubscribe/x` })),
    templates.digestMail({ base, name: "Ben", cadence: "daily", items: [{ ...item, kind: "reply" }], unsubscribeUrl: `${base}/mail/unsubscribe/x` }),
  ];

  it("every mail has a German subject, a text and an HTML part, and links only to PUBLIC_URL", () => {
    for (const mail of rendered) {
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(mail.text).toContain("Ihr Länderforum");
      expect(mail.html).toMatch(/^<!doctype html><html lang="de">/);
      // No images, no remote resources, no tracking: every URL in either part is ours.
      expect(mail.html).not.toMatch(/<img|<script|<link|url\(/i);
      for (const part of [mail.text, mail.html]) {
        for (const url of part.match(/https?:\/\/[^\s"<>]+/g) ?? []) expect(url.startsWith(`${base}/`)).toBe(true);
      }
    }
  });

  it("names the deadline of a comment period, escapes HTML, and marks the tokens as secrets", () => {
    const review = templates.notificationMail({ base, name: "Ben", item: { ...item, kind: "document-review", title: "<b>Papier</b>" }, unsubscribeUrl: `${base}/u` });
    expect(review.text).toContain("Frist: 4. Dezember 2026");
    expect(review.html).toContain("&lt;b&gt;Papier&lt;/b&gt;");
    expect(rendered[1].secrets).toEqual(["reset-token-123456789"]);
    expect(rendered[1].text).toContain(`${base}/password/reset/reset-token-123456789`);
  });
});

describe("outbox", () => {
  it("keeps secrets out of the stored display text and seals the payload", async () => {
    const token = crypto.randomBytes(32).toString("base64url");
    const id = await queueMail(db, { ...templates.passwordResetMail({ base, token, name: "Test" }), to: "x@example.org", kind: "password-reset" });
    const row = await db.selectFrom("OutboundMail").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.displayText).toContain(`${base}/password/reset/${REDACTED}`);
    expect(row.sealed).toBe(1);
    const listed = (await listOutbox(db)).find((m) => m.id === id)!;
    expect(listed.text).not.toContain(token);
    expect(row.messageId).toMatch(/^<c[0-9a-z]+@forum\.example\.org>$/i);
    await db.deleteFrom("OutboundMail").where("id", "=", id).execute();
  });

  it("retries while the SMTP server is down, then delivers once with the same Message-ID", async () => {
    await smtp.stop();
    const id = await queueMail(db, { ...templates.passwordResetMail({ base, token: "retry-token-abcdefgh", name: "Test" }), to: "retry@example.org", kind: "password-reset" });
    expect(await deliverDueMails(quiet)).toBe(1);
    let row = await db.selectFrom("OutboundMail").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row.lastError).toBeTruthy();
    // The next attempt waits (60 s in production; scaled down here) and is not due at once.
    expect(new Date(row.nextAttemptAt).getTime()).toBeGreaterThan(Date.now() - 1000);
    await smtp.start();
    expect(await deliverDueMails(quiet, later(60_000))).toBe(1);
    row = await db.selectFrom("OutboundMail").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "sent", attempts: 2, payload: null });
    const received = await smtp.waitFor((m) => m.envelopeTo.includes("retry@example.org"), "retried mail");
    expect(received.parsed.messageId).toBe(row.messageId);
    expect(received.parsed.text).toContain(`${base}/password/reset/retry-token-abcdefgh`);
    expect(received.parsed.html).toContain(`${base}/password/reset/retry-token-abcdefgh`);
    expect(smtp.mails.filter((m) => m.envelopeTo.includes("retry@example.org"))).toHaveLength(1);
  });

  it("gives up after 8 attempts, spread over about a day, and an admin can send it again", async () => {
    const delays = MAIL_LIMITS.retryDelaysMs.reduce((a, b) => a + b, 0);
    expect(MAIL_LIMITS.maxAttempts).toBe(8);
    expect(delays / 3_600_000).toBeGreaterThan(20);
    expect(delays / 3_600_000).toBeLessThan(26);
    await smtp.stop();
    const id = await queueMail(db, { subject: "Test", text: "t", html: "<p>t</p>", secrets: [], to: "fail@example.org", kind: "test" });
    for (let i = 1; i <= 8; i++) await deliverDueMails(quiet, later(i * 24 * 3_600_000));
    const row = await db.selectFrom("OutboundMail").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", attempts: 8 });
    await smtp.start();
    expect(await retryFailedMail(db, id)).toBe(true);
    expect(await retryFailedMail(db, id)).toBe(false);
    await deliverDueMails(quiet, later(1000));
    await smtp.waitFor((m) => m.envelopeTo.includes("fail@example.org"), "mail sent again");
  });
});

describe("preferences and one-click unsubscribe", () => {
  it("defaults: mentions and review deadlines at once, the rest daily", async () => {
    const by = await userByEmail(DEMO.by);
    const p = await prefs.loadPreferences(db, by.id);
    expect(p).toMatchObject({ mention: "instant", "document-review": "instant", "document-deadline": "instant", reply: "daily", "comment-reply": "daily" });
  });

  it("queues an instant mail with RFC 8058 headers, leaves digest kinds for the overview, sends nothing for off", async () => {
    const nw = await userByEmail(DEMO.nw);
    const item = { actorName: "Ben", title: "Thema", spaceName: "Länderbeirat", path: "/threads/x", groupKey: "thread:x" };
    const results = await db.transaction().execute(async (trx) => [
      await prefs.queueNotificationMail(trx, { userId: nw.id, kind: "mention", item }),
      await prefs.queueNotificationMail(trx, { userId: nw.id, kind: "reply", item }),
    ]);
    expect(results).toEqual(["queued", "digest"]);
    await deliverDueMails(quiet, later(1000));
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes(DEMO.nw) && m.parsed.subject === "Erwähnung in „Thema“", "mention mail");
    const header = mail.parsed.headerLines.find((h) => h.key === "list-unsubscribe")!.line;
    const link = /<(https:\/\/forum\.example\.org\/mail\/unsubscribe\/[^>]+)>/.exec(header)![1];
    expect(mail.parsed.headerLines.find((h) => h.key === "list-unsubscribe-post")!.line).toContain("List-Unsubscribe=One-Click");
    expect(mail.parsed.text).toContain(`${base}/profile/benachrichtigungen`);

    const token = link.split("/").pop()!;
    expect(await prefs.unsubscribe(token.slice(0, -2) + "xx")).toBeNull();
    expect(await prefs.unsubscribe(token)).toMatchObject({ userId: nw.id, target: "mention" });
    expect((await prefs.loadPreferences(db, nw.id)).mention).toBe("off");
    const after = await db.transaction().execute((trx) => prefs.queueNotificationMail(trx, { userId: nw.id, kind: "mention", item }));
    expect(after).toBe("off");
    await prefs.savePreferences(nw.id, { mention: "instant" });
  });
});

describe("overview (digest)", () => {
  it("groups items by Gremium and thread and leaves out what the person can no longer read", async () => {
    const by = await userByEmail(DEMO.by);
    const nw = await userByEmail(DEMO.nw);
    await db.deleteFrom("Notification").where("userId", "=", by.id).execute();
    const threads = await db.selectFrom("Thread").innerJoin("Space", "Space.id", "Thread.spaceId")
      .select(["Thread.id", "Thread.title", "Space.slug", "Space.name"]).where("Thread.deletedAt", "is", null).orderBy("Thread.id").execute();
    const beirat = threads.filter((t) => t.slug === "laenderbeirat");
    const regionen = threads.find((t) => t.slug === "mint-regionen")!;
    const roundTable = threads.find((t) => t.slug === "laender-round-table")!; // by is no member
    const note = (threadId: string, kind: "reply" | "mention" = "reply") =>
      ({ id: newId(), userId: by.id, kind, actorId: nw.id, threadId, createdAt: dbNow() });
    await db.insertInto("Notification").values([
      note(beirat[0].id), note(beirat[0].id), note(beirat[1].id), note(regionen.id), note(roundTable.id),
      note(beirat[1].id, "mention"), // a mention is sent at once, not in the overview
    ]).execute();

    expect(await runDigests("daily", later(1000))).toBeGreaterThan(0);
    while ((await deliverDueMails(quiet, later(2000))) > 0);
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes(DEMO.by) && /Täglicher Überblick/.test(m.parsed.subject ?? ""), "digest");
    const text = mail.parsed.text!;
    expect(text).toContain("4 Neuigkeiten");
    const beiratAt = text.indexOf("Länderbeirat\n");
    const regionenAt = text.indexOf(`${regionen.name}\n`);
    expect(beiratAt).toBeGreaterThan(-1);
    expect(regionenAt).toBeGreaterThan(beiratAt);
    expect(text).toContain(`${beirat[0].title} (2 Neuigkeiten)`);
    expect(text).toContain(beirat[1].title);
    expect(text).not.toContain(roundTable.title);
    expect(text).not.toContain("erwähnt");
    expect(mail.parsed.html).toContain(`<h2 style="font-size:1.1em;margin:1.2em 0 .4em">Länderbeirat</h2>`);
    expect(mail.parsed.headerLines.some((h) => h.key === "list-unsubscribe")).toBe(true);

    // Once per scheduled time: running again adds nothing.
    expect(await runDigests("daily", later(2000))).toBe(0);
  });

  it("schedules at the configured Berlin time, weekly on Mondays", () => {
    const at = new Date(lastScheduled(Date.parse("2026-07-15T10:00:00Z"), "daily", "07:00"));
    expect(at.toISOString()).toBe("2026-07-15T05:00:00.000Z"); // summer time
    // 06:30 in Berlin (winter time) is before 07:00: the latest overview time was the day before.
    expect(new Date(lastScheduled(Date.parse("2026-12-15T05:30:00Z"), "daily", "07:00")).toISOString()).toBe("2026-12-14T06:00:00.000Z");
    expect(new Date(lastScheduled(Date.parse("2026-12-17T12:00:00Z"), "weekly", "07:00")).toISOString()).toBe("2026-12-14T06:00:00.000Z");
  });
});

describe("password reset", () => {
  it("queues a single-use link for an active account, nothing for unknown or disabled ones", async () => {
    const rp = await userByEmail(DEMO.ministeriumRp);
    const before = await db.selectFrom("OutboundMail").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(await reset.requestPasswordReset({ email: "niemand@example.org", ip: "10.9.0.1" })).toEqual({ ok: true });
    await db.updateTable("User").set({ status: "disabled" }).where("id", "=", rp.id).execute();
    expect(await reset.requestPasswordReset({ email: DEMO.ministeriumRp, ip: "10.9.0.1" })).toEqual({ ok: true });
    await drainEvents(quiet);
    const after = await db.selectFrom("OutboundMail").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    await db.updateTable("User").set({ status: "active" }).where("id", "=", rp.id).execute();

    await reset.requestPasswordReset({ email: DEMO.ministeriumRp, ip: "10.9.0.1" });
    await reset.requestPasswordReset({ email: DEMO.ministeriumRp, ip: "10.9.0.1" });
    await drainEvents(quiet);
    await deliverDueMails(quiet, later(1000));
    const mails = smtp.mails.filter((m) => m.envelopeTo.includes(DEMO.ministeriumRp) && m.parsed.subject === "Passwort zurücksetzen");
    expect(mails).toHaveLength(2);
    const tokens = mails.map((m) => /\/password\/reset\/([A-Za-z0-9_-]+)/.exec(m.parsed.text!)![1]);
    // Only hashes are stored; the newer request invalidated the older link.
    const stored = await db.selectFrom("PasswordReset").select("tokenHash").where("userId", "=", rp.id).execute();
    for (const t of tokens) expect(JSON.stringify(stored)).not.toContain(t);
    expect(await reset.loadPasswordResetPage(tokens[0])).toBeNull();
    expect(await reset.loadPasswordResetPage(tokens[1])).toEqual({ email: DEMO.ministeriumRp });
    const done = await reset.completePasswordReset({ token: tokens[1], password: "ein-neues-passwort", ip: "10.9.0.1" });
    expect(done?.userId).toBe(rp.id);
    expect(await reset.completePasswordReset({ token: tokens[1], password: "noch-ein-passwort", ip: "10.9.0.1" })).toBeNull();
    const audit = await db.selectFrom("AuditEvent").select("action").where("targetId", "=", rp.id).where("action", "=", "user.password-reset").execute();
    expect(audit).toHaveLength(1);
  });

  it("limits requests per client address (429) and mails per recipient (silently)", async () => {
    const { max } = MAIL_LIMITS.resetRequestsPerAddress;
    for (let i = 0; i < max; i++) expect((await reset.requestPasswordReset({ email: DEMO.gast, ip: "10.8.0.1" })).ok).toBe(true);
    const refused = await reset.requestPasswordReset({ email: DEMO.gast, ip: "10.8.0.1" });
    expect(refused.ok).toBe(false);
    await drainEvents(quiet);
    const gast = await userByEmail(DEMO.gast);
    const queued = await db.selectFrom("OutboundMail").select("id").where("userId", "=", gast.id).where("kind", "=", "password-reset").execute();
    expect(queued).toHaveLength(MAIL_LIMITS.resetMailsPerRecipient.max);
  });

  it("expires after an hour", async () => {
    const token = "x".repeat(43);
    const th = await userByEmail("th@laenderforum.example");
    await db.insertInto("PasswordReset").values({
      id: newId(), userId: th.id, tokenHash: crypto.createHash("sha256").update(token).digest("hex"),
      expiresAt: dbDate(Date.now() - 1), createdAt: dbDate(Date.now() - MAIL_LIMITS.resetTokenTtlMs),
    }).execute();
    expect(await reset.loadPasswordResetPage(token)).toBeNull();
  });
});

describe("lease", () => {
  it("only one holder runs the sender at a time; an expired lease passes on", async () => {
    expect(await takeLease("mail-test", "a", 60_000)).toBe(true);
    expect(await takeLease("mail-test", "b", 60_000)).toBe(false);
    expect(await takeLease("mail-test", "b", 60_000, later(61_000))).toBe(true);
  });
});
