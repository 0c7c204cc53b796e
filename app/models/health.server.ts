// The health check's database probe (GET /healthz).
import { db } from "../db/db.server.ts";

/**
 * Reads a real table, so a locked or unreadable database throws (after the busy timeout) instead of
 * answering from a connection that touches no page.
 */
export async function databaseAnswers() {
  await db.selectFrom("Land").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
}
