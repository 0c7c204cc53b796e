// Guards for loaders and actions. They throw: a redirect to /login, a 403, or a 404 where even the
// existence of a resource must not leak. The rules themselves are in permissions.ts.
import { data, redirect } from "@remix-run/node";
import { m } from "../i18n/messages.ts";
import { db } from "../db/db.server.ts";
import { compiledOnce } from "../db/compiled.server.ts";
import { fromDbDate } from "../db/values.ts";
import { can, type DocumentAction, type PlatformAction, type SpaceAction } from "../domain/permissions.ts";
import { documentAccessFor } from "../models/documents.server.ts";
import { getSessionUser, type SessionUser } from "./session.server.ts";

// Guards called twice in one request (layout and page loader, or a loader and a helper) look a
// thing up once: the answers are kept per Request object. Remix gives the loaders that run after an
// action a new Request, so they see what the action changed.
const cache = new WeakMap<Request, Map<string, Promise<unknown>>>();

function perRequest<T>(request: Request, key: string, load: () => Promise<T>): Promise<T> {
  let entries = cache.get(request);
  if (!entries) cache.set(request, (entries = new Map()));
  let found = entries.get(key) as Promise<T> | undefined;
  if (!found) entries.set(key, (found = load()));
  return found;
}

const spaceRows = compiledOnce(["slug"], (p) => db.selectFrom("Space").selectAll().where("slug", "=", p.slug));

async function spaceBySlug(slug: string) {
  const [row] = await spaceRows({ slug });
  return row && { ...row, createdAt: fromDbDate(row.createdAt) };
}

const threadRows = compiledOnce(["threadId"], (p) =>
  db
    .selectFrom("Thread as t")
    .innerJoin("Space as s", "s.id", "t.spaceId")
    .selectAll("t")
    .select(["s.slug as spaceSlug", "s.name as spaceName", "s.visibility as spaceVisibility"])
    .where("t.id", "=", p.threadId)
    .where("t.deletedAt", "is", null),
);

/** A thread that is not deleted, with its Gremium, in the shape loaders use (booleans, Dates). */
async function liveThread(threadId: string) {
  const [row] = await threadRows({ threadId });
  if (!row) return null;
  const { spaceSlug, spaceName, spaceVisibility, ...thread } = row;
  return {
    ...thread,
    pinned: thread.pinned === 1,
    locked: thread.locked === 1,
    createdAt: fromDbDate(thread.createdAt),
    lastActivityAt: fromDbDate(thread.lastActivityAt),
    deletedAt: fromDbDate(thread.deletedAt),
    space: { id: thread.spaceId, slug: spaceSlug, name: spaceName, visibility: spaceVisibility },
  };
}

export function forbidden(): never {
  throw data({ message: m.errors.forbidden }, { status: 403 });
}

export function notFound(): never {
  throw data({ message: m.errors.notFound }, { status: 404 });
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
    throw redirect(`/login?${params}`);
  }
  return user;
}

export async function requirePlatformPermission(request: Request, action: PlatformAction) {
  const user = await requireUser(request);
  if (!can(user, action, { type: "platform" })) forbidden();
  return user;
}

/**
 * Loads a Gremium by slug for an action. A Gremium the user may not read answers 404, the same as
 * one that does not exist; a readable one without the right for `action` answers 403.
 */
export async function requireSpacePermission(request: Request, slug: string, action: SpaceAction) {
  const user = await requireUser(request);
  const space = await perRequest(request, `space:${slug}`, () => spaceBySlug(slug));
  if (!space) notFound();
  const resource = { type: "space" as const, id: space.id, visibility: space.visibility };
  if (!can(user, "read", resource)) notFound();
  if (!can(user, action, resource)) forbidden();
  return { user, space, resource };
}

/**
 * Loads a position paper for an action. A document the user may not read answers 404, the same as
 * one that does not exist; a readable one without the right for `action` answers 403.
 */
export async function requireDocumentPermission(request: Request, documentId: string, action: DocumentAction) {
  const user = await requireUser(request);
  const found = await documentAccessFor(user, documentId);
  if (!found || !can(user, "read", found.resource)) notFound();
  if (!can(user, action, found.resource)) forbidden();
  return { user, ...found, role: found.role! };
}

/** A thread the user may read (404 otherwise, as for a missing one); 403 when `action` is not allowed. */
export async function requireThread(request: Request, threadId: string | undefined, action: SpaceAction = "read") {
  const user = await requireUser(request);
  const thread = threadId ? await perRequest(request, `thread:${threadId}`, () => liveThread(threadId)) : null;
  if (!thread) notFound();
  const space = { type: "space" as const, id: thread.space.id, visibility: thread.space.visibility };
  if (!can(user, "read", space)) notFound();
  if (!can(user, action, space)) forbidden();
  return { user, thread, space };
}
