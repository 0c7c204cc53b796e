import { describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { fillLogin, loginInBrowser, newPage, seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";

const suite = browserSuite();

describe("accounts in the browser", () => {
  it("logs in, shows the Start page with my Gremien, and logs out", async () => {
    const page = await newPage(suite.browser);
    await loginInBrowser(page, suite.server.url, DEMO.by);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(m.start.welcome("Tobias Brandl"));
    expect(await page.getByRole("link", { name: "Länderbeirat" }).count()).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(`${suite.server.url}/login`), page.getByRole("button", { name: m.nav.logout }).click()]);
    await page.goto(`${suite.server.url}/profile`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });

  it("shows a German error for a wrong password and keeps the e-mail address", async () => {
    const page = await newPage(suite.browser);
    await page.goto(`${suite.server.url}/login`);
    await page.getByLabel("E-Mail-Adresse").fill(DEMO.nw);
    await page.getByLabel("Passwort").fill("ganz-falsch-123");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByRole("alert").filter({ hasText: m.login.failed }).waitFor();
    expect(await page.getByLabel("E-Mail-Adresse").inputValue()).toBe(DEMO.nw);
    await page.close();
  });

  it("denies Verwaltung to a non-admin with a German 403 page", async () => {
    const page = await newPage(suite.browser);
    await loginInBrowser(page, suite.server.url, DEMO.gast);
    expect(await page.getByRole("link", { name: m.nav.admin }).count()).toBe(0);
    const response = await page.goto(`${suite.server.url}/admin`);
    expect(response?.status()).toBe(403);
    await page.getByRole("heading", { name: m.errors.forbiddenTitle }).waitFor();
    await page.close();
  });

  it("throws a disabled user out of an open session", async () => {
    const userContext = await suite.browser.newContext();
    const adminContext = await suite.browser.newContext();
    const userPage = await userContext.newPage();
    const adminPage = await adminContext.newPage();
    await loginInBrowser(userPage, suite.server.url, DEMO.nw);
    await loginInBrowser(adminPage, suite.server.url, DEMO.admin);

    await adminPage.goto(`${suite.server.url}/admin`);
    await adminPage.getByRole("button", { name: `${m.admin.disable}: Miriam Schulte` }).click();
    await adminPage.getByRole("status").filter({ hasText: m.admin.userDisabled("Miriam Schulte") }).waitFor();

    // The open tab's next navigation lands on the login page.
    await userPage.getByRole("link", { name: m.nav.spaces }).click();
    await userPage.waitForURL((url) => url.pathname === "/login");
    await fillLogin(userPage, suite.server.url, DEMO.nw);
    await userPage.getByRole("alert").filter({ hasText: m.login.failed }).waitFor();

    await userContext.close();
    await adminContext.close();
  });
});

describe("adding a member by look-up (issue 9: no directory of addresses)", () => {
  it("a chair types part of a name, picks the suggested address and adds the person; the page passes axe", async () => {
    const page = await newPage(suite.browser);
    await loginInBrowser(page, suite.server.url, DEMO.leitung);
    await page.goto(`${suite.server.url}/spaces/laender-round-table/members`);
    expect(await page.content()).not.toContain("westpfalz@laenderforum.example");
    const field = page.getByLabel(m.admin.memberEmail);
    await field.pressSequentially("westp");
    const suggestion = page.locator("#member-candidates option", { hasText: "Westpfalz" }).or(page.locator('#member-candidates option[value="westpfalz@laenderforum.example"]'));
    await suggestion.first().waitFor({ state: "attached" });
    await field.fill((await suggestion.first().getAttribute("value")) ?? "");
    await page.getByRole("button", { name: m.admin.add }).click();
    await page.getByText(m.admin.memberAdded).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });
});
