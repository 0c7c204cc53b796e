import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { loginInBrowser, newPage, seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";

const suite = browserSuite();
const pages: Record<string, Page> = {};

async function as(email: string) {
  if (!pages[email]) {
    pages[email] = await newPage(suite.browser);
    await loginInBrowser(pages[email], suite.server.url, email);
  }
  return pages[email];
}

/** Types into the Tiptap editor once it has replaced the no-JS textarea. */
async function typeInEditor(page: Page, text: string) {
  const editor = page.locator(".editor-content");
  await editor.waitFor();
  await editor.click();
  await page.keyboard.type(text);
}

async function startThread(page: Page, slug: string, kind: string, title: string, text: string) {
  await page.goto(`${suite.server.url}/spaces/${slug}/threads/new`);
  await page.getByLabel(m.forum.kindLabel).selectOption(kind);
  await page.getByLabel(m.forum.title).fill(title);
  await typeInEditor(page, text);
}

async function submitAndWaitForThread(page: Page, button: string) {
  await Promise.all([page.waitForURL((u) => u.pathname.startsWith("/threads/")), page.getByRole("button", { name: button }).click()]);
  return page.url();
}


describe("forum in the browser", () => {
  it("posts a best practice and finds it through the catalogue filters and through search", async () => {
    const page = await as(DEMO.by);
    await startThread(page, "mint-regionen", "best-practice", "Mobile Tüftelwerkstatt Oberpfalz", "Ein Bus mit 3D-Druckern fährt zu Grundschulen im ländlichen Raum.");
    await page.getByRole("checkbox", { name: "Bayern" }).check();
    await page.getByRole("checkbox", { name: m.forum.targetGroup.grundschule }).check();
    await page.getByRole("checkbox", { name: "MINT im ländlichen Raum" }).check();
    await page.getByLabel(m.forum.impact).fill("40 Schulen pro Jahr");
    const url = await submitAndWaitForThread(page, m.forum.submitThread);
    await page.getByRole("heading", { name: "Mobile Tüftelwerkstatt Oberpfalz" }).waitFor();
    await page.getByText("40 Schulen pro Jahr").waitFor();

    await page.goto(`${suite.server.url}/best-practices`);
    await page.getByLabel(m.forum.laender).selectOption("BY");
    await page.getByLabel(m.forum.targetGroups).selectOption("grundschule");
    await page.getByLabel(m.forum.tags).selectOption({ label: "MINT im ländlichen Raum" });
    await Promise.all([page.waitForURL(/land=BY/), page.getByRole("button", { name: m.forum.filter }).click()]);
    expect(page.url()).toContain("gruppe=grundschule");
    await page.getByRole("link", { name: "Mobile Tüftelwerkstatt Oberpfalz" }).waitFor();
    await page.getByLabel(m.forum.laender).selectOption("HB");
    await Promise.all([page.waitForURL(/land=HB/), page.getByRole("button", { name: m.forum.filter }).click()]);
    // The URL commits before React has rendered the new list: wait for the link to go, not a count at once.
    await page.getByRole("link", { name: "Mobile Tüftelwerkstatt Oberpfalz" }).waitFor({ state: "detached" });

    await page.goto(`${suite.server.url}/search`);
    await page.getByLabel(m.forum.searchLabel).fill("Tueftelwerk");
    await Promise.all([page.waitForURL(/q=Tueftelwerk/), page.getByRole("button", { name: m.forum.searchSubmit }).click()]);
    await page.getByRole("link", { name: "Mobile Tüftelwerkstatt Oberpfalz" }).click();
    await page.waitForURL((u) => u.pathname === new URL(url).pathname);
  });

  it("a reply with a mention notifies the mentioned user, linking to the exact post", async () => {
    const by = await as(DEMO.by);
    await startThread(by, "mint-regionen", "discussion", "Schülerlabore und Ganztag", "Wie verbindet ihr Schülerlabore mit dem Ganztag?");
    const threadUrl = await submitAndWaitForThread(by, m.forum.submitThread);
    await typeInEditor(by, "Frage an @Miri");
    await by.getByRole("option", { name: "Miriam Schulte" }).waitFor();
    await by.keyboard.press("Enter");
    await by.keyboard.type(" – wie macht zdi.NRW das?");
    await Promise.all([by.waitForURL(/beitrag=/), by.getByRole("button", { name: m.forum.submitReply }).click()]);
    await by.locator(".rich-text .mention", { hasText: "@Miriam Schulte" }).waitFor();
    const postId = new URL(by.url()).searchParams.get("beitrag");

    const nw = await as(DEMO.nw);
    await nw.goto(`${suite.server.url}/`);
    const badge = nw.getByRole("navigation", { name: m.nav.label }).getByRole("link", { name: /^Benachrichtigungen: \d+ ungelesene/ });
    expect(await badge.count()).toBe(1);
    await nw.goto(`${suite.server.url}/notifications`);
    await nw.getByRole("link", { name: m.forum.notification.mention("Tobias Brandl", "Schülerlabore und Ganztag") }).click();
    await nw.waitForURL((u) => u.pathname === new URL(threadUrl).pathname && u.searchParams.get("beitrag") === postId);
    expect(nw.url()).toContain(`#post-${postId}`);
  });

  it("the question's author accepts an answer, which then shows at the top", async () => {
    const by = await as(DEMO.by);
    await startThread(by, "mint-regionen", "question", "Welche Software für Anmeldungen?", "Wir suchen ein Anmeldesystem für Ferienkurse.");
    const threadUrl = await submitAndWaitForThread(by, m.forum.submitThread);
    const nw = await as(DEMO.nw);
    await nw.goto(threadUrl);
    await typeInEditor(nw, "Wir nutzen ein quelloffenes Buchungssystem.");
    await Promise.all([nw.waitForURL(/beitrag=/), nw.getByRole("button", { name: m.forum.submitReply }).click()]);

    await by.goto(threadUrl);
    await Promise.all([by.waitForLoadState("load"), by.getByRole("button", { name: m.forum.accept }).click()]);
    const accepted = by.getByRole("region", { name: m.forum.acceptedAnswer });
    await accepted.getByText("quelloffenes Buchungssystem").waitFor();
  });

  it("a locked thread refuses replies", async () => {
    const by = await as(DEMO.by);
    await startThread(by, "mint-regionen", "discussion", "Wird gleich geschlossen", "Bitte nicht mehr antworten.");
    const threadUrl = await submitAndWaitForThread(by, m.forum.submitThread);
    const chair = await as(DEMO.leitung);
    await chair.goto(threadUrl);
    await chair.getByRole("button", { name: m.forum.lock, exact: true }).click();
    await chair.getByText(m.forum.lockedNotice).waitFor();

    await by.goto(threadUrl);
    await by.getByText(m.forum.lockedNotice).waitFor();
    expect(await by.getByRole("button", { name: m.forum.submitReply }).count()).toBe(0);
  });

  it("posts a thread with the keyboard only", async () => {
    const page = await as(DEMO.nw);
    await page.goto(`${suite.server.url}/spaces/mint-regionen/threads/new`);
    await page.locator(".editor-content").waitFor();
    const tabTo = async (predicate: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(predicate)) return;
      }
      throw new Error(`never reached: ${predicate}`);
    };
    await tabTo(`document.activeElement?.getAttribute("name") === "title"`);
    await page.keyboard.type("Tastatur statt Maus");
    await tabTo(`document.activeElement?.classList.contains("editor-content")`);
    await page.keyboard.type("Alles ohne Maus: ");
    await page.keyboard.press("Control+b");
    await page.keyboard.type("fett");
    await tabTo(`document.activeElement?.textContent === ${JSON.stringify(m.forum.submitThread)}`);
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith("/threads/")), page.keyboard.press("Enter")]);
    await page.getByRole("heading", { name: "Tastatur statt Maus" }).waitFor();
    expect(await page.locator(".rich-text strong").first().textContent()).toBe("fett");
  });

  it("has no serious accessibility violations on thread, catalogue, search and new-thread pages", async () => {
    const page = await as(DEMO.by);
    await page.goto(`${suite.server.url}/search?q=Jahresplanung`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const threadLink = page.locator(".search-results a").first();
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith("/threads/")), threadLink.click()]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${suite.server.url}/best-practices?land=NW`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${suite.server.url}/spaces/mint-regionen/threads/new`);
    await page.locator(".editor-content").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${suite.server.url}/notifications`);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
