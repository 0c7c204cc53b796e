// The event processor: runs each recorded event's handler off the request, in id order, each in its
// own transaction together with marking the event processed, so a crash re-runs an event at most
// from scratch and never half. One process at a time holds the "events" lease. Processed events
// are deleted after a week (EVENT_LIMITS.retentionMs).
//
// A handler may only query through `trx` (the query layer's one connection is locked for the
// transaction's duration; see app/db/db.server.ts). Work that leaves the process (mail) is queued in
// a table by the handler and delivered by its own job.
import { db, type Tx } from "../db/db.server.ts";
import { dbDate, dbNow } from "../db/values.ts";
import { onCommentCreated } from "../models/comments.server.ts";
import { onDocumentAccessGranted, onDocumentCreated } from "../models/documents.server.ts";
import { onAnswerAccepted, onPostCreated } from "../models/forum.server.ts";
import { onDocumentStatusChanged } from "../models/lifecycle.server.ts";
import { handlePasswordResetRequest } from "../models/password-reset.server.ts";
import { onSuggestionCreated, onSuggestionDecided } from "../models/suggestions.server.ts";
import { PROCESS_HOLDER, startLeasedJob } from "./leases.server.ts";
import { setEventWaker } from "./record.server.ts";
import type { EventPayloads, EventType } from "./types.ts";

type Handlers = { [T in EventType]: (trx: Tx, payload: EventPayloads[T]) => Promise<unknown> };

const handlers: Handlers = {
  // Notifications and the post's search-index row (docs/decisions/020).
  "post.created": onPostCreated,
  // Each of these expands into recipients through `notify` (app/models/notifications.server.ts).
  "answer.accepted": onAnswerAccepted,
  "comment.created": onCommentCreated,
  "suggestion.created": onSuggestionCreated,
  "suggestion.decided": onSuggestionDecided,
  "document.created": onDocumentCreated,
  "document.status-changed": onDocumentStatusChanged,
  "document.access-granted": onDocumentAccessGranted,
  "password.reset-requested": handlePasswordResetRequest,
};

export const EVENT_LIMITS = {
  /** Events per batch: a batch runs between two lease checks. */
  batch: 100,
  /** After this many failed attempts an event is set aside (processedAt set, lastError kept) and logged. */
  maxAttempts: 8,
  /** The first retry waits this long, each further one twice as long (1 s … about 2 min). */
  retryBaseMs: 1000,
  /** How often an idle processor looks for events written by other processes or left by a crash. */
  pollMs: 1000,
  leaseMs: 30_000,
  /**
   * Processed (and set-aside) events are deleted after this long: some carry personal data (the
   * password-reset event holds an e-mail address), and a week is enough to look into a failure.
   */
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  /** How often the lease holder deletes expired events. */
  pruneEveryMs: 60 * 60 * 1000,
} as const;

/** Deletes events processed more than `EVENT_LIMITS.retentionMs` ago; returns how many. */
export async function pruneProcessedEvents(now = Date.now()) {
  const result = await db.deleteFrom("Event").where("processedAt", "is not", null)
    .where("processedAt", "<", dbDate(now - EVENT_LIMITS.retentionMs)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const EVENT_LEASE = "events";

/** Runs every due event once; returns how many ran (succeeded or failed). Exported for tests. */
export async function processDueEvents(log: Pick<Console, "error"> = console, now = Date.now()) {
  const due = await db.selectFrom("Event").select(["id", "type", "payload", "attempts"])
    .where("processedAt", "is", null).where("availableAt", "<=", dbDate(now))
    .orderBy("id").limit(EVENT_LIMITS.batch).execute();
  for (const event of due) {
    try {
      await db.transaction().execute(async (trx) => {
        const handler = handlers[event.type] as (trx: Tx, payload: unknown) => Promise<unknown>;
        await handler(trx, JSON.parse(event.payload));
        await trx.updateTable("Event").set({ processedAt: dbNow(), attempts: event.attempts + 1, lastError: null }).where("id", "=", event.id).execute();
      });
    } catch (error) {
      const attempts = event.attempts + 1;
      const giveUp = attempts >= EVENT_LIMITS.maxAttempts;
      await db.updateTable("Event").set({
        attempts,
        lastError: String((error as Error)?.stack ?? error).slice(0, 2000),
        availableAt: dbDate(now + EVENT_LIMITS.retryBaseMs * 2 ** (attempts - 1)),
        processedAt: giveUp ? dbNow() : null,
      }).where("id", "=", event.id).execute();
      log.error(`[events] ${event.type} #${event.id} failed (attempt ${attempts}${giveUp ? ", set aside" : ""})`, error);
    }
  }
  return due.length;
}

/** Runs events until none is due (tests, scripts); the running server uses `startEventProcessor`. */
export async function drainEvents(log: Pick<Console, "error"> = console) {
  while ((await processDueEvents(log)) === EVENT_LIMITS.batch);
}

/**
 * Starts the processor in this process: it runs when woken after a commit and otherwise polls, and
 * once an hour deletes expired events. Returns a stop function that waits for a running batch and
 * releases the lease, so another process takes over at once instead of after its expiry.
 */
export function startEventProcessor(log: Pick<Console, "error"> = console, holder = PROCESS_HOLDER) {
  let prunedAt = 0;
  const job = startLeasedJob({
    name: EVENT_LEASE, leaseMs: EVENT_LIMITS.leaseMs, pollMs: EVENT_LIMITS.pollMs, log, holder,
    async work() {
      if (Date.now() - prunedAt >= EVENT_LIMITS.pruneEveryMs) {
        prunedAt = Date.now();
        await pruneProcessedEvents();
      }
      // A full batch means more may be waiting.
      return (await processDueEvents(log)) === EVENT_LIMITS.batch;
    },
  });
  setEventWaker(() => queueMicrotask(job.wake));
  return async () => {
    setEventWaker(undefined);
    await job.stop();
  };
}
