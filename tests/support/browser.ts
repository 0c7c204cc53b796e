// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { TEST_PASSWORD } from "./paths.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/** A page in its own context (own cookies); axe needs pages made this way. */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}) {
  return (await browser.newContext(options)).newPage();
}

export async function fillLogin(page: Page, baseUrl: string, email: string, password = TEST_PASSWORD) {
  if (new URL(page.url()).pathname !== "/login") await page.goto(`${baseUrl}/login`);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
}

export async function loginInBrowser(page: Page, baseUrl: string, email: string, password = TEST_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), fillLogin(page, baseUrl, email, password)]);
}

/** Serious and critical axe violations on the current page, formatted for a readable failure. */
export async function seriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

