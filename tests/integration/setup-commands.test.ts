// A real installation: empty database, first admin from the command line, generated session secret.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { get, loginCookie } from "../support/http.ts";
import { freshDatabase, ROOT, TMP } from "../support/paths.ts";
import { startServer } from "../support/server.ts";

function run(args: string[], env: Record<string, string>) {
  return spawnSync("npx", args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8" });
}

function emptyDatabase() {
  const dir = fs.mkdtempSync(path.join(TMP, "install-"));
  const file = path.join(dir, "app.db");
  return { dir, file, url: `file:${file}` };
}

describe("a real installation (SEED_DEMO=0)", () => {
  it("starts without demo data, and admin:create makes the first admin who can log in", async () => {
    const db = emptyDatabase();
    const env = { DATABASE_URL: db.url, SEED_DEMO: "0" };
    expect(run(["prisma", "migrate", "deploy"], env).status).toBe(0);
    const seeded = run(["tsx", "prisma/seed.ts"], env);
    expect(seeded.status).toBe(0);
    const sqlite = new Database(db.file, { readonly: true });
    const count = (t: string) => (sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
    expect(count("Land")).toBe(16);
    expect(count("User")).toBe(0);
    expect(count("Space")).toBe(0);

    const refused = run(["tsx", "scripts/admin-create.ts", "--email", "keine-adresse", "--name", "X", "--password", "kurz"], env);
    expect(refused.status).not.toBe(0);
    expect(count("User")).toBe(0);

    const created = run(["tsx", "scripts/admin-create.ts", "--email", "chefin@programmbuero.example", "--name", "Erste Admin", "--password", "sehr-geheimes-passwort"], env);
    expect(created.status, created.stderr).toBe(0);
    expect(count("User")).toBe(1);
    sqlite.close();

    const server = await startServer({ SEED_DEMO: "0", SESSION_SECRET: undefined }, db);
    try {
      const cookie = await loginCookie(server.url, "chefin@programmbuero.example", "sehr-geheimes-passwort");
      expect((await get(server.url, "/admin", cookie)).status).toBe(200);
      expect(server.output()).not.toContain("Demo-Konten");
    } finally {
      await server.stop();
    }
  });
});

describe("configuration", () => {
  it("without SESSION_SECRET, generates one beside the database so sessions survive a restart", async () => {
    const db = freshDatabase("secret");
    const first = await startServer({ SESSION_SECRET: undefined }, db);
    const cookie = await loginCookie(first.url, "by@laenderforum.example");
    await first.stop();
    expect(fs.existsSync(path.join(db.dir, "session-secret"))).toBe(true);

    const second = await startServer({ SESSION_SECRET: undefined }, db);
    try {
      expect((await get(second.url, "/profile", cookie)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it("refuses to start with invalid configuration and says why", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], {
      cwd: ROOT, env: { ...process.env, PORT: "kein-port", DATABASE_URL: freshDatabase("badenv").url }, encoding: "utf8",
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("Invalid configuration");
    expect(result.stderr).toContain("PORT");
  });
});
