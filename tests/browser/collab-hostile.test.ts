// Malformed presence against real editors (issue 8, finding 1): a reader's raw socket sends awareness
// states y-tiptap cannot draw while two editors in Chromium keep typing; the same states are also put
// straight into one page's awareness, so the browser's own guard is proven even where the server
// filters presence. Afterwards every typed text is in both editors and in the stored paper. An editor
// whose rendering of a remote change throws for any other reason is redrawn, not left stale.
import * as encoding from "lib0/encoding";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { m } from "../../app/i18n/messages.ts";
import { MESSAGE_AWARENESS } from "../../app/domain/collab.ts";
import { seriousA11yViolations } from "../support/browser.ts";
import { rawSocket } from "../support/collab.ts";
import { loginCookie } from "../support/http.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";
import { twoEditorsOnPaper } from "../support/paper-pages.ts";

const suite = browserSuite();
let documentUrl: string;
let by: Page;
let nw: Page;

/** Presence states y-tiptap 3.0.9 would choke on, or that would create a root type in the viewer's doc. */
const start = { type: null, tname: "default", item: null, assoc: 0 };
const BAD_STATES: unknown[] = [
  { cursor: {} },
  { cursor: { anchor: {}, head: {} } },
  { cursor: "x" },
  { cursor: { anchor: null, head: null } },
  { cursor: { anchor: { ...start, tname: "junk" }, head: { ...start, tname: "junk" } } },
  { cursor: { anchor: { type: null, tname: null, item: { client: 1, clock: -1 }, assoc: 0 }, head: start } },
  { cursor: { anchor: { type: null, tname: null, item: null, assoc: 0 }, head: start } },
  { user: "x", cursor: { anchor: start, head: start } },
  { user: { name: { evil: true }, color: 5, id: 7 }, cursor: { anchor: start, head: start } },
];



/** A new paragraph at the end of the paper, typed key by key (once the editor has the focus). */
async function typeParagraph(page: Page, text: string) {
  await page.evaluate(() => window.__laenderforumEditor!.editor.commands.focus("end"));
  await page.waitForFunction(() => window.__laenderforumEditor!.editor.view.hasFocus());
  await page.keyboard.press("Enter");
  await page.keyboard.type(text, { delay: 5 });
}

/**
 * Types `text` at the end of the paragraph that starts with `marker`, key by key. Each editor keeps to
 * its own paragraph here, so a lost line can only mean lost text: two people pressing Enter at the very
 * end of the paper at once is the caret case that same-spot.test.ts covers.
 */
async function typeAtEndOf(page: Page, marker: string, text: string) {
  await page.evaluate((start) => {
    const { editor } = window.__laenderforumEditor!;
    let end = -1;
    editor.state.doc.descendants((node, pos) => {
      if (node.type.name === "paragraph" && node.textContent.startsWith(start)) end = pos + node.nodeSize - 1;
      return end < 0;
    });
    editor.commands.focus(end);
  }, marker);
  await page.waitForFunction(() => window.__laenderforumEditor!.editor.view.hasFocus());
  await page.keyboard.type(text, { delay: 5 });
}

/** Puts presence states straight into the page's awareness, as if another client had sent them. */
function injectPresence(page: Page, states: unknown[]) {
  return page.evaluate((list) => {
    const awareness = window.__laenderforumEditor!.provider.awareness;
    list.forEach((state, i) => {
      const id = 4_000_000 + i;
      awareness.states.set(id, state as Record<string, unknown>);
      awareness.meta.set(id, { clock: 1, lastUpdated: Date.now() });
      // "change" only: "update" would make this page's provider send the states on to the server.
      awareness.emit("change", [{ added: [id], updated: [], removed: [] }, "test"]);
    });
  }, states);
}

const editorText = (page: Page) => page.evaluate(() => window.__laenderforumEditor!.editor.getText());

beforeAll(async () => {
  ({ by, nw, documentUrl } = await twoEditorsOnPaper(suite));
});

