// Account data in-process against a real SQLite copy, with controlled time (issue 12): device labels,
// the "last seen" throttle, the retention job pruning exactly what is past its period (one period
// configured through the environment), and deletion after the grace period by the job, cancelling,
// and erasure of rows in any table with a userId column, including one the code does not know.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { drainEvents } from "../../app/events/processor.server.ts";
import { createThread, parsePostBody } from "../../app/models/forum.server.ts";
import { searchPosts } from "../../app/models/search.server.ts";
import { DEMO } from "../support/paths.ts";

// Configuration is read once: set before the app's modules load.
process.env.RETENTION_NOTIFICATION_DAYS = "90";
process.env.DELETION_GRACE_DAYS = "14";

const { db } = await import("../../app/db/db.server.ts");
const { dbDate, newId } = await import("../../app/db/values.ts");
const { describeUserAgent } = await import("../../app/domain/user-agent.ts");
const { noteSessionSeen, forgetSessionSeen, SESSION_SEEN_INTERVAL_MS } = await import("../../app/auth/session-activity.server.ts");
const { createSession } = await import("../../app/auth/session.server.ts");
const privacy = await import("../../app/models/privacy.server.ts");

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const userByEmail = (email: string) => db.selectFrom("User").select(["id", "name", "email", "status"]).where("email", "=", email).executeTakeFirstOrThrow();

