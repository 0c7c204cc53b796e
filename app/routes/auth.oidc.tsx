// GET /auth/oidc: starts sign-in through the identity provider (decision 022). Answers a redirect to
// the provider's authorization endpoint and sets the short-lived flow cookie (state, nonce, PKCE);
// when the provider cannot be reached, a German page (503). Operators rely on this path: keep it stable.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { notFound } from "../auth/permissions.server.ts";
import { oidcEnabled, startOidcFlow } from "../auth/oidc.server.ts";
import { safeRedirect } from "../models/auth.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.signin.oidc.failedTitle} – ${m.appName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (!oidcEnabled()) notFound();
  const url = new URL(request.url);
  let flow;
  try {
    flow = await startOidcFlow(request, safeRedirect(url.searchParams.get("redirectTo"), url.origin));
  } catch (error) {
    // Discovery failed (provider down or misconfigured): say so instead of a bare 500.
    console.warn(`[oidc] discovery failed: ${error instanceof Error ? error.message : String(error)}`);
    return data({ unavailable: true }, { status: 503 });
  }
  // The flow cookie is not a session; setting it on a GET is what starting the flow means.
  return redirect(flow.url, { headers: { "Set-Cookie": flow.cookie, "Cache-Control": "no-store" } });
}

export default function OidcUnavailablePage() {
  const t = m.signin.oidc;
  return (
    <section className="narrow" aria-labelledby="oidc-title">
      <h1 id="oidc-title">{t.failedTitle}</h1>
      <p className="alert alert-error" role="alert">{t.unavailable}</p>
      <p><a href="/login">{t.backToLogin}</a></p>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
