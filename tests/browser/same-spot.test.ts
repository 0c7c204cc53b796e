// Two people typing at the same spot (the end of one paragraph) at the same time, in real Chromium:
// each person's words must stay together, in both editors and in the stored paper (issue 8, finding 11).
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { browserSuite } from "../support/suite.ts";
import { twoEditorsOnPaper } from "../support/paper-pages.ts";

const suite = browserSuite();
const TRIALS = 6;
const ALPHA = " Alpha beta";
const GAMMA = " Gamma delta";
let documentUrl: string;
let by: Page;
let nw: Page;



/** The text of the paragraph that starts with `marker`, without the other people's caret labels. */
function paragraphText(page: Page, marker: string) {
  return page.evaluate((start) => {
    for (const p of document.querySelectorAll("#document-editor p")) {
      const copy = p.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
      const text = (copy.textContent ?? "").replace(/\u00a0/g, " ");
      if (text.startsWith(start)) return text;
    }
    return null;
  }, marker);
}

/**
 * Puts the caret at the very end of the paper (the end of its last paragraph) through the page's own
 * editor (a Control+End keystroke only moves the DOM selection, which the editor reads later), and
 * waits until the editor has the focus, which Tiptap gives it in the next animation frame.
 */
async function caretAtEnd(page: Page) {
  await page.evaluate(() => window.__laenderforumEditor!.editor.commands.focus("end"));
  await page.waitForFunction(() => window.__laenderforumEditor!.editor.view.hasFocus());
}

beforeAll(async () => {
  ({ by, nw, documentUrl } = await twoEditorsOnPaper(suite));
});

describe("two people typing at the same spot", () => {
  it("keeps each person's words together", async () => {
    const results: string[] = [];
    for (let trial = 1; trial <= TRIALS; trial++) {
      const marker = `Versuch ${trial}:`;
      await caretAtEnd(by);
      await by.keyboard.press("Enter");
      await by.keyboard.type(marker);
      await expect.poll(() => paragraphText(nw, marker), { timeout: 10_000 }).toBe(marker);
      await caretAtEnd(nw);
      await caretAtEnd(by);
      // Interleaved keystrokes from both people, a few milliseconds apart, as in a real session.
      await Promise.all([by.keyboard.type(ALPHA, { delay: 25 + trial }), nw.keyboard.type(GAMMA, { delay: 30 - trial })]);
      await expect.poll(async () => (await paragraphText(by, marker))?.length, { timeout: 10_000 }).toBe(marker.length + ALPHA.length + GAMMA.length);
      await expect.poll(async () => paragraphText(nw, marker), { timeout: 10_000 }).toBe(await paragraphText(by, marker));
      results.push((await paragraphText(by, marker))!);
    }
    for (const text of results) {
      expect(text, text).toContain(ALPHA);
      expect(text, text).toContain(GAMMA);
    }
    // The stored paper says the same once both are saved.
    await by.getByRole("status").getByText(m.documents.connection.saved).waitFor();
    await nw.getByRole("status").getByText(m.documents.connection.saved).waitFor();
    const md = await by.evaluate(async (url) => (await fetch(`${url}/export?format=md`)).text(), documentUrl);
    for (const text of results) expect(md).toContain(text);
  });
});
