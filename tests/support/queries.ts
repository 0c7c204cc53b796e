// Counting the SQL a code path runs through the query layer (app/db/db.server.ts observeQueries).
import { observeQueries } from "../../app/db/db.server.ts";

/** The SQL that `fn` runs through the query layer, in order (BEGIN and COMMIT included). */
export async function statementsOf(fn: () => Promise<unknown>) {
  const seen: string[] = [];
  const stop = observeQueries((sql) => seen.push(sql));
  try {
    await fn();
  } finally {
    stop();
  }
  return seen;
}
