import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { m } from "../i18n/messages.ts";

/** One German error view for every route: 403, 404 and everything else as 500, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, text] =
    status === 403
      ? [m.errors.forbiddenTitle, m.errors.forbidden]
      : status === 404
        ? [m.errors.notFoundTitle, m.errors.notFound]
        : status >= 400 && status < 500
          ? [m.errors.title, messageOf(error) ?? m.errors.badRequest]
          : [m.errors.serverTitle, m.errors.server];
  if (status >= 500 && typeof document !== "undefined") console.error(error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{text}</p>
      <p className="muted">HTTP {status}</p>
      <p>
        <Link to="/">{m.errors.back}</Link>
      </p>
    </section>
  );
}

function messageOf(error: unknown): string | undefined {
  if (!isRouteErrorResponse(error)) return undefined;
  const data: unknown = error.data;
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string") return data.message;
  return undefined;
}
