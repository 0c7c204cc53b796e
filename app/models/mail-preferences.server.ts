// Notification mail preferences (per person and kind: instant, daily, weekly or off), one-click
// unsubscribe tokens (RFC 8058), and `queueNotificationMail`, the one call through which a
// notification becomes a mail: instant → queued now, in the caller's transaction; daily/weekly →
// left for the digest job (it reads the Notification table); off → nothing.
import crypto from "node:crypto";
import { db, type Queryable, type Tx } from "../db/db.server.ts";
import {
  DEFAULT_DELIVERY, MAIL_PREFERENCE_KINDS, PREFERENCE_OF_NOTIFICATION, isDeliveryMode, isMailPreferenceKind,
  type DeliveryMode, type MailPreferenceKind,
} from "../domain/mail.ts";
import type { NotificationKind } from "../domain/model.ts";
import { getEnv } from "../infra/env.server.ts";
import { queueMail } from "../mail/outbox.server.ts";
import { notificationMail, type NotificationItem } from "../mail/templates.ts";

export type Preferences = Record<MailPreferenceKind, DeliveryMode>;

export async function loadPreferences(q: Queryable, userId: string): Promise<Preferences> {
  const rows = await q.selectFrom("NotificationPreference").select(["kind", "mode"]).where("userId", "=", userId).execute();
  const prefs = { ...DEFAULT_DELIVERY };
  for (const row of rows) if (isMailPreferenceKind(row.kind) && isDeliveryMode(row.mode)) prefs[row.kind] = row.mode;
  return prefs;
}

/** Saves the choices that differ from the defaults (and removes rows that equal them). */
export async function savePreferences(userId: string, prefs: Partial<Preferences>) {
  await db.transaction().execute(async (trx) => {
    for (const kind of MAIL_PREFERENCE_KINDS) {
      const mode = prefs[kind];
      if (!mode) continue;
      await setPreference(trx, userId, kind, mode);
    }
  });
}

async function setPreference(q: Queryable, userId: string, kind: MailPreferenceKind, mode: DeliveryMode) {
  if (mode === DEFAULT_DELIVERY[kind]) {
    await q.deleteFrom("NotificationPreference").where("userId", "=", userId).where("kind", "=", kind).execute();
  } else {
    await q.insertInto("NotificationPreference").values({ userId, kind, mode })
      .onConflict((oc) => oc.columns(["userId", "kind"]).doUpdateSet({ mode })).execute();
  }
}

// ---- One-click unsubscribe --------------------------------------------------------------------

/** What an unsubscribe link switches off: one kind of instant mail, or one overview. */
export type UnsubscribeTarget = MailPreferenceKind | "daily" | "weekly";

function signature(userId: string, target: string) {
  return crypto.createHmac("sha256", `laenderforum-unsubscribe:${getEnv().sessionSecret}`).update(`${userId}\n${target}`).digest("base64url").slice(0, 32);
}

export function unsubscribeToken(userId: string, target: UnsubscribeTarget) {
  return `${userId}.${target}.${signature(userId, target)}`;
}

export function verifyUnsubscribeToken(token: string): { userId: string; target: UnsubscribeTarget } | null {
  const [userId, target, sig] = token.split(".");
  if (!userId || !target || !sig) return null;
  if (!(isMailPreferenceKind(target) || target === "daily" || target === "weekly")) return null;
  const expected = Buffer.from(signature(userId, target));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return { userId, target };
}

/** Applies a verified unsubscribe: the kind (or every kind in that overview) becomes "off". */
export async function unsubscribe(token: string) {
  const verified = verifyUnsubscribeToken(token);
  if (!verified) return null;
  const { userId, target } = verified;
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("User").select("id").where("id", "=", userId).executeTakeFirst();
    if (!user) return;
    const prefs = await loadPreferences(trx, userId);
    const kinds = isMailPreferenceKind(target) ? [target] : MAIL_PREFERENCE_KINDS.filter((k) => prefs[k] === target);
    for (const kind of kinds) await setPreference(trx, userId, kind, "off");
  });
  return verified;
}

export function unsubscribeUrl(base: string, token: string) {
  return new URL(`/mail/unsubscribe/${token}`, base).toString();
}

/** RFC 8058 headers: a POST to the link unsubscribes without login or further questions. */
export function unsubscribeHeaders(link: string) {
  return { "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

// ---- From notification to mail ----------------------------------------------------------------

/** The base of every link in mails: PUBLIC_URL (required with SMTP_URL), else a local default. */
export function mailBaseUrl() {
  const env = getEnv();
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT || 3000}`;
}

/**
 * Queues the mail for one notification according to the recipient's preference, in the caller's
 * transaction. The caller has already decided (with `can`) that the recipient may read the target.
 * Returns what happened.
 */
export async function queueNotificationMail(
  trx: Tx,
  input: { userId: string; kind: NotificationKind; item: Omit<NotificationItem, "kind" | "notificationKind"> },
): Promise<"queued" | "digest" | "off" | "no-recipient"> {
  const prefKind = PREFERENCE_OF_NOTIFICATION[input.kind];
  const user = await trx.selectFrom("User").select(["email", "name", "status"]).where("id", "=", input.userId).executeTakeFirst();
  if (!user || user.status !== "active") return "no-recipient";
  const mode = (await loadPreferences(trx, input.userId))[prefKind];
  if (mode === "off") return "off";
  if (mode !== "instant") return "digest";
  const base = mailBaseUrl();
  const link = unsubscribeUrl(base, unsubscribeToken(input.userId, prefKind));
  const mail = notificationMail({ base, name: user.name, item: { ...input.item, kind: prefKind, notificationKind: input.kind }, unsubscribeUrl: link });
  await queueMail(trx, { ...mail, to: user.email, userId: input.userId, kind: `notification:${prefKind}`, headers: unsubscribeHeaders(link) });
  return "queued";
}

/** The preferences page's data. */
export function loadPreferencesPage(userId: string) {
  return loadPreferences(db, userId);
}
