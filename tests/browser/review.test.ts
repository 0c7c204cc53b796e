// Reviewing a draft in real browsers: a ministry commenter comments on a selected sentence, an editor
// sees it live and replies, a concurrent edit around the words keeps the highlight on them, the thread
// is resolved, the chair adopts the paper (typing refused), and versions compare with highlights.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";
import { loginInBrowser, newPage, seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";

const suite = browserSuite();
const QUOTE = "Kitas, Schulen, Hochschulen";
const SENTENCE_START = "Sie verbinden ";
let documentUrl: string;
const pages: Record<string, Page> = {};

const editorOf = (page: Page) => page.getByRole("textbox", { name: m.documents.editor.label });
const sidebar = (page: Page) => page.getByRole("complementary", { name: m.review.sidebar });

async function open(email: string) {
  const page = pages[email];
  await page.goto(documentUrl);
  await editorOf(page).waitFor();
  await page.getByText(m.documents.connection.connected).first().waitFor();
  // Synced: the live editor holds the stored text.
  await editorOf(page).getByRole("heading", { name: "Ausgangslage" }).waitFor();
  return page;
}

/** Selects `text` inside the editor with a DOM range, as a mouse selection would. */
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
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`not found: ${needle}`);
  }, text);
}

type EditorHandle = {
  state: { doc: { descendants: (f: (n: { isText: boolean; text?: string }, pos: number) => boolean | void) => void } };
  commands: { insertContentAt: (pos: number, text: string) => boolean; deleteRange: (r: { from: number; to: number }) => boolean };
};

/** Edits through the page's own Tiptap editor (exposed on its DOM), as typing would: real Yjs updates from that peer. */
async function editAround(page: Page, edit: { insertBefore?: [needle: string, text: string]; remove?: string }) {
  await page.evaluate(({ insertBefore, remove }) => {
    const editor = (document.getElementById("document-editor") as HTMLElement & { editor: EditorHandle }).editor;
    const find = (needle: string) => {
      let from = -1;
      editor.state.doc.descendants((node, pos) => {
        if (from >= 0) return false;
        const i = node.isText ? node.text!.indexOf(needle) : -1;
        if (i >= 0) from = pos + i;
      });
      if (from < 0) throw new Error(`not found: ${needle}`);
      return from;
    };
    if (insertBefore) editor.commands.insertContentAt(find(insertBefore[0]), insertBefore[1]);
    if (remove) {
      const from = find(remove);
      editor.commands.deleteRange({ from, to: from + remove.length });
    }
  }, edit);
}

beforeAll(async () => {
  for (const email of [DEMO.ministeriumRp, DEMO.by, DEMO.nw, DEMO.leitung]) {
    pages[email] = await newPage(suite.browser);
    await loginInBrowser(pages[email], suite.server.url, email);
  }
  const by = pages[DEMO.by];
  await by.goto(`${suite.server.url}/documents`);
  await by.getByRole("link", { name: MINT_PAPER_TITLE }).click();
  await by.waitForURL(/\/documents\/[A-Za-z0-9_-]+$/);
  documentUrl = by.url();
});

