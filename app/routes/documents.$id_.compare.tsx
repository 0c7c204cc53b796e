// Comparing two versions (or a version and the current text) word by word; bounded, so that long,
// very different papers cannot block the server (version-compare.server.ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { loadComparePage } from "../models/versions.server.ts";
import { notFound, requireDocumentPermission } from "../auth/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${m.review.compareTitle}: ${d?.document.title ?? ""} – ${m.appName}` }];

/** ?von=<versionId|aktuell>&bis=<versionId|aktuell> */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { document } = await requireDocumentPermission(request, params.id ?? "", "read");
  const url = new URL(request.url);
  return (await loadComparePage(document, url.searchParams.get("von"), url.searchParams.get("bis"))) ?? notFound();
}

export default function ComparePage() {
  const d = useLoaderData<typeof loader>();
  const t = m.review;
  return (
    <>
      <p><Link to={`/documents/${d.document.id}/versions`}>← {t.versions}</Link></p>
      <h1>{t.compareTitle}</h1>
      <p>{d.document.title}: <strong>{d.from}</strong> → <strong>{d.to}</strong></p>
      <p className="hint">{t.legend}</p>
      {d.complete ? null : <p className="alert alert-warning" role="status">{t.compareTooLarge}</p>}
      <article className="card diff" aria-label={t.compareTitle}>
        {d.parts.map((p, i) =>
          p.kind === "insert" ? <ins key={i} title={t.inserted}>{p.text}</ins> : p.kind === "delete" ? <del key={i} title={t.removed}>{p.text}</del> : <span key={i}>{p.text}</span>,
        )}
      </article>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
