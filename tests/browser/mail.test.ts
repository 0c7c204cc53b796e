// The mail pages in real Chromium (issue 11): "Passwort vergessen" from the login page, setting a
// new password through a reset link with the keyboard, the preferences page, the admins' outbox,
// each without serious or critical axe violations.
import { describe, expect, it } from "vitest";
import { loginInBrowser, newPage, seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";
import { resetLinkFor } from "../support/fixtures.ts";

const suite = browserSuite();


describe("password reset pages", () => {
  it("the login page leads to the request form, which answers without saying whether the account exists", async () => {
    const page = await newPage(suite.browser);
    await page.goto(`${suite.server.url}/login`);
    await page.getByRole("link", { name: "Passwort vergessen?" }).click();
    await page.waitForURL("**/password/forgot");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel("E-Mail-Adresse").fill("niemand@example.org");
    await page.getByRole("button", { name: "Link anfordern" }).click();
    await page.getByText("Wenn es zu dieser Adresse ein aktives Konto gibt").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("sets a new password with the keyboard and signs in", async () => {
    const page = await newPage(suite.browser);
    await page.goto(`${suite.server.url}${resetLinkFor(suite.server.dbFile, DEMO.gast)}`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel("Neues Passwort", { exact: true }).focus();
    await page.keyboard.type("browser-passwort-1");
    await page.keyboard.press("Tab");
    await page.keyboard.type("browser-passwort-1");
    await Promise.all([page.waitForURL((url) => url.pathname === "/"), page.keyboard.press("Enter")]);
    await page.getByRole("button", { name: "Abmelden" }).waitFor();
    await page.context().close();
  });
});

describe("preferences and outbox", () => {
  it("the preferences page is reachable from the profile and saves", async () => {
    const page = await newPage(suite.browser);
    await loginInBrowser(page, suite.server.url, DEMO.by);
    await page.goto(`${suite.server.url}/profile`);
    await page.getByRole("link", { name: "Benachrichtigungen per E-Mail einstellen" }).click();
    await page.waitForURL("**/profile/benachrichtigungen");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel("Antworten in Themen, denen ich folge").selectOption("weekly");
    await page.getByRole("button", { name: "Einstellungen speichern" }).click();
    await page.getByText("Ihre Einstellungen sind gespeichert.").waitFor();
    await page.reload();
    expect(await page.getByLabel("Antworten in Themen, denen ich folge").inputValue()).toBe("weekly");
    await page.context().close();
  });

  it("Verwaltung → Postausgang lists mails", async () => {
    const page = await newPage(suite.browser);
    await loginInBrowser(page, suite.server.url, DEMO.admin);
    await page.goto(`${suite.server.url}/admin`);
    await page.getByRole("link", { name: "Postausgang" }).click();
    await page.waitForURL("**/admin/outbox");
    await page.getByRole("heading", { name: "Postausgang" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });
});
