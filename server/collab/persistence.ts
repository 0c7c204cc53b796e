// The durable side of the collaboration server: an append-only update log per document in SQLite,
// written in group commits, folded into a snapshot by compaction (docs/decisions/006).
// - CollabStore: this thread's read connection (opened by the one opener, openSqlite) to
//   app/models/document-state.server.ts. Loading is synchronous and fast, and a connection of its
//   own never sees a web request's transaction half done (the query layer's connection would).
// - PersistenceWriter: the writer thread (persistence-worker.js) that commits with fsync, so the
//   event loop relaying edits never waits for the disk. Requests run in order.
// - DocumentLoader: the loader thread (loader-worker.js → loader-thread.ts) that reads, checks and repairs large papers,
//   so loading one never blocks the other rooms.
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { DocumentLoadError, loadDocumentState, type StoredDocument } from "../../app/models/document-state.server.ts";
import { openSqlite, SQLITE_PRAGMAS } from "../../app/db/sqlite.server.ts";

/** The PRAGMAs every connection gets (sqlite.server.ts), as statements for the writer thread to run. */
const WRITER_PRAGMAS = Object.entries(SQLITE_PRAGMAS).map(([name, value]) => `${name} = ${value}`);

/** The collaboration server's own read connection to the one home of stored Y state. */
export class CollabStore {
  readonly sqlite: Database.Database;
  /** Large papers load here. */
  readonly loader: DocumentLoader;

  constructor(file: string) {
    this.sqlite = openSqlite(file);
    this.loader = new DocumentLoader(file);
    // Started now, while the server starts: the thread compiles its modules once (seconds on a busy
    // machine), which must not delay the first large paper after a restart.
    this.loader.warm();
  }

  /** The paper's status as stored now (checked by server-made changes, which must not touch frozen text). */
  status(documentId: string): string | null {
    this.statusStatement ??= this.sqlite.prepare<[string], { status: string }>(`SELECT status FROM "Document" WHERE id = ?`);
    return this.statusStatement.get(documentId)?.status ?? null;
  }

  private statusStatement: Database.Statement<[string], { status: string }> | undefined;

  /** Clean, validated state plus bookkeeping; throws DocumentLoadError; null when it does not exist. */
  load(documentId: string): StoredDocument | null {
    return loadDocumentState(documentId, this.sqlite);
  }

  /** Bytes stored for the paper (snapshot plus log): one indexed query, no blob is read into JS. */
  storedBytes(documentId: string): number {
    this.sizeStatement ??= this.sqlite.prepare<[string, string], { bytes: number | null }>(
      `SELECT (SELECT coalesce(length(snapshot), 0) FROM "Document" WHERE id = ?) +
              (SELECT coalesce(sum(length(data)), 0) FROM "DocumentUpdate" WHERE documentId = ?) AS bytes`,
    );
    return this.sizeStatement.get(documentId, documentId)?.bytes ?? 0;
  }

  private sizeStatement: Database.Statement<[string, string], { bytes: number | null }> | undefined;

  close() {
    void this.loader.close();
    if (this.sqlite.open) this.sqlite.close();
  }
}

type WriterOps = {
  /** Per document: the last seq written, or the error that rolled back its savepoint. */
  append: { payload: { batch: Array<[string, Uint8Array[]]> }; result: Array<[string, number | { error: string }]> };
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
      workerData: { file: this.file, busyTimeout: SQLITE_PRAGMAS.busy_timeout, pragmas: WRITER_PRAGMAS },
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

/**
 * Papers at least this large are loaded on the loader thread; smaller ones load on the event loop in
 * a few milliseconds, faster than a round trip to the thread (docs/COLLABORATION.md "Performance").
 */
export const LOAD_OFF_THREAD_BYTES = 128 * 1024;

/** Talks to the loader thread (started with the store). A crashed thread fails its requests and restarts on the next. */
export class DocumentLoader {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: StoredDocument | null) => void; reject: (e: Error) => void; documentId: string }>();

  constructor(private readonly file: string) {}

  private start() {
    // The thread runs TypeScript (it shares loadDocumentState with everyone else): its JS entry registers tsx.
    const worker = new Worker(new URL("./loader-worker.js", import.meta.url), { workerData: { file: this.file }, execArgv: [] });
    worker.unref();
    worker.on("message", ({ id, ok, stored, error }: { id: number; ok: boolean; stored?: StoredDocument | null; error?: string }) => {
      const w = this.waiting.get(id);
      this.waiting.delete(id);
      if (!w) return;
      if (ok) w.resolve(stored ?? null);
      else w.reject(new DocumentLoadError(w.documentId, new Error(error)));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const w of this.waiting.values()) w.reject(new DocumentLoadError(w.documentId, error));
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`loader thread exited with ${code}`)));
    return worker;
  }

  warm() {
    this.worker ??= this.start();
  }

  load(documentId: string): Promise<StoredDocument | null> {
    this.worker ??= this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, documentId });
      this.worker!.postMessage({ id, documentId });
    });
  }

  async close() {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
