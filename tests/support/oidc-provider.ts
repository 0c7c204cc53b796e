// A real OpenID provider for tests (oidc-provider, in-process, on a random localhost port). Its
// development login form takes any login and password; the login is the account's e-mail, which
// the provider reports as verified unless the test listed it in `unverified`. The port is reserved
// first, so the app can be started with OIDC_ISSUER before the provider knows the app's callback URL.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export const TEST_CLIENT = { id: "laenderforum-test", secret: "test-client-secret-0123456789-abcdefghij" };

export type TestProvider = {
  issuer: string;
  /** Environment for an app server that signs in through this provider. */
  env: Record<string, string>;
  /** Starts answering, with one client that may return to each of `appUrls`. */
  start: (appUrls: string[]) => void;
  unverified: Set<string>;
  stop: () => Promise<void>;
};

export async function reserveProvider(name = "Test-IdP"): Promise<TestProvider> {
  let handler: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const unverified = new Set<string>();
  return {
    issuer,
    unverified,
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: TEST_CLIENT.id, OIDC_CLIENT_SECRET: TEST_CLIENT.secret, OIDC_NAME: name },
    start(appUrls) {
      const provider = new Provider(issuer, {
        clients: [{
          client_id: TEST_CLIENT.id,
          client_secret: TEST_CLIENT.secret,
          redirect_uris: appUrls.map((u) => `${u}/auth/oidc/callback`),
          post_logout_redirect_uris: appUrls.map((u) => `${u}/login`),
          grant_types: ["authorization_code"],
          response_types: ["code"],
        }],
        findAccount: (_ctx, sub) => ({
          accountId: sub,
          claims: () => ({ sub, email: sub, email_verified: !unverified.has(sub), name: `SSO ${sub.split("@")[0]}` }),
        }),
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        pkce: { required: () => true },
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
        cookies: { keys: ["test-provider-cookie-key-0123456789"] },
      });
      // Quiet: refused requests are what several tests provoke on purpose.
      provider.on("server_error", (_ctx, error) => console.error("[test provider]", error));
      handler = provider.callback();
    },
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
