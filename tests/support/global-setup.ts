// Builds one migrated and seeded SQLite template; every test file works on its own copy of it.
// Concurrent runs (e.g. two terminals) must not clobber each other: the template is built under a
// private name and renamed into place, and only leftovers older than a day are removed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, TEMPLATE_DB, TEST_PASSWORD, TMP } from "./paths.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export default function setup() {
  fs.mkdirSync(TMP, { recursive: true });
  for (const entry of fs.readdirSync(TMP)) {
    const full = path.join(TMP, entry);
    if (Date.now() - fs.statSync(full).mtimeMs > DAY_MS) fs.rmSync(full, { recursive: true, force: true });
  }
  const building = path.join(TMP, `template-${process.pid}.db`);
  const env = { ...process.env, DATABASE_URL: `file:${building}`, SEED_PASSWORD: TEST_PASSWORD, SEED_DEMO: "1" };
  for (const args of [["prisma", "migrate", "deploy"], ["tsx", "prisma/seed.ts"]]) {
    const result = spawnSync("npx", args, { cwd: ROOT, env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  }
  // Fold the WAL into the file, so a plain copy of the template is complete.
  spawnSync(process.execPath, ["-e", `new (require("better-sqlite3"))(${JSON.stringify(building)}).pragma("wal_checkpoint(TRUNCATE)")`], { cwd: ROOT });
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(building + suffix, { force: true });
  fs.renameSync(building, TEMPLATE_DB);
}
