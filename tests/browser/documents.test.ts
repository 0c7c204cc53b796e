// Position papers in a real browser against the real server: two editors typing into the same
// document, a reader watching read-only, the durable "Gespeichert" indicator, and axe scans.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, loginInBrowser, newPage, seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";

let server: TestServer;
let browser: Browser;
let by: Page;
let nw: Page;
let gast: Page;
let documentUrl: string;

const editorOf = (page: Page) => page.getByRole("textbox", { name: "Text des Positionspapiers" });

async function openPaper(page: Page) {
  await page.goto(documentUrl);
  await expect.poll(() => editorOf(page).count()).toBe(1);
  await page.getByText("Verbunden").waitFor();
}

/** Puts the caret at the end of the document and types. */
async function typeAtEnd(page: Page, text: string) {
  const editor = editorOf(page);
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  [by, nw, gast] = await Promise.all([newPage(browser), newPage(browser), newPage(browser)]);
  await Promise.all([loginInBrowser(by, server.url, DEMO.by), loginInBrowser(nw, server.url, DEMO.nw), loginInBrowser(gast, server.url, DEMO.gast)]);
  await by.goto(`${server.url}/documents`);
  await by.getByRole("link", { name: MINT_PAPER_TITLE }).click();
  await by.waitForURL(/\/documents\/[A-Za-z0-9_-]+$/);
  documentUrl = by.url();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("position paper in the browser", () => {
  it("lets two editors type into the same document and see each other's text and carets", async () => {
    await Promise.all([openPaper(by), openPaper(nw), openPaper(gast)]);
    await typeAtEnd(by, "Ergänzung aus Bayern.");
    await editorOf(nw).getByText("Ergänzung aus Bayern.").waitFor();
    await typeAtEnd(nw, "Ergänzung aus Nordrhein-Westfalen.");
    await editorOf(by).getByText("Ergänzung aus Nordrhein-Westfalen.").waitFor();
    // Carets carry the names from the session.
    await by.locator(".collaboration-carets__label", { hasText: "Miriam Schulte" }).waitFor();
    await nw.locator(".collaboration-carets__label", { hasText: "Tobias Brandl" }).waitFor();
    // "Gespeichert" only once the server confirmed the edits are on disk.
    await by.getByRole("status").getByText("Gespeichert").waitFor();
    await nw.getByRole("status").getByText("Gespeichert").waitFor();
  });

  it("shows the reader the text live, with presence, but does not let them type", async () => {
    await editorOf(gast).getByText("Ergänzung aus Nordrhein-Westfalen.").waitFor();
    expect(await editorOf(gast).getAttribute("contenteditable")).toBe("false");
    expect(await gast.getByRole("toolbar").count()).toBe(0);
    await gast.getByText("Sie können dieses Dokument lesen, aber nicht ändern.").waitFor();
    await gast.locator(".document-presence").getByText("Tobias Brandl").waitFor();
    await editorOf(gast).click();
    await gast.keyboard.type("Leser tippt");
    await typeAtEnd(by, "Nach dem Leser.");
    await editorOf(gast).getByText("Nach dem Leser.").waitFor();
    await by.getByRole("status").getByText("Gespeichert").waitFor();
    expect(await editorOf(gast).textContent()).not.toContain("Leser tippt");
    expect(await editorOf(by).textContent()).not.toContain("Leser tippt");
    // The Markdown export holds what the editors typed.
    const md = await by.evaluate(async (url) => (await fetch(`${url}/export?format=md`)).text(), documentUrl);
    expect(md).toContain("Nach dem Leser.");
    expect(md).not.toContain("Leser tippt");
  });

  it("shows an offline banner while the browser is offline", async () => {
    await nw.context().setOffline(true);
    await nw.getByRole("alert").getByText("Sie sind offline", { exact: false }).waitFor();
    await nw.context().setOffline(false);
    await nw.getByText("Sie sind offline", { exact: false }).waitFor({ state: "detached" });
  });

  it("says so when a stored document cannot be loaded, and changes nothing", async () => {
    const sqlite = new Database(server.dbFile);
    const row = sqlite.prepare(`SELECT spaceId, createdById FROM "Document" LIMIT 1`).get() as { spaceId: string; createdById: string };
    const corrupt = Buffer.from([0, 1, 2, 3, 250, 251, 252, 253]);
    sqlite.prepare(`INSERT INTO "Document" (id, spaceId, title, createdById, snapshot) VALUES ('kaputt', ?, 'Kaputt', ?, ?)`).run(row.spaceId, row.createdById, corrupt);
    await by.goto(`${server.url}/documents/kaputt`);
    await by.getByRole("alert").getByText("konnte nicht geladen werden", { exact: false }).waitFor();
    const after = sqlite.prepare(`SELECT snapshot FROM "Document" WHERE id = 'kaputt'`).get() as { snapshot: Buffer };
    expect(Buffer.compare(after.snapshot, corrupt)).toBe(0);
    sqlite.close();
  });

  it("has a keyboard-operable toolbar", async () => {
    const toolbar = by.getByRole("toolbar", { name: "Formatierung" });
    await toolbar.getByRole("button", { name: "Fett" }).focus();
    await by.keyboard.press("ArrowRight");
    expect(await by.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Kursiv");
  });

  it("passes axe on the document list and the document page", async () => {
    await by.goto(`${server.url}/documents`);
    expect(await seriousA11yViolations(by)).toEqual([]);
    await openPaper(by);
    expect(await seriousA11yViolations(by)).toEqual([]);
    await openPaper(gast);
    expect(await seriousA11yViolations(gast)).toEqual([]);
  });
});
