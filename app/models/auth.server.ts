// Sign-in: password check behind a login throttle, and the redirect target after login.
// The throttle (decision 016) counts failures in LoginFailure and reserves a failure row for every
// attempt in one synchronous SQLite transaction BEFORE the password hash is computed, so parallel
// attempts cannot all pass the check; a success removes its reservation again. It never sleeps: a
// throttled attempt is answered at once with the seconds to wait.
import { LOGIN_THROTTLE } from "../domain/model.ts";
import { db } from "../db/prisma.server.ts";
import { verifyPassword } from "../auth/password.server.ts";
import { sharedSqlite } from "../db/sqlite.server.ts";

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** The text form Prisma uses for DateTime in SQLite, so rows written here read the same everywhere. */
const stamp = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

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
 * transaction (synchronous, so no other request of this process runs in between, and other
 * processes wait for the write lock). Returns the reservation's id, or the seconds to wait.
 */
function reserveAttempt(email: string, ip: string, now: number): { reservation: number } | { retryAfterSeconds: number } {
  const sqlite = sharedSqlite();
  const t = LOGIN_THROTTLE;
  return sqlite.transaction(() => {
    const waits: number[] = [];

    // 1. This account from this address: after 5 failures a wait from the last one, doubling per failure.
    const pair = sqlite
      .prepare(`SELECT count(*) AS n, max("createdAt") AS last FROM "LoginFailure" WHERE "email" = ? AND "ip" = ? AND "createdAt" > ?`)
      .get(email, ip, stamp(now - t.accountWindowMinutes * MINUTE)) as { n: number; last: string | null };
    const lock = accountAddressLockMs(pair.n);
    if (lock && pair.last && Date.parse(pair.last) + lock > now) waits.push(secondsUntil(Date.parse(pair.last) + lock, now));

    // 2. This address over all accounts: 30 failures in 15 minutes; wait until the oldest counted one ages out.
    const ipSince = now - t.ipWindowMinutes * MINUTE;
    const ipRows = sqlite
      .prepare(`SELECT "createdAt" FROM "LoginFailure" WHERE "ip" = ? AND "createdAt" > ? ORDER BY "createdAt" DESC LIMIT ?`)
      .all(ip, stamp(ipSince), t.maxFailuresPerIp) as Array<{ createdAt: string }>;
    if (ipRows.length >= t.maxFailuresPerIp) {
      waits.push(secondsUntil(Date.parse(ipRows[ipRows.length - 1].createdAt) + t.ipWindowMinutes * MINUTE, now));
    }

    // 3. This account over all addresses: after 50 failures an hour, only addresses it signed in from lately.
    const accountSince = now - t.accountWindowMinutes * MINUTE;
    const accountRows = sqlite
      .prepare(`SELECT "createdAt" FROM "LoginFailure" WHERE "email" = ? AND "createdAt" > ? ORDER BY "createdAt" DESC LIMIT ?`)
      .all(email, stamp(accountSince), t.maxFailuresPerAccount) as Array<{ createdAt: string }>;
    if (accountRows.length >= t.maxFailuresPerAccount) {
      const known = sqlite
        .prepare(
          `SELECT 1 FROM "LoginAddress" a JOIN "User" u ON u."id" = a."userId" WHERE u."email" = ? AND a."ip" = ? AND a."lastSuccessAt" > ?`,
        )
        .get(email, ip, stamp(now - t.knownAddressDays * DAY));
      if (!known) waits.push(secondsUntil(Date.parse(accountRows[accountRows.length - 1].createdAt) + t.accountWindowMinutes * MINUTE, now));
    }

    if (waits.length) return { retryAfterSeconds: Math.max(...waits) };
    const inserted = sqlite.prepare(`INSERT INTO "LoginFailure" ("email", "ip", "createdAt") VALUES (?, ?, ?)`).run(email, ip, stamp(now));
    return { reservation: Number(inserted.lastInsertRowid) };
  }).immediate();
}

/** After a success: drop the reservation and this address's failures for the account, remember the address. */
function recordSuccess(reservation: number, userId: string, email: string, ip: string, now: number) {
  const sqlite = sharedSqlite();
  sqlite.transaction(() => {
    sqlite.prepare(`DELETE FROM "LoginFailure" WHERE "id" = ? OR ("email" = ? AND "ip" = ?)`).run(reservation, email, ip);
    sqlite
      .prepare(
        `INSERT INTO "LoginAddress" ("userId", "ip", "lastSuccessAt") VALUES (?, ?, ?)
         ON CONFLICT ("userId", "ip") DO UPDATE SET "lastSuccessAt" = excluded."lastSuccessAt"`,
      )
      .run(userId, ip, stamp(now));
    sqlite.prepare(`DELETE FROM "LoginAddress" WHERE "lastSuccessAt" < ?`).run(stamp(now - LOGIN_THROTTLE.knownAddressDays * DAY));
  }).immediate();
}

/** After a failure the reservation stays as the failure record; old rows are pruned. */
function pruneFailures(now: number) {
  const keep = Math.max(LOGIN_THROTTLE.accountWindowMinutes, LOGIN_THROTTLE.ipWindowMinutes) * MINUTE;
  sharedSqlite().prepare(`DELETE FROM "LoginFailure" WHERE "createdAt" < ?`).run(stamp(now - keep));
}

/**
 * Checks e-mail and password. Unknown e-mail, wrong password and a disabled account all answer
 * "invalid", so the answer reveals nothing. Throttled attempts never reach the password hash.
 */
export async function login(input: { email: string; password: string; ip: string }): Promise<LoginResult> {
  const reserved = reserveAttempt(input.email, input.ip, Date.now());
  if ("retryAfterSeconds" in reserved) return { ok: false, reason: "throttled", retryAfterSeconds: reserved.retryAfterSeconds };

  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true, passwordHash: true, status: true } });
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !passwordOk || user.status !== "active") {
    pruneFailures(Date.now());
    return { ok: false, reason: "invalid" };
  }
  recordSuccess(reserved.reservation, user.id, input.email, input.ip, Date.now());
  return { ok: true, userId: user.id };
}

/** Clears every failure recorded for an account (after a completed password reset). */
export function clearLoginThrottle(email: string) {
  sharedSqlite().prepare(`DELETE FROM "LoginFailure" WHERE "email" = ?`).run(email.trim().toLowerCase());
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
