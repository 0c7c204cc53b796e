// Position papers over real HTTP and WebSocket against the built server: the export contract,
// who sees what, creating from the template, renaming, access grants and archiving.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";
import { appendParagraph, bodyText, connectClient, presenceRoundTrip, rawSocket } from "../support/collab.ts";
import { get, loginCookie, postForm } from "../support/http.ts";
import { DEMO } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let sqlite: Database.Database;
let paperId: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  sqlite = new Database(server.dbFile);
  paperId = (sqlite.prepare(`SELECT id FROM "Document" WHERE title = ?`).get(MINT_PAPER_TITLE) as { id: string }).id;
  for (const [key, email] of Object.entries({ ...DEMO, westpfalz: "westpfalz@laenderforum.example" })) cookies[key] = await loginCookie(server.url, email);
});
afterAll(async () => {
  sqlite?.close();
  await server?.stop();
});

const exportMd = (who: string, id = paperId) => get(server.url, `/documents/${id}/export?format=md`, cookies[who]);

describe("export", () => {
  it("gives the stored text to everyone who may read, and nothing without login", async () => {
    for (const who of ["by", "nw", "ministeriumRp", "gast", "admin"]) {
      const res = await exportMd(who);
      expect(res.status, who).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/markdown");
      const text = await res.text();
      expect(text).toContain(`# ${MINT_PAPER_TITLE.replace(":", ":")}`);
      expect(text).toContain("## Forderungen");
      expect(text).toContain("| Bildungsetappe | Größte Herausforderung | Vorgeschlagene Maßnahme |");
    }
    const anonymous = await get(server.url, `/documents/${paperId}/export?format=md`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    expect(await anonymous.text()).not.toContain("Forderungen");
    expect((await exportMd("westpfalz")).status).toBe(404);
    expect((await get(server.url, `/documents/nope/export?format=md`, cookies.by)).status).toBe(404);
  });

  it("renders HTML with a print stylesheet and escapes the text", async () => {
    const res = await get(server.url, `/documents/${paperId}/export?format=html`, cookies.gast);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("@media print");
    expect(html).toContain("<h2>Ausgangslage</h2>");
    expect(html).toContain("<th scope=\"col\"><p>Bildungsetappe</p></th>");
    expect((await get(server.url, `/documents/${paperId}/export?format=exe`, cookies.by)).status).toBe(400);
  });

  it("exports what an editor typed once it is acknowledged", async () => {
    const c = connectClient(server.url, paperId, { Cookie: cookies.nw, Origin: server.url });
    await c.until(() => c.provider.synced, "synced");
    appendParagraph(c.doc, "Neuer Absatz <script>alert(1)</script> aus NRW");
    await c.until(() => c.allSaved(), "saved");
    c.destroy();
    expect(await (await exportMd("by")).text()).toContain("Neuer Absatz \\<script\\>alert(1)\\</script\\> aus NRW");
    const html = await (await get(server.url, `/documents/${paperId}/export?format=html`, cookies.by)).text();
    expect(html).toContain("Neuer Absatz &lt;script&gt;alert(1)&lt;/script&gt; aus NRW");
  });
});

describe("who sees what", () => {
  it("lists the paper for its commenter and reader, who still cannot see the Länderbeirat", async () => {
    for (const who of ["ministeriumRp", "gast"]) {
      const list = await (await get(server.url, "/documents", cookies[who])).text();
      expect(list, who).toContain(MINT_PAPER_TITLE);
      expect((await get(server.url, `/documents/${paperId}`, cookies[who])).status).toBe(200);
      expect((await get(server.url, "/spaces/laenderbeirat", cookies[who])).status, who).toBe(404);
    }
    const outsider = await (await get(server.url, "/documents", cookies.westpfalz)).text();
    expect(outsider).not.toContain(MINT_PAPER_TITLE);
    expect((await get(server.url, `/documents/${paperId}`, cookies.westpfalz)).status).toBe(404);
  });

  it("shows in the list who is editing now", async () => {
    const c = connectClient(server.url, paperId, { Cookie: cookies.nw, Origin: server.url });
    await c.until(() => c.provider.synced, "synced");
    const list = await (await get(server.url, "/documents", cookies.gast)).text();
    expect(list).toContain("Miriam Schulte");
    c.destroy();
  });

  it("accepts the collaboration socket with the session cookie and refuses it without", async () => {
    const url = `${server.url.replace("http", "ws")}/collab/${paperId}`;
    const ok = await rawSocket(url, { Cookie: cookies.gast, Origin: server.url });
    expect(ok.status).toBe(101);
    ok.ws.close();
    expect((await rawSocket(url, { Origin: server.url })).status).toBe(401);
    expect((await rawSocket(url, { Cookie: cookies.westpfalz, Origin: server.url })).status).toBe(404);
    expect((await rawSocket(url, { Cookie: cookies.by, Origin: "http://evil.example" })).status).toBe(403);
  });
});

describe("managing documents", () => {
  it("creates a paper from the Positionspapier template", async () => {
    const spaceId = (sqlite.prepare(`SELECT id FROM "Space" WHERE slug = 'laenderbeirat'`).get() as { id: string }).id;
    const res = await postForm(server.url, "/documents", { title: "Positionspapier: Ganztag", spaceId, template: "position-paper" }, { cookie: cookies.by });
    expect(res.status).toBe(302);
    const id = /^\/documents\/([A-Za-z0-9_-]+)$/.exec(res.headers.get("location") ?? "")![1];
    const md = await (await exportMd("by", id)).text();
    for (const section of ["Ausgangslage", "Forderungen", "Begründung", "Ansprechpersonen"]) expect(md).toContain(`## ${section}`);
    // A reader may not create documents, and the text must not come from the client.
    const denied = await postForm(server.url, "/documents", { title: "Nein", spaceId, template: "blank" }, { cookie: cookies.gast });
    expect(denied.status).toBe(403);
    const invalid = await postForm(server.url, "/documents", { title: "", spaceId, template: "unbekannt" }, { cookie: cookies.by });
    expect(invalid.status).toBe(400);
  });

  it("lets the chair rename, grant and withdraw access, and archive; members may not", async () => {
    const path = `/documents/${paperId}`;
    expect((await postForm(server.url, path, { intent: "rename", title: "Anders" }, { cookie: cookies.by })).status).toBe(403);
    const renamed = await postForm(server.url, path, { intent: "rename", title: `${MINT_PAPER_TITLE} (Entwurf 2)` }, { cookie: cookies.leitung });
    expect(renamed.status).toBe(200);
    expect((sqlite.prepare(`SELECT title FROM "Document" WHERE id = ?`).get(paperId) as { title: string }).title).toBe(`${MINT_PAPER_TITLE} (Entwurf 2)`);

    const grant = await postForm(server.url, path, { intent: "access-set", email: "westpfalz@laenderforum.example", role: "reader" }, { cookie: cookies.leitung });
    expect(grant.status).toBe(200);
    expect((await exportMd("westpfalz")).status).toBe(200);
    const westpfalzId = (sqlite.prepare(`SELECT id FROM "User" WHERE email = 'westpfalz@laenderforum.example'`).get() as { id: string }).id;
    const withdraw = await postForm(server.url, path, { intent: "access-remove", userId: westpfalzId }, { cookie: cookies.leitung });
    expect(withdraw.status).toBe(200);
    expect((await exportMd("westpfalz")).status).toBe(404);
    const unknown = await postForm(server.url, path, { intent: "access-set", email: "niemand@example.org", role: "reader" }, { cookie: cookies.leitung });
    expect(unknown.status).toBe(400);

    // Archiving freezes the text: an editor's socket becomes read-only.
    const editor = connectClient(server.url, paperId, { Cookie: cookies.by, Origin: server.url });
    await editor.until(() => editor.provider.synced, "synced");
    expect((await postForm(server.url, path, { intent: "archive" }, { cookie: cookies.leitung })).status).toBe(200);
    const probe = connectClient(server.url, paperId, { Cookie: cookies.admin, Origin: server.url });
    await probe.until(() => probe.provider.synced, "probe synced");
    appendParagraph(editor.doc, "Nach der Archivierung");
    await presenceRoundTrip(editor, probe); // the server has handled (and dropped) the update sent before it
    expect(bodyText(probe.doc)).not.toContain("Nach der Archivierung");
    expect(await (await exportMd("by")).text()).not.toContain("Nach der Archivierung");
    for (const c of [editor, probe]) c.destroy();
  });
});
