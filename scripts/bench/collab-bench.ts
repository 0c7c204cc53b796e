// `npm run bench:collab`: the same load against our server (the real server/index.ts, persistence
// on, session auth) and the upstream reference @y/websocket-server@0.1.1 (in memory, no auth), in
// one run. The server runs pinned to core 0, this load generator to core 1 (taskset). Results go to
// the console and to docs/BENCHMARKS.md. Each scenario runs a few seconds; see the report's text.
// Writers type into a paragraph of the `default` XmlFragment, as the editor does, so the figures
// stay comparable once the server refuses anything outside the editor schema.
// Adversarial scenarios each get a fresh server and record its RSS growth, its longest event-loop
// stall (the server's own `[bench] loop-delay-max-ms=` stderr lines when started with
// BENCH_LOOP_DELAY=1, and a ping round trip measured from outside) and how it answered the attacker.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import { Awareness, applyAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { MESSAGE_SAVED, YJS_FRAGMENT } from "../../app/domain/collab.ts";
import { yStateFromJson } from "../../app/models/documents.server.ts";
import { MINT_PAPER } from "../../prisma/seed-documents.ts";
import { appendParagraph } from "../../tests/support/collab.ts";
import { loginCookie } from "../../tests/support/http.ts";
import { DEMO, ROOT, TEST_SESSION_SECRET } from "../../tests/support/paths.ts";
import { prepareDatabase } from "./setup.ts";

const QUICK = process.argv.includes("--quick");
/** `--only=s1,s2` runs only those parts (for tuning; the report is then not written). Parts: heap, memory, s1, s2, s3, durable, adversarial, validation. */
const ONLY = process.argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");
/** Heap figures of several repetitions: the median. */
const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const want = (part: string) => !ONLY || ONLY.includes(part);
const S1 = { observers: 50, rate: 50, seconds: QUICK ? 2 : 4 };
const S2 = { writers: 10, observers: 40, writerRate: 10, presenceHz: 2, seconds: QUICK ? 2 : 5 };
const S3 = { sizes: [160 * 1024, 1024 * 1024], joins: QUICK ? 10 : 30 };
const DURABLE = { writers: 50, updatesPerWriter: 800 };
const MEMORY = { idleConnections: 500, documents: 50, warmupConnections: 200, heapRepetitions: QUICK ? 1 : 3 };
const WARMUP_MS = 1000;
/** S1 and S2 run this often per server, alternating between the servers; the report gives the median p99. */
const REPS = Number(process.argv.find((a) => a.startsWith("--reps="))?.slice(7) ?? (QUICK ? 1 : 5));
/** `--ours-only` (tuning): the propagation scenarios without the reference server; the report is then not written. */
const OURS_ONLY = process.argv.includes("--ours-only");
/** The adversarial scenarios of issue 8 (finding 2 and 5), each against a fresh server holding a 160 KiB paper. */
const ADVERSARIAL = {
  step1Frames: 400,
  gappedUpdates: 30,
  gappedUpdateBytes: 1024 * 1024,
  sockets: 300,
  step2Replays: 300,
  /** How long the server is watched after the attack was sent. */
  observeMs: 2000,
  /** How long the attacker then waits (reading) for the server to close its socket. */
  closeWaitMs: 5000,
  stallGoalMs: 100,
};
/** Who plays which part on our server (the reference has no accounts). gast is a reader of MINT-Regionen papers. */
const USERS = { editor: DEMO.by, reader: DEMO.gast, holder: DEMO.nw, probe: "rp@laenderforum.example" };

type Target = {
  name: "ours" | "reference";
  url: string;
  process: ChildProcess;
  room: (id: string) => string;
  /** Headers of a logged-in user (ours) or none (reference). */
  as: (email: string) => Promise<Record<string, string>>;
  /** `[bench] loop-delay-max-ms=` lines of the server, with their arrival time here. */
  loopDelays: Array<{ at: number; ms: number }>;
  /**
   * The inspector WebSocket URL of the process that owns the rooms, when started with `inspect`
   * (memory scenario: forced GC, heap size). With the supervisor that is the collaboration process.
   */
  inspector?: string;
  /** The pid of the process that owns the rooms (RSS): the collaboration process behind a supervisor. */
  pid: number;
  /** Every process of the server (supervisor and children), for settling before a scenario. */
  pids: number[];
};

// ---------------------------------------------------------------- servers

const LOOP_DELAY_LINE = /\[bench\] loop-delay-max-ms=([\d.]+)/g;
const INSPECTOR_LINE = /Debugger listening on (ws:\/\/[^\s]+)/g;
/** The supervisor's line naming the collaboration process (decision 024). */
const COLLAB_PID_LINE = /\[supervisor\] collab pid=(\d+)/;
const CHILD_PID_LINE = /\[supervisor\] (?:collab|web#\d+) pid=(\d+)/g;

/**
 * Servers still running when this script is stopped (Ctrl+C, `timeout`): without this they would
 * live on, pinned to the server core with their jobs, and skew every later run.
 */
const running = new Set<ChildProcess>();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    for (const child of running) child.kill("SIGTERM");
    process.exit(1);
  });
}

