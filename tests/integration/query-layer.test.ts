// The query layer (app/db/db.server.ts): PRAGMAs on its connection, the stored value forms shared
// with Prisma-written rows, statement caching, and IMMEDIATE transactions that roll back as a whole.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db, observeQueries, sqliteConnection } from "../../app/db/db.server.ts";
import { db as prisma } from "../../app/db/prisma.server.ts";
import { SQLITE_PRAGMAS } from "../../app/db/sqlite.server.ts";
import { dbDate, dbNow, fromDbDate, newId } from "../../app/db/values.ts";

describe("query layer", () => {
  it("opens its connection with the shared PRAGMAs", () => {
    const connection = sqliteConnection();
    expect(connection.pragma("journal_mode", { simple: true })).toBe(SQLITE_PRAGMAS.journal_mode);
    expect(connection.pragma("busy_timeout", { simple: true })).toBe(SQLITE_PRAGMAS.busy_timeout);
    expect(connection.pragma("foreign_keys", { simple: true })).toBe(SQLITE_PRAGMAS.foreign_keys);
    expect(connection.pragma("synchronous", { simple: true })).toBe(SQLITE_PRAGMAS.synchronous);
  });

  it("writes DateTimes in the form Prisma writes and reads, so both sort together", async () => {
    const land = await db.selectFrom("Land").select("code").executeTakeFirstOrThrow();
    const id = newId();
    const when = new Date("2026-01-02T03:04:05.678Z");
    await db.insertInto("Organisation").values({ id, name: "Testorganisation", kind: "partner", landCode: land.code, createdAt: dbDate(when) }).execute();
    const viaPrisma = await prisma.organisation.findUniqueOrThrow({ where: { id } });
    expect(viaPrisma.createdAt.toISOString()).toBe(when.toISOString());
    const prismaWritten = await prisma.organisation.create({ data: { name: "Von Prisma", kind: "partner" } });
    const row = await db.selectFrom("Organisation").select("createdAt").where("id", "=", prismaWritten.id).executeTakeFirstOrThrow();
    expect(row.createdAt).toBe(dbDate(prismaWritten.createdAt));
    expect(fromDbDate(row.createdAt).getTime()).toBe(prismaWritten.createdAt.getTime());
  });

  it("makes unique, URL-safe ids", () => {
    const ids = new Set(Array.from({ length: 1000 }, newId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{25}$/);
  });

  it("rolls a failed transaction back as a whole and serves other queries afterwards", async () => {
    const name = `Rollback ${newId()}`;
    await expect(db.transaction().execute(async (trx) => {
      await trx.insertInto("Organisation").values({ id: newId(), name, kind: "partner", createdAt: dbNow() }).execute();
      await trx.insertInto("Membership").values({ id: newId(), userId: "nobody", spaceId: "nowhere", role: "member", createdAt: dbNow() }).execute();
    })).rejects.toThrow(/FOREIGN KEY/);
    const left = await db.selectFrom("Organisation").select("id").where("name", "=", name).execute();
    expect(left).toEqual([]);
    const { n } = await sql<{ n: number }>`select 1 as n`.execute(db).then((r) => r.rows[0]);
    expect(n).toBe(1);
  });

  it("lets a test count the statements of a code path, BEGIN IMMEDIATE and COMMIT included", async () => {
    const seen: string[] = [];
    const stop = observeQueries((statement) => seen.push(statement));
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom("Land").select("code").limit(1).execute();
    });
    stop();
    await db.selectFrom("Land").select("code").limit(1).execute();
    expect(seen.map((s) => s.split(" ")[0].toLowerCase())).toEqual(["begin", "select", "commit"]);
    expect(seen[0]).toBe("begin immediate");
  });
});
