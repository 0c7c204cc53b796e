// A real installation: empty database, first admin from the command line, generated session secret.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { get, loginCookie } from "../support/http.ts";
import { freshDatabase, ROOT, TEST_SESSION_SECRET, TMP } from "../support/paths.ts";
import { serverUrl, startServer } from "../support/server.ts";

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

/** A copy of the tracked files as a fresh clone has them after `npm install` (no build/). */
function freshClone() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laenderforum-clone-"));
  const files = spawnSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).stdout.split("\0").filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(path.join(ROOT, file))) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  // What `npm install` leaves behind: the dependencies and the generated Prisma client.
  // node_modules is a real directory of links (not one link to the shared tree), so Vite's temporary
  // files land inside the clone, where tsx watch ignores them as it would in a real clone.
  const modules = fs.realpathSync(path.join(ROOT, "node_modules"));
  fs.mkdirSync(path.join(dir, "node_modules"));
  for (const entry of fs.readdirSync(modules)) {
    if (entry === ".vite" || entry === ".vite-temp") continue;
    fs.symlinkSync(path.join(modules, entry), path.join(dir, "node_modules", entry));
  }
  fs.cpSync(path.join(ROOT, "app/generated"), path.join(dir, "app/generated"), { recursive: true });
  return dir;
}

describe("npm run dev", () => {
  it("starts on a fresh clone without a build directory and serves /healthz", async () => {
    const clone = freshClone();
    expect(fs.existsSync(path.join(clone, "build"))).toBe(false);
    const db = emptyDatabase();
    // detached: its own process group, so stopping it also stops tsx watch and the server under it.
    const child = spawn(process.execPath, ["scripts/start.js", "--dev"], {
      cwd: clone, detached: true, stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PORT: "0", DATABASE_URL: db.url, SESSION_SECRET: TEST_SESSION_SECRET, NODE_ENV: "development" },
    });
    try {
      const { url, output } = await serverUrl(child, "npm run dev");
      const res = await fetch(`${url}/healthz`).catch((error) => {
        throw new Error(`${error}\n${output()}`);
      });
      expect(res.status, output()).toBe(200);
      expect(await res.json()).toEqual({ status: "ok" });
      expect(output()).not.toContain("ENOENT");
      expect(fs.existsSync(path.join(clone, "build"))).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        process.kill(-child.pid!, "SIGTERM");
        await exited;
      }
      fs.rmSync(clone, { recursive: true, force: true });
    }
  }, 240_000);
});
