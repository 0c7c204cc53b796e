// The position paper at phone width (375×740) and its toolbar (issue 9): the toolbar is one compact,
// sticky row of self-hosted SVG icons with names; comments open as a bottom sheet next to the
// selection; the paper, versions and compare pages never scroll sideways; axe finds nothing serious.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";
import { pagesOnPaper, selectInEditor } from "../support/paper-pages.ts";

const suite = browserSuite();
const PHONE = { width: 375, height: 740 };
let documentUrl: string;
let by: Page;
let rp: Page;

const editorOf = (page: Page) => page.getByRole("textbox", { name: m.documents.editor.label });
const toolbarOf = (page: Page) => page.getByRole("toolbar", { name: m.documents.editor.toolbar });
const noSidewaysScroll = async (page: Page) => {
  const ok = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  if (!ok) console.log(await page.evaluate(() => [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5).slice(0, 12).map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`).join("\n")));
  return ok;
};

async function open(page: Page) {
  await page.goto(documentUrl);
  await page.getByText(m.documents.connection.connected).first().waitFor();
  await editorOf(page).getByRole("heading", { name: "Ausgangslage" }).waitFor();
  await page.waitForFunction(() => document.querySelector(".comment-sidebar")?.getAttribute("data-loaded") === "true");
}

beforeAll(async () => {
  const opened = await pagesOnPaper(suite, [DEMO.by, DEMO.ministeriumRp], { viewport: PHONE });
  [by, rp] = [opened.pages[DEMO.by], opened.pages[DEMO.ministeriumRp]];
  documentUrl = opened.documentUrl;
});

describe("the editor toolbar", () => {
  it("shows SVG icons, no emoji, and every button has a name", async () => {
    await open(by);
    const toolbar = toolbarOf(by);
    const text = (await toolbar.textContent()) ?? "";
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
    const buttons = toolbar.getByRole("button");
    const count = await buttons.count();
    expect(count).toBeGreaterThan(8);
    for (let i = 0; i < count; i++) {
      const name = await buttons.nth(i).getAttribute("aria-label");
      expect(name?.trim()).toBeTruthy();
    }
    expect(await toolbar.locator("svg").count()).toBeGreaterThan(8);
    await toolbar.getByRole("button", { name: m.documents.editor.link, exact: true }).waitFor();
  });
});

describe("at phone width", () => {
  it("the paper does not scroll sideways; the toolbar is one row and stays at the top while scrolling", async () => {
    await open(by);
    expect(await noSidewaysScroll(by)).toBe(true);
    const toolbar = toolbarOf(by);
    expect((await toolbar.boundingBox())!.height).toBeLessThan(60);
    // Well into the text, far below where the toolbar starts.
    await by.evaluate(() => window.scrollTo(0, document.querySelector<HTMLElement>(".editor-toolbar")!.getBoundingClientRect().top + window.scrollY + 1200));
    const box = (await toolbar.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(-1);
    expect(box.y).toBeLessThan(5);
    expect(await by.evaluate(() => getComputedStyle(document.querySelector(".editor-toolbar")!).position)).toBe("sticky");
  });

  it("commenting on selected words opens the comments as a sheet in the viewport; Escape closes it", async () => {
    await open(rp);
    const sheet = rp.getByRole("complementary", { name: m.review.sidebar });
    expect(await sheet.isVisible()).toBe(false);
    await selectInEditor(rp, "Kitas, Schulen");
    await rp.getByRole("button", { name: m.review.comment, exact: true }).click();
    const body = rp.getByLabel(m.review.body, { exact: true });
    await body.waitFor();
    const box = (await body.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    await body.fill("Vom Telefon kommentiert.");
    await rp.getByRole("button", { name: m.review.submit }).click();
    await sheet.getByText("Vom Telefon kommentiert.").waitFor();
    expect(await seriousA11yViolations(rp)).toEqual([]);
    await rp.keyboard.press("Escape");
    await expect.poll(() => sheet.isVisible()).toBe(false);
    // Focus returns to the control that opened it.
    expect(await rp.evaluate(() => document.activeElement?.getAttribute("aria-controls"))).toBe("comment-sidebar");
    expect(await noSidewaysScroll(rp)).toBe(true);
  });

  it("the versions and compare pages fit the width, with their actions reachable", async () => {
    await by.goto(`${documentUrl}/versions`);
    for (const name of ["Erste Fassung", "Zweite Fassung mit einem recht langen Namen für die Auswahl"]) {
      await by.getByLabel(m.review.versionName).fill(name);
      await by.getByRole("button", { name: m.review.saveVersion }).click();
      await by.getByText(m.review.versionSaved(name)).waitFor();
    }
    await by.getByRole("cell", { name: /Zweite Fassung/ }).first().waitFor();
    await expect.poll(() => noSidewaysScroll(by)).toBe(true);
    const link = by.getByRole("link", { name: m.review.compareWithNow }).first();
    const box = (await link.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousA11yViolations(by)).toEqual([]);
    await Promise.all([by.waitForURL(/\/compare\?/), by.getByRole("form", { name: m.review.compareTitle }).getByRole("button", { name: m.review.compare }).click()]);
    await by.getByRole("article", { name: m.review.compareTitle }).waitFor();
    await expect.poll(() => noSidewaysScroll(by)).toBe(true);
    expect(await seriousA11yViolations(by)).toEqual([]);
  });
});
