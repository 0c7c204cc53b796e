// The OpenID Connect relying party (decision 022): authorization code flow with PKCE, state and
// nonce against OIDC_ISSUER. The flow's secrets (state, nonce, PKCE verifier, where to go after)
// travel in a short-lived signed httpOnly cookie bound to this browser, so a callback that did not
// start here, or whose state differs, is refused before any token request.
import * as client from "openid-client";
import { getEnv } from "../infra/env.server.ts";
import { signedCookie } from "./session.server.ts";

export const OIDC_CALLBACK_PATH = "/auth/oidc/callback";
const FLOW_TTL_SECONDS = 10 * 60;

/** Whether sign-in through the provider is configured (else nothing of it shows). */
export function oidcEnabled() {
  const env = getEnv();
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID);
}

export function oidcName() {
  return getEnv().OIDC_NAME;
}

/**
 * Plain-http issuers are refused by openid-client; they are allowed only on this machine (the tests'
 * provider) or in development.
 */
function insecureAllowed(issuer: URL) {
  return getEnv().NODE_ENV === "development" || ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname);
}

let configuration: Promise<client.Configuration> | undefined;

/** Discovery once per process; a failed discovery is retried on the next sign-in. */
export function oidcConfiguration() {
  const env = getEnv();
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID) throw new Error("OIDC is not configured");
  const issuer = new URL(env.OIDC_ISSUER);
  configuration ??= client
    .discovery(issuer, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET, undefined, insecureAllowed(issuer) && issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : undefined)
    .catch((error: unknown) => {
      configuration = undefined;
      throw error;
    });
  return configuration;
}

/** Our origin as the provider sees it (PUBLIC_URL behind a proxy, else the request's). */
function ourOrigin(request: Request) {
  return getEnv().PUBLIC_URL ? new URL(getEnv().PUBLIC_URL!).origin : new URL(request.url).origin;
}

type Flow = { state: string; nonce: string; verifier: string; redirectTo: string; expires: number };

// Lax lets it along on the provider's top-level redirect back; only /auth/oidc ever reads it.
const flowCookie = signedCookie("lf_oidc", { path: "/auth/oidc", maxAgeSeconds: FLOW_TTL_SECONDS });

/** The redirect to the provider and the cookie that remembers the flow. */
export async function startOidcFlow(request: Request, redirectTo: string) {
  const config = await oidcConfiguration();
  const flow: Flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    redirectTo,
    expires: Date.now() + FLOW_TTL_SECONDS * 1000,
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: ourOrigin(request) + OIDC_CALLBACK_PATH,
    scope: "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url: url.href, cookie: await flowCookie().serialize(flow) };
}

export type OidcIdentity = { subject: string; email: string | null; emailVerified: boolean; name: string | null; idToken: string | null };

export type OidcOutcome = { ok: true; identity: OidcIdentity; redirectTo: string } | { ok: false; reason: "no-flow" | "provider-error" | "rejected" };

/** Clears the flow cookie (every callback answer carries it: a flow is used once). */
export function clearFlowCookie() {
  return flowCookie().serialize("", { maxAge: 0 });
}

/**
 * Completes the flow: the callback must carry this browser's flow cookie, and openid-client checks
 * state, the PKCE verifier (at the token endpoint), the ID token's signature, issuer, audience and
 * nonce. The e-mail comes from the ID token, or from userinfo when the provider keeps it there.
 */
export async function completeOidcFlow(request: Request): Promise<OidcOutcome> {
  const flow = (await flowCookie().parse(request.headers.get("Cookie"))) as Flow | null;
  if (!flow || typeof flow.state !== "string" || flow.expires < Date.now()) return { ok: false, reason: "no-flow" };
  const incoming = new URL(request.url);
  if (incoming.searchParams.has("error")) return { ok: false, reason: "provider-error" };
  const config = await oidcConfiguration();
  const callbackUrl = new URL(ourOrigin(request) + OIDC_CALLBACK_PATH + incoming.search);
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return { ok: false, reason: "rejected" };
    let email = typeof claims.email === "string" ? claims.email : null;
    let verified = claims.email_verified === true;
    let name = typeof claims.name === "string" ? claims.name : null;
    if (!email && tokens.access_token) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      email = typeof info.email === "string" ? info.email : null;
      verified = info.email_verified === true;
      name ??= typeof info.name === "string" ? info.name : null;
    }
    return {
      ok: true,
      identity: { subject: claims.sub, email: email?.trim().toLowerCase() ?? null, emailVerified: verified, name, idToken: tokens.id_token ?? null },
      redirectTo: flow.redirectTo,
    };
  } catch (error) {
    console.warn(`[oidc] callback refused: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, reason: "rejected" };
  }
}

/**
 * Where logout goes after our session ended: the provider's end_session_endpoint (RP-initiated
 * logout) when it advertises one and we hold the session's ID token; else null.
 */
export async function providerLogoutUrl(request: Request, idToken: string | null) {
  if (!oidcEnabled() || !idToken) return null;
  try {
    const config = await oidcConfiguration();
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: `${ourOrigin(request)}/login` }).href;
  } catch {
    return null;
  }
}
