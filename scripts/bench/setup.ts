// A fresh migrated and seeded SQLite database for scripts (benchmarks, crash test), with extra
// documents inserted directly. Lives in the system temp dir: tests/.tmp is wiped by every test run's
// global setup, which may happen while a long script runs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { DEMO, ROOT, TEST_PASSWORD } from "../../tests/support/paths.ts";

/** `space` is a seeded space's slug (default "laenderbeirat"; "mint-regionen" has the reader gast). */
export type ExtraDocument = { id: string; title?: string; snapshot?: Uint8Array; space?: string };

export function prepareDatabase(label: string, documents: ExtraDocument[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `laenderforum-${label}-`));
  const file = path.join(dir, `${label}.db`);
  const env = { ...process.env, DATABASE_URL: `file:${file}`, SEED_PASSWORD: TEST_PASSWORD, SEED_DEMO: "1" };
  for (const args of [["prisma", "migrate", "deploy"], ["tsx", "prisma/seed.ts"]]) {
    const result = spawnSync("npx", args, { cwd: ROOT, env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  }
  const sqlite = new Database(file);
  const spaceId = sqlite.prepare<[string], { id: string }>(`SELECT id FROM "Space" WHERE slug = ?`);
  const user = sqlite.prepare(`SELECT id FROM "User" WHERE email = ?`).get(DEMO.by) as { id: string };
  const insert = sqlite.prepare(`INSERT INTO "Document" (id, spaceId, title, createdById, snapshot) VALUES (?, ?, ?, ?, ?)`);
  sqlite.transaction(() => {
    for (const d of documents) {
      const space = spaceId.get(d.space ?? "laenderbeirat");
      if (!space) throw new Error(`no space ${d.space}`);
      insert.run(d.id, space.id, d.title ?? d.id, user.id, d.snapshot ? Buffer.from(d.snapshot) : null);
    }
  })();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return { file, url: `file:${file}`, dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
