// The collaboration server with real `ws` / y-websocket clients and a real SQLite file (this
// worker's own copy of the seeded database). The server runs in this process on a plain HTTP
// server, so the tests can lower the compaction threshold and reach the store.
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { setDocumentAccess } from "../../app/models/documents.server.ts";
import { removeMember } from "../../app/models/spaces.server.ts";
import { CLOSE_CODES, COLLAB_LIMITS, MESSAGE_AWARENESS } from "../../app/domain/collab.ts";
import { db, dbReady } from "../../app/db/prisma.server.ts";
import { createSession, sessionCookie } from "../../app/auth/session.server.ts";
import { attachCollabServer, type CollabServer } from "../../server/collab/index.ts";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";
import { appendParagraph, bodyText, connectClient, rawSocket, type CollabClient } from "../support/collab.ts";
import { paragraphUpdate, storedDoc as storedDocOf, syncFrame } from "../support/collab-server.ts";
import { DEMO } from "../support/paths.ts";

let server: http.Server;
let collab: CollabServer;
let baseUrl: string;
let wsUrl: string;
let paperId: string;
const cookies: Record<string, string> = {};
const clients: CollabClient[] = [];

async function cookieFor(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return (await sessionCookie().serialize(await createSession(user.id, null))).split(";")[0];
}

function headersFor(who: keyof typeof cookies) {
  return { Cookie: cookies[who], Origin: baseUrl };
}

function client(who: string, documentId = paperId) {
  const c = connectClient(baseUrl, documentId, headersFor(who));
  clients.push(c);
  return c;
}

/** The document as stored on disk, read through a separate connection. */
const storedDoc = (documentId = paperId) => storedDocOf(documentId);

