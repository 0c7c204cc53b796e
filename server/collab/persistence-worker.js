// The collaboration server's writer thread. It owns the only SQLite connection that writes the
// update log, so an fsync (synchronous=FULL) never stalls the event loop that relays edits.
// Messages are handled strictly in order: an append is on disk before any later compaction runs.
// Plain JavaScript so that it starts the same under node, tsx and vitest. See persistence.ts.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { analyse, scopeTokens } from "../../app/domain/search-text.js";

const db = new Database(workerData.file, { timeout: workerData.busyTimeout });
// The same PRAGMAs as every other connection, handed over by persistence.ts from sqlite.server.ts.
for (const pragma of /** @type {string[]} */ (workerData.pragmas)) db.pragma(pragma);

const stmts = {
  append: db.prepare(`INSERT INTO "DocumentUpdate" (documentId, data, createdAt) VALUES (?, ?, ?)`),
  touch: db.prepare(`UPDATE "Document" SET updatedAt = ? WHERE id = ?`),
  writeSnapshot: db.prepare(`UPDATE "Document" SET snapshot = ?, snapshotSeq = ? WHERE id = ?`),
  dropLog: db.prepare(`DELETE FROM "DocumentUpdate" WHERE documentId = ? AND seq <= ?`),
  derived: db.prepare(`UPDATE "Document" SET contentJson = ?, contentText = ? WHERE id = ?`),
  paper: db.prepare(`SELECT title, spaceId FROM "Document" WHERE id = ?`),
  paperEntry: db.prepare(
    `INSERT INTO "SearchEntry" (key, type, documentId, threadId, spaceId, kind) VALUES (?, 'paper', ?, '', ?, '')
     ON CONFLICT (key) DO UPDATE SET spaceId = excluded.spaceId RETURNING rowid`,
  ),
  ftsDelete: db.prepare(`DELETE FROM "SearchFts" WHERE rowid = ?`),
  ftsInsert: db.prepare(`INSERT INTO "SearchFts" (rowid, title, body, extra, scope) VALUES (?, ?, ?, '', ?)`),
};

const sqliteDate = () => new Date().toISOString().replace("Z", "+00:00");
/** @param {Uint8Array} bytes */
const buffer = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** One document's part of a group commit; a savepoint inside the group's transaction. */
const appendDocument = db.transaction((/** @type {string} */ documentId, /** @type {Uint8Array[]} */ updates, /** @type {string} */ now) => {
  let seq = 0;
  for (const update of updates) seq = Number(stmts.append.run(documentId, buffer(update), now).lastInsertRowid);
  stmts.touch.run(now, documentId);
  return seq;
});

/**
 * One group commit: [[documentId, Uint8Array[]], …] → [[documentId, last seq | {error}], …]. Every
 * document is its own savepoint, so a failing row rolls back only its document; the others commit
 * together with one fsync.
 */
const append = db.transaction((/** @type {Array<[string, Uint8Array[]]>} */ batch) => {
  const now = sqliteDate();
  const results = [];
  for (const [documentId, updates] of batch) {
    try {
      results.push([documentId, appendDocument(documentId, updates, now)]);
    } catch (error) {
      results.push([documentId, { error: error instanceof Error ? error.message : String(error) }]);
    }
  }
  return results;
});

/** Snapshot plus dropping the rows it contains, in one transaction. */
const compact = db.transaction((/** @type {string} */ documentId, /** @type {Uint8Array} */ state, /** @type {number} */ uptoSeq) => {
  stmts.writeSnapshot.run(buffer(state), uptoSeq, documentId);
  return stmts.dropLog.run(documentId, uptoSeq).changes;
});

/**
 * The derived text and the paper's search row in one transaction, here on the writer thread: the
 * index follows the live paper at the derive debounce and adds no work to the event loop that relays
 * edits. Same row shape as indexPaper in app/models/search.server.ts (docs/decisions/018).
 */
const derived = db.transaction((/** @type {string} */ documentId, /** @type {string} */ json, /** @type {string} */ text) => {
  const changes = stmts.derived.run(json, text, documentId).changes;
  const paper = /** @type {{ title: string; spaceId: string } | undefined} */ (stmts.paper.get(documentId));
  if (paper) {
    const { rowid } = /** @type {{ rowid: number }} */ (stmts.paperEntry.get(`paper:${documentId}`, documentId, paper.spaceId));
    stmts.ftsDelete.run(rowid);
    stmts.ftsInsert.run(rowid, analyse(paper.title), analyse(text), scopeTokens({ spaceId: paper.spaceId, type: "paper", documentId }));
  }
  return changes;
});

/** @type {Record<string, (payload: any) => unknown>} */
const ops = {
  append: ({ batch }) => append.immediate(batch),
  compact: ({ documentId, state, uptoSeq }) => compact.immediate(documentId, state, uptoSeq),
  derived: ({ documentId, json, text }) => derived.immediate(documentId, json, text),
  close: () => {
    db.close();
    return true;
  },
};

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
port.on("message", ({ id, op, ...payload }) => {
  try {
    port.postMessage({ id, ok: true, result: ops[op](payload) });
  } catch (error) {
    port.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
