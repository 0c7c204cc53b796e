// Sign-in through a real OpenID provider (oidc-provider, started here) over plain HTTP against the
// built server (decision 022): the whole code flow, and the misuse it must refuse: a wrong state, a
// callback without this browser's flow cookie, and a code from one flow injected into another
// (PKCE and nonce). None of the refusals creates a session.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { DEMO } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { reserveProvider, type TestProvider } from "../support/oidc-provider.ts";

let server: TestServer;
let provider: TestProvider;

beforeAll(async () => {
  provider = await reserveProvider();
  server = await startServer({ ...provider.env });
  provider.start([server.url]);
});
afterAll(async () => {
  await server?.stop();
  await provider?.stop();
});

/** A browser's cookies, by name (all on localhost; paths are ignored, which only sends more). */
class Jar {
  cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const name = pair.slice(0, pair.indexOf("=")).trim();
      const value = pair.slice(pair.indexOf("=") + 1);
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]) < Date.now()));
      if (gone || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  async fetch(url: string, init: RequestInit = {}) {
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: this.header() } });
    this.take(res);
    return res;
  }
}

/** Starts a flow at /auth/oidc; returns the provider URL it redirects to. */
async function start(jar: Jar) {
  const res = await jar.fetch(`${server.url}/auth/oidc`);
  expect(res.status).toBe(302);
  const location = res.headers.get("location")!;
  expect(location.startsWith(provider.issuer)).toBe(true);
  return new URL(location);
}

/** Signs in at the provider's login form as `login` and returns the callback URL it sends back to. */
async function codeFromProvider(jar: Jar, authUrl: URL, login: string) {
  let url = authUrl.href;
  let init: RequestInit = {};
  for (let hop = 0; hop < 12; hop++) {
    const res = await jar.fetch(url, init);
    init = {};
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get("location")!, url).href;
      if (next.startsWith(server.url)) return new URL(next);
      url = next;
      continue;
    }
    const html = await res.text();
    const action = new URL(/<form[^>]*action="([^"]+)"/.exec(html)![1], url).href;
    const prompt = /name="prompt" value="(\w+)"/.exec(html)![1];
    const body = prompt === "login" ? new URLSearchParams({ prompt, login, password: "irrelevant" }) : new URLSearchParams({ prompt });
    url = action;
    init = { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } };
  }
  throw new Error("the provider did not send the browser back");
}

function sessionCount() {
  const sqlite = new Database(server.dbFile, { readonly: true });
  const { n } = sqlite.prepare(`SELECT count(*) AS n FROM "Session"`).get() as { n: number };
  sqlite.close();
  return n;
}

const setsSession = (res: Response) => res.headers.getSetCookie().some((c) => c.startsWith("lf_session=") && !/max-age=0/i.test(c));

