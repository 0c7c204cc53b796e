// The lifecycle of a position paper: Entwurf → Kommentierung (with a deadline) → Beschlossen →
// Veröffentlicht, and Archiviert from any state. Chairs (and admins) move it. A transition is one
// step: the text is frozen in the live room (no further update is accepted, the received ones are
// drained), and the status, the version of exactly that text and the audit entry commit in one
// transaction. Adopted, published and archived papers stay frozen (the permission module refuses
// edits); other states thaw the text again when the step ends. The step records one
// "document.status-changed" event; the comment period, adoption and publication notify off the request.
import { broadcastDocumentEvent, withFrozenText } from "../infra/collab-link/index.ts";
import { db, type Tx } from "../db/db.server.ts";
import { dbDate, dbNow } from "../db/values.ts";
import type { DocumentStatus, NotificationKind } from "../domain/model.ts";
import { announceEvents, recordEvent } from "../events/record.server.ts";
import type { EventPayloads } from "../events/types.ts";
import { recordAudit } from "./audit.server.ts";
import { notify, paperAudience } from "./notifications.server.ts";
import { contentOfState, createVersionFromState } from "./versions.server.ts";
import { closeOpenSuggestions, commenterSuggestionsOn, listSuggestions } from "./suggestions.server.ts";

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

/**
 * /documents/<id>/status: the paper, the statuses it may move to from here, its open suggestions
 * (listed before adoption) and the per-paper suggestion switch.
 */
export async function loadStatusPage(document: { id: string; title: string; status: DocumentStatus }) {
  const open = await listSuggestions(document.id, { openOnly: true });
  return {
    document: { id: document.id, title: document.title, status: document.status },
    transitions: allowedTransitions(document.status),
    openSuggestions: open.map((s) => ({ id: s.id, kind: s.kind, quote: s.quote, text: s.text, author: s.authorName })),
    commenterSuggestions: await commenterSuggestionsOn(document.id),
  };
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
  // The "document.status-changed" event commits with the status; who hears of it is decided off the
  // request (onDocumentStatusChanged).
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
        // Adoption closes the open suggestions as "nicht übernommen" with the status (decision 025).
        const closedSuggestions = to === "adopted" ? await closeOpenSuggestions(trx, document.id, actorId) : 0;
        await recordAudit({ actorId, action: "document.status", targetType: "document", targetId: document.id, details: { from, to, deadline: options.deadline?.toISOString(), closedSuggestions } }, trx);
        await recordEvent(trx, { type: "document.status-changed", payload: { documentId: document.id, actorId, from, to } });
        return createVersionFromState({ actorId, documentId: document.id, name: options.versionName, kind: "status", status: to, state, json }, trx);
      });
      return { ok: true, versionId: version.id };
    } catch (error) {
      if (error instanceof AlreadyMoved) return { ok: false, reason: "not-allowed" };
      throw error;
    }
  });
  if (!result.ok) return result;
  announceEvents();
  broadcastDocumentEvent(document.id, "status");
  return result;
}

/** What a status change tells the paper's audience (the Gremium's members and those granted access). */
const STATUS_NOTICE: Partial<Record<DocumentStatus, NotificationKind>> = { review: "document-review", adopted: "document-status", published: "document-status" };

/**
 * The "document.status-changed" handler (off the request). Only if the paper still has that status:
 * a change undone before the handler ran tells nobody. `notify` keeps those who may comment (review)
 * or read (adopted, published) now.
 */
export async function onDocumentStatusChanged(trx: Tx, event: EventPayloads["document.status-changed"]) {
  const kind = STATUS_NOTICE[event.to as DocumentStatus];
  if (!kind) return 0;
  const doc = await trx.selectFrom("Document").select("status").where("id", "=", event.documentId).executeTakeFirst();
  if (doc?.status !== event.to) return 0;
  const recipients = new Map((await paperAudience(trx, event.documentId)).map((userId) => [userId, kind]));
  const status = event.to === "adopted" || event.to === "published" ? event.to : undefined;
  return (await notify(trx, { actorId: event.actorId, target: { documentId: event.documentId }, recipients, status })).length;
}

/** When a reminder counts as already sent: within this long before the deadline. */
const REMINDER_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A day before a comment deadline, reminds everyone who may comment; once per document and deadline.
 * Runs from the periodic job, each paper in its own transaction, through `notify`.
 */
export async function sendDeadlineReminders(now = new Date()) {
  const due = await db.selectFrom("Document").select(["id", "createdById", "reviewDeadline"])
    .where("status", "=", "review")
    .where("reviewDeadline", ">", dbDate(now))
    .where("reviewDeadline", "<=", dbDate(now.getTime() + DAY_MS))
    .execute();
  let sent = 0;
  for (const doc of due) {
    sent += await db.transaction().execute(async (trx) => {
      const since = dbDate(new Date(doc.reviewDeadline!).getTime() - REMINDER_WINDOW_MS);
      const already = await trx.selectFrom("Notification").select("id")
        .where("documentId", "=", doc.id).where("kind", "=", "document-deadline").where("createdAt", ">", since)
        .executeTakeFirst();
      if (already) return 0;
      const recipients = new Map((await paperAudience(trx, doc.id)).map((userId) => [userId, "document-deadline" as const]));
      // The creator set the deadline and is not reminded of it (actor).
      const notified = await notify(trx, { actorId: doc.createdById, target: { documentId: doc.id }, recipients });
      return notified.length ? 1 : 0;
    });
  }
  return sent;
}
