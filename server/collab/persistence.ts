// The durable side of the collaboration server: an append-only update log per document in SQLite,
// written in group commits, folded into a snapshot by compaction. Its own better-sqlite3 connection
// makes every commit synchronous: while a commit runs, no other update can be applied in memory, so
// "what is in the Y.Doc" equals "what is on disk" right after it (docs/decisions/006).
import Database from "better-sqlite3";
import * as Y from "yjs";
import { SQLITE_PRAGMAS } from "../../app/utils/db.server.ts";

export type StoredDocument = {
  id: string;
  spaceId: string;
  title: string;
  status: string;
  /** Bytes of the snapshot plus every log row: what MAX_DOCUMENT_BYTES limits. */
  storedBytes: number;
  /** Rows in the log after the snapshot. */
  logRows: number;
  /** The highest seq contained in `doc` (snapshotSeq when the log is empty). */
  lastSeq: number;
  doc: Y.Doc;
};

export class DocumentLoadError extends Error {
  constructor(readonly documentId: string, cause: unknown) {
    super(`Document ${documentId} could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Prisma stores DateTime in SQLite as this text form; keep writing it the same way. */
export function sqliteDate(date = new Date()) {
  return date.toISOString().replace("Z", "+00:00");
}

export class CollabStore {
  readonly sqlite: Database.Database;
  private readonly stmts;

  constructor(file: string) {
    this.sqlite = new Database(file, { timeout: SQLITE_PRAGMAS.busy_timeout });
    this.sqlite.pragma("journal_mode = WAL");
    this.sqlite.pragma(`busy_timeout = ${SQLITE_PRAGMAS.busy_timeout}`);
    this.sqlite.pragma("foreign_keys = ON");
    this.sqlite.pragma("synchronous = FULL");
    const s = this.sqlite;
    this.stmts = {
      document: s.prepare<[string], { id: string; spaceId: string; title: string; status: string; snapshot: Buffer | null; snapshotSeq: number }>(
        `SELECT id, spaceId, title, status, snapshot, snapshotSeq FROM "Document" WHERE id = ?`,
      ),
      log: s.prepare<[string, number], { seq: number; data: Buffer }>(
        `SELECT seq, data FROM "DocumentUpdate" WHERE documentId = ? AND seq > ? ORDER BY seq`,
      ),
      append: s.prepare<[string, Buffer, string]>(`INSERT INTO "DocumentUpdate" (documentId, data, createdAt) VALUES (?, ?, ?)`),
      touch: s.prepare<[string, string]>(`UPDATE "Document" SET updatedAt = ? WHERE id = ?`),
      writeSnapshot: s.prepare<[Buffer, number, string]>(`UPDATE "Document" SET snapshot = ?, snapshotSeq = ? WHERE id = ?`),
      dropLog: s.prepare<[string, number]>(`DELETE FROM "DocumentUpdate" WHERE documentId = ? AND seq <= ?`),
      derived: s.prepare<[string, string, string]>(`UPDATE "Document" SET contentJson = ?, contentText = ? WHERE id = ?`),
    };
  }

  /** Document metadata only (title, status, space); null when it does not exist. */
  meta(documentId: string) {
    const row = this.stmts.document.get(documentId);
    return row ? { id: row.id, spaceId: row.spaceId, title: row.title, status: row.status } : null;
  }

  /**
   * Snapshot plus log, applied in order. Throws DocumentLoadError when any part cannot be decoded,
   * so that the caller never serves (and never saves over) a partial or empty document.
   * Returns null when the document does not exist.
   */
  load(documentId: string): StoredDocument | null {
    const row = this.stmts.document.get(documentId);
    if (!row) return null;
    const doc = new Y.Doc();
    let storedBytes = 0;
    let logRows = 0;
    let lastSeq = row.snapshotSeq;
    try {
      if (row.snapshot) {
        storedBytes += row.snapshot.length;
        Y.decodeUpdate(row.snapshot); // throws on bytes that are not an update
        Y.applyUpdate(doc, row.snapshot);
      }
      for (const update of this.stmts.log.iterate(documentId, row.snapshotSeq)) {
        storedBytes += update.data.length;
        logRows++;
        lastSeq = update.seq;
        Y.decodeUpdate(update.data);
        Y.applyUpdate(doc, update.data);
      }
    } catch (error) {
      doc.destroy();
      throw new DocumentLoadError(documentId, error);
    }
    return { id: row.id, spaceId: row.spaceId, title: row.title, status: row.status, storedBytes, logRows, lastSeq, doc };
  }

  /**
   * One group commit: appends every update of every document in one transaction (synchronous=FULL,
   * so it is on disk when this returns) and bumps each document's updatedAt.
   */
  appendBatch(batch: ReadonlyMap<string, readonly Uint8Array[]>): Map<string, number> {
    const now = sqliteDate();
    const lastSeq = new Map<string, number>();
    this.sqlite.transaction(() => {
      for (const [documentId, updates] of batch) {
        for (const update of updates) {
          const { lastInsertRowid } = this.stmts.append.run(documentId, Buffer.from(update.buffer, update.byteOffset, update.byteLength), now);
          lastSeq.set(documentId, Number(lastInsertRowid));
        }
        this.stmts.touch.run(now, documentId);
      }
    }).immediate();
    return lastSeq;
  }

  /**
   * Folds the log into a new snapshot in one transaction. `state` must contain every logged update
   * with seq ≤ `uptoSeq` (the caller passes the in-memory doc and the last seq it committed). Only
   * those rows are dropped; any row written later keeps seq > snapshotSeq and is replayed on load.
   */
  compact(documentId: string, state: Uint8Array, uptoSeq: number) {
    return this.sqlite.transaction(() => {
      this.stmts.writeSnapshot.run(Buffer.from(state.buffer, state.byteOffset, state.byteLength), uptoSeq, documentId);
      return this.stmts.dropLog.run(documentId, uptoSeq).changes;
    }).immediate();
  }

  writeDerived(documentId: string, json: string, text: string) {
    this.stmts.derived.run(json, text, documentId);
  }

  close() {
    if (this.sqlite.open) this.sqlite.close();
  }
}
