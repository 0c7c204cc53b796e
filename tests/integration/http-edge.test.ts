// The HTTP edge over real HTTP against the built server: body limits, login throttling, the proxy
// setting, redirect targets after login, the 403 page and the Content-Security-Policy (issue 9).
import fs from "node:fs";
import http from "node:http";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { BODY_LIMITS, LOGIN_THROTTLE } from "../../app/domain/model.ts";
import { loginCookie } from "../support/http.ts";
import { DEMO, TEST_PASSWORD } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";

/** The server as deployed without a proxy, and one behind a proxy (TRUST_PROXY=1). */
let server: TestServer;
let proxied: TestServer;
let proxiedDb: Database.Database;

beforeAll(async () => {
  [server, proxied] = await Promise.all([startServer(), startServer({ TRUST_PROXY: "1" })]);
  proxiedDb = new Database(proxied.dbFile);
});
afterAll(async () => {
  proxiedDb?.close();
  await Promise.all([server?.stop(), proxied?.stop()]);
});

/** POST /login, optionally as if through the proxy from `address` (X-Forwarded-For) over `proto`. */
function postLogin(base: string, fields: Record<string, string>, via: { address?: string; proto?: string } = {}) {
  const headers: Record<string, string> = {};
  if (via.address) headers["X-Forwarded-For"] = via.address;
  if (via.proto) headers["X-Forwarded-Proto"] = via.proto;
  return fetch(`${base}/login`, { method: "POST", body: new URLSearchParams(fields), headers, redirect: "manual" });
}

/** Moves every recorded login failure `seconds` into the past (the server reads the clock; we move the data). */
function ageFailures(seconds: number) {
  const rows = proxiedDb.prepare(`SELECT "id", "createdAt" FROM "LoginFailure"`).all() as Array<{ id: number; createdAt: string }>;
  const update = proxiedDb.prepare(`UPDATE "LoginFailure" SET "createdAt" = ? WHERE "id" = ?`);
  for (const row of rows) update.run(new Date(Date.parse(row.createdAt) - seconds * 1000).toISOString().replace("Z", "+00:00"), row.id);
}

