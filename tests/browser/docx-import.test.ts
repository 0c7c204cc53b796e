// The Word import in a real browser (issue 15): from the papers page to the import form and through
// it by keyboard, a refused file with its German message, the new paper with its import report, and
// the report's dismissal by keyboard; axe finds nothing serious on the form, the error and the banner.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { launchBrowser, loginInBrowser, newPage, seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { wordLikeFile } from "../support/docx-files.ts";

let server: TestServer;
let browser: Browser;
let page: Page;
const t = m.docx;

const focusedName = (p: Page) => p.evaluate(() => (document.activeElement as HTMLInputElement | null)?.getAttribute("name") ?? document.activeElement?.tagName ?? "");

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  page = await newPage(browser);
  await loginInBrowser(page, server.url, DEMO.by);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("Word import in the browser", () => {
  it("goes from the papers page through the form by keyboard; a non-Word file gets a German error", async () => {
    await page.goto(`${server.url}/documents`);
    await page.getByRole("link", { name: t.import.link }).focus();
    await Promise.all([page.waitForURL(/\/documents\/import$/), page.keyboard.press("Enter")]);
    await page.getByRole("heading", { name: t.import.title }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel(t.import.file).setInputFiles({ name: "notiz.docx", mimeType: "application/octet-stream", buffer: Buffer.from("Nur Text, kein Word.") });
    await page.getByLabel(t.import.file).focus();
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toBe("spaceId");
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toBe("tracked");
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toBe("BUTTON");
    await page.keyboard.press("Enter");
    await page.getByRole("alert").filter({ hasText: t.errors.refused["not-docx"] }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("fits a phone's width", async () => {
    const phone = await newPage(browser, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await loginInBrowser(phone, server.url, DEMO.by);
    await phone.goto(`${server.url}/documents/import`);
    await phone.getByRole("heading", { name: t.import.title }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    await phone.context().close();
  });

  it("imports a Word file, shows the report on the paper, and an editor dismisses it by keyboard", async () => {
    await page.goto(`${server.url}/documents/import`);
    await page.getByLabel(t.import.file).setInputFiles({
      name: "stellungnahme.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: await wordLikeFile(),
    });
    // The choice of how tracked changes come in is a radio group: arrow keys move within it.
    await page.getByLabel(t.import.trackedSuggest).focus();
    await page.keyboard.press("ArrowDown");
    expect(await page.getByLabel(t.import.trackedAccept).isChecked()).toBe(true);
    await page.keyboard.press("ArrowUp");
    expect(await page.getByLabel(t.import.trackedSuggest).isChecked()).toBe(true);
    await page.getByRole("button", { name: t.import.submit }).focus();
    await Promise.all([page.waitForURL(/\/documents\/[A-Za-z0-9_-]+$/), page.keyboard.press("Enter")]);
    await page.getByRole("heading", { name: "Stellungnahme der Länder", level: 1 }).waitFor();
    const banner = page.getByRole("region", { name: t.report.heading });
    await banner.waitFor();
    await banner.getByText(t.report.kinds.image(1)).waitFor();
    await banner.getByText(t.report.kinds.underline(1)).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await banner.getByRole("button", { name: t.report.dismiss }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("region", { name: t.report.heading }).count()).toBe(0);
    await page.reload();
    expect(await page.getByRole("region", { name: t.report.heading }).count()).toBe(0);
  });
});
