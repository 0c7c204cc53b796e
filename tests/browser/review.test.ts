// Reviewing a draft in real browsers: a ministry commenter comments on a selected sentence, an editor
// sees it live and replies, a concurrent edit around the words keeps the highlight on them, a comment
// written while someone types in front of its words still anchors to them, the thread is resolved,
// the chair adopts the paper (the open editor turns read-only live on the same socket), versions
// compare with highlights, back to Entwurf makes the same editor writable, and keystrokes that a
// second adoption refused are shown to their author to copy.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";
import { editorOf, pagesOnPaper, selectInEditor } from "../support/paper-pages.ts";

const suite = browserSuite();
const QUOTE = "Kitas, Schulen, Hochschulen";
const DRAFT_QUOTE = "Unternehmen und Kommunen";
const SENTENCE_START = "Sie verbinden ";
let documentUrl: string;
const pages: Record<string, Page> = {};

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

/** The chair moves the paper to `to` through the status page, as a chair would. */
async function changeStatus(to: "adopted" | "draft") {
  const chair = pages[DEMO.leitung];
  await chair.goto(`${documentUrl}/status`);
  await chair.getByLabel(m.review.to).selectOption(to);
  await Promise.all([chair.waitForURL(documentUrl), chair.getByRole("button", { name: m.review.statusSubmit }).click()]);
  await chair.getByText(m.documents.status[to]).first().waitFor();
}

/** Records the page's editor, Y.Doc and socket and every close of it, to prove a status change keeps them. */
async function watchSocket(page: Page) {
  await page.waitForFunction(() => Boolean(window.__laenderforumEditor?.provider.wsconnected));
  await page.evaluate(() => {
    const { provider, editor, ydoc } = window.__laenderforumEditor!;
    const w = window as unknown as { __watched: unknown[]; __closes: number[] };
    w.__watched = [provider.ws, editor, ydoc];
    w.__closes = [];
    provider.on("connection-close", (event: CloseEvent | null) => w.__closes.push(event?.code ?? 0));
  });
}

/** True when the editor, Y.Doc and socket recorded by `watchSocket` are still in use, and the socket never closed. */
function sameSocketOpen(page: Page) {
  return page.evaluate(() => {
    const { provider, editor, ydoc } = window.__laenderforumEditor!;
    const w = window as unknown as { __watched: unknown[]; __closes: number[] };
    const [ws, editorBefore, ydocBefore] = w.__watched;
    return provider.ws === ws && editor === editorBefore && ydoc === ydocBefore && provider.wsconnected && w.__closes.length === 0;
  });
}

