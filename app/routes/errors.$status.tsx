// The German error page for answers that have no page of their own: the HTTP edge (server/index.ts)
// renders it when a form post without JavaScript hits a resource route that refuses it (403, 404,
// 400), so the browser shows the route ErrorBoundary instead of raw JSON.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";

const PAGES: Record<string, string> = { "400": m.errors.badRequest, "403": m.errors.forbidden, "404": m.errors.notFound };

export const meta: MetaFunction = () => [{ title: `${m.errors.title} – ${m.appName}` }];

export function loader({ params }: LoaderFunctionArgs) {
  const status = params.status && PAGES[params.status] ? Number(params.status) : 404;
  throw data({ message: PAGES[String(status)] }, { status });
}

export default function ErrorPage() {
  return null;
}

export const ErrorBoundary = GeneralErrorBoundary;
