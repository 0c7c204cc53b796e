// The lifecycle of a position paper: Entwurf → Kommentierung (with a deadline) → Beschlossen →
// Veröffentlicht, and Archiviert from any state. Chairs (and admins) move it. A transition is one
// step: the text is frozen in the live room (no further update is accepted, the received ones are
// drained), and the status, the version of exactly that text and the audit entry commit in one
// transaction. Adopted, published and archived papers stay frozen (the permission module refuses
// edits); other states thaw the text again when the step ends.
import { broadcastDocumentEvent, withFrozenText } from "../infra/collab-bridge.server.ts";
import { db } from "../db/db.server.ts";
import { dbDate, dbNow, newId } from "../db/values.ts";
import type { DocumentStatus } from "../domain/model.ts";
import { recordAudit } from "./audit.server.ts";
import { usersWhoMay } from "./documents.server.ts";
import { contentOfState, createVersionFromState } from "./versions.server.ts";

export const TRANSITIONS: Record<DocumentStatus, readonly DocumentStatus[]> = {
  draft: ["review", "adopted", "archived"],
  review: ["draft", "adopted", "archived"],
  adopted: ["published", "draft", "archived"], // back to draft unfreezes the text (audited)
  published: ["archived"],
  archived: ["draft"],
};

export function allowedTransitions(from: DocumentStatus) {
  return TRANSITIONS[from];
}

/** /documents/<id>/status: the paper and the statuses it may move to from here. */
export function loadStatusPage(document: { id: string; title: string; status: DocumentStatus }) {
  return { document: { id: document.id, title: document.title, status: document.status }, transitions: allowedTransitions(document.status) };
}

export type TransitionResult = { ok: true; versionId: string } | { ok: false; reason: "not-allowed" | "deadline-required" };

/** Thrown inside the transaction to roll it back when someone else moved the paper first. */
class AlreadyMoved extends Error {}

export async function changeDocumentStatus(
  actorId: string,
  document: { id: string; status: DocumentStatus; title: string },
  to: DocumentStatus,
  options: { deadline?: Date; versionName: string },
): Promise<TransitionResult> {
  const from = document.status;
  if (!TRANSITIONS[from].includes(to)) return { ok: false, reason: "not-allowed" };
  if (to === "review" && !options.deadline) return { ok: false, reason: "deadline-required" };
  // Cheap early refusal; the conditional update inside the transaction is what decides.
  const current = await db.selectFrom("Document").select("status").where("id", "=", document.id).executeTakeFirst();
  if (current?.status !== from) return { ok: false, reason: "not-allowed" };

  // `commit` returns rather than throws for a lost race: the bridge then re-checks the sockets
  // against the status as stored (unchanged), instead of treating it as a failure.
  // Reviewers are read before the transaction (inside it only its own queries may be awaited); their
  // notifications are written inside it, so a status change never commits without them.
  const reviewers = to === "review" ? (await usersWhoMay(document.id, "comment")).filter((id) => id !== actorId) : [];
  const result = await withFrozenText(document.id, async (state): Promise<TransitionResult> => {
    const json = contentOfState(state);
    try {
      const version = await db.transaction().execute(async (trx) => {
        const now = dbNow();
        const changed = await trx.updateTable("Document")
          .set({ status: to, updatedAt: now, ...(to === "review" && options.deadline ? { reviewDeadline: dbDate(options.deadline) } : {}) })
          .where("id", "=", document.id).where("status", "=", from)
          .executeTakeFirst();
        if (changed.numUpdatedRows !== 1n) throw new AlreadyMoved();
        await recordAudit({ actorId, action: "document.status", targetType: "document", targetId: document.id, details: { from, to, deadline: options.deadline?.toISOString() } }, trx);
        if (reviewers.length) {
          await trx.insertInto("Notification")
            .values(reviewers.map((userId) => ({ id: newId(), userId, kind: "document-review" as const, actorId, documentId: document.id, createdAt: now })))
            .execute();
        }
        return createVersionFromState({ actorId, documentId: document.id, name: options.versionName, kind: "status", status: to, state, json }, trx);
      });
      return { ok: true, versionId: version.id };
    } catch (error) {
      if (error instanceof AlreadyMoved) return { ok: false, reason: "not-allowed" };
      throw error;
    }
  });
  if (!result.ok) return result;
  broadcastDocumentEvent(document.id, "status");
  return result;
}

async function notifyReviewers(actorId: string, documentId: string, kind: "document-review" | "document-deadline") {
  const userIds = (await usersWhoMay(documentId, "comment")).filter((id) => id !== actorId);
  if (!userIds.length) return;
  const createdAt = dbNow();
  await db.insertInto("Notification").values(userIds.map((userId) => ({ id: newId(), userId, kind, actorId, documentId, createdAt }))).execute();
}

/** A day before a comment deadline, reminds everyone who may comment; once per document and deadline. */
export async function sendDeadlineReminders(now = new Date()) {
  const due = await db.selectFrom("Document").select(["id", "createdById", "reviewDeadline"])
    .where("status", "=", "review")
    .where("reviewDeadline", ">", dbDate(now))
    .where("reviewDeadline", "<=", dbDate(now.getTime() + 24 * 60 * 60 * 1000))
    .execute();
  let sent = 0;
  for (const doc of due) {
    const since = dbDate(new Date(doc.reviewDeadline!).getTime() - 2 * 24 * 60 * 60 * 1000);
    const already = await db.selectFrom("Notification").select("id")
      .where("documentId", "=", doc.id).where("kind", "=", "document-deadline").where("createdAt", ">", since)
      .executeTakeFirst();
    if (already) continue;
    await notifyReviewers(doc.createdById, doc.id, "document-deadline");
    sent++;
  }
  return sent;
}
