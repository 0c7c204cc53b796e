// compiledOnce (app/db/compiled.server.ts): a hot-path query is compiled once and then runs with new
// values bound by name, as one statement; a constant parameter that is not a named placeholder is refused.
import { describe, expect, it } from "vitest";
import { compiledOnce } from "../../app/db/compiled.server.ts";
import { db, observeQueries } from "../../app/db/db.server.ts";

describe("compiledOnce", () => {
  it("runs the compiled SQL with each call's values and builds the query only once", async () => {
    let builds = 0;
    const landByCode = compiledOnce(["code"], (p) => {
      builds++;
      return db.selectFrom("Land").select(["code", "name"]).where("code", "=", p.code);
    });
    const seen: string[] = [];
    const stop = observeQueries((statement) => seen.push(statement));
    try {
      expect(await landByCode({ code: "BY" })).toEqual([{ code: "BY", name: "Bayern" }]);
      expect(await landByCode({ code: "TH" })).toEqual([{ code: "TH", name: "Thüringen" }]);
      expect(await landByCode({ code: "XX" })).toEqual([]);
    } finally {
      stop();
    }
    expect(builds).toBe(1);
    expect(seen).toHaveLength(3);
  });

  it("binds by name whatever order the SQL uses, and refuses a constant that is not a placeholder", async () => {
    const organisations = compiledOnce(["kind", "land"], (p) =>
      db.selectFrom("Organisation").select("name").where("landCode", "=", p.land).where("kind", "=", p.kind as "coordination").orderBy("name"));
    const byLand = await db.selectFrom("Organisation").select(["kind", "landCode"]).where("landCode", "is not", null).executeTakeFirstOrThrow();
    const expected = await db.selectFrom("Organisation").select("name").where("landCode", "=", byLand.landCode).where("kind", "=", byLand.kind).orderBy("name").execute();
    expect(expected.length).toBeGreaterThan(0);
    expect(await organisations({ kind: byLand.kind, land: byLand.landCode })).toEqual(expected);
    const withConstant = compiledOnce(["code"], (p) => db.selectFrom("Land").select("code").where("code", "=", p.code).where("name", "=", "Bayern"));
    await expect(withConstant({ code: "BY" })).rejects.toThrow(/not one of the named placeholders/);
  });
});
