import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TMP = path.join(ROOT, "tests/.tmp");
export const TEMPLATE_DB = path.join(TMP, "template.db");
/** The demo accounts' password in every test database. */
export const TEST_PASSWORD = "test-passwort-123";
export const TEST_SESSION_SECRET = "test-session-secret-that-is-long-enough-0123456789";

export const DEMO = {
  admin: "admin@laenderforum.example",
  by: "by@laenderforum.example",
  nw: "nw@laenderforum.example",
  ministeriumRp: "ministerium-rp@laenderforum.example",
  gast: "gast@laenderforum.example",
  leitung: "leitung@laenderforum.example",
} as const;

/** A private copy of the migrated, seeded template database. */
export function freshDatabase(label: string) {
  const dir = path.join(TMP, `${label}-${crypto.randomBytes(4).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "test.db");
  fs.copyFileSync(TEMPLATE_DB, file);
  return { file, url: `file:${file}`, dir };
}
