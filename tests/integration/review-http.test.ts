// Reviewing drafts over real HTTP and WebSocket against the built server: comment rights next to
// refused text updates, restore (after its confirmation) received live, a frozen paper refusing
// every role's updates and comment-thread changes, DOCX.
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { appendParagraph, bodyText, presenceRoundTrip } from "../support/collab.ts";
import { get, postForm } from "../support/http.ts";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";
import { mintPaperSuite } from "../support/paper-suite.ts";

const suite = mintPaperSuite();
const { cookies, client } = suite;
const storedMarkdown = async () => (await get(suite.server.url, `/documents/${suite.paperId}/export?format=md`, cookies.by)).text();
const anchor = { anchorStart: "AJv55pQJrgFB", anchorEnd: "AJv55pQJyQFB", quote: "Kitas", prefix: "", suffix: "" };


describe("comments next to refused text", () => {
  it("a commenter creates a thread while their text updates are refused; a reader cannot comment", async () => {
    const rp = await client("ministeriumRp");
    const by = await client("by");
    appendParagraph(rp.doc, "Vom Ministerium eingefügt");
    const res = await postForm(suite.server.url, `/documents/${suite.paperId}/comments`, { intent: "create", ...anchor, body: "Bitte belegen." }, { cookie: cookies.ministeriumRp });
    expect(res.status).toBe(200);
    const count = (sql: string) => (suite.sqlite.prepare(sql).get(suite.paperId) as { n: number }).n;
    expect(count(`SELECT count(*) AS n FROM "CommentThread" WHERE documentId = ?`)).toBe(1);
    // The editor's client never receives the commenter's text; the stored text does not have it.
    appendParagraph(by.doc, "Vom Editor eingefügt");
    await by.until(() => by.allSaved(), "editor saved");
    expect(bodyText(by.doc)).not.toContain("Vom Ministerium eingefügt");
    expect(await storedMarkdown()).not.toContain("Vom Ministerium eingefügt");

    const reader = await postForm(suite.server.url, `/documents/${suite.paperId}/comments`, { intent: "create", ...anchor, body: "Leser" }, { cookie: cookies.gast });
    expect(reader.status).toBe(403);
    const outsider = await postForm(suite.server.url, `/documents/${suite.paperId}/comments`, { intent: "create", ...anchor, body: "Fremd" }, { cookie: cookies.westpfalz });
    expect(outsider.status).toBe(404);
    expect(count(`SELECT count(*) AS n FROM "CommentThread" WHERE documentId = ?`)).toBe(1);
    const list = await (await get(suite.server.url, `/documents/${suite.paperId}/comments`, cookies.gast)).json() as { threads: Array<{ quote: string; canResolve: boolean }>; canComment: boolean };
    expect(list).toMatchObject({ canComment: false, threads: [{ quote: "Kitas", canResolve: false }] });
  });
});

describe("versions", () => {
  it("restoring a version gives exactly its text, and connected editors receive it", async () => {
    const by = await client("by");
    const nw = await client("nw");
    expect((await postForm(suite.server.url, `/documents/${suite.paperId}/versions`, { intent: "save", name: "Stand A" }, { cookie: cookies.by })).status).toBe(200);
    const versionA = suite.sqlite.prepare(`SELECT id FROM "DocumentVersion" WHERE documentId = ? AND name = 'Stand A'`).get(suite.paperId) as { id: string };
    const textA = bodyText(by.doc);
    appendParagraph(by.doc, "Nach Stand A geschrieben");
    await by.until(() => by.allSaved(), "saved");
    await nw.until(() => bodyText(nw.doc).includes("Nach Stand A geschrieben"), "nw sees the edit");

    // The restore button leads to a confirmation; only the confirmed form restores.
    const ask = await postForm(suite.server.url, `/documents/${suite.paperId}/versions`, { intent: "restore", versionId: versionA.id }, { cookie: cookies.nw });
    expect(ask.status).toBe(302);
    expect(ask.headers.get("location")).toBe(`/documents/${suite.paperId}/versions?wiederherstellen=${versionA.id}`);
    const confirmPage = await (await get(suite.server.url, ask.headers.get("location")!, cookies.nw)).text();
    expect(confirmPage).toContain(m.review.restoreConfirm);
    expect(bodyText(nw.doc)).toContain("Nach Stand A geschrieben");
    const res = await postForm(suite.server.url, `/documents/${suite.paperId}/versions`, { intent: "restore-confirm", versionId: versionA.id }, { cookie: cookies.nw });
    expect(res.status).toBe(200);
    await nw.until(() => bodyText(nw.doc) === textA, "nw receives the restore");
    await by.until(() => bodyText(by.doc) === textA, "by receives the restore");
    expect(await storedMarkdown()).not.toContain("Nach Stand A geschrieben");
    // The replaced text was kept as a version first.
    expect(suite.sqlite.prepare(`SELECT kind FROM "DocumentVersion" WHERE documentId = ? AND name = ?`).get(suite.paperId, m.review.versionBeforeRestore("Stand A"))).toEqual({ kind: "restore" });
    // Readers may not restore.
    expect((await postForm(suite.server.url, `/documents/${suite.paperId}/versions`, { intent: "restore-confirm", versionId: versionA.id }, { cookie: cookies.gast })).status).toBe(403);
  });
});

