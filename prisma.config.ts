// Prisma 6.19 with the JavaScript schema engine: migrations run as WebAssembly, so nothing is
// downloaded at install time (see docs/decisions/001-sqlite-and-prisma-js-engine.md).
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaConfig } from "prisma";
import { resolveDatabaseFile } from "./server/database-path.js";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
  async adapter() {
    const file = resolveDatabaseFile(process.env.DATABASE_URL);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: `file:${file}` });
  },
} satisfies PrismaConfig;
