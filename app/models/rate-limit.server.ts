import { db } from "../utils/db.server.ts";
import { RATE_LIMITS, type RateLimitKind } from "../utils/domain.ts";

/** Counts one event and says whether the user is still within the limit for this kind. */
export async function consumeRateLimit(userId: string, kind: RateLimitKind): Promise<{ ok: true } | { ok: false; retrySeconds: number }> {
  const { max, windowSeconds } = RATE_LIMITS[kind];
  const since = new Date(Date.now() - windowSeconds * 1000);
  const recent = await db.rateEvent.count({ where: { userId, kind, createdAt: { gt: since } } });
  if (recent >= max) return { ok: false, retrySeconds: windowSeconds };
  await db.$transaction([
    db.rateEvent.create({ data: { userId, kind } }),
    db.rateEvent.deleteMany({ where: { userId, kind, createdAt: { lt: since } } }),
  ]);
  return { ok: true };
}
