// Export file names over real HTTP: the DOCX with comments does not share the plain DOCX's name, and
// the date in the name is the day in Germany.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportDay } from "../../app/models/document-export.server.ts";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";
import { get, loginCookie } from "../support/http.ts";
import { DEMO } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let paperId: string;
let cookie: string;

beforeAll(async () => {
  server = await startServer();
  const sqlite = new Database(server.dbFile, { readonly: true });
  paperId = (sqlite.prepare(`SELECT id FROM "Document" WHERE title = ?`).get(MINT_PAPER_TITLE) as { id: string }).id;
  sqlite.close();
  cookie = await loginCookie(server.url, DEMO.by);
});
afterAll(async () => {
  await server?.stop();
});

async function disposition(query: string) {
  const before = exportDay(new Date());
  const res = await get(server.url, `/documents/${paperId}/export?${query}`, cookie);
  const after = exportDay(new Date());
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  return { header: res.headers.get("content-disposition") ?? "", days: [before, after] };
}

describe("export file names", () => {
  it("the two DOCX variants have different names, the one with comments says so", async () => {
    const plain = await disposition("format=docx");
    const commented = await disposition("format=docx&kommentare=1");
    expect(plain.header).not.toBe(commented.header);
    expect(commented.header).toMatch(/filename="[^"]+-mit-Kommentaren\.docx"/);
    expect(commented.header).toMatch(/filename\*=UTF-8''[^;]+-mit-Kommentaren\.docx$/);
    expect(plain.header).not.toContain("Kommentar");
  });

  it("carry the Berlin date", async () => {
    for (const query of ["format=md", "format=docx", "format=docx&kommentare=1"]) {
      const { header, days } = await disposition(query);
      const day = /-(\d{4}-\d{2}-\d{2})(?:-mit-Kommentaren)?\.(?:md|docx)"/.exec(header)?.[1];
      expect(days, header).toContain(day);
    }
  });
});
