// Search and the catalogue's full-text filter over real HTTP against the built server and the seeded
// data: real matches (not only the empty case), German word forms, the kind of each hit and its filter,
// and papers hidden from those who may not read them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";
import { get, loginCookie } from "../support/http.ts";
import { DEMO } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";

/** A member of the Mint-Regionen Gremium only: neither in the Länderbeirat nor granted its paper. */
const OUTSIDER = "ministerium-by@laenderforum.example";

let server: TestServer;
const cookies: Record<string, string> = {};
const page = async (path: string, email: string) => {
  const res = await get(server.url, path, cookies[email]);
  return { status: res.status, html: await res.text() };
};
/** Titles of the hits as rendered, with the kind badge in front of each. */
const hits = (html: string) => [...html.matchAll(/<li[^>]*data-hit-type="(\w+)"[^>]*>.*?<span class="badge">([^<]+)<\/span>.*?class="thread-title"[^>]*>([^<]+)</gs)].map((x) => ({ type: x[1], badge: x[2], title: x[3] }));
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&");

beforeAll(async () => {
  server = await startServer();
  for (const email of [DEMO.nw, DEMO.gast, OUTSIDER]) cookies[email] = await loginCookie(server.url, email);
});
afterAll(async () => {
  await server?.stop();
});

describe("the catalogue's full-text filter", () => {
  it("answers 200 with the matching best practices for a word they contain", async () => {
    const { status, html } = await page("/best-practices?q=Forscherkisten", DEMO.nw);
    expect(status).toBe(200);
    expect(decode(html)).toContain("Forscherkisten zum Ausleihen: Kitas holen sich MINT über die Gemeindebücherei");
    expect(decode(html)).not.toContain("Laborbus in Südwestfalen");
    expect(html).not.toContain(m.forum.noResults);
  });

  it("matches word forms and spellings, and combines with the other filters", async () => {
    for (const q of ["Schuelerlabor", "schülerlabors", "Laborbus"]) {
      const { status, html } = await page(`/best-practices?q=${encodeURIComponent(q)}`, DEMO.nw);
      expect(status, q).toBe(200);
      expect(decode(html), q).toContain("Laborbus in Südwestfalen: Das Schülerlabor kommt zu den Schulen");
    }
    const { status, html } = await page("/best-practices?q=Laborbus&gruppe=kita", DEMO.nw);
    expect(status).toBe(200);
    expect(html).not.toContain("Laborbus in Südwestfalen");
  });

  it("answers 200 with the empty state when nothing matches", async () => {
    const { status, html } = await page("/best-practices?q=Quantenchromodynamik", DEMO.nw);
    expect(status).toBe(200);
    expect(html).toContain(m.forum.noResults);
  });
});

describe("search over posts, papers and comments", () => {
  it("finds the seeded paper's „Übergänge“ by „ubergange“ and „Uebergaenge“, marked as a position paper", async () => {
    for (const q of ["ubergange", "Uebergaenge", "Übergang"]) {
      const { status, html } = await page(`/search?q=${encodeURIComponent(q)}`, DEMO.nw);
      expect(status, q).toBe(200);
      expect(hits(decode(html)), q).toContainEqual({ type: "paper", badge: m.forum.hitType.paper, title: MINT_PAPER_TITLE });
      expect(html).toContain("<mark>Übergänge</mark>");
    }
  });

  it("filters by kind through the URL", async () => {
    const papers = hits(decode((await page("/search?q=Bildungskette&type=paper", DEMO.nw)).html));
    expect(papers.length).toBeGreaterThan(0);
    expect(papers.every((h) => h.type === "paper" && h.badge === m.forum.hitType.paper)).toBe(true);
    const posts = hits(decode((await page("/search?q=Bildungskette&type=post", DEMO.nw)).html));
    expect(posts.every((h) => h.type === "post" && h.badge === m.forum.hitType.post)).toBe(true);
    expect(posts.map((h) => h.title)).not.toContain(MINT_PAPER_TITLE);
    const { html } = await page("/search?q=Bildungskette&type=paper", DEMO.nw);
    expect(html).toMatch(/<option value="paper" selected="">/);
  });

  it("shows the paper to a reader granted it alone, and never to someone who may not read it", async () => {
    expect(hits(decode((await page("/search?q=Uebergaenge&type=paper", DEMO.gast)).html)).map((h) => h.title)).toContain(MINT_PAPER_TITLE);
    for (const q of ["Uebergaenge", "Landeskoordinierungsstellen", "Bildungsetappen", "Bruchstelle"]) {
      const { status, html } = await page(`/search?q=${q}`, OUTSIDER);
      expect(status).toBe(200);
      expect(decode(html)).not.toContain(MINT_PAPER_TITLE);
      // Posts in their own Gremien may match; nothing of the paper does, no title, no snippet, no comment.
      expect(hits(decode(html)).filter((h) => h.type !== "post"), q).toEqual([]);
    }
    // Words only the paper has: the member finds it, the outsider gets no hit and no count.
    expect(hits(decode((await page("/search?q=Projektzyklen+Bruchstellen", DEMO.nw)).html)).map((h) => h.title)).toEqual([MINT_PAPER_TITLE]);
    expect((await page("/search?q=Projektzyklen+Bruchstellen", OUTSIDER)).html).toContain(m.forum.searchNone);
  });
});
