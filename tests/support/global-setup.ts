// Builds one migrated and seeded SQLite template; every test file works on its own copy of it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { ROOT, TEMPLATE_DB, TEST_PASSWORD, TMP } from "./paths.ts";

export default function setup() {
  fs.rmSync(TMP, { recursive: true, force: true });
  fs.mkdirSync(TMP, { recursive: true });
  const env = { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}`, SEED_PASSWORD: TEST_PASSWORD, SEED_DEMO: "1" };
  for (const args of [["prisma", "migrate", "deploy"], ["tsx", "prisma/seed.ts"]]) {
    const result = spawnSync("npx", args, { cwd: ROOT, env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  }
  // Fold the WAL into the file, so a plain copy of the template is complete.
  spawnSync(process.execPath, ["-e", `new (require("better-sqlite3"))(${JSON.stringify(TEMPLATE_DB)}).pragma("wal_checkpoint(TRUNCATE)")`], { cwd: ROOT });
}
