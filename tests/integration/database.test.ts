import { describe, expect, it } from "vitest";
import { db, dbReady, SQLITE_PRAGMAS } from "../../app/db/prisma.server.ts";

const pragma = async (name: string) => {
  const rows = await db.$queryRawUnsafe<Array<Record<string, unknown>>>(`PRAGMA ${name}`);
  return Object.values(rows[0])[0];
};

describe("SQLite connection", () => {
  it("runs in WAL mode with busy_timeout, foreign keys and synchronous=FULL", async () => {
    await dbReady;
    expect(String(await pragma("journal_mode"))).toBe(SQLITE_PRAGMAS.journal_mode);
    expect(Number(await pragma("busy_timeout"))).toBe(SQLITE_PRAGMAS.busy_timeout);
    expect(Number(await pragma("foreign_keys"))).toBe(SQLITE_PRAGMAS.foreign_keys);
    expect(Number(await pragma("synchronous"))).toBe(SQLITE_PRAGMAS.synchronous);
  });

  it("enforces foreign keys", async () => {
    await dbReady;
    await expect(db.membership.create({ data: { userId: "nobody", spaceId: "nowhere", role: "member" } })).rejects.toThrow();
  });
});
