import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FieldErrors, FormErrors, Notice } from "../components/forms.tsx";
import { RichTextEditor } from "../components/rich-text-editor.tsx";
import { RichText } from "../editor/render.tsx";
import { m } from "../i18n/messages.ts";
import { acceptAnswer, bodyErrorMessage, createReply, deletePost, findLivePost, findMoveTarget, moderateThread, parsePostBody, recordThreadVisit, setWatch, toggleHelpful } from "../models/forum.server.ts";
import { loadThreadPage } from "../models/forum-pages.server.ts";
import { RateLimited } from "../models/rate-limit.server.ts";
import type { SpaceVisibility } from "../domain/model.ts";
import { actionRetryAfter, parseForm, retryAfter } from "../forms/parse.server.ts";
import { ReplySchema, ThreadActionSchema } from "../forms/forum-schemas.ts";
import { can } from "../domain/permissions.ts";
import { forbidden, requireThread } from "../auth/permissions.server.ts";
import { constraintOf } from "../forms/constraints.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.thread.title ?? m.forum.threads} – ${m.appName}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, thread, space } = await requireThread(request, params.id);
  const url = new URL(request.url);
  const { data: page, visit } = await loadThreadPage(user, thread, space, {
    page: Number(url.searchParams.get("seite")) || 1, target: url.searchParams.get("beitrag"), quote: url.searchParams.get("zitat"),
  });
  // Viewing marks the thread and its notifications read: a named model call that writes only what changes.
  await recordThreadVisit(user.id, thread.id, visit);
  return page;
}

/** A refused write (429) tells the browser when to retry. */
export const headers = actionRetryAfter;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, thread, space } = await requireThread(request, params.id);
  const submission = await parseForm(request, (fd) => (fd.get("intent") === "reply" ? ReplySchema : ThreadActionSchema));
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
  const input = submission.value;
  const canModerate = can(user, "moderate", space);
  const threadUrl = `/threads/${thread.id}`;

  const postOf = async (postId: string) => {
    const post = await findLivePost(thread.id, postId);
    if (!post) forbidden();
    return post;
  };

  switch (input.intent) {
    case "reply": {
      if (!can(user, "reply", space) || thread.locked) forbidden();
      const body = parsePostBody(input.body);
      if (!body.ok) return data({ result: submission.reply({ fieldErrors: { body: [bodyErrorMessage(body.error)] } }), notice: null }, { status: 400 });
      try {
        const postId = await createReply(user.id, { id: thread.id, space: { id: space.id, visibility: space.visibility } }, body, input.quotedPostId, "post");
        return redirect(`${threadUrl}?beitrag=${postId}#post-${postId}`);
      } catch (error) {
        if (!(error instanceof RateLimited)) throw error;
        const limit = { ok: false as const, retrySeconds: error.retrySeconds };
        return data({ result: submission.reply({ formErrors: [m.forum.rateLimited(limit.retrySeconds)] }), notice: null }, { status: 429, headers: retryAfter(limit) });
      }
    }
    case "react":
      if (!can(user, "reply", space)) forbidden();
      await toggleHelpful(user.id, (await postOf(input.postId)).id);
      return redirect(`${threadUrl}?beitrag=${input.postId}#post-${input.postId}`);
    case "accept": {
      if (thread.kind !== "question" || (thread.authorId !== user.id && !canModerate)) forbidden();
      await postOf(input.postId);
      await acceptAnswer(user.id, thread, input.postId);
      return redirect(threadUrl);
    }
    case "delete-post": {
      const post = await postOf(input.postId);
      if (post.authorId !== user.id && !canModerate) forbidden();
      await deletePost(user.id, post.id, post.authorId !== user.id);
      return redirect(`${threadUrl}?beitrag=${post.id}#post-${post.id}`);
    }
    case "watch": case "unwatch":
      await setWatch(user.id, { threadId: thread.id }, input.intent === "watch");
      return redirect(threadUrl);
    case "pin": case "unpin": case "lock": case "unlock":
      if (!canModerate) forbidden();
      await moderateThread(user.id, thread.id, { kind: input.intent });
      return redirect(threadUrl);
    case "move": {
      const target = await findMoveTarget(input.spaceId);
      if (!canModerate || !target || !can(user, "moderate", { type: "space", id: target.id, visibility: target.visibility as SpaceVisibility })) forbidden();
      await moderateThread(user.id, thread.id, { kind: "move", spaceId: target.id });
      return redirect(threadUrl);
    }
    case "delete-thread":
      if (!canModerate) forbidden();
      await moderateThread(user.id, thread.id, { kind: "delete" });
      return redirect(`/spaces/${thread.space.slug}`);
  }
}

