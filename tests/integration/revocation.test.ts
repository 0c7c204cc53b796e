// Revocation is immediate and fails closed, in-process against a real SQLite copy: on a frozen
// paper nobody resolves or reopens comment threads (the comments route, called as Remix calls it);
// disabling, logout, a password change and a platform role change close the user's open
// collaboration sockets at once, over real sockets, with the periodic re-check switched off.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canResolve, createCommentThread, listCommentThreads, setCommentThreadResolved } from "../../app/models/comments.server.ts";
import { documentAccessFor } from "../../app/models/documents.server.ts";
import { parsePostBody } from "../../app/models/forum.server.ts";
import { changeDocumentStatus } from "../../app/models/lifecycle.server.ts";
import { loadActors } from "../../app/models/notifications.server.ts";
import { changePassword, setPlatformRole, setUserStatus } from "../../app/models/users.server.ts";
import { action as commentsAction, loader as commentsLoader } from "../../app/routes/documents.$id.comments.ts";
import { CLOSE_CODES } from "../../app/domain/collab.ts";
import { db, dbReady } from "../../app/db/prisma.server.ts";
import type { DocumentStatus } from "../../app/domain/model.ts";
import { createSession, endSession, sessionCookie } from "../../app/auth/session.server.ts";
import { MINT_PAPER_TITLE } from "../../prisma/seed-documents.ts";
import { attachCollabServer, type CollabServer } from "../../server/collab/index.ts";
import { connectClient, type CollabClient } from "../support/collab.ts";
import { DEMO, TEST_PASSWORD } from "../support/paths.ts";

await dbReady;

const TH = "th@laenderforum.example";
const ids: Record<string, string> = {};
let paperId: string;

async function cookieFor(email: string) {
  return (await sessionCookie().serialize(await createSession(ids[email], null))).split(";")[0];
}

