// The app ↔ collaboration link (decision 024): one suite, run against the in-process link on the
// room registry and against the IPC link to a real, separately forked collaboration process (the
// test plays the web worker: it hands its upgrade sockets over and calls the link over the channel).
// Real SQLite copy, real WebSocket clients, real processes; both must behave the same, including
// the refusals (with their codes) and a freeze whose owner went away.
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CollabLinkError, type CollabLink, type LinkReply, type LinkRequest } from "../../app/infra/collab-link/types.ts";
import { currentCollabLink, setCollabLink, withFrozenText } from "../../app/infra/collab-link/index.ts";
import { rpcLink } from "../../app/infra/collab-link/rpc.ts";
import { createDocument, setDocumentAccess } from "../../app/models/documents.server.ts";
import { db } from "../../app/db/prisma.server.ts";
import { roomsLink } from "../../server/collab/link.ts";
import { handOffUpgrades } from "../../server/web-worker.ts";
import { appendParagraph, bodyText, connectClient, type CollabClient } from "../support/collab.ts";
import { startTestCollab } from "../support/collab-server.ts";
import { DEMO, ROOT } from "../support/paths.ts";

type Harness = {
  baseUrl: string;
  link: CollabLink;
  /** The calling process is gone (a web worker died): its freezes must thaw. */
  ownerGone(): void;
  close(): Promise<void>;
};

async function inProcess(): Promise<Harness> {
  const t = await startTestCollab();
  return { baseUrl: t.baseUrl, link: roomsLink(t.collab.rooms, "test"), ownerGone: () => void t.collab.rooms.thawOwner("test"), close: () => t.close() };
}

async function overIpc(): Promise<Harness> {
  const child: ChildProcess = fork("server/index.ts", [], {
    cwd: ROOT, execArgv: ["--import", "tsx"], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, NODE_ENV: "production", LAENDERFORUM_ROLE: "collab" },
  });
  await new Promise<void>((resolve, reject) => {
    child.on("message", (m: { ch?: string }) => m?.ch === "ready" && resolve());
    child.once("exit", (code) => reject(new Error(`collaboration process exited with ${code}`)));
  });
  const link = rpcLink({
    send(request: LinkRequest) {
      if (!child.connected) throw new Error("the collaboration process is gone");
      child.send({ ...request, from: "test" });
    },
    listen(handlers) {
      child.on("message", (m: { ch?: string }) => m?.ch === "link-reply" && handlers.reply(m as LinkReply));
      child.on("exit", () => handlers.down());
    },
  });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  handOffUpgrades(server, child as never);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    link,
    ownerGone: () => child.send({ ch: "peer-exit", from: "test" }),
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ ch: "shutdown" });
      await exited;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const ids: Record<string, string> = {};
let spaceId: string;

beforeAll(async () => {
  for (const u of await db.user.findMany({ select: { id: true, email: true } })) ids[u.email] = u.id;
  spaceId = (await db.space.findUniqueOrThrow({ where: { slug: "laenderbeirat" } })).id;
});

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

