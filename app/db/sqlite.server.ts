// The one way to open the SQLite file: every connection (the query layer's, the collaboration
// writer thread's, Prisma's for seed and migrations) gets the same PRAGMAs.
// TODO(019): `prepared`/`sharedSqlite` below go once every read runs on the query layer (db.server.ts).
import Database from "better-sqlite3";
import { getEnv } from "../infra/env.server.ts";

/** Checked by tests/integration/database.test.ts. */
export const SQLITE_PRAGMAS = {
  journal_mode: "wal",
  busy_timeout: 5000,
  foreign_keys: 1,
  synchronous: 2, // FULL: a committed transaction survives power loss, not only a crash
} as const;

/**
 * The one way to open the SQLite file with better-sqlite3: the PRAGMAs every connection needs
 * (the collaboration server's writer thread, plain JavaScript, repeats them).
 */
export function openSqlite(file: string) {
  const connection = new Database(file, { timeout: SQLITE_PRAGMAS.busy_timeout });
  connection.pragma("journal_mode = WAL");
  connection.pragma(`busy_timeout = ${SQLITE_PRAGMAS.busy_timeout}`);
  connection.pragma("foreign_keys = ON");
  connection.pragma("synchronous = FULL");
  return connection;
}

type Slot = { connection: Database.Database; statements: Map<string, Database.Statement> };
const globalForSqlite = globalThis as unknown as { __laenderforumSqlite?: Slot };

function slot(): Slot {
  if (!globalForSqlite.__laenderforumSqlite) {
    globalForSqlite.__laenderforumSqlite = { connection: openSqlite(getEnv().databaseFile), statements: new Map() };
  }
  return globalForSqlite.__laenderforumSqlite;
}

/** The shared read connection itself (for modules that prepare statements on a given connection). */
export function sharedSqlite() {
  return slot().connection;
}

/** A cached prepared statement on the shared read connection. */
export function prepared(sql: string) {
  const { connection, statements } = slot();
  let statement = statements.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

export function closeSqlite() {
  globalForSqlite.__laenderforumSqlite?.connection.close();
  globalForSqlite.__laenderforumSqlite = undefined;
}
