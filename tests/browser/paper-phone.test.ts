// The position paper at phone width (375×740) and its toolbar (issue 9): the toolbar is one compact,
// sticky row of self-hosted SVG icons with names; comments open as a bottom sheet next to the
// selection; the paper, versions and compare pages never scroll sideways; axe finds nothing serious.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";
import { loginInBrowser, newPage, seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";

const suite = browserSuite();
const PHONE = { width: 375, height: 740 };
let documentUrl: string;
let by: Page;
let rp: Page;

const editorOf = (page: Page) => page.getByRole("textbox", { name: m.documents.editor.label });
const toolbarOf = (page: Page) => page.getByRole("toolbar", { name: m.documents.editor.toolbar });
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function open(page: Page) {
  await page.goto(documentUrl);
  await page.getByText(m.documents.connection.connected).first().waitFor();
  await editorOf(page).getByRole("heading", { name: "Ausgangslage" }).waitFor();
  await page.waitForFunction(() => document.querySelector(".comment-sidebar")?.getAttribute("data-loaded") === "true");
}

/** Selects `text` inside the editor with a DOM range, as a finger or mouse would. */
async function select(page: Page, text: string) {
  await page.evaluate((needle) => {
    const root = document.getElementById("document-editor")!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const i = node.textContent!.indexOf(needle);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + needle.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`not found: ${needle}`);
  }, text);
}

beforeAll(async () => {
  by = await newPage(suite.browser, { viewport: PHONE });
  rp = await newPage(suite.browser, { viewport: PHONE });
  await loginInBrowser(by, suite.server.url, DEMO.by);
  await loginInBrowser(rp, suite.server.url, DEMO.ministeriumRp);
  await by.goto(`${suite.server.url}/documents`);
  await by.getByRole("link", { name: MINT_PAPER_TITLE }).click();
  await by.waitForURL(/\/documents\/[A-Za-z0-9_-]+$/);
  documentUrl = by.url();
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