describe("export", () => {
  it("DOCX: a valid Word file with headings, paragraphs and a table; nothing without login", async () => {
    const res = await get(suite.server.url, `/documents/${suite.paperId}/export?format=docx`, cookies.gast);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("content-disposition")).toMatch(/filename\*=UTF-8''Positionspapier-MINT-Bildung-entlang-der-Bildungskette-\d{4}-\d{2}-\d{2}\.docx/);
    const xml = await (await JSZip.loadAsync(await res.arrayBuffer())).file("word/document.xml")!.async("string");
    expect(xml).toContain(MINT_PAPER_TITLE);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?Forderungen/);
    expect(xml).toContain("<w:tbl>");
    expect(xml).toContain("Bildungsetappe");

    const withComments = await get(suite.server.url, `/documents/${suite.paperId}/export?format=docx&kommentare=1`, cookies.by);
    // Real Word comments (decision 026), no longer an appendix in the text.
    const commented = await JSZip.loadAsync(await withComments.arrayBuffer());
    expect(await commented.file("word/comments.xml")!.async("string")).toContain("Bitte belegen.");
    expect(await commented.file("word/document.xml")!.async("string")).toContain("<w:commentRangeStart");
    const html = await (await get(suite.server.url, `/documents/${suite.paperId}/export?format=html`, cookies.by)).text();
    expect(html).toContain("Ausgangslage");

    for (const format of ["docx", "html", "md"]) {
      const anonymous = await get(suite.server.url, `/documents/${suite.paperId}/export?format=${format}`);
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toMatch(/^\/login/);
      expect((await get(suite.server.url, `/documents/${suite.paperId}/export?format=${format}`, cookies.westpfalz)).status).toBe(404);
    }
  });
});

describe("lifecycle", () => {
  it("only chairs change the status; a deadline is required for the comment period", async () => {
    expect((await postForm(suite.server.url, `/documents/${suite.paperId}/status`, { to: "adopted" }, { cookie: cookies.by })).status).toBe(403);
    const noDeadline = await postForm(suite.server.url, `/documents/${suite.paperId}/status`, { to: "review" }, { cookie: cookies.leitung });
    expect(noDeadline.status).toBe(400);
    const deadline = new Date(Date.now() + 10 * 864e5).toISOString().slice(0, 10);
    expect((await postForm(suite.server.url, `/documents/${suite.paperId}/status`, { to: "review", deadline }, { cookie: cookies.leitung })).status).toBe(302);
    const start = await (await get(suite.server.url, "/", cookies.ministeriumRp)).text();
    expect(start).toContain(m.start.inReview);
    expect(start).toContain(m.review.deadlineUntil(m.format.day(`${deadline}T00:00:00Z`)));
  });

  it("after adoption the server refuses text updates from every role, including open sockets", async () => {
    const openBefore = await client("by");
    expect((await postForm(suite.server.url, `/documents/${suite.paperId}/status`, { to: "adopted" }, { cookie: cookies.leitung })).status).toBe(302);
    const observer = await client("nw");
    const before = await storedMarkdown();
    const writers = [["by, open before", openBefore], ["chair", await client("leitung")], ["admin", await client("admin")], ["commenter", await client("ministeriumRp")], ["reader", await client("gast")]] as const;
    for (const [who, c] of writers) {
      appendParagraph(c.doc, `Eingefroren? ${who}`);
      await presenceRoundTrip(c, observer);
    }
    expect(bodyText(observer.doc)).not.toContain("Eingefroren?");
    expect(await storedMarkdown()).toBe(before);
    const audit = (suite.sqlite.prepare(`SELECT count(*) AS n FROM "AuditEvent" WHERE targetId = ? AND action = 'document.status'`).get(suite.paperId) as { n: number }).n;
    expect(audit).toBe(2);
    // Comment threads are frozen too: resolving is refused like any other comment write.
    const thread = suite.sqlite.prepare(`SELECT id, resolvedAt FROM "CommentThread" WHERE documentId = ?`).get(suite.paperId) as { id: string; resolvedAt: string | null };
    for (const who of ["ministeriumRp", "by", "leitung"]) {
      expect((await postForm(suite.server.url, `/documents/${suite.paperId}/comments`, { intent: "resolve", threadId: thread.id }, { cookie: cookies[who] })).status, who).toBe(403);
    }
    expect(suite.sqlite.prepare(`SELECT id, resolvedAt FROM "CommentThread" WHERE id = ?`).get(thread.id)).toEqual(thread);
  });
});
