// The Node entry (decision 024). By default a light supervisor (server/supervisor.ts) forks one
// collaboration process (server/collab-process.ts) and WEB_WORKERS web workers, which run this file's
// HTTP server and hand /collab/* upgrades with their socket to the collaboration process.
// WEB_WORKERS=0 (and development) runs one process: Remix and the collaboration server together.
import cluster from "node:cluster";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { m } from "../app/i18n/messages.ts";
import { closeDb } from "../app/db/db.server.ts";
import { getEnv } from "../app/infra/env.server.ts";
import { DEMO_ACCOUNTS } from "../prisma/seed-data.ts";
import { attachCollabServer, type CollabServer } from "./collab/index.ts";
import { runCollabProcess } from "./collab-process.ts";
import { runSupervisor } from "./supervisor.ts";
import { handOffUpgrades, runWebWorker } from "./web-worker.ts";
import { reportLoopDelayForBench } from "../scripts/bench/loop-delay.mjs";
import { limitRequestBody } from "./body-limit.ts";
import { cspMiddleware } from "./csp.ts";
import { startJobs } from "./jobs.ts";
import { isSameOrigin, SAFE_METHODS } from "./origin.ts";

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp: string;
  }
}

function noFlush() {}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The web server. `collab: "attach"` serves the collaboration WebSocket in this process (single
 * process); "hand-off" passes each /collab/* upgrade with its socket to the collaboration process.
 */
export async function createServer(options: { collab: "attach" | "hand-off" } = { collab: "attach" }) {
  const env = getEnv();
  const app = express();
  app.disable("x-powered-by");
  // Behind TRUST_PROXY reverse proxies, req.ip and req.protocol come from X-Forwarded-For/-Proto
  // (the last TRUST_PROXY hops, which the proxies themselves wrote).
  if (env.TRUST_PROXY) app.set("trust proxy", env.TRUST_PROXY);
  // Fast gzip: most of the ratio at a fraction of the CPU (pages are server-rendered on every request).
  app.use(compression({ level: 1 }));
  // Remix's adapter flushes after every chunk it writes, and under compression each flush ends a
  // gzip block: bigger bodies and more CPU. Nothing here streams on purpose (pages render whole,
  // app/entry.server.tsx), so flushing is a no-op.
  app.use((_req, res, next) => {
    (res as { flush?: () => void }).flush = noFlush;
    next();
  });
  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req.headers, env.PUBLIC_URL, req.secure)) {
      res.status(403).type("text/plain; charset=utf-8").send(m.errors.foreignOrigin);
      return;
    }
    next();
  });
  app.use(cspMiddleware(env.NODE_ENV === "development"));
  // Before anything parses a body: 413 for an oversized one, without buffering it (server/body-limit.ts).
  app.use(limitRequestBody);

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (env.NODE_ENV === "development") {
    const vite = await import("vite").then((v) => v.createServer({ root, server: { middlewareMode: true } }));
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
    build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
  }
  app.all("*", remixHandler(build, env.NODE_ENV));
  const server = http.createServer(app);
  // Live co-editing on the same port: WebSocket upgrades on /collab/<documentId> (docs/COLLABORATION.md).
  if (options.collab === "attach") collabServers.set(server, attachCollabServer(server));
  else handOffUpgrades(server);
  return server;
}

/**
 * The Remix handler of @remix-run/express, but the body is the one limitRequestBody already read
 * within its limit instead of the raw socket stream.
 */
function remixHandler(build: ServerBuild | (() => Promise<ServerBuild>), mode: string) {
  const handleRequest = createRequestHandler(build, mode);
  return async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    try {
      // req.host (with its port) and req.protocol follow the `trust proxy` setting.
      const url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
      let controller: AbortController | null = new AbortController();
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(key, v);
      }
      const init: RequestInit = { method: req.method, headers, signal: controller.signal };
      if (req.method !== "GET" && req.method !== "HEAD") init.body = new Uint8Array(req.limitedBody ?? Buffer.alloc(0));
      // Abort loaders and actions when the client is gone before the answer was written.
      res.on("finish", () => (controller = null));
      res.on("close", () => controller?.abort());
      const context = { clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown", cspNonce: res.locals.cspNonce as string };
      let response = await handleRequest(new Request(url.href, init), context);
      // A resource route (no page of its own) refused a browser form post without JavaScript: show
      // the German error page instead of its JSON answer. Fetches from the app (`.data`, JSON) keep it.
      if (response.headers.get("X-Remix-Error") && ERROR_PAGES.has(response.status) && wantsPage(req)) {
        const page = new URL(`/errors/${response.status}`, url);
        response = await handleRequest(new Request(page.href, { headers: { Cookie: req.get("cookie") ?? "", Accept: "text/html" } }), context);
      }
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [key, value] of response.headers.entries()) res.append(key, value);
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

const ERROR_PAGES = new Set([400, 403, 404]);

/** A browser navigation (a form post without JavaScript), not a fetch from the app. */
function wantsPage(req: express.Request) {
  if (req.path.endsWith(".data")) return false;
  const mode = req.get("sec-fetch-mode");
  if (mode) return mode === "navigate";
  return (req.get("accept") ?? "").includes("text/html");
}

const collabServers = new WeakMap<http.Server, CollabServer>();
/** The collaboration server attached to an HTTP server by createServer (for shutdown and tests). */
export function collabServerOf(server: http.Server) {
  return collabServers.get(server);
}

/** Prints the demo accounts that exist (after the address line, once per start). */
export async function announceDemoAccounts() {
  const env = getEnv();
  const demo = await (await import("../app/models/users.server.ts")).existingEmails(DEMO_ACCOUNTS.map((a) => a.email));
  if (!demo.length) return;
  console.log("Demo-Konten:");
  for (const email of demo) console.log(`  ${email}`);
  console.log(env.SEED_PASSWORD ? "Passwort: der Wert von SEED_PASSWORD" : "Passwort: wurde beim ersten Start einmal angezeigt (oder SEED_PASSWORD setzen)");
}

export function announceAddress(port: number) {
  const env = getEnv();
  console.log(`Länderforum läuft auf ${env.PUBLIC_URL ?? `http://localhost:${port}`} (Port ${port})`);
}

/** WEB_WORKERS=0 or development: Remix, the collaboration server and the jobs in this one process. */
async function runSingleProcess() {
  const env = getEnv();
  const server = await createServer({ collab: "attach" });
  server.listen(env.PORT, async () => {
    const address = server.address();
    announceAddress(typeof address === "object" && address ? address.port : env.PORT);
    await announceDemoAccounts();
  });
  const stopJobs = startJobs();
  reportLoopDelayForBench();
  const shutdown = () => {
    const jobsStopped = stopJobs();
    // Collaboration first: its sockets close and every pending update is committed.
    void (collabServerOf(server)?.close() ?? Promise.resolve())
      .catch((error) => console.error(error))
      .finally(() => {
        server.close(() => void jobsStopped.then(() => closeDb()).then(() => process.exit(0)));
        server.closeAllConnections();
      });
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

async function main() {
  const env = getEnv(); // refuses bad configuration before anything is forked
  // Set by the supervisor for its children (a test may also fork a collaboration process itself).
  const role = process.env.LAENDERFORUM_ROLE;
  if (role === "collab") return runCollabProcess();
  if (role === "web" && !cluster.isPrimary) return runWebWorker();
  if (env.NODE_ENV === "development" || env.WEB_WORKERS === 0) return runSingleProcess();
  return runSupervisor(env);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