export default function ThreadPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { thread } = d;
  return (
    <article className="thread" aria-labelledby="thread-title">
      <p><Link to={`/spaces/${thread.space.slug}`}>← {thread.space.name}</Link></p>
      <header className="thread-header">
        <h1 id="thread-title">{thread.title}</h1>
        <p className="badges">
          <span className="badge">{m.forum.kind[thread.kind]}</span>
          {thread.pinned ? <span className="badge warn">{m.forum.pinned}</span> : null}
          {thread.locked ? <span className="badge off">{m.forum.locked}</span> : null}
          {d.tags.map((t) => <Link key={t.slug} className="badge tag" to={`/best-practices?thema=${t.slug}`}>{t.name}</Link>)}
        </p>
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value={d.watching ? "unwatch" : "watch"} className="button small secondary">{d.watching ? m.forum.unwatch : m.forum.watch}</button>
        </Form>
      </header>

      {d.bestPractice ? <BestPracticeFacts bp={d.bestPractice} /> : null}

      {d.accepted ? (
        <section className="card accepted" aria-labelledby="accepted-title">
          <h2 id="accepted-title">{m.forum.acceptedAnswer}</h2>
          <p className="muted">{d.accepted.author.name} · <a href={`#post-${d.accepted.id}`}>→</a></p>
          <RichText json={d.accepted.bodyJson} names={d.names} cacheKey={d.accepted.renderKey} />
        </section>
      ) : null}

      {d.pages > 1 ? <Pager page={d.page} pages={d.pages} threadId={thread.id} /> : null}
      <ol className="posts">
        {d.posts.map((post) => (
          <li key={post.id} id={`post-${post.id}`} className={`card post${post.isAccepted ? " is-accepted" : ""}`} tabIndex={-1}>
            <header className="post-header">
              <strong>{post.author}</strong>
              {post.organisation ? <span className="muted"> · {post.organisation}</span> : null}
              <span className="muted"> · <time dateTime={new Date(post.createdAt).toISOString()}>{m.format.dateTime(post.createdAt)}</time></span>
              {post.edited && !post.deleted ? <span className="badge off">{m.forum.edited}</span> : null}
              {post.isAccepted ? <span className="badge">{m.forum.acceptedAnswer}</span> : null}
            </header>
            {post.quotedAuthor && post.quotedPostId ? <p className="muted"><a href={`/threads/${thread.id}?beitrag=${post.quotedPostId}#post-${post.quotedPostId}`}>↩ {m.forum.quoteOf(post.quotedAuthor)}</a></p> : null}
            {post.bodyJson ? <RichText json={post.bodyJson} names={d.names} cacheKey={post.renderKey} /> : <p className="muted"><em>{m.forum.deletedPost}</em></p>}
            {post.deleted ? null : (
              <footer className="post-actions">
                {d.canReact ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="postId" value={post.id} />
                    <button type="submit" name="intent" value="react" className="button small secondary" aria-pressed={post.reacted}>{m.forum.helpfulCount(post.helpful)}</button>
                  </Form>
                ) : <span className="muted">{m.forum.helpfulCount(post.helpful)}</span>}
                {d.canReply ? <Link className="button small secondary" to={`?zitat=${post.id}#reply`}>{m.forum.quote}</Link> : null}
                {post.canEdit ? <Link className="button small secondary" to={`/posts/${post.id}/edit`}>{m.forum.edit}</Link> : null}
                {post.canAccept && !post.isAccepted ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="postId" value={post.id} />
                    <button type="submit" name="intent" value="accept" className="button small">{m.forum.accept}</button>
                  </Form>
                ) : null}
                {post.canDelete ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="postId" value={post.id} />
                    <button type="submit" name="intent" value="delete-post" className="button small danger" aria-label={`${m.forum.delete}: ${post.author}, ${m.format.dateTime(post.createdAt)}`}>{m.forum.delete}</button>
                  </Form>
                ) : null}
              </footer>
            )}
          </li>
        ))}
      </ol>
      {d.pages > 1 ? <Pager page={d.page} pages={d.pages} threadId={thread.id} /> : null}

      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {thread.locked ? <p className="alert alert-error" role="status">{m.forum.lockedNotice}</p> : null}
      {d.readOnly ? <p className="muted">{m.forum.readOnlyNotice}</p> : null}
      {d.canReply ? <ReplyForm key={d.quote?.id ?? "reply"} /> : null}
      {d.canModerate ? <ModerationPanel /> : null}
    </article>
  );
}

