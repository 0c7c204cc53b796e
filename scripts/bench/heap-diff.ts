// `tsx scripts/bench/heap-diff.ts [connections]`: what our collaboration server retains per idle
// connection, by object kind. Starts the real server with the inspector, takes a heap snapshot after
// forced GC before and after opening idle, synced connections, and prints the largest differences
// of self size per constructor/closure name, divided by the number of connections. A tool for
// docs/COLLABORATION.md "Performance"; the benchmark's figure is bench:collab's retained heap.
import { spawn } from "node:child_process";
import { WebSocket } from "ws";
import { loginCookie } from "../../tests/support/http.ts";
import { DEMO, ROOT, TEST_SESSION_SECRET } from "../../tests/support/paths.ts";
import { prepareDatabase } from "./setup.ts";

const N = Number(process.argv[2] ?? 300);
/** `reference` as the second argument: the same for scripts/bench/reference-server.mjs, for comparison. */
const REFERENCE = process.argv[3] === "reference";
const database = prepareDatabase("heapdiff", [{ id: "heap-doc", space: "mint-regionen" }]);
const child = spawn(process.execPath, ["--inspect=127.0.0.1:0", ...(REFERENCE ? ["scripts/bench/reference-server.mjs"] : ["--import", "tsx", "server/index.ts"])], {
  cwd: ROOT, stdio: ["ignore", "pipe", "pipe"],
  // One process (WEB_WORKERS=0): the inspector then sits in the process that holds the sockets; the
  // per-connection objects are the same as in the collaboration process behind a supervisor.
  env: { ...process.env, NODE_ENV: "production", PORT: "0", WEB_WORKERS: "0", DATABASE_URL: database.url, SESSION_SECRET: TEST_SESSION_SECRET, COLLAB_MAX_CONNECTIONS_PER_USER: "5000", COLLAB_MAX_CONNECTIONS_PER_ADDRESS: "5000" },
});
let out = "";
const ready = new Promise<{ url: string; inspector: string }>((resolve) => {
  const on = (c: Buffer) => {
    out += c.toString();
    const url = /läuft auf (http:\/\/localhost:\d+)/.exec(out)?.[1];
    const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(out)?.[1];
    if (url && inspector) resolve({ url: url.replace("localhost", "127.0.0.1"), inspector });
  };
  child.stdout.on("data", on);
  child.stderr.on("data", on);
});

type Snapshot = { snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } }; nodes: number[]; edges: number[]; strings: string[] };

/** `--owners=KIND`: also prints who holds the new nodes of that kind (e.g. "array:(object properties)"). */
const OWNERS = process.argv.find((a) => a.startsWith("--owners="))?.slice(9);

const seenIds = new Set<number>();

