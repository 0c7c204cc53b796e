// Starts the real server (the production build, as `npm start` runs it) on a free port with its
// own database copy.
import net from "node:net";
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import { freshDatabase, ROOT, TEST_SESSION_SECRET } from "./paths.ts";

export type TestServer = { url: string; dbFile: string; process: ChildProcessByStdio<null, Readable, Readable>; output: () => string; stop: () => Promise<void> };

/** `env` overrides the defaults; pass `database` to reuse a file across restarts. */
export async function startServer(env: Record<string, string | undefined> = {}, database = freshDatabase("server")): Promise<TestServer> {
  const db = database;
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    // The real topology (supervisor, collaboration process, web workers); one web worker saves CPU.
    env: withoutUndefined({ ...process.env, NODE_ENV: "production", PORT: "0", WEB_WORKERS: "1", DATABASE_URL: db.url, SESSION_SECRET: TEST_SESSION_SECRET, ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const { url, output } = await serverUrl(child, "server");
  return {
    url,
    dbFile: db.file,
    process: child,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function withoutUndefined(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
}

/**
 * The URL a starting server prints ("läuft auf http://localhost:…"); rejects with everything it printed
 * when it exits first. `output()` keeps collecting afterwards.
 */
export function serverUrl(child: ChildProcessByStdio<null, Readable, Readable>, what: string) {
  let text = "";
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /läuft auf (http:\/\/localhost:\d+)/.exec(text);
      if (match) resolve(match[1]);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${what} exited with ${code}:\n${text}`)));
  });
  return url.then((u) => ({ url: u, output: () => text }));
}

/** A TCP port nobody listens on right now (for a server a test starts, stops and starts again). */
export async function freePort() {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The current pid of each child of a started server, from the supervisor's lines ("[supervisor] web#1 pid=123"). */
export function childPids(output: string) {
  const found: Record<string, number> = {};
  for (const match of output.matchAll(/\[supervisor\] (collab|web#\d+) pid=(\d+)/g)) found[match[1]] = Number(match[2]);
  return found;
}
