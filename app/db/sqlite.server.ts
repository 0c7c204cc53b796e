// The one way to open the SQLite file, so every connection gets the same PRAGMAs (WAL, busy timeout,
// foreign keys, synchronous=FULL). Prisma's connection (seed and test fixtures only) sets them in
// app/db/prisma.server.ts from the same constant.
import Database from "better-sqlite3";

/** Checked by tests/integration/database.test.ts. */
export const SQLITE_PRAGMAS = {
  journal_mode: "wal",
  busy_timeout: 5000,
  foreign_keys: 1,
  synchronous: 2, // FULL: a committed transaction survives power loss, not only a crash
} as const;

/**
 * The one way to open the SQLite file with better-sqlite3. The collaboration writer thread (plain
 * JavaScript) runs the same PRAGMAs, handed over in its workerData (server/collab/persistence.ts).
 */
export function openSqlite(file: string) {
  const connection = new Database(file, { timeout: SQLITE_PRAGMAS.busy_timeout });
  connection.pragma("journal_mode = WAL");
  connection.pragma(`busy_timeout = ${SQLITE_PRAGMAS.busy_timeout}`);
  connection.pragma("foreign_keys = ON");
  connection.pragma("synchronous = FULL");
  return connection;
}