function spawnPinned(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn("taskset", ["-c", "0", process.execPath, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  const partial = { stdout: "", stderr: "" };
  const loopDelays: Target["loopDelays"] = [];
  let started = false;
  return new Promise<{ child: ChildProcess; url: string; loopDelays: Target["loopDelays"]; inspector?: string; pid: number; pids: number[] }>((resolve, reject) => {
    const onData = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
      const text = chunk.toString();
      // BENCH_SERVER_LOG=<file> (tuning): the servers' output, with a time stamp per chunk.
      if (process.env.BENCH_SERVER_LOG) fs.appendFileSync(process.env.BENCH_SERVER_LOG, `@${performance.now().toFixed(1)} ${text}`);
      // Whole lines only: a chunk may end in the middle of one.
      const lines = (partial[stream] + text).split("\n");
      partial[stream] = lines.pop()!;
      for (const line of lines) for (const m of line.matchAll(LOOP_DELAY_LINE)) loopDelays.push({ at: performance.now(), ms: Number(m[1]) });
      if (output.length < 100_000) output += text;
      const match = /läuft auf (http:\/\/localhost:\d+)/.exec(output);
      if (!match || started) return;
      started = true;
      const pid = Number(COLLAB_PID_LINE.exec(output)?.[1] ?? child.pid);
      const inspectors = [...output.matchAll(INSPECTOR_LINE)].map((m) => m[1]);
      const pids = [child.pid!, ...[...output.matchAll(CHILD_PID_LINE)].map((m) => Number(m[1]))];
      void inspectorOf(inspectors, pid).then((inspector) => resolve({ child, url: match[1].replace("localhost", "127.0.0.1"), loopDelays, inspector, pid, pids }), reject);
    };
    child.stdout!.on("data", onData("stdout"));
    child.stderr!.on("data", onData("stderr"));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

/** Session cookies survive server restarts (they live in the database): log in once per user. */
const cookies = new Map<string, Promise<string>>();

/** BENCH_SERVER_NODE_ARGS (tuning): Node flags for our server's processes (the cluster forks with them), e.g. --trace-gc. */
const serverNodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];

/** `inspect`: with the inspector on a free port (the memory scenario forces GCs and reads the heap through it). */
const inspectArgs = (inspect?: boolean) => (inspect ? ["--inspect=127.0.0.1:0"] : []);

async function startOurs(databaseUrl: string, options: { loopDelay?: boolean; inspect?: boolean } = {}): Promise<Target> {
  const { child, url, loopDelays, inspector, pid, pids } = await spawnPinned([...inspectArgs(options.inspect), ...serverNodeArgs, "--import", "tsx", "server/index.ts"], {
    ...process.env, NODE_ENV: "production", PORT: "0", DATABASE_URL: databaseUrl, SESSION_SECRET: TEST_SESSION_SECRET,
    // The throughput scenarios hold hundreds of sockets from a few accounts; the adversarial ones
    // (loopDelay) run with the default per-user and per-address caps, as a real installation would.
    ...(options.loopDelay ? { BENCH_LOOP_DELAY: "1" } : { COLLAB_MAX_CONNECTIONS_PER_USER: "1000", COLLAB_MAX_CONNECTIONS_PER_ADDRESS: "5000" }),
  });
  const as = async (email: string) => {
    if (!cookies.has(email)) cookies.set(email, loginCookie(url, email));
    return { Cookie: await cookies.get(email)!, Origin: url };
  };
  return { name: "ours", url, process: child, room: (id) => `/collab/${id}`, as, loopDelays, inspector, pid, pids };
}

async function startReference(options: { loopDelay?: boolean; inspect?: boolean } = {}): Promise<Target> {
  const { child, url, loopDelays, inspector, pid, pids } = await spawnPinned([...inspectArgs(options.inspect), "scripts/bench/reference-server.mjs"], {
    ...process.env, NODE_ENV: "production", ...(options.loopDelay ? { BENCH_LOOP_DELAY: "1" } : {}),
  });
  return { name: "reference", url, process: child, room: (id) => `/${id}`, as: async () => ({}), loopDelays, inspector, pid, pids };
}

/** CPU time (user + system, ms) of a process so far; 0 once it is gone. */
function cpuMs(pid: number) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/**
 * Waits until the server's processes are quiet (less than 10 ms of CPU in 500 ms, at most 20 s):
 * after a start, ours runs its jobs once (overview mails of the seeded data, compiling their modules)
 * in web worker 0, on the same core; that belongs to the start, not to the scenario measured next.
 */
async function settle(target: Target) {
  const total = () => target.pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const until = Date.now() + 30_000;
  let last = total();
  let quiet = 0;
  // Four quiet half-seconds in a row: the jobs start a second after the server (JOB_START_DELAY_MS).
  while (Date.now() < until && quiet < 4) {
    await sleep(500);
    const now = total();
    quiet = now - last < 10 ? quiet + 1 : 0;
    last = now;
  }
}

function stop(target: Target) {
  return new Promise<void>((resolve) => {
    if (target.process.exitCode !== null || target.process.signalCode !== null) return resolve();
    const kill = setTimeout(() => target.process.kill("SIGKILL"), 15_000);
    target.process.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    target.process.kill("SIGTERM");
  });
}

function rssMiB(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

// ---------------------------------------------------------------- protocol

function frame(type: number, write: (e: encoding.Encoder) => void) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
}
const syncStep1 = (sv = new Uint8Array([0])) => frame(0, (e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, sv); });
const updateFrame = (u: Uint8Array) => frame(0, (e) => { encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, u); });
const awarenessFrame = (clientId: number, clock: number, state: unknown) =>
  frame(1, (e) => {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });

type Incoming =
  | { kind: "step2" | "update"; update: Uint8Array }
  | { kind: "saved"; sv: Map<number, number> }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "other" };

function parse(data: Buffer): Incoming {
  const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const type = decoding.readVarUint(d);
  if (type === 0) {
    const sync = decoding.readVarUint(d);
    if (sync === 1 || sync === 2) return { kind: sync === 1 ? "step2" : "update", update: decoding.readVarUint8Array(d) };
  }
  if (type === 1) return { kind: "awareness", update: decoding.readVarUint8Array(d) };
  if (type === MESSAGE_SAVED) return { kind: "saved", sv: Y.decodeStateVector(decoding.readVarUint8Array(d)) };
  return { kind: "other" };
}

type Client = {
  ws: WebSocket;
  /**
   * The client's replica, as a real editor keeps one: sync step 2 and every update are applied to
   * `doc`, every presence frame to `awareness` (absent for the adversarial scenarios' raw sockets).
   */
  doc?: Y.Doc;
  awareness?: Awareness;
  /** Called after the frame was applied to `doc`/`awareness`; `at` is when it arrived, before applying. */
  onMessage: (fn: (m: Incoming, at: number) => void) => void;
  synced: Promise<number>;
  /** The close code once the socket closed (1006 when the server terminated it). */
  closed: Promise<number>;
};

/**
 * Who connects. On our server every connection is a logged-in user; the load is spread over the
 * seeded accounts, each from its own loopback address (127.0.0.2, …), as real users would come,
 * so that per-user and per-address connection caps do not shape the performance scenarios.
 */
const EDITORS = ["by", "nw", "rp", "th", "bw", "leitung", "westpfalz", "mittelhessen", "harburg", "nordthueringen"].map((u) => `${u}@laenderforum.example`);
const READERS = [...EDITORS, ...["admin", "gast", "ministerium-rp", "ministerium-by", "ministerium-nw", "ministerium-th"].map((u) => `${u}@laenderforum.example`)];
const addressOf = (email: string) => `127.0.0.${2 + Math.max(0, READERS.indexOf(email))}`;
type Identity = { email: string; headers: Record<string, string>; localAddress: string };

async function identity(target: Target, email: string): Promise<Identity> {
  return { email, headers: await target.as(email), localAddress: addressOf(email) };
}
/** The i-th connection of a scenario: writers are editors, observers anyone who may read. */
const nth = (target: Target, i: number, role: "editor" | "reader") => identity(target, (role === "editor" ? EDITORS : READERS)[i % (role === "editor" ? EDITORS : READERS).length]);

/** Origin of updates a client applies from the server (a writer must not send them back). */
const REMOTE = Symbol("remote");

/**
 * Opens a raw socket; resolves once open. `step1` sends sync step 1 (asks for the document).
 * `replica` (default) makes it behave like an editor: it applies everything it receives to its own
 * Y.Doc and Awareness, so the load generator pays what real clients pay and both servers are
 * measured the same way.
 */
