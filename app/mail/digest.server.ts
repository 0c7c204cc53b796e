// The daily and weekly overview mails. At MAIL_DIGEST_TIME (Europe/Berlin; weekly on Mondays) each
// person whose preferences put some kinds into that overview gets one mail with the notifications
// of those kinds since their last overview, grouped by Gremium and thread or paper. Access is
// checked at sending time with `can`: nothing is mentioned that the person can no longer read.
// One process at a time holds the "digest" lease; a person's overview and its DigestRun row commit
// together, so a crash neither loses nor repeats one.
import { db, type Tx } from "../db/db.server.ts";
import { dbDate } from "../db/values.ts";
import { MAIL_PREFERENCE_KINDS, PREFERENCE_OF_NOTIFICATION } from "../domain/mail.ts";
import type { Actor } from "../domain/permissions.ts";
import { getEnv } from "../infra/env.server.ts";
import { PROCESS_HOLDER, startLeasedJob } from "../events/leases.server.ts";
import { notificationsWithTargets, readableNow } from "../models/notifications.server.ts";
import { loadPreferences, mailBaseUrl, unsubscribeHeaders, unsubscribeToken, unsubscribeUrl } from "../models/mail-preferences.server.ts";
import { queueMail } from "./outbox.server.ts";
import { digestMail, type NotificationItem } from "./templates.ts";

export type Cadence = "daily" | "weekly";
const DAY_MS = 24 * 60 * 60 * 1000;
const PERIOD: Record<Cadence, number> = { daily: DAY_MS, weekly: 7 * DAY_MS };

const berlinParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", weekday: "short", hourCycle: "h23",
});

function partsOf(ms: number) {
  const p = Object.fromEntries(berlinParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: +p.year, m: +p.month, d: +p.day, h: +p.hour, min: +p.minute, weekday: p.weekday as string };
}

/** The instant of a Berlin wall-clock time (the first one when a DST change makes it ambiguous). */
export function berlinInstant(y: number, m: number, d: number, h: number, min: number) {
  const guess = Date.UTC(y, m - 1, d, h, min);
  let instant = guess;
  for (let i = 0; i < 2; i++) {
    const p = partsOf(instant);
    instant += guess - Date.UTC(p.y, p.m - 1, p.d, p.h, p.min);
  }
  return instant;
}

/** The latest scheduled overview time at or before `now` (weekly: the latest Monday). */
export function lastScheduled(now: number, cadence: Cadence, time = getEnv().MAIL_DIGEST_TIME) {
  const [h, min] = time.split(":").map(Number);
  for (let back = 0; back <= 8; back++) {
    const day = partsOf(now - back * DAY_MS);
    if (cadence === "weekly" && day.weekday !== "Mon") continue;
    const at = berlinInstant(day.y, day.m, day.d, h, min);
    if (at <= now) return at;
  }
  throw new Error("no scheduled time found"); // unreachable: a Monday lies within 8 days
}

async function actorOf(trx: Tx, userId: string): Promise<(Actor & { name: string; email: string }) | null> {
  const user = await trx.selectFrom("User").select(["id", "role", "status", "name", "email"]).where("id", "=", userId).executeTakeFirst();
  if (!user) return null;
  const memberships = await trx.selectFrom("Membership").select(["spaceId", "role"]).where("userId", "=", userId).execute();
  return { ...user, memberships };
}

/** The notification items for one person's overview, readable now, oldest first. */
async function digestItems(trx: Tx, actor: Actor, since: string, until: string, kinds: Set<string>) {
  const rows = await notificationsWithTargets(trx, actor)
    .where("n.createdAt", ">", since).where("n.createdAt", "<=", until)
    .orderBy("n.createdAt").orderBy("n.id").execute();
  const items: NotificationItem[] = [];
  for (const row of rows) {
    const kind = PREFERENCE_OF_NOTIFICATION[row.kind];
    if (!kinds.has(kind) || !readableNow(actor, row)) continue;
    if (row.tId) {
      items.push({
        kind, notificationKind: row.kind, actorName: row.actorName, title: row.threadTitle!, spaceName: row.threadSpaceName ?? "",
        path: `/threads/${row.threadId}${row.postId ? `?beitrag=${row.postId}#post-${row.postId}` : ""}`, groupKey: `thread:${row.threadId}`,
      });
    } else {
      items.push({
        kind, notificationKind: row.kind, actorName: row.actorName, title: row.documentTitle!, spaceName: row.documentSpaceName ?? "",
        path: `/documents/${row.documentId}`, groupKey: `document:${row.documentId}`,
        deadline: row.reviewDeadline ? new Date(row.reviewDeadline) : null,
        status: row.documentStatus === "published" ? "published" : row.documentStatus === "adopted" ? "adopted" : undefined,
      });
    }
  }
  return items;
}

/**
 * Makes every due overview of `cadence` (each person in its own transaction). Returns the number
 * of mails queued. Exported for tests; the job calls it every minute.
 */
export async function runDigests(cadence: Cadence, now = Date.now()) {
  const scheduled = lastScheduled(now, cadence);
  const users = await db.selectFrom("User").select("id").where("status", "=", "active").execute();
  let queued = 0;
  for (const { id: userId } of users) {
    queued += await db.transaction().execute(async (trx) => {
      const run = await trx.selectFrom("DigestRun").select("lastSentAt").where("userId", "=", userId).where("cadence", "=", cadence).executeTakeFirst();
      if (run && new Date(run.lastSentAt).getTime() >= scheduled) return 0;
      const prefs = await loadPreferences(trx, userId);
      const kinds = new Set<string>(MAIL_PREFERENCE_KINDS.filter((k) => prefs[k] === cadence));
      const until = dbDate(now);
      let count = 0;
      if (kinds.size) {
        const actor = await actorOf(trx, userId);
        if (!actor) return 0;
        const since = run?.lastSentAt ?? dbDate(scheduled - PERIOD[cadence]);
        const items = await digestItems(trx, actor, since, until, kinds);
        if (items.length) {
          const base = mailBaseUrl();
          const link = unsubscribeUrl(base, unsubscribeToken(userId, cadence));
          await queueMail(trx, {
            ...digestMail({ base, name: actor.name, cadence, items, unsubscribeUrl: link }),
            to: actor.email, userId, kind: `digest:${cadence}`, headers: unsubscribeHeaders(link),
          });
          count = 1;
        }
      }
      await trx.insertInto("DigestRun").values({ userId, cadence, lastSentAt: until })
        .onConflict((oc) => oc.columns(["userId", "cadence"]).doUpdateSet({ lastSentAt: until })).execute();
      return count;
    });
  }
  return queued;
}

export const DIGEST_LEASE = "digest";
export const DIGEST_JOB = { pollMs: 60_000, leaseMs: 5 * 60_000 } as const;

/** Starts the overview job in this process (works only while it holds the lease). */
export function startDigestJob(log: Pick<Console, "error"> = console, holder = PROCESS_HOLDER) {
  const job = startLeasedJob({
    name: DIGEST_LEASE, leaseMs: DIGEST_JOB.leaseMs, pollMs: DIGEST_JOB.pollMs, log, holder,
    async work(renew) {
      for (const cadence of ["daily", "weekly"] as const) if (await renew()) await runDigests(cadence);
      return false;
    },
  });
  return job.stop;
}
