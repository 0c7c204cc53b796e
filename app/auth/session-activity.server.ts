// "Last seen" for the session list on the profile page. A request must stay a read, so each process
// writes a session's time at most once per SESSION_SEEN_INTERVAL_MS (remembered in memory); other
// requests within the interval write nothing. The list is therefore accurate to that interval.
import { db } from "../db/db.server.ts";
import { dbDate } from "../db/values.ts";

/** How stale "zuletzt aktiv" may be: at most one write per session and process in this time. */
export const SESSION_SEEN_INTERVAL_MS = 5 * 60 * 1000;
/** Bounds the memory of the throttle; past it, entries older than the interval are dropped. */
const MAX_REMEMBERED = 10_000;

const lastWritten = new Map<string, number>();

/**
 * Records that a session was used now, unless it was recorded within the interval. A session younger
 * than the interval needs no row (its start is its last use, to the interval), so signing in and the
 * first requests after it write nothing. Never throws.
 */
export async function noteSessionSeen(sessionId: string, createdAt: string, now = Date.now()) {
  const last = lastWritten.get(sessionId) ?? Date.parse(createdAt);
  if (now - last < SESSION_SEEN_INTERVAL_MS) return;
  lastWritten.set(sessionId, now);
  if (lastWritten.size > MAX_REMEMBERED) {
    for (const [id, at] of lastWritten) if (now - at >= SESSION_SEEN_INTERVAL_MS) lastWritten.delete(id);
  }
  try {
    const at = dbDate(now);
    // The session may have ended meanwhile: insert only while it exists (the foreign key would refuse).
    await db.insertInto("SessionActivity")
      .expression((eb) => eb.selectFrom("Session").select([eb.val(sessionId).as("sessionId"), eb.val(at).as("lastSeenAt")]).where("Session.id", "=", sessionId))
      .onConflict((oc) => oc.column("sessionId").doUpdateSet({ lastSeenAt: at }))
      .execute();
  } catch (error) {
    console.error("[sessions] could not record last seen", error);
  }
}

/** Tests: forget what was written, so the next call writes again. */
export function forgetSessionSeen() {
  lastWritten.clear();
}
