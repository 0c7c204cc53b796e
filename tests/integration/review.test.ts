// Reviewing drafts, in-process against a real SQLite copy: comment rights, resolve rights per role,
// lifecycle transitions with frozen text, versions and their restore and comparison.
import { beforeAll, describe, expect, it } from "vitest";
import { anchorFromRange, anchorText, findText, readYDoc } from "../../app/editor/anchors.ts";
import { canResolve, createCommentThread, listCommentThreads, replyToCommentThread } from "../../app/models/comments.server.ts";
import { deriveContent, documentAccessFor, documentSchema, loadStoredYDoc, setDocumentAccess } from "../../app/models/documents.server.ts";
import { changeDocumentStatus, sendDeadlineReminders } from "../../app/models/lifecycle.server.ts";
import { loadActors } from "../../app/models/notifications.server.ts";
import { compareContents, getVersion, listVersions, restoreVersion, saveVersion } from "../../app/models/versions.server.ts";
import { applyCollabChange } from "../../app/infra/collab-link/index.ts";
import { db, dbReady } from "../../app/db/prisma.server.ts";
import { drainEvents } from "../../app/events/processor.server.ts";
import { can, type Actor } from "../../app/domain/permissions.ts";
import { DEMO } from "../support/paths.ts";
import { postBody } from "../support/posts.ts";

await dbReady;
const PAPER = "Positionspapier: MINT-Bildung entlang der Bildungskette";
let documentId: string;
const ids: Record<string, string> = {};
const actor = async (email: string): Promise<Actor> => (await loadActors([ids[email]]))[0];
const access = async (email: string) => (await documentAccessFor(await actor(email), documentId))!;
const body = postBody;
const currentText = async () => {
  const ydoc = (await loadStoredYDoc(documentId))!;
  return deriveContent(ydoc).text;
};

async function anchorOnFirstWords() {
  const ydoc = (await loadStoredYDoc(documentId))!;
  const { fragment, doc, mapping } = readYDoc(ydoc, documentSchema());
  const text = doc.textBetween(0, doc.content.size, "\n").split("\n").find((l) => l.length > 40)!;
  const range = findText(doc, text.slice(0, 30))!;
  return { ...anchorFromRange(fragment, mapping, range.from, range.to), ...anchorText(doc, range.from, range.to) };
}

beforeAll(async () => {
  for (const u of await db.user.findMany({ select: { id: true, email: true } })) ids[u.email] = u.id;
  documentId = (await db.document.findFirstOrThrow({ where: { title: PAPER } })).id;
});

describe("comments on the seeded paper", () => {
  it("a commenter may comment though their text updates are refused; a reader may not comment", async () => {
    const rp = await access(DEMO.ministeriumRp);
    expect(rp.role).toBe("commenter");
    expect(can(await actor(DEMO.ministeriumRp), "comment", rp.resource)).toBe(true);
    expect(can(await actor(DEMO.ministeriumRp), "edit", rp.resource)).toBe(false);
    const gast = await access(DEMO.gast);
    expect(gast.role).toBe("reader");
    expect(can(await actor(DEMO.gast), "comment", gast.resource)).toBe(false);

    const thread = await createCommentThread(ids[DEMO.ministeriumRp], documentId, await anchorOnFirstWords(), body("Bitte die Zahlen belegen."));
    const threads = await listCommentThreads(documentId);
    expect(threads.find((t) => t.id === thread.id)?.comments[0].authorId).toBe(ids[DEMO.ministeriumRp]);
    // The author of the paper (an editor) is notified, off the request.
    await drainEvents();
    const paper = await db.document.findUniqueOrThrow({ where: { id: documentId } });
    expect(await db.notification.count({ where: { documentId, userId: paper.createdById, kind: "document-comment" } })).toBe(paper.createdById === ids[DEMO.ministeriumRp] ? 0 : 1);
  });

  it("a chair invites a commenter to one document, who is notified and may comment on it only", async () => {
    const reviewer = "westpfalz@laenderforum.example";
    expect((await access(reviewer)).role).toBeNull();
    await setDocumentAccess(ids[DEMO.leitung], documentId, ids[reviewer], "commenter");
    await drainEvents();
    expect(await db.notification.count({ where: { documentId, userId: ids[reviewer], kind: "document-invite" } })).toBe(1);
    const granted = await access(reviewer);
    expect(can(await actor(reviewer), "comment", granted.resource)).toBe(true);
    expect(can(await actor(reviewer), "edit", granted.resource)).toBe(false);
  });

  it("a reply notifies the thread's participants, and @Name mentions notify that person", async () => {
    const thread = await createCommentThread(ids[DEMO.nw], documentId, await anchorOnFirstWords(), body("Ist das so gemeint?"));
    await replyToCommentThread(ids[DEMO.by], { id: thread.id, documentId }, body("Ja – @Dr. Helga Reinhardt, sehen Sie das auch so?"));
    await drainEvents();
    expect(await db.notification.count({ where: { documentId, userId: ids[DEMO.nw], kind: "comment-reply" } })).toBe(1);
    expect(await db.notification.count({ where: { documentId, userId: ids[DEMO.ministeriumRp], kind: "mention" } })).toBe(1);
    expect(await db.notification.count({ where: { documentId, userId: ids[DEMO.by], kind: { in: ["comment-reply", "mention"] } } })).toBe(0);
  });

  it("resolve rights: the thread's author, editors and chairs; not other commenters or readers", async () => {
    const thread = { authorId: ids[DEMO.ministeriumRp] };
    const check = async (email: string) => canResolve(await actor(email), (await access(email)).resource, thread);
    expect(await check(DEMO.ministeriumRp)).toBe(true);
    expect(await check(DEMO.by)).toBe(true);
    expect(await check(DEMO.nw)).toBe(true);
    expect(await check(DEMO.leitung)).toBe(true);
    expect(await check(DEMO.gast)).toBe(false);
    expect(canResolve(await actor(DEMO.ministeriumRp), (await access(DEMO.ministeriumRp)).resource, { authorId: ids[DEMO.by] })).toBe(false);
  });
});

