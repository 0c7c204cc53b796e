// GET /auth/oidc: starts sign-in through the identity provider (decision 022). Answers a redirect to
// the provider's authorization endpoint and sets the short-lived flow cookie (state, nonce, PKCE).
// Operators rely on this path: keep it stable.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "../auth/permissions.server.ts";
import { oidcEnabled, startOidcFlow } from "../auth/oidc.server.ts";
import { safeRedirect } from "../models/auth.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  if (!oidcEnabled()) notFound();
  const url = new URL(request.url);
  const flow = await startOidcFlow(request, safeRedirect(url.searchParams.get("redirectTo"), url.origin));
  // The flow cookie is not a session; setting it on a GET is what starting the flow means.
  return redirect(flow.url, { headers: { "Set-Cookie": flow.cookie, "Cache-Control": "no-store" } });
}
