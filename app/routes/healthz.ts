import { db } from "../utils/db.server.ts";

// Touches a real table, so a locked or unreadable database answers 503 (after the busy timeout).
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  try {
    await db.$queryRawUnsafe(`SELECT count(*) FROM "Land"`);
    return Response.json({ status: "ok" }, { headers });
  } catch {
    return Response.json({ status: "error" }, { status: 503, headers });
  }
}
