import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { loadCatalogue } from "../models/forum-pages.server.ts";
import { FORUM_LIMITS, LAENDER_NAMES, TARGET_GROUPS, type TargetGroup } from "../domain/model.ts";
import { requireUser } from "../auth/permissions.server.ts";
import { cleanLine } from "../domain/text.ts";

export const meta: MetaFunction = () => [{ title: `${m.forum.catalogue} – ${m.appName}` }];

/** Filters live in the URL (?land=BY&gruppe=kita&thema=bne&q=…&seite=2), so a view can be shared. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const land = params.get("land") && params.get("land")! in LAENDER_NAMES ? params.get("land")! : "";
  const gruppe = TARGET_GROUPS.includes(params.get("gruppe") as TargetGroup) ? (params.get("gruppe") as TargetGroup) : "";
  const thema = (params.get("thema") ?? "").slice(0, 60);
  const q = cleanLine(params.get("q") ?? "").trim().slice(0, FORUM_LIMITS.searchQueryMax);
  const page = Math.min(Math.max(Number(params.get("seite")) || 1, 1), 500);

  return loadCatalogue(user, { land, gruppe, thema, q, page });
}

export default function BestPracticesPage() {
  const d = useLoaderData<typeof loader>();
  // Keyed by the query string so the uncontrolled filters show the loader's values after Back.
  const { search } = useLocation();
  const link = (over: Record<string, string>) => `?${new URLSearchParams(Object.entries({ ...d.filters, ...over }).filter(([, v]) => v))}`;
  return (
    <>
      <h1>{m.forum.catalogue}</h1>
      <p>{m.forum.catalogueIntro}</p>
      <Form key={search} method="get" className="card filters-form" aria-label={m.forum.filter}>
        <div className="filters">
          <div className="field">
            <label htmlFor="f-land">{m.forum.laender}</label>
            <select id="f-land" name="land" defaultValue={d.filters.land}>
              <option value="">{m.forum.allLaender}</option>
              {Object.entries(LAENDER_NAMES).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-gruppe">{m.forum.targetGroups}</label>
            <select id="f-gruppe" name="gruppe" defaultValue={d.filters.gruppe}>
              <option value="">{m.forum.allTargetGroups}</option>
              {TARGET_GROUPS.map((g) => <option key={g} value={g}>{m.forum.targetGroup[g]}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-thema">{m.forum.tags}</label>
            <select id="f-thema" name="thema" defaultValue={d.filters.thema}>
              <option value="">{m.forum.allTags}</option>
              {d.tags.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-q">{m.forum.fullText}</label>
            <input id="f-q" name="q" type="search" defaultValue={d.filters.q} maxLength={FORUM_LIMITS.searchQueryMax} />
          </div>
        </div>
        <button type="submit" className="button">{m.forum.filter}</button> <Link to="/best-practices">{m.forum.resetFilters}</Link>
      </Form>
      <section aria-labelledby="bp-results">
        <h2 id="bp-results">{d.total ? m.forum.results(d.total) : m.forum.noResults}</h2>
        <ul className="catalogue">
          {d.entries.map((e) => (
            <li key={e.id} className="card">
              <Link to={`/threads/${e.id}`} className="thread-title">{e.title}</Link>
              <p className="muted">{e.laender.join(", ")} · {e.targetGroups.join(", ")} · {e.space} · {m.forum.replies(e.replies)}</p>
              {e.impact ? <p>{e.impact}</p> : null}
              <p className="badges">{e.tags.map((t) => <Link key={t.slug} className="badge tag" to={link({ thema: t.slug, seite: "" })}>{t.name}</Link>)}</p>
            </li>
          ))}
        </ul>
        {d.pages > 1 ? (
          <nav className="pager" aria-label={m.forum.page(d.page, d.pages)}>
            {d.page > 1 ? <Link to={link({ seite: String(d.page - 1) })}>{m.forum.previous}</Link> : null}
            <span>{m.forum.page(d.page, d.pages)}</span>
            {d.page < d.pages ? <Link to={link({ seite: String(d.page + 1) })}>{m.forum.next}</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
