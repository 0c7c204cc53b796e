// What people can choose about notification mail: the kinds they choose for, the four delivery
// modes and their defaults, and which in-app notification kind falls under which choice. Pure, so
// the profile page, the queueing path and the digest read the same rules.
import type { NotificationKind } from "./model.ts";

export const DELIVERY_MODES = ["instant", "daily", "weekly", "off"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const MAIL_PREFERENCE_KINDS = [
  "mention", "reply", "accepted", "new-thread", "document-new", "document-review", "document-deadline",
  "document-status", "comment-reply",
] as const;
export type MailPreferenceKind = (typeof MAIL_PREFERENCE_KINDS)[number];

/** Mentions and review deadlines at once; everything else in the daily overview. */
export const DEFAULT_DELIVERY: Record<MailPreferenceKind, DeliveryMode> = {
  mention: "instant",
  reply: "daily",
  accepted: "daily",
  "new-thread": "daily",
  "document-new": "daily",
  "document-review": "instant",
  "document-deadline": "instant",
  "document-status": "daily",
  "comment-reply": "daily",
};

/** The choice that governs an in-app notification kind. */
export const PREFERENCE_OF_NOTIFICATION: Record<NotificationKind, MailPreferenceKind> = {
  reply: "reply",
  mention: "mention",
  accepted: "accepted",
  "new-thread": "new-thread",
  "document-invite": "document-new",
  "document-review": "document-review",
  "document-deadline": "document-deadline",
  "document-comment": "comment-reply",
  "comment-reply": "comment-reply",
  "document-new": "document-new",
  "document-status": "document-status",
  // Suggestions are review talk, like comments (decision 025).
  "document-suggestion": "comment-reply",
  "suggestion-decided": "comment-reply",
};

export function isMailPreferenceKind(value: string): value is MailPreferenceKind {
  return (MAIL_PREFERENCE_KINDS as readonly string[]).includes(value);
}

export function isDeliveryMode(value: string): value is DeliveryMode {
  return (DELIVERY_MODES as readonly string[]).includes(value);
}

export const MAIL_LIMITS = {
  /** Delivery attempts before a mail is marked failed. */
  maxAttempts: 8,
  /** The wait after the 1st … 7th failed attempt: about 22 hours in all. */
  retryDelaysMs: [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 60 * 60_000, 6 * 60 * 60_000, 12 * 60 * 60_000],
  /** Reset links work for an hour. */
  resetTokenTtlMs: 60 * 60 * 1000,
  /** Reset requests per client address (answered with 429 beyond) and mails per recipient (silent). */
  resetRequestsPerAddress: { max: 10, windowSeconds: 15 * 60 },
  resetMailsPerRecipient: { max: 3, windowSeconds: 60 * 60 },
} as const;
