// Account data in real Chromium (issue 12): one browser signs another of the same person out from
// the profile's device list; the other browser's open paper socket closes at once and its next
// navigation lands on the login page. The profile page (sessions, e-mail, data, deletion) stays
// clean under axe, and asking for the deletion shows the date and a way to cancel it.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { loginInBrowser, seriousA11yViolations } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";

const suite = browserSuite();
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

describe("sessions in the browser", () => {
  it("ends another browser's session from the list: its paper socket closes and it is signed out", async () => {
    const sqlite = new Database(suite.server.dbFile, { readonly: true });
    const paper = sqlite.prepare(`SELECT d.id FROM "Document" d JOIN "Membership" ms ON ms.spaceId = d.spaceId JOIN "User" u ON u.id = ms.userId WHERE u.email = ? LIMIT 1`).get(DEMO.nw) as { id: string };
    sqlite.close();
    const here = await (await suite.browser.newContext()).newPage();
    const otherContext = await suite.browser.newContext({ userAgent: FIREFOX_WINDOWS });
    const other = await otherContext.newPage();
    await loginInBrowser(here, suite.server.url, DEMO.nw);
    await loginInBrowser(other, suite.server.url, DEMO.nw);

    // The other browser has the paper open over its collaboration socket.
    const socketClosed = new Promise<void>((resolve) => {
      other.on("websocket", (ws) => {
        if (ws.url().includes(`/collab/${paper.id}`)) ws.on("close", () => resolve());
      });
    });
    await other.goto(`${suite.server.url}/documents/${paper.id}`);
    await other.locator(".ProseMirror").first().waitFor();

    await here.goto(`${suite.server.url}/profile`);
    const list = here.getByRole("region", { name: m.privacy.sessions.title });
    await list.getByText(m.privacy.sessions.current, { exact: false }).waitFor();
    expect(await seriousA11yViolations(here)).toEqual([]);
    await list.getByRole("button", { name: m.privacy.sessions.endLabel("Firefox auf Windows") }).click();
    await here.getByRole("status").filter({ hasText: m.privacy.sessions.ended }).waitFor();
    // The list comes from the loaders' revalidation after the action: wait for it, it must go.
    await list.getByText("Firefox auf Windows").waitFor({ state: "detached" });

    await socketClosed;
    await other.goto(`${suite.server.url}/profile`);
    expect(new URL(other.url()).pathname).toBe("/login");
    // This browser is still signed in.
    await here.goto(`${suite.server.url}/profile`);
    expect(new URL(here.url()).pathname).toBe("/profile");
    await otherContext.close();
    await here.context().close();
  });

  it("asks for the deletion with a confirmation, shows its date and cancels it", async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await loginInBrowser(page, suite.server.url, DEMO.gast);
    await page.goto(`${suite.server.url}/profile`);
    await page.getByLabel(m.privacy.deletion.confirmLabel).check();
    await page.getByRole("button", { name: m.privacy.deletion.request }).click();
    await page.getByRole("button", { name: m.privacy.deletion.cancel }).waitFor();
    expect(await page.getByRole("status").textContent()).toMatch(/Ihr Konto wird am \d+\. \S+ \d{4} gelöscht/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: m.privacy.deletion.cancel }).click();
    await page.getByRole("status").filter({ hasText: m.privacy.deletion.cancelled }).waitFor();
    // The form comes back with the loaders' revalidation after the action.
    await page.getByRole("button", { name: m.privacy.deletion.request }).waitFor();
    expect(await page.getByRole("button", { name: m.privacy.deletion.cancel }).count()).toBe(0);
    await page.context().close();
  });
});