/** A form post as a browser navigates (Sec-Fetch-Mode: navigate), as without JavaScript. */
function navigationPost(url: string, cookie: string, fields: Record<string, string>) {
  const body = new URLSearchParams(fields).toString();
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(url, {
      method: "POST",
      headers: {
        Cookie: cookie, Accept: "text/html", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document",
        "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body),
      },
    }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const retryAfter = (res: Response) => Number(res.headers.get("retry-after"));

const HUGE = 150 * 1024 * 1024;

/** The server process's peak resident memory in MiB (Linux). */
function peakMemoryMiB() {
  const status = fs.readFileSync(`/proc/${server.process.pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

/** A form body of `bytes` bytes, streamed in 1 MiB chunks without a Content-Length (chunked). */
function chunkedBody(bytes: number) {
  const chunk = new TextEncoder().encode("a".repeat(1024 * 1024));
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(sent === 0 ? new TextEncoder().encode("email=" + "a".repeat(chunk.length - 6)) : chunk);
      sent += chunk.length;
    },
  });
}

describe("request body limits", () => {
  it("refuses a 150 MB POST /login with Content-Length with 413 at once and stays responsive", async () => {
    const body = Buffer.alloc(HUGE, "a");
    const peakBefore = peakMemoryMiB();
    const started = Date.now();
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
    }).catch((error: unknown) => error);
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(413);
    expect(await (res as Response).text()).toBe(m.errors.payloadTooLarge);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Never buffered: the server's peak memory did not grow by anything near the body's size.
    expect(peakMemoryMiB() - peakBefore).toBeLessThan(50);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await loginCookie(server.url, DEMO.nw)).toMatch(/^lf_session=/);
  });

  it("refuses a 150 MB chunked POST /login without Content-Length with 413 and stays responsive", async () => {
    const peakBefore = peakMemoryMiB();
    const started = Date.now();
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: chunkedBody(HUGE),
      duplex: "half",
    } as RequestInit).catch((error: unknown) => error);
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(413);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(peakMemoryMiB() - peakBefore).toBeLessThan(50);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await loginCookie(server.url, DEMO.nw)).toMatch(/^lf_session=/);
  });

  it("accepts a form just under the limit (and answers it as a normal failed login)", async () => {
    const padding = "x".repeat(BODY_LIMITS.formBytes - 200);
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: DEMO.nw, password: "falsch-falsch", padding }),
      redirect: "manual",
    });
    expect(res.status).toBe(401);
  });
});

describe("login throttling (behind a proxy, addresses from X-Forwarded-For)", () => {
  it("evaluates at most 5 of 20 parallel wrong passwords; the rest get 429 with Retry-After at once", async () => {
    const address = "203.0.113.10";
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => postLogin(proxied.url, { email: DEMO.by, password: "falsch-falsch" }, { address })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_THROTTLE.maxFailuresPerAccountAddress);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - LOGIN_THROTTLE.maxFailuresPerAccountAddress);
    for (const res of answers.filter((r) => r.status === 429)) {
      expect(retryAfter(res)).toBeGreaterThan(0);
      expect(retryAfter(res)).toBeLessThanOrEqual(LOGIN_THROTTLE.firstLockSeconds);
      expect(await res.text()).toContain("Zu viele fehlgeschlagene Anmeldeversuche");
    }
    const recorded = proxiedDb.prepare(`SELECT count(*) AS n FROM "LoginFailure" WHERE "email" = ?`).get(DEMO.by) as { n: number };
    expect(recorded.n).toBe(LOGIN_THROTTLE.maxFailuresPerAccountAddress);
    // Even the right password waits at that address; from another address the owner gets in.
    expect((await postLogin(proxied.url, { email: DEMO.by, password: TEST_PASSWORD }, { address })).status).toBe(429);
    expect((await postLogin(proxied.url, { email: DEMO.by, password: TEST_PASSWORD }, { address: "203.0.113.11" })).status).toBe(302);
  });

  it("doubles the wait with every further failure, up to 15 minutes", async () => {
    const address = "203.0.113.20";
    const wrong = () => postLogin(proxied.url, { email: DEMO.leitung, password: "falsch-falsch" }, { address });
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerAccountAddress; i++) expect((await wrong()).status).toBe(401);
    let locked = await wrong();
    expect(locked.status).toBe(429);
    expect(retryAfter(locked)).toBeGreaterThan(55);
    expect(retryAfter(locked)).toBeLessThanOrEqual(60);
    for (const expected of [120, 240, 480, 900, 900]) {
      ageFailures(retryAfter(locked) + 1);
      expect((await wrong()).status).toBe(401); // the wait is over: one more attempt is evaluated
      locked = await wrong();
      expect(locked.status).toBe(429);
      expect(retryAfter(locked)).toBeGreaterThan(expected - 5);
      expect(retryAfter(locked)).toBeLessThanOrEqual(expected);
    }
    proxiedDb.prepare(`DELETE FROM "LoginFailure" WHERE "email" = ?`).run(DEMO.leitung);
  });

  it("a stranger's 50 failures from many addresses do not lock the owner out of a known address", async () => {
    const home = "198.51.100.1";
    expect((await postLogin(proxied.url, { email: DEMO.admin, password: TEST_PASSWORD }, { address: home })).status).toBe(302);
    for (let batch = 0; batch < LOGIN_THROTTLE.maxFailuresPerAccount / 10; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          postLogin(proxied.url, { email: DEMO.admin, password: "falsch-falsch" }, { address: `192.0.2.${batch * 10 + i + 1}` }),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(10).fill(401));
    }
    // A new address (the stranger, or the owner travelling) now waits, even with the right password …
    const stranger = await postLogin(proxied.url, { email: DEMO.admin, password: TEST_PASSWORD }, { address: "192.0.2.200" });
    expect(stranger.status).toBe(429);
    expect(retryAfter(stranger)).toBeGreaterThan(LOGIN_THROTTLE.accountWindowMinutes * 60 - 60);
    // … but the owner's usual address gets through.
    expect((await postLogin(proxied.url, { email: DEMO.admin, password: TEST_PASSWORD }, { address: home })).status).toBe(302);
  });

  it("throttles one address after 30 failures in 15 minutes, over all accounts", async () => {
    const address = "203.0.113.30";
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerIp; i++) {
      expect((await postLogin(proxied.url, { email: `probe${i}@example.org`, password: "falsch-falsch" }, { address })).status).toBe(401);
    }
    const blocked = await postLogin(proxied.url, { email: DEMO.gast, password: TEST_PASSWORD }, { address });
    expect(blocked.status).toBe(429);
    expect(retryAfter(blocked)).toBeGreaterThan(LOGIN_THROTTLE.ipWindowMinutes * 60 - 60);
    expect((await postLogin(proxied.url, { email: DEMO.gast, password: TEST_PASSWORD }, { address: "203.0.113.31" })).status).toBe(302);
  });
});

describe("TRUST_PROXY", () => {
  it("with it: the session cookie is Secure when the proxy reports https, and not otherwise", async () => {
    const https = await postLogin(proxied.url, { email: DEMO.nw, password: TEST_PASSWORD }, { address: "203.0.113.40", proto: "https" });
    expect(https.status).toBe(302);
    expect(https.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
    const http = await postLogin(proxied.url, { email: DEMO.nw, password: TEST_PASSWORD }, { address: "203.0.113.40" });
    expect(http.status).toBe(302);
    expect(http.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
  });

  it("with it: a form post from the https origin the proxy serves passes the Origin check", async () => {
    const host = new URL(proxied.url).host;
    const res = await fetch(`${proxied.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: DEMO.nw, password: TEST_PASSWORD }),
      headers: { Origin: `https://${host}`, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.41" },
      redirect: "manual",
    });
    expect(res.status).toBe(302);
  });

  it("without it: X-Forwarded-Proto and X-Forwarded-For are ignored (no Secure cookie, the socket address is throttled)", async () => {
    const https = await postLogin(server.url, { email: DEMO.nw, password: TEST_PASSWORD }, { address: "203.0.113.50", proto: "https" });
    expect(https.status).toBe(302);
    expect(https.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerAccountAddress; i++) {
      const res = await postLogin(server.url, { email: DEMO.ministeriumRp, password: "falsch-falsch" }, { address: `203.0.113.${60 + i}` });
      expect(res.status).toBe(401);
    }
    const next = await postLogin(server.url, { email: DEMO.ministeriumRp, password: TEST_PASSWORD }, { address: "203.0.113.99" });
    expect(next.status).toBe(429);
  });
});

