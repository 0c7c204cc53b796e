// One version of a paper, read-only, with links to compare it and (for editors) to restore it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { RichText } from "../editor/render.tsx";
import { m } from "../i18n/messages.ts";
import { loadVersionPage } from "../models/versions.server.ts";
import { notFound, requireDocumentPermission } from "../auth/permissions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.version.name ?? ""} – ${d?.document.title ?? ""} – ${m.appName}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, ...found } = await requireDocumentPermission(request, params.id ?? "", "read");
  return (await loadVersionPage(user, found, params.versionId ?? "")) ?? notFound();
}

export default function VersionPage() {
  const { document, version, canRestore } = useLoaderData<typeof loader>();
  return (
    <>
      <p><Link to={`/documents/${document.id}/versions`}>← {m.review.versions}</Link></p>
      <h1>{version.name}</h1>
      <p className="muted">{document.title} · {m.format.dateTime(version.createdAt)} · {m.review.by(version.author)}</p>
      <p className="inline-form">
        <Link to={`/documents/${document.id}/compare?von=${version.id}&bis=aktuell`}>{m.review.compareWithNow}</Link>
        {canRestore ? <Link to={`/documents/${document.id}/versions?wiederherstellen=${version.id}`}>{m.review.restore}</Link> : null}
      </p>
      <article className="card document-version" aria-label={version.name}>
        <RichText json={version.contentJson} />
      </article>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
