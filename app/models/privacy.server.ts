// A person's rights over their account and data (issue 12, docs/decisions/023): the list of their
// sessions and ending them, changing the e-mail address (effective only when confirmed), the data
// export (DSGVO Art. 15/20), deleting the account (Art. 17) after a grace period or at once by an
// admin, and the retention job that prunes every kind of data after its documented period.
import { hashLinkToken, LINK_TOKEN_PATTERN, linkStillWorks, newLinkToken } from "../auth/link-tokens.server.ts";
import crypto from "node:crypto";
import { sql } from "kysely";
import { strToU8, zipSync } from "fflate";
import { db, type Queryable, type Tx } from "../db/db.server.ts";
import { reindexComment } from "../db/search-index.server.ts";
import { reindexPost } from "./forum.server.ts";
import { dbDate, dbNow, newId } from "../db/values.ts";
import { describeUserAgent } from "../domain/user-agent.ts";
import { mentionedIds, plainTextOf, relabelMentions, richTextSchema, type JsonNode } from "../editor/content.ts";
import { m } from "../i18n/messages.ts";
import { getEnv } from "../infra/env.server.ts";
import { notifyCollabPermissionsChanged } from "../infra/collab-link/index.ts";
import { queueMail } from "../mail/outbox.server.ts";
import { accountDeletionRequestedMail, emailChangeMail, emailChangeNoticeMail } from "../mail/templates.ts";
import { revokeSessions, sessionUsersChanged } from "../auth/session.server.ts";
import { recordAudit } from "./audit.server.ts";
import { toMarkdown } from "./document-export.server.ts";
import { loadPreferences, mailBaseUrl } from "./mail-preferences.server.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");

// ---------------------------------------------------------------------------------------------
// Sessions

/**
 * A session's handle in the page: a digest, never the session id itself (the id is the secret the
 * cookie carries, and must not appear in HTML).
 */
const sessionHandle = (sessionId: string) => sha256(`session-handle:${sessionId}`).slice(0, 24);

export type SessionListEntry = { handle: string; device: string; createdAt: Date; lastSeenAt: Date; current: boolean };

/** One's open sessions, the current one first, then by last use. */
export async function listSessions(userId: string, currentSessionId: string): Promise<SessionListEntry[]> {
  const rows = await db.selectFrom("Session as s").leftJoin("SessionActivity as a", "a.sessionId", "s.id")
    .select(["s.id", "s.userAgent", "s.createdAt", "s.expiresAt", "a.lastSeenAt"])
    .where("s.userId", "=", userId).where("s.expiresAt", ">", dbNow()).execute();
  return rows.map((r) => ({
    handle: sessionHandle(r.id),
    device: describeUserAgent(r.userAgent),
    createdAt: new Date(r.createdAt),
    lastSeenAt: new Date(r.lastSeenAt ?? r.createdAt),
    current: r.id === currentSessionId,
  })).sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}

/**
 * Ends one of one's own sessions by its handle. The browser that holds it is signed out on its next
 * request, and its open document sockets are closed before this returns (the collaboration server
 * re-checks each socket's session cookie).
 */
export async function endOwnSession(userId: string, handle: string) {
  const sessions = await db.selectFrom("Session").select("id").where("userId", "=", userId).execute();
  const target = sessions.find((s) => sessionHandle(s.id) === handle);
  if (!target) return { ok: false as const };
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("Session").where("id", "=", target.id).execute();
    await recordAudit({ actorId: userId, action: "session.end", targetType: "user", targetId: userId }, trx);
  });
  sessionUsersChanged();
  await notifyCollabPermissionsChanged({ userId });
  return { ok: true as const };
}

/** "Alle anderen abmelden": every session but the current one. */
export async function endOtherSessions(userId: string, currentSessionId: string) {
  const { count } = await revokeSessions(userId, currentSessionId);
  await recordAudit({ actorId: userId, action: "session.end-others", targetType: "user", targetId: userId, details: { count } });
  return count;
}

// ---------------------------------------------------------------------------------------------
// Changing the e-mail address

