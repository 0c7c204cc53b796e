// The comment threads of a document: GET for the sidebar (JSON), POST for every change to them.
// Comment rights come from the permission module; text rights do not matter here, so commenters
// without edit rights can annotate.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { m } from "../i18n/messages.ts";
import { canResolve, createCommentThread, deleteComment, editComment, findCommentThread, findLiveComment, loadCommentThreads, replyToCommentThread, setCommentThreadResolved } from "../models/comments.server.ts";
import { bodyErrorMessage, parsePostBody } from "../models/forum.server.ts";
import { consumeRateLimit } from "../models/rate-limit.server.ts";
import { parseForm, retryAfter } from "../forms/parse.server.ts";
import { can } from "../domain/permissions.ts";
import { forbidden, notFound, requireDocumentPermission } from "../auth/permissions.server.ts";
import { CommentActionSchema } from "../forms/review-schemas.ts";

export type { CommentThreadView } from "../models/comments.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, resource } = await requireDocumentPermission(request, params.id ?? "", "read");
  return Response.json({ threads: await loadCommentThreads(user, resource, params.id ?? ""), canComment: can(user, "comment", resource) }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const documentId = params.id ?? "";
  const { user, resource } = await requireDocumentPermission(request, documentId, "read");
  // A resource route answers with Responses (data() would reach plain HTTP clients as 200).
  const submission = await parseForm(request, CommentActionSchema);
  if (submission.status !== "success") return Response.json({ ok: false, error: Object.values(submission.error ?? {}).flat()[0] ?? m.errors.badRequest }, { status: 400 });
  const input = submission.value;
  const threadOf = async (threadId: string) => (await findCommentThread(documentId, threadId)) ?? notFound();
  const body = "body" in input ? parsePostBody(input.body) : null;
  if (body && !body.ok) return Response.json({ ok: false, error: bodyErrorMessage(body.error) }, { status: 400 });
  const parsedBody = body?.ok ? body : null;
  // Writing a comment (new, reply, edit) spends the comment budget once its permission is known;
  // the sidebar keeps the text on a refusal.
  const refusedByBudget = async () => {
    const limit = await consumeRateLimit(user.id, "comment");
    return limit.ok ? null : Response.json({ ok: false, error: m.errors.rateLimited(limit.retrySeconds) }, { status: 429, headers: retryAfter(limit) });
  };

  switch (input.intent) {
    case "create": {
      if (!can(user, "comment", resource)) forbidden();
      const refused = await refusedByBudget();
      if (refused) return refused;
      await createCommentThread(user.id, documentId, input, parsedBody!);
      break;
    }
    case "reply": {
      if (!can(user, "comment", resource)) forbidden();
      const thread = await threadOf(input.threadId);
      // A decided suggestion's discussion is closed, as its card shows (decision 025).
      if (thread.suggestionStatus && thread.suggestionStatus !== "open") return Response.json({ ok: false, error: m.suggestions.errors.replyDecided }, { status: 409 });
      const refused = await refusedByBudget();
      if (refused) return refused;
      await replyToCommentThread(user.id, thread, parsedBody!);
      break;
    }
    case "edit":
    case "delete": {
      const comment = await findLiveComment(documentId, input.commentId);
      if (!comment) notFound();
      if (comment.authorId !== user.id || !can(user, "comment", resource)) forbidden();
      if (input.intent === "edit") {
        const refused = await refusedByBudget();
        if (refused) return refused;
        await editComment(comment.id, documentId, parsedBody!);
      } else await deleteComment(comment.id, documentId);
      break;
    }
    case "resolve":
    case "reopen": {
      const thread = await threadOf(input.threadId);
      if (!canResolve(user, resource, thread)) forbidden();
      // Resolving would hide an open suggestion without a decision: that goes through accept/reject/withdraw.
      if (thread.suggestionStatus) return Response.json({ ok: false, error: m.suggestions.errors.resolveViaDecision }, { status: 409 });
      if (!(await setCommentThreadResolved(user.id, thread, input.intent === "resolve"))) forbidden(); // frozen meanwhile
      break;
    }
  }
  return { ok: true, error: null };
}
