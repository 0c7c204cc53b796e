// The durable side of the collaboration server: an append-only update log per document in SQLite,
// written in group commits, folded into a snapshot by compaction (docs/decisions/006).
// - CollabStore: this thread's read connection (loading a document is synchronous and fast).
// - PersistenceWriter: the writer thread (persistence-worker.js) that commits with fsync, so the
//   event loop relaying edits never waits for the disk. Requests run in order.
import { Worker } from "node:worker_threads";
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

  close() {
    if (this.sqlite.open) this.sqlite.close();
  }
}

type WriterOps = {
  append: { payload: { batch: Array<[string, Uint8Array[]]> }; result: Array<[string, number]> };
  compact: { payload: { documentId: string; state: Uint8Array; uptoSeq: number }; result: number };
  derived: { payload: { documentId: string; json: string; text: string }; result: number };
  close: { payload: Record<string, never>; result: boolean };
};

/** Talks to the writer thread. A crashed thread fails its open requests and is restarted on the next one. */
export class PersistenceWriter {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly file: string) {}

  private start() {
    const worker = new Worker(new URL("./persistence-worker.js", import.meta.url), {
      workerData: { file: this.file, busyTimeout: SQLITE_PRAGMAS.busy_timeout },
      execArgv: [],
    });
    worker.on("message", ({ id, ok, result, error }: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const w = this.waiting.get(id);
      this.waiting.delete(id);
      if (ok) w?.resolve(result);
      else w?.reject(new Error(error));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`persistence writer exited with ${code}`)));
    return worker;
  }

  call<K extends keyof WriterOps>(op: K, payload: WriterOps[K]["payload"]): Promise<WriterOps[K]["result"]> {
    this.worker ??= this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker!.postMessage({ id, op, ...payload });
    });
  }

  async close() {
    if (!this.worker) return;
    const worker = this.worker;
    await this.call("close", {}).catch(() => false);
    this.worker = undefined;
    await worker.terminate();
  }
}