describe("malformed presence", () => {
  it("never costs an editor its text, whether it comes over the wire or is already in the browser", async () => {
    const documentId = new URL(documentUrl).pathname.split("/").pop()!;
    const cookie = await loginCookie(suite.server.url, DEMO.gast);
    const { ws, status } = await rawSocket(`${suite.server.url.replace(/^http/, "ws")}/collab/${documentId}`, { Cookie: cookie, Origin: suite.server.url });
    expect(status).toBe(101);
    const hostile = new Awareness(new Y.Doc());
    const sendPresence = (state: unknown) => {
      hostile.setLocalState(state as Record<string, unknown>);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(hostile, [hostile.clientID]));
      ws.send(encoding.toUint8Array(encoder));
    };

    // The browser's own guard: nw's awareness already holds every bad state before anyone types.
    await injectPresence(nw, BAD_STATES);
    // Each editor gets a paragraph of its own, one after the other.
    await typeParagraph(by, "Bayern:");
    await expect.poll(() => editorText(nw)).toContain("Bayern:");
    await typeParagraph(nw, "NRW:");
    await expect.poll(() => editorText(by)).toContain("NRW:");
    const typed: string[] = [];
    for (const [round, state] of BAD_STATES.entries()) {
      sendPresence(state);
      const mine = [` Bayern ${round}: trotz kaputter Anwesenheit.`, ` NRW ${round}: ebenso.`];
      typed.push(...mine);
      // Both type at once; each sees the other's text as a remote change while the bad states are present.
      await Promise.all([typeAtEndOf(by, "Bayern:", mine[0]), typeAtEndOf(nw, "NRW:", mine[1])]);
    }
    ws.close();

    for (const page of [by, nw]) {
      await expect.poll(async () => missingLines(await editorText(page), typed), { timeout: 15_000 }).toEqual([]);
      await page.getByRole("status").getByText(m.documents.connection.saved).waitFor();
      expect(await page.evaluate(() => window.__laenderforumEditor!.ydoc.share.has("junk"))).toBe(false);
    }
    expect(await editorText(by)).toBe(await editorText(nw));
    const md = await by.evaluate(async (url) => (await fetch(`${url}/export?format=md`)).text(), documentUrl);
    for (const line of typed) expect(md).toContain(line);
    // Presence with a made-up user never reaches the list of people in the paper.
    expect(await nw.locator(".document-presence").textContent()).not.toContain("object");
    expect(await seriousA11yViolations(nw)).toEqual([]);
  });

  it("redraws an editor whose rendering of someone else's change threw, and never writes the stale text back", async () => {
    // Any plugin may throw while y-tiptap renders a remote change; this one does so exactly once.
    await nw.evaluate(() => {
      const { editor } = window.__laenderforumEditor!;
      const PluginClass = editor.state.plugins[0].constructor as new (spec: object) => never;
      let armed = false;
      editor.registerPlugin(new PluginClass({
        state: {
          init: () => 0,
          apply: (tr: { getMeta: (key: string) => { isChangeOrigin?: boolean } | undefined; docChanged: boolean }, value: number) => {
            if (armed && tr.docChanged && tr.getMeta("y-sync$")?.isChangeOrigin) {
              armed = false;
              throw new Error("test: a plugin failed while rendering a remote change");
            }
            return value;
          },
        },
      }));
      // Registering re-creates the plugin views, and y-tiptap redraws the whole document then: arm after.
      armed = true;
    });
    await typeParagraph(by, "Bayern schreibt, während NRW stolpert.");
    await expect.poll(() => editorText(nw), { timeout: 10_000 }).toContain("Bayern schreibt, während NRW stolpert.");
    await typeParagraph(nw, "NRW schreibt danach weiter.");
    for (const page of [by, nw]) {
      await expect.poll(async () => missingLines(await editorText(page), ["Bayern schreibt, während NRW stolpert.", "NRW schreibt danach weiter."])).toEqual([]);
      await page.getByRole("status").getByText(m.documents.connection.saved).waitFor();
    }
    const md = await by.evaluate(async (url) => (await fetch(`${url}/export?format=md`)).text(), documentUrl);
    expect(md).toContain("Bayern schreibt, während NRW stolpert.");
    expect(md).toContain("NRW schreibt danach weiter.");
  });
});

const missingLines = (text: string, lines: string[]) => lines.filter((line) => !text.includes(line));
