// Sessions live in the database (revocable); the cookie carries only the signed session id.
import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { SESSION_TTL_DAYS, type PlatformRole, type SpaceRole, type UserStatus } from "./domain.ts";
import { db } from "./db.server.ts";
import { getEnv } from "./env.server.ts";
import type { Actor } from "./permissions.ts";

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
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      user: {
        select: {
          id: true, name: true, email: true, role: true, status: true,
          organisation: { select: { id: true, name: true } },
          memberships: { select: { spaceId: true, role: true } },
        },
      },
    },
  });
  if (!session || session.expiresAt < new Date() || session.user.status !== "active") return null;
  const { user } = session;
  return {
    ...user,
    sessionId,
    role: user.role as PlatformRole,
    status: user.status as UserStatus,
    memberships: user.memberships.map((m) => ({ spaceId: m.spaceId, role: m.role as SpaceRole })),
  };
}

// The root loader and the route loader of one request both ask; look the session up once.
const perRequest = new WeakMap<Request, Promise<SessionUser | null>>();

export function getSessionUser(request: Request) {
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

/** Redirects with a fresh session cookie. */
export async function startSession(userId: string, request: Request, redirectTo: string) {
  const id = await createSession(userId, request.headers.get("User-Agent"));
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie().serialize(id) } });
}

export async function endSession(request: Request, redirectTo = "/login") {
  const sessionId: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof sessionId === "string") await db.session.deleteMany({ where: { id: sessionId } });
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) } });
}

/** Ends every session of a user, optionally keeping the current one. */
export function revokeSessions(userId: string, exceptSessionId?: string) {
  return db.session.deleteMany({ where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) } });
}
