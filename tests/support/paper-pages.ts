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
  const { pages, documentUrl } = await pagesOnPaper(suite, [DEMO.by, DEMO.nw]);
  const [by, nw] = [pages[DEMO.by], pages[DEMO.nw]];
  await Promise.all([openPaper(by, documentUrl), openPaper(nw, documentUrl)]);
  return { by, nw, documentUrl };
}

/** Pages of `emails`, each logged in (own context), and the URL of the seeded paper. */
export async function pagesOnPaper(suite: ReturnType<typeof browserSuite>, emails: string[], options: Parameters<typeof newPage>[1] = {}) {
  const pages: Record<string, Page> = {};
  for (const email of emails) {
    pages[email] = await newPage(suite.browser, options);
    await loginInBrowser(pages[email], suite.server.url, email);
  }
  const first = pages[emails[0]];
  await first.goto(`${suite.server.url}/documents`);
  await first.getByRole("link", { name: MINT_PAPER_TITLE }).click();
  await first.waitForURL(/\/documents\/[A-Za-z0-9_-]+$/);
  return { pages, documentUrl: first.url() };
}

/** Selects `text` inside the editor with a DOM range, as a mouse or finger selection would. */
export async function selectInEditor(page: Page, text: string) {
  await page.evaluate((needle) => {
    const root = document.getElementById("document-editor")!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const i = node.textContent!.indexOf(needle);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + needle.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`not found: ${needle}`);
  }, text);
}