function openSocket(target: Target, room: string, who: Identity, options: { step1?: boolean; replica?: boolean } = {}): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${target.url.replace("http", "ws")}${target.room(room)}`, {
      headers: who.headers, localAddress: who.localAddress, perMessageDeflate: false,
    });
    const handlers: Array<(m: Incoming, at: number) => void> = [];
    let resolveSynced!: (at: number) => void;
    const synced = new Promise<number>((r) => (resolveSynced = r));
    const doc = options.replica === false ? undefined : new Y.Doc();
    const awareness = doc ? new Awareness(doc) : undefined;
    awareness?.setLocalState(null);
    const closed = new Promise<number>((r) => ws.once("close", (code) => {
      awareness?.destroy();
      r(code);
    }));
    ws.on("message", (data: Buffer) => {
      const at = performance.now();
      const m = parse(data);
      if (doc && (m.kind === "step2" || m.kind === "update")) Y.applyUpdate(doc, m.update, REMOTE);
      else if (awareness && m.kind === "awareness") applyAwarenessUpdate(awareness, m.update, REMOTE);
      if (m.kind === "step2") resolveSynced(at);
      for (const h of handlers) h(m, at);
    });
    ws.on("open", () => {
      if (options.step1 ?? true) ws.send(syncStep1());
      resolve({ ws, doc, awareness, onMessage: (fn) => handlers.push(fn), synced, closed });
    });
    ws.on("error", reject);
    ws.on("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

/** Opens a client that asks for the document (resolve on open; `synced` once sync step 2 arrived). */
async function connect(target: Target, room: string, who?: Identity) {
  return openSocket(target, room, who ?? (await nth(target, 0, "editor")));
}

async function connectMany(target: Target, room: string, n: number, role: "editor" | "reader" = "reader", offset = 0) {
  const clients: Client[] = [];
  for (let i = 0; i < n; i += 25) {
    const batch = await Promise.all(Array.from({ length: Math.min(25, n - i) }, async (_, k) => connect(target, room, await nth(target, offset + i + k, role))));
    await Promise.all(batch.map((c) => c.synced));
    clients.push(...batch);
  }
  return clients;
}

function closeAll(clients: Client[]) {
  return Promise.all(clients.map((c) => new Promise<void>((resolve) => {
    if (c.ws.readyState === WebSocket.CLOSED) return resolve();
    c.ws.once("close", () => resolve());
    c.ws.close();
  })));
}

/**
 * A writer as the editor types, on its client's replica (synced already): its first update adds a
 * paragraph to the `default` fragment, every further one inserts a character at the end of that
 * paragraph's XmlText. `sent` holds, per local update, the writer's clock after it and the time it was sent.
 */
function writer(client: Client) {
  const doc = client.doc!;
  const sent: Array<{ clock: number; at: number }> = [];
  doc.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    sent.push({ clock: Y.getState(doc.store, doc.clientID), at: performance.now() });
    client.ws.send(updateFrame(u));
  });
  const text = new Y.XmlText();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [text]);
  doc.getXmlFragment(YJS_FRAGMENT).insert(0, [paragraph]);
  /** The presence y-tiptap would send: a collapsed selection at the end of this paragraph (relative-position JSON). */
  const cursor = () => {
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
    return { anchor: at, head: at };
  };
  return { doc, sent, cursor, type: () => text.insert(text.length, "x") };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Stats = { n: number; p50: number; p95: number; p99: number; max: number; loadGeneratorBusy?: number };
function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s[s.length - 1] ?? NaN };
}

// ---------------------------------------------------------------- scenarios

/** S1 and S2: propagation from writers to every observer, with or without presence. */
async function propagation(target: Target, room: string, o: { writers: number; observers: number; writerRate: number; presenceHz: number; seconds: number }) {
  const observers = await connectMany(target, room, o.observers, "reader");
  const writerClients = await connectMany(target, room, o.writers, "editor");
  const writers = writerClients.map(writer);
  const latencies: number[] = [];
  let measuring = false;
  for (const obs of observers) {
    // After applying a frame, the replica's clock of each writer says which of its updates arrived
    // (a server may merge several updates, of several writers, into one frame).
    const received = new Array<number>(writers.length).fill(0);
    obs.onMessage((m, at) => {
      if (m.kind !== "update") return;
      writers.forEach((w, i) => {
        const clock = Y.getState(obs.doc!.store, w.doc.clientID);
        while (received[i] < w.sent.length && w.sent[received[i]].clock <= clock) {
          if (measuring) latencies.push(at - w.sent[received[i]].at);
          received[i]++;
        }
      });
    });
  }
  const timers: NodeJS.Timeout[] = [];
  if (o.presenceHz) {
    // Every client shows a caret in one of the writers' paragraphs; the first frames wait until the
    // paragraphs have reached the server, so that the cursors point at content it knows.
    const everyone = [...observers, ...writerClients];
    everyone.forEach((c, i) => {
      const clientId = 1_000_000 + i;
      let clock = 0;
      const w = writers[i % writers.length];
      const send = () => c.ws.send(awarenessFrame(clientId, ++clock, { user: { name: `Person ${i}`, color: "#1d4ed8" }, cursor: w.cursor() }));
      setTimeout(() => {
        send();
        timers.push(setInterval(send, 1000 / o.presenceHz));
      }, 200 + (i * 1000) / o.presenceHz / everyone.length);
    });
  }
  writers.forEach((w, i) =>
    setTimeout(() => timers.push(setInterval(w.type, 1000 / o.writerRate)), (i * 1000) / o.writerRate / writers.length),
  );
  await sleep(WARMUP_MS);
  // For tracing tools started from outside (perf sched, strace): the measured window begins now.
  if (process.env.BENCH_MARK_WINDOWS === "1") console.log(`[bench] measuring ${o.writers} writers for ${o.seconds} s`);
  measuring = true;
  // How busy this load generator (alone on its core) was while measuring: near 100 % its own queue,
  // not the server, makes the tails; the report gives it per run.
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await sleep(o.seconds * 1000);
  const cpu = process.cpuUsage(cpuBefore);
  const loadGeneratorBusy = (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
  measuring = false;
  timers.forEach(clearInterval);
  await sleep(200);
  await closeAll([...observers, ...writerClients]);
  return { ...stats(latencies), loadGeneratorBusy };
}

function documentOfSize(bytes: number) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(YJS_FRAGMENT);
  const sentence = "Die MINT-Regionen verbinden Kitas, Schulen, Hochschulen und Unternehmen vor Ort. ";
  let i = 0;
  while (Y.encodeStateAsUpdate(doc).byteLength < bytes) {
    doc.transact(() => {
      for (let k = 0; k < 50; k++) {
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [new Y.XmlText(`${i++}: ${sentence.repeat(2)}`)]);
        fragment.insert(fragment.length, [p]);
      }
    });
  }
  return Y.encodeStateAsUpdate(doc);
}

/** On the reference (memory only) the first client brings the content; resolves once a joiner receives it. */
async function seedReference(target: Target, room: string, holder: Client, state: Uint8Array) {
  if (target.name !== "reference") return;
  holder.ws.send(updateFrame(state));
  let size = 0;
  while (size < state.byteLength / 2) {
    const probe = await connect(target, room);
    probe.onMessage((m) => m.kind === "step2" && (size = m.update.byteLength));
    await probe.synced;
    await closeAll([probe]);
    if (size < state.byteLength / 2) await sleep(20);
  }
}

/** S3: connect → sync step 2 received, for new joiners of an already loaded document. */
async function firstSync(target: Target, room: string, state: Uint8Array) {
  const coldStart = performance.now();
  const holder = await connect(target, room);
  const coldMs = (await holder.synced) - coldStart;
  await seedReference(target, room, holder, state);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < S3.joins; i++) {
    const who = await nth(target, i + 1, "reader");
    const t0 = performance.now();
    const c = await connect(target, room, who);
    c.onMessage((m) => m.kind === "step2" && (bytes = m.update.byteLength));
    times.push((await c.synced) - t0);
    await closeAll([c]);
  }
  await closeAll([holder]);
  return { ...stats(times), coldMs: target.name === "ours" ? coldMs : NaN, bytes };
}

/** Our server only: how many updates per second become durable (acknowledged after commit). */
async function durableThroughput(target: Target) {
  const clients = await Promise.all(Array.from({ length: DURABLE.writers }, async (_, i) => connect(target, `dur-${i}`, await nth(target, i, "editor"))));
  await Promise.all(clients.map((c) => c.synced));
  const docs = clients.map(() => new Y.Doc());
  const frames = docs.map((doc) => {
    const out: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => out.push(updateFrame(u)));
    appendParagraph(doc, "");
    const text = (doc.getXmlFragment(YJS_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    for (let k = 0; k < DURABLE.updatesPerWriter; k++) text.insert(text.length, "x");
    return out;
  });
  const done = clients.map((c, i) => new Promise<number>((resolve) => {
    const target = Y.getState(docs[i].store, docs[i].clientID);
    c.onMessage((m, at) => m.kind === "saved" && (m.sv.get(docs[i].clientID) ?? 0) >= target && resolve(at));
  }));
  const t0 = performance.now();
  clients.forEach((c, i) => frames[i].forEach((f) => c.ws.send(f)));
  const end = Math.max(...(await Promise.all(done)));
  await closeAll(clients);
  const total = frames.reduce((n, f) => n + f.length, 0);
  return { updates: total, seconds: (end - t0) / 1000, perSecond: total / ((end - t0) / 1000) };
}

async function memory(target: Target, paperState: Uint8Array) {
  const { pid } = target;
  const holder = await connect(target, "mem-idle");
  await holder.synced;
  await sleep(300);
  const before = rssMiB(pid);
  const idle = await connectMany(target, "mem-idle", MEMORY.idleConnections, "reader", 1);
  await sleep(1000);
  const afterIdle = rssMiB(pid);
  await closeAll([...idle, holder]);
  await sleep(500);
  const beforeDocs = rssMiB(pid);
  const docClients: Client[] = [];
  for (let i = 0; i < MEMORY.documents; i++) {
    const c = await connect(target, `mem-${i}`, await nth(target, i, "editor"));
    await c.synced;
    if (target.name === "reference") c.ws.send(updateFrame(paperState));
    docClients.push(c);
  }
  await sleep(1000);
  const afterDocs = rssMiB(pid);
  await closeAll(docClients);
  const perConnKiB = ((afterIdle - before) * 1024) / MEMORY.idleConnections;
  return {
    perIdleConnectionKiB: perConnKiB,
    perDocumentKiB: ((afterDocs - beforeDocs) * 1024) / MEMORY.documents - perConnKiB,
    documentBytes: paperState.byteLength,
  };
}

/**
 * Of a server's inspectors (each forked process opens one), the one in process `pid`: every process
 * is asked for its pid. None: undefined (started without the inspector).
 */
async function inspectorOf(urls: string[], pid: number) {
  for (const url of urls) {
    const session = await inspectorSession(url);
    try {
      const answer = await session.call<{ result: { value: number } }>("Runtime.evaluate", { expression: "process.pid", returnByValue: true });
      if (answer.result.value === pid) return url;
    } finally {
      session.close();
    }
  }
  if (urls.length) throw new Error(`no inspector belongs to process ${pid}`);
  return undefined;
}

/** A session on a server's inspector: forced GC and heap size without changing the server's code. */
async function inspectorSession(url: string) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  let id = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.on("message", (data: Buffer) => {
    const m = JSON.parse(data.toString()) as { id?: number; result?: unknown };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result);
  });
  const call = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      waiting.set(++id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  /** Used JS heap after four full collections (as `gc()` four times with --expose-gc: weak references settle). */
  const heapAfterGc = async () => {
    for (let i = 0; i < 4; i++) await call("HeapProfiler.collectGarbage");
    return (await call<{ usedSize: number }>("Runtime.getHeapUsage")).usedSize;
  };
  return { call, heapAfterGc, close: () => ws.close() };
}

/**
 * Retained JS heap per idle connection (speed-design §4): after a warm-up of connections opened and
 * closed (modules, caches and the room paid), the heap after forced GC with `connections` idle,
 * synced sockets minus the heap after forced GC before them. The clients are raw sockets here (no
 * replica), so the load generator stays light; what the server keeps does not depend on it.
 */
async function retainedHeap(target: Target, room: string, connections: number) {
  const session = await inspectorSession(target.inspector!);
  try {
    const open = async (n: number, offset: number) => {
      const clients: Client[] = [];
      for (let i = 0; i < n; i += 25) {
        const batch = await Promise.all(Array.from({ length: Math.min(25, n - i) }, async (_, k) =>
          openSocket(target, room, await nth(target, offset + i + k, "reader"), { replica: false })));
        await Promise.all(batch.map((c) => c.synced));
        clients.push(...batch);
      }
      return clients;
    };
    const holder = await open(1, 0);
    await closeAll(await open(MEMORY.warmupConnections, 1));
    await sleep(500);
    const before = await session.heapAfterGc();
    const idle = await open(connections, 1);
    await sleep(1000);
    const after = await session.heapAfterGc();
    await closeAll([...idle, ...holder]);
    return (after - before) / connections / 1024;
  } finally {
    session.close();
  }
}

// ---------------------------------------------------------------- adversarial scenarios

type Attack = {
  id: "step1-flood" | "gapped-updates" | "many-sockets" | "step2-replay";
  title: string;
  /** Runs the attack on a server whose room `room` already holds the 160 KiB paper; returns what the attacker saw. */
  run: (target: Target, room: string) => Promise<string>;
};

type AttackResult = {
  id: Attack["id"];
  title: string;
  target: Target["name"];
  rssPeakMiB: number;
  rssAfterMiB: number;
  /** From the server's own monitorEventLoopDelay lines; null when the server has no such hook. */
  loopDelayMs: number | null;
  /** Longest ping round trip seen by an honest socket on another document. */
  pingMs: number;
  attacker: string;
  /** What happened to an honest editor holding the attacked paper. */
  editor: string;
};

/** A state vector naming a client the document does not know: a cache keyed by the raw vector misses every time. */
const madeUpStateVector = () => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, 999_999);
  encoding.writeVarUint(e, 1);
  return encoding.toUint8Array(e);
};
const syncStep2Frame = (u: Uint8Array) => frame(0, (e) => { encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, u); });

/** Resolves once everything queued on `ws` has gone out, or the socket closed. */
async function drained(ws: WebSocket) {
  while (ws.readyState === WebSocket.OPEN && ws.bufferedAmount > 0) await sleep(10);
}

/** The close code within `ms`, as the attacker reports it. */
async function closeSeen(client: Client, ms: number, received: () => number) {
  const code = await Promise.race([client.closed, sleep(ms).then(() => null)]);
  const mib = (received() / 2 ** 20).toFixed(1);
  if (code === null) {
    client.ws.terminate();
    return `${ms ? `still open ${ms / 1000} s later` : "still open"} (received ${mib} MiB)`;
  }
  return `closed ${code}${code === 1006 ? " (terminated)" : ""} (received ${mib} MiB)`;
}

function countReceived(client: Client) {
  let bytes = 0;
  client.ws.on("message", (data: Buffer) => (bytes += data.byteLength));
  return () => bytes;
}

const ATTACKS: Attack[] = [
  {
    id: "step1-flood",
    title: `A reader who never reads sends ${ADVERSARIAL.step1Frames} sync step 1 frames with the state vector {999999: 1}`,
    run: async (target, room) => {
      const attacker = await openSocket(target, room, await identity(target, USERS.reader), { step1: false, replica: false });
      attacker.ws.pause();
      const step1 = syncStep1(madeUpStateVector());
      for (let i = 0; i < ADVERSARIAL.step1Frames; i++) attacker.ws.send(step1);
      await drained(attacker.ws);
      await sleep(ADVERSARIAL.observeMs);
      const received = countReceived(attacker);
      attacker.ws.resume();
      return closeSeen(attacker, ADVERSARIAL.closeWaitMs, received);
    },
  },
  {
    id: "gapped-updates",
    title: `An editor sends ${ADVERSARIAL.gappedUpdates} updates of 1 MiB, each after a change it never sent (a gap in its clock)`,
    run: async (target, room) => {
      const doc = new Y.Doc();
      const frames: Uint8Array[] = [];
      let keep = false;
      doc.on("update", (u: Uint8Array) => keep && frames.push(updateFrame(u)));
      const big = "Lückenhafte Aktualisierung. ".repeat(Math.ceil(ADVERSARIAL.gappedUpdateBytes / 28)).slice(0, ADVERSARIAL.gappedUpdateBytes);
      for (let i = 0; i < ADVERSARIAL.gappedUpdates; i++) {
        keep = false;
        appendParagraph(doc, `nie gesendet ${i}`);
        keep = true;
        appendParagraph(doc, big);
      }
      doc.destroy();
      const attacker = await openSocket(target, room, await identity(target, USERS.editor), { replica: false });
      const received = countReceived(attacker);
      await attacker.synced;
      for (const f of frames) if (attacker.ws.readyState === WebSocket.OPEN) attacker.ws.send(f);
      await drained(attacker.ws);
      await sleep(ADVERSARIAL.observeMs);
      return closeSeen(attacker, 0, received);
    },
  },
  {
    id: "many-sockets",
    title: `One editor opens ${ADVERSARIAL.sockets} sockets to the paper at once`,
    run: async (target, room) => {
      const who = await identity(target, USERS.editor);
      const opened = await Promise.allSettled(Array.from({ length: ADVERSARIAL.sockets }, () => openSocket(target, room, who, { replica: false })));
      const clients = opened.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      const refused = new Map<string, number>();
      for (const r of opened) if (r.status === "rejected") refused.set(String(r.reason?.message ?? r.reason), (refused.get(String(r.reason?.message ?? r.reason)) ?? 0) + 1);
      const codes = new Map<number, number>();
      for (const c of clients) void c.closed.then((code) => codes.set(code, (codes.get(code) ?? 0) + 1));
      await Promise.race([Promise.all(clients.map((c) => Promise.race([c.synced, c.closed]))), sleep(10_000)]);
      await sleep(ADVERSARIAL.observeMs);
      const open = clients.filter((c) => c.ws.readyState === WebSocket.OPEN).length;
      const closedBy = [...codes].map(([code, n]) => `${n} closed ${code}`);
      const refusedBy = [...refused].map(([why, n]) => `${n} ${why}`);
      await closeAll(clients);
      return [`${open} of ${ADVERSARIAL.sockets} open`, ...closedBy, ...refusedBy].join(", ");
    },
  },
  {
    id: "step2-replay",
    title: `A reader sends the paper's full state back as sync step 2, ${ADVERSARIAL.step2Replays} times`,
    run: async (target, room) => {
      const attacker = await openSocket(target, room, await identity(target, USERS.reader), { replica: false });
      let full: Uint8Array | undefined;
      attacker.onMessage((m) => m.kind === "step2" && (full ??= m.update));
      await attacker.synced;
      const received = countReceived(attacker);
      const replay = syncStep2Frame(full!);
      for (let i = 0; i < ADVERSARIAL.step2Replays && attacker.ws.readyState === WebSocket.OPEN; i++) attacker.ws.send(replay);
      await drained(attacker.ws);
      await sleep(ADVERSARIAL.observeMs);
      return closeSeen(attacker, 0, received);
    },
  },
];

