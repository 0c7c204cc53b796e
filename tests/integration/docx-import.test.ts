// The Word round trip in-process against a real SQLite copy (issue 15): real-looking DOCX files built
// with the `docx` package are imported into papers with comment threads, replies and open
// suggestions; hostile files are refused with German messages and leave nothing behind; export →
// import → export → import keeps text, comment ranges and open suggestions; exports are well-formed
// XML whatever was typed.
import JSZip from "jszip";
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/db.server.ts";
import { dbReady } from "../../app/db/prisma.server.ts";
import { readAttribution } from "../../app/docx/attribution.ts";
import { DOCX_LIMITS } from "../../app/domain/model.ts";
import { entryCount } from "../../app/docx/safe-open.ts";
import { listCommentThreads, replyToCommentThread } from "../../app/models/comments.server.ts";
import { parsePostBody } from "../../app/models/forum.server.ts";
import { toDocx } from "../../app/models/document-docx.server.ts";
import { dismissImportReport, importDocx, openImportReport, pairChanges } from "../../app/models/document-import.server.ts";
import { mergeInsertions, type WordInsertion } from "../../app/docx/reader.ts";
import { deriveContent, loadStoredYDoc } from "../../app/models/documents.server.ts";
import { applyStoredChange } from "../../app/models/document-state.server.ts";
import type * as Y from "yjs";
import { loadDocxExport, wordAuthorsOf } from "../../app/models/docx-export.server.ts";
import { acceptSuggestion, findSuggestion } from "../../app/models/suggestions.server.ts";
import { m } from "../../app/i18n/messages.ts";
import { DEMO } from "../support/paths.ts";
import {
  deeplyNestedFile, docmFile, encryptedFile, largeXmlFile, lineBreakInsertionFile, manyAnnotationsFile, manyEntries, notesFile, simpleFile, wordLikeFile, zipBomb,
} from "../support/docx-files.ts";

await dbReady;
let userId: string;
let spaceId: string;

beforeAll(async () => {
  userId = (await db.selectFrom("User").select("id").where("email", "=", DEMO.by).executeTakeFirstOrThrow()).id;
  spaceId = (await db.selectFrom("Space").select("id").where("slug", "=", "laenderbeirat").executeTakeFirstOrThrow()).id;
});

async function importFile(bytes: Buffer, tracked: "suggest" | "accept" = "suggest", fileName = "stellungnahme.docx") {
  const result = await importDocx(userId, { spaceId, fileName, bytes, tracked });
  if (!result.ok) throw new Error(result.message);
  return result.id;
}

/** Imports a file that must be refused; returns the German message. */
async function refused(bytes: Buffer) {
  const result = await importDocx(userId, { spaceId, fileName: "x.docx", bytes, tracked: "suggest" });
  expect(result.ok).toBe(false);
  return (result as { message: string }).message;
}

async function paperJson(id: string) {
  const row = await db.selectFrom("Document").select(["title", "contentJson", "contentText"]).where("id", "=", id).executeTakeFirstOrThrow();
  return { title: row.title, json: JSON.parse(row.contentJson!) as { content: Array<{ type: string; content?: unknown[]; attrs?: Record<string, unknown> }> }, text: row.contentText! };
}

/** Everything the round trip must keep, in a comparable form. */
async function summary(id: string) {
  const ydoc = (await loadStoredYDoc(id))!;
  const text = deriveContent(ydoc).text;
  ydoc.destroy();
  const suggestions = new Map((await db.selectFrom("Suggestion").selectAll().where("documentId", "=", id).execute()).map((s) => [s.threadId, s]));
  const threads = await listCommentThreads(id, { withSuggestions: true });
  const authors = await wordAuthorsOf(id);
  const comments = threads.filter((t) => !suggestions.has(t.id)).map((t) => ({
    quote: t.quote, resolved: Boolean(t.resolvedAt),
    comments: t.comments.map((c) => ({ ...readAttribution(c.bodyJson, authors.get(c.id) ?? null), at: new Date(c.createdAt).toISOString() })),
  }));
  const open = threads.filter((t) => suggestions.get(t.id)?.status === "open").map((t) => {
    const s = suggestions.get(t.id)!;
    return { kind: s.kind, deleted: t.quote, inserted: s.text, insertJson: JSON.parse(s.insertJson), before: t.prefix.slice(-6), author: authors.get(t.comments[0]!.id) ?? null, at: new Date(t.createdAt).toISOString() };
  });
  const order = (a: { quote?: string; deleted?: string; before?: string }, b: typeof a) => JSON.stringify(a).localeCompare(JSON.stringify(b));
  return { text, comments: comments.sort(order), suggestions: open.sort(order) };
}

