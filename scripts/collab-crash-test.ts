// Crash safety of durable acknowledgement: 10 clients write into one document while the real
// server is killed with SIGKILL at a random moment; then the database file is read directly and
// every update the server had confirmed (MESSAGE_SAVED) must be in it. Repeated `runs` times on the
// same database, so each run also proves that the previous crash left a loadable document.
//
//   npx tsx scripts/collab-crash-test.ts [runs=50]      (needs `npm run build` first)
import path from "node:path";
import * as Y from "yjs";
import { CollabStore } from "../server/collab/persistence.ts";
import { connectClient, type CollabClient } from "../tests/support/collab.ts";
import { loginCookie } from "../tests/support/http.ts";
import { DEMO } from "../tests/support/paths.ts";
import { startServer } from "../tests/support/server.ts";
import { prepareDatabase } from "./bench/setup.ts";

const CLIENTS = 10;
const WRITE_INTERVAL_MS = 10; // per client: 100 updates/s, 1,000/s in total
const DOCUMENT_ID = "crashtest";

export type CrashResult = { runs: number; confirmed: number; confirmedLost: number; unconfirmedLost: number; written: number; loadFailures: number };

/** One writer: appends "<run>:<client>:<n>" items and remembers the clock after each. */
function startWriting(client: CollabClient, label: string) {
  const items: Array<{ item: string; clock: number }> = [];
  const list = client.doc.getArray<string>("crash");
  let n = 0;
  const timer = setInterval(() => {
    if (!client.provider.wsconnected || !client.provider.synced) return;
    const item = `${label}:${n++}`;
    list.push([item]);
    items.push({ item, clock: Y.getState(client.doc.store, client.doc.clientID) });
  }, WRITE_INTERVAL_MS);
  return {
    stop: () => clearInterval(timer),
    /** Items the server confirmed as durable (its saved state vector covers their clock). */
    confirmed: () => {
      const savedClock = client.saved().get(client.doc.clientID) ?? 0;
      return items.filter((i) => i.clock <= savedClock).map((i) => i.item);
    },
    all: () => items.map((i) => i.item),
  };
}

export async function runCrashTest(runs: number, log: (line: string) => void = console.log): Promise<CrashResult> {
  const database = prepareDatabase("crash", [{ id: DOCUMENT_ID, title: "Absturztest" }]);
  const result: CrashResult = { runs, confirmed: 0, confirmedLost: 0, unconfirmedLost: 0, written: 0, loadFailures: 0 };
  try {
    for (let run = 1; run <= runs; run++) {
      const server = await startServer({}, database);
      const cookies = await Promise.all(Array.from({ length: CLIENTS }, () => loginCookie(server.url, DEMO.by)));
      const clients = cookies.map((cookie) => connectClient(server.url, DOCUMENT_ID, { Cookie: cookie, Origin: server.url }));
      await Promise.all(clients.map((c) => c.until(() => c.provider.synced, "synced", 15_000)));
      const writers = clients.map((c, i) => startWriting(c, `${run}:${i}`));
      // Kill at a random moment between 150 and 900 ms of writing.
      const exited = new Promise((resolve) => server.process.once("exit", resolve));
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 750));
      server.process.kill("SIGKILL");
      await exited;
      // Freeze what the clients know, and make sure they can't resend anything.
      writers.forEach((w) => w.stop());
      const confirmed = writers.flatMap((w) => w.confirmed());
      const written = writers.flatMap((w) => w.all());
      clients.forEach((c) => c.destroy());

      let stored: Set<string>;
      const store = new CollabStore(database.file);
      try {
        const loaded = store.load(DOCUMENT_ID)!;
        stored = new Set(loaded.doc.getArray<string>("crash").toArray());
        loaded.doc.destroy();
      } catch (error) {
        result.loadFailures++;
        log(`run ${run}: stored document failed to load: ${String(error)}`);
        stored = new Set();
      } finally {
        store.close();
      }
      const lost = confirmed.filter((i) => !stored.has(i));
      const unconfirmedLost = written.filter((i) => !stored.has(i)).length - lost.length;
      result.confirmed += confirmed.length;
      result.written += written.length;
      result.confirmedLost += lost.length;
      result.unconfirmedLost += unconfirmedLost;
      log(`run ${String(run).padStart(2)}: ${written.length} written, ${confirmed.length} confirmed, ${lost.length} confirmed lost, ${unconfirmedLost} unconfirmed lost`);
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
        `\n${r.runs} SIGKILL runs, ${r.written} updates written, ${r.confirmed} confirmed as durable: ` +
          `${r.confirmedLost} confirmed updates lost, ${r.unconfirmedLost} unconfirmed lost (allowed), ${r.loadFailures} load failures.`,
      );
      process.exit(r.confirmedLost === 0 && r.loadFailures === 0 && r.confirmed > 0 ? 0 : 1);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
