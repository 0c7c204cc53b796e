// Mention autocomplete: people who may read the Gremium (and so the thread), matching ?q=.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { mentionCandidates } from "../models/forum-pages.server.ts";
import { requireSpacePermission } from "../auth/permissions.server.ts";

const MAX_SUGGESTIONS = 8;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { space } = await requireSpacePermission(request, params.slug ?? "", "reply");
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 60);
  const users = await mentionCandidates(space, q, MAX_SUGGESTIONS);
  return Response.json(users.map((u) => ({ id: u.id, label: u.name })));
}
