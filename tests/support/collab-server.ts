// An in-process collaboration server for integration tests: a real HTTP server with the real
// collab server attached, on this test file's own copy of the seeded SQLite database, plus the
// session cookies, raw frames and stored-state readers the tests need.
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { expect } from "vitest";
import { toDocx } from "../../app/models/document-docx.server.ts";
import { storedDocumentJson, toHtml, toMarkdown } from "../../app/models/document-export.server.ts";
import { MESSAGE_AWARENESS, MESSAGE_DOCUMENT_EVENT, MESSAGE_SAVED, MESSAGE_SYNC, YJS_FRAGMENT } from "../../app/domain/collab.ts";
import { db, dbReady } from "../../app/db/prisma.server.ts";
import { getEnv } from "../../app/infra/env.server.ts";
import { createSession, sessionCookie } from "../../app/auth/session.server.ts";
import { attachCollabServer, type AttachOptions, type CollabServer } from "../../server/collab/index.ts";
import { CollabStore } from "../../server/collab/persistence.ts";
import { appendParagraph } from "./collab.ts";

export type TestCollab = {
  collab: CollabServer;
  baseUrl: string;
  wsUrl: string;
  /** A fresh session cookie (`name=value`) for the account. */
  cookieFor(email: string): Promise<string>;
  headers(cookie: string): Record<string, string>;
  close(): Promise<void>;
};

export async function startTestCollab(options: AttachOptions = {}): Promise<TestCollab> {
  await dbReady;
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const collab = attachCollabServer(server, { groupCommitMs: 5, unloadGraceMs: 50, deriveDebounceMs: 50, ...options });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    collab,
    baseUrl,
    wsUrl: baseUrl.replace("http", "ws"),
    async cookieFor(email) {
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      return (await sessionCookie().serialize(await createSession(user.id, null))).split(";")[0];
    },
    headers: (cookie) => ({ Cookie: cookie, Origin: baseUrl }),
    async close() {
      await collab.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The document as stored on disk, read through a separate connection: clean state, and a Y.Doc of it. */
export function storedDoc(documentId: string) {
  const store = new CollabStore(getEnv().databaseFile);
  try {
    const stored = store.load(documentId)!;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.state);
    return { ...stored, doc };
  } finally {
    store.close();
  }
}

export function syncFrame(type: number, payload: Uint8Array) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const updateFrame = (update: Uint8Array) => syncFrame(syncProtocol.messageYjsUpdate, update);
export const step1Frame = (stateVector: Uint8Array) => syncFrame(syncProtocol.messageYjsSyncStep1, stateVector);
export const step2Frame = (update: Uint8Array) => syncFrame(syncProtocol.messageYjsSyncStep2, update);

/** An awareness frame with raw JSON states (as a hostile client would send them). */
export function awarenessFrame(entries: Array<{ clientId: number; clock: number; state: unknown }>) {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, JSON.stringify(e.state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** One paragraph with `text`, as a complete update from a new writer. */
export function paragraphUpdate(text: string) {
  const doc = new Y.Doc();
  appendParagraph(doc, text);
  return Y.encodeStateAsUpdate(doc);
}

export type ServerFrame =
  | { type: "saved"; stateVector: Map<number, number> }
  | { type: "event"; event: string }
  | { type: "sync"; syncType: number; payload: Uint8Array }
  | { type: "awareness"; states: Array<{ clientId: number; clock: number; state: unknown }> };

/** Decodes what the server sends, for raw sockets. */
export function decodeServerFrame(data: Uint8Array): ServerFrame {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_SAVED) return { type: "saved", stateVector: Y.decodeStateVector(decoding.readVarUint8Array(decoder)) };
  if (type === MESSAGE_DOCUMENT_EVENT) return { type: "event", event: decoding.readVarString(decoder) };
  if (type === MESSAGE_SYNC) {
    const syncType = decoding.readVarUint(decoder);
    return { type: "sync", syncType, payload: decoding.readVarUint8Array(decoder) };
  }
  if (type === MESSAGE_AWARENESS) {
    const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const states: Array<{ clientId: number; clock: number; state: unknown }> = [];
    const n = decoding.readVarUint(inner);
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(inner);
      const clock = decoding.readVarUint(inner);
      states.push({ clientId, clock, state: JSON.parse(decoding.readVarString(inner)) });
    }
    return { type: "awareness", states };
  }
  throw new Error(`unexpected server message ${type}`);
}

/** Collects a raw socket's frames; `next(predicate)` resolves with the first matching one (past or future). */
export function frameLog(ws: WebSocket) {
  const frames: ServerFrame[] = [];
  const waiters: Array<{ test: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }> = [];
  let closeCode: number | null = null;
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve((closeCode = code))));
  ws.on("message", (data) => {
    const frame = decodeServerFrame(new Uint8Array(data as Buffer));
    frames.push(frame);
    for (const w of [...waiters]) if (w.test(frame)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(frame);
    }
  });
  return {
    frames,
    closed,
    closeCode: () => closeCode,
    /** The first frame (from index `from` on) that passes `test`, now or when it arrives. */
    next(test: (f: ServerFrame) => boolean, from = 0) {
      const found = frames.slice(from).find(test);
      if (found) return Promise.resolve(found);
      return new Promise<ServerFrame>((resolve) => waiters.push({ test, resolve }));
    },
  };
}