beforeAll(async () => {
  const opened = await pagesOnPaper(suite, [DEMO.ministeriumRp, DEMO.by, DEMO.nw, DEMO.leitung]);
  Object.assign(pages, opened.pages);
  documentUrl = opened.documentUrl;
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
    // A commenter on a draft is in "Vorschlagen" (decision 025): editable, yet nothing typed reaches the text.
    expect(await editorOf(rp).getAttribute("contenteditable")).toBe("true");
    await selectInEditor(rp, QUOTE);
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

  it("anchors a comment to the selected words although someone types in front of them meanwhile", async () => {
    const [rp, nw] = [await open(DEMO.ministeriumRp), pages[DEMO.nw]];
    await selectInEditor(rp, DRAFT_QUOTE);
    await sidebar(rp).getByRole("button", { name: m.review.comment }).click();
    await rp.getByLabel(m.review.body, { exact: true }).fill("Auch Vereine gehören dazu.");
    // While the comment is written, an editor types right in front of the words and earlier in the sentence.
    await editAround(nw, { insertBefore: [DRAFT_QUOTE, "regionalen "] });
    await editAround(nw, { insertBefore: ["Die MINT-Regionen haben", "Seit Jahren gilt: "] });
    await expect.poll(() => editorOf(rp).textContent()).toContain(`Hochschulen, regionalen ${DRAFT_QUOTE}`);
    await rp.getByRole("button", { name: m.review.submit }).click();
    const thread = sidebar(rp).getByRole("article", { name: m.review.threadLabel("Dr. Helga Reinhardt", DRAFT_QUOTE) });
    await thread.waitFor();
    for (const page of [rp, nw]) {
      await expect.poll(() => page.locator(".comment-highlight:not(.draft)").allTextContents()).toContain(DRAFT_QUOTE);
    }
  });

  it("an editor resolves the thread; the open filter then hides it", async () => {
    const by = pages[DEMO.by];
    const thread = sidebar(by).getByRole("article", { name: m.review.threadLabel("Dr. Helga Reinhardt", QUOTE) });
    await thread.getByRole("button", { name: m.review.resolve }).click();
    await expect.poll(() => thread.count()).toBe(0);
    await sidebar(by).getByRole("group", { name: m.review.filter }).getByRole("button", { name: m.review.filterResolved }).click();
    await thread.getByRole("button", { name: m.review.reopen }).waitFor();
    expect(await by.locator(".comment-highlight").filter({ hasText: QUOTE }).count()).toBe(0);
  });

  it("has no serious accessibility violations with the sidebar open", async () => {
    const rp = await open(DEMO.ministeriumRp);
    await sidebar(rp).waitFor();
    expect(await seriousA11yViolations(rp)).toEqual([]);
  });

  it("the chair adopts the paper: the open editor turns read-only live, on the same socket", async () => {
    const by = await open(DEMO.by);
    await watchSocket(by);
    await changeStatus("adopted");

    // No reload and no reconnect: the same editor turns read-only and says why.
    await by.getByText(m.documents.editor.frozenNow("adopted")).waitFor();
    expect(await editorOf(by).getAttribute("contenteditable")).toBe("false");
    expect(await editorOf(by).getAttribute("aria-readonly")).toBe("true");
    expect(await sameSocketOpen(by)).toBe(true);
    expect(await by.getByText(m.documents.connection.accessWithdrawn).count()).toBe(0);
    const before = await editorOf(by).textContent();
    await editorOf(by).click();
    await by.keyboard.type("Nachträglich eingefügt");
    expect(await editorOf(by).textContent()).toBe(before);
    expect(await seriousA11yViolations(by)).toEqual([]);

    // Adoption saved a version; comparing the named one with now highlights what changed.
    const chair = pages[DEMO.leitung];
    await chair.goto(`${documentUrl}/versions`);
    await chair.getByRole("cell", { name: m.review.versionForStatus(m.documents.status.adopted) }).waitFor();
    await chair.getByRole("row", { name: /Vor der Kommentierung/ }).getByRole("link", { name: m.review.compareWithNow }).click();
    await chair.locator(".diff").waitFor();
    expect(await chair.locator(".diff ins").allTextContents()).toContain("Konkret: ");
    expect((await chair.locator(".diff del").allTextContents()).join("")).toContain("vor Ort");
    expect(await seriousA11yViolations(chair)).toEqual([]);
  });

  it("back to Entwurf makes the same open editor writable again, without a reload", async () => {
    const by = pages[DEMO.by];
    await changeStatus("draft");
    await expect.poll(() => editorOf(by).getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");
    await by.getByText(m.documents.editor.thawed).waitFor();
    expect(await sameSocketOpen(by)).toBe(true);
    await by.evaluate(() => window.__laenderforumEditor!.editor.commands.focus("end"));
    await by.waitForFunction(() => window.__laenderforumEditor!.editor.view.hasFocus());
    await by.keyboard.press("Enter");
    await by.keyboard.type("Wieder im Entwurf weitergeschrieben.");
    // Right after the last key the status line may still show the "Gespeichert" of before it: wait
    // for the stored text itself, then for the indicator.
    await expect.poll(() => by.evaluate(async (url) => (await fetch(`${url}/export?format=md`)).text(), documentUrl), { timeout: 10_000 })
      .toContain("Wieder im Entwurf weitergeschrieben.");
    await by.getByRole("status").getByText(m.documents.connection.saved).waitFor();
  });

  it("shows the author keystrokes a freeze refused, to copy, and then exactly the frozen text", async () => {
    const by = pages[DEMO.by];
    await by.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.server.url });
    // The keystrokes are still on their way when the chair adopts: hold back what this page sends.
    await by.evaluate(() => {
      const ws = window.__laenderforumEditor!.provider.ws as WebSocket;
      ws.send = () => {};
    });
    await by.evaluate(() => window.__laenderforumEditor!.editor.commands.focus("end"));
    await by.waitForFunction(() => window.__laenderforumEditor!.editor.view.hasFocus());
    await by.keyboard.press("Enter");
    await by.keyboard.type("Zu spät getippt.");
    await changeStatus("adopted");

    const notice = by.getByRole("alert").filter({ has: by.getByRole("heading", { name: m.documents.lost.heading }) });
    await notice.waitFor();
    expect(await notice.getByLabel(m.documents.lost.textLabel).inputValue()).toBe("Zu spät getippt.");
    await notice.getByRole("button", { name: m.documents.lost.copy }).click();
    await notice.getByText(m.documents.lost.copied).waitFor();
    expect(await by.evaluate(() => navigator.clipboard.readText())).toBe("Zu spät getippt.");
    expect(await seriousA11yViolations(by)).toEqual([]);

    // The editor now shows the frozen text, read-only: what the server has, without the refused words.
    await by.getByText(m.documents.editor.frozenNow("adopted")).waitFor();
    await expect.poll(() => editorOf(by).textContent()).toContain("Wieder im Entwurf weitergeschrieben.");
    expect(await editorOf(by).textContent()).not.toContain("Zu spät getippt.");
    expect(await editorOf(by).getAttribute("contenteditable")).toBe("false");
    const md = await by.evaluate(async (url) => (await fetch(`${url}/export?format=md`)).text(), documentUrl);
    expect(md).not.toContain("Zu spät getippt.");
    await notice.getByRole("button", { name: m.documents.lost.dismiss }).click();
    await expect.poll(() => notice.count()).toBe(0);
  });
});