beforeAll(async () => {
  await dbReady;
  server = http.createServer((_req, res) => res.writeHead(404).end());
  collab = attachCollabServer(server, { groupCommitMs: 5, compactAfterUpdates: 20, unloadGraceMs: 50, deriveDebounceMs: 50 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  wsUrl = baseUrl.replace("http", "ws");
  paperId = (await db.document.findFirstOrThrow({ where: { title: MINT_PAPER_TITLE } })).id;
  for (const [key, email] of Object.entries(DEMO)) cookies[key] = await cookieFor(email);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await collab.close();
  await new Promise((resolve) => server.close(resolve));
});

describe("collaboration server", () => {
  it("lets two editors converge, and acknowledges only what is on disk", async () => {
    const a = client("by");
    const b = client("nw");
    await a.until(() => a.provider.synced, "a synced");
    await b.until(() => b.provider.synced, "b synced");
    expect(bodyText(a.doc)).toContain("Ausgangslage");

    appendParagraph(a.doc, "Satz von Bayern");
    appendParagraph(b.doc, "Satz aus NRW");
    await a.until(() => bodyText(a.doc).includes("Satz aus NRW"), "a sees b");
    await b.until(() => bodyText(b.doc).includes("Satz von Bayern"), "b sees a");
    expect(bodyText(a.doc)).toBe(bodyText(b.doc));

    await a.until(() => a.allSaved(), "a saved");
    await b.until(() => b.allSaved(), "b saved");
    // Acknowledged means stored: a separate connection finds both sentences.
    const stored = storedDoc();
    expect(bodyText(stored.doc)).toContain("Satz von Bayern");
    expect(bodyText(stored.doc)).toContain("Satz aus NRW");
    a.destroy();
    b.destroy();
  });

  it("stores edits made while disconnected once the client reconnects", async () => {
    const c = client("by");
    await c.until(() => c.provider.synced, "synced");
    c.provider.disconnect();
    appendParagraph(c.doc, "Offline geschrieben");
    expect(c.allSaved()).toBe(false);
    c.provider.connect();
    await c.until(() => c.provider.synced && c.allSaved(), "saved after reconnect");
    expect(bodyText(storedDoc().doc)).toContain("Offline geschrieben");
    c.destroy();
  });

  for (const who of ["gast", "ministeriumRp"] as const) {
    it(`neither applies, broadcasts nor stores sync step 2 or updates from a ${who === "gast" ? "reader" : "commenter"}`, async () => {
      const observer = client("by");
      await observer.until(() => observer.provider.synced, "observer synced");
      const rowsBefore = await db.documentUpdate.count({ where: { documentId: paperId } });
      const { ws, status } = await rawSocket(`${wsUrl}/collab/${paperId}`, headersFor(who));
      expect(status).toBe(101);
      ws.send(syncFrame(syncProtocol.messageYjsSyncStep2, paragraphUpdate(`Schritt 2 von ${who}`)));
      ws.send(syncFrame(syncProtocol.messageYjsUpdate, paragraphUpdate(`Update von ${who}`)));
      // A marker from an editor, sent after: once the observer has it, anything broadcast before would be there too.
      const editor = client("nw");
      await editor.until(() => editor.provider.synced, "editor synced");
      appendParagraph(editor.doc, `Marker nach ${who}`);
      await observer.until(() => bodyText(observer.doc).includes(`Marker nach ${who}`), "marker");
      await editor.until(() => editor.allSaved(), "marker saved");
      expect(bodyText(observer.doc)).not.toContain(`von ${who}`);
      expect(bodyText(storedDoc().doc)).not.toContain(`von ${who}`);
      expect(await db.documentUpdate.count({ where: { documentId: paperId } })).toBeGreaterThanOrEqual(rowsBefore); // only the marker was added
      expect(bodyText(storedDoc().doc)).toContain(`Marker nach ${who}`);

      // Persisting is answered by closing the socket.
      const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
      for (let i = 0; i < COLLAB_LIMITS.readOnlyViolationsBeforeClose + 1; i++) ws.send(syncFrame(syncProtocol.messageYjsUpdate, paragraphUpdate(`Nochmal ${i}`)));
      expect(await closed).toBe(CLOSE_CODES.forbidden);
      expect(bodyText(storedDoc().doc)).not.toContain("Nochmal");
      observer.destroy();
      editor.destroy();
    });
  }

  it("gives anonymous and foreign-Origin sockets no content", async () => {
    const anonymous = await rawSocket(`${wsUrl}/collab/${paperId}`, { Origin: baseUrl });
    expect(anonymous.status).toBe(401);
    const foreign = await rawSocket(`${wsUrl}/collab/${paperId}`, { Cookie: cookies.by, Origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    const forged = await rawSocket(`${wsUrl}/collab/${paperId}`, { Cookie: "lf_session=forged", Origin: baseUrl });
    expect(forged.status).toBe(401);
    const missing = await rawSocket(`${wsUrl}/collab/does-not-exist`, headersFor("by"));
    expect(missing.status).toBe(404);
  });

  it("overwrites spoofed presence names and ignores other clients' awareness ids", async () => {
    const observer = client("nw");
    const spoofer = client("gast");
    await observer.until(() => observer.provider.synced, "observer synced");
    await spoofer.until(() => spoofer.provider.synced, "spoofer synced");
    observer.provider.awareness.setLocalStateField("cursor", null);
    await spoofer.until(() => spoofer.provider.awareness.getStates().has(observer.doc.clientID), "observer's presence");
    spoofer.provider.awareness.setLocalStateField("user", { name: "Lena Hoffmann (Admin)", color: "#000000" });
    const gast = await db.user.findUniqueOrThrow({ where: { email: DEMO.gast } });
    const seen = () => observer.provider.awareness.getStates().get(spoofer.doc.clientID) as { user?: { name: string; id: string } } | undefined;
    await observer.until(() => seen()?.user !== undefined, "spoofer's presence");
    expect(seen()!.user!.name).toBe(gast.name);
    expect(seen()!.user!.id).toBe(gast.id);

    // A raw awareness frame that tries to remove the observer's state and to speak for it.
    const { ws } = await rawSocket(`${wsUrl}/collab/${paperId}`, headersFor("gast"));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, observer.doc.clientID);
    encoding.writeVarUint(inner, 999);
    encoding.writeVarString(inner, "null");
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
    ws.send(encoding.toUint8Array(encoder));
    // Then a harmless own change from the spoofer: when it arrives, the forged frame was handled.
    spoofer.provider.awareness.setLocalStateField("cursor", null);
    await observer.until(() => (seen() as Record<string, unknown> | undefined)?.cursor === null, "spoofer's second change");
    const nwUser = await db.user.findUniqueOrThrow({ where: { email: DEMO.nw } });
    const serverState = collab.rooms.rooms.get(paperId)!.awareness.getStates().get(observer.doc.clientID) as { user: { id: string } } | undefined;
    expect(serverState?.user.id).toBe(nwUser.id);
    ws.close();
    observer.destroy();
    spoofer.destroy();
  });

  it("survives random, truncated and oversized frames with the document intact", async () => {
    const before = bodyText(storedDoc().doc);
    const valid = syncFrame(syncProtocol.messageYjsUpdate, paragraphUpdate("gültig"));
    const frames: Uint8Array[] = [
      new Uint8Array([]),
      new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 255, 255]),
      valid.slice(0, valid.length - 3),
      new Uint8Array([0, 2, 200, 1, 1, 2, 3]),
      new Uint8Array([0, 7, 0]),
      new Uint8Array([42]),
      new Uint8Array([1, 5, 1, 1, 1, 3, 123, 34]),
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    for (let i = 0; i < 40; i++) frames.push(Uint8Array.from({ length: 1 + (i * 7) % 64 }, () => random()));
    for (const frame of frames) {
      const { ws } = await rawSocket(`${wsUrl}/collab/${paperId}`, headersFor("by"));
      const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
      ws.send(frame);
      ws.send("text frame");
      expect([CLOSE_CODES.protocolViolation]).toContain(await closed);
    }
    const big = await rawSocket(`${wsUrl}/collab/${paperId}`, headersFor("by"));
    const bigClosed = new Promise<number>((resolve) => big.ws.on("close", (code) => resolve(code)));
    big.ws.send(new Uint8Array(COLLAB_LIMITS.maxPayloadBytes + 1));
    expect(await bigClosed).toBe(CLOSE_CODES.messageTooBig);

    // Still serving, and the text is what it was.
    const after = client("nw");
    await after.until(() => after.provider.synced, "synced after fuzzing");
    expect(bodyText(after.doc)).toBe(before);
    expect(bodyText(storedDoc().doc)).toBe(before);
    after.destroy();
  });

  it("closes a connection that spends its byte budget", async () => {
    const { ws } = await rawSocket(`${wsUrl}/collab/${paperId}`, headersFor("by"));
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    // A query-awareness message padded to 1 MiB: valid, but each one costs its size.
    const padded = new Uint8Array(1024 * 1024);
    padded[0] = 3;
    const frames = Math.ceil(COLLAB_LIMITS.budgetBurstBytes / padded.byteLength) + 5;
    for (let i = 0; i < frames; i++) ws.send(padded);
    expect(await closed).toBe(CLOSE_CODES.rateLimited);
  });

  it("loses nothing when compaction runs during writes", async () => {
    const writers = [client("by"), client("nw"), client("admin")];
    for (const w of writers) await w.until(() => w.provider.synced, "writer synced");
    const expected: string[] = [];
    for (let round = 0; round < 30; round++) {
      writers.forEach((w, i) => {
        const text = `Kompaktierung ${round}-${i}`;
        expected.push(text);
        appendParagraph(w.doc, text);
      });
    }
    for (const w of writers) await w.until(() => w.allSaved(), "writer saved");
    await collab.rooms.idle(); // compactions started by those commits are done
    const stored = storedDoc();
    const text = bodyText(stored.doc);
    for (const e of expected) expect(text).toContain(e);
    const document = await db.document.findUniqueOrThrow({ where: { id: paperId } });
    expect(document.snapshotSeq).toBeGreaterThan(0); // at least one compaction happened
    expect(stored.logRows).toBeLessThan(90);
    for (const w of writers) w.destroy();
  });

  it("never overwrites stored data when a document fails to load", async () => {
    const space = await db.space.findUniqueOrThrow({ where: { slug: "laenderbeirat" } });
    const by = await db.user.findUniqueOrThrow({ where: { email: DEMO.by } });
    const corrupt = Buffer.from([0, 1, 2, 3, 250, 251, 252, 253, 254, 255]);
    const broken = await db.document.create({ data: { spaceId: space.id, title: "Kaputt", createdById: by.id, snapshot: corrupt } });
    const { ws, status } = await rawSocket(`${wsUrl}/collab/${broken.id}`, headersFor("by"));
    expect(status).toBe(101);
    const received: Buffer[] = [];
    ws.on("message", (data) => received.push(data as Buffer));
    const closed = await new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    expect(closed).toBe(CLOSE_CODES.loadFailed);
    expect(received).toHaveLength(0);
    // A client holding content of its own connects: it is refused again, nothing is written.
    const c = client("by", broken.id);
    appendParagraph(c.doc, "darf nicht gespeichert werden");
    await c.until(() => c.closeEvents.length >= 1, "closed");
    c.destroy();
    const row = await db.document.findUniqueOrThrow({ where: { id: broken.id } });
    expect(Buffer.from(row.snapshot!)).toEqual(corrupt);
    expect(await db.documentUpdate.count({ where: { documentId: broken.id } })).toBe(0);
  });

  it("disconnects a removed member and makes a demoted editor read-only", async () => {
    const space = await db.space.findUniqueOrThrow({ where: { slug: "laenderbeirat" } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: DEMO.admin } });
    const gast = await db.user.findUniqueOrThrow({ where: { email: DEMO.gast } });
    const doc = await db.document.create({ data: { spaceId: space.id, title: "Zugriff", createdById: admin.id } });
    await setDocumentAccess(admin.id, doc.id, gast.id, "editor");
    const g = client("gast", doc.id);
    await g.until(() => g.provider.synced, "gast synced");
    appendParagraph(g.doc, "als Bearbeiter");
    await g.until(() => g.allSaved(), "editor's change saved");

    await setDocumentAccess(admin.id, doc.id, gast.id, "reader");
    const probe = client("by", doc.id);
    await probe.until(() => probe.provider.synced, "probe synced");
    // setDocumentAccess returns once the open sockets have been re-checked.
    expect([...collab.rooms.rooms.get(doc.id)!.conns].find((c) => c.access.user.id === gast.id)?.access.readOnly).toBe(true);
    appendParagraph(g.doc, "als Leser");
    appendParagraph(probe.doc, "Marker");
    await probe.until(() => probe.allSaved(), "marker saved");
    expect(bodyText(storedDoc(doc.id).doc)).not.toContain("als Leser");

    await setDocumentAccess(admin.id, doc.id, gast.id, null);
    await g.until(() => g.closeEvents.some((e) => e.code === CLOSE_CODES.forbidden), "gast disconnected");
    expect(g.provider.shouldConnect).toBe(false); // 44xx: the stock client does not come back
    g.destroy();
    probe.destroy();
  });

  it("disconnects a member removed from the Gremium", async () => {
    const space = await db.space.findUniqueOrThrow({ where: { slug: "laenderbeirat" } });
    const admin = await db.user.findUniqueOrThrow({ where: { email: DEMO.admin } });
    const rp = await db.user.findUniqueOrThrow({ where: { email: "rp@laenderforum.example" } });
    cookies.rp = await cookieFor(rp.email);
    const member = client("rp");
    await member.until(() => member.provider.synced, "member synced");
    const membership = await db.membership.findFirstOrThrow({ where: { spaceId: space.id, userId: rp.id } });
    await removeMember(admin.id, space.id, membership.id);
    await member.until(() => member.closeEvents.some((e) => e.code === CLOSE_CODES.forbidden), "member disconnected");
    const again = await rawSocket(`${wsUrl}/collab/${paperId}`, headersFor("rp"));
    expect(again.status).toBe(404);
    member.destroy();
  });

  it("unloads an idle document after its last client left, compacted and with derived text", async () => {
    const space = await db.space.findUniqueOrThrow({ where: { slug: "laenderbeirat" } });
    const by = await db.user.findUniqueOrThrow({ where: { email: DEMO.by } });
    const doc = await db.document.create({ data: { spaceId: space.id, title: "Leerlauf", createdById: by.id } });
    const c = client("by", doc.id);
    await c.until(() => c.provider.synced, "synced");
    appendParagraph(c.doc, "Bleibt nach dem Entladen");
    await c.until(() => c.allSaved(), "saved");
    const unloaded = new Promise<void>((resolve) => {
      const on = (id: string) => {
        if (id !== doc.id) return;
        collab.rooms.events.off("unloaded", on);
        resolve();
      };
      collab.rooms.events.on("unloaded", on);
    });
    c.destroy();
    await unloaded;
    expect(collab.rooms.rooms.has(doc.id)).toBe(false);
    const row = await db.document.findUniqueOrThrow({ where: { id: doc.id } });
    expect(row.snapshotSeq).toBeGreaterThan(0);
    expect(await db.documentUpdate.count({ where: { documentId: doc.id } })).toBe(0);
    expect(row.contentText).toContain("Bleibt nach dem Entladen");
    expect(JSON.parse(row.contentJson!)).toMatchObject({ type: "doc" });
    // Loads again from the snapshot.
    const again = client("nw", doc.id);
    await again.until(() => again.provider.synced, "synced again");
    expect(bodyText(again.doc)).toContain("Bleibt nach dem Entladen");
    again.destroy();
  });

  it("unloads papers that lost their last socket at the same moment one after another, each with its text", async () => {
    const space = await db.space.findUniqueOrThrow({ where: { slug: "laenderbeirat" } });
    const by = await db.user.findUniqueOrThrow({ where: { email: DEMO.by } });
    const docs = await Promise.all(Array.from({ length: 5 }, (_, i) => db.document.create({ data: { spaceId: space.id, title: `Sitzungsende ${i}`, createdById: by.id } })));
    const clients = docs.map((d) => client("by", d.id));
    for (const [i, c] of clients.entries()) {
      await c.until(() => c.provider.synced, "synced");
      appendParagraph(c.doc, `Ende ${i}`);
    }
    for (const c of clients) await c.until(() => c.allSaved(), "saved");
    const ids = new Set(docs.map((d) => d.id));
    const left = new Set(ids);
    const allUnloaded = new Promise<void>((resolve) => {
      const on = (id: string) => {
        left.delete(id);
        if (left.size) return;
        collab.rooms.events.off("unloaded", on);
        resolve();
      };
      collab.rooms.events.on("unloaded", on);
    });
    for (const c of clients) c.destroy();
    // Sampled every turn of the event loop until the last one is gone: never two at once.
    let most = 0;
    let done = false;
    void allUnloaded.then(() => (done = true));
    while (!done) {
      most = Math.max(most, [...collab.rooms.rooms.values()].filter((r) => ids.has(r.id) && r.unloading).length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(most).toBe(1);
    for (const [i, d] of docs.entries()) expect((await db.document.findUniqueOrThrow({ where: { id: d.id } })).contentText).toContain(`Ende ${i}`);
  });

  it("closes a connection whose update would exceed the maximum document size, storing nothing of it", async () => {
    const space = await db.space.findUniqueOrThrow({ where: { slug: "laenderbeirat" } });
    const by = await db.user.findUniqueOrThrow({ where: { email: DEMO.by } });
    const doc = await db.document.create({ data: { spaceId: space.id, title: "Groß", createdById: by.id } });
    const { ws } = await rawSocket(`${wsUrl}/collab/${doc.id}`, headersFor("by"));
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    const chunk = "x".repeat(COLLAB_LIMITS.maxPayloadBytes - 64 * 1024);
    const frames = Math.ceil(COLLAB_LIMITS.maxDocumentBytes / chunk.length) + 1;
    // One writer appending large paragraphs to the body, as a paste would.
    const d = new Y.Doc();
    for (let i = 0; i < frames; i++) {
      const before = Y.encodeStateVector(d);
      appendParagraph(d, chunk);
      ws.send(syncFrame(syncProtocol.messageYjsUpdate, Y.encodeStateAsUpdate(d, before)));
    }
    expect(await closed).toBe(CLOSE_CODES.documentTooLarge);
    await collab.rooms.idle();
    const stored = await db.documentUpdate.findMany({ where: { documentId: doc.id }, select: { data: true } });
    const storedBytes = stored.reduce((n, u) => n + u.data.length, 0);
    expect(storedBytes).toBeLessThanOrEqual(COLLAB_LIMITS.maxDocumentBytes);
  });
});