describe("device labels", () => {
  it("names browser and system in short German, and copes with nothing", () => {
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0")).toBe("Edge auf Windows");
    expect(describeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")).toBe("Safari auf iPhone");
    expect(describeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Gecko/20100101 Firefox/128.0")).toBe("Firefox auf macOS");
    expect(describeUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36")).toBe("Chrome auf Linux");
    expect(describeUserAgent("curl/8.5.0")).toBe("Unbekanntes Gerät");
    expect(describeUserAgent(null)).toBe("Unbekanntes Gerät");
  });
});

describe("last seen", () => {
  it("is written at most once per SESSION_SEEN_INTERVAL_MS per session, not for a fresh one, never for an ended one", async () => {
    const user = await userByEmail(DEMO.gast);
    const sessionId = await createSession(user.id, null);
    forgetSessionSeen();
    const seen = () => db.selectFrom("SessionActivity").select("lastSeenAt").where("sessionId", "=", sessionId).executeTakeFirst().then((r) => r?.lastSeenAt);
    const { createdAt } = await db.selectFrom("Session").select("createdAt").where("id", "=", sessionId).executeTakeFirstOrThrow();
    const born = Date.parse(createdAt);
    // A fresh session: its start is its last use; nothing is written.
    await noteSessionSeen(sessionId, createdAt, born + SESSION_SEEN_INTERVAL_MS - 1);
    expect(await seen()).toBeUndefined();
    const t0 = born + SESSION_SEEN_INTERVAL_MS;
    await noteSessionSeen(sessionId, createdAt, t0);
    expect(await seen()).toBe(dbDate(t0));
    await noteSessionSeen(sessionId, createdAt, t0 + SESSION_SEEN_INTERVAL_MS - 1);
    expect(await seen()).toBe(dbDate(t0));
    await noteSessionSeen(sessionId, createdAt, t0 + SESSION_SEEN_INTERVAL_MS);
    expect(await seen()).toBe(dbDate(t0 + SESSION_SEEN_INTERVAL_MS));
    await db.deleteFrom("Session").where("id", "=", sessionId).execute();
    expect(await seen()).toBeUndefined(); // cascades
    await noteSessionSeen(sessionId, createdAt, t0 + 3 * SESSION_SEEN_INTERVAL_MS);
    expect(await seen()).toBeUndefined();
  });
});

describe("retention", () => {
  it("prunes exactly what is past its period, each kind by its own clock", async () => {
    const now = Date.now();
    const periods = privacy.retentionPeriods();
    expect(periods).toEqual({ failedLoginsMs: 15 * MINUTE, expiredSessionsMs: 7 * DAY, notificationsMs: 90 * DAY, sentMailsMs: 30 * DAY, auditMs: 730 * DAY });
    const user = await userByEmail(DEMO.by);
    const at = (ms: number) => dbDate(now - ms);
    // One row just past each period (due) and one just inside it (kept).
    const [dueFailure, keptFailure] = await Promise.all([16 * MINUTE, 14 * MINUTE].map((age) =>
      db.insertInto("LoginFailure").values({ email: "x@example.org", ip: "1.2.3.4", createdAt: at(age) }).returning("id").executeTakeFirstOrThrow().then((r) => r.id)));
    const session = async (expiredFor: number) => {
      const id = newId();
      await db.insertInto("Session").values({ id, userId: user.id, createdAt: at(40 * DAY), expiresAt: at(expiredFor), userAgent: null }).execute();
      return id;
    };
    const [dueSession, keptSession] = [await session(8 * DAY), await session(6 * DAY)];
    const notification = async (age: number) => {
      const id = newId();
      await db.insertInto("Notification").values({ id, userId: user.id, kind: "reply", createdAt: at(age) }).execute();
      return id;
    };
    const [dueNotification, keptNotification] = [await notification(91 * DAY), await notification(89 * DAY)];
    const mail = async (status: "sent" | "logged" | "failed" | "queued", age: number) => {
      const id = newId();
      await db.insertInto("OutboundMail").values({
        id, messageId: `<${id}@test>`, toAddress: "x@example.org", kind: "test", subject: "s", displayText: "t", payload: null,
        status, nextAttemptAt: at(age), createdAt: at(age), sentAt: status === "sent" || status === "logged" ? at(age) : null,
      }).execute();
      return id;
    };
    const dueMails = [await mail("sent", 31 * DAY), await mail("logged", 31 * DAY), await mail("failed", 31 * DAY)];
    const keptMails = [await mail("sent", 29 * DAY), await mail("queued", 100 * DAY)];
    const audit = async (age: number) => {
      const id = newId();
      await db.insertInto("AuditEvent").values({ id, actorId: null, action: "test", targetType: "t", targetId: "t", details: "{}", createdAt: at(age) }).execute();
      return id;
    };
    const [dueAudit, keptAudit] = [await audit(731 * DAY), await audit(729 * DAY)];

    const event = async (processedAge: number | null) => (await db.insertInto("Event").values({
      type: "password.reset-requested", payload: JSON.stringify({ email: "x@example.org" }), createdAt: at(10 * DAY), availableAt: at(10 * DAY),
      processedAt: processedAge === null ? null : at(processedAge), attempts: 1,
    }).returning("id").executeTakeFirstOrThrow()).id;
    const [dueEvent, keptEvent, pendingEvent] = [await event(8 * DAY), await event(6 * DAY), await event(null)];
    const exists = async (table: "LoginFailure" | "Session" | "Notification" | "OutboundMail" | "AuditEvent", id: string | number) =>
      Boolean(await db.selectFrom(table).select(sql<number>`1`.as("one")).where("id", "=", id as never).executeTakeFirst());
    const result = await privacy.pruneExpiredData(now);
    expect(await exists("LoginFailure", dueFailure)).toBe(false);
    expect(await exists("LoginFailure", keptFailure)).toBe(true);
    expect(await exists("Session", dueSession)).toBe(false);
    expect(await exists("Session", keptSession)).toBe(true);
    expect(await exists("Notification", dueNotification)).toBe(false);
    expect(await exists("Notification", keptNotification)).toBe(true);
    for (const id of dueMails) expect(await exists("OutboundMail", id)).toBe(false);
    for (const id of keptMails) expect(await exists("OutboundMail", id)).toBe(true);
    expect(await exists("AuditEvent", dueAudit)).toBe(false);
    expect(await exists("AuditEvent", keptAudit)).toBe(true);
    const events = await db.selectFrom("Event").select("id").where("id", "in", [dueEvent, keptEvent, pendingEvent]).execute();
    expect(events.map((e) => e.id).sort()).toEqual([keptEvent, pendingEvent].sort());
    // The pending one was only there for this test: the processor is not running here.
    await db.deleteFrom("Event").where("id", "=", pendingEvent).execute();
    expect(result.sentMails).toBeGreaterThanOrEqual(3);
    // Nothing past its period is left anywhere (seed rows included), and a second run finds nothing.
    const again = await privacy.pruneExpiredData(now);
    expect(again).toEqual({ failedLogins: 0, expiredSessions: 0, notifications: 0, sentMails: 0, auditEntries: 0, emailChanges: 0, passwordResets: 0, events: 0 });
  });
});

describe("deletion", () => {
  it("waits for the grace period, can be cancelled, is carried out by the job, and erases rows of tables it does not know", async () => {
    const person = await userByEmail(DEMO.leitung);
    const other = await userByEmail(DEMO.gast);
    // A table another feature might add (say, second-factor secrets): erased by its userId column.
    await sql`CREATE TABLE "TwoFactorProbe" ("userId" TEXT NOT NULL, "secret" TEXT NOT NULL)`.execute(db);
    await sql`INSERT INTO "TwoFactorProbe" VALUES (${person.id}, 'geheim-1'), (${other.id}, 'geheim-2')`.execute(db);
    await createSession(person.id, null);
    // Someone else mentions the person in a paper comment and in an edited post's earlier revision.
    const mentionBody = JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Frage an " }, { type: "mention", attrs: { id: person.id, label: person.name } }] }] });
    const paper = await db.selectFrom("Document").select("id").limit(1).executeTakeFirstOrThrow();
    const thread = { id: newId() };
    await db.insertInto("CommentThread").values({ id: thread.id, documentId: paper.id, authorId: other.id, anchorStart: "a", anchorEnd: "b", quote: "Zitat", createdAt: dbDate(Date.now()) }).execute();
    const commentId = newId();
    await db.insertInto("Comment").values({ id: commentId, threadId: thread.id, authorId: other.id, bodyJson: mentionBody, bodyText: `Frage an @${person.name}`, createdAt: dbDate(Date.now()) }).execute();
    const post = await db.selectFrom("Post").select("id").limit(1).executeTakeFirstOrThrow();
    const revisionId = newId();
    await db.insertInto("PostRevision").values({ id: revisionId, postId: post.id, bodyJson: mentionBody, bodyText: `Frage an @${person.name}`, editorId: other.id, createdAt: dbDate(Date.now()) }).execute();

    // An opening post mentioning the person: its index row (title, tags, body) is rebuilt at erasure too.
    const space = await db.selectFrom("Space").select(["id", "visibility"]).where("visibility", "=", "platform").limit(1).executeTakeFirstOrThrow();
    const opening = parsePostBody(mentionBody);
    if (!opening.ok) throw new Error(opening.error);
    const { postId: openingId } = await createThread(other.id, space, { title: "Eröffnung mit Erwähnung", kind: "discussion", body: opening, tagIds: [] });
    await drainEvents();
    const surname = person.name.split(" ").at(-1)!;
    const found = async () => (await searchPosts({ query: surname, spaceIds: [space.id], page: 1 })).hits.some((h) => h.postId === openingId);
    expect(await found()).toBe(true);

    const t0 = Date.now();
    const asked = await privacy.requestDeletion(person.id, t0);
    expect(asked.ok && asked.dueAt.getTime()).toBe(t0 + 14 * DAY);
    expect(await privacy.runDueDeletions(t0 + 14 * DAY - 1)).toBe(0);
    expect((await userByEmail(DEMO.leitung)).status).toBe("active");
    await privacy.cancelDeletion(person.id);
    expect(await privacy.pendingDeletion(person.id)).toBeNull();
    expect(await privacy.runDueDeletions(t0 + 15 * DAY)).toBe(0);

    await privacy.requestDeletion(person.id, t0);
    expect(await privacy.runDueDeletions(t0 + 14 * DAY)).toBe(1);
    const after = await db.selectFrom("User").select(["name", "email", "status", "passwordHash", "organisationId"]).where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ name: "ehemaliges Mitglied", email: privacy.deletedEmail(person.id), status: "deleted", passwordHash: null, organisationId: null });
    const comment = await db.selectFrom("Comment").select(["bodyJson", "bodyText"]).where("id", "=", commentId).executeTakeFirstOrThrow();
    expect(comment.bodyText).toBe("Frage an @ehemaliges Mitglied");
    expect(comment.bodyJson).not.toContain(person.name);
    expect(comment.bodyJson).toContain(person.id); // still a mention of that account
    const revision = await db.selectFrom("PostRevision").select(["bodyText"]).where("id", "=", revisionId).executeTakeFirstOrThrow();
    expect(revision.bodyText).toBe("Frage an @ehemaliges Mitglied");
    expect(await found(), "the opening post's search row no longer carries the old name").toBe(false);
    const probe = await sql<{ userId: string }>`SELECT "userId" FROM "TwoFactorProbe"`.execute(db);
    expect(probe.rows.map((r) => r.userId)).toEqual([other.id]);
    for (const table of ["Session", "Membership", "Notification", "AccountDeletion"] as const) {
      expect(await db.selectFrom(table).select(sql<number>`count(*)`.as("n")).where("userId", "=", person.id).executeTakeFirstOrThrow().then((r) => r.n), table).toBe(0);
    }
    // Asked, cancelled, asked, carried out by the job (no actor): all audited; the name is kept only there.
    const audit = await db.selectFrom("AuditEvent").select(["action", "actorId", "details"]).where("targetId", "=", person.id).orderBy("createdAt").orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["user.deletion-requested", "user.deletion-cancelled", "user.deletion-requested", "user.delete"]);
    expect(audit.at(-1)).toMatchObject({ actorId: null, details: JSON.stringify({ name: person.name }) });
    // Done once: the job finds nothing more, and a second carry-out is refused.
    expect(await privacy.runDueDeletions(t0 + 20 * DAY)).toBe(0);
    expect(await privacy.carryOutDeletion(person.id, null)).toBe(false);
    await sql`DROP TABLE "TwoFactorProbe"`.execute(db);
  });

  it("refuses the last active admin, asked or due", async () => {
    const admin = await userByEmail(DEMO.admin);
    const others = await db.selectFrom("User").select("id").where("role", "=", "admin").where("id", "!=", admin.id).execute();
    expect(others).toEqual([]); // the seed has one admin
    expect(await privacy.requestDeletion(admin.id)).toEqual({ ok: false, reason: "last-admin" });
    // A request made while another admin existed waits while this one is the last.
    await db.insertInto("AccountDeletion").values({ userId: admin.id, requestedAt: dbDate(Date.now() - 20 * DAY), dueAt: dbDate(Date.now() - DAY) }).execute();
    expect(await privacy.runDueDeletions()).toBe(0);
    expect((await userByEmail(DEMO.admin)).status).toBe("active");
    await privacy.cancelDeletion(admin.id);
  });
});
