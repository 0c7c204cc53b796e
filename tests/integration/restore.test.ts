// Restoring a version, in-process against a real SQLite copy: it asks for confirmation first (the
// versions route, called as Remix calls it), keeps the replaced text as a version, and applies a
// minimal forward change, so comments on untouched paragraphs stay anchored; an anchor whose text
// was really removed is gone, and the quote fallback finds the words again once they are back.
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorFromRange, anchorText, findText, readYDoc, resolveAnchor } from "../../app/editor/anchors.ts";
import { reanchorByQuote } from "../../app/editor/anchors-fallback.ts";
import type { JsonNode } from "../../app/editor/content.ts";
import { createCommentThread, listCommentThreads } from "../../app/models/comments.server.ts";
import { deriveContent, documentSchema, loadStoredYDoc, yStateFromJson } from "../../app/models/documents.server.ts";
import { parsePostBody } from "../../app/models/forum.server.ts";
import { changeDocumentStatus } from "../../app/models/lifecycle.server.ts";
import { getVersion, listVersions, PaperFrozen, restoreVersion, saveVersion } from "../../app/models/versions.server.ts";
import { m } from "../../app/i18n/messages.ts";
import { action as versionsAction, loader as versionsLoader } from "../../app/routes/documents.$id_.versions.tsx";
import { applyCollabChange } from "../../app/infra/collab-link/index.ts";
import { YJS_FRAGMENT } from "../../app/domain/collab.ts";
import { db, dbReady } from "../../app/db/prisma.server.ts";
import { createSession, sessionCookie } from "../../app/auth/session.server.ts";
import { DEMO } from "../support/paths.ts";

await dbReady;

const P1 = "Die Länder fördern MINT-Bildung entlang der ganzen Bildungskette.";
const P2 = "Wir fordern zwei zusätzliche Stellen pro Land.";
const P3 = "Die Koordinierung übernimmt das Länderforum mit seinen Gremien.";
const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

const ids: Record<string, string> = {};
let documentId: string;

async function cookieFor(email: string) {
  return (await sessionCookie().serialize(await createSession(ids[email], null))).split(";")[0];
}

