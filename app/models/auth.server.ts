// Sign-in: password check behind a login throttle, and the redirect target after login.
// The throttle (decision 016) counts failures in LoginFailure and reserves a failure row for every
// attempt in one IMMEDIATE transaction BEFORE the password hash is computed, so parallel
// attempts cannot all pass the check; a success removes its reservation again. It never sleeps: a
// throttled attempt is answered at once with the seconds to wait.
import { sql } from "kysely";
import { LOGIN_THROTTLE } from "../domain/model.ts";
import { db } from "../db/db.server.ts";
import { dbDate, dbNow, newId } from "../db/values.ts";
import type { PlatformRole, SpaceRole } from "../domain/model.ts";
import { recordAudit } from "./audit.server.ts";
import { passwordSignInAllowed } from "./settings.server.ts";
import { beginEnrolment, secondStepFor } from "./two-factor.server.ts";
import { verifyPassword } from "../auth/password.server.ts";

export type LoginResult =
  | { ok: true; userId: string; role: PlatformRole }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

const stamp = dbDate;

/** Seconds until `ms`, at least 1. */
const secondsUntil = (ms: number, now: number) => Math.max(1, Math.ceil((ms - now) / SECOND));

/** The wait after `failures` failures of one account from one address (0 below the threshold). */
export function accountAddressLockMs(failures: number) {
  const { maxFailuresPerAccountAddress: max, firstLockSeconds, maxLockSeconds } = LOGIN_THROTTLE;
  if (failures < max) return 0;
  return Math.min(firstLockSeconds * 2 ** (failures - max), maxLockSeconds) * SECOND;
}

/**
 * Checks every throttle and, when none applies, reserves a failure row, all in one IMMEDIATE
 * transaction (other requests wait for it; other processes wait for the write lock): one SELECT
 * answers every check, one INSERT reserves. Returns the reservation's id, or the seconds to wait.
 */
async function reserveAttempt(email: string, ip: string, now: number): Promise<{ reservation: number } | { retryAfterSeconds: number }> {
  const t = LOGIN_THROTTLE;
  const accountSince = stamp(now - t.accountWindowMinutes * MINUTE);
  const ipSince = stamp(now - t.ipWindowMinutes * MINUTE);
  return db.transaction().execute(async (trx) => {
    const failures = () => trx.selectFrom("LoginFailure");
    const checks = await trx
      .selectNoFrom((eb) => [
        // 1. this account from this address
        failures().select((e) => e.fn.countAll<number>().as("n")).where("email", "=", email).where("ip", "=", ip).where("createdAt", ">", accountSince).as("pairCount"),
        failures().select((e) => e.fn.max("createdAt").as("last")).where("email", "=", email).where("ip", "=", ip).where("createdAt", ">", accountSince).as("pairLast"),
        // 2. this address over all accounts: the oldest of the newest `max` failures, if there are that many
        failures().select("createdAt").where("ip", "=", ip).where("createdAt", ">", ipSince)
          .orderBy("createdAt", "desc").limit(1).offset(t.maxFailuresPerIp - 1).as("ipOldest"),
        // 3. this account over all addresses, and whether this address signed in to it lately
        failures().select("createdAt").where("email", "=", email).where("createdAt", ">", accountSince)
          .orderBy("createdAt", "desc").limit(1).offset(t.maxFailuresPerAccount - 1).as("accountOldest"),
        eb.selectFrom("LoginAddress as a").innerJoin("User as u", "u.id", "a.userId").select(sql<number>`1`.as("one"))
          .where("u.email", "=", email).where("a.ip", "=", ip).where("a.lastSuccessAt", ">", stamp(now - t.knownAddressDays * DAY)).as("known"),
      ])
      .executeTakeFirstOrThrow();
    const waits: number[] = [];

    // 1. After 5 failures a wait from the last one, doubling per failure.
    const lock = accountAddressLockMs(Number(checks.pairCount ?? 0));
    const last = checks.pairLast === null ? null : Date.parse(String(checks.pairLast));
    if (lock && last !== null && last + lock > now) waits.push(secondsUntil(last + lock, now));

    // 2. 30 failures in 15 minutes; wait until the oldest counted one ages out.
    if (checks.ipOldest) waits.push(secondsUntil(Date.parse(checks.ipOldest) + t.ipWindowMinutes * MINUTE, now));

    // 3. After 50 failures an hour, only addresses it signed in from lately.
    if (checks.accountOldest && !checks.known) waits.push(secondsUntil(Date.parse(checks.accountOldest) + t.accountWindowMinutes * MINUTE, now));

    if (waits.length) return { retryAfterSeconds: Math.max(...waits) };
    const inserted = await trx.insertInto("LoginFailure").values({ email, ip, createdAt: stamp(now) }).returning("id").executeTakeFirstOrThrow();
    return { reservation: inserted.id };
  });
}

/** After a success: drop the reservation and this address's failures for the account, remember the address. */
async function recordSuccess(reservation: number, userId: string, email: string, ip: string, now: number) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("LoginFailure").where((eb) => eb.or([eb("id", "=", reservation), eb.and([eb("email", "=", email), eb("ip", "=", ip)])])).execute();
    await trx.insertInto("LoginAddress").values({ userId, ip, lastSuccessAt: stamp(now) })
      .onConflict((oc) => oc.columns(["userId", "ip"]).doUpdateSet((eb) => ({ lastSuccessAt: eb.ref("excluded.lastSuccessAt") })))
      .execute();
    await trx.deleteFrom("LoginAddress").where("lastSuccessAt", "<", stamp(now - LOGIN_THROTTLE.knownAddressDays * DAY)).execute();
  });
}

