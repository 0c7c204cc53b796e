// Two people typing at the same spot (the end of one paragraph) at the same time, in real Chromium:
// each person's words must stay together, in both editors and in the stored paper (issue 8, finding 11);
// and two people pressing Enter at the end of the paper round after round must each keep their whole
// sentence in their own new paragraph (issue 9).
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { browserSuite } from "../support/suite.ts";
import { twoEditorsOnPaper } from "../support/paper-pages.ts";

const suite = browserSuite();
const TRIALS = 6;
const ALPHA = " Alpha beta";
const GAMMA = " Gamma delta";
const ROUNDS = 8;
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

/** The text of every paragraph, without the other people's caret labels. */
function paragraphs(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("#document-editor p")].map((p) => {
      const copy = p.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
      return (copy.textContent ?? "").replace(/\u00a0/g, " ");
    }),
  );
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

  it("keeps each person's sentence in their own new paragraph when both press Enter at the end of the paper", async () => {
    const sentences: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const bySentence = `Bayern ${2 * round}: trotz kaputter Anwesenheit.`;
      const nwSentence = `NRW ${2 * round + 1}: ebenso.`;
      sentences.push(bySentence, nwSentence);
      // Both go to the end of the paper, press Enter at (nearly) the same moment and type a sentence
      // each into their new paragraph; the next round starts while the last keystrokes are in flight.
      const own = async (page: Page, sentence: string) => {
        await caretAtEnd(page);
        await page.keyboard.press("Enter");
        await page.keyboard.type(sentence, { delay: 5 });
      };
      await Promise.all([own(by, bySentence), own(nw, nwSentence)]);
    }
    // Both editors have every keystroke (wherever it landed) and agree.
    const typed = sentences.join("").length;
    await expect
      .poll(async () => {
        const [a, b] = [await paragraphs(by), await paragraphs(nw)];
        return JSON.stringify(a) === JSON.stringify(b) ? a.slice(-2 * ROUNDS).join("").length : -1;
      }, { timeout: 10_000 })
      .toBe(typed);
    for (const page of [by, nw]) {
      const texts = await paragraphs(page);
      for (const sentence of sentences) {
        expect(texts.filter((text) => text.includes(sentence)), `${sentence} in ${JSON.stringify(texts.slice(-2 * ROUNDS))}`).toHaveLength(1);
      }
    }
  });
});
