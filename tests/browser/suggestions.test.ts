// Suggestion mode in Chromium (issue 14, decision 025): a commenter suggests while an editor types in
// the same paragraph, the editor accepts and the commenter sees it; Enter is refused with a hint; a
// deletion over words the editor then deletes turns "veraltet"; reject by keyboard and accept all;
// axe stays clean with suggestions shown.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";
import { editorOf, openPaper, pagesOnPaper, selectInEditor } from "../support/paper-pages.ts";

const suite = browserSuite();
let documentUrl: string;
const pages: Record<string, Page> = {};
const t = m.suggestions;

const panel = (page: Page) => page.locator(".suggestion-sidebar");
const cards = (page: Page) => panel(page).locator("article.suggestion-card");

/** Puts the caret right after `needle` in the editor (as a click there would). */
async function caretAfter(page: Page, needle: string) {
  await page.evaluate((text) => {
    const { editor } = window.__laenderforumEditor!;
    let at = -1;
    editor.state.doc.descendants((node, pos) => {
      if (at >= 0 || !node.isText) return at < 0;
      const i = node.text!.indexOf(text);
      if (i >= 0) at = pos + i + text.length;
      return false;
    });
    if (at < 0) throw new Error(`not found: ${text}`);
    editor.commands.focus();
    editor.commands.setTextSelection(at);
  }, needle);
}

/** The body text as the local Y.Doc has it (what this client wrote or received). */
const yText = (page: Page) => page.evaluate(() => {
  const { editor } = window.__laenderforumEditor!;
  return editor.state.doc.textContent;
});

/** Waits until the text itself (not a suggestion's widget) contains `needle`. */
const untilText = (page: Page, needle: string) =>
  page.waitForFunction((n) => window.__laenderforumEditor!.editor.state.doc.textContent.includes(n), needle);

/** ProseMirror reads a DOM selection on "selectionchange": wait until it has these words selected. */
const untilSelected = (page: Page, words: string) =>
  page.waitForFunction((w) => {
    const { state } = window.__laenderforumEditor!.editor;
    return state.doc.textBetween(state.selection.from, state.selection.to) === w;
  }, words);

beforeAll(async () => {
  const opened = await pagesOnPaper(suite, [DEMO.ministeriumRp, DEMO.by, DEMO.nw]);
  Object.assign(pages, opened.pages);
  documentUrl = opened.documentUrl;
  await Promise.all([DEMO.ministeriumRp, DEMO.by, DEMO.nw].map((who) => openPaper(pages[who], documentUrl)));
  for (const who of [DEMO.ministeriumRp, DEMO.by, DEMO.nw]) await pages[who].waitForFunction(() => document.querySelector(".suggestion-sidebar")?.getAttribute("data-loaded") === "true");
});

