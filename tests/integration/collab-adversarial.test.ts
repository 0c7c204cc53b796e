// The adversarial suite of issue 8: each attack on a position paper is carried out through a real
// client (raw `ws` sockets and stock y-websocket providers) against the real collaboration server on
// a real SQLite file. Assertions are on behaviour: the stored text and the other clients' text are
// unchanged, exports still work, and the mechanism that stopped the attack fired.
import * as syncProtocol from "y-protocols/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { storedDocumentJson } from "../../app/models/document-export.server.ts";
import { createDocument, setDocumentAccess } from "../../app/models/documents.server.ts";
import { changeDocumentStatus } from "../../app/models/lifecycle.server.ts";
import { CLOSE_CODES, COLLAB_LIMITS, YJS_FRAGMENT } from "../../app/domain/collab.ts";
import { loader as healthz } from "../../app/routes/healthz.ts";
import { db } from "../../app/db/prisma.server.ts";
import { getEnv } from "../../app/infra/env.server.ts";
import { openSqlite } from "../../app/db/sqlite.server.ts";
import { appendParagraph, bodyText, connectClient, presenceRoundTrip, rawSocket, type CollabClient } from "../support/collab.ts";
import {
  awarenessFrame, changeOf, HARD_VIOLATIONS, paragraphWith, exportsWork, localCopy, paragraphUpdate, rawClient, startTestCollab, step1Frame, step2Frame, storedDoc, until,
  updateFrame, type TestCollab,
} from "../support/collab-server.ts";
import { DEMO } from "../support/paths.ts";

const MAX_PER_USER = 6;
let t: TestCollab;
const cookies: Record<string, string> = {};
const clients: CollabClient[] = [];
let spaceId: string;
let byId: string;
const userIds = new Map<string, string>();

beforeAll(async () => {
  t = await startTestCollab({ maxConnectionsPerUser: MAX_PER_USER });
  for (const [key, email] of Object.entries(DEMO)) cookies[key] = await t.cookieFor(email);
  spaceId = (await db.space.findUniqueOrThrow({ where: { slug: "laenderbeirat" } })).id;
  byId = (await db.user.findUniqueOrThrow({ where: { email: DEMO.by } })).id;
  // Open sockets keep only the user's id and name (server/collab/room.ts ConnectionAccess).
  for (const user of await db.user.findMany({ select: { id: true, email: true } })) userIds.set(user.email, user.id);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await t.close();
});

/** A new paper in the Länderbeirat: by and nw edit, the ministry comments, gast reads. */
async function newPaper(title: string) {
  const { id } = await createDocument(byId, { spaceId, title, template: "position-paper", templateIntro: `Einleitung zu ${title}.` });
  const grant = async (email: string, role: "editor" | "commenter" | "reader") =>
    setDocumentAccess(byId, id, (await db.user.findUniqueOrThrow({ where: { email } })).id, role);
  await grant(DEMO.nw, "editor");
  await grant(DEMO.ministeriumRp, "commenter");
  await grant(DEMO.gast, "reader");
  return id;
}

function client(who: keyof typeof DEMO, documentId: string) {
  const c = connectClient(t.baseUrl, documentId, t.headers(cookies[who]));
  clients.push(c);
  return c;
}

async function synced(...cs: CollabClient[]) {
  for (const c of cs) await c.until(() => c.provider.synced, "synced");
}

async function raw(who: keyof typeof DEMO, documentId: string) {
  const socket = await rawClient(`${t.wsUrl}/collab/${documentId}`, t.headers(cookies[who]));
  expect(socket.status).toBe(101);
  return socket;
}

