// Sealing small secrets at rest: AES-256-GCM under a key derived from the session secret and a
// purpose label, so a copy of the database alone yields nothing and keys for different purposes
// differ. Used by the mail outbox (payloads with reset links) and two-factor secrets (decision 022).
import crypto from "node:crypto";
import { getEnv } from "./env.server.ts";

const keys = new Map<string, Buffer>();

/** The key for `purpose` (the outbox's label is "laenderforum-outbox"; kept so sealed mails still open). */
function keyFor(purpose: string) {
  let key = keys.get(purpose);
  if (!key) keys.set(purpose, (key = crypto.createHash("sha256").update(`${purpose}:${getEnv().sessionSecret}`).digest()));
  return key;
}

/** "iv.tag.ciphertext", each base64url. */
export function sealText(purpose: string, text: string) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

/** Opens what sealText made; throws when it was sealed under another secret or altered. */
export function openText(purpose: string, stored: string) {
  const [iv, tag, body] = stored.split(".").map((s) => Buffer.from(s, "base64url"));
  const decipher = crypto.createDecipheriv("aes-256-gcm", keyFor(purpose), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

/** HMAC-SHA256 under a key derived the same way (lookups of one-time codes without storing them). */
export function keyedHash(purpose: string, text: string) {
  return crypto.createHmac("sha256", keyFor(purpose)).update(text).digest("hex");
}
