// The DOCX import and export contracts over real HTTP (issue 15): POST /documents/import (multipart
// file, spaceId, tracked) redirects to the new paper or answers 4xx with a German message; its own
// body limit; who may import; the import report on the paper and its dismissal; the Word export
// variants with real comments and tracked changes and names that say which variant it is.
import Database from "better-sqlite3";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { get, loginCookie } from "../support/http.ts";
import { DEMO } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { docmFile, simpleFile, wordLikeFile, zipBomb } from "../support/docx-files.ts";

let server: TestServer;
let by: string;
let spaceId: string;

beforeAll(async () => {
  server = await startServer();
  const sqlite = new Database(server.dbFile, { readonly: true });
  spaceId = (sqlite.prepare(`SELECT id FROM "Space" WHERE slug = 'laenderbeirat'`).get() as { id: string }).id;
  sqlite.close();
  by = await loginCookie(server.url, DEMO.by);
});
afterAll(async () => {
  await server?.stop();
});

function upload(fields: { file?: Buffer; fileName?: string; spaceId?: string; tracked?: string }, options: { cookie?: string; origin?: string } = {}) {
  const form = new FormData();
  if (fields.file) form.append("file", new Blob([new Uint8Array(fields.file)]), fields.fileName ?? "stellungnahme.docx");
  if (fields.spaceId !== undefined) form.append("spaceId", fields.spaceId);
  if (fields.tracked !== undefined) form.append("tracked", fields.tracked);
  const headers: Record<string, string> = { Origin: options.origin ?? server.url };
  if (options.cookie) headers.Cookie = options.cookie;
  return fetch(`${server.url}/documents/import`, { method: "POST", body: form, headers, redirect: "manual" });
}

const paperCount = () => {
  const sqlite = new Database(server.dbFile, { readonly: true });
  const n = (sqlite.prepare(`SELECT count(*) AS n FROM "Document"`).get() as { n: number }).n;
  sqlite.close();
  return n;
};

describe("POST /documents/import", () => {
  it("creates the paper and redirects to it; the paper shows the import report until an editor dismisses it", async () => {
    const res = await upload({ file: await wordLikeFile(), spaceId }, { cookie: by });
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(/^\/documents\/[A-Za-z0-9_-]+$/);
    const page = await (await get(server.url, location, by)).text();
    expect(page).toContain("Stellungnahme der Länder");
    expect(page).toContain(m.docx.report.heading);
    expect(page).toContain(m.docx.report.kinds.image(1));
    // Someone who may only read the paper cannot dismiss it.
    const gast = await loginCookie(server.url, DEMO.gast);
    const foreign = await fetch(`${server.url}${location}/import-report`, { method: "POST", headers: { Cookie: gast, Origin: server.url }, redirect: "manual" });
    expect([403, 404]).toContain(foreign.status);
    const dismissed = await fetch(`${server.url}${location}/import-report`, { method: "POST", headers: { Cookie: by, Origin: server.url }, redirect: "manual" });
    expect(dismissed.status).toBe(302);
    expect(await (await get(server.url, location, by)).text()).not.toContain(m.docx.report.heading);

    // Export: real comments and tracked changes, names saying which variant.
    const both = await get(server.url, `${location}/export?format=docx&kommentare=1&vorschlaege=1`, by);
    expect(both.status).toBe(200);
    expect(both.headers.get("content-disposition")).toMatch(/-mit-Kommentaren-und-Aenderungen\.docx"/);
    const zip = await JSZip.loadAsync(Buffer.from(await both.arrayBuffer()));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("<w:commentRangeStart");
    expect(xml).toContain("<w:ins ");
    expect(xml).toContain("<w:del ");
    const onlySuggestions = await get(server.url, `${location}/export?format=docx&vorschlaege=1`, by);
    expect(onlySuggestions.headers.get("content-disposition")).toMatch(/-mit-Aenderungen\.docx"/);
    const onlyXml = await (await JSZip.loadAsync(Buffer.from(await onlySuggestions.arrayBuffer()))).file("word/document.xml")!.async("string");
    expect(onlyXml).not.toContain("<w:commentRangeStart");
    expect(onlyXml).toContain("<w:ins ");
    const onlyComments = await get(server.url, `${location}/export?format=docx&kommentare=1`, by);
    expect(onlyComments.headers.get("content-disposition")).toMatch(/-mit-Kommentaren\.docx"/);
  });

  it("accepts tracked changes when asked", async () => {
    const res = await upload({ file: await wordLikeFile(), spaceId, tracked: "accept" }, { cookie: by });
    expect(res.status).toBe(302);
    const page = await (await get(server.url, res.headers.get("location")!, by)).text();
    expect(page).toContain("gemeinsam");
  });

  it("refuses what it cannot open with 4xx and a German message, and creates nothing", async () => {
    const before = paperCount();
    const cases: Array<[Parameters<typeof upload>[0], number, string]> = [
      [{ file: Buffer.from("%PDF-1.7 kein Word"), spaceId }, 400, m.docx.errors.refused["not-docx"]],
      [{ file: await docmFile(), fileName: "makro.docm", spaceId }, 400, m.docx.errors.refused["macro-enabled"]],
      [{ file: await zipBomb(40, { lieAboutSize: true }), spaceId }, 400, m.docx.errors.refused["too-big-inflated"]],
      [{ spaceId }, 400, m.docx.errors.missingFile],
      [{ file: await simpleFile("x"), spaceId, tracked: "alles" }, 400, m.docx.errors.badTracked],
    ];
    for (const [fields, status, message] of cases) {
      const res = await upload(fields, { cookie: by });
      expect(res.status, message).toBe(status);
      expect(await res.text()).toContain(message.replace(/"/g, "&quot;").slice(0, 30));
    }
    const tooBig = await upload({ file: Buffer.alloc(21 * 1024 * 1024, 1), spaceId }, { cookie: by });
    expect(tooBig.status).toBe(413);
    await tooBig.text();
    expect(paperCount()).toBe(before);
    // The server is unharmed and answers at once.
    expect((await get(server.url, "/healthz")).status).toBe(200);
  });

  it("answers 403 to people who may not create papers in the Gremium, to a foreign origin, and sends anonymous people to the login", async () => {
    const before = paperCount();
    const gast = await loginCookie(server.url, DEMO.gast);
    expect((await upload({ file: await simpleFile("x"), spaceId }, { cookie: gast })).status).toBe(403);
    expect((await upload({ file: await simpleFile("x"), spaceId }, { cookie: by, origin: "https://evil.example" })).status).toBe(403);
    const anonymous = await upload({ file: await simpleFile("x"), spaceId });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    expect(paperCount()).toBe(before);
  });

  it("spends the new-paper budget: over it, 429 with Retry-After and a German message, nothing created", async () => {
    const nw = await loginCookie(server.url, DEMO.nw);
    const before = paperCount();
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) {
      last = await upload({ file: Buffer.from("kein Word"), spaceId }, { cookie: nw });
      if (last.status === 429) break;
      expect(last.status).toBe(400);
      await last.text();
    }
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.text()).toContain("Sie haben dieses Limit für den Moment erreicht.");
    expect(paperCount()).toBe(before);
  });

  it("shows the form, reachable from the papers page", async () => {
    const list = await (await get(server.url, "/documents", by)).text();
    expect(list).toContain('href="/documents/import"');
    const form = await (await get(server.url, "/documents/import", by)).text();
    expect(form).toMatch(/enctype="multipart\/form-data"/i);
    expect(form).toContain('name="tracked"');
  });
});
