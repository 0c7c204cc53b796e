// A list of ids bound as ONE parameter (a JSON array expanded by SQLite's json_each), so a statement's
// text — and with it its cached prepared statement — is the same whatever the list's length.
// `IN (?, ?, …)` would prepare a new statement for every length. SQLite-only: a PostgreSQL build
// replaces this with `= ANY(?)`.
import { sql, type RawBuilder, type SqlBool } from "kysely";

/** `column IN (the ids)` for a `where`. */
export function inIdList(column: string, ids: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} IN (SELECT "value" FROM json_each(${JSON.stringify(ids)}))`;
}
