// Leases in the database, so that exactly one process runs a job (the event processor, the mail
// sender, the digest) however many web processes run. A holder renews before expiry; a crashed
// holder's lease runs out and another process takes it over.
import { sql } from "kysely";
import { db } from "../db/db.server.ts";
import { dbDate } from "../db/values.ts";

/** Takes or renews the lease `name` for `holder`; true when `holder` holds it until now + ttlMs. */
export async function takeLease(name: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  const expiresAt = dbDate(now + ttlMs);
  const result = await db.insertInto("JobLease").values({ name, holder, expiresAt })
    .onConflict((oc) => oc.column("name").doUpdateSet({ holder, expiresAt })
      .where((eb) => eb.or([eb("JobLease.holder", "=", holder), eb("JobLease.expiresAt", "<", dbDate(now))])))
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function releaseLease(name: string, holder: string) {
  await db.deleteFrom("JobLease").where("name", "=", name).where("holder", "=", holder).execute();
}

/** Who holds `name` now (for /healthz and tests). */
export async function leaseHolder(name: string, now = Date.now()) {
  const row = await db.selectFrom("JobLease").select(["holder", "expiresAt"]).where("name", "=", name)
    .where(sql<boolean>`"expiresAt" >= ${dbDate(now)}`).executeTakeFirst();
  return row?.holder ?? null;
}