describe("lifecycle and versions", () => {
  it("moves through the states, freezes the text when adopted, and saves a version each time", async () => {
    const chair = ids[DEMO.leitung];
    const doc = async () => (await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { id: true, status: true, title: true } })) as { id: string; status: "draft"; title: string };
    expect(await changeDocumentStatus(chair, await doc(), "review", { versionName: "Kommentierung" })).toEqual({ ok: false, reason: "deadline-required" });
    expect(await changeDocumentStatus(chair, await doc(), "published", { versionName: "x" })).toEqual({ ok: false, reason: "not-allowed" });
    const before = (await listVersions(documentId)).length;
    expect(await changeDocumentStatus(chair, await doc(), "review", { versionName: "Kommentierung", deadline: new Date(Date.now() + 7 * 864e5) })).toMatchObject({ ok: true });
    expect(can(await actor(DEMO.by), "edit", (await access(DEMO.by)).resource)).toBe(true);
    await drainEvents();
    expect(await db.notification.count({ where: { documentId, kind: "document-review", userId: ids[DEMO.ministeriumRp] } })).toBe(1);

    const adopted = await changeDocumentStatus(chair, await doc(), "adopted", { versionName: "Beschlossen" });
    expect(adopted).toMatchObject({ ok: true });
    // The adopted version is the text at the change, and it carries the new status.
    const adoptedVersion = await db.documentVersion.findUniqueOrThrow({ where: { id: (adopted as { versionId: string }).versionId } });
    expect(adoptedVersion).toMatchObject({ name: "Beschlossen", kind: "status", status: "adopted" });
    expect(JSON.parse(adoptedVersion.contentJson)).toEqual(deriveContent((await loadStoredYDoc(documentId))!).json);
    for (const email of [DEMO.by, DEMO.nw, DEMO.leitung, DEMO.admin]) {
      expect(can(await actor(email), "edit", (await access(email)).resource), email).toBe(false);
    }
    expect(can(await actor(DEMO.ministeriumRp), "comment", (await access(DEMO.ministeriumRp)).resource)).toBe(false);
    expect(await changeDocumentStatus(chair, await doc(), "draft", { versionName: "Wieder geöffnet" })).toMatchObject({ ok: true });
    expect(can(await actor(DEMO.by), "edit", (await access(DEMO.by)).resource)).toBe(true);
    expect((await listVersions(documentId)).length).toBe(before + 3);
    expect(await db.auditEvent.count({ where: { targetId: documentId, action: "document.status" } })).toBe(3);
  });

  it("status, version and audit entry commit together; a second transition from the same status is refused without a version", async () => {
    const chair = ids[DEMO.leitung];
    const from = (await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { id: true, status: true, title: true } })) as { id: string; status: "draft"; title: string };
    expect(from.status).toBe("draft");
    const counts = async () => ({
      versions: await db.documentVersion.count({ where: { documentId, kind: "status" } }),
      audits: await db.auditEvent.count({ where: { targetId: documentId, action: "document.status" } }),
    });
    const before = await counts();
    // A write inside the step fails after the status was set (an actor that no longer exists breaks
    // the audit entry's foreign key): nothing of the step remains.
    await expect(changeDocumentStatus("gibt-es-nicht", from, "adopted", { versionName: "Halb" })).rejects.toThrow();
    expect((await db.document.findUniqueOrThrow({ where: { id: documentId } })).status).toBe("draft");
    expect(await counts()).toEqual(before);
    expect(await db.documentVersion.count({ where: { documentId, name: "Halb" } })).toBe(0);
    // Two chairs submit at once from the same page state: exactly one wins.
    const results = await Promise.all([
      changeDocumentStatus(chair, from, "archived", { versionName: "Archiviert A" }),
      changeDocumentStatus(ids[DEMO.admin], from, "adopted", { versionName: "Beschlossen B" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "not-allowed" }]);
    expect(await counts()).toEqual({ versions: before.versions + 1, audits: before.audits + 1 });
    const winner = results.findIndex((r) => r.ok);
    const status = (await db.document.findUniqueOrThrow({ where: { id: documentId } })).status;
    expect(status).toBe(winner === 0 ? "archived" : "adopted");
    expect(await db.documentVersion.count({ where: { documentId, name: winner === 0 ? "Beschlossen B" : "Archiviert A" } })).toBe(0);
    // A stale page (still showing "draft") cannot move the paper again.
    expect(await changeDocumentStatus(chair, from, "review", { versionName: "x", deadline: new Date(Date.now() + 864e5) })).toEqual({ ok: false, reason: "not-allowed" });
    expect(await counts()).toEqual({ versions: before.versions + 1, audits: before.audits + 1 });
    const current = (await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { id: true, status: true, title: true } })) as { id: string; status: "adopted" | "archived"; title: string };
    expect(await changeDocumentStatus(chair, current, "draft", { versionName: "Wieder Entwurf" })).toMatchObject({ ok: true });
  });

  it("restoring a version yields exactly that version's text, as a forward change", async () => {
    const saved = await saveVersion({ actorId: ids[DEMO.by], documentId, name: "Vor der Überarbeitung", kind: "manual", status: "draft" });
    const original = await currentText();
    await applyCollabChange(documentId, (ydoc) => {
      const paragraph = ydoc.getXmlFragment("default").get(1) as import("yjs").XmlElement;
      (paragraph.get(0) as import("yjs").XmlText).insert(0, "GEÄNDERT: ");
    });
    expect(await currentText()).not.toBe(original);
    const updatesBefore = await db.documentUpdate.count({ where: { documentId } });
    const restored = await restoreVersion(ids[DEMO.by], documentId, saved!.id);
    expect(restored).toEqual({ savedVersionId: expect.any(String) });
    expect(await currentText()).toBe(original);
    // The replaced text was kept as a version first.
    const kept = (await getVersion(documentId, restored!.savedVersionId))!;
    expect(kept).toMatchObject({ name: "vor Wiederherstellung von „Vor der Überarbeitung“", kind: "restore" });
    expect(kept.contentJson).toContain("GEÄNDERT: ");
    expect(await db.documentUpdate.count({ where: { documentId } })).toBe(updatesBefore + 1);
    const version = await getVersion(documentId, saved!.id);
    expect(version?.name).toBe("Vor der Überarbeitung");
  });

  it("compares two bodies word by word (bounded: version-compare.server.test.ts)", () => {
    const doc = (t: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: t }] }] });
    const { parts, complete } = compareContents(doc("Die Länder fördern MINT."), doc("Die Länder fördern MINT verlässlich."));
    expect(complete).toBe(true);
    expect(parts.filter((p) => p.kind === "insert").map((p) => p.text.trim())).toEqual(["verlässlich"]);
    expect(parts.filter((p) => p.kind === "delete")).toEqual([]);
    const removed = compareContents(doc("Wir fordern zwei Stellen pro Land."), doc("Wir fordern Stellen pro Land.")).parts;
    expect(removed.filter((p) => p.kind === "delete").map((p) => p.text.trim())).toEqual(["zwei"]);
  });
});

describe("deadline reminders", () => {
  it("remind everyone who may comment once, a day before the deadline", async () => {
    const chair = ids[DEMO.leitung];
    const doc = await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { id: true, status: true, title: true } });
    const inTwelveHours = new Date(Date.now() + 12 * 60 * 60 * 1000);
    await changeDocumentStatus(chair, doc as never, "review", { versionName: "Kommentierung", deadline: inTwelveHours });
    const reminders = () => db.notification.count({ where: { documentId, kind: "document-deadline" } });
    expect(await sendDeadlineReminders(new Date(inTwelveHours.getTime() - 3 * 24 * 60 * 60 * 1000))).toBe(0);
    expect(await sendDeadlineReminders()).toBe(1);
    expect(await db.notification.count({ where: { documentId, kind: "document-deadline", userId: ids[DEMO.ministeriumRp] } })).toBe(1);
    const sent = await reminders();
    expect(await sendDeadlineReminders()).toBe(0);
    expect(await reminders()).toBe(sent);
  });
});
