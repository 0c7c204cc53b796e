// The one rate limiter, in-process on a real SQLite copy: a budget's window starts with its first
// use, refusals change nothing and say when to retry, and the window restarts after it ends.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { consumeRateLimit } from "../../app/models/rate-limit.server.ts";
import { RATE_LIMITS } from "../../app/domain/model.ts";
import { db } from "../../app/db/db.server.ts";
import { ROOT } from "../support/paths.ts";

const counter = (key: string) => db.selectFrom("RateCounter").select(["count", "windowStart"]).where("key", "=", key).executeTakeFirst();

describe("consumeRateLimit", () => {
  it("allows exactly the budget in a window, refuses the next with the seconds left, and restarts after the window", async () => {
    const t0 = 1_800_000_000_000;
    const { max, windowSeconds } = RATE_LIMITS.document;
    for (let i = 0; i < max; i++) expect(await consumeRateLimit("nutzer-a", "document", t0 + i * 1000)).toEqual({ ok: true });
    expect(await consumeRateLimit("nutzer-a", "document", t0 + 60_000)).toEqual({ ok: false, retrySeconds: windowSeconds - 60 });
    expect(await counter("document:nutzer-a")).toEqual({ count: max, windowStart: t0 }); // a refusal writes nothing
    // Other people and other budgets are separate.
    expect(await consumeRateLimit("nutzer-b", "document", t0 + 60_000)).toEqual({ ok: true });
    expect(await consumeRateLimit("nutzer-a", "comment", t0 + 60_000)).toEqual({ ok: true });
    // The window that began with the first use ends; the next use starts a new one.
    expect((await consumeRateLimit("nutzer-a", "document", t0 + windowSeconds * 1000 - 1)).ok).toBe(false);
    expect(await consumeRateLimit("nutzer-a", "document", t0 + windowSeconds * 1000)).toEqual({ ok: true });
    expect(await counter("document:nutzer-a")).toEqual({ count: 1, windowStart: t0 + windowSeconds * 1000 });
  });

  it("several processes on one database together never pass a budget (one UPSERT statement)", async () => {
    const { max } = RATE_LIMITS.comment;
    const workers = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ["--import", "tsx", "tests/support/rate-limit-worker.ts", "geteilt", "comment", String(max)], {
        cwd: ROOT, env: process.env, stdio: ["pipe", "pipe", "inherit"],
      });
      let out = "";
      const said = (pattern: RegExp) => new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = () => { const match = pattern.exec(out); if (match) resolve(match); };
        child.stdout.on("data", (chunk: Buffer) => { out += chunk.toString(); check(); });
        child.once("exit", (code) => reject(new Error(`worker exited with ${code}: ${out}`)));
        check();
      });
      return { child, ready: said(/ready/), done: said(/allowed (\d+)/) };
    });
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin!.write("go\n"); // all start together
    const allowed = (await Promise.all(workers.map((w) => w.done))).map((match) => Number(match[1]));
    expect(allowed.reduce((a, b) => a + b, 0)).toBe(max);
    expect((await counter("comment:geteilt"))?.count).toBe(max);
  });
});
