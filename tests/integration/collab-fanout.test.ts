// Fan-out, first sync and large papers of the collaboration server (docs/COLLABORATION.md
// "Performance"): what one event-loop turn brings is broadcast as one merged frame per kind, a writer
// never gets its own update back, a joiner with an empty state vector is served the cached
// full-state frame, and a large paper loads while other rooms keep answering.
// Frames are counted on raw `ws` clients against the real server on a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import { createDocument, setDocumentAccess } from "../../app/models/documents.server.ts";
import { YJS_FRAGMENT } from "../../app/domain/collab.ts";
import { db } from "../../app/db/prisma.server.ts";
import { openSqlite } from "../../app/db/sqlite.server.ts";
import { getEnv } from "../../app/infra/env.server.ts";
import { LOAD_OFF_THREAD_BYTES } from "../../server/collab/persistence.ts";
import { bodyText } from "../support/collab.ts";
import {
  awarenessFrame, changeOf, localCopy, paragraphWith, rawClient, startTestCollab, step1Frame, storedDoc, until, updateFrame,
  type ServerFrame, type TestCollab,
} from "../support/collab-server.ts";
import { DEMO } from "../support/paths.ts";

let t: TestCollab;
const cookies: Record<string, string> = {};
let spaceId: string;
let byId: string;

beforeAll(async () => {
  t = await startTestCollab();
  for (const [key, email] of Object.entries(DEMO)) cookies[key] = await t.cookieFor(email);
  spaceId = (await db.space.findUniqueOrThrow({ where: { slug: "laenderbeirat" } })).id;
  byId = (await db.user.findUniqueOrThrow({ where: { email: DEMO.by } })).id;
});

afterAll(() => t.close());

async function newPaper(title: string) {
  const { id } = await createDocument(byId, { spaceId, title, template: "position-paper", templateIntro: `Einleitung zu ${title}.` });
  await setDocumentAccess(byId, id, (await db.user.findUniqueOrThrow({ where: { email: DEMO.nw } })).id, "editor");
  await setDocumentAccess(byId, id, (await db.user.findUniqueOrThrow({ where: { email: DEMO.gast } })).id, "reader");
  return id;
}

/** A raw socket that has asked for the document and received it (sync step 2). */
async function joined(who: keyof typeof DEMO, documentId: string, stateVector: Uint8Array = new Uint8Array([0])) {
  const socket = await rawClient(`${t.wsUrl}/collab/${documentId}`, t.headers(cookies[who]));
  expect(socket.status).toBe(101);
  socket.ws.send(step1Frame(stateVector));
  const step2 = (await socket.log.next((f) => f.type === "sync" && f.syncType === 1)) as Extract<ServerFrame, { type: "sync" }>;
  return { ...socket, step2 };
}

