import { describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { loginInBrowser, newPage } from "../support/browser.ts";
import { DEMO } from "../support/paths.ts";
import { browserSuite } from "../support/suite.ts";

const suite = browserSuite();

describe("invitation flow", () => {
  it("a chair invites, the invitee sets name and password and lands in the Gremium; the link then is spent", async () => {
    const chair = await suite.browser.newContext();
    const chairPage = await chair.newPage();
    await loginInBrowser(chairPage, suite.server.url, DEMO.leitung);
    await chairPage.goto(`${suite.server.url}/spaces/laender-round-table`);
    await chairPage.getByLabel(m.admin.inviteEmail).fill("referentin@ministerium-sh.example");
    await chairPage.getByLabel(m.admin.inviteSpaceRole).selectOption("commenter");
    await chairPage.getByRole("button", { name: m.admin.inviteSubmit }).click();
    const link = (await chairPage.getByTestId("invite-link").textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${suite.server.url}/invite/[A-Za-z0-9_-]+$`));

    const invitee = await suite.browser.newContext();
    const page = await invitee.newPage();
    await page.goto(link);
    await page.getByText("referentin@ministerium-sh.example").first().waitFor();
    await page.getByLabel(m.invite.name).fill("Ines Referentin");
    await page.getByLabel(m.invite.password, { exact: true }).fill("kurz");
    await page.getByLabel(m.invite.confirm).fill("kurz");
    await page.getByRole("button", { name: m.invite.submit }).click();
    await page.getByText(m.validation.tooShort(10)).first().waitFor();
    expect(await page.getByLabel(m.invite.name).inputValue()).toBe("Ines Referentin");

    await page.getByLabel(m.invite.password, { exact: true }).fill("ein-sicheres-passwort");
    await page.getByLabel(m.invite.confirm).fill("ein-sicheres-passwort");
    await Promise.all([page.waitForURL(`${suite.server.url}/`), page.getByRole("button", { name: m.invite.submit }).click()]);
    await page.getByRole("heading", { name: m.start.welcome("Ines Referentin") }).waitFor();
    await page.getByRole("link", { name: "Länder-Round-Table", exact: true }).first().click();
    await page.getByRole("cell", { name: "Ines Referentin" }).waitFor();
    await page.getByRole("row", { name: /Ines Referentin/ }).getByText(m.roles.space.commenter).waitFor();

    const other = await newPage(suite.browser);
    const again = await other.goto(link);
    expect(again?.status()).toBe(410);
    await other.getByText(m.invite.invalid).waitFor();

    await chair.close();
    await invitee.close();
  });
});
