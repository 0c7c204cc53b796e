// The one query layer: Kysely over one better-sqlite3 connection per process, typed by the tables
// that `prisma generate` emits from prisma/schema.prisma (prisma-kysely). Every request path reads
// and writes through `db`; Prisma keeps the schema and the migrations (docs/decisions/019).
//
// Why these details:
// - Statements are cached by their SQL text. Kysely's stock driver prepares every query anew, which
//   costs 10–40 µs per call; the builder output for one call site is always the same text.
// - One connection reads and writes. Kysely's SQLite driver serialises queries behind a mutex, so a
//   transaction holds the whole process's database access until it ends: never await anything but
//   `trx` queries inside one (no fetch, no file I/O, no other `db` call — that would deadlock).
// - Transactions begin IMMEDIATE: the collaboration writer thread writes the same file, and a
//   deferred transaction that reads first and writes later fails at once with SQLITE_BUSY_SNAPSHOT
//   instead of waiting for busy_timeout.
import type BetterSqlite3 from "better-sqlite3";
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Transaction } from "kysely";
import type { DB } from "../generated/kysely/types.ts";
import { getEnv } from "../infra/env.server.ts";
import { openSqlite } from "./sqlite.server.ts";

export type { DB };
export type Tx = Transaction<DB>;
/** `db` or a transaction: model functions that may run inside a caller's transaction take this. */
export type Queryable = Kysely<DB> | Transaction<DB>;

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class CachedSqliteDialect extends SqliteDialect {
  readonly #database: { prepare: (sql: string) => BetterSqlite3.Statement; close: () => void };
  constructor(database: { prepare: (sql: string) => BetterSqlite3.Statement; close: () => void }) {
    super({ database });
    this.#database = database;
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
}

type QueryObserver = (sql: string) => void;
const observers = new Set<QueryObserver>();

/**
 * Calls `observer` with the SQL of every statement this process runs through `db` until the returned
 * function is called. For tests and benchmarks that count statements on a request path.
 */
export function observeQueries(observer: QueryObserver) {
  observers.add(observer);
  return () => void observers.delete(observer);
}

type Slot = { connection: BetterSqlite3.Database; db: Kysely<DB> };
// Shared through globalThis: the Remix build and the Node server each bundle this module.
const globalForDb = globalThis as unknown as { __laenderforumKysely?: Slot };

function connect(file: string): Slot {
  const connection = openSqlite(file);
  const statements = new Map<string, BetterSqlite3.Statement>();
  const db = new Kysely<DB>({
    dialect: new CachedSqliteDialect({
      prepare(sql) {
        let statement = statements.get(sql);
        if (!statement) {
          statement = connection.prepare(sql);
          statements.set(sql, statement);
        }
        return statement;
      },
      close: () => connection.close(),
    }),
    log: (event) => {
      if (observers.size) for (const observer of observers) observer(event.query.sql);
    },
  });
  return { connection, db };
}

function slot(): Slot {
  return (globalForDb.__laenderforumKysely ??= connect(getEnv().databaseFile));
}

/** The process's query builder and executor. */
export const db: Kysely<DB> = new Proxy({} as Kysely<DB>, {
  // A proxy so that importing this module opens nothing: scripts and tests set DATABASE_URL first.
  get(_target, property) {
    const real = slot().db;
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
  has: (_target, property) => Reflect.has(slot().db, property),
});

/**
 * The raw connection, for the SQLite-only parts that Kysely does not express (FTS5 MATCH with
 * bm25, PRAGMAs, backups). Keep each use behind a small named function in app/db/.
 */
export function sqliteConnection() {
  return slot().connection;
}

export async function closeDb() {
  const current = globalForDb.__laenderforumKysely;
  globalForDb.__laenderforumKysely = undefined;
  await current?.db.destroy();
}
