// Crash safety of durable acknowledgement ("Gespeichert means on disk"). Clients write paragraphs
// into the `default` fragment of one document while the real server is killed with SIGKILL; then
// the database file is read directly and every paragraph covered by a saved message (100) that ANY
// client received must be in it. Repeated `runs` times on the same database, so each run also
// proves that the previous crash left a loadable document without pending structs.
//
// Since decision 024 the server is several processes, and the runs take turns at what they kill:
// every process at once (power loss); the collaboration process alone (the supervisor restarts it
// and the rooms reload from disk; a web worker must answer a page meanwhile); or web worker 0 alone
// (the one running the jobs: no collaboration socket may notice, and a page is served while the
// supervisor restarts it). Any 9 runs in a row cover each kind with each
// kind of kill.
// Three kinds of kill, in turn:
// - "reconnect": a client keeps reconnecting and answering the server's sync step 1 with a sync
//   step 2 that holds nothing new (its edits are already on the server, perhaps in the commit in
//   flight); the server is killed the moment it acknowledges that step 2. Writers write sparsely
//   here, so the server's pending queue is often empty while a commit is in flight: finding 4 of
//   issue 8, where such a no-op update was acknowledged before the commit was on disk.
// - "commit": constant load; the kill lands at a random point of the commit cycle measured from
//   the saved messages, so a share of kills hits a commit in flight.
// - "random": constant load; the kill lands at a random moment.
// Independently of the kill, every saved message is checked against the database at the moment it
// arrives: a saved state vector that the committed database does not cover is an acknowledgement
// ahead of the disk ("early ack"), whether or not a kill happens to land in that window.
//
//   npx tsx scripts/collab-crash-test.ts [runs=50]      (needs `npm run build` first)
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { COLLAB_TIMING, MESSAGE_SAVED, MESSAGE_SYNC } from "../app/domain/collab.ts";
import { appendParagraph, bodyText, connectClient, type CollabClient } from "../tests/support/collab.ts";
import { loginCookie } from "../tests/support/http.ts";
import { childPids, startServer, type TestServer } from "../tests/support/server.ts";
import { prepareDatabase } from "./bench/setup.ts";

const DOCUMENT_ID = "crashtest";
/** Writers are spread over several editors, so per-user connection caps never refuse them. */
const WRITER_USERS = ["by", "nw", "rp", "th", "bw"].map((u) => `${u}@laenderforum.example`);
const RECONNECTER_USER = "leitung@laenderforum.example";
const CLIENTS = 10;
const MODES = ["reconnect", "commit", "random"] as const;
type KillMode = (typeof MODES)[number];
/** Per writer. Constant load: 100 updates/s each, 1,000/s in total. Sparse load leaves the pending queue empty between arrivals. */
const WRITE_INTERVAL_MS: Record<KillMode, number> = { reconnect: 60, commit: 10, random: 10 };
/** The longest a "commit" run waits for the next saved message before it kills anyway. */
const COMMIT_WAIT_MAX_MS = 5000;

export type CrashRun = {
  run: number;
  mode: KillMode;
  written: number;
  confirmed: number;
  confirmedLost: number;
  unconfirmedLost: number;
  earlyAcks: number;
  /** How the kill was placed (e.g. "4.2 ms after an empty step 2 was acknowledged"). */
  kill: string;
  target: KillTarget;
  /** For "collab" and "web" runs: a page was served right after the kill. */
  pagesServed: boolean;
  /** For "web" runs: every writer kept its collaboration socket after the kill. */
  collabUnaffected: boolean;
};
export type CrashResult = {
  runs: number;
  confirmed: number;
  confirmedLost: number;
  unconfirmedLost: number;
  written: number;
  loadFailures: number;
  /** Saved messages whose state vector the committed database did not cover when they arrived. */
  earlyAcks: number;
  /** "collab" and "web" runs in which no page was served right after the kill. */
  pagesNotServed: number;
  /** "web" runs in which a writer lost its socket or saved messages stopped. */
  collabDisturbed: number;
  details: CrashRun[];
};

type Written = { text: string; client: number; clock: number };

/** The stored document as the database holds it right now: snapshot plus log, read incrementally. */
class DiskMirror {
  readonly doc = new Y.Doc();
  private sv = new Map<number, number>();
  private snapshotKey = "";
  private lastSeq = 0;
  private readonly sqlite: Database.Database;
  private readonly read: () => void;

