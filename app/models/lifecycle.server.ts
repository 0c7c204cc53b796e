// The lifecycle of a position paper: Entwurf → Kommentierung (with a deadline) → Beschlossen →
// Veröffentlicht, and Archiviert from any state. Chairs (and admins) move it; every transition is
// audited and saves a version. Adopted, published and archived papers are frozen: the permission
// module refuses edits, and open editor sockets are re-checked at once.
import { broadcastDocumentEvent, notifyCollabPermissionsChanged } from "../utils/collab-bridge.server.ts";
import { db } from "../utils/db.server.ts";
import type { DocumentStatus } from "../utils/domain.ts";
import { recordAudit } from "./audit.server.ts";
import { usersWhoMay } from "./documents.server.ts";
import { saveVersion } from "./versions.server.ts";

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

export type TransitionResult = { ok: true } | { ok: false; reason: "not-allowed" | "deadline-required" };

export async function changeDocumentStatus(
  actorId: string,
  document: { id: string; status: DocumentStatus; title: string },
  to: DocumentStatus,
  options: { deadline?: Date; versionName: string },
): Promise<TransitionResult> {
  if (!TRANSITIONS[document.status].includes(to)) return { ok: false, reason: "not-allowed" };
  if (to === "review" && !options.deadline) return { ok: false, reason: "deadline-required" };
  const changed = await db.document.updateMany({
    where: { id: document.id, status: document.status },
    data: { status: to, reviewDeadline: to === "review" ? options.deadline : undefined, updatedAt: new Date() },
  });
  if (changed.count !== 1) return { ok: false, reason: "not-allowed" }; // someone else moved it first
  await recordAudit({ actorId, action: "document.status", targetType: "document", targetId: document.id, details: { from: document.status, to, deadline: options.deadline?.toISOString() } });
  await saveVersion({ actorId, documentId: document.id, name: options.versionName, kind: "status", status: to });
  notifyCollabPermissionsChanged({ documentId: document.id });
  broadcastDocumentEvent(document.id, "status");
  if (to === "review") await notifyReviewers(actorId, document.id, "document-review");
  return { ok: true };
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
