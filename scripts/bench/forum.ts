// npm run bench:forum — seeds a separate SQLite database with 10,000 threads and 200,000 posts and
// measures two production builds on identical copies of it, one after the other in the same run: the
// reference (BENCH_BASELINE, a git ref; default: the commit before the query-layer work) and this
// checkout. For each: cold start to the first answered request; server CPU per request (closed loop,
// 4 connections, read from /proc); then latency at the brief's fixed rates with autocannon, for a
// thread page with 50 posts, the best-practice catalogue, search with rotating terms (over posts,
// 500 position papers and their comments), and creating a post. The server runs on core 0, this
// process on core 1 (the server with WEB_WORKERS=1; CPU counts all its processes). Then, unpinned,
// the thread page and the catalogue with WEB_WORKERS=1 and =2 (decision 024; BENCH_WEB_WORKERS=0
// skips it). Prints the figures and records them in docs/BENCHMARKS.md.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { analyse, scopeTokens } from "../../app/domain/search-text.js";
import { hashPassword } from "../../app/auth/password.server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const THREADS = Number(process.env.BENCH_THREADS ?? 10_000);
const POSTS = Number(process.env.BENCH_POSTS ?? 200_000);
// Search covers papers and their comments too: a Gremium's worth of long papers with comment threads.
const PAPERS = Number(process.env.BENCH_PAPERS ?? 500);
const COMMENTS_PER_PAPER = 8;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
/** The reference build; "none" measures this checkout only. */
const BASELINE = process.env.BENCH_BASELINE ?? "2cb548e";
/** Requests per scenario in the CPU pass. */
const CPU_REQUESTS = Number(process.env.BENCH_CPU_REQUESTS ?? 600);
const CLOCK_TICKS = 100; // USER_HZ on Linux
const PASSWORD = "bench-passwort-123";
const BENCH_USERS = 60; // posting is rate-limited per user (20/min), so the post scenario rotates users

const WORDS = ("Schülerlabor Robotik Mädchen Förderung Lehrkräfte Ganztag Digitalisierung Nachhaltigkeit Berufsorientierung Hochschule " +
  "Kita Grundschule Experiment Werkstatt Netzwerk Fachkräfte Mathematik Informatik Physik Chemie Biologie Technik Ferienkurs " +
  "Wettbewerb Mentoring Elternabend Qualität Finanzierung Verstetigung Kooperation Unternehmen Kommune Landkreis Stiftung " +
  "Bildungskette Studienorientierung Praktikum Exkursion Forscherclub Makerspace Programmieren Klimaschutz Energie Wasser").split(" ");
const SEARCH_TERMS = ["Robotik", "Schülerlabor", "Mädchen Förderung", "Makerspace", "Klimaschutz Energie", "Lehrkräfte", "Ferienkurs", "Mentoring", "Bildungskette", "Stiftung"];

// A realistic vocabulary: a few thousand everyday words (Zipf-distributed) and the domain terms,
// so a search term matches a small share of posts as in a real forum, not most of them.
const SYLLABLES = "ge be ver an auf aus bei mit nach vor zu ein un er ent la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to ka ke ki ko der die das und".split(" ");
const COMMON = Array.from({ length: 4000 }, (_, i) => SYLLABLES[i % 47] + SYLLABLES[(i * 7) % 47] + SYLLABLES[(i * 13) % 47] + (i > 1500 ? "en" : ""));
const zipf = (n: number) => Math.floor(n * Math.pow(Math.random(), 3));
const pickWord = () => (Math.random() < 0.03 ? WORDS[Math.floor(Math.random() * WORDS.length)] : COMMON[zipf(COMMON.length)]);
const id = () => "b" + crypto.randomBytes(12).toString("base64url").replace(/[-_]/g, "x");
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const sentence = (n: number) => Array.from({ length: n }, pickWord).join(" ");

