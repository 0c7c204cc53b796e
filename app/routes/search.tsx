import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { consumeRateLimit } from "../models/rate-limit.server.ts";
import { searchPosts, snippet, type SnippetPart } from "../models/search.server.ts";
import { listReadableSpaces } from "../models/spaces.server.ts";
import { db } from "../utils/db.server.ts";
import { FORUM_LIMITS, THREAD_KINDS, type ThreadKind } from "../utils/domain.ts";
import { retryAfter } from "../utils/forms.server.ts";
import type { HeadersFunction } from "@remix-run/node";
import { SearchSchema } from "../utils/forum-schemas.ts";
import { requireUser } from "../utils/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.q ? `${data.q} – ` : ""}${m.forum.search} – ${m.appName}` }];

type Result = { postId: string; threadId: string; title: string; space: string; kind: ThreadKind; author: string; parts: SnippetPart[] };

/** A refused search (429) tells the browser when to retry. */
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const value = loaderHeaders.get("Retry-After");
  return value ? { "Retry-After": value } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const parsed = SearchSchema.safeParse(Object.fromEntries(url.searchParams));
  const spaces = await listReadableSpaces(user);
  const base = { spaces: spaces.map((s) => ({ slug: s.slug, name: s.name })), results: [] as Result[], total: 0, more: false, page: 1, pages: 0, error: null as string | null };
  if (!parsed.success) return data({ ...base, q: "", space: "", kind: "", error: parsed.error.issues[0]?.message ?? m.validation.invalid }, { status: 400 });
  const { q, space, kind, page } = parsed.data;
  const echo = { ...base, q, space: space ?? "", kind: kind ?? "", page };
  if (!q) return echo;
  const limit = consumeRateLimit(user.id, "search");
  if (!limit.ok) return data({ ...echo, error: m.forum.searchRateLimited }, { status: 429, headers: retryAfter(limit) });

  // Only Gremien the user may read ever reach the query.
  const spaceIds = spaces.filter((s) => !space || s.slug === space).map((s) => s.id);
  const { total, more, hits, terms } = await searchPosts({ query: q, spaceIds, kind, page });
  const posts = await db.post.findMany({
    where: { id: { in: hits.map((h) => h.postId) } },
    select: { id: true, bodyText: true, author: { select: { name: true } }, thread: { select: { id: true, title: true, kind: true, space: { select: { name: true } }, bestPractice: { select: { impact: true } } } } },
  });
  const byId = new Map(posts.map((p) => [p.id, p]));
  const results = hits.flatMap((hit): Result[] => {
    const post = byId.get(hit.postId);
    if (!post) return [];
    const text = [post.bodyText, post.thread.bestPractice?.impact].filter(Boolean).join(" ");
    return [{
      postId: post.id, threadId: post.thread.id, title: post.thread.title, space: post.thread.space.name,
      kind: post.thread.kind as ThreadKind, author: post.author.name, parts: snippet(text, terms),
    }];
  });
  return { ...echo, results, total, more, pages: Math.ceil(total / FORUM_LIMITS.searchPerPage) };
}

export default function SearchPage() {
  const d = useLoaderData<typeof loader>();
  const pageLink = (page: number) => `?${new URLSearchParams({ q: d.q, ...(d.space ? { space: d.space } : {}), ...(d.kind ? { kind: d.kind } : {}), page: String(page) })}`;
  return (
    <>
      <h1>{m.forum.search}</h1>
      <Form method="get" role="search" className="card search-form" aria-label={m.forum.search}>
        <div className="field">
          <label htmlFor="q">{m.forum.searchLabel}</label>
          <input id="q" name="q" type="search" defaultValue={d.q} maxLength={FORUM_LIMITS.searchQueryMax} />
        </div>
        <div className="filters">
          <div className="field">
            <label htmlFor="space">{m.spaces.title}</label>
            <select id="space" name="space" defaultValue={d.space}>
              <option value="">{m.forum.allSpaces}</option>
              {d.spaces.map((s) => <option key={s.slug} value={s.slug}>{s.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="kind">{m.forum.kindLabel}</label>
            <select id="kind" name="kind" defaultValue={d.kind}>
              <option value="">{m.forum.allKinds}</option>
              {THREAD_KINDS.map((k) => <option key={k} value={k}>{m.forum.kind[k]}</option>)}
            </select>
          </div>
        </div>
        <button type="submit" className="button">{m.forum.searchSubmit}</button>
      </Form>
      {d.error ? <div className="alert alert-error" role="alert"><p>{d.error}</p></div> : null}
      {d.q && !d.error ? (
        <section aria-labelledby="hits-title">
          <h2 id="hits-title">{d.more ? m.forum.searchHitsMore(d.total) : d.total ? m.forum.searchHits(d.total) : m.forum.searchNone}</h2>
          <ol className="search-results">
            {d.results.map((r) => (
              <li key={r.postId} className="card">
                <Link to={`/threads/${r.threadId}?beitrag=${r.postId}#post-${r.postId}`} className="thread-title">{r.title}</Link>
                <p className="muted">{r.space} · {m.forum.kind[r.kind]} · {r.author}</p>
                <p className="snippet">{r.parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</p>
              </li>
            ))}
          </ol>
          {d.pages > 1 ? (
            <nav className="pager" aria-label={m.forum.page(d.page, d.pages)}>
              {d.page > 1 ? <Link to={pageLink(d.page - 1)}>{m.forum.previous}</Link> : null}
              <span>{m.forum.page(d.page, d.pages)}</span>
              {d.page < d.pages ? <Link to={pageLink(d.page + 1)}>{m.forum.next}</Link> : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
