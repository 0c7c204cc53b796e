// Browser pages on the seeded position paper, for tests where two editors type live: the pages of
// by@ and nw@ logged in, the paper open and connected, and the page's test hook ready
// (window.__laenderforumEditor, set only under webdriver).
import type { Page } from "playwright-core";
import { m } from "../../app/i18n/messages.ts";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";
import { loginInBrowser, newPage } from "./browser.ts";
import { DEMO } from "./paths.ts";
import type { browserSuite } from "./suite.ts";

export const editorOf = (page: Page) => page.getByRole("textbox", { name: m.documents.editor.label });

/** Opens the paper in `page` and waits until the live editor is connected. */
export async function openPaper(page: Page, documentUrl: string) {
  await page.goto(documentUrl);
  await editorOf(page).getByRole("heading", { name: "Ausgangslage" }).waitFor();
  await page.getByText(m.documents.connection.connected).first().waitFor();
  await page.waitForFunction(() => Boolean(window.__laenderforumEditor));
}

/** Two editors (by@, nw@) with the seeded paper open. */
export async function twoEditorsOnPaper(suite: ReturnType<typeof browserSuite>) {
  const [by, nw] = await Promise.all([newPage(suite.browser), newPage(suite.browser)]);
  await Promise.all([loginInBrowser(by, suite.server.url, DEMO.by), loginInBrowser(nw, suite.server.url, DEMO.nw)]);
  await by.goto(`${suite.server.url}/documents`);
  await by.getByRole("link", { name: MINT_PAPER_TITLE }).click();
  await by.waitForURL(/\/documents\/[A-Za-z0-9_-]+$/);
  const documentUrl = by.url();
  await Promise.all([openPaper(by, documentUrl), openPaper(nw, documentUrl)]);
  return { by, nw, documentUrl };
}