describe("reviewing a draft", () => {
  it("a commenter comments on a selected sentence; an editor sees it live and replies", async () => {
    // A named version first, to compare against at the end.
    const by0 = pages[DEMO.by];
    await by0.goto(`${documentUrl}/versions`);
    await by0.getByLabel(m.review.versionName).fill("Vor der Kommentierung");
    await by0.getByRole("button", { name: m.review.saveVersion }).click();
    await by0.getByText(m.review.versionSaved("Vor der Kommentierung")).waitFor();

    const [rp, by] = await Promise.all([open(DEMO.ministeriumRp), open(DEMO.by)]);
    expect(await editorOf(rp).getAttribute("contenteditable")).toBe("false");
    await select(rp, QUOTE);
    await sidebar(rp).getByRole("button", { name: m.review.comment }).click();
    await rp.getByLabel(m.review.body, { exact: true }).fill("Bitte auch die außerschulischen Lernorte nennen.");
    await rp.getByRole("button", { name: m.review.submit }).click();
    await sidebar(rp).getByText("Bitte auch die außerschulischen Lernorte nennen.").waitFor();
    await rp.locator(".comment-highlight", { hasText: QUOTE }).waitFor();

    // by@ had the page open: the thread appears without a reload.
    const thread = sidebar(by).getByRole("article", { name: m.review.threadLabel("Dr. Helga Reinhardt", QUOTE) });
    await thread.waitFor();
    await by.locator(".comment-highlight").filter({ hasText: QUOTE }).waitFor();
    await thread.getByLabel(m.review.replyLabel).fill("Guter Punkt, ergänze ich.");
    await thread.getByRole("button", { name: m.review.reply }).click();
    await sidebar(rp).getByText("Guter Punkt, ergänze ich.").waitFor();
  });

  it("keeps the highlight on the words while someone edits around them", async () => {
    const nw = await open(DEMO.nw);
    const by = pages[DEMO.by];
    await editAround(nw, { insertBefore: [SENTENCE_START, "Konkret: "], remove: " vor Ort" });
    await editorOf(by).getByText("Konkret: Sie verbinden").waitFor();
    await expect.poll(() => by.locator(".comment-highlight").first().textContent()).toBe(QUOTE);
    expect(await nw.locator(".comment-highlight").first().textContent()).toBe(QUOTE);
  });

  it("an editor resolves the thread; the open filter then hides it", async () => {
    const by = pages[DEMO.by];
    const thread = sidebar(by).getByRole("article", { name: m.review.threadLabel("Dr. Helga Reinhardt", QUOTE) });
    await thread.getByRole("button", { name: m.review.resolve }).click();
    await expect.poll(() => thread.count()).toBe(0);
    await sidebar(by).getByRole("button", { name: m.review.filterResolved }).click();
    await thread.getByRole("button", { name: m.review.reopen }).waitFor();
    expect(await by.locator(".comment-highlight").count()).toBe(0);
  });

  it("has no serious accessibility violations with the sidebar open", async () => {
    const rp = await open(DEMO.ministeriumRp);
    await sidebar(rp).waitFor();
    expect(await seriousA11yViolations(rp)).toEqual([]);
  });

  it("the chair adopts the paper: typing is refused and a comparison shows the changes", async () => {
    const chair = pages[DEMO.leitung];
    const by = await open(DEMO.by);
    await chair.goto(`${documentUrl}/status`);
    await chair.getByLabel(m.review.to).selectOption("adopted");
    await Promise.all([chair.waitForURL(documentUrl), chair.getByRole("button", { name: m.review.statusSubmit }).click()]);
    await chair.getByText(m.documents.status.adopted).first().waitFor();

    // The open editor turns read-only without a reload; typing changes nothing.
    await by.getByText(m.documents.editor.frozen).waitFor();
    expect(await editorOf(by).getAttribute("contenteditable")).toBe("false");
    const before = await editorOf(by).textContent();
    await editorOf(by).click();
    await by.keyboard.type("Nachträglich eingefügt");
    expect(await editorOf(by).textContent()).toBe(before);

    // Adoption saved a version; comparing the named one with now highlights what changed.
    await chair.goto(`${documentUrl}/versions`);
    await chair.getByRole("cell", { name: m.review.versionForStatus(m.documents.status.adopted) }).waitFor();
    await chair.getByRole("row", { name: /Vor der Kommentierung/ }).getByRole("link", { name: m.review.compareWithNow }).click();
    await chair.locator(".diff").waitFor();
    expect(await chair.locator(".diff ins").allTextContents()).toContain("Konkret: ");
    expect((await chair.locator(".diff del").allTextContents()).join("")).toContain("vor Ort");
    expect(await seriousA11yViolations(chair)).toEqual([]);
  });
});

