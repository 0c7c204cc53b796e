import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, loginInBrowser, newPage, seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let browser: Browser;
let adminPage: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  adminPage = await newPage(browser);
  await loginInBrowser(adminPage, server.url, DEMO.admin);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("axe: no serious or critical violations", () => {
  it("on the login page", async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/login`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  for (const [name, path] of [
    ["Start", "/"],
    ["Länder", "/laender"],
    ["Gremien", "/spaces"],
    ["Gremium", "/spaces/laenderbeirat"],
    ["Verwaltung", "/admin"],
    ["Verwaltung: Einladungen", "/admin/invitations"],
    ["Profil", "/profile"],
  ] as const) {
    it(`on ${name}`, async () => {
      await adminPage.goto(`${server.url}${path}`);
      expect(await seriousA11yViolations(adminPage)).toEqual([]);
    });
  }

  it("on a phone-sized viewport, without horizontal scrolling", async () => {
    const phone = await newPage(browser, { viewport: { width: 375, height: 740 } });
    await loginInBrowser(phone, server.url, DEMO.by);
    await phone.goto(`${server.url}/spaces/laenderbeirat`);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.close();
  });
});
