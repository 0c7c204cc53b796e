// GET /healthz (stable contract): 200 {"status":"ok"} when the database answers and every commit
// succeeds; 200 {"status":"degraded","failingDocuments":[…]} while some document's commits keep
// failing (the others still commit); 503 when the database does not answer.
import { failingCollabDocuments } from "../infra/collab-link/index.ts";
import { databaseAnswers } from "../models/health.server.ts";

// Touches a real table, so a locked or unreadable database answers 503 (after the busy timeout).
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  try {
    await databaseAnswers();
  } catch {
    return Response.json({ status: "error" }, { status: 503, headers });
  }
  const failingDocuments = await failingCollabDocuments();
  if (failingDocuments.length) return Response.json({ status: "degraded", failingDocuments }, { headers });
  return Response.json({ status: "ok" }, { headers });
}