describe("OpenID Connect sign-in over HTTP", () => {
  it("the login page offers the provider; the code flow signs an existing account in with PKCE, state and nonce", async () => {
    const login = await (await fetch(`${server.url}/login`)).text();
    expect(login).toContain(m.signin.oidc.button("Test-IdP"));
    const jar = new Jar();
    const authUrl = await start(jar);
    expect(authUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authUrl.searchParams.get("state")).toBeTruthy();
    expect(authUrl.searchParams.get("nonce")).toBeTruthy();
    const callback = await codeFromProvider(jar, authUrl, DEMO.by);
    const res = await jar.fetch(callback.href);
    expect(res.status).toBe(302);
    expect(setsSession(res)).toBe(true);
    const profile = await jar.fetch(`${server.url}/profile`);
    expect(profile.status).toBe(200);
    expect(await profile.text()).toContain(DEMO.by);
  });

  it("refuses a callback with a wrong state and creates no session", async () => {
    const jar = new Jar();
    const callback = await codeFromProvider(jar, await start(jar), DEMO.nw);
    callback.searchParams.set("state", "not-the-state-we-sent");
    const before = sessionCount();
    const res = await jar.fetch(callback.href);
    expect(res.status).toBe(400);
    expect(setsSession(res)).toBe(false);
    expect(await res.text()).toContain(m.signin.oidc.rejected);
    expect(sessionCount()).toBe(before);
  });

  it("refuses a callback without this browser's flow cookie (login CSRF) and creates no session", async () => {
    const jar = new Jar();
    const callback = await codeFromProvider(jar, await start(jar), DEMO.nw);
    const before = sessionCount();
    const res = await fetch(callback.href, { redirect: "manual" }); // another browser: no cookies
    expect(res.status).toBe(400);
    expect(setsSession(res)).toBe(false);
    expect(sessionCount()).toBe(before);
  });

  it("refuses a code from one flow injected into another (PKCE verifier and nonce differ)", async () => {
    const attacker = new Jar();
    const stolen = await codeFromProvider(attacker, await start(attacker), DEMO.nw);
    const victim = new Jar();
    const victimFlow = await start(victim);
    const injected = new URL(stolen.href);
    injected.searchParams.set("state", victimFlow.searchParams.get("state")!);
    const before = sessionCount();
    const res = await victim.fetch(injected.href);
    expect(res.status).toBe(400);
    expect(setsSession(res)).toBe(false);
    expect(sessionCount()).toBe(before);
  });

  it("without OIDC_ISSUER nothing of it shows: no button, and both routes answer 404", async () => {
    const plain = await startServer();
    try {
      expect(await (await fetch(`${plain.url}/login`)).text()).not.toContain("Anmelden mit");
      expect((await fetch(`${plain.url}/auth/oidc`, { redirect: "manual" })).status).toBe(404);
      expect((await fetch(`${plain.url}/auth/oidc/callback?code=x&state=y`, { redirect: "manual" })).status).toBe(404);
    } finally {
      await plain.stop();
    }
  });

  it("answers 503 with a German message when the provider cannot be reached", async () => {
    const unreachable = await startServer({ ...provider.env, OIDC_ISSUER: "http://localhost:1" });
    try {
      const res = await fetch(`${unreachable.url}/auth/oidc`, { redirect: "manual" });
      expect(res.status).toBe(503);
      expect(await res.text()).toContain(m.signin.oidc.unavailable);
    } finally {
      await unreachable.stop();
    }
  });

  it("refuses an e-mail address the provider has not verified", async () => {
    provider.unverified.add("unbestaetigt@example.org");
    const jar = new Jar();
    const res = await jar.fetch((await codeFromProvider(jar, await start(jar), "unbestaetigt@example.org")).href);
    expect(res.status).toBe(403);
    expect(setsSession(res)).toBe(false);
    expect(await res.text()).toContain(m.signin.oidc.unverified);
  });

  it("while SSO is required, an invitation is taken at the provider: the page offers it, a password is refused", async () => {
    const own = await startServer({ ...provider.env });
    try {
      const sqlite = new Database(own.dbFile);
      const token = "einladung-nur-ueber-sso-0123456789";
      const admin = sqlite.prepare(`SELECT id FROM "User" WHERE email = ?`).get(DEMO.admin) as { id: string };
      const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
      sqlite.prepare(`INSERT INTO "Invitation" (id, tokenHash, email, platformRole, invitedById, expiresAt, createdAt) VALUES (?, ?, ?, 'member', ?, ?, ?)`)
        .run("inv-sso", createHash("sha256").update(token).digest("hex"), "sso-einladung@example.org", admin.id, iso(Date.now() + 86_400_000), iso(Date.now()));
      const page = async () => (await fetch(`${own.url}/invite/${token}`)).text();
      expect(await page()).toContain(m.invite.password); // SSO not required yet: the password form
      sqlite.prepare(`INSERT INTO "PlatformSetting" (key, value, updatedAt) VALUES ('sso.required', '1', ?)`).run(iso(Date.now()));
      sqlite.close();
      const offered = await page();
      expect(offered).toContain(`href="/auth/oidc"`);
      expect(offered).not.toContain(m.invite.password);
      const refused = await fetch(`${own.url}/invite/${token}`, {
        method: "POST", redirect: "manual", headers: { origin: own.url, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ name: "Per Passwort", password: "ein-langes-passwort-1", confirm: "ein-langes-passwort-1" }),
      });
      expect(refused.status).toBe(403);
      expect(setsSession(refused)).toBe(false);
      const check = new Database(own.dbFile, { readonly: true });
      expect(check.prepare(`SELECT count(*) AS n FROM "User" WHERE email = ?`).get("sso-einladung@example.org")).toEqual({ n: 0 });
      check.close();
    } finally {
      await own.stop();
    }
  });
});
