// Issue 9 in real Chromium: a quoted reply names the author once, long unbroken titles do not widen
// the page, search fields follow Back, and the best-practice fields exist without JavaScript.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { loginInBrowser, newPage } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";

const suite = browserSuite();

async function loggedIn(options: Parameters<typeof newPage>[1] = {}) {
  const page = await newPage(suite.browser, options);
  await loginInBrowser(page, suite.server.url, DEMO.by);
  return page;
}

async function createThread(page: Page, title: string, text: string) {
  await page.goto(`${suite.server.url}/spaces/mint-regionen/threads/new`);
  await page.getByLabel(m.forum.title).fill(title);
  const editor = page.locator(".editor-content");
  await editor.waitFor();
  await editor.click();
  await page.keyboard.type(text);
  await Promise.all([page.waitForURL((u) => u.pathname.startsWith("/threads/")), page.getByRole("button", { name: m.forum.submitThread }).click()]);
  return new URL(page.url()).pathname;
}

const overflow = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));

describe("quoting", () => {
  it("a quoted reply says who wrote it once", async () => {
    const page = await loggedIn();
    await createThread(page, "Zitat-Probe", "Der ursprüngliche Gedanke.");
    await Promise.all([page.waitForURL(/zitat=/), page.getByRole("link", { name: m.forum.quote }).first().click()]);
    await page.locator(".editor-content blockquote").waitFor();
    await page.locator(".editor-content p").last().click();
    await page.keyboard.type("Meine Antwort darauf.");
    await Promise.all([page.waitForURL(/beitrag=/), page.getByRole("button", { name: m.forum.submitReply }).click()]);
    const postId = new URL(page.url()).searchParams.get("beitrag");
    const post = page.locator(`#post-${postId}`);
    await post.getByText("Meine Antwort darauf.").waitFor();
    const text = await post.innerText();
    expect(text.match(/schrieb:/g) ?? []).toHaveLength(1);
    expect(text).toContain("Der ursprüngliche Gedanke.");
  });
});

describe("a 200-character title without spaces", () => {
  it("does not widen the thread page, the thread list or the search results", async () => {
    const page = await loggedIn({ viewport: { width: 1024, height: 800 } });
    const title = "Überlang".padEnd(200, "x");
    const path = await createThread(page, title, "Zebrafinkenbeobachtung im Schulgarten.");
    for (const url of [path, "/spaces/mint-regionen", "/search?q=Zebrafinkenbeobachtung"]) {
      await page.goto(`${suite.server.url}${url}`);
      await page.getByText(title, { exact: false }).first().waitFor();
      const { scroll, inner } = await overflow(page);
      expect(scroll, url).toBeLessThanOrEqual(inner);
    }
  });
});

describe("filters after Back", () => {
  it("/search shows the earlier query and its results after Back", async () => {
    const page = await loggedIn();
    await page.goto(`${suite.server.url}/search`);
    const box = page.locator("#q");
    for (const q of ["Forscherkisten", "Laborbus"]) {
      await box.fill(q);
      await Promise.all([page.waitForURL(new RegExp(`q=${q}`)), page.getByRole("button", { name: m.forum.searchSubmit }).click()]);
    }
    await page.getByRole("link", { name: /Laborbus/ }).first().waitFor();
    await Promise.all([page.waitForURL(/q=Forscherkisten/), page.goBack()]);
    await page.getByRole("link", { name: /Forscherkisten/ }).first().waitFor();
    expect(await page.locator("#q").inputValue()).toBe("Forscherkisten");
    expect(await page.getByRole("link", { name: /Laborbus/ }).count()).toBe(0);
  });

  it("/best-practices shows the earlier filters and their results after Back", async () => {
    const page = await loggedIn();
    await page.goto(`${suite.server.url}/best-practices`);
    for (const q of ["Forscherkisten", "Laborbus"]) {
      await page.locator("#f-q").fill(q);
      await Promise.all([page.waitForURL(new RegExp(`q=${q}`)), page.getByRole("button", { name: m.forum.filter }).click()]);
    }
    await page.getByRole("link", { name: /Laborbus/ }).first().waitFor();
    await Promise.all([page.waitForURL(/q=Forscherkisten/), page.goBack()]);
    await page.getByRole("link", { name: /Forscherkisten/ }).first().waitFor();
    expect(await page.locator("#f-q").inputValue()).toBe("Forscherkisten");
    expect(await page.getByRole("link", { name: /Laborbus/ }).count()).toBe(0);
  });
});

describe("without JavaScript", () => {
  it("the best-practice fields are there on the first visit and a best practice can be posted", async () => {
    const page = await loggedIn({ javaScriptEnabled: false });
    await page.goto(`${suite.server.url}/spaces/mint-regionen/threads/new`);
    await page.getByText(m.forum.bestPracticeFields).waitFor();
    await page.getByText(m.forum.bestPracticeFieldsOnly).waitFor();
    await page.getByLabel(m.forum.kindLabel).selectOption("best-practice");
    await page.getByLabel(m.forum.title).fill("Ohne Skript: Lernwerkstatt Niederbayern");
    await page.getByLabel(m.forum.body).fill("Eine Lernwerkstatt für Grundschulen.");
    await page.getByRole("checkbox", { name: "Bayern" }).check();
    await page.getByLabel(m.forum.impact).fill("12 Schulen im ersten Jahr");
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith("/threads/")), page.getByRole("button", { name: m.forum.submitThread }).click()]);
    await page.getByText("12 Schulen im ersten Jahr").waitFor();
  });
});