/** Longest-stall probe: a worker thread pinging an honest socket on another document. */
async function startLoopProbe(target: Target, room: string) {
  const who = await identity(target, USERS.probe);
  const worker = new Worker(new URL("./loop-probe.mjs", import.meta.url), {
    workerData: { url: `${target.url.replace("http", "ws")}${target.room(room)}`, headers: who.headers },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", (m: { ready: boolean; closed?: string }) => (m.ready ? resolve() : reject(new Error(`loop probe: ${m.closed}`))));
    worker.once("error", reject);
  });
  const take = () => new Promise<{ maxMs: number; closed: string }>((resolve) => {
    worker.once("message", resolve);
    worker.postMessage("take");
  });
  return { take, stop: () => worker.terminate() };
}

/** Waits for the server's next loop-delay line (so the next one covers only what follows), at most 1.5 s. */
async function nextLoopDelayLine(target: Target) {
  const count = target.loopDelays.length;
  const until = performance.now() + 1500;
  while (target.loopDelays.length === count && performance.now() < until) await sleep(20);
}

async function attack(target: Target, a: Attack, paper: Uint8Array): Promise<AttackResult> {
  const { pid } = target;
  const room = `adv-${a.id}`;
  // An honest editor holds the paper (on the reference it brings the content); loading is not part of the attack.
  const holder = await openSocket(target, room, await identity(target, USERS.holder));
  await holder.synced;
  await seedReference(target, room, holder, paper);
  let editor = "stayed connected";
  void holder.closed.then((code) => (editor = `closed ${code}`));
  const probe = await startLoopProbe(target, "adv-probe");
  await sleep(300);
  await nextLoopDelayLine(target);
  await probe.take();
  const baseline = rssMiB(pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
  const startedAt = performance.now();
  let attacker: string;
  try {
    attacker = await a.run(target, room);
  } catch (error) {
    attacker = `attack failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  await sleep(1100); // one more loop-delay line covers the end of the attack
  clearInterval(sampler);
  const after = rssMiB(pid);
  peak = Math.max(peak, after);
  const ping = await probe.take();
  await probe.stop();
  const lines = target.loopDelays.filter((l) => l.at >= startedAt);
  const result: AttackResult = {
    id: a.id, title: a.title, target: target.name,
    rssPeakMiB: peak - baseline, rssAfterMiB: after - baseline,
    loopDelayMs: lines.length ? Math.max(...lines.map((l) => l.ms)) : null,
    pingMs: ping.maxMs, attacker, editor,
  };
  await closeAll([holder]);
  return result;
}

// ---------------------------------------------------------------- validation cost

type ValidationCost = { p50Us: number; p99Us: number; applyOnlyP50Us: number; applyOnlyP99Us: number; paperBytes: number };

/**
 * The validation cost per update from scripts/bench/validation-cost.ts (`measureValidationCost()`:
 * ShadowDocument.apply for keystroke updates on a paper of about 160 KiB, in µs). Loaded only when
 * the file exists, so that this benchmark also runs on a checkout from before the validator (n/a).
 */
async function validationCost(): Promise<ValidationCost | null> {
  const file = path.join(ROOT, "scripts/bench/validation-cost.ts");
  if (!fs.existsSync(file)) return null;
  const mod = (await import(pathToFileURL(file).href)) as { measureValidationCost: () => Promise<Record<string, unknown>> };
  const r = await mod.measureValidationCost();
  const num = (key: string) => (typeof r[key] === "number" ? (r[key] as number) : NaN);
  return { p50Us: num("p50"), p99Us: num("p99"), applyOnlyP50Us: num("applyOnlyP50"), applyOnlyP99Us: num("applyOnlyP99"), paperBytes: num("paperBytes") };
}

// ---------------------------------------------------------------- run

type Result = {
  s1: Stats; s2: Stats; s1Runs?: Stats[]; s2Runs?: Stats[]; s3: Array<Stats & { coldMs: number; bytes: number; size: number }>;
  durable: { updates: number; seconds: number; perSecond: number } | null;
  memory: { perIdleConnectionKiB: number; perDocumentKiB: number; documentBytes: number };
  /** Retained heap per idle connection after forced GC, one figure per repetition (KiB). */
  heap: number[];
};
type Report = {
  ours: Result;
  reference: Result;
  attacks: AttackResult[];
  validation: ValidationCost | null;
  loadAtStart: number[];
  loadAtEnd: number[];
  startedAt: Date;
};

const none: Stats = { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };
/** The repetition whose p99 is the median of all repetitions' p99 (an odd count: a real run). */
const median = (runs: Stats[]) => [...runs].sort((a, b) => a.p99 - b.p99)[Math.floor(runs.length / 2)] ?? none;
/** Every bench document lives in MINT-Regionen (platform visibility): every seeded account may read it, members may edit. */
const SPACE = "mint-regionen";

async function main() {
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const paperState = yStateFromJson(MINT_PAPER);
  const sized = new Map(S3.sizes.map((size) => [size, documentOfSize(size)] as const));
  const paper160 = sized.get(160 * 1024)!;
  const reps = Array.from({ length: REPS }, (_, i) => i);
  const database = prepareDatabase("bench", [
    ...reps.flatMap((i) => [{ id: `s1-${i}` }, { id: `s2-${i}` }]), { id: "mem-idle" }, { id: "mem-heap" },
    ...S3.sizes.map((size) => ({ id: `s3-${size}`, snapshot: sized.get(size)! })),
    ...Array.from({ length: MEMORY.documents }, (_, i) => ({ id: `mem-${i}`, snapshot: paperState })),
    ...Array.from({ length: DURABLE.writers }, (_, i) => ({ id: `dur-${i}` })),
    ...ATTACKS.map((a) => ({ id: `adv-${a.id}`, snapshot: paper160 })), { id: "adv-probe" },
  ].map((d) => ({ ...d, space: SPACE })));
  // Both servers run for the performance scenarios (an idle one costs nothing); each scenario
  // alternates between them, so a disturbance on the shared machine hits both alike.
  const targets: Target[] = [];
  const results = {
    ours: { s1: [] as Stats[], s2: [] as Stats[] } as Partial<Result> & { s1: Stats[]; s2: Stats[] },
    reference: { s1: [] as Stats[], s2: [] as Stats[] } as Partial<Result> & { s1: Stats[]; s2: Stats[] },
  };
  const attacks: AttackResult[] = [];
  const log = (t: Target | Target["name"], line: string) => console.log(`[${typeof t === "string" ? t : t.name}] ${line}`);
  try {
    // Retained heap per idle connection: both servers with the inspector, repetitions alternating.
    results.ours.heap = [];
    results.reference.heap = [];
    if (want("heap")) {
      const inspected = [await startOurs(database.url, { inspect: true }), await startReference({ inspect: true })];
      targets.push(...inspected);
      for (let rep = 0; rep < MEMORY.heapRepetitions; rep++) {
        for (const t of inspected) {
          const kib = await retainedHeap(t, "mem-heap", MEMORY.idleConnections);
          results[t.name].heap!.push(kib);
          log(t, `retained heap run ${rep + 1}: ${f(kib, 2)} KiB per idle connection after forced GC`);
        }
      }
      await Promise.all(targets.splice(0).map(stop));
    }
    // The memory scenario gets servers of its own: its 500 sockets and 50 rooms would otherwise be
    // unloaded (30 s after they closed) in the middle of the propagation runs that follow.
    if (want("memory")) {
      targets.push(await startOurs(database.url), await startReference());
      for (const t of targets) await settle(t);
      for (const t of targets) {
        results[t.name].memory = await memory(t, paperState);
        log(t, `memory: ${f(results[t.name].memory!.perIdleConnectionKiB, 1)} KiB per idle connection, ${f(results[t.name].memory!.perDocumentKiB, 1)} KiB per loaded document`);
      }
      await Promise.all(targets.splice(0).map(stop));
    } else {
      for (const name of ["ours", "reference"] as const) results[name].memory = { perIdleConnectionKiB: NaN, perDocumentKiB: NaN, documentBytes: paperState.byteLength };
    }
    if (["s1", "s2", "s3", "durable"].some(want)) targets.push(await startOurs(database.url), ...(OURS_ONLY ? [] : [await startReference()]));
    for (const t of targets) await settle(t);
    for (const rep of reps) {
      for (const t of want("s1") ? targets : []) {
        const r = await propagation(t, `s1-${rep}`, { writers: 1, observers: S1.observers, writerRate: S1.rate, presenceHz: 0, seconds: S1.seconds });
        results[t.name].s1.push(r);
        log(t, `S1 run ${rep + 1}: p50 ${f(r.p50)} ms, p99 ${f(r.p99)} ms, max ${f(r.max)} ms (${r.n} samples; load generator ${pct(r.loadGeneratorBusy)} busy)`);
      }
      for (const t of want("s2") ? targets : []) {
        const r = await propagation(t, `s2-${rep}`, { writers: S2.writers, observers: S2.observers, writerRate: S2.writerRate, presenceHz: S2.presenceHz, seconds: S2.seconds });
        results[t.name].s2.push(r);
        log(t, `S2 run ${rep + 1}: p50 ${f(r.p50)} ms, p99 ${f(r.p99)} ms, max ${f(r.max)} ms (${r.n} samples; load generator ${pct(r.loadGeneratorBusy)} busy)`);
      }
    }
    for (const t of targets) {
      const s3 = [];
      for (const size of want("s3") ? S3.sizes : []) {
        const r = await firstSync(t, `s3-${size}`, sized.get(size)!);
        s3.push({ ...r, size });
        log(t, `S3 ${Math.round(size / 1024)} KiB: p50 ${f(r.p50)} ms, p99 ${f(r.p99)} ms`);
      }
      results[t.name].s3 = s3;
    }
    results.ours.durable = want("durable") ? await durableThroughput(targets[0]) : null;
    if (results.ours.durable) log("ours", `durable: ${Math.round(results.ours.durable.perSecond)} updates/s (${results.ours.durable.updates} in ${f(results.ours.durable.seconds)} s)`);
    results.reference.durable = null;
    await Promise.all(targets.splice(0).map(stop));

    // Each attack gets a fresh server, so memory and closed sockets of one do not carry over.
    for (const a of want("adversarial") ? ATTACKS : []) {
      for (const name of ["ours", "reference"] as const) {
        const t = name === "ours" ? await startOurs(database.url, { loopDelay: true }) : await startReference({ loopDelay: true });
        targets.push(t);
        try {
          const r = await attack(t, a, paper160);
          attacks.push(r);
          log(t, `${a.id}: RSS +${f(r.rssPeakMiB, 1)} MiB peak, +${f(r.rssAfterMiB, 1)} MiB after; loop delay ${r.loopDelayMs === null ? "n/a" : f(r.loopDelayMs, 1)} ms (server), ping ${f(r.pingMs, 1)} ms (outside); attacker: ${r.attacker}; editor: ${r.editor}`);
        } finally {
          await stop(t);
          targets.splice(targets.indexOf(t), 1);
        }
      }
    }
  } finally {
    await Promise.all(targets.map(stop));
    database.remove();
  }
  const validation = want("validation")
    ? await validationCost().catch((error) => {
        console.error("validation cost could not be measured:", error);
        return null;
      })
    : null;
  if (validation) console.log(`validation cost per update: p50 ${f(validation.p50Us, 1)} µs, p99 ${f(validation.p99Us, 1)} µs`);
  else if (want("validation")) console.log("validation cost: n/a (scripts/bench/validation-cost.ts does not exist)");
  // A tuning run (some parts, or no reference) is not a record.
  if (ONLY || OURS_ONLY) return;
  const final = (r: typeof results.ours): Result => ({ ...(r as Result), s1: median(r.s1), s2: median(r.s2), s1Runs: r.s1, s2Runs: r.s2 });
  const report = renderReport({
    ours: final(results.ours), reference: final(results.reference), attacks, validation, loadAtStart, loadAtEnd: os.loadavg(), startedAt,
  });
  console.log("\n" + report);
  if (!QUICK) writeSection(path.join(ROOT, "docs/BENCHMARKS.md"), report);
}

const START = "<!-- bench:collab -->";
const END = "<!-- /bench:collab -->";

/** Replaces only this benchmark's section of docs/BENCHMARKS.md (other benchmarks share the file). */
function writeSection(file: string, section: string) {
  const block = `${START}\n${section.trim()}\n${END}\n`;
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n\n";
  const from = existing.indexOf(START);
  const to = existing.indexOf(END);
  const next = from >= 0 && to > from ? existing.slice(0, from) + block + existing.slice(to + END.length + 1) : `${existing.trimEnd()}\n\n${block}`;
  fs.writeFileSync(file, next);
}

const f = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const pct = (share: number | undefined) => (share === undefined || !Number.isFinite(share) ? "–" : `${Math.round(share * 100)} %`);
const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");

function renderReport(r: Report) {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const s3 = (t: Target["name"], i: number) => r[t].s3[i];
  const v = r.validation;
  const validationRow = v
    ? `| Validation cost per update, ${f(v.paperBytes / 1024, 0)} KiB paper, p50 / p99 (µs) | ${f(v.p50Us, 1)} / ${f(v.p99Us, 1)} (applying alone: ${f(v.applyOnlyP50Us, 1)} / ${f(v.applyOnlyP99Us, 1)}) | n/a (no validation) | p50 ≤ 100 µs | ${verdict(v.p50Us <= 100)} |`
    : `| Validation cost per update, 160 KiB paper, p50 / p99 (µs) | n/a (no validator yet) | n/a (no validation) | p50 ≤ 100 µs | |`;
  const attackRows = r.attacks.map((a) =>
    `| ${a.title} | ${a.target} | +${f(a.rssPeakMiB, 1)} / +${f(a.rssAfterMiB, 1)} | ${a.loopDelayMs === null ? "n/a (no hook)" : f(a.loopDelayMs, 0)} / ${f(a.pingMs, 0)} | ${a.attacker} | ${a.editor} |`,
  ).join("\n");
  const worstStall = Math.max(...r.attacks.filter((a) => a.target === "ours").map((a) => a.loopDelayMs ?? a.pingMs));
  const runs = (t: "s1Runs" | "s2Runs") => (r.ours[t] ?? []).map((x, i) => `${f(x.p99)} / ${f(r.reference[t]?.[i]?.p99 ?? NaN)}`).join(", ");
  const busy = (t: "s1Runs" | "s2Runs") => (r.ours[t] ?? []).map((x, i) => `${pct(x.loadGeneratorBusy)} / ${pct(r.reference[t]?.[i]?.loadGeneratorBusy)}`).join(", ");
  return `### Collaboration (\`npm run bench:collab\`)

Generated by \`npm run bench:collab\` (scripts/bench/collab-bench.ts). Do not edit by hand; re-run it.

- Date: ${r.startedAt.toISOString()}
- Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}
- Load average when the run started: ${loads(r.loadAtStart)}, when it ended: ${loads(r.loadAtEnd)} (1/5/15 min); other work on the machine shows up in the tails
- Node ${process.version}; server pinned to core 0, load generator to core 1 (\`taskset\`), loopback
- **ours**: the real \`server/index.ts\` (production build, persistence on: SQLite WAL, synchronous=FULL,
  group commit ${"≤"} 10 ms, session cookie and permission check on every upgrade)
- **reference**: \`@y/websocket-server@0.1.1\` \`setupWSConnection\`, in memory, no auth, no persistence

Scenarios (open-loop; latencies measured from the writer's send to an observer's receipt, same clock;
the first ${WARMUP_MS} ms are warm-up and not counted). Every client of S1–S3 behaves like an editor: it
keeps a Y.Doc and a y-protocols Awareness and applies every update and presence frame it receives; an
update counts as received when the replica's clock of its writer covers it (a server may merge updates). Writers type as the editor does: each adds a
paragraph to the \`default\` fragment, then inserts characters at the end of its text. Connections are
spread over the ${READERS.length} seeded accounts (writers: the ${EDITORS.length} editors), each account from its own loopback address.
- S1: 1 writer → ${S1.observers} observers, ${S1.rate} updates/s, ${S1.seconds} s.
- S2: ${S2.writers} writers × ${S2.writerRate} updates/s each, ${S2.observers} observers; all ${S2.writers + S2.observers} clients send presence
  (a caret in a writer's paragraph, as relative-position JSON) at ${S2.presenceHz} Hz; ${S2.seconds} s. Latency is measured at the ${S2.observers} observers.
- S3: time from opening the socket to receiving sync step 2, ${S3.joins} joiners one after another, document already loaded.
- Durable throughput (ours only; the reference stores nothing): ${DURABLE.writers} connections on ${DURABLE.writers} documents each send
  ${DURABLE.updatesPerWriter} keystrokes (plus the paragraph) at once; time until the server's "saved" message covers every update.
- Retained heap: each server started with the inspector; after ${MEMORY.warmupConnections} connections opened and closed, the used JS heap
  after 4 forced GCs (\`HeapProfiler.collectGarbage\`) with ${MEMORY.idleConnections} idle, synced connections minus the same before
  them, per connection; ${MEMORY.heapRepetitions} repetitions alternating between the servers, median (speed-design §4 method).
- Memory (RSS): server RSS growth for ${MEMORY.idleConnections} idle connections on one document, and for ${MEMORY.documents} loaded documents
  (the seeded paper, ${r.ours.memory.documentBytes} bytes encoded) with one connection each (minus the per-connection figure). RSS is noisy.
- Validation cost: \`measureValidationCost()\` of scripts/bench/validation-cost.ts, in this process after the servers
  stopped: \`ShadowDocument.apply\` (dependency check, apply to the shadow, incremental schema validation) per
  keystroke update of several typists on a paper of about 160 KiB; "applying alone" is \`Y.applyUpdate\` of the same update.

| Measure | ours | reference | target | |
|---|---|---|---|---|
| S1 propagation p50 / p99 / max (ms) | ${f(r.ours.s1.p50)} / ${f(r.ours.s1.p99)} / ${f(r.ours.s1.max)} | ${f(r.reference.s1.p50)} / ${f(r.reference.s1.p99)} / ${f(r.reference.s1.max)} | p99 ≤ reference | ${verdict(r.ours.s1.p99 <= r.reference.s1.p99)} |
| S2 propagation with presence p50 / p99 / max (ms) | ${f(r.ours.s2.p50)} / ${f(r.ours.s2.p99)} / ${f(r.ours.s2.max)} | ${f(r.reference.s2.p50)} / ${f(r.reference.s2.p99)} / ${f(r.reference.s2.max)} | p99 ≤ reference | ${verdict(r.ours.s2.p99 <= r.reference.s2.p99)} |
| S3 first sync, 160 KiB, p50 / p99 (ms) | ${f(s3("ours", 0)?.p50 ?? NaN)} / ${f(s3("ours", 0)?.p99 ?? NaN)} (cold load ${f(s3("ours", 0)?.coldMs ?? NaN)}) | ${f(s3("reference", 0)?.p50 ?? NaN)} / ${f(s3("reference", 0)?.p99 ?? NaN)} | p99 ≤ reference | ${verdict((s3("ours", 0)?.p99 ?? NaN) <= (s3("reference", 0)?.p99 ?? NaN))} |
| S3 first sync, 1 MiB, p50 / p99 (ms) | ${f(s3("ours", 1)?.p50 ?? NaN)} / ${f(s3("ours", 1)?.p99 ?? NaN)} (cold load ${f(s3("ours", 1)?.coldMs ?? NaN)}) | ${f(s3("reference", 1)?.p50 ?? NaN)} / ${f(s3("reference", 1)?.p99 ?? NaN)} | – | |
| Durable updates/s | ${r.ours.durable ? `${Math.round(r.ours.durable.perSecond)} (${r.ours.durable.updates} in ${f(r.ours.durable.seconds)} s)` : "–"} | n/a (memory only) | ≥ 5,000 | ${verdict((r.ours.durable?.perSecond ?? 0) >= 5000)} |
| Retained heap per idle connection after forced GC (KiB; median of ${r.ours.heap.length}: ${r.ours.heap.map((x) => f(x)).join(", ")} / ${r.reference.heap.map((x) => f(x)).join(", ")}) | ${f(medianOf(r.ours.heap))} | ${f(medianOf(r.reference.heap))} | ≤ 4 KiB | ${verdict(medianOf(r.ours.heap) <= 4)} |
| RSS growth per idle connection, no GC (KiB) | ${f(r.ours.memory.perIdleConnectionKiB, 1)} | ${f(r.reference.memory.perIdleConnectionKiB, 1)} | – | |
| Memory per loaded document (KiB) | ${f(r.ours.memory.perDocumentKiB, 1)} | ${f(r.reference.memory.perDocumentKiB, 1)} | – | |
${validationRow}

S1 and S2 ran ${REPS} times each, alternating between the servers. The p99 in the table is the median of the
${REPS} runs' p99; p50 and max are from that same run.
All runs, p99 in ms (ours / reference): S1 ${runs("s1Runs")};
S2 ${runs("s2Runs")}.
Samples per run: S1 ${r.ours.s1.n} / ${r.reference.s1.n}, S2 ${r.ours.s2.n} / ${r.reference.s2.n}.
The load generator's CPU while measuring, share of its one core, per run (ours / reference): S1 ${busy("s1Runs")};
S2 ${busy("s2Runs")}. Near 100 % its own queue makes the tails (every observer's replica applies every frame on that core).

#### Adversarial scenarios

Each attack runs against a fresh server whose paper (${Math.round(S3.sizes[0] / 1024)} KiB, a paragraph document) is already
loaded and held open by an honest editor. RSS growth is measured from just before the attack, as the peak
(sampled every 50 ms) and ${(ADVERSARIAL.observeMs / 1000).toFixed(0)} s after it was sent. The longest event-loop stall is given twice: as the
server's own \`monitorEventLoopDelay\` maximum (its \`[bench] loop-delay-max-ms=\` lines with BENCH_LOOP_DELAY=1;
"n/a" when the server has no such hook) and as the longest ping round trip of an honest socket on another
document, measured from a separate thread. Goal: no stall of ${ADVERSARIAL.stallGoalMs} ms or more.
On the reference every client may write (it has no accounts), so "reader" means only "the attacking client".

| Attack | server | RSS growth peak / after (MiB) | longest stall: server / ping (ms) | the attacker saw | the honest editor |
|---|---|---|---|---|---|
${attackRows}

Longest stall of ours during the attacks: ${f(worstStall, 0)} ms (goal < ${ADVERSARIAL.stallGoalMs} ms: ${verdict(worstStall < ADVERSARIAL.stallGoalMs)}).

Notes:
- Both servers run the same Yjs 13 / y-protocols 1 code paths for sync and awareness; ours adds the
  upgrade check, update validation, presence rewriting, the update log with group commits and the
  "saved" message after each commit.
- The load generator shares the machine; with 2 cores its own work shows up in the latencies of both servers alike.
  Other work on the machine (here: other agents' test runs) moves the tails by several milliseconds between runs;
  compare the individual runs above, not only the medians.
- RSS growth also counts garbage not yet collected (ours runs a session and permission query per
  upgrade); the retained heap after forced GC is the figure to compare. \`tsx scripts/bench/heap-diff.ts\`
  breaks it down by object kind from heap snapshots.
`;
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