async function exportDocx(id: string, options = { comments: true, suggestions: true }) {
  const paper = (await loadDocxExport(id, options))!;
  const title = (await db.selectFrom("Document").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title;
  return toDocx(title, paper.json, { subtitle: "Länderbeirat · Entwurf", annotations: paper.annotations });
}

describe("DOCX import", () => {
  it("keeps headings, paragraphs, marks, nested and numbered lists, tables, links and footnotes; reports what it cannot keep", async () => {
    const id = await importFile(await wordLikeFile());
    const { title, json, text } = await paperJson(id);
    expect(title).toBe("Stellungnahme der Länder");
    const types = json.content.map((n) => n.type);
    expect(types.slice(0, 6)).toEqual(["heading", "paragraph", "heading", "bulletList", "orderedList", "paragraph"]);
    expect(json.content[0]).toMatchObject({ attrs: { level: 2 } });
    expect(json.content[2]).toMatchObject({ attrs: { level: 3 } });
    // Tracked changes stay out of the base text (insertions) or in it (deletions) until decided.
    expect(text).toContain("Die Länder fördern MINT-Regionen und eventuell dauerhaft gut und sicher.[1]");
    expect(JSON.stringify(json.content[1])).toContain('{"type":"text","marks":[{"type":"bold"}],"text":"fördern"}');
    expect(JSON.stringify(json.content[1])).toContain('{"type":"text","marks":[{"type":"italic"}],"text":" gut"}');
    // Nested bullet list: "Sprachförderung" is a list inside the "Kita" item.
    expect(JSON.stringify(json.content[3])).toMatch(/"Kita"}\]},\{"type":"bulletList","content":\[\{"type":"listItem","content":\[\{"type":"paragraph","content":\[\{"type":"text","text":"Sprachförderung"/);
    expect(JSON.stringify(json.content[4])).toContain("Zweite Forderung");
    const links = JSON.stringify(json.content[5]);
    expect(links).toContain('"href":"https://www.mint-regionen.de"');
    expect(links).not.toContain("javascript:");
    expect(links).toContain('"text":" und hier."');
    const table = json.content.find((n) => n.type === "table")!;
    expect(JSON.stringify(table)).toContain('"type":"tableHeader"');
    expect(JSON.stringify(table)).toMatch(/"colspan":2[^}]*}[^]*"Summe offen"/);
    expect(text).toContain(`${m.docx.footnotesHeading}\n[1] Quelle: KMK-Bericht 2025.`);

    const report = await openImportReport(id);
    expect(report?.fileName).toBe("stellungnahme.docx");
    expect(report?.items.map((i) => i.kind).sort()).toEqual(["footnotes", "image", "underline", "unsafe-link"]);
    const audit = await db.selectFrom("AuditEvent").select(["action", "details"]).where("targetId", "=", id).execute();
    expect(audit.map((a) => a.action)).toEqual(["document.import"]);
    const event = await db.selectFrom("Event").select(["type", "payload"]).where("payload", "like", `%${id}%`).execute();
    expect(event.map((e) => e.type)).toEqual(["document.created"]);
  });

  it("turns Word comments into anchored threads with replies and resolved state, Word authors kept as text", async () => {
    const id = await importFile(await wordLikeFile());
    const { comments } = await summary(id);
    expect(comments).toEqual([
      {
        quote: "fördern MINT-Regionen", resolved: false,
        comments: [
          { wordAuthor: "Clara Beispiel", paragraphs: ["Bitte mit Zahlen belegen."], at: "2026-11-20T08:00:00.000Z" },
          { wordAuthor: "Dora Muster", paragraphs: ["Zahlen folgen bis Freitag."], at: "2026-11-20T09:00:00.000Z" },
        ],
      },
      { quote: "satz", resolved: true, comments: [{ wordAuthor: "Erik Prüfer", paragraphs: ["Erledigt?"], at: "2026-11-20T10:00:00.000Z" }] },
    ]);
    const threads = await db.selectFrom("CommentThread").select("authorId").where("documentId", "=", id).execute();
    expect(new Set(threads.map((t) => t.authorId))).toEqual(new Set([userId]));
  });

  it("turns tracked changes into open suggestions: insertion, deletion and a same-author replacement", async () => {
    const id = await importFile(await wordLikeFile());
    const { suggestions } = await summary(id);
    expect(suggestions.map(({ insertJson: _, ...s }) => s)).toEqual([
      { kind: "delete", deleted: "eventuell ", inserted: "", before: "n und ", author: "Clara Beispiel", at: "2026-11-21T09:30:00.000Z" },
      { kind: "insert", deleted: "", inserted: "gemeinsam ", before: "änder ", author: "Clara Beispiel", at: "2026-11-21T09:30:00.000Z" },
      { kind: "replace", deleted: "dauerhaft", inserted: "langfristig", before: "tuell ", author: "Dora Muster", at: "2026-11-22T10:00:00.000Z" },
    ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
  });

  it("imported suggestions pass the editor's checks: one is accepted into the text, one across a line break is reported", async () => {
    const id = await importFile(await lineBreakInsertionFile());
    const open = await db.selectFrom("Suggestion").select(["id", "text"]).where("documentId", "=", id).execute();
    expect(open.map((s) => s.text)).toEqual([" nachhaltig"]);
    expect((await openImportReport(id))?.items.map((i) => i.kind)).toContain("suggestion-not-kept");
    const row = (await findSuggestion(id, open[0]!.id))!;
    expect(await acceptSuggestion(userId, row)).toBe("applied");
    const ydoc = (await loadStoredYDoc(id))!;
    expect(deriveContent(ydoc).text).toContain("Die Länder fördern nachhaltig MINT-Regionen.");
    ydoc.destroy();
  });

  it("accepts tracked changes on request (tracked=accept)", async () => {
    const id = await importFile(await wordLikeFile(), "accept");
    const { text } = await paperJson(id);
    expect(text).toContain("Die Länder gemeinsam fördern MINT-Regionen und langfristig gut");
    expect(await db.selectFrom("Suggestion").select("id").where("documentId", "=", id).execute()).toEqual([]);
  });

  it("refuses .docm, encrypted, legacy, non-DOCX, broken files and zip bombs with German messages, and creates nothing", async () => {
    const count = async () => (await db.selectFrom("Document").select("id").execute()).length;
    const before = await count();
    const r = m.docx.errors.refused;
    expect(await refused(await docmFile())).toBe(r["macro-enabled"]);
    expect(await refused(encryptedFile())).toBe(r["encrypted-or-legacy"]);
    expect(await refused(Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\n"))).toBe(r["not-docx"]);
    expect(await refused(Buffer.from("Hallo, ich bin eine Textdatei."))).toBe(r["not-docx"]);
    expect(await refused(Buffer.alloc(0))).toBe(r["not-docx"]);
    const good = await simpleFile("Kaputt");
    expect(await refused(good.subarray(0, good.length - 40))).toBe(r.broken);
    expect(await refused(await zipBomb(40))).toBe(r["too-big-inflated"]);
    expect(await refused(await zipBomb(40, { lieAboutSize: true }))).toBe(r["too-big-inflated"]);
    expect(await refused(await manyEntries())).toBe(r["too-many-entries"]);
    // An archive whose end record claims one entry is counted by its central directory, before JSZip builds 5,000 objects.
    const lying = await manyEntries(5000, { lieAboutCount: true });
    expect(entryCount(lying, DOCX_LIMITS.maxEntries)).toBeGreaterThan(DOCX_LIMITS.maxEntries);
    expect(await refused(lying)).toBe(r["too-many-entries"]);
    // A .dotx template is not a document.
    const zip = await JSZip.loadAsync(good);
    zip.file("[Content_Types].xml", (await zip.file("[Content_Types].xml")!.async("string")).replace("document.main+xml", "template.main+xml"));
    expect(await refused(await zip.generateAsync({ type: "nodebuffer" }))).toBe(r.template);
    // A DOCTYPE (entity expansion) in a part is refused, not expanded.
    const lol = await JSZip.loadAsync(good);
    lol.file("word/document.xml", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`);
    expect(await refused(await lol.generateAsync({ type: "nodebuffer" }))).toBe(r.broken);
    expect(await count()).toBe(before);
  });

  it("cleans control characters and keeps bidi marks out of names in what it reads", async () => {
    const zip = await JSZip.loadAsync(await simpleFile("x"));
    const xml = (await zip.file("word/document.xml")!.async("string")).replace(/<w:t[^>]*>x<\/w:t>/, `<w:t xml:space="preserve">Steuer&#x1;zeichen \u202Eweg</w:t>`);
    zip.file("word/document.xml", xml);
    const id = await importFile(await zip.generateAsync({ type: "nodebuffer" }), "suggest", "Na\u202Eme\u0001.docx");
    const { text } = await paperJson(id);
    expect(text).toBe("Steuerzeichen \u202Eweg");
    expect((await db.selectFrom("DocumentImportReport").select("fileName").where("documentId", "=", id).executeTakeFirst())).toBeUndefined();
    expect((await paperJson(id)).title).toBe("Name");
  });

  it("keeps exactly maxComments comments and reports the rest, replies of a cut thread included, before planning", async () => {
    const id = await importFile(await manyAnnotationsFile({ comments: DOCX_LIMITS.maxComments + 3, replies: 2 }));
    const threads = await db.selectFrom("CommentThread").select("id").where("documentId", "=", id).execute();
    const comments = await db.selectFrom("Comment").innerJoin("CommentThread", "CommentThread.id", "Comment.threadId")
      .select("Comment.id").where("CommentThread.documentId", "=", id).execute();
    expect(threads.length).toBe(DOCX_LIMITS.maxComments);
    expect(comments.length).toBe(DOCX_LIMITS.maxComments);
    // 3 roots over the cap and the 2 replies to the last of them (not turned into threads of their own).
    expect((await openImportReport(id))?.items).toEqual([{ kind: "too-many", count: 5 }]);
  });

  it("plans only the tracked changes the threads leave room for: the rest is reported as too many, not checked", async () => {
    const comments = 10;
    const over = 4;
    const insertions = DOCX_LIMITS.maxAnnotations - comments + over;
    // The changes over the cap could not be kept as suggestions anyway (line breaks): planned, they would be "not kept".
    const id = await importFile(await manyAnnotationsFile({ comments, insertions, breakingInsertions: over }));
    const threads = await db.selectFrom("CommentThread").select("id").where("documentId", "=", id).execute();
    const suggestions = await db.selectFrom("Suggestion").select("id").where("documentId", "=", id).execute();
    expect(threads.length).toBe(DOCX_LIMITS.maxAnnotations);
    expect(suggestions.length).toBe(DOCX_LIMITS.maxAnnotations - comments);
    expect((await openImportReport(id))?.items).toEqual([{ kind: "too-many", count: over }]);
  });

  it("refuses XML nested deeper than maxXmlDepth in German, and XML parts over maxXmlPartBytes", async () => {
    expect(await refused(await deeplyNestedFile(DOCX_LIMITS.maxXmlDepth + 10))).toBe(m.docx.errors.refused["too-deep"]);
    expect(m.docx.errors.refused["too-deep"]).toMatch(/verschachtelt/);
    // Within the depth, the same structure is an ordinary paper.
    const ok = await importFile(await deeplyNestedFile(20));
    expect((await paperJson(ok)).text).toBe("tief");
    expect(await refused(await largeXmlFile(DOCX_LIMITS.maxXmlPartBytes / 1024 / 1024 + 1))).toBe(m.docx.errors.refused["too-big-inflated"]);
  });

  it("pairs a deletion with the same author's first insertion at its end or start (indexed, one pass) and merges split insertions in place", () => {
    const text = (t: string) => [{ type: "text", text: t }];
    const ins = (author: string, at: number, t: string): WordInsertion => ({ author, at, date: null, content: text(t) });
    const insertions = [ins("A", 10, "a10"), ins("B", 10, "b10"), ins("A", 5, "a5"), ins("A", 10, "a10bis"), ins("A", 30, "a30")];
    const del = (author: string, from: number, to: number) => ({ author, from, to, date: null });
    const changes = pairChanges([del("A", 5, 10), del("A", 10, 12), del("A", 5, 7), del("B", 20, 25)], insertions);
    expect(changes.map((c) => [c.del ? `${c.del.author}${c.del.from}-${c.del.to}` : null, c.ins ? (c.ins.content[0] as { text: string }).text : null])).toEqual([
      ["A5-10", "a10"], ["A10-12", "a10bis"], ["A5-7", "a5"], ["B20-25", null], [null, "b10"], [null, "a30"],
    ]);
    const pieces = [ins("A", 3, "ein"), ins("A", 3, "ge"), ins("A", 3, "fügt"), ins("B", 3, "x")];
    const merged = mergeInsertions(pieces);
    expect(merged.map((i) => [i.author, i.content.map((n) => n.text).join("")])).toEqual([["A", "eingefügt"], ["B", "x"]]);
    expect(pieces[0]!.content).toHaveLength(1); // the reader's pieces are not changed
  });

  it("imports endnotes like footnotes (text at the end) and reports both with their number", async () => {
    const id = await importFile(await notesFile());
    const { text } = await paperJson(id);
    expect(text).toContain("Satz[1] mit Quellen[i] und mehr[ii].");
    expect(text).toContain(`${m.docx.footnotesHeading}\n[1] Fußnote eins.`);
    expect(text).toContain(`${m.docx.endnotesHeading}\n[i] Endnote eins.\n[ii] Endnote zwei.`);
    expect((await openImportReport(id))?.items).toEqual([{ kind: "footnotes", count: 3 }]);
  });

  it("keeps the report until it is dismissed, once", async () => {
    const id = await importFile(await wordLikeFile());
    expect(await openImportReport(id)).not.toBeNull();
    expect(await dismissImportReport(userId, id)).toBe(true);
    expect(await dismissImportReport(userId, id)).toBe(false);
    expect(await openImportReport(id)).toBeNull();
  });
});

describe("DOCX round trip", () => {
  it("export with comments and suggestions → import → export → import keeps text, comment ranges and open suggestions", async () => {
    const first = await importFile(await wordLikeFile({ image: false }));
    const firstExport = await exportDocx(first);
    const second = await importFile(firstExport, "suggest", "runde-1.docx");
    const third = await importFile(await exportDocx(second), "suggest", "runde-2.docx");
    const [a, b, c] = [await summary(first), await summary(second), await summary(third)];
    expect(a.comments.length).toBe(2);
    expect(a.suggestions.length).toBe(3);
    expect(b).toEqual(a);
    expect(c).toEqual(b);
    expect((await paperJson(second)).title).toBe((await paperJson(first)).title);
  });

  it("names the Word author only for what the import brought in: a typed 'Aus Word von' line makes nobody else the author", async () => {
    const id = await importFile(await wordLikeFile({ image: false }));
    const [thread] = await listCommentThreads(id);
    const forged = parsePostBody(JSON.stringify({ type: "doc", content: [
      { type: "paragraph", content: [{ type: "text", text: `${m.docx.wordAuthorPrefix}Ministerin Beispiel` }] },
      { type: "paragraph", content: [{ type: "text", text: "Einverstanden." }] },
    ] }));
    if (!forged.ok) throw new Error("body");
    await replyToCommentThread(userId, { id: thread!.id, documentId: id }, forged);
    const comments = await (await JSZip.loadAsync(await exportDocx(id))).file("word/comments.xml")!.async("string");
    expect(comments).not.toContain('w:author="Ministerin Beispiel"');
    const byName = (await db.selectFrom("User").select("name").where("id", "=", userId).executeTakeFirstOrThrow()).name;
    expect(comments).toContain(`w:author="${byName}"`);
    expect(comments).toContain(`${m.docx.wordAuthorPrefix}Ministerin Beispiel`); // kept as the text it is
    expect(comments).toContain('w:author="Clara Beispiel"'); // the imported ones keep their Word author
  });

  it("writes real Word comments (ranges, references, replies, done) and tracked changes (author, date)", async () => {
    const id = await importFile(await wordLikeFile({ image: false }));
    const zip = await JSZip.loadAsync(await exportDocx(id));
    const document = await zip.file("word/document.xml")!.async("string");
    const comments = await zip.file("word/comments.xml")!.async("string");
    const extended = await zip.file("word/commentsExtended.xml")!.async("string");
    expect(document.match(/<w:commentRangeStart /g)).toHaveLength(3);
    expect(document.match(/<w:commentRangeEnd /g)).toHaveLength(3);
    expect(document.match(/<w:commentReference /g)).toHaveLength(3);
    expect(comments).toContain('w:author="Clara Beispiel"');
    expect(comments).toContain('w:author="Dora Muster"');
    expect(comments).not.toContain(m.docx.wordAuthorPrefix);
    expect(extended).toMatch(/w15:paraIdParent=/);
    expect(extended).toMatch(/w15:done="1"/);
    expect(document).toMatch(/<w:ins w:id="\d+" w:author="Clara Beispiel" w:date="2026-11-21T09:30:00Z">.*?gemeinsam /);
    expect(document).toMatch(/<w:del w:id="\d+" w:author="Dora Muster" w:date="2026-11-22T10:00:00Z">.*?<w:delText[^>]*>dauerhaft<\/w:delText>/);
    expect(await zip.file("word/settings.xml")!.async("string")).toContain("<w:trackRevisions/>");
    // Without the flags: no comments part, no revisions.
    const plain = await JSZip.loadAsync(await exportDocx(id, { comments: false, suggestions: false }));
    expect(plain.file("word/comments.xml")).toBeNull();
    expect(await plain.file("word/document.xml")!.async("string")).not.toMatch(/<w:(ins|del) /);
    expect(await plain.file("word/document.xml")!.async("string")).toContain("dauerhaft");
  });

  it("leaves a stale suggestion (its words changed since) out of the tracked changes; the others stay", async () => {
    const id = await importFile(await wordLikeFile({ image: false }));
    // Someone edits inside "dauerhaft", which Dora's replacement covers: its anchors still resolve, its quote no longer matches.
    await applyStoredChange(id, (ydoc) => {
      const paragraph = ydoc.getXmlFragment("default").get(1) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      // Plain characters (toString() would count the formatting tags it writes); an embed is one position.
      const plain = (text.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === "string" ? op.insert : " ")).join("");
      const at = plain.indexOf("dauerhaft");
      expect(at).toBeGreaterThan(0);
      text.insert(at + "dauer".length, "XX");
    });
    const document = await (await JSZip.loadAsync(await exportDocx(id, { comments: false, suggestions: true }))).file("word/document.xml")!.async("string");
    const ydoc = (await loadStoredYDoc(id))!;
    expect(deriveContent(ydoc).text).toContain("eventuell dauerXXhaft gut"); // the edit landed inside the replaced words
    ydoc.destroy();
    expect(document).not.toMatch(/<w:del [^>]*w:author="Dora Muster"/);
    expect(document).not.toMatch(/<w:ins [^>]*w:author="Dora Muster"/);
    expect(document).not.toContain("langfristig");
    // Clara's insertion and deletion elsewhere in the paragraph are still tracked changes.
    expect(document).toMatch(/<w:ins [^>]*w:author="Clara Beispiel"[^>]*>.*?gemeinsam /);
    expect(document).toMatch(/<w:del [^>]*w:author="Clara Beispiel"[^>]*>.*?eventuell /);
  });

  it("keeps ranges that cross paragraphs, sit in table cells, start a paragraph or end the paper", async () => {
    const para = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
    const json = { type: "doc", content: [
      para("Erster Absatz"), // 0..15, text 1..14
      para("Zweiter Absatz"), // 15..31, text 16..30
      { type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [para("Zelle")] }] }] }, // 31..44, text 35..40
      para("Ende"), // 44..50, text 45..49
    ] };
    const date = new Date("2026-11-23T12:00:00Z");
    const docx = await toDocx("Grenzfälle", json as never, { subtitle: "x", annotations: {
      threads: [
        { from: 8, to: 23, resolved: false, comments: [{ author: "A", date, paragraphs: ["über zwei Absätze"] }] },
        { from: 35, to: 40, resolved: false, comments: [{ author: "B", date, paragraphs: ["in der Zelle"] }] },
      ],
      suggestions: [
        { kind: "insert", from: 16, to: 16, author: "C", date, insert: [{ type: "text", text: "Neu: " }] },
        { kind: "insert", from: 49, to: 49, author: "C", date, insert: [{ type: "text", text: " und aus" }] },
        { kind: "delete", from: 1, to: 7, author: "D", date, insert: [] },
      ],
    } });
    const id = await importFile(docx);
    const { comments, suggestions, text } = await summary(id);
    expect(text).toBe("Erster Absatz\nZweiter Absatz\nZelle\nEnde");
    expect(comments.map((c) => c.quote)).toEqual(["Absatz Zweiter", "Zelle"]);
    expect(suggestions.map((s) => [s.kind, s.deleted, s.inserted, s.author])).toEqual([
      ["delete", "Erster", "", "D"], ["insert", "", " und aus", "C"], ["insert", "", "Neu: ", "C"],
    ]);
  });

  it("document.xml and comments.xml stay well-formed whatever was typed (control characters, bidi marks)", async () => {
    const hostile = "Te\u0001xt \u202Egnp.exe \u200F\u061C <&>\"' \uFFFE \uD800 ]]>";
    const zip = await JSZip.loadAsync(await simpleFile("x"));
    const xml = (await zip.file("word/document.xml")!.async("string")).replace(/<w:t[^>]*>x<\/w:t>/, `<w:t xml:space="preserve">Anfang &#x1;&#x202E; Ende</w:t>`);
    zip.file("word/document.xml", xml);
    const id = await importFile(await zip.generateAsync({ type: "nodebuffer" }));
    // A thread whose body holds everything hostile, on the text the import produced.
    const [thread] = await db.selectFrom("CommentThread").select("id").where("documentId", "=", id).execute();
    expect(thread).toBeUndefined();
    const paper = (await loadDocxExport(id, { comments: true, suggestions: true }))!;
    const out = await JSZip.loadAsync(await toDocx(`Titel ${hostile}`, paper.json, {
      subtitle: hostile,
      annotations: {
        threads: [{ from: 1, to: 7, resolved: false, comments: [{ author: hostile, date: new Date(), paragraphs: [hostile, hostile] }] }],
        suggestions: [{ kind: "replace", from: 2, to: 5, author: hostile, date: new Date(), insert: [{ type: "text", text: hostile }] }],
      },
    }));
    for (const name of ["word/document.xml", "word/comments.xml", "docProps/core.xml"]) {
      const part = await out.file(name)!.async("string");
      expect(XMLValidator.validate(part), name).toBe(true);
      expect(part, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    }
  });
});
