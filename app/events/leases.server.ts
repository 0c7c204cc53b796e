// Leases in the database, so that exactly one process runs a job (the event processor, the mail
// sender, the digest) however many web processes run. A holder renews before expiry; a crashed
// holder's lease runs out and another process takes it over.
import os from "node:os";
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

/** This process's name in lease rows. */
export const PROCESS_HOLDER = `${os.hostname()}:${process.pid}`;

export type LeasedJob = {
  /** Run soon (coalesces with a run in progress: that run goes round once more). */
  wake(): void;
  /** Stops polling, waits for a run in progress and hands the lease back for a successor. */
  stop(): Promise<void>;
};

/**
 * The one loop for work that exactly one process may do (event processor, mail sender, overview):
 * every `pollMs` and on `wake()`, take or renew the lease `name` and call `work`; while it answers
 * true (more is waiting) and the job runs, call it again. `renew` renews the lease for long runs
 * and says false once the job is stopping or the lease was lost.
 */
export function startLeasedJob(options: {
  name: string; leaseMs: number; pollMs: number; log: Pick<Console, "error">; holder?: string;
  work: (renew: () => Promise<boolean>) => Promise<boolean>;
}): LeasedJob {
  const holder = options.holder ?? PROCESS_HOLDER;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const renew = async () => !stopped && (await takeLease(options.name, holder, options.leaseMs));
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        if (!(await renew())) return;
        if (await options.work(renew)) again = true;
      } while (again && !stopped);
    })()
      .catch((error: unknown) => options.log.error(`[${options.name}] failed`, error))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, options.pollMs);
  timer.unref();
  run();
  return {
    wake: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await releaseLease(options.name, holder);
    },
  };
}