import http from "node:http";
import { WebSocket } from "ws";
import { startServer } from "../tests/support/server.ts";
import { loginCookie } from "../tests/support/http.ts";
const s = await startServer({ WEB_WORKERS: "2" });
const cookie = await loginCookie(s.url, "by@laenderforum.example");
const pid = Number(/collab pid=(\d+)/.exec(s.output())![1]);
const t0 = Date.now();
const log = (...a: unknown[]) => console.log(Date.now() - t0, ...a);
function freshGet(path: string) {
  return new Promise<number>((resolve, reject) => {
    http.get(`${s.url}${path}`, { agent: false, headers: { Cookie: cookie } }, (res) => { res.resume(); res.on("end", () => resolve(res.statusCode ?? 0)); }).on("error", reject);
  });
}
function upgrade() {
  return new Promise<number>((resolve) => {
    const ws = new WebSocket(`${s.url.replace("http", "ws")}/collab/x`, { headers: { Cookie: cookie, Origin: s.url } });
    ws.on("open", () => (ws.terminate(), resolve(101)));
    ws.on("unexpected-response", (_req, res) => (ws.terminate(), resolve(res.statusCode ?? 0)));
    ws.on("error", () => resolve(0));
  });
}
process.kill(pid, "SIGKILL");
log("killed");
setTimeout(() => console.log(s.output().slice(-1500)), 3000).unref();
log("upgrade", await upgrade());
for (let i = 0; i < 3; i++) log("docs", await freshGet("/documents"));
await new Promise((r) => setTimeout(r, 1500));
setTimeout(() => console.log(s.output().slice(-1500)), 3000).unref();
log("upgrade", await upgrade());
log(s.output().split("\n").filter((l) => l.includes("DEBUG") || l.includes("supervisor")).join("\n"));
const st = s.stop(); console.log("stop at", Date.now()); await st; console.log(s.output().split("\n").filter((l) => l.includes("DEBUG") || l.includes("supervisor")).join("\n"));
log("stopped");