describe("redirect targets after login stay on our origin", () => {
  const hostile = ["/%09/evil.example", "/\t/evil.example", "\\\\evil.example", "/\\evil.example", "//evil.example", "https://evil.example", "/\r\nSet-Cookie:x"];

  it.each(hostile)("redirectTo=%j never leaves our origin and never answers 500", async (target) => {
    const res = await postLogin(server.url, { email: DEMO.nw, password: TEST_PASSWORD, redirectTo: target });
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    expect(location.startsWith("/")).toBe(true);
    expect(location.startsWith("//")).toBe(false);
    expect(new URL(location, server.url).origin).toBe(new URL(server.url).origin);
    expect(location).not.toMatch(/[\r\n\t\\]/);
    expect(res.headers.get("set-cookie") ?? "").not.toContain("x=");
  });

  it("the login page passes a hostile redirectTo from its URL through a hidden field that still lands at home", async () => {
    const page = await (await fetch(`${server.url}/login?redirectTo=${encodeURIComponent("/\t/evil.example")}`)).text();
    const value = /name="redirectTo" value="([^"]*)"/.exec(page)?.[1] ?? "";
    const res = await postLogin(server.url, { email: DEMO.nw, password: TEST_PASSWORD, redirectTo: value.replace(/&#x9;|&#9;/g, "\t") });
    expect(res.headers.get("location")).toBe("/");
  });

  it("keeps a target on our own origin, with query and hash", async () => {
    const res = await postLogin(server.url, { email: DEMO.nw, password: TEST_PASSWORD, redirectTo: "/search?q=MINT#treffer" });
    expect(res.headers.get("location")).toBe("/search?q=MINT#treffer");
  });
});

describe("a forbidden form post", () => {
  it("answers the German 403 page, and the server logs no error for it", async () => {
    const cookie = await loginCookie(server.url, DEMO.gast);
    const sqlite = new Database(server.dbFile, { readonly: true });
    const { id } = sqlite.prepare(`SELECT "id" FROM "Document" LIMIT 1`).get() as { id: string };
    sqlite.close();
    const before = server.output().length;
    // A reader (gast) tries to comment through the comment endpoint, as a browser form post without JavaScript.
    // (node:http, because fetch always sends Sec-Fetch-Mode: cors.)
    const res = await navigationPost(`${server.url}/documents/${id}/comments`, cookie, { intent: "create", body: "Hallo", quote: "x", anchorStart: "AAA", anchorEnd: "AAA" });
    expect(res.status).toBe(403);
    const html = res.body;
    expect(html).toContain(m.errors.forbiddenTitle);
    expect(html).toContain(m.errors.forbidden);
    expect(html).not.toContain("Unexpected Server Error");
    // A forbidden post to a page route as well.
    const page = await fetch(`${server.url}/spaces/mint-regionen`, {
      method: "POST",
      headers: { Cookie: cookie },
      body: new URLSearchParams({ email: "x@example.org", spaceId: "x", role: "reader", platformRole: "member" }),
    });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain(m.errors.forbidden);
    await fetch(`${server.url}/healthz`); // anything logged for those requests is written by now
    const logged = server.output().slice(before);
    expect(logged).not.toMatch(/ErrorResponse|Error:|\n\s+at /);
  });
});

describe("Content-Security-Policy", () => {
  it("every page has a fresh nonce, and every script tag carries it", async () => {
    const nonces = new Set<string>();
    for (const path of ["/login", "/login", "/laender"]) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      nonces.add(nonce!);
      for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "script-src-attr 'none'"]) expect(csp).toContain(directive);
      expect(csp).toMatch(/connect-src 'self' ws:\/\/localhost:\d+ wss:\/\/localhost:\d+/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(html).not.toMatch(/\son[a-z]+="/i); // no inline event handlers
    }
    expect(nonces.size).toBe(3);
  });
});
