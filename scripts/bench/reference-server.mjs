// The upstream reference server (@y/websocket-server@0.1.1, in memory, no auth), started the way
// its own src/server.js does, on a free port. Used only as the benchmark baseline.
// BENCH_LOOP_DELAY=1 logs the longest event-loop delay of each second to stderr, in the same line
// format our server uses for `bench:collab`'s adversarial scenarios.
import http from "node:http";
import { WebSocketServer } from "ws";
import { setupWSConnection } from "@y/websocket-server/utils";
import { reportLoopDelayForBench } from "./loop-delay.mjs";

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => res.writeHead(200).end("okay"));
wss.on("connection", setupWSConnection);
server.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req)));
server.listen(0, "127.0.0.1", () => console.log(`läuft auf http://localhost:${server.address().port}`));

reportLoopDelayForBench();