  constructor(file: string) {
    this.sqlite = new Database(file, { timeout: 5000 });
    const snapshot = this.sqlite.prepare<[string], { snapshot: Buffer | null; snapshotSeq: number; size: number | null }>(
      `SELECT snapshot, snapshotSeq, length(snapshot) AS size FROM "Document" WHERE id = ?`,
    );
    const log = this.sqlite.prepare<[string, number], { seq: number; data: Buffer }>(
      `SELECT seq, data FROM "DocumentUpdate" WHERE documentId = ? AND seq > ? ORDER BY seq`,
    );
    // One read transaction: the snapshot and the log rows come from the same committed state.
    this.read = this.sqlite.transaction(() => {
      const row = snapshot.get(DOCUMENT_ID);
      if (!row) throw new Error(`document ${DOCUMENT_ID} is missing`);
      const key = `${row.snapshotSeq}:${row.size}`;
      if (key !== this.snapshotKey && row.snapshot) Y.applyUpdate(this.doc, row.snapshot);
      this.snapshotKey = key;
      for (const update of log.iterate(DOCUMENT_ID, Math.max(this.lastSeq, row.snapshotSeq))) {
        Y.applyUpdate(this.doc, update.data);
        this.lastSeq = update.seq;
      }
    });
    this.refresh();
  }

  refresh() {
    this.read();
    this.sv = Y.decodeStateVector(Y.encodeStateVector(this.doc));
  }

  /** The first client whose acknowledged clock the database lacks, or null when it covers `acked`. */
  uncovered(acked: Map<number, number>, refresh = true): string | null {
    const gap = () => [...acked].find(([client, clock]) => (this.sv.get(client) ?? 0) < clock);
    if (!gap()) return null;
    if (refresh) this.refresh();
    const g = gap();
    return g ? `client ${g[0]}: acknowledged up to clock ${g[1]}, on disk ${this.sv.get(g[0]) ?? 0}` : null;
  }

  hasPending() {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
  }

  paragraphs() {
    return new Set(bodyText(this.doc).split("\n"));
  }

  close() {
    this.doc.destroy();
    this.sqlite.close();
  }
}

