// The secrets in links we mail (invitations, password resets, e-mail changes): 32 random bytes,
// URL-safe; only their SHA-256 is stored, so a database copy opens no link. One shape check before
// any lookup, and one rule for when a stored link still works.
import crypto from "node:crypto";

/** What a mailed link's token looks like (43 characters of base64url; a little slack for older links). */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

export function newLinkToken() {
  return crypto.randomBytes(32).toString("base64url");
}

export function hashLinkToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** A stored link works while it is unused, unexpired, and its account is active. */
export function linkStillWorks(row: { usedAt: string | null; expiresAt: string; status: string } | undefined, now = Date.now()) {
  return Boolean(row && !row.usedAt && new Date(row.expiresAt).getTime() > now && row.status === "active");
}
