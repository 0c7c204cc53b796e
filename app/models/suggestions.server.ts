// Suggestions (Änderungsvorschläge, docs/decisions/025): rows beside the text, anchored like comment
// threads, so suggesters never write the shared text. Each suggestion is 1:1 with a CommentThread
// (anchors, quote and context, author, time, reply thread); the Suggestion row holds the kind, the
// proposal and the status. Accepting claims the row first (open → accepted in one conditional
// update), then applies it on the live room as a forward change; a stale one is put back to open.
import { sql } from "kysely";
import { db, type Tx } from "../db/db.server.ts";
import { dbNow, fromDbDate, newId } from "../db/values.ts";
import { presenceColour } from "../domain/collab.ts";
import { FROZEN_DOCUMENT_STATUSES, SUGGESTION_LIMITS, type NotificationKind, type SuggestionKind, type SuggestionStatus } from "../domain/model.ts";
import { can, type Actor, type DocumentResource } from "../domain/permissions.ts";
import { contextOfTarget, marksAt, resolveSuggestionTarget, type ApplyResult, type InlineNode, type SuggestionToApply } from "../editor/suggestion-apply.ts";
import { parseSuggestionContent, type SuggestionContentError } from "../editor/suggestion-content.ts";
import { announceEvents, recordEvent } from "../events/record.server.ts";
import type { EventPayloads } from "../events/types.ts";
import { m } from "../i18n/messages.ts";
import { applyLiveChange, broadcastDocumentEvent } from "../infra/collab-link/index.ts";
import { recordAudit } from "./audit.server.ts";
import { storedYDoc } from "./document-state.server.ts";
import { paperNotFrozen } from "./documents.server.ts";
import { notify } from "./notifications.server.ts";

export type SuggestionInput = {
  kind: SuggestionKind;
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  /** Accepted for the contract, but ignored: the server reads the context from the stored text. */
  prefix?: string;
  suffix?: string;
  text: string;
  insertJson?: string;
};

export type SuggestionRow = SuggestionToApply & {
  threadId: string;
  documentId: string;
  status: SuggestionStatus;
  text: string;
  prefix: string;
  suffix: string;
  authorId: string;
  authorName: string;
  createdAt: string;
  decidedAt: string | null;
};

function baseQuery() {
  return db.selectFrom("Suggestion")
    .innerJoin("CommentThread", "CommentThread.id", "Suggestion.threadId")
    .innerJoin("User", "User.id", "CommentThread.authorId")
    .select([
      "Suggestion.id", "Suggestion.threadId", "Suggestion.documentId", "Suggestion.kind", "Suggestion.insertJson", "Suggestion.text", "Suggestion.status",
      "Suggestion.decidedAt", "CommentThread.anchorStart", "CommentThread.anchorEnd", "CommentThread.quote", "CommentThread.prefix", "CommentThread.suffix",
      "CommentThread.createdAt", "CommentThread.authorId", "User.name as authorName",
    ]);
}

function toRow(r: Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number]): SuggestionRow {
  return { ...r, insertJson: JSON.parse(r.insertJson) as InlineNode[] };
}

/** A paper's suggestions (all statuses), oldest first. */
export async function listSuggestions(documentId: string, options: { openOnly?: boolean; authorId?: string } = {}) {
  let q = baseQuery().where("Suggestion.documentId", "=", documentId);
  if (options.openOnly) q = q.where("Suggestion.status", "=", "open");
  if (options.authorId) q = q.where("CommentThread.authorId", "=", options.authorId);
  return (await q.orderBy("CommentThread.createdAt", "asc").orderBy(sql`"Suggestion".rowid`).execute()).map(toRow);
}

export async function findSuggestion(documentId: string, suggestionId: string) {
  const row = await baseQuery().where("Suggestion.id", "=", suggestionId).where("Suggestion.documentId", "=", documentId).executeTakeFirst();
  return row ? toRow(row) : null;
}

export async function countOpenSuggestions(documentId: string) {
  const row = await db.selectFrom("Suggestion").select((eb) => eb.fn.countAll<number>().as("n"))
    .where("documentId", "=", documentId).where("status", "=", "open").executeTakeFirstOrThrow();
  return Number(row.n);
}

/** May `actor` withdraw this suggestion: their own, open, on a paper that is not frozen. */
export function canWithdraw(actor: Actor, resource: DocumentResource, s: { authorId: string; status: string }) {
  return s.status === "open" && s.authorId === actor.id && can(actor, "read", resource) && !FROZEN_DOCUMENT_STATUSES.has(resource.status);
}

/**
 * GET /documents/<id>/suggestions: every suggestion with what this user may do with it, the reply
 * thread, and the author's colour. The contract's fields (id, kind, status, text, quote, author) come first.
 */