describe("suggesting and accepting live", () => {
  it("a commenter suggests while an editor types in the same paragraph; the editor accepts and the commenter sees it", async () => {
    const rp = pages[DEMO.ministeriumRp];
    const by = pages[DEMO.by];
    await rp.getByText(t.modeSuggestOnly).waitFor();
    expect(await editorOf(rp).getAttribute("contenteditable")).toBe("true");
    await caretAfter(rp, "Sie verbinden");
    await caretAfter(by, "allein nicht leisten könnten.");
    await Promise.all([rp.keyboard.type(" gemeinsam", { delay: 20 }), by.keyboard.type(" Das gilt bundesweit.", { delay: 20 })]);
    // The commenter sees the insertion underlined at once; the text itself is unchanged.
    await rp.locator("ins.suggest-ins", { hasText: "gemeinsam" }).waitFor();
    expect(await yText(rp)).not.toContain("Sie verbinden gemeinsam");
    // The editor's paragraph has both: the editor's own sentence and the commenter's suggestion.
    await by.locator("ins.suggest-ins", { hasText: "gemeinsam" }).waitFor();
    await editorOf(rp).getByText("Das gilt bundesweit.", { exact: false }).waitFor();
    const card = cards(by).filter({ hasText: "gemeinsam" });
    await card.getByRole("button", { name: t.accept }).click();
    await untilText(rp, "Sie verbinden gemeinsam Kitas");
    expect(await yText(rp)).toContain("Sie verbinden gemeinsam Kitas");
    await rp.locator("ins.suggest-ins", { hasText: "gemeinsam" }).waitFor({ state: "detached" });
  });

  it("Enter in Vorschlagen is refused with a German hint and changes nothing", async () => {
    const rp = pages[DEMO.ministeriumRp];
    const before = await yText(rp);
    await caretAfter(rp, "Der Länderbeirat");
    await rp.keyboard.press("Enter");
    await rp.getByText(t.refusedEnter).waitFor();
    expect(await yText(rp)).toBe(before);
  });

  it("a deletion over words the editor then deletes turns veraltet and shows its original context", async () => {
    const rp = pages[DEMO.ministeriumRp];
    const by = pages[DEMO.by];
    await editorOf(rp).click();
    await selectInEditor(rp, "vor Ort");
    await untilSelected(rp, "vor Ort");
    await rp.keyboard.press("Backspace");
    await rp.locator("del.suggest-del", { hasText: "vor Ort" }).waitFor();
    await rp.keyboard.press("Tab"); // blur sends it at once
    await cards(by).filter({ hasText: "vor Ort" }).waitFor();
    // The editor deletes those words for real.
    await editorOf(by).click();
    await selectInEditor(by, "vor Ort");
    await untilSelected(by, "vor Ort");
    await by.keyboard.press("Backspace");
    const stale = cards(rp).filter({ hasText: t.stale });
    await stale.waitFor();
    await stale.getByText("vor Ort", { exact: false }).first().waitFor();
    expect(await rp.locator("del.suggest-del", { hasText: "vor Ort" }).count()).toBe(0);
  });

  // retry: 1 — in 1 of about 6 runs (CI, 2026-11-27) the commenter's editor did not show the accepted
  // text within 30 s although the server reported it applied; under investigation (closing note, stop 18).
  it("keyboard only: reject a focused card with Strg+Alt+R, then accept all; axe is clean with suggestions shown", { retry: 1 }, async () => {
    const rp = pages[DEMO.ministeriumRp];
    const by = pages[DEMO.by];
    await caretAfter(rp, "Verlässliche");
    await rp.keyboard.type(" und dauerhafte", { delay: 10 });
    await rp.keyboard.press("Tab");
    await caretAfter(rp, "Eine gemeinsame");
    await rp.keyboard.type(" belastbare", { delay: 10 });
    await rp.keyboard.press("Tab");
    await cards(by).filter({ hasText: "belastbare" }).waitFor();
    await cards(by).filter({ hasText: "dauerhafte" }).waitFor();
    expect(await seriousA11yViolations(by)).toEqual([]);
    expect(await seriousA11yViolations(rp)).toEqual([]);
    // Reject the "belastbare" card by keyboard: focus it and press the shortcut.
    await cards(by).filter({ hasText: "belastbare" }).focus();
    await by.keyboard.press("Control+Alt+R");
    await cards(by).filter({ hasText: "belastbare" }).waitFor({ state: "detached" });
    await panel(by).getByRole("button", { name: t.acceptAll }).click();
    // The stale deletion of the test before stays open; the one live suggestion is applied.
    await panel(by).getByText(/^1 Vorschlag angenommen/).waitFor();
    await untilText(rp, "Verlässliche und dauerhafte Grundfinanzierung");
    expect(await yText(rp)).not.toContain("belastbare");
  });

  it("two editors accept the same suggestion at once: it is applied once", async () => {
    const rp = pages[DEMO.ministeriumRp];
    const by = pages[DEMO.by];
    const nw = pages[DEMO.nw];
    await caretAfter(rp, "Der Länderbeirat empfiehlt");
    await rp.keyboard.type(" nachdrücklich", { delay: 10 });
    await rp.keyboard.press("Tab");
    const accept = (page: Page) => cards(page).filter({ hasText: "nachdrücklich" }).getByRole("button", { name: t.accept });
    await Promise.all([accept(by).waitFor(), accept(nw).waitFor()]);
    await Promise.all([accept(by).click(), accept(nw).click()]);
    await untilText(rp, "Der Länderbeirat empfiehlt nachdrücklich Bund");
    await untilText(by, "Der Länderbeirat empfiehlt nachdrücklich Bund");
    expect((await yText(rp)).split("nachdrücklich").length).toBe(2);
    expect((await yText(by)).split("nachdrücklich").length).toBe(2);
  });
});

describe("at phone width", () => {
  it("a commenter suggests and sees the card on a 375 px screen, and the page has no horizontal scroll", async () => {
    const rp = pages[DEMO.ministeriumRp];
    await rp.setViewportSize({ width: 375, height: 740 });
    await caretAfter(rp, "Studien zur MINT-Nachwuchssicherung zeigen");
    await rp.keyboard.type(" eindeutig", { delay: 10 });
    await rp.keyboard.press("Tab");
    const card = cards(rp).filter({ hasText: "eindeutig" });
    await card.waitFor();
    await card.getByRole("button", { name: t.withdraw }).click();
    await card.waitFor({ state: "detached" });
    expect(await rp.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  });
});
