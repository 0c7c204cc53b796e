// The lifecycle of a position paper: Entwurf → Kommentierung (with a deadline) → Beschlossen →
// Veröffentlicht, and Archiviert from any state. Chairs (and admins) move it. A transition is one
// step: the text is frozen in the live room (no further update is accepted, the received ones are
// drained), and the status, the version of exactly that text and the audit entry commit in one
// transaction. Adopted, published and archived papers stay frozen (the permission module refuses
// edits); other states thaw the text again when the step ends.
import { broadcastDocumentEvent, withFrozenText } from "../infra/collab-bridge.server.ts";
import { db } from "../db/prisma.server.ts";
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
  const current = await db.document.findUnique({ where: { id: document.id }, select: { status: true } });
  if (current?.status !== from) return { ok: false, reason: "not-allowed" };

  // `commit` returns rather than throws for a lost race: the bridge then re-checks the sockets
  // against the status as stored (unchanged), instead of treating it as a failure.
  // Reviewers are read before the transaction (Prisma has one connection); their notifications are
  // written inside it, so a status change never commits without them.
  const reviewers = to === "review" ? (await usersWhoMay(document.id, "comment")).filter((id) => id !== actorId) : [];
  const result = await withFrozenText(document.id, async (state): Promise<TransitionResult> => {
    const json = contentOfState(state);
    try {
      const version = await db.$transaction(async (tx) => {
        const changed = await tx.document.updateMany({
          where: { id: document.id, status: from },
          data: { status: to, reviewDeadline: to === "review" ? options.deadline : undefined, updatedAt: new Date() },
        });
        if (changed.count !== 1) throw new AlreadyMoved();
        await recordAudit({ actorId, action: "document.status", targetType: "document", targetId: document.id, details: { from, to, deadline: options.deadline?.toISOString() } }, tx);
        if (reviewers.length) await tx.notification.createMany({ data: reviewers.map((userId) => ({ userId, kind: "document-review", actorId, documentId: document.id })) });
        return createVersionFromState({ actorId, documentId: document.id, name: options.versionName, kind: "status", status: to, state, json }, tx);
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
  if (userIds.length) await db.notification.createMany({ data: userIds.map((userId) => ({ userId, kind, actorId, documentId })) });
}

/** A day before a comment deadline, reminds everyone who may comment; once per document and deadline. */
export async function sendDeadlineReminders(now = new Date()) {
  const due = await db.document.findMany({
    where: { status: "review", reviewDeadline: { gt: now, lte: new Date(now.getTime() + 24 * 60 * 60 * 1000) } },
    select: { id: true, createdById: true, reviewDeadline: true },
  });
  let sent = 0;
  for (const doc of due) {
    const already = await db.notification.findFirst({ where: { documentId: doc.id, kind: "document-deadline", createdAt: { gt: new Date(doc.reviewDeadline!.getTime() - 2 * 24 * 60 * 60 * 1000) } } });
    if (already) continue;
    await notifyReviewers(doc.createdById, doc.id, "document-deadline");
    sent++;
  }
  return sent;
}