export async function loadSuggestions(user: Actor, resource: DocumentResource, documentId: string) {
  const rows = await listSuggestions(documentId);
  const threadIds = rows.map((r) => r.threadId);
  const replies = threadIds.length
    ? await db.selectFrom("Comment").innerJoin("User", "User.id", "Comment.authorId")
      .select(["Comment.id", "Comment.threadId", "Comment.bodyText", "Comment.createdAt", "Comment.deletedAt", "User.name as authorName"])
      .where("Comment.threadId", "in", threadIds).orderBy("Comment.createdAt", "asc").orderBy(sql`"Comment".rowid`).execute()
    : [];
  const mayDecide = can(user, "decide", resource);
  const mayReply = can(user, "comment", resource);
  return rows.map((r) => ({
    id: r.id, kind: r.kind, status: r.status, text: r.text, quote: r.quote, author: r.authorName,
    threadId: r.threadId, anchorStart: r.anchorStart, anchorEnd: r.anchorEnd, prefix: r.prefix, suffix: r.suffix, insertJson: r.insertJson,
    authorId: r.authorId, authorColor: presenceColour(r.authorId), createdAt: fromDbDate(r.createdAt).toISOString(),
    canDecide: mayDecide && r.status === "open", canWithdraw: canWithdraw(user, resource, r), canReply: mayReply && r.status === "open",
    replies: replies.filter((c) => c.threadId === r.threadId).map((c) => ({
      id: c.id, author: c.authorName, createdAt: fromDbDate(c.createdAt).toISOString(), text: c.deletedAt ? null : c.bodyText,
    })),
  }));
}

export type SuggestionView = Awaited<ReturnType<typeof loadSuggestions>>[number];

const CONTENT_ERRORS: Record<SuggestionContentError, string> = {
  invalid: m.suggestions.errors.invalid,
  "too-long": m.suggestions.errors.tooLong,
  mismatch: m.suggestions.errors.mismatch,
  structure: m.suggestions.errors.structure,
};

export type CreateResult = { ok: true; id: string } | { ok: false; error: string };

/**
 * Checks and stores a new suggestion. The anchors must resolve in the stored text to one text run,
 * a deletion's or replacement's range must cover exactly the quoted words, and the proposal must be
 * inline content of the editor schema within SUGGESTION_LIMITS. Nothing is written on a refusal.
 */
export async function createSuggestion(actorId: string, documentId: string, input: SuggestionInput): Promise<CreateResult> {
  const proposed = input.kind === "delete" ? "" : input.text;
  const first = parseSuggestionContent(proposed, input.kind === "delete" ? undefined : input.insertJson);
  if (!first.ok) return { ok: false, error: CONTENT_ERRORS[first.error] };
  if (input.kind !== "delete" && !first.text) return { ok: false, error: m.suggestions.errors.empty };
  const quote = input.kind === "insert" ? "" : input.quote;
  if (input.kind !== "insert" && !quote) return { ok: false, error: m.suggestions.errors.staleCreate };
  const ydoc = storedYDoc(documentId);
  if (!ydoc) return { ok: false, error: m.suggestions.errors.staleCreate };
  let content = first;
  let context: { prefix: string; suffix: string };
  try {
    const target = resolveSuggestionTarget(ydoc, { kind: input.kind, anchorStart: input.anchorStart, anchorEnd: input.anchorEnd, quote });
    if (!target) return { ok: false, error: m.suggestions.errors.staleCreate };
    // The "original context" a stale card shows is read here from the stored text, never taken from
    // the client: a forged prefix would otherwise put words in the paper's mouth.
    context = contextOfTarget(target);
    // Plain text (no insertJson) takes the formatting of the words it continues, checked like any other content.
    if (!input.insertJson && proposed) {
      const marked = parseSuggestionContent(proposed, JSON.stringify([{ type: "text", text: proposed, marks: marksAt(target, input.kind) }]));
      if (marked.ok) content = marked;
    }
  } finally {
    ydoc.destroy();
  }
  const id = await db.transaction().execute(async (trx) => {
    // The status is checked inside the write, so a paper adopted since the permission check takes nothing.
    const doc = await trx.selectFrom("Document").select("status").where("id", "=", documentId).executeTakeFirst();
    if (!doc || FROZEN_DOCUMENT_STATUSES.has(doc.status as never)) return null;
    const threadId = newId();
    const suggestionId = newId();
    const now = dbNow();
    await trx.insertInto("CommentThread").values({
      id: threadId, documentId, authorId: actorId, createdAt: now,
      anchorStart: input.anchorStart, anchorEnd: input.anchorEnd, quote, prefix: context.prefix, suffix: context.suffix,
    }).execute();
    await trx.insertInto("Suggestion").values({
      id: suggestionId, threadId, documentId, kind: input.kind, insertJson: JSON.stringify(content.nodes), text: content.text, status: "open", createdAt: now,
    }).execute();
    await recordEvent(trx, { type: "suggestion.created", payload: { suggestionId, actorId } });
    return suggestionId;
  });
  if (!id) return { ok: false, error: m.suggestions.errors.frozen };
  announceEvents();
  broadcastDocumentEvent(documentId, "suggestions");
  return { ok: true, id };
}

