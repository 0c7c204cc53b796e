// Sign-in through the identity provider in Chromium, against a real OpenID provider (oidc-provider)
// started here (issue 12, decision 022): an invited account, an unknown person (refused; accepted
// with OIDC_ALLOW_SIGNUP=1), a disabled account, "SSO required" with the break-glass admin, and
// logout that ends the provider's session too.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { fillLogin, launchBrowser, loginInBrowser, newPage, seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { reserveProvider, type TestProvider } from "../support/oidc-provider.ts";

let provider: TestProvider;
let server: TestServer;
let signupServer: TestServer;
let browser: Browser;

beforeAll(async () => {
  provider = await reserveProvider("Test-IdP");
  const env = { ...provider.env, BREAK_GLASS_ADMIN: DEMO.admin };
  [server, signupServer, browser] = await Promise.all([startServer(env), startServer({ ...env, OIDC_ALLOW_SIGNUP: "1" }), launchBrowser()]);
  provider.start([server.url, signupServer.url]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.stop(), signupServer?.stop()]);
  await provider?.stop();
});

const stamp = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

function sql<T>(dbFile: string, run: (db: Database.Database) => T): T {
  const sqlite = new Database(dbFile);
  try {
    return run(sqlite);
  } finally {
    sqlite.close();
  }
}

const userRow = (dbFile: string, email: string) =>
  sql(dbFile, (db) => db.prepare(`SELECT "id", "name", "status", "role", "passwordHash" FROM "User" WHERE "email" = ?`).get(email) as { id: string; name: string; status: string; role: string; passwordHash: string | null } | undefined);