/** After a failure the reservation stays as the failure record; old rows are pruned. */
async function pruneFailures(now: number) {
  const keep = Math.max(LOGIN_THROTTLE.accountWindowMinutes, LOGIN_THROTTLE.ipWindowMinutes) * MINUTE;
  await db.deleteFrom("LoginFailure").where("createdAt", "<", stamp(now - keep)).execute();
}

/**
 * Checks e-mail and password. Unknown e-mail, wrong password and a disabled account all answer
 * "invalid", so the answer reveals nothing. Throttled attempts never reach the password hash.
 */
export async function login(input: { email: string; password: string; ip: string }): Promise<LoginResult> {
  const reserved = await reserveAttempt(input.email, input.ip, Date.now());
  if ("retryAfterSeconds" in reserved) return { ok: false, reason: "throttled", retryAfterSeconds: reserved.retryAfterSeconds };

  const user = await db.selectFrom("User").select(["id", "passwordHash", "status", "role"]).where("email", "=", input.email).executeTakeFirst();
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !passwordOk || user.status !== "active") {
    await pruneFailures(Date.now());
    return { ok: false, reason: "invalid" };
  }
  await recordSuccess(reserved.reservation, user.id, input.email, input.ip, Date.now());
  return { ok: true, userId: user.id, role: user.role };
}

/**
 * What follows a verified password (sign-in or password reset): a session, a refusal because SSO is
 * required, or the second step (a code, or enrolment required by the role; a pending enrolment is
 * started here so the page can show it).
 */
export async function afterPassword(userId: string): Promise<"session" | "sso-required" | "verify" | "enrol"> {
  const user = await db.selectFrom("User").select(["email", "role"]).where("id", "=", userId).executeTakeFirstOrThrow();
  if (!(await passwordSignInAllowed(user.email, user.role))) return "sso-required";
  const step = await secondStepFor(userId);
  if (step === "enrol") await beginEnrolment(userId);
  return step === "none" ? "session" : step;
}

export type ProviderSignIn =
  | { ok: true; userId: string }
  | { ok: false; reason: "unverified" | "unknown" | "disabled" };

/**
 * Sign-in through the identity provider (decision 022). Only a VERIFIED e-mail links: to an existing
 * account (an invited one becomes active), or to an open invitation, which is accepted as the
 * password form would (account, membership, audit). Unknown people get an account only with
 * OIDC_ALLOW_SIGNUP=1; a disabled account stays disabled.
 */
export async function signInWithProvider(identity: { email: string | null; emailVerified: boolean; name: string | null; subject: string }, allowSignup: boolean): Promise<ProviderSignIn> {
  if (!identity.email || !identity.emailVerified) return { ok: false, reason: "unverified" };
  const email = identity.email;
  const name = (identity.name?.trim() || email.split("@")[0]).slice(0, 100);
  return db.transaction().execute(async (trx) => {
    const now = dbNow();
    const user = await trx.selectFrom("User").select(["id", "status"]).where("email", "=", email).executeTakeFirst();
    if (user) {
      if (user.status === "disabled") return { ok: false as const, reason: "disabled" as const };
      if (user.status === "invited") {
        await trx.updateTable("User").set({ status: "active", updatedAt: now }).where("id", "=", user.id).execute();
        await recordAudit({ actorId: user.id, action: "user.activate-sso", targetType: "user", targetId: user.id }, trx);
      }
      return { ok: true as const, userId: user.id };
    }
    const invitation = await trx.updateTable("Invitation").set({ acceptedAt: now })
      .where("id", "=", (eb) => eb.selectFrom("Invitation").select("id")
        .where("email", "=", email).where("acceptedAt", "is", null).where("revokedAt", "is", null).where("expiresAt", ">", now)
        .orderBy("createdAt", "desc").limit(1))
      .returning(["id", "platformRole", "spaceId", "spaceRole"])
      .executeTakeFirst();
    if (!invitation && !allowSignup) return { ok: false as const, reason: "unknown" as const };
    const userId = newId();
    await trx.insertInto("User").values({
      id: userId, email, name, passwordHash: null,
      role: (invitation?.platformRole ?? "member") as PlatformRole, status: "active", createdAt: now, updatedAt: now,
    }).execute();
    if (invitation?.spaceId && invitation.spaceRole) {
      await trx.insertInto("Membership").values({ id: newId(), userId, spaceId: invitation.spaceId, role: invitation.spaceRole as SpaceRole, createdAt: now }).execute();
    }
    await recordAudit(invitation
      ? { actorId: userId, action: "invitation.accept", targetType: "invitation", targetId: invitation.id, details: { via: "oidc" } }
      : { actorId: userId, action: "user.signup-sso", targetType: "user", targetId: userId, details: { subject: identity.subject } }, trx);
    return { ok: true as const, userId };
  });
}

/** Clears every failure recorded for an account (after a completed password reset). */
export async function clearLoginThrottle(email: string) {
  await db.deleteFrom("LoginFailure").where("email", "=", email.trim().toLowerCase()).execute();
}

/**
 * The redirect target after login: resolved against our own origin and kept only when it stays
 * there (tabs, backslashes, protocol-relative and absolute URLs, CR/LF all end up elsewhere or are
 * normalised away by the URL parser). Returns path, query and hash, percent-encoded.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, ourOrigin: string, fallback = "/") {
  if (typeof to !== "string" || to === "") return fallback;
  let url: URL;
  try {
    url = new URL(to, ourOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(ourOrigin).origin) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
