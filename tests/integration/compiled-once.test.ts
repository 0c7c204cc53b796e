// compiledOnce (app/db/compiled.server.ts): a hot-path query is compiled once and then runs with new
// values, as one statement; a call with the wrong number of values is refused, not run.
import { describe, expect, it } from "vitest";
import { compiledOnce } from "../../app/db/compiled.server.ts";
import { db, observeQueries } from "../../app/db/db.server.ts";

describe("compiledOnce", () => {
  it("runs the compiled SQL with each call's values and builds the query only once", async () => {
    let builds = 0;
    const landByCode = compiledOnce(() => {
      builds++;
      return db.selectFrom("Land").select(["code", "name"]).where("code", "=", "placeholder");
    });
    const seen: string[] = [];
    const stop = observeQueries((statement) => seen.push(statement));
    try {
      expect(await landByCode("BY")).toEqual([{ code: "BY", name: "Bayern" }]);
      expect(await landByCode("TH")).toEqual([{ code: "TH", name: "Thüringen" }]);
      expect(await landByCode("XX")).toEqual([]);
    } finally {
      stop();
    }
    expect(builds).toBe(1);
    expect(seen).toHaveLength(3);
    await expect(landByCode("BY", "TH")).rejects.toThrow(/1 parameters expected/);
  });
});
