// The suggestions of a paper (decision 025): GET for the sidebar and for operators (JSON), POST for
// creating, accepting, rejecting and withdrawing them. Parse → authorise → act → respond; the rules
// are `can(…, "suggest" | "decide")` and `canWithdraw`, the work is in suggestions.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, notFound, requireDocumentPermission } from "../auth/permissions.server.ts";
import { SUGGESTION_LIMITS } from "../domain/model.ts";
import { can } from "../domain/permissions.ts";
import { parseForm, retryAfter } from "../forms/parse.server.ts";
import { SuggestionActionSchema } from "../forms/suggestion-schemas.ts";
import { m } from "../i18n/messages.ts";
import { consumeRateLimit } from "../models/rate-limit.server.ts";
import { acceptSuggestion, canWithdraw, closeSuggestion, createSuggestion, decideAll, findSuggestion, loadSuggestions, type DecideResult } from "../models/suggestions.server.ts";

export type { SuggestionView } from "../models/suggestions.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, resource } = await requireDocumentPermission(request, params.id ?? "", "read");
  const suggestions = await loadSuggestions(user, resource, params.id ?? "");
  return Response.json(
    { suggestions, canSuggest: can(user, "suggest", resource), canDecide: can(user, "decide", resource), canEdit: can(user, "edit", resource) },
    { headers: { "Cache-Control": "no-store" } },
  );
}

const fail = (status: number, error: string) => Response.json({ ok: false, error }, { status });

const DECIDE_ANSWERS: Partial<Record<DecideResult, [number, string]>> = {
  stale: [409, m.suggestions.errors.stale],
  "already-decided": [409, m.suggestions.errors.alreadyDecided],
  frozen: [403, m.suggestions.errors.frozen],
};

function answer(result: DecideResult) {
  const refusal = DECIDE_ANSWERS[result];
  return refusal ? fail(refusal[0], refusal[1]) : Response.json({ ok: true, error: null, result });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const documentId = params.id ?? "";
  const { user, resource } = await requireDocumentPermission(request, documentId, "read");
  const submission = await parseForm(request, SuggestionActionSchema);
  if (submission.status !== "success") return fail(400, Object.values(submission.error ?? {}).flat()[0] ?? m.errors.badRequest);
  const input = submission.value;
  const suggestionOf = async (id: string) => (await findSuggestion(documentId, id)) ?? notFound();

  switch (input.intent) {
    case "create": {
      if (!can(user, "suggest", resource)) forbidden();
      const limit = await consumeRateLimit(user.id, "suggestion");
      if (!limit.ok) return Response.json({ ok: false, error: m.errors.rateLimited(limit.retrySeconds) }, { status: 429, headers: retryAfter(limit) });
      const created = await createSuggestion(user.id, documentId, input);
      if (!created.ok) return fail(400, created.error);
      return Response.json({ ok: true, error: null, id: created.id });
    }
    case "accept":
    case "reject": {
      if (!can(user, "decide", resource)) forbidden();
      const s = await suggestionOf(input.suggestionId);
      return answer(input.intent === "accept" ? await acceptSuggestion(user.id, s) : await closeSuggestion(user.id, s, "rejected"));
    }
    case "withdraw": {
      const s = await suggestionOf(input.suggestionId);
      if (s.authorId !== user.id) forbidden();
      if (!canWithdraw(user, resource, s)) return s.status === "open" ? forbidden() : answer("already-decided");
      return answer(await closeSuggestion(user.id, s, "withdrawn"));
    }
    case "accept-all":
    case "reject-all": {
      if (!can(user, "decide", resource)) forbidden();
      const counts = await decideAll(user.id, documentId, input.intent === "accept-all" ? "accept" : "reject", input.authorId);
      const done = input.intent === "accept-all" ? m.suggestions.acceptedCount(counts.applied, counts.stale) : m.suggestions.rejectedCount(counts.rejected);
      const more = counts.remaining ? m.suggestions.moreRemain(counts.remaining, SUGGESTION_LIMITS.bulkMax) : "";
      return Response.json({ ok: true, error: null, ...counts, message: done + more });
    }
  }
}
