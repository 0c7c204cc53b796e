// The one way to notify (issue 11), in-process against a real SQLite copy: for each kind of
// notification, who gets it (decided with `can` on the state when the event runs, never the actor),
// and that the mail follows the recipient's preference (instant: queued now; daily: left for the
// overview). Also the event log's hygiene: processed events are pruned, the lease is released on stop.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/db.server.ts";
import { dbDate, dbNow, newId } from "../../app/db/values.ts";
import type { NotificationKind } from "../../app/domain/model.ts";
import { drainEvents, EVENT_LEASE, EVENT_LIMITS, pruneProcessedEvents, startEventProcessor } from "../../app/events/processor.server.ts";
import { leaseHolder } from "../../app/events/leases.server.ts";
import { recordEvent } from "../../app/events/record.server.ts";
import { createCommentThread, replyToCommentThread } from "../../app/models/comments.server.ts";
import { createDocument, setDocumentAccess } from "../../app/models/documents.server.ts";
import { acceptAnswer, createReply, createThread, parsePostBody, setWatch } from "../../app/models/forum.server.ts";
import { changeDocumentStatus, sendDeadlineReminders } from "../../app/models/lifecycle.server.ts";
import { savePreferences } from "../../app/models/mail-preferences.server.ts";
import { DEMO } from "../support/paths.ts";

const ids: Record<string, string> = {};
const spaces: Record<string, { id: string; visibility: "members" | "platform" }> = {};
const quiet = { error: () => {} };
const RP = "rp@laenderforum.example";
const TH = "th@laenderforum.example";
const BW = "bw@laenderforum.example";

beforeAll(async () => {
  for (const u of await db.selectFrom("User").select(["id", "email"]).execute()) ids[u.email] = u.id;
  for (const s of await db.selectFrom("Space").select(["id", "slug", "visibility"]).execute()) spaces[s.slug] = { id: s.id, visibility: s.visibility };
  await drainEvents(quiet);
});

