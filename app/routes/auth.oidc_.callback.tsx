// GET /auth/oidc/callback: the provider sends the browser back here (decision 022). The flow cookie,
// state, nonce and PKCE are checked (app/auth/oidc.server.ts); then the verified e-mail is linked to
// an account and a session starts. Any refusal answers a German page, clears the flow cookie and
// creates no session. This GET writes by its nature (it completes a sign-in); operators register
// this path at their provider: keep it stable.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { notFound } from "../auth/permissions.server.ts";
import { clearFlowCookie, completeOidcFlow, oidcEnabled } from "../auth/oidc.server.ts";
import { startSession } from "../auth/session.server.ts";
import { safeRedirect, signInWithProvider } from "../models/auth.server.ts";
import { getEnv } from "../infra/env.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.signin.oidc.failedTitle} – ${m.appName}` }];

type Reason = "unknown" | "unverified" | "disabled" | "rejected";

export async function loader({ request }: LoaderFunctionArgs) {
  if (!oidcEnabled()) notFound();
  const clear = await clearFlowCookie();
  const refuse = (reason: Reason, status = 403) => data({ reason }, { status, headers: { "Set-Cookie": clear, "Cache-Control": "no-store" } });
  const outcome = await completeOidcFlow(request);
  if (!outcome.ok) return refuse("rejected", 400);
  const signedIn = await signInWithProvider(outcome.identity, getEnv().OIDC_ALLOW_SIGNUP === "1");
  if (!signedIn.ok) return refuse(signedIn.reason);
  return startSession(signedIn.userId, request, safeRedirect(outcome.redirectTo, new URL(request.url).origin), {
    idToken: outcome.identity.idToken,
    headers: { "Set-Cookie": clear },
  });
}

export default function OidcCallbackPage() {
  const { reason } = useLoaderData<typeof loader>();
  const t = m.signin.oidc;
  return (
    <section className="narrow" aria-labelledby="oidc-title">
      <h1 id="oidc-title">{t.failedTitle}</h1>
      <p className="alert alert-error" role="alert">{t[reason]}</p>
      <p><a href="/login">{t.backToLogin}</a></p>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