export const EMAIL_CHANGE_TTL_MS = DAY_MS; // the mail (app/mail/templates.ts) says 24 hours
export const EMAIL_TOKEN_PATTERN = LINK_TOKEN_PATTERN;
/** Requests per person and hour: each sends two mails. */
export const EMAIL_CHANGE_BUDGET = { max: 5, windowSeconds: 3600 };
/** Data exports per person and hour: each reads everything about them. */
export const DATA_EXPORT_BUDGET = { max: 3, windowSeconds: 3600 };

/** One use of a per-person budget in RateCounter (same semantics as app/models/rate-limit.server.ts). */
async function consumeBudget(q: Queryable, key: string, budget: { max: number; windowSeconds: number }, now = Date.now()) {
  const expired = now - budget.windowSeconds * 1000;
  const row = await q.insertInto("RateCounter").values({ key, windowStart: now, count: 1 })
    .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({
      count: eb.case().when("RateCounter.windowStart", "<=", expired).then(1).else(eb("RateCounter.count", "+", 1)).end(),
      windowStart: eb.case().when("RateCounter.windowStart", "<=", expired).then(now).else(eb.ref("RateCounter.windowStart")).end(),
    })).where((eb) => eb.or([eb("RateCounter.windowStart", "<=", expired), eb("RateCounter.count", "<", budget.max)])))
    .returning("count").executeTakeFirst();
  return row !== undefined;
}

export type EmailChangeResult = { ok: true } | { ok: false; reason: "same" | "taken" | "limited" };

/**
 * Asks to change one's address: a link to the new address (only its sha256 is stored; it works once,
 * for EMAIL_CHANGE_TTL_MS) and a notice to the old one. Until the link is opened, nothing changes;
 * a new request makes the older links useless.
 */
export async function requestEmailChange(userId: string, rawEmail: string): Promise<EmailChangeResult> {
  const newEmail = rawEmail.trim().toLowerCase();
  const token = newLinkToken();
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("User").select(["id", "name", "email"]).where("id", "=", userId).executeTakeFirstOrThrow();
    if (user.email === newEmail) return { ok: false, reason: "same" } as const;
    if (await trx.selectFrom("User").select("id").where("email", "=", newEmail).executeTakeFirst()) return { ok: false, reason: "taken" } as const;
    if (!(await consumeBudget(trx, `email-change:${userId}`, EMAIL_CHANGE_BUDGET))) return { ok: false, reason: "limited" } as const;
    await trx.deleteFrom("EmailChange").where("userId", "=", userId).execute();
    await trx.insertInto("EmailChange").values({
      id: newId(), userId, newEmail, oldEmail: null, tokenHash: hashLinkToken(token), expiresAt: dbDate(Date.now() + EMAIL_CHANGE_TTL_MS), usedAt: null, createdAt: dbNow(),
    }).execute();
    const base = mailBaseUrl();
    await queueMail(trx, { ...emailChangeMail({ base, token, name: user.name, newAddress: newEmail }), to: newEmail, userId, kind: "email-change" });
    await queueMail(trx, { ...emailChangeNoticeMail({ base, name: user.name, newAddress: newEmail }), to: user.email, userId, kind: "email-change-notice" });
    await recordAudit({ actorId: userId, action: "user.email-change-requested", targetType: "user", targetId: userId }, trx);
    return { ok: true } as const;
  });
}

async function openEmailChange(q: Queryable, token: string) {
  if (!EMAIL_TOKEN_PATTERN.test(token)) return null;
  const row = await q.selectFrom("EmailChange").innerJoin("User", "User.id", "EmailChange.userId")
    .select(["EmailChange.id", "EmailChange.userId", "EmailChange.newEmail", "EmailChange.expiresAt", "EmailChange.usedAt", "User.status"])
    .where("EmailChange.tokenHash", "=", hashLinkToken(token)).executeTakeFirst();
  return linkStillWorks(row) ? row! : null;
}

/** The confirmation page (GET shows a button; only the POST changes anything, so link scanners cannot). */
export async function loadEmailChangePage(token: string) {
  const change = await openEmailChange(db, token);
  return change ? { newEmail: change.newEmail } : null;
}

