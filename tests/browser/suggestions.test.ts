// Suggestion mode in Chromium (issue 14, decision 025): a commenter suggests while an editor types in
// the same paragraph, the editor accepts and the commenter sees it; Enter is refused with a hint; a
// deletion over words the editor then deletes turns "veraltet"; keyboard-only suggesting and
// deciding (Tab, arrows, Strg+Alt+A/R, "Alle annehmen" by Enter); axe stays clean with suggestions shown.
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

/**
 * Puts the caret right after `needle` in the editor (as a click there would). The editor takes the
 * focus at once (ProseMirror's view.focus()): Tiptap's focus command only focuses on the next
 * animation frame, and on a busy machine the first key typed after this helper went to the control
 * that still had the focus (the space of " und dauerhafte" pressed the "Kommentieren" button, and the
 * editor accepted "Verlässlicheund dauerhafte").
 */
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
    editor.view.focus();
    editor.commands.setTextSelection(at);
    if (document.activeElement !== editor.view.dom) throw new Error("the editor does not have the keyboard focus");
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

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector` (and contains `text`);
 * fails after `max` presses. Keyboard only: nothing is clicked or focused by script.
 */
async function tabUntil(page: Page, selector: string, text = "", key: "Tab" | "Shift+Tab" = "Tab", max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const hit = await page.evaluate(({ selector, text }) => {
      const el = document.activeElement;
      return Boolean(el?.matches(selector) && (el.textContent ?? "").includes(text));
    }, { selector, text });
    if (hit) return;
  }
  throw new Error(`${key} ×${max} never reached ${selector} ${text}`);
}

/** The focused element shows a focus outline. */
const focusVisible = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return Boolean(el && el.matches(":focus-visible") && getComputedStyle(el).outlineStyle !== "none");
});

/** Waits until the collapsed caret sits right after `words` (read through the test hook). */
const untilCaretAfter = (page: Page, words: string) =>
  page.waitForFunction((w) => {
    const { state } = window.__laenderforumEditor!.editor;
    const { $from, empty } = state.selection;
    return empty && $from.parent.textBetween(0, $from.parentOffset).endsWith(w);
  }, words);

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

  it("keyboard-only suggesting and accepting: a commenter tabs into the text, moves with keys, types, deletes and replaces; an editor tabs to the cards, accepts with Strg+Alt+A, rejects with Strg+Alt+R and accepts the rest with Alle annehmen; axe is clean", async () => {
    const rp = pages[DEMO.ministeriumRp];
    const by = pages[DEMO.by];
    // The commenter starts at the top of a freshly loaded page and reaches the text with Tab only.
    await openPaper(rp, documentUrl);
    await rp.waitForFunction(() => document.querySelector(".suggestion-sidebar")?.getAttribute("data-loaded") === "true");
    const before = await yText(rp);
    await tabUntil(rp, "#document-editor");
    // Replace: Ctrl+Home to the heading "Ausgangslage", End, Shift+← ×4 selects "lage", type "punkt".
    await rp.keyboard.press("Control+Home");
    await rp.keyboard.press("End");
    for (let i = 0; i < 4; i++) await rp.keyboard.press("Shift+ArrowLeft");
    await untilSelected(rp, "lage");
    await rp.keyboard.type("punkt", { delay: 10 });
    await rp.locator("del.suggest-del", { hasText: "lage" }).waitFor();
    // Wait until the pause has sent it and its card is back: a decoration redrawn while arrow keys
    // move the caret can put the caret back where ProseMirror last read it (see docs/SUGGESTIONS.md).
    await cards(rp).filter({ hasText: "punkt" }).waitFor();
    // Insert: ↓ and Home to the start of the next paragraph, → ×3 behind "Die", type (with a typo fixed by Backspace).
    await rp.keyboard.press("ArrowDown");
    await rp.keyboard.press("Home");
    for (let i = 0; i < 3; i++) await rp.keyboard.press("ArrowRight");
    await untilCaretAfter(rp, "Die");
    await rp.keyboard.type(" rund 15x", { delay: 10 });
    await rp.keyboard.press("Backspace");
    await rp.keyboard.type("0", { delay: 10 });
    await rp.locator("ins.suggest-ins", { hasText: "rund 150" }).waitFor();
    await cards(rp).filter({ hasText: "rund 150" }).waitFor();
    // Delete: Ctrl+End, ← ×15 in front of " zur Verfügung.", Shift+← ×27 selects " im Namen des Länderbeirats", Delete.
    await rp.keyboard.press("Control+End");
    for (let i = 0; i < 15; i++) await rp.keyboard.press("ArrowLeft");
    for (let i = 0; i < 27; i++) await rp.keyboard.press("Shift+ArrowLeft");
    await untilSelected(rp, " im Namen des Länderbeirats");
    await rp.keyboard.press("Delete");
    await rp.locator("del.suggest-del", { hasText: "im Namen des" }).waitFor();
    // Tab leaves the text (blur sends the last suggestion); the commenter's text is unchanged.
    await rp.keyboard.press("Tab");
    expect(await rp.evaluate(() => document.activeElement?.id)).not.toBe("document-editor");
    expect(await yText(rp)).toBe(before);

    const card = (page: Page, text: string) => cards(page).filter({ hasText: text });
    for (const text of ["punkt", "rund 150", "im Namen des Länderbeirats"]) await card(by, text).waitFor();
    expect(await seriousA11yViolations(by)).toEqual([]);
    expect(await seriousA11yViolations(rp)).toEqual([]);
    // The editor tabs to the replacement's card (the cards follow the text) and accepts it.
    await tabUntil(by, "article.suggestion-card", "punkt");
    expect(await focusVisible(by)).toBe(true);
    await by.keyboard.press("Control+Alt+A");
    await card(by, "punkt").waitFor({ state: "detached" });
    // The focus stays in the list, on the card that took the decided one's place.
    await by.waitForFunction(() => document.activeElement?.matches("article.suggestion-card") && document.activeElement.textContent!.includes("rund 150"));
    await tabUntil(by, "article.suggestion-card", "im Namen des Länderbeirats");
    await by.keyboard.press("Control+Alt+R");
    await card(by, "im Namen des Länderbeirats").waitFor({ state: "detached" });
    // "Alle annehmen" by Shift+Tab and Enter: the insertion is applied, the stale deletion stays open.
    await tabUntil(by, "button", t.acceptAll, "Shift+Tab");
    await by.keyboard.press("Enter");
    await panel(by).getByText(/^1 Vorschlag angenommen/).waitFor();
    await untilText(rp, "Ausgangspunkt");
    await untilText(rp, "Die rund 150 MINT-Regionen");
    expect(await yText(rp)).toContain("im Namen des Länderbeirats zur Verfügung.");
    await untilText(by, "Die rund 150 MINT-Regionen");
    expect(await yText(by)).toContain("Ausgangspunkt");
  });

  it("Strg+Z in Vorschlagen takes back the suggester's own steps, then withdraws the last suggestion sent, and never changes the text; Tab leaves a list item", async () => {
    const rp = pages[DEMO.ministeriumRp];
    const by = pages[DEMO.by];
    const before = await yText(rp);
    await caretAfter(rp, "Eine gemeinsame");
    await rp.keyboard.type(" neue", { delay: 10 });
    await rp.locator("ins.suggest-ins", { hasText: "neue" }).waitFor();
    await rp.keyboard.press("Control+z");
    await rp.locator("ins.suggest-ins", { hasText: /^ neu$/ }).waitFor();
    for (let i = 0; i < 4; i++) await rp.keyboard.press("Control+z");
    await rp.locator("ins.suggest-ins", { hasText: "neu" }).waitFor({ state: "detached" });
    expect(await yText(rp)).toBe(before);
    // A suggestion typed in a list item and sent: Tab leaves the text (it used to indent the item, which was refused).
    await rp.keyboard.type(" belastbare", { delay: 10 });
    await rp.keyboard.press("Tab");
    expect(await rp.evaluate(() => document.activeElement?.id)).not.toBe("document-editor");
    await expect.poll(() => rp.getByTestId("suggest-hint").textContent()).not.toBe(t.refusedStructure);
    const sent = cards(by).filter({ hasText: "belastbare" });
    await sent.waitFor();
    // Back in the text, Strg+Z withdraws it; Strg+Umschalt+Z and Strg+Y bring nothing back.
    await caretAfter(rp, "Eine gemeinsame");
    await rp.keyboard.press("Control+z");
    await sent.waitFor({ state: "detached" });
    await rp.getByText(t.undone).waitFor();
    await rp.keyboard.press("Control+Shift+z");
    await rp.keyboard.press("Control+y");
    expect(await yText(rp)).toBe(before);
    // One more Strg+Z reaches the suggestion sent before (the deletion the editor rejected in the test before): decided, it stays so.
    await rp.keyboard.press("Control+z");
    await rp.getByText(t.errors.alreadyDecided).waitFor();
    // An editor in Vorschlagen: Strg+Z does not undo their earlier direct edits (" Das gilt bundesweit.").
    const byBefore = await yText(by);
    expect(byBefore).toContain("Das gilt bundesweit.");
    await by.getByRole("radio", { name: t.modeSuggest }).check();
    await caretAfter(by, "Das gilt bundesweit.");
    for (let i = 0; i < 3; i++) await by.keyboard.press("Control+z");
    await by.getByText(t.undoNothing).waitFor();
    expect(await yText(by)).toBe(byBefore);
    await by.getByRole("radio", { name: t.modeEdit }).check();
    expect(await yText(rp)).toBe(before);
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
