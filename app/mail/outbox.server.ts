// The durable outbox (decision 021). `queueMail(trx, mail)` writes one row inside the caller's
// transaction, so a mail exists exactly when its cause committed; the sender job delivers it.
//
// Secrets: a mail's `secrets` (reset and invitation tokens, unsubscribe tokens) are replaced in
// `displayText`, which is all the log and the admins' outbox view ever show outside development.
// A payload that carries a secret is sealed (AES-256-GCM, key derived from the session secret), so
// a copy of the database alone does not yield working reset links; every payload is wiped once sent.
import type { Queryable, Tx } from "../db/db.server.ts";
import { dbDate, dbNow, newId } from "../db/values.ts";
import { getEnv } from "../infra/env.server.ts";
import { openText, sealText } from "../infra/seal.server.ts";
import type { RenderedMail } from "./templates.ts";

export type MailToQueue = RenderedMail & {
  to: string;
  userId?: string | null;
  /** e.g. "password-reset", "invitation", "notification:mention", "digest:daily" */
  kind: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
};

export type MailPayload = { text: string; html: string; headers: Record<string, string> };

export const REDACTED = "[entfernt]";

/** Replaces every secret (and every URL path that contains one) in `text`. */
export function redact(text: string, secrets: string[]) {
  let out = text;
  for (const secret of secrets.filter((s) => s.length >= 8)) out = out.split(secret).join(REDACTED);
  return out;
}

const OUTBOX_SEAL = "laenderforum-outbox";

export function sealPayload(payload: MailPayload) {
  return sealText(OUTBOX_SEAL, JSON.stringify(payload));
}

export function openPayload(stored: string, sealed: boolean): MailPayload {
  return JSON.parse(sealed ? openText(OUTBOX_SEAL, stored) : stored) as MailPayload;
}

/** A Message-ID that stays the same over every attempt, in the domain of PUBLIC_URL (or MAIL_FROM). */
function messageIdFor(id: string) {
  const env = getEnv();
  const domain = env.PUBLIC_URL ? new URL(env.PUBLIC_URL).hostname : (/@([^>\s]+)/.exec(env.MAIL_FROM)?.[1] ?? "laenderforum.invalid");
  return `<${id}@${domain}>`;
}

/** Queues a mail in the caller's transaction. Returns the outbox id. */
export async function queueMail(trx: Tx | Queryable, mail: MailToQueue) {
  const id = newId();
  const headerSecrets = mail.headers ? Object.values(mail.headers) : [];
  const secrets = [...mail.secrets];
  const payload: MailPayload = { text: mail.text, html: mail.html, headers: mail.headers ?? {} };
  const sealed = secrets.length > 0;
  await trx.insertInto("OutboundMail").values({
    id,
    messageId: messageIdFor(id),
    toAddress: mail.to,
    userId: mail.userId ?? null,
    kind: mail.kind,
    subject: mail.subject,
    // Unsubscribe links are personal too: redact them along with the declared secrets.
    displayText: redactLinks(redact(mail.text, secrets), headerSecrets),
    payload: sealed ? sealPayload(payload) : JSON.stringify(payload),
    sealed: sealed ? 1 : 0,
    status: "queued",
    attempts: 0,
    nextAttemptAt: dbNow(),
    createdAt: dbNow(),
  }).execute();
  return id;
}

/** Removes personal one-click links (taken from headers like List-Unsubscribe) from display text. */
function redactLinks(text: string, headerValues: string[]) {
  let out = text;
  for (const value of headerValues) {
    for (const match of value.matchAll(/<(https?:[^>]+)>/g)) out = out.split(match[1]).join(REDACTED);
  }
  return out;
}

export type OutboxEntry = {
  id: string; messageId: string; toAddress: string; kind: string; subject: string; status: "queued" | "sent" | "logged" | "failed";
  attempts: number; nextAttemptAt: string; lastError: string | null; createdAt: string; sentAt: string | null;
  /** What an admin may read: the redacted text outside development, the full text in development. */
  text: string;
};

/** The admins' outbox view (Verwaltung → Postausgang), newest first. */
export async function listOutbox(q: Queryable, take = 100): Promise<OutboxEntry[]> {
  const rows = await q.selectFrom("OutboundMail")
    .select(["id", "messageId", "toAddress", "kind", "subject", "status", "attempts", "nextAttemptAt", "lastError", "createdAt", "sentAt", "displayText", "payload", "sealed"])
    .orderBy("createdAt", "desc").orderBy("id", "desc").limit(take).execute();
  const development = getEnv().NODE_ENV === "development";
  return rows.map(({ displayText, payload, sealed, ...row }) => ({
    ...row,
    text: development && payload ? openPayload(payload, sealed === 1).text : displayText,
  }));
}

/** "Erneut senden": a failed mail gets a fresh round of attempts. False when it is not failed (or gone). */
export async function retryFailedMail(q: Queryable, id: string) {
  const result = await q.updateTable("OutboundMail")
    .set({ status: "queued", attempts: 0, nextAttemptAt: dbNow(), lastError: null })
    .where("id", "=", id).where("status", "=", "failed").where("payload", "is not", null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The wait before the next attempt after `attempts` failed ones, or null when they are used up. */
export function nextAttemptAfter(attempts: number, delays: readonly number[], maxAttempts: number, scale: number, now = Date.now()) {
  if (attempts >= maxAttempts) return null;
  return dbDate(now + Math.round(delays[Math.min(attempts - 1, delays.length - 1)] * scale));
}