describe("hard schema violations and missing dependencies are refused before anyone sees them", () => {

  for (const [name, attack] of HARD_VIOLATIONS) {
    it(`refuses ${name} with ${CLOSE_CODES.invalidUpdate}; stored text, other clients and exports are unaffected`, async () => {
      const id = await newPaper(`Angriff: ${name}`);
      const observer = client("nw", id);
      await synced(observer);
      const before = bodyText(storedDoc(id).doc);
      const attacker = await raw("by", id);
      attacker.ws.send(updateFrame(changeOf(localCopy(id), attack)));
      expect(await attacker.log.closed).toBe(CLOSE_CODES.invalidUpdate);

      // The observer still works and never saw it: a later edit arrives and is stored.
      appendParagraph(observer.doc, "Danach");
      await observer.until(() => observer.allSaved(), "saved");
      expect(bodyText(observer.doc)).toBe(`${before}\nDanach`);
      const stored = storedDoc(id);
      expect(bodyText(stored.doc)).toBe(`${before}\nDanach`);
      expect([...stored.doc.share.keys()]).toEqual([YJS_FRAGMENT]);
      expect(stored.problems).toEqual([]);
      await exportsWork(id);
      observer.destroy();
    });
  }

  it("refuses an update with a gap in its clock before applying it: nothing pends, nothing grows", async () => {
    const id = await newPaper("Lücke");
    const observer = client("nw", id);
    await synced(observer);
    const before = bodyText(storedDoc(id).doc);
    const writer = localCopy(id);
    changeOf(writer, (_d, f) => f.insert(f.length, [paragraphWith("nie gesendet")]));
    const gapped = changeOf(writer, (_d, f) => f.insert(f.length, [paragraphWith("x".repeat(1024 * 1024))]));
    const attacker = await raw("by", id);
    attacker.ws.send(updateFrame(gapped));
    expect(await attacker.log.closed).toBe(CLOSE_CODES.invalidUpdate);
    const room = t.collab.rooms.rooms.get(id)!;
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(room.doc.store.pendingDs).toBeNull();
    expect(room.storedBytes).toBeLessThan(64 * 1024);
    await t.collab.rooms.idle();
    expect(bodyText(storedDoc(id).doc)).toBe(before);
    expect(bodyText(observer.doc)).toBe(before);
    observer.destroy();
  });

  it("refuses a deletion of items the server never saw", async () => {
    const id = await newPaper("Unbekanntes löschen");
    const writer = localCopy(id);
    changeOf(writer, (_d, f) => f.insert(f.length, [paragraphWith("nur lokal")]));
    const deletion = changeOf(writer, (_d, f) => f.delete(f.length - 1, 1));
    const attacker = await raw("by", id);
    // Only the delete set: the server never received the paragraph it deletes.
    attacker.ws.send(updateFrame(Y.diffUpdate(deletion, Y.encodeStateVector(writer))));
    expect(await attacker.log.closed).toBe(CLOSE_CODES.invalidUpdate);
  });

  it("accepts the soft violation honest concurrent edits produce (an emptied table cell) and still exports", async () => {
    const { id } = await db.document.create({
      data: {
        spaceId, title: "Tabelle", createdById: byId,
        snapshot: Buffer.from((await import("../../app/models/documents.server.ts")).yStateFromJson({
          type: "doc",
          content: [{
            type: "table",
            content: [{ type: "tableRow", content: [{ type: "tableCell", content: [
              { type: "paragraph", content: [{ type: "text", text: "eins" }] },
              { type: "paragraph", content: [{ type: "text", text: "zwei" }] },
            ] }] }],
          }],
        })),
      },
      select: { id: true },
    });
    const a = localCopy(id);
    const b = localCopy(id);
    const cellOf = (d: Y.Doc) => ((d.getXmlFragment(YJS_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    const deleteA = changeOf(a, () => cellOf(a).delete(0, 1));
    const deleteB = changeOf(b, () => cellOf(b).delete(1, 1));
    // A deletion adds no struct, so its acknowledgement is the first saved message after it.
    const wa = await raw("by", id);
    await wa.log.next((f) => f.type === "saved");
    const seenA = wa.log.frames.length;
    wa.ws.send(updateFrame(deleteA));
    await wa.log.next((f) => f.type === "saved", seenA);
    const wb = await raw("nw", id);
    await wb.log.next((f) => f.type === "saved");
    const seenB = wb.log.frames.length;
    wb.ws.send(updateFrame(deleteB));
    await wb.log.next((f) => f.type === "saved", seenB);
    expect(bodyText(storedDoc(id).doc)).toBe("");
    expect(wa.log.closeCode()).toBeNull();
    expect(wb.log.closeCode()).toBeNull();
    await exportsWork(id);
    wa.ws.close();
    wb.ws.close();
  });
});

describe("presence", () => {
  it("relays only a valid cursor and the server's user; hostile cursors never reach the editors", async () => {
    const id = await newPaper("Präsenz");
    const editor = client("by", id);
    await synced(editor);
    const reader = await raw("gast", id);
    const relative = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(editor.doc.getXmlFragment(YJS_FRAGMENT), 1));
    const bad: unknown[] = [{}, { anchor: {}, head: {} }, "x", { anchor: null, head: null },
      { anchor: { ...relative, tname: "junk" }, head: relative }, { anchor: { type: null, tname: null, item: { client: 1, clock: -1 }, assoc: 0 }, head: relative },
      { anchor: { type: null, tname: null, item: { client: 424242, clock: 5 }, assoc: 0 }, head: relative }];
    let clientId = 1000;
    for (const cursor of bad) reader.ws.send(awarenessFrame([{ clientId: ++clientId, clock: 1, state: { cursor, user: { name: "Fälschung" } } }]));
    reader.ws.send(awarenessFrame([{ clientId: 5000, clock: 1, state: { cursor: { anchor: relative, head: relative }, user: { name: "Fälschung" }, extra: "x".repeat(100) } }]));
    await editor.until(() => editor.provider.awareness.getStates().has(5000), "valid presence relayed");
    const states = editor.provider.awareness.getStates();
    for (let id2 = 1001; id2 <= clientId; id2++) expect(states.has(id2)).toBe(false);
    const relayed = states.get(5000) as Record<string, unknown>;
    expect(Object.keys(relayed).sort()).toEqual(["cursor", "user"]);
    expect((relayed.user as { name: string }).name).not.toBe("Fälschung");
    expect(t.collab.rooms.rooms.get(id)!.doc.share.has("junk")).toBe(false);
    reader.ws.close();
    editor.destroy();
  });
});

describe("durable acknowledgement", () => {
  it("does not acknowledge an update that changes nothing while the commit holding the edits is in flight", async () => {
    const id = await newPaper("Im Flug");
    const a = client("by", id);
    await synced(a);
    const b = await raw("nw", id);
    await b.log.next((f) => f.type === "saved");
    // a's presence (the answer to b's query-awareness below); a first state at clock 0 is never relayed by y-protocols.
    a.provider.awareness.setLocalStateField("cursor", null);
    await b.log.next((f) => f.type === "awareness");
    const lock = openSqlite(getEnv().databaseFile);
    lock.exec("BEGIN IMMEDIATE");
    try {
      appendParagraph(a.doc, "während des Commits");
      const room = t.collab.rooms.rooms.get(id)!;
      await until(() => room.inFlight, "commit in flight");
      const seen = b.log.frames.length;
      // b resends what the server has (a reconnecting client's routine step 2): it changes nothing.
      b.ws.send(step2Frame(Y.encodeStateAsUpdate(a.doc)));
      b.ws.send(new Uint8Array([3])); // query awareness: its answer proves the step 2 was handled
      await b.log.next((f) => f.type === "awareness", seen);
      expect(b.log.frames.slice(seen).some((f) => f.type === "saved")).toBe(false);
      expect(a.allSaved()).toBe(false);
    } finally {
      lock.exec("ROLLBACK");
      lock.close();
    }
    const saved = await b.log.next((f) => f.type === "saved" && (f.stateVector.get(a.doc.clientID) ?? 0) >= Y.getState(a.doc.store, a.doc.clientID));
    expect(saved.type).toBe("saved");
    await a.until(() => a.allSaved(), "a saved");
    expect(bodyText(storedDoc(id).doc)).toContain("während des Commits");
    b.ws.close();
    a.destroy();
  });
});

describe("budgets and backpressure", () => {
  it("answers sync step 1 from the cache whatever made-up state vector a reader sends, and only a few times", async () => {
    const id = await newPaper("Zustandsvektor");
    const reader = await raw("gast", id);
    await reader.log.next((f) => f.type === "saved");
    const fake = Y.encodeStateVector(new Map([[999999, 1], [123, 77]]));
    for (let i = 0; i < 400; i++) reader.ws.send(step1Frame(i % 2 ? fake : new Uint8Array([0])));
    reader.ws.send(new Uint8Array([3]));
    const editor = client("by", id);
    await synced(editor);
    editor.provider.awareness.setLocalStateField("cursor", null);
    await reader.log.next((f) => f.type === "awareness");
    const answers = reader.log.frames.filter((f) => f.type === "sync" && f.syncType === syncProtocol.messageYjsSyncStep2);
    expect(answers.length).toBeLessThanOrEqual(COLLAB_LIMITS.syncStep1Burst);
    expect(t.collab.rooms.rooms.get(id)!.fullStateFrames.size).toBe(1);
    expect(reader.log.closeCode()).toBeNull();
    reader.ws.close();
    editor.destroy();
  });

  it("terminates a socket that stops reading once its buffered bytes pass the cap, and never drops frames from open ones", async () => {
    const id = await newPaper("Langsamer Leser");
    const reader = await raw("gast", id);
    await reader.log.next((f) => f.type === "saved");
    (reader.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const observer = client("nw", id);
    const writer = client("by", id);
    await synced(observer, writer);
    const room = t.collab.rooms.rooms.get(id)!;
    const readerConn = [...room.conns].find((c) => c.access.user.id === userIds.get(DEMO.gast))!;
    for (let i = 0; i < 12; i++) appendParagraph(writer.doc, `${i} ${"x".repeat(1024 * 1024)}`);
    await writer.until(() => writer.allSaved(), "writer saved");
    await observer.until(() => bodyText(observer.doc) === bodyText(writer.doc), "observer has everything");
    // The paper is now 12 MB; the cap is twice that. Asking for it three more times passes the cap.
    for (let i = 0; i < COLLAB_LIMITS.syncStep1Burst; i++) reader.ws.send(step1Frame(new Uint8Array([0])));
    await until(() => readerConn.closed, "slow reader closed");
    expect(readerConn.slowReader).toBe(true);
    expect([...room.conns]).not.toContain(readerConn);
    expect(observer.closeEvents).toEqual([]);
    observer.destroy();
    writer.destroy();
  });

  it("checks only a reader's one routine step 2; resending the whole paper is a violation and closes it", async () => {
    const id = await newPaper("Wiederholung");
    const reader = await raw("gast", id);
    const full = storedDoc(id).state;
    reader.ws.send(step2Frame(full)); // the routine answer to the server's step 1: contained, ignored
    reader.ws.send(new Uint8Array([3]));
    await reader.log.next((f) => f.type === "awareness" || f.type === "sync");
    expect(reader.log.closeCode()).toBeNull();
    for (let i = 0; i < 300; i++) reader.ws.send(step2Frame(full));
    expect(await reader.log.closed).toBe(CLOSE_CODES.forbidden);
    const conn = [...(t.collab.rooms.rooms.get(id)?.conns ?? [])].find((c) => c.access.user.id === userIds.get(DEMO.gast));
    expect(conn).toBeUndefined();
  });

  it("caps the new client ids one connection may introduce", async () => {
    const id = await newPaper("Client-IDs");
    const attacker = await raw("by", id);
    for (let i = 0; i < COLLAB_LIMITS.maxNewClientIdsPerConnection + 3; i++) attacker.ws.send(updateFrame(paragraphUpdate(`Kennung ${i}`)));
    expect(await attacker.log.closed).toBe(CLOSE_CODES.invalidUpdate);
    await t.collab.rooms.idle();
    const text = bodyText(storedDoc(id).doc);
    expect(text).not.toContain(`Kennung ${COLLAB_LIMITS.maxNewClientIdsPerConnection}`);
  });

  it("caps open sockets per user with HTTP 429 and frees the slot when one closes", async () => {
    const id = await newPaper("Viele Sockets");
    const open = [];
    for (let i = 0; i < MAX_PER_USER; i++) open.push(await raw("ministeriumRp", id));
    const refused = await rawSocket(`${t.wsUrl}/collab/${id}`, t.headers(cookies.ministeriumRp));
    expect(refused.status).toBe(429);
    const other = await rawSocket(`${t.wsUrl}/collab/${id}`, t.headers(cookies.gast));
    expect(other.status).toBe(101);
    open[0].ws.close();
    await open[0].log.closed;
    await until(() => [...t.collab.rooms.rooms.get(id)!.conns].filter((c) => c.access.user.id === userIds.get(DEMO.ministeriumRp)).length < MAX_PER_USER, "slot freed");
    const again = await rawSocket(`${t.wsUrl}/collab/${id}`, t.headers(cookies.ministeriumRp));
    expect(again.status).toBe(101);
    for (const s of [...open, { ws: other.ws }, { ws: again.ws }]) s.ws.close();
  });
});

describe("presence rate", () => {
  it("relays at most the burst of a presence flood and drops the rest", async () => {
    const id = await newPaper("Präsenzflut");
    const observer = await raw("nw", id);
    await observer.log.next((f) => f.type === "saved");
    const flooder = await raw("by", id);
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(localCopy(id).getXmlFragment(YJS_FRAGMENT), 0));
    const flood = 300;
    for (let i = 1; i <= flood; i++) flooder.ws.send(awarenessFrame([{ clientId: 777, clock: i, state: { cursor: { anchor: { ...at, assoc: i }, head: at } } }]));
    // A marker from a third socket, sent after the flood was handled: everything relayed has arrived by then.
    flooder.ws.send(new Uint8Array([3]));
    await flooder.log.next((f) => f.type === "awareness");
    const marker = client("leitung", id);
    await synced(marker);
    marker.provider.awareness.setLocalStateField("cursor", null);
    await observer.log.next((f) => f.type === "awareness" && f.states.some((st) => st.clientId === marker.doc.clientID));
    const relayed = observer.log.frames.filter((f) => f.type === "awareness" && f.states.some((st) => st.clientId === 777)).length;
    expect(relayed).toBeGreaterThan(0);
    expect(relayed).toBeLessThan(flood / 2);
    expect(relayed).toBeLessThanOrEqual(COLLAB_LIMITS.awarenessBurst + 10);
    for (const sck of [observer, flooder]) sck.ws.close();
    marker.destroy();
  });
});

describe("failure isolation", () => {
  it("holds back only the document whose rows fail, reports it in health, and commits it once the disk takes it", async () => {
    const broken = await newPaper("Schreibfehler");
    const healthy = await newPaper("Gesund");
    const sqlite = openSqlite(getEnv().databaseFile);
    sqlite.exec(`CREATE TRIGGER refuse_one BEFORE INSERT ON "DocumentUpdate" WHEN NEW.documentId = '${broken}' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`);
    try {
      const a = client("by", broken);
      const b = client("nw", healthy);
      await synced(a, b);
      appendParagraph(a.doc, "hängt fest");
      appendParagraph(b.doc, "kommt durch");
      await b.until(() => b.allSaved(), "the healthy document commits");
      await until(() => t.collab.rooms.failingDocuments().includes(broken), "failure visible");
      expect(t.collab.rooms.failingDocuments()).toEqual([broken]);
      const health = await healthz();
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "degraded", failingDocuments: [broken] });
      expect(a.allSaved()).toBe(false);
      expect(bodyText(storedDoc(healthy).doc)).toContain("kommt durch");
      expect(bodyText(storedDoc(broken).doc)).not.toContain("hängt fest");
      sqlite.exec(`DROP TRIGGER refuse_one`);
      await a.until(() => a.allSaved(), "committed after the disk took it", 40_000);
      expect(t.collab.rooms.failingDocuments()).toEqual([]);
      expect(await (await healthz()).json()).toEqual({ status: "ok" });
      expect(bodyText(storedDoc(broken).doc)).toContain("hängt fest");
      a.destroy();
      b.destroy();
    } finally {
      sqlite.exec(`DROP TRIGGER IF EXISTS refuse_one`);
      sqlite.close();
    }
  });
});

