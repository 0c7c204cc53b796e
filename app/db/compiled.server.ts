// Queries on the hot path of every request (the session lookup, the guards, the collaboration
// upgrade's access check) are built and compiled once: Kysely's builder and compiler cost more than
// such a one-row lookup itself (session lookup: about 90–130 µs built per call against 15–35 µs
// compiled once; the access check allocated 18 of its 25 KiB per call in the builder). The statement
// cache in db.server.ts then reuses the prepared statement as for any other query.
import type { CompiledQuery } from "kysely";
import { db } from "./db.server.ts";

const MARK = "\u0000compiledOnce:";

/**
 * `build` is called once, with a unique placeholder string for each name; every parameter of the
 * compiled query must be one of them (a constant belongs in the SQL text or must be a name too),
 * so the returned function can bind each call's values by name whatever order the SQL uses.
 */
export function compiledOnce<Row, const Name extends string>(
  names: readonly Name[],
  build: (placeholders: Record<Name, string>) => { compile(): CompiledQuery<Row> },
) {
  let plan: { compiled: CompiledQuery<Row>; order: Name[] } | undefined;
  const prepare = () => {
    const placeholders = Object.fromEntries(names.map((name) => [name, MARK + name])) as Record<Name, string>;
    const compiled = build(placeholders).compile();
    const order = compiled.parameters.map((parameter) => {
      const name = typeof parameter === "string" && parameter.startsWith(MARK) ? (parameter.slice(MARK.length) as Name) : undefined;
      if (!name || !names.includes(name)) throw new Error(`compiledOnce: parameter ${JSON.stringify(parameter)} is not one of the named placeholders`);
      return name;
    });
    return { compiled, order };
  };
  return async (values: Record<Name, unknown>): Promise<Row[]> => {
    plan ??= prepare();
    return (await db.executeQuery<Row>({ ...plan.compiled, parameters: plan.order.map((name) => values[name]) })).rows;
  };
}
