// Rows written straight into a spawned server's database for browser and HTTP tests, where going
// through the UI would test something else (the mail itself is tested over HTTP with real SMTP).
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { dbDate } from "../../app/db/values.ts";

/** A working password-reset link for `email`, as the reset mail would carry it. */
export function resetLinkFor(dbFile: string, email: string) {
  const token = crypto.randomBytes(32).toString("base64url");
  const sqlite = new Database(dbFile);
  const { id } = sqlite.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get(email) as { id: string };
  sqlite.prepare(`INSERT INTO "PasswordReset" ("id", "userId", "tokenHash", "expiresAt", "createdAt") VALUES (?, ?, ?, ?, ?)`)
    .run(`ctest${crypto.randomBytes(8).toString("hex")}`, id, crypto.createHash("sha256").update(token).digest("hex"), dbDate(Date.now() + 3_600_000), dbDate(Date.now()));
  sqlite.close();
  return `/password/reset/${token}`;
}
