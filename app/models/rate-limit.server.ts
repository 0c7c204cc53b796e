// The one rate limiter for writes and search (decision 017). Each budget in RATE_LIMITS allows
// `max` uses per user in a window that starts with the first use. The count and the decision are
// one UPSERT statement (atomic in SQLite), so parallel requests, from any process on the same
// database, can never pass a budget together; a refused request changes nothing.
import { db, type Queryable } from "../db/db.server.ts";
import { RATE_LIMITS, type RateLimitKind } from "../domain/model.ts";

export type RateLimitResult = { ok: true } | { ok: false; retrySeconds: number };

/**
 * Counts one use of the budget and says whether it was within it (else: seconds until it refills).
 * Pass the write's transaction as `q` where there is one: the count then commits with the write,
 * in one fsync instead of two (synchronous=FULL syncs every commit, blocking the process ~4 ms).
 */
export async function consumeRateLimit(userId: string, kind: RateLimitKind, now = Date.now(), q: Queryable = db): Promise<RateLimitResult> {
  const { max, windowSeconds } = RATE_LIMITS[kind];
  const windowMs = windowSeconds * 1000;
  const key = `${kind}:${userId}`;
  const expired = now - windowMs;
  // A fresh row starts a window; an expired window restarts at 1; otherwise the count grows while it
  // is below the budget. When the WHERE refuses, nothing is written and nothing is returned.
  const counted = await q
    .insertInto("RateCounter")
    .values({ key, windowStart: now, count: 1 })
    .onConflict((oc) => oc.column("key")
      .doUpdateSet((eb) => ({
        count: eb.case().when("RateCounter.windowStart", "<=", expired).then(1).else(eb("RateCounter.count", "+", 1)).end(),
        windowStart: eb.case().when("RateCounter.windowStart", "<=", expired).then(now).else(eb.ref("RateCounter.windowStart")).end(),
      }))
      .where((eb) => eb.or([eb("RateCounter.windowStart", "<=", expired), eb("RateCounter.count", "<", max)])))
    .returning("count")
    .executeTakeFirst();
  if (counted) return { ok: true };
  // Refused: only now is the window's start needed, for the hint when to retry.
  const row = await q.selectFrom("RateCounter").select("windowStart").where("key", "=", key).executeTakeFirst();
  const start = row ? Number(row.windowStart) : now;
  return { ok: false, retrySeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
}

/** Thrown inside a write's transaction when its budget is spent (the transaction rolls back). */
export class RateLimited extends Error {
  constructor(readonly retrySeconds: number) {
    super("rate limited");
  }
}

/** Spends one use of `kind` within the write's transaction `trx`, or throws RateLimited. */
export async function spendBudget(trx: Queryable, userId: string, kind: RateLimitKind) {
  const limit = await consumeRateLimit(userId, kind, Date.now(), trx);
  if (!limit.ok) throw new RateLimited(limit.retrySeconds);
}
