// One real server with the seeded MINT position paper for an HTTP + WebSocket test file: a read-only
// look at its database, every demo person signed in (plus an outsider, "westpfalz"), and Yjs clients
// on the paper that are closed after the file.
import Database from "better-sqlite3";
import { afterAll, beforeAll } from "vitest";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";
import { connectClient, type CollabClient } from "./collab.ts";
import { loginCookie } from "./http.ts";
import { DEMO } from "./paths.ts";
import { startServer, type TestServer } from "./server.ts";

export type PaperSuite = {
  server: TestServer;
  sqlite: Database.Database;
  paperId: string;
  /** Session cookies by DEMO key, and "westpfalz" (a member of no Gremium of the paper). */
  cookies: Record<string, string>;
  /** A Yjs client on the paper as `who`, synced. */
  client(who: string): Promise<CollabClient>;
};

export function mintPaperSuite(): PaperSuite {
  const clients: CollabClient[] = [];
  const suite = {
    cookies: {},
    async client(who: string) {
      const c = connectClient(suite.server.url, suite.paperId, { Cookie: suite.cookies[who], Origin: suite.server.url });
      clients.push(c);
      await c.until(() => c.provider.synced, `${who} synced`);
      return c;
    },
  } as PaperSuite;
  beforeAll(async () => {
    suite.server = await startServer();
    suite.sqlite = new Database(suite.server.dbFile, { readonly: true });
    suite.paperId = (suite.sqlite.prepare(`SELECT id FROM "Document" WHERE title = ?`).get(MINT_PAPER_TITLE) as { id: string }).id;
    for (const [key, email] of Object.entries({ ...DEMO, westpfalz: "westpfalz@laenderforum.example" })) suite.cookies[key] = await loginCookie(suite.server.url, email);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    suite.sqlite?.close();
    await suite.server?.stop();
  });
  return suite;
}