async function main() {
  const { url, inspector } = await ready;
  const session = new WebSocket(inspector);
  await new Promise((r) => session.once("open", r));
  let id = 0;
  let chunks: string[] = [];
  const waiting = new Map<number, () => void>();
  session.on("message", (d: Buffer) => {
    const m = JSON.parse(d.toString());
    if (m.method === "HeapProfiler.addHeapSnapshotChunk") chunks.push(m.params.chunk);
    if (m.id) waiting.get(m.id)?.();
  });
  const call = (method: string, params = {}) => new Promise<void>((r) => { waiting.set(++id, r); session.send(JSON.stringify({ id, method, params })); });
  const snapshot = async () => {
    for (let i = 0; i < 4; i++) await call("HeapProfiler.collectGarbage");
    chunks = [];
    await call("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    const s = JSON.parse(chunks.join("")) as Snapshot;
    const fields = s.snapshot.meta.node_fields;
    const types = s.snapshot.meta.node_types[0];
    const [ti, ni, si, ii, ei] = ["type", "name", "self_size", "id", "edge_count"].map((f) => fields.indexOf(f));
    const sizes = new Map<string, { size: number; count: number }>();
    const keyOf = (i: number) => `${types[s.nodes[i + ti]]}:${s.strings[s.nodes[i + ni]].slice(0, 60)}`;
    for (let i = 0; i < s.nodes.length; i += fields.length) {
      const key = keyOf(i);
      const e = sizes.get(key) ?? { size: 0, count: 0 };
      e.size += s.nodes[i + si];
      e.count++;
      sizes.set(key, e);
    }
    const owners = new Map<string, number>();
    const ids = new Set<number>();
    if (OWNERS) {
      const ef = s.snapshot.meta.edge_fields.length;
      const toIndex = s.snapshot.meta.edge_fields.indexOf("to_node");
      const nameIndex = s.snapshot.meta.edge_fields.indexOf("name_or_index");
      const typeIndex = s.snapshot.meta.edge_fields.indexOf("type");
      const edgeTypes = s.snapshot.meta.edge_types[0];
      // Reverse edges: node index -> [owner index, edge name].
      const parent = new Map<number, Array<[number, string]>>();
      let edge = 0;
      for (let i = 0; i < s.nodes.length; i += fields.length) {
        ids.add(s.nodes[i + ii]);
        for (let k = 0; k < s.nodes[i + ei]; k++, edge += ef) {
          const to = s.edges[edge + toIndex];
          const t = edgeTypes[s.edges[edge + typeIndex]];
          if (t === "weak") continue;
          const name = t === "element" || t === "hidden" ? String(s.edges[edge + nameIndex]) : s.strings[s.edges[edge + nameIndex]];
          const list = parent.get(to) ?? [];
          list.push([i, name]);
          parent.set(to, list);
        }
      }
      const chain = (i: number, depth: number): string => {
        const p = parent.get(i)?.[0];
        if (!p || depth === 0) return keyOf(i);
        return `${keyOf(i)} <-${p[1]}- ${chain(p[0], depth - 1)}`;
      };
      for (let i = 0; i < s.nodes.length; i += fields.length) {
        if (keyOf(i) !== OWNERS || seenIds.has(s.nodes[i + ii])) continue;
        const c = `${chain(i, 4)} (${s.nodes[i + si]} B)`;
        owners.set(c, (owners.get(c) ?? 0) + 1);
      }
      for (const id of ids) seenIds.add(id);
    }
    return { sizes, owners };
  };
  const emails = Object.values(DEMO);
  const headers = REFERENCE ? [{}] : await Promise.all(emails.map(async (e) => ({ Cookie: await loginCookie(url, e), Origin: url })));
  const open = () => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`${url.replace("http", "ws")}${REFERENCE ? "" : "/collab"}/heap-doc`, { headers: headers[id++ % headers.length], perMessageDeflate: false });
    ws.on("message", (d: Buffer) => d[0] === 0 && d[1] === 1 && resolve(ws));
    ws.on("open", () => ws.send(new Uint8Array([0, 0, 1, 0])));
    ws.on("error", reject);
  });
  const warm = [];
  for (let i = 0; i < 100; i++) warm.push(await open());
  warm.forEach((w) => w.close());
  await new Promise((r) => setTimeout(r, 500));
  const before = (await snapshot()).sizes;
  const idle = [];
  for (let i = 0; i < N; i++) idle.push(await open());
  await new Promise((r) => setTimeout(r, 1000));
  const { sizes: after, owners } = await snapshot();
  if (OWNERS) for (const [k, n] of [...owners].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`owner of new ${OWNERS}: ${(n / N).toFixed(2)}× ${k}`);
  const diff = [...after].map(([k, v]) => ({ k, bytes: (v.size - (before.get(k)?.size ?? 0)) / N, count: (v.count - (before.get(k)?.count ?? 0)) / N }))
    .filter((d) => Math.abs(d.bytes) >= 4).sort((a, b) => b.bytes - a.bytes);
  let total = 0;
  for (const d of diff) total += d.bytes;
  for (const d of diff.slice(0, 40)) console.log(`${d.bytes.toFixed(0).padStart(6)} B  ${d.count.toFixed(2).padStart(6)}×  ${d.k}`);
  console.log(`total (rows ≥ 4 B): ${(total / 1024).toFixed(2)} KiB per connection`);
  idle.forEach((w) => w.close());
  session.close();
  child.kill("SIGTERM");
  database.remove();
}
void main().catch((e) => { console.error(e); child.kill("SIGKILL"); process.exit(1); });
