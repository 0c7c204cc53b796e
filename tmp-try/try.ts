import { startServer } from "../tests/support/server.ts";
import { loginCookie } from "../tests/support/http.ts";
const s = await startServer({ WEB_WORKERS: "2" });
console.log("URL", s.url);
const r = await fetch(s.url + "/healthz"); console.log(r.status, await r.text());
console.log(s.output());
await s.stop();
console.log("stopped", s.process.exitCode, s.output().slice(-500));
