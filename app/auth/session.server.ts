// Sessions live in the database (revocable); the cookie carries only the signed session id. Ending
// sessions re-checks the user's open collaboration sockets at once, so a socket opened with an
// ended session is closed before the request answers.
import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { notifyCollabPermissionsChanged } from "../infra/collab-bridge.server.ts";
import { SESSION_TTL_DAYS, type PlatformRole, type SpaceRole, type UserStatus } from "../domain/model.ts";
import { db } from "../db/prisma.server.ts";
import { getEnv } from "../infra/env.server.ts";
import { prepared } from "../db/sqlite.server.ts";
import type { Actor } from "../domain/permissions.ts";

export const SESSION_COOKIE_NAME = "lf_session";
const DAY_MS = 24 * 60 * 60 * 1000;

let cookie: ReturnType<typeof createCookie> | undefined;
export function sessionCookie() {
  const env = getEnv();
  cookie ??= createCookie(SESSION_COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.PUBLIC_URL?.startsWith("https://") ?? false,
    secrets: [env.sessionSecret],
    maxAge: SESSION_TTL_DAYS * 24 * 60 * 60,
  });
  return cookie;
}

export type SessionUser = Actor & {
  name: string;
  email: string;
  sessionId: string;
  organisation: { id: string; name: string } | null;
};

/** Reads the session cookie from a header; null when absent, forged, expired, revoked or the user is not active. */
export async function getSessionUserFromCookieHeader(cookieHeader: string | null): Promise<SessionUser | null> {
  const sessionId: unknown = await sessionCookie().parse(cookieHeader);
  if (typeof sessionId !== "string") return null;
  const row = prepared(
    `SELECT s."expiresAt", u."id", u."name", u."email", u."role", u."status", o."id" AS "orgId", o."name" AS "orgName"
     FROM "Session" s JOIN "User" u ON u."id" = s."userId" LEFT JOIN "Organisation" o ON o."id" = u."organisationId"
     WHERE s."id" = ?`,
  ).get(sessionId) as
    | { expiresAt: string; id: string; name: string; email: string; role: string; status: string; orgId: string | null; orgName: string | null }
    | undefined;
  if (!row || new Date(row.expiresAt) < new Date() || row.status !== "active") return null;
  const memberships = prepared(`SELECT "spaceId", "role" FROM "Membership" WHERE "userId" = ?`).all(row.id) as Array<{ spaceId: string; role: SpaceRole }>;
  return {
    id: row.id, name: row.name, email: row.email, sessionId,
    role: row.role as PlatformRole,
    status: row.status as UserStatus,
    organisation: row.orgId ? { id: row.orgId, name: row.orgName ?? "" } : null,
    memberships,
  };
}

// The root loader and the route loader of one request both ask; look the session up once. Not for
// form posts: the loaders after an action (same request) must see what the action changed.
const perRequest = new WeakMap<Request, Promise<SessionUser | null>>();

export function getSessionUser(request: Request) {
  if (request.method !== "GET" && request.method !== "HEAD") return getSessionUserFromCookieHeader(request.headers.get("Cookie"));
  let user = perRequest.get(request);
  if (!user) {
    user = getSessionUserFromCookieHeader(request.headers.get("Cookie"));
    perRequest.set(request, user);
  }
  return user;
}

export async function createSession(userId: string, userAgent: string | null) {
  const id = crypto.randomBytes(32).toString("base64url");
  await db.session.create({
    data: { id, userId, userAgent: userAgent?.slice(0, 300), expiresAt: new Date(Date.now() + SESSION_TTL_DAYS * DAY_MS) },
  });
  return id;
}

/**
 * `Secure` when PUBLIC_URL is https, or when this request came over https (with TRUST_PROXY the
 * request URL's protocol is the one the proxy reported in X-Forwarded-Proto).
 */
function secureFor(request: Request) {
  return (getEnv().PUBLIC_URL?.startsWith("https://") ?? false) || new URL(request.url).protocol === "https:";
}

/** Redirects with a fresh session cookie. */
export async function startSession(userId: string, request: Request, redirectTo: string) {
  const id = await createSession(userId, request.headers.get("User-Agent"));
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie().serialize(id, { secure: secureFor(request) }) } });
}

export async function endSession(request: Request, redirectTo = "/login") {
  const sessionId: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof sessionId === "string") {
    const session = await db.session.findUnique({ where: { id: sessionId }, select: { userId: true } });
    await db.session.deleteMany({ where: { id: sessionId } });
    if (session) await notifyCollabPermissionsChanged({ userId: session.userId });
  }
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0, secure: secureFor(request) }) } });
}

/** Ends every session of a user, optionally keeping the current one. */
export async function revokeSessions(userId: string, exceptSessionId?: string) {
  const ended = await db.session.deleteMany({ where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) } });
  await notifyCollabPermissionsChanged({ userId });
  return ended;
}
