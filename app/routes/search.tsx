// Search over posts, position papers and their comments (?q=…&space=…&type=post|paper|comment&kind=…):
// parse the URL, compute what the user may read, search inside that scope, render the hits.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { consumeRateLimit } from "../models/rate-limit.server.ts";
import { loadSearchPage, type SearchResult } from "../models/search.server.ts";
import { FORUM_LIMITS, SEARCH_HIT_TYPES, THREAD_KINDS } from "../domain/model.ts";
import { retryAfter } from "../forms/parse.server.ts";
import type { HeadersFunction } from "@remix-run/node";
import { SearchSchema } from "../forms/forum-schemas.ts";
import { requireUser } from "../auth/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.q ? `${data.q} – ` : ""}${m.forum.search} – ${m.appName}` }];

/** A refused search (429) tells the browser when to retry. */
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const value = loaderHeaders.get("Retry-After");
  return value ? { "Retry-After": value } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const parsed = SearchSchema.safeParse(Object.fromEntries(url.searchParams));
  const empty = { results: [] as SearchResult[], total: 0, more: false, page: 1, pages: 0, error: null as string | null };
  if (!parsed.success) {
    return data({ ...(await loadSearchPage(user, null)), ...empty, q: "", space: "", kind: "", type: "", error: parsed.error.issues[0]?.message ?? m.validation.invalid }, { status: 400 });
  }
  const { q, space, kind, type, page } = parsed.data;
  const echo = { ...empty, q, space: space ?? "", kind: kind ?? "", type: type ?? "", page };
  if (!q) return { ...(await loadSearchPage(user, null)), ...echo };
  const limit = await consumeRateLimit(user.id, "search");
  if (!limit.ok) return data({ ...(await loadSearchPage(user, null)), ...echo, error: m.forum.searchRateLimited }, { status: 429, headers: retryAfter(limit) });
  const found = await loadSearchPage(user, { query: q, spaceSlug: space, filter: { type, kind }, page });
  return { ...echo, ...found, pages: Math.ceil(found.total / FORUM_LIMITS.searchPerPage) };
}

export default function SearchPage() {
  const d = useLoaderData<typeof loader>();
  // The fields are uncontrolled (they work without JavaScript); keying the form by the query string
  // remounts them with the loader's values, so after Back they show the search whose results are shown.
  const { search } = useLocation();
  const pageLink = (page: number) => `?${new URLSearchParams({ q: d.q, ...(d.space ? { space: d.space } : {}), ...(d.type ? { type: d.type } : {}), ...(d.kind ? { kind: d.kind } : {}), page: String(page) })}`;
  return (
    <>
      <h1>{m.forum.search}</h1>
      <Form key={search} method="get" role="search" className="card search-form" aria-label={m.forum.search}>
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
            <label htmlFor="type">{m.forum.hitTypeLabel}</label>
            <select id="type" name="type" defaultValue={d.type}>
              <option value="">{m.forum.allHitTypes}</option>
              {SEARCH_HIT_TYPES.map((t) => <option key={t} value={t}>{m.forum.hitTypeFilter[t]}</option>)}
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
              <li key={r.key} className="card" data-hit-type={r.type}>
                <p className="hit-type"><span className="badge">{m.forum.hitType[r.type]}</span></p>
                <Link to={r.href} className="thread-title">{r.type === "comment" ? m.forum.commentOn(r.title) : r.title}</Link>
                <p className="muted">{[r.space, r.kind ? m.forum.kind[r.kind] : null, r.author].filter(Boolean).join(" · ")}</p>
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