export type DecideResult = "applied" | "rejected" | "withdrawn" | "stale" | "already-decided" | "frozen";

/** open → `to`, only if still open and the paper is not frozen. True when this call made the change. */
async function claim(trx: Tx, s: { id: string; documentId: string }, to: SuggestionStatus, actorId: string) {
  const changed = await trx.updateTable("Suggestion").set({ status: to, decidedById: actorId, decidedAt: dbNow() })
    .where("id", "=", s.id).where("status", "=", "open").where(paperNotFrozen(s.documentId)).executeTakeFirst();
  return changed.numUpdatedRows === 1n;
}

async function isFrozen(documentId: string) {
  const doc = await db.selectFrom("Document").select("status").where("id", "=", documentId).executeTakeFirst();
  return !doc || FROZEN_DOCUMENT_STATUSES.has(doc.status as never);
}

/**
 * Accepts a suggestion as a live change. The claim (open → accepted) commits first, so of two editors
 * accepting at once exactly one applies it. Then the change runs on the live room (every open client
 * receives it, and it is durable before this resolves). A stale suggestion, or a room that refuses
 * the change (frozen meanwhile), puts the row back to open. The audit entry and the "decided" event
 * commit once the text has changed.
 */
export async function acceptSuggestion(actorId: string, s: SuggestionRow, options: { broadcast?: boolean } = {}): Promise<DecideResult> {
  if (!(await db.transaction().execute((trx) => claim(trx, s, "accepted", actorId)))) {
    return (await isFrozen(s.documentId)) ? "frozen" : "already-decided";
  }
  let result = "stale" as ApplyResult;
  const plain: SuggestionToApply = { id: s.id, kind: s.kind, anchorStart: s.anchorStart, anchorEnd: s.anchorEnd, quote: s.quote, insertJson: s.insertJson };
  let failure: unknown = null;
  try {
    result = (await applyLiveChange(s.documentId, { type: "accept-suggestion", suggestion: plain })) ?? "stale";
  } catch (error) {
    failure = error;
  }
  if (failure || result !== "applied") {
    // The room decides DOCUMENT_FROZEN after any status change that was running, so the paper is
    // adopted by now and that adoption skipped this row (it was claimed): it closes as "nicht
    // übernommen" like the other open ones, never open again on a frozen paper.
    const frozen = (failure as { code?: string } | null)?.code === "DOCUMENT_FROZEN";
    await db.updateTable("Suggestion").set(frozen ? { status: "closed" } : { status: "open", decidedById: null, decidedAt: null })
      .where("id", "=", s.id).where("status", "=", "accepted").execute();
    if (failure && !frozen) throw failure;
    return failure ? "frozen" : "stale";
  }
  await db.transaction().execute(async (trx) => {
    await recordAudit({ actorId, action: "suggestion.accept", targetType: "document", targetId: s.documentId, details: { suggestionId: s.id, kind: s.kind } }, trx);
    await recordEvent(trx, { type: "suggestion.decided", payload: { suggestionId: s.id, actorId } });
  });
  announceEvents();
  if (options.broadcast !== false) broadcastDocumentEvent(s.documentId, "suggestions");
  return "applied";
}

/** Rejects (an editor) or withdraws (its author) an open suggestion; the text is not touched. */
export async function closeSuggestion(actorId: string, s: SuggestionRow, to: "rejected" | "withdrawn", options: { broadcast?: boolean } = {}): Promise<DecideResult> {
  const done = await db.transaction().execute(async (trx) => {
    if (!(await claim(trx, s, to, actorId))) return false;
    if (to === "rejected") {
      await recordAudit({ actorId, action: "suggestion.reject", targetType: "document", targetId: s.documentId, details: { suggestionId: s.id } }, trx);
      await recordEvent(trx, { type: "suggestion.decided", payload: { suggestionId: s.id, actorId } });
    }
    return true;
  });
  if (!done) return (await isFrozen(s.documentId)) ? "frozen" : "already-decided";
  announceEvents();
  if (options.broadcast !== false) broadcastDocumentEvent(s.documentId, "suggestions");
  return to;
}