describe("revocation fails closed", () => {
  it("closes a socket whose permission re-check throws", async () => {
    const id = await newPaper("Prüfung scheitert");
    const c = client("nw", id);
    await synced(c);
    const sqlite = openSqlite(getEnv().databaseFile);
    sqlite.exec(`ALTER TABLE "DocumentAccess" RENAME TO "DocumentAccessWeg"`);
    try {
      await t.collab.rooms.permissionsChanged({ documentId: id });
    } finally {
      sqlite.exec(`ALTER TABLE "DocumentAccessWeg" RENAME TO "DocumentAccess"`);
      sqlite.close();
    }
    await c.until(() => c.closeEvents.some((e) => e.code === CLOSE_CODES.accessCheckFailed), "closed");
    c.destroy();
  });
});

describe("adoption under typing", () => {
  it("adopts exactly the acknowledged text, keeps the editors connected and read-only, and makes them writable again", async () => {
    const id = await newPaper("Beschluss beim Tippen");
    const leitung = await db.user.findUniqueOrThrow({ where: { email: DEMO.leitung } });
    const editors = [client("by", id), client("nw", id)];
    const reading = client("leitung", id); // an editor who reads along and types only after the thaw
    await synced(...editors, reading);
    const typed: string[][] = [[], []];
    let typing = true;
    // Both editors type until they are told the text is frozen, one paragraph per event-loop turn.
    const loops = editors.map(async (e, i) => {
      for (let n = 0; typing && !e.documentEvents.includes("frozen"); n++) {
        const text = `Editor ${i} Absatz ${n}`;
        appendParagraph(e.doc, text);
        typed[i].push(text);
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    await editors[0].until(() => typed[0].length > 20 && typed[1].length > 20, "both typing");
    const result = await changeDocumentStatus(leitung.id, { id, status: "draft", title: "Beschluss beim Tippen" }, "adopted", { versionName: "Beschlossen" });
    expect(result.ok).toBe(true);
    typing = false;
    await Promise.all(loops);
    for (const e of editors) await e.until(() => e.documentEvents.includes("frozen"), "told it is frozen");

    const version = await db.documentVersion.findFirstOrThrow({ where: { documentId: id, kind: "status", name: "Beschlossen" } });
    const adopted = new Y.Doc();
    Y.applyUpdate(adopted, version.state);
    const adoptedText = bodyText(adopted);
    const adoptedLines = adoptedText.split("\n");
    // The adopted version holds exactly the paragraphs each editor was told are on disk (the saved
    // message comes before "frozen"): nothing acknowledged is missing, nothing unacknowledged slipped in.
    editors.forEach((e, i) => {
      const acknowledged = acknowledgedParagraphs(e);
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(adoptedLines.filter((line) => line.startsWith(`Editor ${i} `))).toEqual(acknowledged);
    });
    // The adopted version equals the frozen text exactly, and keystrokes after the freeze changed nothing.
    appendParagraph(editors[0].doc, "nach dem Beschluss");
    await presenceRoundTrip(editors[0], editors[1]); // the server has handled (and dropped) the edit
    await t.collab.rooms.idle();
    const frozen = storedDoc(id);
    expect(bodyText(frozen.doc)).toBe(adoptedText);
    expect(Y.encodeStateVector(frozen.doc)).toEqual(Y.encodeStateVector(adopted));
    expect(JSON.parse(version.contentJson)).toEqual(await storedDocumentJson(id));
    for (const e of editors) expect(e.closeEvents).toEqual([]);

    // Back to Entwurf: the same sockets become writable. An editor whose unacknowledged keystrokes were
    // dropped starts a fresh copy (as the browser does); the others type on where they are.
    const back = await changeDocumentStatus(leitung.id, { id, status: "adopted", title: "Beschluss beim Tippen" }, "draft", { versionName: "Entwurf" });
    expect(back.ok).toBe(true);
    for (const e of [...editors, reading]) await e.until(() => e.documentEvents.includes("thawed"), "told it is writable");
    appendParagraph(reading.doc, "auf demselben Socket");
    await reading.until(() => reading.allSaved(), "saved on the same socket");
    const fresh = client("by", id);
    await synced(fresh);
    expect(bodyText(fresh.doc)).toBe(`${adoptedText}\nauf demselben Socket`);
    appendParagraph(fresh.doc, "wieder im Entwurf");
    await fresh.until(() => fresh.allSaved(), "saved again");
    expect(bodyText(storedDoc(id).doc)).toContain("wieder im Entwurf");
    expect(bodyText(storedDoc(id).doc)).toContain("auf demselben Socket");
    for (const e of [...editors, reading]) expect(e.closeEvents).toEqual([]);
  });
});

/** The paragraphs this client appended whose text the server acknowledged as durable. */
function acknowledgedParagraphs(c: CollabClient) {
  const saved = c.saved().get(c.doc.clientID) ?? 0;
  const out: string[] = [];
  for (const el of c.doc.getXmlFragment(YJS_FRAGMENT).toArray()) {
    if (!(el instanceof Y.XmlElement) || el._item?.id.client !== c.doc.clientID) continue;
    const text = el.get(0) as Y.XmlText;
    const item = text._start;
    if (item && item.id.clock + item.length <= saved) out.push(text.toString());
  }
  return out;
}

describe("per-address cap", () => {
  it("refuses the next upgrade from a full address with HTTP 429, whoever asks", async () => {
    const capped = await startTestCollab({ maxConnectionsPerAddress: 3 });
    try {
      const id = await newPaper("Eine Adresse");
      const open = [];
      for (const who of ["by", "nw", "gast"] as const) {
        const s = await rawClient(`${capped.wsUrl}/collab/${id}`, capped.headers(cookies[who]));
        expect(s.status).toBe(101);
        open.push(s);
      }
      const refused = await rawClient(`${capped.wsUrl}/collab/${id}`, capped.headers(cookies.leitung));
      expect(refused.status).toBe(429);
      for (const s of open) s.ws.close();
    } finally {
      await capped.close();
    }
  });
});

describe("per-address cap behind a reverse proxy", () => {
  it("counts the forwarded client address, not the proxy's", async () => {
    const proxied = await startTestCollab({ maxConnectionsPerAddress: 2, trustProxy: 1 });
    try {
      const id = await newPaper("Hinter dem Proxy");
      const from = (address: string, who: keyof typeof DEMO) =>
        rawClient(`${proxied.wsUrl}/collab/${id}`, { ...proxied.headers(cookies[who]), "X-Forwarded-For": address });
      const a = [await from("203.0.113.7", "by"), await from("203.0.113.7", "nw")];
      expect(a.map((s) => s.status)).toEqual([101, 101]);
      expect((await from("203.0.113.7", "gast")).status).toBe(429);
      const other = await from("198.51.100.9", "gast"); // another client behind the same proxy
      expect(other.status).toBe(101);
      for (const s of [...a, other]) s.ws.close();
    } finally {
      await proxied.close();
    }
  });
});
