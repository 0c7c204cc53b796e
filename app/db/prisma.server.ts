// One Prisma client per process, shared by the Remix build and the Node server through globalThis
// (both bundle this module). better-sqlite3 gives the adapter a single connection, so the PRAGMAs
// below, applied once before the server listens, hold for every query.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.ts";
import { getEnv } from "../infra/env.server.ts";

import { SQLITE_PRAGMAS } from "./sqlite.server.ts";
export { SQLITE_PRAGMAS };

type Instance = { client: PrismaClient; ready: Promise<void> };
const globalForDb = globalThis as unknown as { __laenderforumDb?: Instance };

function connect(): Instance {
  const url = `file:${getEnv().databaseFile}`;
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: SQLITE_PRAGMAS.busy_timeout }) });
  const ready = (async () => {
    await client.$queryRawUnsafe(`PRAGMA journal_mode = WAL`);
    await client.$executeRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_PRAGMAS.busy_timeout}`);
    await client.$executeRawUnsafe(`PRAGMA foreign_keys = ON`);
    await client.$executeRawUnsafe(`PRAGMA synchronous = FULL`);
  })();
  return { client, ready };
}

const instance = (globalForDb.__laenderforumDb ??= connect());

export const db = instance.client;
/** Await before serving or running a script, so the PRAGMAs are in place. */
export const dbReady = instance.ready;

export async function disconnectDb() {
  globalForDb.__laenderforumDb = undefined;
  await db.$disconnect();
}