/**
 * Accepts or rejects the open suggestions of a paper (or of one author), oldest first, at most
 * SUGGESTION_LIMITS.bulkMax per call; `remaining` counts the open ones this call did not try (when
 * accepting, not counting those stale in the stored text, which are counted as stale). Each
 * one is claimed and applied on its own, so a concurrent single accept never applies one twice;
 * stale ones stay open. One broadcast at the end.
 */
export async function decideAll(actorId: string, documentId: string, decision: "accept" | "reject", authorId?: string) {
  let all = await listSuggestions(documentId, { openOnly: true, authorId });
  let staleInStoredText = 0;
  if (decision === "accept") {
    // Suggestions already stale in the stored text are not tried: they would stay open and take the
    // budget of every "Alle annehmen" again, so the live ones behind them were never reached. (The
    // stored text lags the room by a commit at most; the accept itself still checks the live room.)
    const ydoc = storedYDoc(documentId);
    const live = ydoc ? all.filter((s) => resolveSuggestionTarget(ydoc, s) !== null) : all;
    staleInStoredText = all.length - live.length;
    all = live;
  }
  const open = all.slice(0, SUGGESTION_LIMITS.bulkMax);
  const counts = { applied: 0, rejected: 0, stale: staleInStoredText, skipped: 0, remaining: all.length - open.length };
  for (const s of open) {
    const r = decision === "accept" ? await acceptSuggestion(actorId, s, { broadcast: false }) : await closeSuggestion(actorId, s, "rejected", { broadcast: false });
    if (r === "applied") counts.applied++;
    else if (r === "rejected") counts.rejected++;
    else if (r === "stale") counts.stale++;
    else counts.skipped++;
    if (r === "frozen") break;
  }
  broadcastDocumentEvent(documentId, "suggestions");
  return counts;
}

/** Adoption (lifecycle.server.ts): every open suggestion is closed as "nicht übernommen", in the adoption's transaction. */
export async function closeOpenSuggestions(trx: Tx, documentId: string, actorId: string) {
  const result = await trx.updateTable("Suggestion").set({ status: "closed", decidedById: actorId, decidedAt: dbNow() })
    .where("documentId", "=", documentId).where("status", "=", "open").executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The chair's per-paper switch: may commenters suggest (decision 025). Audited. */
export async function setCommenterSuggestions(actorId: string, documentId: string, on: boolean) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("DocumentSettings").values({ documentId, commenterSuggestions: on ? 1 : 0 })
      .onConflict((oc) => oc.column("documentId").doUpdateSet({ commenterSuggestions: on ? 1 : 0 })).execute();
    await recordAudit({ actorId, action: "document.suggestion-settings", targetType: "document", targetId: documentId, details: { commenterSuggestions: on } }, trx);
  });
}

export async function commenterSuggestionsOn(documentId: string) {
  const row = await db.selectFrom("DocumentSettings").select("commenterSuggestions").where("documentId", "=", documentId).executeTakeFirst();
  return row ? Boolean(row.commenterSuggestions) : true;
}

/**
 * "suggestion.created" (off the request): the paper's creator and those granted editing hear of it
 * ("document-suggestion"), as for a new comment. `notify` keeps who may read it now. A suggestion
 * already decided or withdrawn by then tells nobody.
 */
export async function onSuggestionCreated(trx: Tx, event: EventPayloads["suggestion.created"]) {
  const s = await trx.selectFrom("Suggestion").select(["documentId", "status"]).where("id", "=", event.suggestionId).executeTakeFirst();
  if (!s || s.status !== "open") return 0;
  const doc = await trx.selectFrom("Document").select("createdById").where("id", "=", s.documentId).executeTakeFirstOrThrow();
  const editors = await trx.selectFrom("DocumentAccess").select("userId").where("documentId", "=", s.documentId).where("role", "=", "editor").execute();
  const recipients = new Map<string, NotificationKind>();
  for (const userId of [doc.createdById, ...editors.map((a) => a.userId)]) recipients.set(userId, "document-suggestion");
  return (await notify(trx, { actorId: event.actorId, target: { documentId: s.documentId }, recipients })).length;
}

/** "suggestion.decided" (off the request): the suggestion's author hears that it was accepted or rejected. */
export async function onSuggestionDecided(trx: Tx, event: EventPayloads["suggestion.decided"]) {
  const s = await trx.selectFrom("Suggestion").innerJoin("CommentThread", "CommentThread.id", "Suggestion.threadId")
    .select(["Suggestion.documentId", "Suggestion.status", "CommentThread.authorId"]).where("Suggestion.id", "=", event.suggestionId).executeTakeFirst();
  if (!s || (s.status !== "accepted" && s.status !== "rejected")) return 0;
  const recipients = new Map<string, NotificationKind>([[s.authorId, "suggestion-decided"]]);
  return (await notify(trx, { actorId: event.actorId, target: { documentId: s.documentId }, recipients })).length;
}
