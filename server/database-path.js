// Shared by prisma.config.ts, the app and the scripts, so all of them open the same SQLite file.
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/laenderforum.db";

/** @param {string | undefined} url a `file:` URL, relative to the working directory */
export function resolveDatabaseFile(url = DEFAULT_DATABASE_URL) {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL must be a file: URL for SQLite, got "${url}"`);
  return path.resolve(url.slice("file:".length));
}