/** Sends frames in one write, so the server reads them in one chunk, in one turn of its event loop. */
function sendTogether(ws: WebSocket, frames: Uint8Array[]) {
  const socket = (ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
  socket.cork();
  for (const frame of frames) ws.send(frame);
  socket.uncork();
}

const isUpdate = (f: ServerFrame): f is Extract<ServerFrame, { type: "sync" }> => f.type === "sync" && f.syncType === 2;
const clientsOf = (update: Uint8Array) => new Set(Y.decodeUpdate(update).structs.map((s) => s.id.client));

describe("fan-out", () => {
  it("broadcasts updates that arrive in one turn as one merged frame; the writer gets none of its own; all of it is stored", async () => {
    const id = await newPaper("Zusammengefasst");
    const observer = await joined("gast", id);
    const writer = await joined("by", id);
    const from = observer.log.frames.length;
    const writerFrom = writer.log.frames.length;
    const doc = localCopy(id);
    const burst = ["Eins", "Zwei", "Drei", "Vier", "Fünf"].map((text) =>
      updateFrame(changeOf(doc, (_d, fragment) => fragment.insert(fragment.length, [paragraphWith(text)]))));
    sendTogether(writer.ws, burst);
    await observer.log.next(isUpdate, from);
    // A later update in a turn of its own: once it has arrived, everything before it has too.
    writer.ws.send(updateFrame(changeOf(doc, (_d, fragment) => fragment.insert(fragment.length, [paragraphWith("Sechs")]))));
    await until(() => observer.log.frames.slice(from).filter(isUpdate).length >= 2 &&
      bodyText(replica(id, observer.log.frames)).includes("Sechs"), "the later update");

    const updates = observer.log.frames.slice(from).filter(isUpdate);
    expect(updates).toHaveLength(2); // five keystroke-sized updates in one frame, then the sixth
    const first = new Y.Doc();
    Y.applyUpdate(first, observer.step2.payload);
    Y.applyUpdate(first, updates[0].payload);
    expect(bodyText(first)).toContain("Eins\nZwei\nDrei\nVier\nFünf");
    expect(writer.log.frames.slice(writerFrom).filter(isUpdate)).toHaveLength(0);

    await until(() => bodyText(storedDoc(id).doc).includes("Sechs"), "stored");
    expect(bodyText(storedDoc(id).doc)).toContain("Eins\nZwei\nDrei\nVier\nFünf\nSechs");
    observer.ws.close();
    writer.ws.close();
  });

  it("never sends a writer its own part when several writers' updates are merged", async () => {
    const id = await newPaper("Zwei Schreibende");
    const observer = await joined("gast", id);
    const by = await joined("by", id);
    const nw = await joined("nw", id);
    const [byDoc, nwDoc] = [localCopy(id), localCopy(id)];
    const from = { by: by.log.frames.length, nw: nw.log.frames.length };
    for (let round = 0; round < 5; round++) {
      const b = updateFrame(changeOf(byDoc, (_d, f) => f.insert(f.length, [paragraphWith(`by ${round}`)])));
      const n = updateFrame(changeOf(nwDoc, (_d, f) => f.insert(f.length, [paragraphWith(`nw ${round}`)])));
      // Both in the same turn of this process: the server usually reads both sockets in one turn.
      sendTogether(by.ws, [b]);
      sendTogether(nw.ws, [n]);
    }
    const seen = (log: typeof by.log, start: number) => replica(id, log.frames.slice(start));
    await until(() => bodyText(seen(by.log, from.by)).includes("nw 4") && bodyText(seen(nw.log, from.nw)).includes("by 4"), "each writer sees the other");
    for (const f of by.log.frames.slice(from.by).filter(isUpdate)) expect(clientsOf(f.payload).has(byDoc.clientID)).toBe(false);
    for (const f of nw.log.frames.slice(from.nw).filter(isUpdate)) expect(clientsOf(f.payload).has(nwDoc.clientID)).toBe(false);
    await until(() => bodyText(replica(id, observer.log.frames)).includes("by 4") && bodyText(replica(id, observer.log.frames)).includes("nw 4"), "the observer sees both");
    for (const s of [observer, by, nw]) s.ws.close();
  });

  it("relays presence that arrives in one turn as one frame holding the latest state", async () => {
    const id = await newPaper("Anwesenheit");
    const observer = await joined("gast", id);
    const writer = await joined("by", id);
    const from = observer.log.frames.length;
    const clientId = 4242;
    sendTogether(writer.ws, [1, 2, 3].map((clock) => awarenessFrame([{ clientId, clock, state: { cursor: null } }])));
    await observer.log.next((f) => f.type === "awareness", from);
    writer.ws.send(awarenessFrame([{ clientId, clock: 4, state: null }]));
    await until(() => observer.log.frames.slice(from).some((f) => f.type === "awareness" && f.states.some((s) => s.state === null)), "the removal");
    const presence = observer.log.frames.slice(from).filter((f): f is Extract<ServerFrame, { type: "awareness" }> => f.type === "awareness");
    expect(presence).toHaveLength(2);
    expect(presence[0].states).toHaveLength(1);
    expect(presence[0].states[0]).toMatchObject({ clientId, state: { user: { name: expect.any(String) }, cursor: null } });
    observer.ws.close();
    writer.ws.close();
  });
});

describe("presence pace", () => {
  it("sends a room's presence at most once per presenceFlushMs: the first change at once, then the latest state of each person, after the text", async () => {
    // A server of its own with a long window, so that the test does not depend on how fast this machine is.
    const slow = await startTestCollab({ presenceFlushMs: 400 });
    try {
      const id = await newPaper("Anwesenheit im Takt");
      const join = async (who: keyof typeof DEMO) => {
        const socket = await rawClient(`${slow.wsUrl}/collab/${id}`, slow.headers(cookies[who]));
        socket.ws.send(step1Frame(new Uint8Array([0])));
        await socket.log.next((f) => f.type === "sync" && f.syncType === 1);
        return socket;
      };
      const observer = await join("gast");
      const writer = await join("by");
      const from = observer.log.frames.length;
      const clientId = 4343;
      const presence = (clock: number) => awarenessFrame([{ clientId, clock, state: { cursor: null } }]);
      writer.ws.send(presence(1));
      await observer.log.next((f) => f.type === "awareness", from);
      const writerDoc = new Y.Doc();
      Y.applyUpdate(writerDoc, (writer.log.frames.find((f) => f.type === "sync" && f.syncType === 1) as Extract<ServerFrame, { type: "sync" }>).payload);
      writer.ws.send(updateFrame(changeOf(writerDoc, (d) => d.getXmlFragment(YJS_FRAGMENT).insert(0, [paragraphWith("Im Takt")]))));
      // Five more changes in separate turns of the server's event loop, all inside the window.
      for (let clock = 2; clock <= 6; clock++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        writer.ws.send(presence(clock));
      }
      await until(() => observer.log.frames.slice(from).some((f) => f.type === "awareness" && f.states.some((s) => s.clock === 6)), "the latest presence");
      const frames = observer.log.frames.slice(from);
      const awareness = frames.filter((f): f is Extract<ServerFrame, { type: "awareness" }> => f.type === "awareness");
      expect(awareness.map((f) => f.states.map((s) => s.clock))).toEqual([[1], [6]]);
      expect(frames.findIndex(isUpdate)).toBeGreaterThanOrEqual(0);
      expect(frames.findIndex(isUpdate)).toBeLessThan(frames.indexOf(awareness[1]));
      observer.ws.close();
      writer.ws.close();
    } finally {
      await slow.close();
    }
  });
});

describe("permission re-checks", () => {
  it("re-decides open sockets one after another, with turns of the event loop in between, and keeps them open", async () => {
    const id = await newPaper("Nachprüfung");
    // Six sessions of one editor: six decisions (sockets of one session share one).
    const sockets = [];
    for (let i = 0; i < 6; i++) {
      const socket = await rawClient(`${t.wsUrl}/collab/${id}`, t.headers(await t.cookieFor(DEMO.by)));
      socket.ws.send(step1Frame(new Uint8Array([0])));
      await socket.log.next((f) => f.type === "sync" && f.syncType === 1);
      sockets.push(socket);
    }
    // Counts the turns the event loop gets while the re-check runs: other rooms' edits are relayed in them.
    let turns = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await t.collab.rooms.recheck((conn) => conn.room.id === id);
    done = true;
    expect(turns).toBeGreaterThanOrEqual(5);
    expect(sockets.every((s) => s.ws.readyState === s.ws.OPEN)).toBe(true);
    expect([...t.collab.rooms.rooms.get(id)!.conns].every((c) => !c.access.readOnly)).toBe(true);
    for (const s of sockets) s.ws.close();
  });
});

describe("first sync", () => {
  it("serves joiners with an empty state vector the cached full-state frame, and a fresh one after a change", async () => {
    const id = await newPaper("Erste Synchronisierung");
    const first = await joined("gast", id);
    const room = t.collab.rooms.rooms.get(id)!;
    const cached = room.fullStateFrames.get("");
    expect(cached).toBeDefined();
    // A joiner naming clients the paper does not know asks for the same thing: same key, same bytes.
    const second = await joined("nw", id, Y.encodeStateVector(new Y.Doc()));
    const unknown = await joined("by", id, new Uint8Array([1, 99, 5])); // {99: 5}
    expect(room.fullStateFrames.get("")).toBe(cached);
    expect(room.fullStateFrames.size).toBe(1);
    for (const s of [first, second, unknown]) expect(Buffer.from(s.step2.payload).equals(Buffer.from(first.step2.payload))).toBe(true);

    const doc = localCopy(id);
    unknown.ws.send(updateFrame(changeOf(doc, (_d, f) => f.insert(f.length, [paragraphWith("Neu")]))));
    await until(() => !room.fullStateFrames.has(""), "the cache is dropped on a change");
    const third = await joined("gast", id);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, third.step2.payload);
    expect(bodyText(fresh)).toContain("Neu");
    expect(room.fullStateFrames.get("")).not.toBe(cached);
    for (const s of [first, second, unknown, third]) s.ws.close();
  });
});