function run(cmd: string, args: string[], env: Record<string, string>, cwd = ROOT) {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${r.stderr}`);
}

async function seed(file: string) {
  const env = { DATABASE_URL: `file:${file}`, SEED_PASSWORD: PASSWORD };
  run("npx", ["prisma", "migrate", "deploy"], env);
  run("npx", ["tsx", "prisma/seed.ts"], env);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const space = db.prepare(`SELECT id FROM "Space" WHERE slug = 'mint-regionen'`).get() as { id: string };
  const passwordHash = await hashPassword(PASSWORD);
  const insertUser = db.prepare(`INSERT INTO "User" (id, email, name, passwordHash, role, status, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'member', 'active', ?, ?)`);
  const insertMember = db.prepare(`INSERT INTO "Membership" (id, userId, spaceId, role, createdAt) VALUES (?, ?, ?, 'member', ?)`);
  const insertThread = db.prepare(`INSERT INTO "Thread" (id, spaceId, authorId, kind, title, replyCount, createdAt, lastActivityAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertBp = db.prepare(`INSERT INTO "BestPractice" (threadId, laender, targetGroups, impact) VALUES (?, ?, ?, ?)`);
  const insertPost = db.prepare(`INSERT INTO "Post" (id, threadId, authorId, bodyJson, bodyText, createdAt) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertEntry = db.prepare(`INSERT INTO "SearchEntry" (key, type, postId, documentId, commentId, threadId, spaceId, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPaper = db.prepare(`INSERT INTO "Document" (id, spaceId, title, status, createdById, createdAt, updatedAt, contentText) VALUES (?, ?, ?, 'draft', ?, ?, ?, ?)`);
  const insertCommentThread = db.prepare(`INSERT INTO "CommentThread" (id, documentId, authorId, anchorStart, anchorEnd, quote, createdAt) VALUES (?, ?, ?, '', '', ?, ?)`);
  const insertComment = db.prepare(`INSERT INTO "Comment" (id, threadId, authorId, bodyJson, bodyText, createdAt) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertFts = db.prepare(`INSERT INTO "SearchFts" (rowid, title, body, extra, scope) VALUES (?, ?, ?, ?, ?)`);
  const users: string[] = [];
  const now = Date.now();
  let benchThread = "";
  db.transaction(() => {
    for (let i = 0; i < BENCH_USERS; i++) {
      const uid = id();
      insertUser.run(uid, `bench${i}@laenderforum.example`, `Bench Person ${i}`, passwordHash, iso(now), iso(now));
      insertMember.run(id(), uid, space.id, iso(now));
      users.push(uid);
    }
    const codes = ["BY", "NW", "RP", "TH", "BW", "HE", "NI", "SN"];
    let posts = 0;
    for (let t = 0; t < THREADS; t++) {
      const tid = id();
      // Thread 0 has exactly 50 posts (one full page); the rest share the remaining posts.
      const count = t === 0 ? 50 : Math.max(1, Math.round((POSTS - 50) / (THREADS - 1)));
      const kind = t % 5 === 0 ? "best-practice" : "discussion";
      const title = `${sentence(4)} ${t}`;
      const started = now - (THREADS - t) * 60_000;
      insertThread.run(tid, space.id, users[t % users.length], kind, title, count - 1, iso(started), iso(started + count * 1000));
      if (kind === "best-practice") insertBp.run(tid, codes[t % codes.length], "sek1,grundschule", sentence(8));
      if (t === 0) benchThread = tid;
      for (let p = 0; p < count && posts < POSTS; p++, posts++) {
        const pid = id();
        const text = `${sentence(25)}\n${sentence(20)}`;
        const json = JSON.stringify({ type: "doc", content: text.split("\n").map((line) => ({ type: "paragraph", content: [{ type: "text", text: line }] })) });
        insertPost.run(pid, tid, users[(t + p) % users.length], json, text, iso(started + p * 1000));
        const row = insertEntry.run(`post:${pid}`, "post", pid, null, null, tid, space.id, kind);
        insertFts.run(row.lastInsertRowid, p === 0 ? analyse(title) : "", analyse(text), "", scopeTokens({ spaceId: space.id, type: "post", kind }));
      }
    }
    for (let d = 0; d < PAPERS; d++) {
      const did = id();
      const title = `Positionspapier ${sentence(3)} ${d}`;
      const text = Array.from({ length: 30 }, () => sentence(30)).join("\n");
      insertPaper.run(did, space.id, title, users[d % users.length], iso(now), iso(now), text);
      const row = insertEntry.run(`paper:${did}`, "paper", null, did, null, "", space.id, "");
      insertFts.run(row.lastInsertRowid, analyse(title), analyse(text), "", scopeTokens({ spaceId: space.id, type: "paper", documentId: did }));
      for (let c = 0; c < COMMENTS_PER_PAPER; c++) {
        const ctid = id();
        const cid = id();
        const quote = sentence(5);
        const body = sentence(30);
        insertCommentThread.run(ctid, did, users[(d + c) % users.length], quote, iso(now));
        insertComment.run(cid, ctid, users[(d + c) % users.length], JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: body }] }] }), body, iso(now));
        const entry = insertEntry.run(`comment:${cid}`, "comment", null, did, cid, ctid, space.id, "");
        insertFts.run(entry.lastInsertRowid, "", analyse(body), analyse(quote), scopeTokens({ spaceId: space.id, type: "comment", documentId: did }));
      }
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  const counts = db.prepare(`SELECT (SELECT count(*) FROM "Thread") AS threads, (SELECT count(*) FROM "Post") AS posts, (SELECT count(*) FROM "Document") AS papers, (SELECT count(*) FROM "Comment") AS comments`).get() as { threads: number; posts: number; papers: number; comments: number };
  db.close();
  return { benchThread, counts };
}

/**
 * Brings a copy of the seeded database to the schema of the build in `root`: its migrations are
 * applied (a database kept with BENCH_DB may predate newer ones), and indexes that its migrations
 * do not create are dropped, so a reference build is measured without indexes added after it.
 */
function matchSchema(root: string, file: string) {
  const migrations = path.join(root, "prisma/migrations");
  const created = new Set<string>();
  for (const dir of fs.readdirSync(migrations)) {
    const sqlFile = path.join(migrations, dir, "migration.sql");
    if (!fs.existsSync(sqlFile)) continue;
    for (const match of fs.readFileSync(sqlFile, "utf8").matchAll(/CREATE (?:UNIQUE )?INDEX "([^"]+)"/g)) created.add(match[1]);
  }
  const db = new Database(file);
  const applied = new Set((db.prepare(`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`).all() as Array<{ name: string }>).map((r) => r.name));
  const own = fs.readdirSync(migrations).filter((d) => fs.existsSync(path.join(migrations, d, "migration.sql")));
  const extraIndexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%' AND sql IS NOT NULL`).all() as Array<{ name: string }>)
    .map((r) => r.name).filter((name) => !created.has(name));
  for (const name of extraIndexes) db.exec(`DROP INDEX "${name}"`);
  db.close();
  if (own.some((d) => !applied.has(d))) run("npx", ["prisma", "migrate", "deploy"], { DATABASE_URL: `file:${file}` }, root);
}

/** A production build of `ref` in its own worktree (built once and kept in the temp dir). */
function baselineRoot(ref: string) {
  const sha = spawnSync("git", ["rev-parse", "--short", ref], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
  if (!sha) throw new Error(`BENCH_BASELINE=${ref} is not a commit here`);
  const dir = path.join(os.tmpdir(), `laenderforum-bench-${sha}`);
  if (!fs.existsSync(path.join(dir, "build/server/index.js"))) {
    console.log(`Building the reference ${ref} (${sha}) in ${dir} …`);
    fs.rmSync(dir, { recursive: true, force: true });
    run("git", ["worktree", "add", "--detach", dir, sha], {});
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    for (const args of [["prisma", "generate"], ["remix", "vite:build"]]) {
      const r = spawnSync("npx", args, { cwd: dir, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`${args.join(" ")} in ${dir}: ${r.stderr}`);
    }
  }
  return { dir, label: `reference ${sha}` };
}

async function startServer(root: string, file: string, options: { webWorkers?: number; pinned?: boolean } = {}) {
  // Server on core 0, this process (seeding, autocannon) on core 1: `npm run bench:forum` pins it there.
  // The two-core comparison runs unpinned (every core for everyone).
  const started = performance.now();
  const cores = `0-${os.cpus().length - 1}`;
  const child = spawn("taskset", ["-c", options.pinned === false ? cores : "0", process.execPath, "--import", "tsx", "server/index.ts"], {
    cwd: root, env: { ...process.env, NODE_ENV: "production", PORT: "0", WEB_WORKERS: String(options.webWorkers ?? 1), DATABASE_URL: `file:${file}`, SESSION_SECRET: "bench-secret-bench-secret-bench-secret-42" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c;
      const match = /läuft auf (http:\/\/localhost:\d+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
  // Cold start: until the first request is answered, not only until the port is open.
  while (!(await fetch(`${url}/healthz`).then((r) => r.ok, () => false)));
  const coldStartMs = Math.round(performance.now() - started);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return { url, coldStartMs, cpuMs: () => cpuMs(child.pid!), stop: () => { child.kill("SIGTERM"); return exited; } };
}

/**
 * User + system CPU time so far, in ms, of a process and its descendants (all threads, zlib's pool
 * included): since decision 024 the server is a supervisor with a collaboration process and web workers.
 */
function cpuMs(pid: number): number {
  let own = 0;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    own = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0; // gone meanwhile
  }
  let children: number[] = [];
  try {
    children = fs.readdirSync(`/proc/${pid}/task`).flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    // no children file: a kernel without CONFIG_PROC_CHILDREN counts the supervisor alone
  }
  return own + children.reduce((sum, child) => sum + cpuMs(child), 0);
}

async function login(url: string, email: string) {
  const res = await fetch(`${url}/login`, { method: "POST", body: new URLSearchParams({ email, password: PASSWORD }), redirect: "manual" });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  // A request without a session would be measured as a cheap redirect to /login.
  if (res.status !== 302 || !cookie) throw new Error(`login of ${email} answered ${res.status}`);
  return cookie;
}

/** One after the other: attempts in flight count against the per-address login throttle (decision 016). */
async function loginAll(url: string, emails: string[]) {
  const cookies: string[] = [];
  for (const email of emails) cookies.push(await login(url, email));
  return cookies;
}

/** Waits until the server answers quickly again, so one scenario's backlog does not leak into the next. */
async function settle(url: string) {
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    await fetch(`${url}/healthz`);
    if (performance.now() - start < 10) return;
  }
}

type Scenario = { name: string; rate: number; target: string; requests: autocannon.Request[] };

/** Server CPU per request: a closed loop of CPU_REQUESTS requests at 4 connections, no queueing. */
async function measureCpu(server: Server, s: Scenario) {
  const before = server.cpuMs();
  const result = await autocannon({ url: server.url, connections: 4, amount: CPU_REQUESTS, requests: s.requests, headers: { "accept-encoding": "gzip" } });
  return (server.cpuMs() - before) / result.requests.total;
}

type Server = Awaited<ReturnType<typeof startServer>>;

async function measure(server: Server, s: Scenario) {
  // Browsers ask for gzip, so the benchmark does too.
  const codes: Record<number, number> = {};
  // Without a callback autocannon returns its instance, an EventEmitter that is also awaitable.
  const run = autocannon({ url: server.url, connections: 20, overallRate: s.rate, duration: DURATION_S, requests: s.requests, headers: { "accept-encoding": "gzip" } }) as unknown as
    Promise<autocannon.Result> & { on(event: "response", listener: (client: unknown, status: number) => void): void };
  run.on("response", (_client: unknown, status: number) => { codes[status] = (codes[status] ?? 0) + 1; });
  const result = await run;
  const l = result.latency;
  return {
    name: s.name, rate: s.rate, target: s.target, cpuMs: 0, build: "",
    p50: l.p50, p95: (l as unknown as Record<string, number>).p97_5 ?? l.p99, p99: l.p99, max: l.max,
    throughput: Math.round(result.requests.average), errors: result.errors + result.non2xx, total: result.requests.total,
    statuses: Object.entries(codes).map(([code, n]) => `${code}×${n}`).join(" "),
  };
}

type Row = Awaited<ReturnType<typeof measure>>;

/** Runs every scenario against one build on its own copy of the seeded database. */
async function benchBuild(root: string, label: string, seeded: string, benchThread: string) {
  const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), "lf-bench-copy-"));
  const file = path.join(copyDir, "bench.db");
  fs.copyFileSync(seeded, file);
  matchSchema(root, file);
  const server = await startServer(root, file);
  console.log(`${label}: cold start ${server.coldStartMs} ms`);
  try {
    const reader = await login(server.url, "by@laenderforum.example");
    const writers = await loginAll(server.url, Array.from({ length: BENCH_USERS }, (_, i) => `bench${i}@laenderforum.example`));
    let term = 0;
    let writer = 0;
    // Searching is rate-limited per user (60/min) too, so dynamic requests rotate the bench users.
    let searcher = 0;
    const get = (p: string | (() => string)): autocannon.Request[] => [{
      method: "GET", headers: { cookie: reader },
      ...(typeof p === "string" ? { path: p } : { setupRequest: (req: autocannon.Request) => ({ ...req, path: p(), headers: { cookie: writers[searcher++ % writers.length] } }) }),
    }];
    const scenarios: Scenario[] = [
      { name: "Thread page, 50 posts", rate: 200, target: "CPU ≤ 3.5 ms; p99 ≤ 75 ms at 200/s", requests: get(`/threads/${benchThread}`) },
      { name: "Best-practice catalogue", rate: 100, target: "CPU ≤ 5 ms; p99 ≤ 75 ms at 100/s", requests: get("/best-practices?land=BY") },
      { name: "Search, rotating terms", rate: 50, target: "CPU ≤ 10 ms; p95 ≤ 50 ms at 50/s", requests: get(() => `/search?q=${encodeURIComponent(SEARCH_TERMS[term++ % SEARCH_TERMS.length])}`) },
      {
        name: "Create a post (reply)", rate: 20, target: "CPU ≤ 10 ms; p99 ≤ 50 ms at 20/s",
        requests: [{
          method: "POST", path: `/threads/${benchThread}`,
          setupRequest: (req: autocannon.Request) => ({
            ...req,
            headers: { cookie: writers[writer++ % writers.length], "content-type": "application/x-www-form-urlencoded", origin: server.url },
            body: new URLSearchParams({ intent: "reply", body: `Antwort ${sentence(12)}` }).toString(),
          }),
        }],
      },
    ];
    const rows: Row[] = [];
    for (const s of scenarios) {
      await settle(server.url);
      // Posting is limited to 20 per user and minute: the CPU pass and the rate pass together stay
      // under the 60 bench users' 1,200 posts per minute.
      const cpu = await measureCpu(server, s);
      await settle(server.url);
      const r = { ...(await measure(server, s)), cpuMs: cpu, build: label };
      rows.push(r);
      console.log(`${label} | ${r.name}: CPU ${r.cpuMs.toFixed(2)} ms/request; ${r.throughput} req/s at ${r.rate} req/s offered, p50 ${r.p50} ms, p95(≈p97.5) ${r.p95} ms, p99 ${r.p99} ms, max ${r.max} ms, errors/non-2xx ${r.errors} of ${r.total} (statuses ${r.statuses})`);
    }
    return { label, coldStartMs: server.coldStartMs, rows };
  } finally {
    await server.stop();
    fs.rmSync(copyDir, { recursive: true, force: true });
  }
}

async function main() {
  const cached = process.env.BENCH_DB;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lf-bench-forum-"));
  let file = path.join(dir, "bench.db");
  let benchThread: string;
  let counts: Counts;
  if (cached && fs.existsSync(cached)) {
    // A database seeded by an earlier run with BENCH_KEEP=1 (same seed code): saves minutes.
    file = cached;
    ({ benchThread, counts } = JSON.parse(fs.readFileSync(`${cached}.json`, "utf8")) as { benchThread: string; counts: Counts });
    console.log(`Reusing ${cached}`);
  } else {
    console.log(`Seeding ${THREADS} threads and ${POSTS} posts into ${file} …`);
    const t0 = Date.now();
    ({ benchThread, counts } = await seed(file));
    fs.writeFileSync(`${file}.json`, JSON.stringify({ benchThread, counts }));
    console.log(`Seeded ${counts.threads} threads, ${counts.posts} posts, ${counts.papers} papers, ${counts.comments} comments in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  try {
    const builds = [];
    // BENCH_ONLY_WORKERS=1: only the two-core comparison (the per-build table stays as recorded).
    if (process.env.BENCH_ONLY_WORKERS === "1") return recordWorkers(await compareWebWorkers(file, benchThread), counts);
    if (BASELINE !== "none") {
      const base = baselineRoot(BASELINE);
      builds.push(await benchBuild(base.dir, base.label, file, benchThread));
    }
    builds.push(await benchBuild(ROOT, "this checkout", file, benchThread));
    record(builds, counts);
    if (process.env.BENCH_WEB_WORKERS !== "0") recordWorkers(await compareWebWorkers(file, benchThread), counts);
  } finally {
    if (process.env.BENCH_KEEP) console.log(`Kept ${file}`);
    else if (file.startsWith(dir)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

type Counts = { threads: number; posts: number; papers: number; comments: number };

/**
 * Two cores for pages (decision 024): the thread page and the catalogue at the forum rates with
 * WEB_WORKERS=1 and =2, alternating, nothing pinned (the load generator shares the cores, as it would
 * on a real 2-core host behind a proxy). BENCH_WORKER_ROUNDS rounds (default 2).
 */
async function compareWebWorkers(seeded: string, benchThread: string) {
  // `npm run bench:forum` pinned this process to core 1: undo that for the unpinned comparison.
  spawnSync("taskset", ["-a", "-p", "-c", `0-${os.cpus().length - 1}`, String(process.pid)]);
  const rounds = Number(process.env.BENCH_WORKER_ROUNDS ?? 2);
  const rows: Array<Row & { workers: number; round: number }> = [];
  for (let round = 1; round <= rounds; round++) {
    for (const workers of round % 2 ? [1, 2] : [2, 1]) {
      const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), "lf-bench-copy-"));
      const file = path.join(copyDir, "bench.db");
      fs.copyFileSync(seeded, file);
      matchSchema(ROOT, file);
      const server = await startServer(ROOT, file, { webWorkers: workers, pinned: false });
      try {
        const reader = await login(server.url, "by@laenderforum.example");
        const get = (p: string): autocannon.Request[] => [{ method: "GET", path: p, headers: { cookie: reader } }];
        const scenarios: Scenario[] = [
          { name: "Thread page, 50 posts", rate: 200, target: "p99 lower with 2 workers", requests: get(`/threads/${benchThread}`) },
          { name: "Best-practice catalogue", rate: 100, target: "p99 lower with 2 workers", requests: get("/best-practices?land=BY") },
        ];
        for (const s of scenarios) {
          await settle(server.url);
          // Warm-up, so both variants are measured with compiled code.
          await autocannon({ url: server.url, connections: 4, amount: 100, requests: s.requests, headers: { "accept-encoding": "gzip" } });
          const r = { ...(await measure(server, s)), build: `WEB_WORKERS=${workers}`, workers, round };
          rows.push(r);
          console.log(`round ${round}, WEB_WORKERS=${workers} | ${r.name}: ${r.throughput} req/s at ${r.rate}/s, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms, errors/non-2xx ${r.errors} of ${r.total}`);
        }
      } finally {
        await server.stop();
        fs.rmSync(copyDir, { recursive: true, force: true });
      }
    }
  }
  return rows;
}

function recordWorkers(rows: Array<Row & { workers: number; round: number }>, counts: Counts) {
  const file = path.join(ROOT, "docs/BENCHMARKS.md");
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
  const load = os.loadavg().map((l) => l.toFixed(1)).join(" / ");
  const table = [
    `<!-- bench:forum-workers -->`,
    `### Two cores for pages (\`npm run bench:forum\`, decision 024)`,
    ``,
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine} (load average at the end ${load}); same database (${counts.threads.toLocaleString("en")} threads, ${counts.posts.toLocaleString("en")} posts). This checkout with \`WEB_WORKERS=1\` and \`=2\` (plus the collaboration process and the supervisor), alternating per round, **nothing pinned**: server processes and the load generator share both cores. Autocannon, 20 connections, fixed offered rate, ${DURATION_S} s per scenario after 100 warm-up requests.`,
    ``,
    `| round | web workers | scenario | offered rate | throughput | p50 | p99 | max | errors |`,
    `|---|---|---|---|---|---|---|---|---|`,
    ...rows.map((r) => `| ${r.round} | ${r.workers} | ${r.name} | ${r.rate}/s | ${r.throughput}/s | ${r.p50} ms | ${r.p99} ms | ${r.max} ms | ${r.errors} |`),
    `<!-- /bench:forum-workers -->`,
  ].join("\n");
  const existing = fs.readFileSync(file, "utf8");
  const pattern = /<!-- bench:forum-workers -->[\s\S]*?<!-- \/bench:forum-workers -->/;
  fs.writeFileSync(file, pattern.test(existing) ? existing.replace(pattern, table) : `${existing.trimEnd()}\n\n${table}\n`);
  console.log(`Recorded in ${path.relative(ROOT, file)}`);
}

function record(builds: Array<{ label: string; coldStartMs: number; rows: Row[] }>, counts: Counts) {
  const file = path.join(ROOT, "docs/BENCHMARKS.md");
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
  const load = os.loadavg().map((l) => l.toFixed(1)).join(" / ");
  const table = [
    `<!-- bench:forum -->`,
    `### Forum (\`npm run bench:forum\`)`,
    ``,
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine} (load average at the end ${load}); SQLite with ${counts.threads.toLocaleString("en")} threads, ${counts.posts.toLocaleString("en")} posts, ${counts.papers.toLocaleString("en")} papers and ${counts.comments.toLocaleString("en")} comments; the production build, one web process pinned to core 0, load generator on core 1, gzip requested as browsers do. Each build ran on its own copy of the same database, one after the other in this run. **CPU** is the server's user+system time per request in a closed loop (${CPU_REQUESTS} requests, 4 connections, read from /proc). Latencies: autocannon, 20 connections, fixed offered rate, ${DURATION_S} s per scenario; "p95" is autocannon's p97.5 (it reports no p95), so it overstates p95 slightly. Non-2xx counts redirects: a successful post answers 302. Cold start: from spawning the server to its first answered request.`,
    ``,
    `| build | scenario | CPU/request | offered rate | throughput | p50 | p95 | p99 | max | target |`,
    `|---|---|---|---|---|---|---|---|---|---|`,
    ...builds.flatMap((b) => [
      ...b.rows.map((r) => `| ${b.label} | ${r.name} | ${r.cpuMs.toFixed(2)} ms | ${r.rate}/s | ${r.throughput}/s | ${r.p50} ms | ${r.p95} ms | ${r.p99} ms | ${r.max} ms | ${r.target} |`),
      `| ${b.label} | Cold start to first answer | | | | ${b.coldStartMs} ms | | | | not worse than the reference |`,
    ]),
    `<!-- /bench:forum -->`,
  ].join("\n");
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n\nFigures recorded by the benchmark scripts. Each run replaces its own section.\n";
  const pattern = /<!-- bench:forum -->[\s\S]*?<!-- \/bench:forum -->/;
  fs.writeFileSync(file, pattern.test(existing) ? existing.replace(pattern, table) : `${existing.trimEnd()}\n\n${table}\n`);
  console.log(`Recorded in ${path.relative(ROOT, file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
