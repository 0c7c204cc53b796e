// Password reset (issue 11). Asking is cheap and says nothing: the request path only counts the
// client address (429 beyond its budget) and records one event; the event processor later looks the
// address up, applies the silent per-recipient limit, makes the token and queues the mail in one
// transaction. Only the token's sha256 is stored; a link works once, for an hour, and a new request
// invalidates the older links. Setting the password ends every session, clears the login throttle,
// audits, and starts a fresh session.
import { hashLinkToken, LINK_TOKEN_PATTERN, linkStillWorks, newLinkToken } from "../auth/link-tokens.server.ts";
import { db, type Queryable, type Tx } from "../db/db.server.ts";
import { dbDate, dbNow, newId } from "../db/values.ts";
import { MAIL_LIMITS } from "../domain/mail.ts";
import { hashPassword } from "../auth/password.server.ts";
import { announceEvents, recordEvent } from "../events/record.server.ts";
import type { EventPayloads } from "../events/types.ts";
import { notifyCollabPermissionsChanged } from "../infra/collab-link/index.ts";
import { queueMail } from "../mail/outbox.server.ts";
import { passwordResetMail } from "../mail/templates.ts";
import { recordAudit } from "./audit.server.ts";
import { mailBaseUrl } from "./mail-preferences.server.ts";

export const RESET_TOKEN_PATTERN = LINK_TOKEN_PATTERN;

/**
 * Counts one use of a budget in RateCounter (the same table and semantics as the write budgets,
 * decision 017): one UPSERT inside the caller's transaction; false when the budget is used up.
 */
async function consumeBudget(q: Queryable, key: string, budget: { max: number; windowSeconds: number }, now: number) {
  const expired = now - budget.windowSeconds * 1000;
  const row = await q.insertInto("RateCounter").values({ key, windowStart: now, count: 1 })
    .onConflict((oc) => oc.column("key").doUpdateSet((eb) => ({
      count: eb.case().when("RateCounter.windowStart", "<=", expired).then(1).else(eb("RateCounter.count", "+", 1)).end(),
      windowStart: eb.case().when("RateCounter.windowStart", "<=", expired).then(now).else(eb.ref("RateCounter.windowStart")).end(),
    })).where((eb) => eb.or([eb("RateCounter.windowStart", "<=", expired), eb("RateCounter.count", "<", budget.max)])))
    .returning("count").executeTakeFirst();
  return row !== undefined;
}

/**
 * The request path of POST /password/forgot: the client address's budget, then one event. The
 * answer is the same for every e-mail address and takes the same time (no lookup happens here).
 */
export async function requestPasswordReset(input: { email: string; ip: string }, now = Date.now()): Promise<{ ok: true } | { ok: false; retrySeconds: number }> {
  const budget = MAIL_LIMITS.resetRequestsPerAddress;
  const allowed = await db.transaction().execute(async (trx) => {
    if (!(await consumeBudget(trx, `password-reset-ip:${input.ip}`, budget, now))) return false;
    await recordEvent(trx, { type: "password.reset-requested", payload: { email: input.email } });
    return true;
  });
  if (!allowed) {
    const row = await db.selectFrom("RateCounter").select("windowStart").where("key", "=", `password-reset-ip:${input.ip}`).executeTakeFirst();
    const start = Number(row?.windowStart ?? now);
    return { ok: false, retrySeconds: Math.max(1, Math.ceil((start + budget.windowSeconds * 1000 - now) / 1000)) };
  }
  announceEvents();
  return { ok: true };
}

/** The event handler (off the request, in the processor's transaction): token and mail, or nothing. */
export async function handlePasswordResetRequest(trx: Tx, event: EventPayloads["password.reset-requested"]) {
  const now = Date.now();
  const user = await trx.selectFrom("User").select(["id", "name", "email", "status"]).where("email", "=", event.email).executeTakeFirst();
  // Disabled and unknown accounts get nothing, and nobody learns which it was.
  if (!user || user.status !== "active") return "ignored";
  if (!(await consumeBudget(trx, `password-reset-mail:${user.id}`, MAIL_LIMITS.resetMailsPerRecipient, now))) return "limited";
  // A new request invalidates every older link.
  await trx.updateTable("PasswordReset").set({ usedAt: dbNow() }).where("userId", "=", user.id).where("usedAt", "is", null).execute();
  const token = newLinkToken();
  await trx.insertInto("PasswordReset").values({
    id: newId(), userId: user.id, tokenHash: hashLinkToken(token), expiresAt: dbDate(now + MAIL_LIMITS.resetTokenTtlMs), createdAt: dbNow(),
  }).execute();
  await queueMail(trx, { ...passwordResetMail({ base: mailBaseUrl(), token, name: user.name }), to: user.email, userId: user.id, kind: "password-reset" });
  return "queued";
}

async function openReset(q: Queryable, token: string) {
  if (!RESET_TOKEN_PATTERN.test(token)) return null;
  const row = await q.selectFrom("PasswordReset").innerJoin("User", "User.id", "PasswordReset.userId")
    .select(["PasswordReset.id", "PasswordReset.userId", "PasswordReset.expiresAt", "PasswordReset.usedAt", "User.email", "User.status"])
    .where("PasswordReset.tokenHash", "=", hashLinkToken(token)).executeTakeFirst();
  return linkStillWorks(row) ? row! : null;
}

/** The reset page: whether the link still works (and for which address). */
export async function loadPasswordResetPage(token: string) {
  const reset = await openReset(db, token);
  return reset ? { email: reset.email } : null;
}

/**
 * Sets the new password through a reset link and ends every session of the account; the route then
 * signs the person in as a password sign-in would (second factor, SSO rule). Returns the user, or
 * null when the link is unknown, used, expired or its account disabled.
 */
export async function completePasswordReset(input: { token: string; password: string; ip: string }) {
  if (!RESET_TOKEN_PATTERN.test(input.token)) return null;
  const passwordHash = await hashPassword(input.password); // before the transaction: hashing is slow
  const done = await db.transaction().execute(async (trx) => {
    const reset = await openReset(trx, input.token);
    if (!reset) return null;
    const used = await trx.updateTable("PasswordReset").set({ usedAt: dbNow() }).where("id", "=", reset.id).where("usedAt", "is", null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return null;
    await trx.updateTable("User").set({ passwordHash, updatedAt: dbNow() }).where("id", "=", reset.userId).execute();
    await trx.deleteFrom("Session").where("userId", "=", reset.userId).execute();
    await trx.deleteFrom("LoginFailure").where("email", "=", reset.email).execute();
    await recordAudit({ actorId: reset.userId, action: "user.password-reset", targetType: "user", targetId: reset.userId, details: { ip: input.ip } }, trx);
    return { userId: reset.userId };
  });
  if (!done) return null;
  // Open collaboration sockets of the ended sessions close now, not at their next check.
  await notifyCollabPermissionsChanged({ userId: done.userId });
  return { userId: done.userId };
}
