import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FieldErrors, FormErrors } from "../components/forms.tsx";
import { RichTextEditor } from "../components/rich-text-editor.tsx";
import { RichText } from "../editor/render.tsx";
import { m } from "../i18n/messages.ts";
import { bodyErrorMessage, editPost, parsePostBody } from "../models/forum.server.ts";
import { findEditablePost, loadPostEditPage } from "../models/forum-pages.server.ts";
import { consumeRateLimit } from "../models/rate-limit.server.ts";
import { actionRetryAfter, parseForm, retryAfter } from "../forms/parse.server.ts";
import { EditPostSchema } from "../forms/forum-schemas.ts";
import { forbidden, notFound, requireThread } from "../auth/permissions.server.ts";
import { constraintOf } from "../forms/constraints.ts";

export const meta: MetaFunction = () => [{ title: `${m.forum.editTitle} – ${m.appName}` }];

/** Only the author edits, while they may still reply and the thread is open. */
async function requireEditablePost(request: Request, postId: string | undefined) {
  const post = postId ? await findEditablePost(postId) : null;
  if (!post) notFound();
  const { user, thread } = await requireThread(request, post.threadId, "reply");
  if (post.authorId !== user.id || thread.locked) forbidden();
  return { user, thread, post };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { thread, post } = await requireEditablePost(request, params.id);
  return loadPostEditPage(thread, post);
}

/** A refused write (429) tells the browser when to retry. */
export const headers = actionRetryAfter;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, thread, post } = await requireEditablePost(request, params.id);
  const submission = await parseForm(request, EditPostSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const body = parsePostBody(submission.value.body);
  if (!body.ok) return data({ result: submission.reply({ fieldErrors: { body: [bodyErrorMessage(body.error)] } }) }, { status: 400 });
  const limit = await consumeRateLimit(user.id, "postEdit");
  if (!limit.ok) return data({ result: submission.reply({ formErrors: [m.errors.rateLimited(limit.retrySeconds)] }) }, { status: 429, headers: retryAfter(limit) });
  await editPost(user.id, post.id, body);
  return redirect(`/threads/${thread.id}?beitrag=${post.id}#post-${post.id}`);
}

export default function EditPostPage() {
  const { thread, post, revisions, names } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "edit-post",
    lastResult: actionData?.result,
    constraint: constraintOf(EditPostSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditPostSchema }),
    shouldValidate: "onSubmit",
  });
  const plain = (JSON.parse(post.bodyJson) as { content?: Array<{ content?: Array<{ text?: string }> }> }).content
    ?.map((block) => block.content?.map((c) => c.text ?? "").join("") ?? "").join("\n\n");
  return (
    <>
      <p><Link to={`/threads/${thread.id}?beitrag=${post.id}#post-${post.id}`}>← {m.forum.back}</Link></p>
      <h1>{m.forum.editTitle}</h1>
      <p className="muted">{thread.title}</p>
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <RichTextEditor id={fields.body.id} label={m.forum.body} errorId={fields.body.errorId} invalid={!!fields.body.errors} defaultJson={post.bodyJson} defaultText={plain} />
          <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
          <button type="submit" className="button">{m.forum.saveEdit}</button>
        </Form>
      </div>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{m.forum.history}</h2>
        {revisions.length === 0 ? <p>{m.forum.noHistory}</p> : revisions.map((r) => (
          <details key={r.id} className="card">
            <summary>{m.format.dateTime(r.createdAt)}</summary>
            <RichText json={r.bodyJson} names={names} />
          </details>
        ))}
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
