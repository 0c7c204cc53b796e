// GET /spaces/<slug>/member-lookup?q=…: the add-member form's look-up. Only chairs and admins of
// the Gremium get an answer (others 403/404), and only a few active non-members whose name or
// e-mail address starts with the query: one person as you type, never the whole directory.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findMemberCandidates } from "../models/spaces.server.ts";
import { requireSpacePermission } from "../auth/permissions.server.ts";
import { cleanLine } from "../domain/text.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const q = cleanLine(new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const { space } = await requireSpacePermission(request, params.slug ?? "", "manage-members");
  const people = await findMemberCandidates(space.id, q);
  return Response.json(people, { headers: { "Cache-Control": "private, no-store" } });
}
