// The one rate limiter for writes and search (decision 017). Each budget in RATE_LIMITS allows
// `max` uses per user in a window that starts with the first use. The count and the decision are
// one SQLite UPSERT inside BEGIN IMMEDIATE, so parallel requests, from any process on the same
// database, can never pass a budget together; a refused request changes nothing.
import { RATE_LIMITS, type RateLimitKind } from "../domain/model.ts";
import { sharedSqlite } from "../db/sqlite.server.ts";
import type Database from "better-sqlite3";

export type RateLimitResult = { ok: true } | { ok: false; retrySeconds: number };

// A fresh row starts a window; an expired window restarts at 1; otherwise the count grows while it
// is below the budget. When the WHERE refuses, nothing is written and nothing is returned.
const CONSUME = `
  INSERT INTO "RateCounter" ("key", "windowStart", "count") VALUES (@key, @now, 1)
  ON CONFLICT ("key") DO UPDATE SET
    "count" = CASE WHEN "windowStart" <= @expired THEN 1 ELSE "count" + 1 END,
    "windowStart" = CASE WHEN "windowStart" <= @expired THEN @now ELSE "windowStart" END
  WHERE "windowStart" <= @expired OR "count" < @max
  RETURNING "count"`;
const WINDOW_START = `SELECT "windowStart" FROM "RateCounter" WHERE "key" = ?`;

type Args = { key: string; now: number; expired: number; max: number };
type Prepared = { connection: Database.Database; consume: (args: Args, windowMs: number) => RateLimitResult };
let statements: Prepared | undefined;

function prepare(): Prepared["consume"] {
  const connection = sharedSqlite();
  if (statements?.connection !== connection) {
    const consume = connection.prepare(CONSUME);
    const windowStart = connection.prepare(WINDOW_START).safeIntegers(true);
    const run = connection.transaction((args: Args, windowMs: number): RateLimitResult => {
      if (consume.get(args)) return { ok: true };
      const start = Number((windowStart.get(args.key) as { windowStart: bigint }).windowStart);
      return { ok: false, retrySeconds: Math.max(1, Math.ceil((start + windowMs - args.now) / 1000)) };
    });
    statements = { connection, consume: (args, windowMs) => run.immediate(args, windowMs) };
  }
  return statements.consume;
}

/** Counts one use of the budget and says whether it was within it (else: seconds until it refills). */
export function consumeRateLimit(userId: string, kind: RateLimitKind, now = Date.now()): RateLimitResult {
  const { max, windowSeconds } = RATE_LIMITS[kind];
  const windowMs = windowSeconds * 1000;
  return prepare()({ key: `${kind}:${userId}`, now, expired: now - windowMs, max }, windowMs);
}