describe.each([
  ["in-process", inProcess],
  ["IPC to a forked collaboration process", overIpc],
])("the collaboration link, %s", (_name, start) => {
  let h: Harness;
  const clients: CollabClient[] = [];
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    h = await start();
    const { createSession, sessionCookie } = await import("../../app/auth/session.server.ts");
    for (const email of [DEMO.by, DEMO.nw]) cookies[email] = (await sessionCookie().serialize(await createSession(ids[email], null))).split(";")[0];
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await h.close();
  });

  async function newPaper(title: string) {
    const { id } = await createDocument(ids[DEMO.by], { spaceId, title, template: "position-paper", templateIntro: `Einleitung zu ${title}.` });
    await setDocumentAccess(ids[DEMO.by], id, ids[DEMO.nw], "editor");
    return id;
  }

  async function open(email: string, documentId: string) {
    const c = connectClient(h.baseUrl, documentId, { Cookie: cookies[email], Origin: h.baseUrl });
    clients.push(c);
    await c.until(() => c.provider.synced, "synced");
    return c;
  }

  async function code(promise: Promise<unknown>) {
    try {
      await promise;
    } catch (error) {
      return (error as CollabLinkError).code ?? String(error);
    }
    return "resolved";
  }

  it("answers presence for a whole list in one call, one entry per person", async () => {
    const [open1, closed] = [await newPaper("Präsenz offen"), await newPaper("Präsenz zu")];
    await open(DEMO.by, open1);
    await open(DEMO.by, open1);
    await open(DEMO.nw, open1);
    const presence = await h.link.presence([open1, closed, "gibt-es-nicht"]);
    expect(Object.keys(presence)).toEqual([open1]);
    expect(presence[open1]).toHaveLength(2);
    expect(presence[open1].every((p) => typeof p.name === "string" && /^#|hsl|rgb/.test(p.color))).toBe(true);
    expect(await h.link.presence([])).toEqual({});
  });

  it("delivers document events to everyone with the paper open", async () => {
    const id = await newPaper("Ereignisse");
    const a = await open(DEMO.by, id);
    const b = await open(DEMO.nw, id);
    await h.link.documentEvent(id, "comments");
    await a.until(() => a.documentEvents.includes("comments"), "event at a");
    await b.until(() => b.documentEvents.includes("comments"), "event at b");
  });

  it("freezes with exactly the acknowledged text, holds other changes until the thaw, and thaws", async () => {
    const id = await newPaper("Einfrieren");
    const a = await open(DEMO.by, id);
    appendParagraph(a.doc, "bestätigt vor dem Einfrieren");
    await a.until(() => a.allSaved(), "saved");
    const frozen = await h.link.freeze(id);
    expect(frozen.state).toBeInstanceOf(Uint8Array);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, frozen.state);
    expect(bodyText(copy)).toBe(bodyText(a.doc));
    copy.destroy();
    // A server-made change waits for the thaw (status changes and live changes of one paper are serial).
    const order: string[] = [];
    const change = h.link.applyLiveChange(id, { type: "restore", content: { type: "doc", content: [paragraph("Nach dem Auftauen.")] } })
      .then(() => order.push("change"));
    await h.link.presence([id]); // a full round trip: the change has reached the room by now
    order.push("thaw");
    await h.link.thaw(frozen.token, true);
    await change;
    expect(order).toEqual(["thaw", "change"]);
    await a.until(() => bodyText(a.doc) === "Nach dem Auftauen.", "the change reached the editor");
    // A stale or forged token is ignored, not an error.
    await h.link.thaw(frozen.token, true);
    await h.link.thaw("kein-token", false);
  });

  it("thaws a room whose freezing process went away", async () => {
    const id = await newPaper("Verwaist");
    const a = await open(DEMO.by, id);
    await h.link.freeze(id); // never thawed by its owner
    h.ownerGone();
    const again = await h.link.freeze(id); // would wait for the freeze timeout otherwise
    await h.link.thaw(again.token, false);
    appendParagraph(a.doc, "nach dem Auftauen geschrieben");
    await a.until(() => a.allSaved(), "writes are accepted again");
  });

  it("refuses a freeze that comes after its caller stopped waiting, and the room stays writable", async () => {
    const id = await newPaper("Zu spät");
    const a = await open(DEMO.by, id);
    expect(await code(h.link.freeze(id, Date.now() - 1))).toBe("LINK_TIMEOUT");
    appendParagraph(a.doc, "nicht eingefroren");
    await a.until(() => a.allSaved(), "writes are accepted");
  });

  it("refuses a freeze still waiting for its turn when its process goes away", async () => {
    const id = await newPaper("Wartend verwaist");
    const a = await open(DEMO.by, id);
    await h.link.freeze(id);
    const waiting = code(h.link.freeze(id)); // queued behind the first
    h.ownerGone();
    expect(await waiting).toBe("LINK_TIMEOUT");
    appendParagraph(a.doc, "nach beiden Freezes geschrieben");
    await a.until(() => a.allSaved(), "writes are accepted again");
  });

  it("reports a committed status change as done although its thaw cannot be delivered", async () => {
    const id = await newPaper("Auftauen verloren");
    const a = await open(DEMO.by, id);
    // The thaw travels over a transport whose other side is gone (the collaboration process restarts).
    const down = rpcLink({ send: () => { throw new Error("gone"); }, listen: () => {} });
    const previous = currentCollabLink();
    setCollabLink({ ...h.link, thaw: down.thaw });
    try {
      expect(await withFrozenText(id, async () => "gespeichert")).toBe("gespeichert");
    } finally {
      setCollabLink(previous);
    }
    h.ownerGone(); // the collaboration side thaws what its gone caller held
    appendParagraph(a.doc, "nach dem verlorenen Auftauen");
    await a.until(() => a.allSaved(), "writes are accepted again");
  });

  it("restores as a live change: returns the text it replaced, editors receive the change", async () => {
    const id = await newPaper("Wiederherstellen");
    const a = await open(DEMO.nw, id);
    const textBefore = bodyText(a.doc);
    const result = await h.link.applyLiveChange(id, { type: "restore", content: { type: "doc", content: [paragraph("Nur noch dies.")] } });
    expect(result.before).toBeInstanceOf(Uint8Array);
    const before = new Y.Doc();
    Y.applyUpdate(before, result.before);
    expect(bodyText(before)).toBe(textBefore);
    before.destroy();
    expect(JSON.stringify(result.beforeJson)).toContain("Einleitung zu Wiederherstellen.");
    await a.until(() => bodyText(a.doc) === "Nur noch dies.", "restored text at the editor");
  });

  it("carries refusals with their codes and leaves the text alone on hostile changes", async () => {
    const id = await newPaper("Abgelehnt");
    const a = await open(DEMO.by, id);
    const text = bodyText(a.doc);
    expect(await code(h.link.applyLiveChange("gibt-es-nicht", { type: "restore", content: { type: "doc", content: [] } }))).toBe("DOCUMENT_NOT_FOUND");
    expect(await code(h.link.freeze("gibt-es-nicht"))).toBe("DOCUMENT_NOT_FOUND");
    // Outside the schema, unknown change types, and content that is no document at all.
    expect(await code(h.link.applyLiveChange(id, { type: "restore", content: { type: "doc", content: [{ type: "script", content: [] }] } }))).not.toBe("resolved");
    expect(await code(h.link.applyLiveChange(id, { type: "delete-everything" } as never))).not.toBe("resolved");
    expect(await code(h.link.applyLiveChange(id, { type: "restore", content: "<p>kein JSON-Dokument</p>" }))).not.toBe("resolved");
    expect(await code((h.link as unknown as Record<string, () => Promise<unknown>>).presence.call(h.link))).not.toBe("resolved");
    // Still the same text, and the room still takes edits.
    appendParagraph(a.doc, "geht noch");
    await a.until(() => a.allSaved(), "saved after the refusals");
    expect(bodyText(a.doc)).toBe(`${text}\ngeht noch`);
    await db.document.update({ where: { id }, data: { status: "adopted" } });
    expect(await code(h.link.applyLiveChange(id, { type: "restore", content: { type: "doc", content: [paragraph("zu spät")] } }))).toBe("DOCUMENT_FROZEN");
  });

  it("re-checks open sockets on a permission change before it resolves", async () => {
    const id = await newPaper("Entzug");
    const b = await open(DEMO.nw, id);
    const a = await open(DEMO.by, id);
    const other = await newPaper("Unberührt");
    const c = await open(DEMO.nw, other);
    // Changed behind the app's back, so only the link's re-check can tell the sockets.
    await db.document.update({ where: { id }, data: { status: "adopted" } });
    await h.link.permissionsChanged({ documentId: id });
    await a.until(() => a.documentEvents.includes("frozen"), "a re-decided");
    await b.until(() => b.documentEvents.includes("frozen"), "b re-decided");
    expect(c.documentEvents).toEqual([]);
  });

  it("reports no failing documents on a healthy disk", async () => {
    expect(await h.link.failingDocuments()).toEqual([]);
  });
});

describe("the IPC link when the collaboration process is gone", () => {
  it("fails calls in flight and new calls with COLLAB_UNAVAILABLE instead of hanging", async () => {
    const h = await overIpc();
    expect(await h.link.failingDocuments()).toEqual([]);
    const closing = h.close();
    const inFlight = h.link.presence(["x"]).catch((e: unknown) => e);
    await closing;
    const after = await h.link.presence(["x"]).catch((e: unknown) => e);
    expect((after as CollabLinkError).code).toBe("COLLAB_UNAVAILABLE");
    const first = await inFlight;
    // Either answered before the exit or failed by it; never left waiting.
    expect(first instanceof CollabLinkError ? first.code : "answered").toMatch(/^(answered|COLLAB_UNAVAILABLE)$/);
  });
});