/** Everything the clients were told is durable: the maximum of every saved state vector received. */
class Acknowledgements {
  readonly acked = new Map<number, number>();
  earlyAcks = 0;
  readonly early: string[] = [];
  lastAt = 0;
  private lastTotal = 0;
  private readonly intervals: number[] = [];
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly mirror: DiskMirror) {}

  receive(sv: Map<number, number>) {
    // Every writer of a batch gets the same state vector: only a new one marks the end of a commit.
    let total = 0;
    for (const clock of sv.values()) total += clock;
    if (total > this.lastTotal) {
      const now = performance.now();
      if (this.lastAt) this.intervals.push(now - this.lastAt);
      this.lastAt = now;
      this.lastTotal = total;
    }
    const gap = this.mirror.uncovered(sv);
    if (gap) {
      this.earlyAcks++;
      if (this.early.length < 3) this.early.push(gap);
    }
    for (const [client, clock] of sv) if (clock > (this.acked.get(client) ?? 0)) this.acked.set(client, clock);
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Resolves when the next saved message arrives. */
  next() {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Median time between saved messages: one commit cycle (group-commit wait plus commit). */
  cycleMs() {
    const s = [...this.intervals].sort((a, b) => a - b);
    return s.length ? s[Math.floor(s.length / 2)] : 2 * COLLAB_TIMING.groupCommitMs;
  }

  covers(w: Written) {
    return (this.acked.get(w.client) ?? 0) >= w.clock;
  }
}

/** Sees every saved message of a stock y-websocket client before the client's own handler. */
function watchSaved(client: CollabClient, onSaved: (sv: Map<number, number>) => void) {
  const handlers = client.provider.messageHandlers;
  const original = handlers[MESSAGE_SAVED];
  handlers[MESSAGE_SAVED] = (encoder, decoder, ...rest) => {
    const start = decoder.pos;
    onSaved(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
    decoder.pos = start;
    original(encoder, decoder, ...rest);
  };
}

/** One stock client appending "<run>:<label>:<n>" paragraphs; remembers the clock after each. */
function startWriting(client: CollabClient, label: string, intervalMs: number, written: Written[]) {
  let n = 0;
  const timer = setInterval(() => {
    if (!client.provider.wsconnected || !client.provider.synced) return;
    const text = `${label}:${n++}`;
    appendParagraph(client.doc, text);
    written.push({ text, client: client.doc.clientID, clock: Y.getState(client.doc.store, client.doc.clientID) });
  }, intervalMs);
  return () => clearInterval(timer);
}

const syncFrame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  write(e);
  return encoding.toUint8Array(e);
};

/**
 * A client that keeps reconnecting with the same Y.Doc, as the editor does after a network drop.
 * On each connection it answers the server's sync step 1 with the diff the server lacks (normally
 * nothing: an empty sync step 2), writes a paragraph, and disconnects again after a few ms.
 */
function startReconnecter(url: string, cookie: string, label: string, written: Written[], onSaved: (sv: Map<number, number>, afterEmptyStep2: boolean) => void) {
  const doc = new Y.Doc();
  let ws: WebSocket | undefined;
  let stopped = false;
  let n = 0;
  let connections = 0;
  let emptyStep2s = 0;
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin === "server" || ws?.readyState !== WebSocket.OPEN) return;
    ws.send(syncFrame((e) => syncProtocol.writeUpdate(e, update)));
  });
  const connect = () => {
    if (stopped) return;
    const socket = new WebSocket(`${url.replace(/^http/, "ws")}/collab/${DOCUMENT_ID}`, { headers: { Cookie: cookie, Origin: url } });
    ws = socket;
    let sentEmptyStep2 = false;
    let opened = false;
    let timer: NodeJS.Timeout | undefined;
    socket.binaryType = "nodebuffer";
    socket.on("open", () => {
      opened = true;
      connections++;
      socket.send(syncFrame((e) => syncProtocol.writeSyncStep1(e, doc)));
    });
    socket.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SAVED) return onSaved(Y.decodeStateVector(decoding.readVarUint8Array(decoder)), sentEmptyStep2);
      if (type !== MESSAGE_SYNC) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      const kind = syncProtocol.readSyncMessage(decoder, encoder, doc, "server");
      if (kind === syncProtocol.messageYjsSyncStep1) {
        const reply = encoding.toUint8Array(encoder);
        const replyDecoder = decoding.createDecoder(reply);
        decoding.readVarUint(replyDecoder); // MESSAGE_SYNC
        decoding.readVarUint(replyDecoder); // step 2
        const update = decoding.readVarUint8Array(replyDecoder);
        sentEmptyStep2 = Y.decodeUpdate(update).structs.length === 0;
        if (sentEmptyStep2) emptyStep2s++;
        socket.send(reply);
      }
      if (kind === syncProtocol.messageYjsSyncStep2 && !timer) {
        const text = `${label}:${n++}`;
        appendParagraph(doc, text);
        written.push({ text, client: doc.clientID, clock: Y.getState(doc.store, doc.clientID) });
        timer = setTimeout(() => socket.close(), 5 + Math.random() * 25);
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      // Straight back after our own close; a refused or dropped upgrade waits a little.
      if (!stopped) setTimeout(connect, opened ? 0 : 50);
    });
  };
  connect();
  return {
    stats: () => ({ connections, emptyStep2s }),
    stop: () => {
      stopped = true;
      ws?.terminate();
      doc.destroy();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Which processes a run kills: all of them (power loss), the collaboration process alone, or web worker 0 alone. */
type KillTarget = "all" | "collab" | "web";
const TARGETS: KillTarget[] = ["all", "collab", "web"];

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** GET on a fresh connection: the web workers must keep serving while the collaboration process is away. */
function pageStatus(url: string) {
  return new Promise<number>((resolve) => {
    http.get(`${url}/healthz`, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    }).on("error", () => resolve(0));
  });
}

async function oneRun(run: number, mode: KillMode, target: KillTarget, database: ReturnType<typeof prepareDatabase>, cookies: Map<string, string>, log: (line: string) => void): Promise<CrashRun> {
  // Two web workers, as on a two-core host: when web worker 0 dies, the other answers.
  const server: TestServer = await startServer({ WEB_WORKERS: "2" }, database);
  const serverExited = new Promise((resolve) => server.process.once("exit", resolve));
  const children = childPids(server.output());
  // "all": every process dies at once; "collab"/"web": only that process, which the supervisor restarts.
  let childGone: () => void = () => {};
  const exited = target === "all" ? serverExited : new Promise<void>((resolve) => (childGone = resolve));
  for (const user of [...WRITER_USERS, RECONNECTER_USER]) if (!cookies.has(user)) cookies.set(user, await loginCookie(server.url, user));
  const mirror = new DiskMirror(database.file);
  const acks = new Acknowledgements(mirror);
  const written: Written[] = [];
  let kill = "";
  let killed = false;
  const killNow = (how: string) => {
    if (killed) return;
    killed = true;
    if (target === "all") {
      for (const pid of [children.collab, ...Object.entries(children).filter(([k]) => k !== "collab").map(([, pid]) => pid), server.process.pid!]) {
        if (isAlive(pid)) process.kill(pid, "SIGKILL");
      }
    } else {
      process.kill(target === "collab" ? children.collab : children["web#0"], "SIGKILL");
      childGone();
    }
    kill = `${target === "collab" ? "collab process only, " : target === "web" ? "web worker 0 only, " : ""}${how}`;
  };
  const writers = Array.from({ length: CLIENTS }, (_, i) => {
    const cookie = cookies.get(WRITER_USERS[i % WRITER_USERS.length])!;
    const client = connectClient(server.url, DOCUMENT_ID, { Cookie: cookie, Origin: server.url });
    watchSaved(client, (sv) => acks.receive(sv));
    return client;
  });
  await Promise.all(writers.map((c) => c.until(() => c.provider.synced, "synced", 15_000)));
  const stops = writers.map((c, i) => startWriting(c, `${run}:${i}`, WRITE_INTERVAL_MS[mode], written));
  let armed = false;
  let armedAt = 0;
  const reconnecter = startReconnecter(server.url, cookies.get(RECONNECTER_USER)!, `${run}:r`, written, (sv, afterEmptyStep2) => {
    acks.receive(sv);
    // Kill at once: if this acknowledgement was ahead of the commit in flight, the covered edits die with it.
    if (armed && mode === "reconnect" && afterEmptyStep2) killNow(`on a saved message to a reconnected client whose sync step 2 was empty, ${(performance.now() - armedAt).toFixed(0)} ms after arming`);
  });

  const warmUp = 150 + Math.random() * 750;
  await sleep(warmUp);
  if (mode === "random") killNow(`at random, after ${warmUp.toFixed(0)} ms of writing`);
  else if (mode === "commit") {
    // The next commit starts at most one group-commit wait after a saved message and is in flight
    // for the rest of the cycle: a random point of the cycle after an acknowledgement.
    const cycle = acks.cycleMs();
    const offset = Math.random() * Math.min(cycle, COMMIT_WAIT_MAX_MS);
    // Bounded: a server too busy to acknowledge must not stall the whole check (it still gets killed,
    // and the same assertions run on what it had confirmed).
    const acked = await Promise.race([acks.next().then(() => true), exited.then(() => false), sleep(COMMIT_WAIT_MAX_MS).then(() => false)]);
    if (acked) await sleep(offset);
    killNow(acked
      ? `${(performance.now() - acks.lastAt).toFixed(1)} ms after a saved message (commit cycle ${cycle.toFixed(1)} ms)`
      : `fallback: no saved message within ${COMMIT_WAIT_MAX_MS} ms`);
  } else {
    armed = true;
    armedAt = performance.now();
    await Promise.race([exited, sleep(2000)]);
    killNow("fallback: no empty sync step 2 was acknowledged within 2 s");
  }
  await exited;
  let collabUnaffected = true;
  let webDetail = "";
  if (target === "web") {
    // The collaboration process owns the sockets: no writer may lose its socket. Waiting for the next
    // saved message gives a lost socket time to show; the message itself is only reported, because late
    // in the 50 runs the paper is tens of thousands of paragraphs long and any server may take longer
    // than this to confirm (the "all" and "collab" runs show the same).
    const acked = await Promise.race([acks.next().then(() => true), sleep(COMMIT_WAIT_MAX_MS).then(() => false)]);
    collabUnaffected = writers.every((c) => c.provider.wsconnected);
    webDetail = `; after the kill: ${acked ? "saved messages kept coming" : `no saved message within ${COMMIT_WAIT_MAX_MS} ms`}, ${collabUnaffected ? "every writer kept its socket" : "A WRITER LOST ITS SOCKET"}`;
  }
  // Freeze what the clients know, and make sure they can't resend anything.
  stops.forEach((stop) => stop());
  const rs = reconnecter.stats();
  reconnecter.stop();
  writers.forEach((c) => c.destroy());
  mirror.close();
  let pagesServed = true;
  if (target !== "all") {
    // Pages are answered while the killed process restarts; then the whole server stops.
    pagesServed = (await pageStatus(server.url)) === 200;
    await server.stop();
  }
  await serverExited;
  if (target === "all") {
    // Killed children are reaped by init shortly after their parent died with them.
    const deadline = Date.now() + 5000;
    while (Object.values(children).some(isAlive) && Date.now() < deadline) await sleep(20);
    for (const pid of Object.values(children)) if (isAlive(pid)) throw new Error(`pid ${pid} survived the kill`);
  }

  const after = new DiskMirror(database.file);
  try {
    if (after.hasPending()) throw new Error("the stored document has pending structs (updates with missing dependencies)");
    const stored = after.paragraphs();
    const confirmed = written.filter((w) => acks.covers(w));
    const lost = confirmed.filter((w) => !stored.has(w.text));
    const unconfirmedLost = written.filter((w) => !stored.has(w.text)).length - lost.length;
    const result: CrashRun = {
      run, mode, target, written: written.length, confirmed: confirmed.length, confirmedLost: lost.length, unconfirmedLost, earlyAcks: acks.earlyAcks, kill, pagesServed, collabUnaffected,
    };
    log(
      `run ${String(run).padStart(2)} [${mode.padEnd(9)}]: ${written.length} written, ${confirmed.length} confirmed, ${lost.length} confirmed lost, ` +
        `${unconfirmedLost} unconfirmed lost, ${acks.earlyAcks} early acks; ${rs.connections} reconnects (${rs.emptyStep2s} empty step 2); killed ${kill}${webDetail}` +
        (pagesServed ? "" : "\n  PAGES NOT SERVED right after the kill") +
        (collabUnaffected ? "" : "\n  COLLABORATION DISTURBED: a writer lost its socket when a web worker died") +
        (lost.length ? `\n  lost: ${lost.slice(0, 5).map((w) => w.text).join(", ")}` : "") +
        (acks.early.length ? `\n  early: ${acks.early.join("; ")}` : ""),
    );
    return result;
  } finally {
    after.close();
  }
}

export async function runCrashTest(runs: number, log: (line: string) => void = console.log): Promise<CrashResult> {
  const database = prepareDatabase("crash", [{ id: DOCUMENT_ID, title: "Absturztest" }]);
  const result: CrashResult = { runs, confirmed: 0, confirmedLost: 0, unconfirmedLost: 0, written: 0, loadFailures: 0, earlyAcks: 0, pagesNotServed: 0, collabDisturbed: 0, details: [] };
  const cookies = new Map<string, string>();
  try {
    for (let run = 1; run <= runs; run++) {
      const mode = MODES[(run - 1) % MODES.length];
      // Shifted by one each round of the three modes: 9 runs in a row pair every mode with every target.
      const target = TARGETS[(run - 1 + Math.floor((run - 1) / MODES.length)) % TARGETS.length];
      let r: CrashRun;
      try {
        r = await oneRun(run, mode, target, database, cookies, log);
      } catch (error) {
        result.loadFailures++;
        log(`run ${run}: stored document failed to load or check: ${String(error)}`);
        continue;
      }
      result.details.push(r);
      result.confirmed += r.confirmed;
      result.written += r.written;
      result.confirmedLost += r.confirmedLost;
      result.unconfirmedLost += r.unconfirmedLost;
      result.earlyAcks += r.earlyAcks;
      if (!r.pagesServed) result.pagesNotServed++;
      if (!r.collabUnaffected) result.collabDisturbed++;
    }
  } finally {
    database.remove();
  }
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith("collab-crash-test.ts")) {
  const runs = Number(process.argv[2] ?? 50);
  runCrashTest(runs).then(
    (r) => {
      console.log(
        `\n${r.runs} SIGKILL runs (${r.details.filter((d) => d.target === "collab").length} of the collaboration process alone, ${r.details.filter((d) => d.target === "web").length} of web worker 0 alone), ${r.written} paragraphs written, ${r.confirmed} confirmed as durable: ` +
          `${r.confirmedLost} confirmed paragraphs lost, ${r.unconfirmedLost} unconfirmed lost (allowed), ` +
          `${r.earlyAcks} saved messages ahead of the disk, ${r.loadFailures} load failures, ${r.pagesNotServed} runs without pages during the restart, ` +
          `${r.collabDisturbed} web worker kills that disturbed collaboration.`,
      );
      process.exit(r.confirmedLost === 0 && r.earlyAcks === 0 && r.loadFailures === 0 && r.pagesNotServed === 0 && r.collabDisturbed === 0 && r.confirmed > 0 ? 0 : 1);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