/** Clicks "Anmelden mit Test-IdP" on our login page and signs in at the provider's form as `login`. */
async function signInThroughProvider(page: Page, baseUrl: string, login: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByRole("link", { name: m.signin.oidc.button("Test-IdP") }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("beliebig");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // First sign-in of this account at the provider: it asks for consent once.
  const back = page.waitForURL((url) => url.href.startsWith(baseUrl));
  const consent = page.getByRole("button", { name: "Continue" });
  await Promise.race([back, consent.waitFor().then(() => consent.click())]);
  await back;
}

describe("sign-in through the identity provider (Chromium, real oidc-provider)", () => {
  it("signs an invited person in: the invitation is accepted, the account is active, with the invited membership", async () => {
    const email = "eingeladen@example.org";
    sql(server.dbFile, (db) => {
      const { id: adminId } = db.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get(DEMO.admin) as { id: string };
      const { id: spaceId } = db.prepare(`SELECT "id" FROM "Space" WHERE "slug" = 'mint-regionen'`).get() as { id: string };
      db.prepare(`INSERT INTO "Invitation" ("id", "tokenHash", "email", "platformRole", "spaceId", "spaceRole", "invitedById", "expiresAt", "createdAt") VALUES (?, ?, ?, 'member', ?, 'member', ?, ?, ?)`)
        .run(`cinv${crypto.randomBytes(6).toString("hex")}`, crypto.randomBytes(32).toString("hex"), email, spaceId, adminId, stamp(Date.now() + 86_400_000), stamp(Date.now()));
    });
    const page = await newPage(browser);
    await page.goto(`${server.url}/login`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await signInThroughProvider(page, server.url, email);
    await page.waitForURL(`${server.url}/`);
    const user = userRow(server.dbFile, email)!;
    expect(user).toMatchObject({ status: "active", role: "member", name: "SSO eingeladen", passwordHash: null });
    const accepted = sql(server.dbFile, (db) => db.prepare(`SELECT "acceptedAt" FROM "Invitation" WHERE "email" = ?`).get(email) as { acceptedAt: string | null });
    expect(accepted.acceptedAt).not.toBeNull();
    await page.goto(`${server.url}/spaces/mint-regionen`);
    expect(new URL(page.url()).pathname).toBe("/spaces/mint-regionen");
    await page.context().close();
  });

  it("refuses an unknown person with a German message; with OIDC_ALLOW_SIGNUP=1 an account is made", async () => {
    const email = "unbekannt@example.org";
    const refused = await newPage(browser);
    await signInThroughProvider(refused, server.url, email);
    await refused.getByRole("alert").filter({ hasText: m.signin.oidc.unknown }).waitFor();
    expect(await seriousA11yViolations(refused)).toEqual([]);
    expect(userRow(server.dbFile, email)).toBeUndefined();
    await refused.goto(`${server.url}/profile`);
    expect(new URL(refused.url()).pathname).toBe("/login");
    await refused.context().close();

    const accepted = await newPage(browser);
    await signInThroughProvider(accepted, signupServer.url, email);
    await accepted.waitForURL(`${signupServer.url}/`);
    expect(userRow(signupServer.dbFile, email)).toMatchObject({ status: "active", role: "member" });
    await accepted.context().close();
  });

  it("keeps a disabled account disabled", async () => {
    const email = "gesperrt@example.org";
    sql(server.dbFile, (db) => db.prepare(`INSERT INTO "User" ("id", "email", "name", "role", "status", "createdAt", "updatedAt") VALUES (?, ?, 'Gesperrte Person', 'member', 'disabled', ?, ?)`)
      .run(`cdis${crypto.randomBytes(6).toString("hex")}`, email, stamp(Date.now()), stamp(Date.now())));
    const page = await newPage(browser);
    await signInThroughProvider(page, server.url, email);
    await page.getByRole("alert").filter({ hasText: m.signin.oidc.disabled }).waitFor();
    expect(userRow(server.dbFile, email)?.status).toBe("disabled");
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.context().close();
  });

  it("logout ends our session and the provider's: the next sign-in asks the provider for credentials again", async () => {
    const page = await newPage(browser);
    await signInThroughProvider(page, server.url, DEMO.nw);
    await page.waitForURL(`${server.url}/`);
    await page.getByRole("button", { name: m.nav.logout }).click();
    // RP-initiated logout: the provider asks once more, then sends the browser back to /login.
    await page.getByRole("button", { name: "Yes, sign me out" }).click();
    await page.waitForURL(`${server.url}/login`);
    await page.goto(`${server.url}/profile`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByRole("link", { name: m.signin.oidc.button("Test-IdP") }).click();
    await page.locator('input[name="login"]').waitFor();
    expect(page.url().startsWith(provider.issuer)).toBe(true);
    await page.context().close();
  });

  it("'SSO required' refuses password sign-in for everyone but the break-glass admin", async () => {
    const admin = await newPage(browser);
    await loginInBrowser(admin, server.url, DEMO.admin);
    const passwordSession = await newPage(browser);
    await loginInBrowser(passwordSession, server.url, DEMO.ministeriumRp);
    await admin.goto(`${server.url}/admin`);
    await admin.getByRole("link", { name: m.signin.settings.nav }).click();
    await admin.getByLabel(m.signin.settings.ssoRequired("Test-IdP")).check();
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await admin.getByRole("button", { name: m.signin.settings.save }).click();
    await admin.getByRole("status").filter({ hasText: m.signin.settings.saved }).waitFor();
    // Password sessions end when SSO becomes required (the acting admin's own stays).
    await passwordSession.goto(`${server.url}/profile`);
    expect(new URL(passwordSession.url()).pathname).toBe("/login");
    await admin.goto(`${server.url}/admin/settings`);
    expect(new URL(admin.url()).pathname).toBe("/admin/settings");

    const member = await newPage(browser);
    await fillLogin(member, server.url, DEMO.by);
    await member.getByRole("alert").filter({ hasText: m.signin.oidc.ssoRequired("Test-IdP") }).waitFor();
    expect(new URL(member.url()).pathname).toBe("/login");
    // Through the provider the same person still gets in.
    await signInThroughProvider(member, server.url, DEMO.by);
    await member.waitForURL(`${server.url}/`);

    const breakGlass = await newPage(browser);
    await loginInBrowser(breakGlass, server.url, DEMO.admin);
    expect(new URL(breakGlass.url()).pathname).toBe("/");

    await admin.getByLabel(m.signin.settings.ssoRequired("Test-IdP")).uncheck();
    await admin.getByRole("button", { name: m.signin.settings.save }).click();
    await admin.getByRole("status").filter({ hasText: m.signin.settings.saved }).waitFor();
    for (const page of [admin, member, breakGlass, passwordSession]) await page.context().close();
  });
});
