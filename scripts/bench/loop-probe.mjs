// A worker thread of `bench:collab` that estimates a server's longest event-loop stall from
// outside: it keeps one WebSocket ping in flight every few ms and records the longest round trip
// (ws answers pings in the server's event loop, so a blocked loop delays the pong). It runs in its
// own thread so that the attacker's work in the bench's main thread does not inflate the figure.
// Plain JavaScript: it starts the same under node and tsx. Protocol: "take" → longest RTT in ms
// since the previous "take" (a ping still unanswered counts with its age), then reset.
import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { WebSocket } from "ws";

const { url, headers, intervalMs = 5 } = workerData;
const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
const ws = new WebSocket(url, { headers, perMessageDeflate: false });
let max = 0;
/** @type {number | null} */
let outstanding = null;
let closed = "";

ws.on("open", () => {
  setInterval(() => {
    if (outstanding !== null || ws.readyState !== WebSocket.OPEN) return;
    outstanding = performance.now();
    ws.ping();
  }, intervalMs);
  port.postMessage({ ready: true });
});
ws.on("pong", () => {
  if (outstanding === null) return;
  max = Math.max(max, performance.now() - outstanding);
  outstanding = null;
});
ws.on("message", () => {});
ws.on("error", (error) => {
  closed ||= `error: ${error.message}`;
  port.postMessage({ ready: false, closed });
});
ws.on("close", (code) => {
  closed ||= `closed ${code}`;
});

port.on("message", (message) => {
  if (message !== "take") return;
  const waiting = outstanding === null ? 0 : performance.now() - outstanding;
  port.postMessage({ maxMs: Math.max(max, waiting), closed });
  max = 0;
});