/**
 * A raw socket whose frames are logged from the first byte (frames can arrive in the same chunk as
 * the upgrade answer, before a listener added after "open" would see them). Resolves once open, or
 * with the HTTP status that refused it.
 */
export function rawClient(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(url, { headers });
  const log = frameLog(ws);
  return new Promise<{ ws: WebSocket; log: ReturnType<typeof frameLog>; status: number }>((resolve) => {
    ws.on("open", () => resolve({ ws, log, status: 101 }));
    ws.on("unexpected-response", (_req, res) => resolve({ ws, log, status: res.statusCode ?? 0 }));
    ws.on("error", () => {});
  });
}

/** A writer's local copy of the stored paper (its own client id), to build updates against. */
export function localCopy(documentId: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, storedDoc(documentId).state);
  return doc;
}

/** What `change` adds to a local copy, as one update. */
export function changeOf(doc: Y.Doc, change: (doc: Y.Doc, fragment: Y.XmlFragment) => void) {
  const before = Y.encodeStateVector(doc);
  doc.transact(() => change(doc, doc.getXmlFragment(YJS_FRAGMENT)));
  return Y.encodeStateAsUpdate(doc, before);
}

/** md, html and docx of the stored text all render. */
export async function exportsWork(documentId: string) {
  const json = await storedDocumentJson(documentId);
  expect(json).not.toBeNull();
  expect(toMarkdown("Titel", json!)).toContain("# Titel");
  expect(toHtml("Titel", json!, { space: "Länderbeirat", status: "Entwurf", at: new Date() })).toContain("<main>");
  expect((await toDocx("Titel", json!, { subtitle: "Test" })).byteLength).toBeGreaterThan(1000);
}

/** Waits for server-side state that has no event of its own, checking once per event-loop turn. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** `depth` blockquotes inside each other, built one level at a time (a prelim tree that deep overflows Yjs' own stack). */
export function insertNested(fragment: Y.XmlFragment, depth: number) {
  let parent: Y.XmlFragment | Y.XmlElement = fragment;
  for (let i = 0; i < depth; i++) {
    const quote = new Y.XmlElement("blockquote");
    parent.insert(0, [quote]);
    parent = quote;
  }
  parent.insert(0, [paragraphWith("tief")]);
}

export function paragraphWith(text: string, attrs?: Record<string, unknown>) {
  const p = new Y.XmlElement("paragraph");
  const x = new Y.XmlText();
  x.insert(0, text, attrs);
  p.insert(0, [x]);
  return p;
}

/** Updates an honest editor never sends, each a hard violation of the schema. */
export const HARD_VIOLATIONS: Array<[string, (doc: Y.Doc, fragment: Y.XmlFragment) => void]> = [
  ["a plain string at the top of the fragment", (_d, f) => f.insert(0, ["Zeichenkette"] as unknown as Y.XmlElement[])],
  ["an XmlText at the top level", (_d, f) => f.insert(0, [new Y.XmlText("lose")])],
  ["an unknown node", (_d, f) => f.insert(0, [new Y.XmlElement("script")])],
  ["a paragraph inside a paragraph", (_d, f) => {
    const outer = new Y.XmlElement("paragraph");
    outer.insert(0, [paragraphWith("innen")]);
    f.insert(0, [outer]);
  }],
  ["a heading of level 1", (_d, f) => {
    const h = new Y.XmlElement("heading");
    h.setAttribute("level", 1 as unknown as string);
    h.insert(0, [new Y.XmlText("H1")]);
    f.insert(0, [h]);
  }],
  ["a javascript: link", (_d, f) => f.insert(0, [paragraphWith("klick", { link: { href: "javascript:alert(1)" } })])],
  ["an unknown mark", (_d, f) => f.insert(0, [paragraphWith("blinkt", { blink: {} })])],
  ["a foreign root type", (d) => d.getText("junk").insert(0, "x".repeat(1000))],
  ["nesting 3,000 deep", (_d, f) => insertNested(f, 3000)],
];