function ReplyForm() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reply-form",
    lastResult: actionData?.result,
    constraint: constraintOf(ReplySchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplySchema }),
    shouldValidate: "onSubmit",
  });
  const quoteJson = d.quote
    ? JSON.stringify({ type: "doc", content: [{ type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: d.quote.text }] }] }, { type: "paragraph" }] })
    : undefined;
  return (
    <section id="reply" className="card" aria-labelledby="reply-title">
      <h2 id="reply-title">{m.forum.replyTitle}</h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="reply" />
        {d.quote ? <input type="hidden" name="quotedPostId" value={d.quote.id} /> : null}
        <FormErrors id={form.errorId} errors={form.errors} />
        <RichTextEditor id={fields.body.id} label={m.forum.body} errorId={fields.body.errorId} invalid={!!fields.body.errors}
          defaultText={d.quote ? `„${d.quote.text}“ (${d.quote.author})\n\n` : ""} defaultJson={quoteJson} mentionSource={`/spaces/${d.thread.space.slug}/mentions`} />
        <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
        <button type="submit" className="button">{m.forum.submitReply}</button>
      </Form>
    </section>
  );
}

function ModerationPanel() {
  const d = useLoaderData<typeof loader>();
  return (
    <section className="card moderation" aria-labelledby="moderation-title">
      <h2 id="moderation-title">{m.forum.moderation}</h2>
      <div className="inline-form">
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value={d.thread.pinned ? "unpin" : "pin"} className="button small secondary">{d.thread.pinned ? m.forum.unpin : m.forum.pin}</button>
        </Form>
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value={d.thread.locked ? "unlock" : "lock"} className="button small secondary">{d.thread.locked ? m.forum.unlock : m.forum.lock}</button>
        </Form>
        {d.moveTargets.length ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="move" />
            <label htmlFor="move-target">{m.forum.move}</label>
            <select id="move-target" name="spaceId">
              {d.moveTargets.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
            <button type="submit" className="button small secondary">{m.forum.moveSubmit}</button>
          </Form>
        ) : null}
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value="delete-thread" className="button small danger">{m.forum.deleteThread}</button>
        </Form>
      </div>
    </section>
  );
}

function BestPracticeFacts({ bp }: { bp: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["bestPractice"]> }) {
  const rows: Array<[string, string]> = [
    [m.forum.laender, bp.laender.join(", ")],
    [m.forum.targetGroups, bp.targetGroups.join(", ")],
    [m.forum.duration, bp.duration],
    [m.forum.funding, bp.funding],
    [m.forum.contact, bp.contact],
    [m.forum.impact, bp.impact],
  ];
  return (
    <section className="card facts" aria-label={m.forum.bestPracticeFields}>
      <dl>
        {rows.filter(([, v]) => v).map(([k, v]) => (
          <div key={k}><dt>{k}</dt><dd>{v}</dd></div>
        ))}
        {bp.link ? <div><dt>{m.forum.link}</dt><dd><a href={bp.link} rel="noopener nofollow ugc">{bp.link}</a></dd></div> : null}
      </dl>
    </section>
  );
}

function Pager({ page, pages, threadId }: { page: number; pages: number; threadId: string }) {
  return (
    <nav aria-label={m.forum.page(page, pages)} className="pager">
      {page > 1 ? <Link to={`/threads/${threadId}?seite=${page - 1}`}>{m.forum.olderPosts}</Link> : null}
      <span>{m.forum.page(page, pages)}</span>
      {page < pages ? <Link to={`/threads/${threadId}?seite=${page + 1}`}>{m.forum.newerPosts}</Link> : null}
    </nav>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