describe("large papers", () => {
  it("load off the event loop: another room answers while a 1 MiB paper loads, and the paper arrives whole", async () => {
    const small = await newPaper("Nebenan");
    const big = await newPaper("Sehr groß");
    const state = paperOfSize(1024 * 1024);
    expect(state.byteLength).toBeGreaterThan(LOAD_OFF_THREAD_BYTES);
    const sqlite = openSqlite(getEnv().databaseFile);
    sqlite.prepare(`UPDATE "Document" SET snapshot = ? WHERE id = ?`).run(Buffer.from(state), big);
    sqlite.close();
    const neighbour = await joined("gast", small);

    const socket = await rawClient(`${t.wsUrl}/collab/${big}`, t.headers(cookies.gast));
    expect(socket.status).toBe(101);
    socket.ws.send(step1Frame(new Uint8Array([0])));
    // The upgrade is accepted while the paper is still loading; a round trip in the other room
    // completes before the large room exists.
    const from = neighbour.log.frames.length;
    let loadedWhenAnswered: boolean | undefined;
    neighbour.ws.once("message", () => (loadedWhenAnswered = t.collab.rooms.rooms.has(big)));
    neighbour.ws.send(step1Frame(new Uint8Array([0])));
    await neighbour.log.next((f) => f.type === "sync" && f.syncType === 1, from);
    expect(loadedWhenAnswered).toBe(false);

    const step2 = (await socket.log.next((f) => f.type === "sync" && f.syncType === 1)) as Extract<ServerFrame, { type: "sync" }>;
    const received = new Y.Doc();
    Y.applyUpdate(received, step2.payload);
    const expected = new Y.Doc();
    Y.applyUpdate(expected, state);
    expect(bodyText(received)).toBe(bodyText(expected));
    // The room works as any other: an edit is relayed and stored.
    const writer = await joined("by", big);
    const doc = localCopy(big);
    writer.ws.send(updateFrame(changeOf(doc, (_d, f) => f.insert(f.length, [paragraphWith("Ganz am Ende")]))));
    await until(() => bodyText(storedDoc(big).doc).endsWith("Ganz am Ende"), "the edit is stored");
    for (const s of [neighbour, socket, writer]) s.ws.close();
  });

  it("lets every joiner of a paper that is loading share the one load", async () => {
    const big = await newPaper("Gemeinsam geladen");
    const sqlite = openSqlite(getEnv().databaseFile);
    sqlite.prepare(`UPDATE "Document" SET snapshot = ? WHERE id = ?`).run(Buffer.from(paperOfSize(300 * 1024)), big);
    sqlite.close();
    const joiners = await Promise.all((["gast", "by", "nw"] as const).map((who) => joined(who, big)));
    const room = t.collab.rooms.rooms.get(big)!;
    expect(room.conns.size).toBe(3);
    for (const j of joiners) expect(Buffer.from(j.step2.payload).equals(Buffer.from(joiners[0].step2.payload))).toBe(true);
    for (const j of joiners) j.ws.close();
  });
  it("a socket that closes while its paper loads frees its connection slot", async () => {
    const capped = await startTestCollab({ maxConnectionsPerUser: 1 });
    try {
      const big = await newPaper("Geschlossen beim Laden");
      const sqlite = openSqlite(getEnv().databaseFile);
      sqlite.prepare(`UPDATE "Document" SET snapshot = ? WHERE id = ?`).run(Buffer.from(paperOfSize(300 * 1024)), big);
      sqlite.close();
      const cookie = await capped.cookieFor(DEMO.gast);
      const first = await rawClient(`${capped.wsUrl}/collab/${big}`, capped.headers(cookie));
      expect(first.status).toBe(101);
      expect(capped.collab.rooms.rooms.has(big)).toBe(false); // still loading
      const closed = new Promise((resolve) => first.ws.once("close", resolve));
      first.ws.terminate();
      await closed;
      // The one slot of this user comes back once the server has seen the close.
      let second = await rawClient(`${capped.wsUrl}/collab/${big}`, capped.headers(cookie));
      const deadline = Date.now() + 10_000;
      while (second.status === 429 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        second = await rawClient(`${capped.wsUrl}/collab/${big}`, capped.headers(cookie));
      }
      expect(second.status).toBe(101);
      await until(() => capped.collab.rooms.rooms.get(big)?.conns.size === 1, "the second socket joined");
      second.ws.close();
    } finally {
      await capped.close();
    }
  });
});

/** A paragraph document of at least `bytes` encoded bytes (as bench:collab builds its large papers). */
function paperOfSize(bytes: number) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(YJS_FRAGMENT);
  const sentence = "Die MINT-Regionen verbinden Kitas, Schulen, Hochschulen und Unternehmen vor Ort. ";
  let i = 0;
  while (Y.encodeStateAsUpdate(doc).byteLength < bytes) {
    doc.transact(() => {
      for (let k = 0; k < 200; k++) fragment.insert(fragment.length, [paragraphWith(`${i++}: ${sentence.repeat(2)}`)]);
    });
  }
  return Y.encodeStateAsUpdate(doc);
}

/** The stored paper plus every update frame received: what a client would hold. */
function replica(documentId: string, frames: ServerFrame[]) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, storedDoc(documentId).state);
  for (const f of frames) if (f.type === "sync" && f.syncType !== 0) Y.applyUpdate(doc, f.payload);
  doc.getXmlFragment(YJS_FRAGMENT);
  return doc;
}