/** Calls a route function as Remix would; thrown responses (403, redirects) come back as results. */
async function route(fn: typeof versionsLoader | typeof versionsAction, email: string, options: { search?: string; form?: Record<string, string> } = {}) {
  const url = `http://localhost/documents/${documentId}/versions${options.search ?? ""}`;
  const request = new Request(url, options.form
    ? { method: "POST", headers: { Cookie: await cookieFor(email), "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(options.form).toString() }
    : { headers: { Cookie: await cookieFor(email) } });
  let value: unknown;
  try {
    value = await fn({ request, params: { id: documentId }, context: { clientIp: "test" } });
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return { status: value.status, location: value.headers.get("Location"), body: null };
  const init = (value as { type?: string; init?: ResponseInit | null; data?: unknown }) ?? {};
  if (init.type === "DataWithResponseInit") return { status: init.init?.status ?? 200, location: null, body: init.data as Record<string, unknown> };
  return { status: 200, location: null, body: value as Record<string, unknown> };
}

async function stored() {
  const ydoc = (await loadStoredYDoc(documentId))!;
  const { fragment, doc, mapping } = readYDoc(ydoc, documentSchema());
  return { ydoc, fragment, doc, mapping, text: deriveContent(ydoc).text };
}

async function commentOn(words: string) {
  const { fragment, doc, mapping, ydoc } = await stored();
  const range = findText(doc, words)!;
  const anchor = { ...anchorFromRange(fragment, mapping, range.from, range.to), ...anchorText(doc, range.from, range.to) };
  ydoc.destroy();
  const body = parsePostBody(`Zu „${words}“`);
  if (!body.ok) throw new Error(body.error);
  return createCommentThread(ids[DEMO.ministeriumRp], documentId, anchor, body);
}

/** Where each thread's anchor resolves now: its text, or null when the anchored words are gone. */
async function anchoredTexts() {
  const { ydoc, fragment, doc, mapping } = await stored();
  const threads = await listCommentThreads(documentId);
  const result = new Map(threads.map((t) => {
    const range = resolveAnchor(ydoc, fragment, mapping, t);
    return [t.id, range ? doc.textBetween(range.from, range.to) : null] as const;
  }));
  ydoc.destroy();
  return result;
}

function editParagraph(index: number, edit: (text: Y.XmlText) => void) {
  return applyCollabChange(documentId, (ydoc) => edit((ydoc.getXmlFragment(YJS_FRAGMENT).get(index) as Y.XmlElement).get(0) as Y.XmlText));
}

let twoParagraphs: string;
let threeParagraphs: string;
let threads: { first: string; third: string };

beforeAll(async () => {
  for (const u of await db.user.findMany({ select: { id: true, email: true } })) ids[u.email] = u.id;
  // In the open Gremium, where gast@ is a reader and ministerium-rp@ a commenter.
  const space = await db.space.findUniqueOrThrow({ where: { slug: "mint-regionen" }, select: { id: true } });
  const state = yStateFromJson({ type: "doc", content: [paragraph(P1), paragraph(P2)] } as JsonNode);
  documentId = (await db.document.create({
    data: { spaceId: space.id, title: "Wiederherstellen im Test", createdById: ids[DEMO.by], snapshot: Buffer.from(state), snapshotSeq: 0 },
  })).id;
  twoParagraphs = (await saveVersion({ actorId: ids[DEMO.by], documentId, name: "Zwei Absätze", kind: "manual", status: "draft" }))!.id;
  await applyCollabChange(documentId, (ydoc) => {
    const element = new Y.XmlElement("paragraph");
    element.insert(0, [new Y.XmlText(P3)]);
    const fragment = ydoc.getXmlFragment(YJS_FRAGMENT);
    fragment.insert(fragment.length, [element]);
  });
  threeParagraphs = (await saveVersion({ actorId: ids[DEMO.by], documentId, name: "Drei Absätze", kind: "manual", status: "draft" }))!.id;
  threads = { first: (await commentOn("MINT-Bildung")).id, third: (await commentOn("Länderforum")).id };
});

describe("restoring a version", () => {
  it("asks for confirmation first; only the confirmed form restores, and only for editors", async () => {
    await editParagraph(1, (text) => text.insert(text.length, " Sofort."));
    const updates = await db.documentUpdate.count({ where: { documentId } });

    const page = await route(versionsLoader, DEMO.by, { search: `?wiederherstellen=${threeParagraphs}` });
    expect(page.body?.confirm).toMatchObject({ id: threeParagraphs, name: "Drei Absätze" });
    // A reader sees no confirmation (and could not restore).
    const readerPage = await route(versionsLoader, DEMO.gast, { search: `?wiederherstellen=${threeParagraphs}` });
    expect(readerPage).toMatchObject({ status: 200, body: { canRestore: false, confirm: null } });
    // The plain restore button only leads to the confirmation.
    const asked = await route(versionsAction, DEMO.by, { form: { intent: "restore", versionId: threeParagraphs } });
    expect(asked).toMatchObject({ status: 302, location: `/documents/${documentId}/versions?wiederherstellen=${threeParagraphs}` });
    expect(await db.documentUpdate.count({ where: { documentId } })).toBe(updates);
    expect((await route(versionsAction, DEMO.gast, { form: { intent: "restore-confirm", versionId: threeParagraphs } })).status).toBe(403);
    expect((await route(versionsAction, DEMO.by, { form: { intent: "restore-confirm", versionId: "gibt-es-nicht" } })).status).toBe(404);
    expect(await db.documentUpdate.count({ where: { documentId } })).toBe(updates);

    const done = await route(versionsAction, DEMO.by, { form: { intent: "restore-confirm", versionId: threeParagraphs } });
    expect(done.status).toBe(200);
    expect(done.body?.notice).toBe(m.review.restoredKept("Drei Absätze", m.review.versionBeforeRestore("Drei Absätze")));
    expect((await stored()).text).not.toContain("Sofort.");
  });

  it("keeps the replaced text as a version, and comments on untouched paragraphs keep their words", async () => {
    await editParagraph(1, (text) => {
      text.delete(0, text.length);
      text.insert(0, "Ein ganz neuer zweiter Absatz.");
    });
    const edited = (await stored()).text;
    expect(edited).toContain("Ein ganz neuer zweiter Absatz.");
    const updates = await db.documentUpdate.count({ where: { documentId } });

    const result = (await restoreVersion(ids[DEMO.nw], documentId, threeParagraphs))!;

    expect((await stored()).text).toBe([P1, P2, P3].join("\n"));
    const kept = (await getVersion(documentId, result.savedVersionId))!;
    expect(kept).toMatchObject({ name: "vor Wiederherstellung von „Drei Absätze“", kind: "restore", status: "draft" });
    expect(kept.contentJson).toContain("Ein ganz neuer zweiter Absatz.");
    expect((await listVersions(documentId)).map((v) => v.id)).toContain(result.savedVersionId);
    expect(await db.auditEvent.count({ where: { targetId: documentId, action: "document.restore" } })).toBe(2);

    const anchored = await anchoredTexts();
    expect(anchored.get(threads.first)).toBe("MINT-Bildung");
    expect(anchored.get(threads.third)).toBe("Länderforum");
    // One forward update, and it does not re-send the untouched paragraphs.
    const rows = await db.documentUpdate.findMany({ where: { documentId }, orderBy: { seq: "asc" } });
    expect(rows.length).toBe(updates + 1);
    const update = Buffer.from(rows[rows.length - 1].data).toString("utf8");
    expect(update).toContain("zwei zusätzliche Stellen");
    expect(update).not.toContain("Bildungskette");
    expect(update).not.toContain("Koordinierung");
  });

  it("a version without paragraph 3 removes that comment's words: its anchor is gone, the fallback finds nothing", async () => {
    await restoreVersion(ids[DEMO.by], documentId, twoParagraphs);
    expect((await stored()).text).toBe([P1, P2].join("\n"));
    const anchored = await anchoredTexts();
    expect(anchored.get(threads.first)).toBe("MINT-Bildung");
    expect(anchored.get(threads.third)).toBeNull();
    const third = (await listCommentThreads(documentId)).find((t) => t.id === threads.third)!;
    expect(reanchorByQuote((await stored()).doc, third)).toBeNull();
  });

  it("when the words come back as new text, the quote fallback anchors the comment to them again", async () => {
    await restoreVersion(ids[DEMO.by], documentId, threeParagraphs);
    expect((await anchoredTexts()).get(threads.third)).toBeNull(); // new items, so the relative position is gone
    const third = (await listCommentThreads(documentId)).find((t) => t.id === threads.third)!;
    const { doc } = await stored();
    const range = reanchorByQuote(doc, third)!;
    expect(doc.textBetween(range.from, range.to)).toBe("Länderforum");
    expect((await anchoredTexts()).get(threads.first)).toBe("MINT-Bildung");
  });

  it("is refused on an adopted paper, even when asked for directly; the text stays", async () => {
    const doc = await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { id: true, status: true, title: true } });
    expect(await changeDocumentStatus(ids[DEMO.leitung], doc as { id: string; status: "draft"; title: string }, "adopted", { versionName: "Beschlossen" })).toMatchObject({ ok: true });
    const before = (await stored()).text;
    await expect(restoreVersion(ids[DEMO.by], documentId, twoParagraphs)).rejects.toBeInstanceOf(PaperFrozen);
    expect((await route(versionsAction, DEMO.leitung, { form: { intent: "restore-confirm", versionId: twoParagraphs } })).status).toBe(403);
    expect((await stored()).text).toBe(before);
  });
});