/** Calls a route function as Remix would; a thrown 403/404 comes back as its status. */
async function route(fn: typeof commentsAction | typeof commentsLoader, email: string, form?: Record<string, string>) {
  const request = new Request(`http://localhost/documents/${paperId}/comments`, form
    ? { method: "POST", headers: { Cookie: await cookieFor(email), "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() }
    : { headers: { Cookie: await cookieFor(email) } });
  try {
    const value = await fn({ request, params: { id: paperId }, context: { clientIp: "test" } });
    if (value instanceof Response) return { status: value.status, body: await value.json() as unknown };
    return { status: 200, body: value as unknown };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: null };
    return { status: (thrown as { init?: ResponseInit }).init?.status ?? 500, body: null };
  }
}

const paper = async () => (await db.document.findUniqueOrThrow({ where: { id: paperId }, select: { id: true, status: true, title: true } })) as { id: string; status: DocumentStatus; title: string };

beforeAll(async () => {
  for (const u of await db.user.findMany({ select: { id: true, email: true } })) ids[u.email] = u.id;
  paperId = (await db.document.findFirstOrThrow({ where: { title: MINT_PAPER_TITLE } })).id;
});

describe("comment threads on a frozen paper", () => {
  it("nobody resolves or reopens them once the paper is adopted; the threads stay as they were", async () => {
    const anchor = { anchorStart: "AJv55pQJrgFB", anchorEnd: "AJv55pQJyQFB", quote: "Kitas", prefix: "", suffix: "" };
    const body = parsePostBody("Bitte belegen.");
    if (!body.ok) throw new Error(body.error);
    const open = await createCommentThread(ids[DEMO.ministeriumRp], paperId, anchor, body);
    const resolved = await createCommentThread(ids[DEMO.ministeriumRp], paperId, anchor, body);
    expect(await setCommentThreadResolved(ids[DEMO.by], { id: resolved.id, documentId: paperId }, true)).toBe(true);
    const snapshot = async () => (await db.commentThread.findMany({ where: { id: { in: [open.id, resolved.id] } }, orderBy: { id: "asc" }, select: { id: true, resolvedAt: true, resolvedById: true } }));
    const before = await snapshot();

    expect(await changeDocumentStatus(ids[DEMO.leitung], await paper(), "adopted", { versionName: "Beschlossen" })).toMatchObject({ ok: true });

    // The thread's author (commenter), an editor, the chair and an admin: all refused.
    for (const email of [DEMO.ministeriumRp, DEMO.by, DEMO.leitung, DEMO.admin]) {
      expect((await route(commentsAction, email, { intent: "resolve", threadId: open.id })).status, `${email} resolve`).toBe(403);
      expect((await route(commentsAction, email, { intent: "reopen", threadId: resolved.id })).status, `${email} reopen`).toBe(403);
      const access = (await documentAccessFor((await loadActors([ids[email]]))[0], paperId))!;
      expect(canResolve((await loadActors([ids[email]]))[0], access.resource, { authorId: ids[DEMO.ministeriumRp] }), email).toBe(false);
    }
    // The sidebar offers neither.
    const list = (await route(commentsLoader, DEMO.by)).body as { threads: Array<{ id: string; canResolve: boolean }> };
    expect(list.threads.filter((t) => t.id === open.id || t.id === resolved.id).map((t) => t.canResolve)).toEqual([false, false]);
    // The write itself refuses too (a status change between a check and the write).
    expect(await setCommentThreadResolved(ids[DEMO.by], { id: open.id, documentId: paperId }, true)).toBe(false);
    expect(await snapshot()).toEqual(before);
    expect((await listCommentThreads(paperId)).find((t) => t.id === resolved.id)?.resolvedAt).not.toBeNull();

    // Back to Entwurf, the same request goes through: it was the freeze that refused it.
    expect(await changeDocumentStatus(ids[DEMO.leitung], await paper(), "draft", { versionName: "Wieder Entwurf" })).toMatchObject({ ok: true });
    expect((await route(commentsAction, DEMO.by, { intent: "resolve", threadId: open.id })).status).toBe(200);
    expect((await db.commentThread.findUniqueOrThrow({ where: { id: open.id } })).resolvedAt).not.toBeNull();
  });
});

describe("open collaboration sockets", () => {
  let server: http.Server;
  let collab: CollabServer;
  let baseUrl: string;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    server = http.createServer((_req, res) => res.writeHead(404).end());
    // The periodic re-check effectively off: only the immediate re-check can close a socket here.
    collab = attachCollabServer(server, { permissionRecheckMs: 2_000_000_000, groupCommitMs: 5, unloadGraceMs: 50 });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await collab?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function openEditor(cookie: string) {
    const c = connectClient(baseUrl, paperId, { Cookie: cookie, Origin: baseUrl });
    clients.push(c);
    await c.until(() => c.provider.synced, "synced");
    return c;
  }

  async function closedByServer(c: CollabClient) {
    await c.until(() => c.closeEvents.length > 0, "closed by the server");
    c.provider.disconnect(); // no reconnect attempts with the dead session
    return c.closeEvents[0].code;
  }

  const revoked: number[] = [CLOSE_CODES.unauthenticated, CLOSE_CODES.forbidden];

  it("disabling a user closes their sockets at once", async () => {
    const c = await openEditor(await cookieFor(DEMO.nw));
    await setUserStatus(ids[DEMO.admin], ids[DEMO.nw], "disabled");
    expect(revoked).toContain(await closedByServer(c));
    await setUserStatus(ids[DEMO.admin], ids[DEMO.nw], "active");
  });

  it("logging out closes the sockets of that session at once", async () => {
    const cookie = await cookieFor(DEMO.by);
    const c = await openEditor(cookie);
    const response = await endSession(new Request("http://localhost/logout", { method: "POST", headers: { Cookie: cookie } }));
    expect(response.status).toBe(302);
    expect(revoked).toContain(await closedByServer(c));
  });

  it("changing the password closes the sockets of the user's other sessions at once", async () => {
    const c = await openEditor(await cookieFor(TH));
    const current = await createSession(ids[TH], null);
    expect((await changePassword(ids[TH], current, TEST_PASSWORD, "ein-neues-passwort-1")).ok).toBe(true);
    expect(revoked).toContain(await closedByServer(c));
  });

  it("taking away the admin role closes a socket the role alone allowed", async () => {
    // The admin is no member of the paper's Gremium: only the platform role let them in.
    const c = await openEditor(await cookieFor(DEMO.admin));
    await setPlatformRole(ids[DEMO.leitung], ids[DEMO.admin], "member");
    expect(await closedByServer(c)).toBe(CLOSE_CODES.forbidden);
    await setPlatformRole(ids[DEMO.leitung], ids[DEMO.admin], "admin");
  });
});
