// How values are written to the database, so rows written by this layer, by Prisma (seed, migrations,
// test fixtures) and by the collaboration writer thread sort and compare alike. SQLite stores Prisma's
// DateTime as text `2026-11-27T10:30:03.745+00:00` (not `…Z`), booleans as 0/1; better-sqlite3 binds
// neither Date nor boolean. Ids are made here because Prisma fills `@default(cuid())` in JavaScript.
import crypto from "node:crypto";

/** A DateTime in the stored text form. */
export function dbDate(date: Date | number): string {
  return new Date(date).toISOString().replace("Z", "+00:00");
}

/** Now, in the stored text form. Always pass it for `createdAt`/`updatedAt`: the SQL default has another form. */
export function dbNow(): string {
  return dbDate(Date.now());
}

/** A stored DateTime (or null) as a Date. */
export function fromDbDate(value: string): Date;
export function fromDbDate(value: string | null): Date | null;
export function fromDbDate(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

export function dbBool(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

/** A new primary key: 25 characters, time-ordered prefix, URL-safe, like Prisma's cuid(). */
export function newId(): string {
  return "c" + Date.now().toString(36).padStart(9, "0") + crypto.randomBytes(11).toString("base64url").replace(/[-_]/g, "0").slice(0, 15);
}
