// The one home of a position paper's stored Y state: snapshot plus update log in SQLite, read in
// one way by the collaboration server, versions, exports and scripts. Reading never yields a partial
// document (a part that cannot be decoded fails the load), never keeps pending structs (parts whose
// dependencies are missing are left out), and validates the body against the editor schema; hard
// violations found in old stored papers are removed by a repair transaction (docs/decisions/015).
import type Database from "better-sqlite3";
import * as Y from "yjs";
import { repairHardViolations } from "../editor/y-repair.ts";
import { deriveFromState, stripPending } from "../editor/y-schema-guard.ts";
import { db, sqliteConnection } from "../db/db.server.ts";
import { dbNow, newId } from "../db/values.ts";
import { recordAudit } from "./audit.server.ts";
import type { CollabChange } from "../infra/collab-link/index.ts";

export type StoredDocument = {
  id: string;
  spaceId: string;
  title: string;
  status: string;
  /** Bytes of the snapshot plus every log row: what MAX_DOCUMENT_BYTES limits. */
  storedBytes: number;
  /** Rows in the log after the snapshot. */
  logRows: number;
  /** The highest seq contained in the state (snapshotSeq when the log is empty). */
  lastSeq: number;
  /** The clean state: every part that integrates, nothing pending, hard schema violations removed. */
  state: Uint8Array;
  /** What loading had to leave out or remove (empty for a healthy paper); the caller stores the clean state. */
  problems: string[];
};

export class DocumentLoadError extends Error {
  constructor(readonly documentId: string, cause: unknown) {
    super(`Document ${documentId} could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

// Reading is synchronous on purpose: the collaboration server loads a room in one step (no second
// load can start meanwhile), and the bridge hands a stored state over without a yield. In the web
// process the reads run on the query layer's connection (db.server.ts); the collaboration server
// passes its own reader (server/collab/persistence.ts), which never sees a web transaction half done.
type Row = { id: string; spaceId: string; title: string; status: string; snapshot: Buffer | null; snapshotSeq: number };

const statements = new WeakMap<Database.Database, { document: Database.Statement<[string], Row>; log: Database.Statement<[string, number], { seq: number; data: Buffer }> }>();

function statementsOf(connection: Database.Database) {
  let s = statements.get(connection);
  if (!s) {
    s = {
      document: connection.prepare<[string], Row>(`SELECT id, spaceId, title, status, snapshot, snapshotSeq FROM "Document" WHERE id = ?`),
      log: connection.prepare<[string, number], { seq: number; data: Buffer }>(`SELECT seq, data FROM "DocumentUpdate" WHERE documentId = ? AND seq > ? ORDER BY seq`),
    };
    statements.set(connection, s);
  }
  return s;
}

/** The raw stored parts (snapshot first, then the log in order); null when the document does not exist. */
export function readStoredParts(documentId: string, connection: Database.Database = sqliteConnection()) {
  const s = statementsOf(connection);
  const row = s.document.get(documentId);
  if (!row) return null;
  const parts: Uint8Array[] = [];
  let lastSeq = row.snapshotSeq;
  let storedBytes = 0;
  if (row.snapshot) parts.push(new Uint8Array(row.snapshot));
  let logRows = 0;
  for (const update of s.log.iterate(documentId, row.snapshotSeq)) {
    parts.push(new Uint8Array(update.data));
    lastSeq = update.seq;
    logRows++;
  }
  for (const p of parts) storedBytes += p.byteLength;
  return { row, parts, lastSeq, logRows, storedBytes };
}

/**
 * Snapshot plus log, checked. Throws DocumentLoadError when a part cannot be decoded, so that the
 * caller never serves (and never saves over) a partial or empty document. Null when it does not exist.
 */
export function loadDocumentState(documentId: string, connection: Database.Database = sqliteConnection()): StoredDocument | null {
  const stored = readStoredParts(documentId, connection);
  if (!stored) return null;
  const { row, parts } = stored;
  try {
    for (const part of parts) Y.decodeUpdate(part); // throws on bytes that are not an update (never the V2 decoder)
    const { state: integrated, hadPending } = stripPending(parts);
    const problems = hadPending ? ["pending structs or deletions left out (missing dependencies)"] : [];
    const repair = repairHardViolations(integrated);
    problems.push(...repair.removed);
    return {
      id: row.id, spaceId: row.spaceId, title: row.title, status: row.status,
      storedBytes: stored.storedBytes, logRows: stored.logRows, lastSeq: stored.lastSeq,
      state: repair.state, problems,
    };
  } catch (error) {
    throw new DocumentLoadError(documentId, error);
  }
}

/** The clean stored state of a document, or null when it does not exist. */
export function storedState(documentId: string): Uint8Array | null {
  return loadDocumentState(documentId)?.state ?? null;
}

/** A fresh Y.Doc holding the clean stored state (the caller destroys it), or null. */
export function storedYDoc(documentId: string): Y.Doc | null {
  const state = storedState(documentId);
  if (!state) return null;
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  return ydoc;
}

/** ProseMirror JSON and plain text of the stored body, or null when the document does not exist. */
export function storedContent(documentId: string) {
  const state = storedState(documentId);
  return state ? deriveFromState(state) : null;
}

/**
 * Without a running collaboration server (scripts, tests): a server-side change as one forward update
 * appended to the log, validated like any other update.
 */
export async function applyStoredChange(documentId: string, change: CollabChange) {
  const ydoc = storedYDoc(documentId);
  if (!ydoc) return;
  try {
    const before = Y.encodeStateVector(ydoc);
    ydoc.transact(() => change(ydoc));
    const update = Y.encodeStateAsUpdate(ydoc, before);
    deriveFromState(Y.encodeStateAsUpdate(ydoc)); // throws on content outside the schema
    await db.insertInto("DocumentUpdate").values({ documentId, data: Buffer.from(update), createdAt: dbNow() }).execute();
  } finally {
    ydoc.destroy();
  }
}

/**
 * `npm run collab:repair`: stores the clean state of a paper whose stored parts have pending structs
 * or content outside the schema. The stored state as it was is kept as a version "vor Reparatur";
 * the clean state becomes the snapshot and the log it replaces is dropped, in one transaction with
 * its audit entry. Returns what was repaired (empty when the paper was healthy, and nothing is written).
 */
export async function repairStoredDocument(documentId: string): Promise<string[] | null> {
  const raw = readStoredParts(documentId);
  const clean = loadDocumentState(documentId);
  if (!raw || !clean) return null;
  if (!clean.problems.length) return [];
  const document = await db.selectFrom("Document").select(["createdById", "status"]).where("id", "=", documentId).executeTakeFirstOrThrow();
  const kept = Buffer.from(Y.mergeUpdates(raw.parts));
  const contentJson = JSON.stringify(deriveFromState(clean.state).json);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("DocumentVersion").values({
      id: newId(), documentId, name: REPAIR_VERSION_NAME, kind: "manual", status: document.status, createdById: document.createdById,
      state: kept, contentJson, createdAt: dbNow(),
    }).execute();
    await trx.updateTable("Document").set({ snapshot: Buffer.from(clean.state), snapshotSeq: clean.lastSeq }).where("id", "=", documentId).execute();
    await trx.deleteFrom("DocumentUpdate").where("documentId", "=", documentId).where("seq", "<=", clean.lastSeq).execute();
    await recordAudit({ actorId: null, action: "document.repair", targetType: "document", targetId: documentId, details: { problems: clean.problems } }, trx);
  });
  return clean.problems;
}

export const REPAIR_VERSION_NAME = "vor Reparatur";
