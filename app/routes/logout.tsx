// POST /logout ends our session; a session signed in through the identity provider then goes on to
// the provider's end_session_endpoint (RP-initiated logout with id_token_hint), which sends the
// browser back to /login (decision 022).
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { currentIdToken, endSession } from "../auth/session.server.ts";
import { providerLogoutUrl } from "../auth/oidc.server.ts";

export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const providerLogout = await providerLogoutUrl(request, await currentIdToken(request));
  return endSession(request, providerLogout ?? "/login");
}
