// Two-factor sign-in in Chromium against the built server (issue 12, decision 022): enrolment from
// the profile (QR code, secret, one code, ten recovery codes), sign-in with a code as the second
// step, a recovery code that works once, and the settings' requirement for admins, who cannot do
// anything before enrolling. axe stays clean on every new page.
import Database from "better-sqlite3";
import * as OTPAuth from "otpauth";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { fillLogin, loginInBrowser, newPage, seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";
import { resetLinkFor } from "../support/fixtures.ts";

const suite = browserSuite();

/** The code of the time step `stepsAhead` from now (the server accepts ±1 step, each step once). */
function codeFor(secret: string, stepsAhead = 0) {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s+/g, "")), digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

function query<T>(text: string, ...params: unknown[]) {
  const sqlite = new Database(suite.server.dbFile, { readonly: true });
  try {
    return sqlite.prepare(text).all(...params) as T[];
  } finally {
    sqlite.close();
  }
}

/** Confirms the enrolment shown on the page and returns the secret and the recovery codes. */
async function enrol(page: Page) {
  await page.getByRole("img", { name: m.signin.security.qrAlt }).waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  const secret = (await page.getByTestId("totp-secret").textContent())!;
  await page.getByLabel(m.signin.code.label, { exact: true }).fill(codeFor(secret));
  await page.getByRole("button", { name: m.signin.security.confirm }).click();
  const list = page.getByRole("list", { name: m.signin.security.recoveryTitle });
  await list.waitFor();
  expect(await seriousA11yViolations(page)).toEqual([]);
  const codes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  return { secret, codes };
}


async function logout(page: Page) {
  await Promise.all([page.waitForURL((url) => url.pathname === "/login"), page.getByRole("button", { name: m.nav.logout }).click()]);
}

async function secondStep(page: Page, code: string) {
  await page.getByLabel(m.signin.code.label, { exact: true }).fill(code);
  await page.getByRole("button", { name: m.signin.code.submit }).click();
}

describe("two-factor sign-in (TOTP) in the browser", () => {
  it("enrols from the profile, then signs in with a code; a recovery code works exactly once; a password reset still asks for the code", async () => {
    const page = await newPage(suite.browser);
    await loginInBrowser(page, suite.server.url, DEMO.by);
    await page.goto(`${suite.server.url}/profile`);
    await page.getByRole("link", { name: m.signin.security.profileLink }).click();
    await page.waitForURL("**/profile/sicherheit");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: m.signin.security.start }).click();
    const { secret, codes } = await enrol(page);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    await page.getByText(m.signin.security.on).waitFor();

    // At rest: the secret is sealed and the recovery codes are only hashes.
    const [stored] = query<{ secret: string }>(`SELECT t."secret" FROM "TwoFactor" t JOIN "User" u ON u."id" = t."userId" WHERE u."email" = ?`, DEMO.by);
    expect(stored.secret).not.toContain(secret.replace(/\s+/g, ""));
    const hashes = query<{ codeHash: string }>(`SELECT r."codeHash" FROM "RecoveryCode" r JOIN "User" u ON u."id" = r."userId" WHERE u."email" = ?`, DEMO.by);
    expect(hashes).toHaveLength(10);
    for (const code of codes) expect(hashes.some((h) => h.codeHash.includes(code.replace("-", "")))).toBe(false);

    // The password alone is not a session: the second step asks for the code.
    await logout(page);
    await fillLogin(page, suite.server.url, DEMO.by);
    await page.waitForURL("**/auth/code");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${suite.server.url}/profile`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await fillLogin(page, suite.server.url, DEMO.by);
    await page.waitForURL("**/auth/code");
    await secondStep(page, "000000" === codeFor(secret, 1) ? "111111" : "000000");
    await page.getByRole("alert").filter({ hasText: m.signin.code.failed }).waitFor();
    await secondStep(page, codeFor(secret, 1));
    // … and then goes where the sign-in was asked for.
    await page.waitForURL(`${suite.server.url}/profile`);

    // A recovery code once …
    await logout(page);
    await fillLogin(page, suite.server.url, DEMO.by);
    await page.waitForURL("**/auth/code");
    await secondStep(page, codes[0]);
    await page.waitForURL(`${suite.server.url}/`);
    // … and not twice.
    await logout(page);
    await fillLogin(page, suite.server.url, DEMO.by);
    await page.waitForURL("**/auth/code");
    await secondStep(page, codes[0]);
    await page.getByRole("alert").filter({ hasText: m.signin.code.failed }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/auth/code");

    // A password reset proves the mailbox, not the second factor: no session before the code.
    const resetLink = resetLinkFor(suite.server.dbFile, DEMO.by);
    await page.goto(`${suite.server.url}${resetLink}`);
    await page.getByLabel(m.mail.reset.password, { exact: true }).fill("ein-neues-passwort-42");
    await page.getByLabel(m.mail.reset.confirm, { exact: true }).fill("ein-neues-passwort-42");
    await page.getByRole("button", { name: m.mail.reset.submit }).click();
    await page.waitForURL("**/auth/code");
    const afterReset = await page.request.get(`${suite.server.url}/profile`, { maxRedirects: 0 });
    expect(afterReset.status()).toBe(302);

    const audit = query<{ action: string }>(`SELECT e."action" FROM "AuditEvent" e JOIN "User" u ON u."id" = e."targetId" WHERE u."email" = ? AND e."action" LIKE 'twofactor.%'`, DEMO.by).map((r) => r.action);
    expect(audit.sort()).toEqual(["twofactor.enable", "twofactor.recovery-code"]);
    await page.context().close();
  });

  it("required for admins: an admin without it is sent to enrolment after the password and can do nothing else first", async () => {
    const settings = await newPage(suite.browser);
    await loginInBrowser(settings, suite.server.url, DEMO.admin);
    await settings.goto(`${suite.server.url}/admin/settings`);
    expect(await seriousA11yViolations(settings)).toEqual([]);
    await settings.getByLabel(m.signin.settings.twoFactorAdmins).check();
    await settings.getByRole("button", { name: m.signin.settings.save }).click();
    await settings.getByRole("status").filter({ hasText: m.signin.settings.saved }).waitFor();

    const page = await newPage(suite.browser);
    await fillLogin(page, suite.server.url, DEMO.admin);
    await page.waitForURL("**/auth/code-einrichten");
    await page.getByText(m.signin.security.required).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Half signed in is not signed in.
    const admin = await page.request.get(`${suite.server.url}/admin`, { maxRedirects: 0 });
    expect(admin.status()).toBe(302);
    expect(admin.headers().location).toMatch(/^\/login/);

    await enrol(page);
    await page.getByRole("link", { name: m.signin.security.continue }).click();
    await page.waitForURL(`${suite.server.url}/`);
    const response = await page.goto(`${suite.server.url}/admin`);
    expect(response?.status()).toBe(200);
    await page.goto(`${suite.server.url}/profile/sicherheit`);
    await page.getByText(m.signin.security.cannotDisable).waitFor();
    for (const p of [settings, page]) await p.context().close();
  });
});
