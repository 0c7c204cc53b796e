// A direct better-sqlite3 connection for the few reads that run on (nearly) every request: the
// session lookup, the unread badge and the posts of a thread page. Through Prisma each query costs
// 0.5–1 ms of query compilation; a prepared statement costs microseconds (docs/decisions/014).
// Writes stay with Prisma, so transactions and audit entries have one path.
import Database from "better-sqlite3";
import { SQLITE_PRAGMAS } from "./db.server.ts";
import { getEnv } from "./env.server.ts";

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