/** Confirms a change: the new address is the login from now on, the old one no longer. Null for a dead link. */
export async function confirmEmailChange(token: string) {
  const done = await db.transaction().execute(async (trx) => {
    const change = await openEmailChange(trx, token);
    if (!change) return null;
    const used = await trx.updateTable("EmailChange").set({ usedAt: dbNow() }).where("id", "=", change.id).where("usedAt", "is", null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return null;
    if (await trx.selectFrom("User").select("id").where("email", "=", change.newEmail).executeTakeFirst()) return null;
    const { email: oldEmail } = await trx.selectFrom("User").select("email").where("id", "=", change.userId).executeTakeFirstOrThrow();
    await trx.updateTable("User").set({ email: change.newEmail, updatedAt: dbNow() }).where("id", "=", change.userId).execute();
    await trx.updateTable("EmailChange").set({ oldEmail }).where("id", "=", change.id).execute();
    await recordAudit({ actorId: change.userId, action: "user.email-change", targetType: "user", targetId: change.userId }, trx);
    return { userId: change.userId };
  });
  if (done) sessionUsersChanged();
  return done;
}

// ---------------------------------------------------------------------------------------------
// The data export (DSGVO Art. 15 and 20)

/** The files of the export; the README ("Datenschutz") lists the same. */
export const EXPORT_FILES = ["LIESMICH.txt", "profile.json", "memberships.json", "posts.json", "comments.json", "notifications.json", "sessions.json", "audit.json"] as const;

export type DataExport = { ok: true; fileName: string; zip: Uint8Array } | { ok: false; reason: "limited" };

/** Everything stored about a person as a ZIP: JSON files plus each post and comment as Markdown. */
export async function buildDataExport(userId: string, now = new Date()): Promise<DataExport> {
  if (!(await consumeBudget(db, `data-export:${userId}`, DATA_EXPORT_BUDGET))) return { ok: false, reason: "limited" };
  const user = await db.selectFrom("User as u").leftJoin("Organisation as o", "o.id", "u.organisationId")
    .select(["u.id", "u.name", "u.email", "u.role", "u.status", "u.createdAt", "u.updatedAt", "u.lastVisitAt", "o.name as organisation"])
    .where("u.id", "=", userId).executeTakeFirstOrThrow();
  const [emailChange, deletion, preferences, memberships, documentAccess, posts, comments, notifications, sessions, audit] = await Promise.all([
    db.selectFrom("EmailChange").select(["newEmail", "expiresAt", "usedAt", "createdAt"]).where("userId", "=", userId).execute(),
    db.selectFrom("AccountDeletion").select(["requestedAt", "dueAt"]).where("userId", "=", userId).executeTakeFirst(),
    loadPreferences(db, userId),
    db.selectFrom("Membership as m").innerJoin("Space as s", "s.id", "m.spaceId").select(["s.slug", "s.name as space", "m.role", "m.createdAt"]).where("m.userId", "=", userId).orderBy("s.name").execute(),
    db.selectFrom("DocumentAccess as a").innerJoin("Document as d", "d.id", "a.documentId").select(["d.id as documentId", "d.title as document", "a.role", "a.createdAt"]).where("a.userId", "=", userId).execute(),
    db.selectFrom("Post as p").innerJoin("Thread as t", "t.id", "p.threadId").innerJoin("Space as s", "s.id", "t.spaceId")
      .select(["p.id", "p.threadId", "t.title as thread", "s.name as space", "p.bodyJson", "p.bodyText", "p.createdAt", "p.editedAt", "p.deletedAt"])
      .where("p.authorId", "=", userId).orderBy("p.createdAt").execute(),
    db.selectFrom("Comment as c").innerJoin("CommentThread as ct", "ct.id", "c.threadId").innerJoin("Document as d", "d.id", "ct.documentId")
      .select(["c.id", "d.id as documentId", "d.title as document", "ct.quote", "c.bodyJson", "c.bodyText", "c.createdAt", "c.editedAt", "c.deletedAt"])
      .where("c.authorId", "=", userId).orderBy("c.createdAt").execute(),
    db.selectFrom("Notification").select(["kind", "threadId", "postId", "documentId", "createdAt", "readAt"]).where("userId", "=", userId).orderBy("createdAt").execute(),
    db.selectFrom("Session as s").leftJoin("SessionActivity as a", "a.sessionId", "s.id").select(["s.userAgent", "s.createdAt", "s.expiresAt", "a.lastSeenAt"]).where("s.userId", "=", userId).execute(),
    db.selectFrom("AuditEvent").select(["action", "actorId", "targetType", "targetId", "details", "createdAt"])
      .where((eb) => eb.or([eb("actorId", "=", userId), eb.and([eb("targetType", "=", "user"), eb("targetId", "=", userId)])])).orderBy("createdAt").execute(),
  ]);
  const json = (value: unknown) => strToU8(JSON.stringify(value, null, 2) + "\n");
  const files: Record<string, Uint8Array> = {
    "LIESMICH.txt": strToU8(m.privacy.exportReadme(now.toISOString())),
    "profile.json": json({ ...user, mailPreferences: preferences, pendingEmailChanges: emailChange, deletionRequest: deletion ?? null }),
    "memberships.json": json({ gremien: memberships, documents: documentAccess }),
    "posts.json": json(posts.map(({ bodyJson, ...p }) => ({ ...p, body: JSON.parse(bodyJson) as unknown }))),
    "comments.json": json(comments.map(({ bodyJson, ...c }) => ({ ...c, body: JSON.parse(bodyJson) as unknown }))),
    "notifications.json": json(notifications),
    // Without the session ids: they are the secrets the cookies carry.
    "sessions.json": json(sessions.map((s) => ({ device: describeUserAgent(s.userAgent), ...s }))),
    "audit.json": json(audit.map((a) => ({ ...a, details: JSON.parse(a.details) as unknown }))),
  };
  for (const p of posts) files[`posts/${p.createdAt.slice(0, 10)}-${p.id}.md`] = strToU8(toMarkdown(p.thread, JSON.parse(p.bodyJson) as JsonNode));
  for (const c of comments) files[`comments/${c.createdAt.slice(0, 10)}-${c.id}.md`] = strToU8(toMarkdown(c.document, JSON.parse(c.bodyJson) as JsonNode));
  const zip = zipSync(files, { level: 6, mtime: now });
  return { ok: true, fileName: `laenderforum-meine-daten-${now.toISOString().slice(0, 10)}.zip`, zip };
}

// ---------------------------------------------------------------------------------------------
// Deleting an account (DSGVO Art. 17)

export const deletionGraceMs = () => getEnv().DELETION_GRACE_DAYS * DAY_MS;

/** Whether someone other than `userId` can still administer the platform afterwards. */
async function anotherAdminRemains(q: Queryable, userId: string) {
  const user = await q.selectFrom("User").select("role").where("id", "=", userId).executeTakeFirst();
  if (user?.role !== "admin") return true;
  return Boolean(await q.selectFrom("User").select("id").where("role", "=", "admin").where("status", "=", "active").where("id", "!=", userId).executeTakeFirst());
}

/**
 * Asks for one's deletion: it happens at the returned date unless cancelled before. The last active
 * admin cannot ask (nobody could administer the platform afterwards).
 */
export async function requestDeletion(userId: string, now = Date.now()): Promise<{ ok: true; dueAt: Date } | { ok: false; reason: "last-admin" }> {
  const dueAt = new Date(now + deletionGraceMs());
  return db.transaction().execute(async (trx) => {
    if (!(await anotherAdminRemains(trx, userId))) return { ok: false, reason: "last-admin" } as const;
    const user = await trx.selectFrom("User").select(["name", "email"]).where("id", "=", userId).executeTakeFirstOrThrow();
    await trx.insertInto("AccountDeletion").values({ userId, requestedAt: dbDate(now), dueAt: dbDate(dueAt) })
      .onConflict((oc) => oc.column("userId").doNothing()).execute();
    await recordAudit({ actorId: userId, action: "user.deletion-requested", targetType: "user", targetId: userId, details: { dueAt: dueAt.toISOString() } }, trx);
    await queueMail(trx, { ...accountDeletionRequestedMail({ base: mailBaseUrl(), name: user.name, dueAt }), to: user.email, userId, kind: "account-deletion" });
    return { ok: true, dueAt } as const;
  });
}

export async function cancelDeletion(userId: string) {
  await db.transaction().execute(async (trx) => {
    const { numDeletedRows } = await trx.deleteFrom("AccountDeletion").where("userId", "=", userId).executeTakeFirst();
    if (Number(numDeletedRows)) await recordAudit({ actorId: userId, action: "user.deletion-cancelled", targetType: "user", targetId: userId }, trx);
  });
}

/** The admins' list of pending deletions. */
export async function listDeletionRequests() {
  const rows = await db.selectFrom("AccountDeletion as d").innerJoin("User as u", "u.id", "d.userId")
    .select(["u.id", "u.name", "u.email", "d.requestedAt", "d.dueAt"]).orderBy("d.dueAt").execute();
  return rows.map((r) => ({ ...r, requestedAt: new Date(r.requestedAt), dueAt: new Date(r.dueAt) }));
}

/** One's own pending deletion, for the profile page. */
export async function pendingDeletion(userId: string) {
  const row = await db.selectFrom("AccountDeletion").select(["dueAt"]).where("userId", "=", userId).executeTakeFirst();
  return row ? { dueAt: new Date(row.dueAt) } : null;
}

type Column = { table: string; name: string; type: string };

/**
 * Every column of every ordinary table (from sqlite_master and table_info), so erasure covers tables
 * added later without being told (e.g. second-factor secrets): the full-text index's own tables and
 * the migrations table are left out.
 */
async function allColumns(q: Queryable): Promise<Column[]> {
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma_%' AND name NOT LIKE 'SearchFts%'`.execute(q);
  const columns: Column[] = [];
  for (const { name: table } of tables.rows) {
    const info = await sql<{ name: string; type: string }>`SELECT name, type FROM pragma_table_info(${table})`.execute(q);
    for (const c of info.rows) columns.push({ table, name: c.name, type: c.type.toUpperCase() });
  }
  return columns;
}

/** Tables whose rows belong to one person through a `userId` column: erased with the person. */
async function personalTables(q: Queryable) {
  return [...new Set((await allColumns(q)).filter((c) => c.name === "userId").map((c) => c.table))];
}

/** The address a deleted account keeps (User.email is unique and required); never deliverable. */
export const deletedEmail = (userId: string) => `geloescht-${userId}@geloescht.invalid`;
const ERASED = "[gelöscht]";

/**
 * Carries out a deletion (the job when due, or an admin at once). The User row stays as a tombstone
 * named "ehemaliges Mitglied" (posts, comments, papers and versions keep their author, and every
 * mention shows that name); everything personal goes: e-mail, name, password, organisation, sessions,
 * memberships, preferences, notifications, tokens, mails and every other row with their `userId`.
 * The address is also replaced wherever it occurs in text (audit details, events, organisations).
 * Returns false when there is nothing to delete (already deleted or unknown) or the person is the
 * last active admin.
 */
export async function carryOutDeletion(userId: string, actorId: string | null) {
  const formerName = m.privacy.formerMember;
  const touched = await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("User").select(["id", "name", "email", "status"]).where("id", "=", userId).executeTakeFirst();
    if (!user || user.status === "deleted") return null;
    // Someone became the last admin during the grace period: the request waits (the job retries).
    if (!(await anotherAdminRemains(trx, userId))) return null;
    // Addresses the account had before a recent change (kept until the change's link expires).
    const earlier = await trx.selectFrom("EmailChange").select("oldEmail").where("userId", "=", userId).where("oldEmail", "is not", null).execute();
    const addresses = [user.email, ...earlier.map((e) => e.oldEmail!)];
    await trx.updateTable("User").set({
      name: formerName, email: deletedEmail(userId), passwordHash: null, status: "deleted", organisationId: null, lastVisitAt: null, updatedAt: dbNow(),
    }).where("id", "=", userId).execute();
    // Every row keyed by the person.
    for (const table of await personalTables(trx)) await sql`DELETE FROM ${sql.table(table)} WHERE "userId" = ${userId}`.execute(trx);
    await trx.deleteFrom("Invitation").where("email", "in", addresses).execute();
    await trx.deleteFrom("LoginFailure").where("email", "in", addresses).execute();
    await trx.deleteFrom("OutboundMail").where("toAddress", "in", addresses).execute();
    await trx.updateTable("Organisation").set({ contactEmail: null, contactName: null }).where("contactEmail", "in", addresses).execute();
    // The address anywhere else in text; the name in what the platform wrote (audit details, events, mails).
    for (const c of await allColumns(trx)) {
      // Address columns were cleared by equality above: a substring match there could be another
      // person's address ("anna@…" inside "joanna@…").
      if ((c.type !== "TEXT" && c.type !== "") || /email|address/i.test(c.name)) continue;
      for (const address of addresses) {
        await sql`UPDATE ${sql.table(c.table)} SET ${sql.ref(c.name)} = replace(${sql.ref(c.name)}, ${address}, ${ERASED}) WHERE instr(${sql.ref(c.name)}, ${address}) > 0`.execute(trx);
      }
    }
    for (const [table, column] of [["AuditEvent", "details"], ["Event", "payload"], ["OutboundMail", "subject"], ["OutboundMail", "displayText"], ["OutboundMail", "payload"]] as const) {
      await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = replace(${sql.ref(column)}, ${user.name}, ${formerName}) WHERE instr(${sql.ref(column)}, ${user.name}) > 0`.execute(trx);
    }
    // Other people's mentions of them carry the name as a label in the stored body and its text.
    await relabelMentionsOf(trx, userId);
    await recordAudit({ actorId, action: "user.delete", targetType: "user", targetId: userId, details: { name: user.name } }, trx);
    return true;
  });
  if (!touched) return false;
  sessionUsersChanged();
  await notifyCollabPermissionsChanged({ userId });
  return true;
}

/** Rewrites mention labels of `userId` (now "ehemaliges Mitglied") in posts, revisions and comments; re-indexes them. */
async function relabelMentionsOf(trx: Tx, userId: string) {
  const pattern = `%${userId}%`;
  const namesFor = async (json: string) => {
    const ids = mentionedIds(JSON.parse(json) as JsonNode);
    const rows = ids.length ? await trx.selectFrom("User").select(["id", "name"]).where("id", "in", ids).execute() : [];
    return Object.fromEntries(rows.map((r) => [r.id, r.name]));
  };
  const rewrite = async (json: string) => {
    const next = relabelMentions(json, await namesFor(json), m.common.unknownPerson);
    return { json: next, text: plainTextOf(richTextSchema("post").nodeFromJSON(JSON.parse(next))) };
  };
  const posts = await trx.selectFrom("Post").select(["id", "bodyJson"]).where("bodyJson", "like", pattern).execute();
  for (const post of posts) {
    const body = await rewrite(post.bodyJson);
    await trx.updateTable("Post").set({ bodyJson: body.json, bodyText: body.text }).where("id", "=", post.id).execute();
    await reindexPost(trx, post.id);
  }
  for (const rev of await trx.selectFrom("PostRevision").select(["id", "bodyJson"]).where("bodyJson", "like", pattern).execute()) {
    const body = await rewrite(rev.bodyJson);
    await trx.updateTable("PostRevision").set({ bodyJson: body.json, bodyText: body.text }).where("id", "=", rev.id).execute();
  }
  for (const comment of await trx.selectFrom("Comment").select(["id", "bodyJson"]).where("bodyJson", "like", pattern).execute()) {
    const body = await rewrite(comment.bodyJson);
    await trx.updateTable("Comment").set({ bodyJson: body.json, bodyText: body.text }).where("id", "=", comment.id).execute();
    await reindexComment(trx, comment.id);
  }
}

/** The job: carries out every deletion whose grace period is over. */
export async function runDueDeletions(now = Date.now()) {
  const due = await db.selectFrom("AccountDeletion").select("userId").where("dueAt", "<=", dbDate(now)).execute();
  let done = 0;
  for (const { userId } of due) if (await carryOutDeletion(userId, null)) done++;
  return done;
}

// ---------------------------------------------------------------------------------------------
// Retention

/** How long each kind of data is kept (README "Datenschutz"); from the environment, with defaults. */
export function retentionPeriods() {
  const env = getEnv();
  return {
    failedLoginsMs: env.RETENTION_FAILED_LOGIN_MINUTES * 60 * 1000,
    expiredSessionsMs: env.RETENTION_EXPIRED_SESSION_DAYS * DAY_MS,
    notificationsMs: env.RETENTION_NOTIFICATION_DAYS * DAY_MS,
    sentMailsMs: env.RETENTION_SENT_MAIL_DAYS * DAY_MS,
    auditMs: env.RETENTION_AUDIT_DAYS * DAY_MS,
  };
}

/** Processed events of the event log (docs/decisions/020) are kept this long, for diagnosis. */
export const PROCESSED_EVENT_RETENTION_MS = 7 * DAY_MS;

/** Deletes what is past its retention period; returns how many rows of each kind went. */
export async function pruneExpiredData(now = Date.now()) {
  const p = retentionPeriods();
  const before = (ms: number) => dbDate(now - ms);
  const count = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
  return db.transaction().execute(async (trx) => ({
    failedLogins: count(await trx.deleteFrom("LoginFailure").where("createdAt", "<", before(p.failedLoginsMs)).executeTakeFirst()),
    expiredSessions: count(await trx.deleteFrom("Session").where("expiresAt", "<", before(p.expiredSessionsMs)).executeTakeFirst()),
    notifications: count(await trx.deleteFrom("Notification").where("createdAt", "<", before(p.notificationsMs)).executeTakeFirst()),
    // Sent (or, without SMTP, logged) mails by when they went out; failed ones by when they were queued.
    sentMails: count(await trx.deleteFrom("OutboundMail").where((eb) => eb.or([
      eb.and([eb("status", "in", ["sent", "logged"]), eb("sentAt", "<", before(p.sentMailsMs))]),
      eb.and([eb("status", "=", "failed"), eb("createdAt", "<", before(p.sentMailsMs))]),
    ])).executeTakeFirst()),
    auditEntries: count(await trx.deleteFrom("AuditEvent").where("createdAt", "<", before(p.auditMs)).executeTakeFirst()),
    // Links past their time are useless; nothing personal needs to stay for them.
    emailChanges: count(await trx.deleteFrom("EmailChange").where("expiresAt", "<", dbDate(now)).executeTakeFirst()),
    passwordResets: count(await trx.deleteFrom("PasswordReset").where("expiresAt", "<", dbDate(now)).executeTakeFirst()),
    // Processed events carry ids and, for a reset request, the typed address: no use once handled.
    events: count(await trx.deleteFrom("Event").where("processedAt", "is not", null).where("processedAt", "<", before(PROCESSED_EVENT_RETENTION_MS)).executeTakeFirst()),
  }));
}

/** How often the privacy job runs: failed logins are the shortest period (15 minutes). */
export const PRIVACY_JOB_INTERVAL_MS = 5 * 60 * 1000;

/** Starts the periodic pruning and due deletions; returns a stop function. */
export function startPrivacyJob(log: Pick<Console, "log" | "error"> = console) {
  const run = async () => {
    try {
      const deleted = await runDueDeletions();
      if (deleted) log.log(`[privacy] ${deleted} account(s) deleted`);
      await pruneExpiredData();
    } catch (error) {
      log.error("[privacy] job failed", error);
    }
  };
  const timer = setInterval(() => void run(), PRIVACY_JOB_INTERVAL_MS);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}

// ---------------------------------------------------------------------------------------------
// The profile page

/** Everything the profile page shows beyond the session user: sessions, pending address change, deletion. */
export async function loadProfilePrivacy(userId: string, sessionId: string) {
  const [sessions, deletion, emailChange] = await Promise.all([
    listSessions(userId, sessionId),
    pendingDeletion(userId),
    db.selectFrom("EmailChange").select(["newEmail"]).where("userId", "=", userId).where("usedAt", "is", null).where("expiresAt", ">", dbNow()).executeTakeFirst(),
  ]);
  return { sessions, deletion, pendingEmail: emailChange?.newEmail ?? null, graceDays: getEnv().DELETION_GRACE_DAYS };
}
