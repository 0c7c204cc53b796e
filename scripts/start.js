// `npm start`: build when the sources are newer than the build, apply migrations, seed an empty
// database, then run the server in production mode. `npm run dev` (--dev): migrate and seed the
// same way, then run the server with Vite's hot reload and restart it when server code changes.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const builtFile = path.join(root, "build/server/index.js");

function newestMtime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  if (path.basename(entry) === "generated") return 0;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const dev = process.argv.includes("--dev");
const sources = ["app", "remix.config.js", "vite.config.ts"].map((p) => path.join(root, p));
// Dev mode serves through Vite and never needs the build; production builds when it is missing or stale.
const needsBuild = !dev && (!fs.existsSync(builtFile) || Math.max(...sources.map(newestMtime)) > fs.statSync(builtFile).mtimeMs);
if (needsBuild) {
  console.log("Baue die Anwendung …");
  run("npm", ["run", "build"]);
}
run("npx", ["prisma", "migrate", "deploy"]);
run("npx", ["tsx", "prisma/seed.ts"]);

const server = dev
  ? spawn("npx", ["tsx", "watch", "--clear-screen=false", "--ignore", "./build", "--ignore", "./app/**", "server/index.ts"], {
      cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "development" },
    })
  : spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