const text = (value: string) => {
  const parsed = parsePostBody(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed;
};
const withMentions = (...people: string[]) => {
  const parsed = parsePostBody(JSON.stringify({
    type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Bitte ansehen: " }, ...people.map((email) => ({ type: "mention", attrs: { id: ids[email], label: email } }))] }],
  }));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed;
};

/** Who got a notification of `kind` about the target. */
async function notified(kind: NotificationKind, target: { threadId?: string; postId?: string; documentId?: string }) {
  let query = db.selectFrom("Notification").innerJoin("User", "User.id", "Notification.userId").select("User.email").where("Notification.kind", "=", kind);
  if (target.threadId) query = query.where("Notification.threadId", "=", target.threadId);
  if (target.postId) query = query.where("Notification.postId", "=", target.postId);
  if (target.documentId) query = query.where("Notification.documentId", "=", target.documentId);
  return (await query.execute()).map((r) => r.email).sort();
}

/** The instant mails of `kind` queued for `email` whose text mentions `title`. */
async function mailsTo(email: string, kind: string, title: string) {
  const rows = await db.selectFrom("OutboundMail").select(["subject", "displayText"]).where("toAddress", "=", email).where("kind", "=", `notification:${kind}`).execute();
  return rows.filter((r) => r.displayText.includes(title) || r.subject.includes(title));
}

async function beiratThread() {
  return db.selectFrom("Thread").select(["id", "title"]).where("spaceId", "=", spaces.laenderbeirat.id).where("deletedAt", "is", null).orderBy("id").executeTakeFirstOrThrow();
}

async function leave(email: string, slug: string) {
  await db.deleteFrom("Membership").where("userId", "=", ids[email]).where("spaceId", "=", spaces[slug].id).execute();
}

describe("forum kinds", () => {
  it("mention: people who may read the thread; not someone outside a members-only Gremium; mail at once (default)", async () => {
    const thread = await beiratThread();
    const postId = await createReply(ids[DEMO.by], { id: thread.id, space: spaces.laenderbeirat }, withMentions(DEMO.nw, DEMO.ministeriumRp, DEMO.by));
    expect(await notified("mention", { postId })).toEqual([]); // nothing inside the request
    await drainEvents(quiet);
    expect(await notified("mention", { postId })).toEqual([DEMO.nw]);
    expect(await mailsTo(DEMO.nw, "mention", thread.title)).toHaveLength(1);
    expect(await mailsTo(DEMO.ministeriumRp, "mention", thread.title)).toHaveLength(0);
  });

  it("reply: watchers who may read the thread when the event runs (one who left the Gremium in between gets nothing); mail by preference", async () => {
    const thread = (await db.selectFrom("Thread").select(["id", "title"]).where("spaceId", "=", spaces.laenderbeirat.id).orderBy("id", "desc").executeTakeFirstOrThrow());
    for (const email of [RP, TH, BW]) await setWatch(ids[email], { threadId: thread.id }, true);
    await savePreferences(ids[RP], { reply: "instant" });
    const postId = await createReply(ids[DEMO.nw], { id: thread.id, space: spaces.laenderbeirat }, text("Eine Antwort für alle, die folgen."));
    await leave(TH, "laenderbeirat");
    await drainEvents(quiet);
    const got = await notified("reply", { threadId: thread.id, postId });
    expect(got).toContain(RP);
    expect(got).toContain(BW);
    expect(got).not.toContain(TH);
    expect(got).not.toContain(DEMO.nw);
    expect(await mailsTo(RP, "reply", thread.title)).toHaveLength(1); // instant
    expect(await mailsTo(BW, "reply", thread.title)).toHaveLength(0); // daily: for the overview
    expect(await mailsTo(TH, "reply", thread.title)).toHaveLength(0);
  });

  it("new-thread: the Gremium's watchers who may read it", async () => {
    await setWatch(ids[DEMO.nw], { spaceId: spaces["laender-round-table"].id }, true); // not a member: may not read
    await setWatch(ids[DEMO.ministeriumRp], { spaceId: spaces["laender-round-table"].id }, true);
    const { threadId } = await createThread(ids[DEMO.leitung], spaces["laender-round-table"], { title: "Neues Thema am Runden Tisch", kind: "discussion", body: text("Worum es geht."), tagIds: [] });
    await drainEvents(quiet);
    expect(await notified("new-thread", { threadId })).toEqual([DEMO.ministeriumRp]);
  });

  it("accepted: the answer's author, unless another answer was accepted before the event ran", async () => {
    const thread = await beiratThread();
    const posts = await db.selectFrom("Post").select(["id", "authorId"]).where("threadId", "=", thread.id).where("deletedAt", "is", null).orderBy("createdAt").execute();
    const byRp = await createReply(ids[RP], { id: thread.id, space: spaces.laenderbeirat }, text("Meine Lösung."));
    const byBw = await createReply(ids[BW], { id: thread.id, space: spaces.laenderbeirat }, text("Meine bessere Lösung."));
    await drainEvents(quiet);
    const asker = posts[0].authorId;
    expect(await acceptAnswer(asker, thread, byRp)).toBe(true);
    expect(await acceptAnswer(asker, thread, byBw)).toBe(true);
    await drainEvents(quiet);
    expect(await notified("accepted", { postId: byRp })).toEqual([]);
    expect(await notified("accepted", { postId: byBw })).toEqual([BW]);
  });
});

describe("paper kinds", () => {
  let documentId: string;
  let title: string;

  it("document-new: the Gremium's members, not the author, not others", async () => {
    title = "Positionspapier zur Benachrichtigung";
    ({ id: documentId } = await createDocument(ids[DEMO.leitung], { spaceId: spaces.laenderbeirat.id, title, template: "blank", templateIntro: "" }));
    await drainEvents(quiet);
    const got = await notified("document-new", { documentId });
    expect(got).toEqual([BW, DEMO.by, DEMO.nw, RP, TH].filter((e) => e !== TH).sort()); // th left the Beirat above
    expect(await mailsTo(DEMO.by, "document-new", title)).toHaveLength(0); // daily by default
  });

  it("document-invite: the person granted a role, unless the grant was withdrawn before the event ran", async () => {
    await savePreferences(ids[DEMO.ministeriumRp], { "document-new": "instant" });
    await setDocumentAccess(ids[DEMO.leitung], documentId, ids[DEMO.ministeriumRp], "commenter");
    await setDocumentAccess(ids[DEMO.leitung], documentId, ids[DEMO.gast], "reader");
    await setDocumentAccess(ids[DEMO.leitung], documentId, ids[DEMO.gast], null);
    await drainEvents(quiet);
    expect(await notified("document-invite", { documentId })).toEqual([DEMO.ministeriumRp]);
    // An invitation falls under "document-new" but says what it is.
    const [mail] = await mailsTo(DEMO.ministeriumRp, "document-new", title);
    expect(mail.subject).toBe(`Einladung zum Positionspapier „${title}“`);
    expect(mail.displayText).toContain("Felix Baumann hat Sie zum Positionspapier");
  });

  it("document-comment, comment-reply and mention: who may read the paper; the reply-to-my-comment mail for 'sofort'", async () => {
    await savePreferences(ids[DEMO.ministeriumRp], { "comment-reply": "instant" });
    const anchor = { anchorStart: "", anchorEnd: "", quote: "", prefix: "", suffix: "" };
    const thread = await createCommentThread(ids[DEMO.ministeriumRp], documentId, anchor, text("Eine Frage zum Entwurf."));
    await drainEvents(quiet);
    expect(await notified("document-comment", { documentId })).toEqual([DEMO.leitung]);
    // gast (no access to the Beirat's paper) is named but hears nothing.
    await replyToCommentThread(ids[DEMO.by], { id: thread.id, documentId }, withMentions(DEMO.nw, DEMO.gast));
    await drainEvents(quiet);
    expect(await notified("comment-reply", { documentId })).toEqual([DEMO.ministeriumRp]);
    expect(await notified("mention", { documentId })).toEqual([DEMO.nw]);
    expect(await mailsTo(DEMO.ministeriumRp, "comment-reply", title)).toHaveLength(1);
    expect(await mailsTo(DEMO.gast, "mention", title)).toHaveLength(0);
  });

  it("document-review: everyone who may comment (not a reader), with the deadline in the mail; document-deadline a day ahead", async () => {
    await setDocumentAccess(ids[DEMO.leitung], documentId, ids[DEMO.gast], "reader");
    await drainEvents(quiet);
    const deadline = new Date(Date.now() + 12 * 60 * 60 * 1000);
    expect(await changeDocumentStatus(ids[DEMO.leitung], { id: documentId, status: "draft", title }, "review", { versionName: "Kommentierung", deadline })).toMatchObject({ ok: true });
    await drainEvents(quiet);
    const got = await notified("document-review", { documentId });
    expect(got).toContain(DEMO.ministeriumRp);
    expect(got).toContain(DEMO.by);
    expect(got).not.toContain(DEMO.gast);
    expect(got).not.toContain(DEMO.leitung);
    const [mail] = await mailsTo(DEMO.by, "document-review", title);
    expect(mail.displayText).toContain("Frist:");

    expect(await sendDeadlineReminders()).toBe(1);
    const reminded = await notified("document-deadline", { documentId });
    expect(reminded).toContain(DEMO.ministeriumRp);
    expect(reminded).not.toContain(DEMO.gast);
    expect(await mailsTo(DEMO.ministeriumRp, "document-deadline", title)).toHaveLength(1);
  });

  it("document-status: adoption tells everyone who may read the paper, the mail says which status", async () => {
    await savePreferences(ids[DEMO.gast], { "document-status": "instant" });
    expect(await changeDocumentStatus(ids[DEMO.leitung], { id: documentId, status: "review", title }, "adopted", { versionName: "Beschlossen" })).toMatchObject({ ok: true });
    await drainEvents(quiet);
    const got = await notified("document-status", { documentId });
    expect(got).toContain(DEMO.gast);
    expect(got).toContain(DEMO.by);
    expect(got).not.toContain(DEMO.leitung);
    const [mail] = await mailsTo(DEMO.gast, "document-status", title);
    expect(mail.subject).toBe(`Beschlossen: „${title}“`);
  });
});

describe("event log hygiene", () => {
  it("deletes events processed more than a week ago and keeps newer and pending ones", async () => {
    await db.deleteFrom("Event").execute();
    const old = dbDate(Date.now() - EVENT_LIMITS.retentionMs - 60_000);
    const payload = JSON.stringify({ email: "jemand@example.org" });
    await db.insertInto("Event").values([
      { type: "password.reset-requested", payload, createdAt: old, availableAt: old, processedAt: old },
      { type: "password.reset-requested", payload, createdAt: old, availableAt: old, processedAt: dbNow() },
    ]).execute();
    await recordEvent(db, { type: "document.created", payload: { documentId: "gibt-es-nicht", actorId: newId() } });
    expect(await pruneProcessedEvents()).toBe(1);
    expect(await db.selectFrom("Event").select("id").execute()).toHaveLength(2);
  });

  it("the processor releases its lease when stopped, so another process takes over at once", async () => {
    const stop = startEventProcessor(quiet, "test-holder");
    // The first run starts at once; wait until it holds the lease.
    for (let i = 0; (await leaseHolder(EVENT_LEASE)) !== "test-holder"; i++) {
      if (i > 10_000) throw new Error("the processor never took the lease");
      await new Promise((resolve) => setImmediate(resolve));
    }
    await stop();
    expect(await leaseHolder(EVENT_LEASE)).toBeNull();
  });
});
