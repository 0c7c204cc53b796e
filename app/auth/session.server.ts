// Sessions live in the database (revocable); the cookie carries only the signed session id. Ending
// sessions re-checks the user's open collaboration sockets at once, so a socket opened with an
// ended session is closed before the request answers.
import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { notifyCollabPermissionsChanged } from "../infra/collab-link/index.ts";
import { jsonArrayFrom } from "kysely/helpers/sqlite";
import { SESSION_TTL_DAYS, type SpaceRole } from "../domain/model.ts";
import { db } from "../db/db.server.ts";
import { compiledOnce } from "../db/compiled.server.ts";
import { dbDate, dbNow } from "../db/values.ts";
import { getEnv } from "../infra/env.server.ts";
import { noteSessionSeen } from "./session-activity.server.ts";
import type { Actor } from "../domain/permissions.ts";

export const SESSION_COOKIE_NAME = "lf_session";
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every cookie we set (session, 2FA challenge, OIDC flow) has one policy: signed with the session
 * secret, httpOnly, SameSite=Lax (the provider's redirect back is a top-level GET, which Lax lets
 * through), Secure when PUBLIC_URL is https. Made once per name, on first use (env is read late).
 */
export function signedCookie(name: string, options: { path: string; maxAgeSeconds: number }) {
  let made: ReturnType<typeof createCookie> | undefined;
  return () => {
    const env = getEnv();
    made ??= createCookie(name, {
      httpOnly: true,
      sameSite: "lax",
      path: options.path,
      secure: env.PUBLIC_URL?.startsWith("https://") ?? false,
      secrets: [env.sessionSecret],
      maxAge: options.maxAgeSeconds,
    });
    return made;
  };
}

export const sessionCookie = signedCookie(SESSION_COOKIE_NAME, { path: "/", maxAgeSeconds: SESSION_TTL_DAYS * 24 * 60 * 60 });

export type SessionUser = Actor & {
  name: string;
  email: string;
  sessionId: string;
  organisation: { id: string; name: string } | null;
};

/**
 * The session, its user, the user's organisation and memberships in one cached statement: this runs
 * on every request, so it must not cost more than one round through SQLite.
 */
const sessionRows = compiledOnce(["sessionId"], (p) =>
  db
    .selectFrom("Session as s")
    .innerJoin("User as u", "u.id", "s.userId")
    .leftJoin("Organisation as o", "o.id", "u.organisationId")
    .select((eb) => [
      "s.expiresAt", "s.createdAt", "u.id", "u.name", "u.email", "u.role", "u.status", "o.id as orgId", "o.name as orgName",
      jsonArrayFrom(eb.selectFrom("Membership as m").select(["m.spaceId", "m.role"]).whereRef("m.userId", "=", "u.id")).as("memberships"),
    ])
    .where("s.id", "=", p.sessionId),
);

/** Reads the session cookie from a header; null when absent, forged, expired, revoked or the user is not active. */
export async function getSessionUserFromCookieHeader(cookieHeader: string | null): Promise<SessionUser | null> {
  const sessionId: unknown = await sessionCookie().parse(cookieHeader);
  if (typeof sessionId !== "string") return null;
  const [row] = await sessionRows({ sessionId });
  if (!row || new Date(row.expiresAt) < new Date() || row.status !== "active") return null;
  await noteSessionSeen(sessionId, row.createdAt); // "last seen" on the profile's session list; throttled, mostly no write
  // jsonArrayFrom yields JSON text on SQLite (the type says array; the value is a string).
  const memberships = (typeof row.memberships === "string" ? JSON.parse(row.memberships) : row.memberships) as Array<{ spaceId: string; role: SpaceRole }>;
  return {
    id: row.id, name: row.name, email: row.email, sessionId,
    role: row.role,
    status: row.status,
    organisation: row.orgId ? { id: row.orgId, name: row.orgName ?? "" } : null,
    memberships,
  };
}

// The root loader, the route loader and every guard of one request ask; look the session up once
// per Request object, for every method. Remix runs the loaders after an action with a new Request;
// and a write that changes what a session user carries (name, role, status, memberships, sessions)
// calls sessionUsersChanged(), so even the same Request looks the user up afresh afterwards.
const perRequest = new WeakMap<Request, { generation: number; user: Promise<SessionUser | null> }>();
let generation = 0;

/** Call after a write that changes a user, a membership or sessions: cached session users are stale. */
export function sessionUsersChanged() {
  generation++;
}

export function getSessionUser(request: Request) {
  const cached = perRequest.get(request);
  if (cached && cached.generation === generation) return cached.user;
  const user = getSessionUserFromCookieHeader(request.headers.get("Cookie"));
  perRequest.set(request, { generation, user });
  return user;
}

/** A new session; `idToken` (sign-in through the provider) is kept for RP-initiated logout. */
export async function createSession(userId: string, userAgent: string | null, idToken: string | null = null) {
  const id = crypto.randomBytes(32).toString("base64url");
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("Session").values({
      id, userId, userAgent: userAgent?.slice(0, 300) ?? null, createdAt: dbNow(), expiresAt: dbDate(Date.now() + SESSION_TTL_DAYS * DAY_MS),
    }).execute();
    if (idToken) await trx.insertInto("SessionIdToken").values({ sessionId: id, idToken }).execute();
  });
  return id;
}

/** The Set-Cookie value of a fresh session (for answers that are not redirects). */
export async function sessionCookieHeader(userId: string, request: Request, idToken: string | null = null) {
  const id = await createSession(userId, request.headers.get("User-Agent"), idToken);
  return sessionCookie().serialize(id, { secure: secureFor(request) });
}

/** The provider's ID token of the current session, if it was signed in through the provider. */
export async function currentIdToken(request: Request) {
  const sessionId: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof sessionId !== "string") return null;
  const row = await db.selectFrom("SessionIdToken").select("idToken").where("sessionId", "=", sessionId).executeTakeFirst();
  return row?.idToken ?? null;
}

/**
 * `Secure` when PUBLIC_URL is https, or when this request came over https (with TRUST_PROXY the
 * request URL's protocol is the one the proxy reported in X-Forwarded-Proto).
 */
export function secureFor(request: Request) {
  return (getEnv().PUBLIC_URL?.startsWith("https://") ?? false) || new URL(request.url).protocol === "https:";
}

/** Redirects with a fresh session cookie. */
export async function startSession(userId: string, request: Request, redirectTo: string, extra: { idToken?: string | null; headers?: HeadersInit } = {}) {
  const headers = new Headers(extra.headers);
  headers.append("Set-Cookie", await sessionCookieHeader(userId, request, extra.idToken ?? null));
  return redirect(redirectTo, { headers });
}

export async function endSession(request: Request, redirectTo = "/login") {
  const sessionId: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof sessionId === "string") {
    const ended = await db.deleteFrom("Session").where("id", "=", sessionId).returning("userId").executeTakeFirst();
    sessionUsersChanged();
    if (ended) await notifyCollabPermissionsChanged({ userId: ended.userId });
  }
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0, secure: secureFor(request) }) } });
}

/** Ends one session by id (e.g. one a password reset made before the second step). */
export async function endSessionById(sessionId: string) {
  const ended = await db.deleteFrom("Session").where("id", "=", sessionId).returning("userId").executeTakeFirst();
  sessionUsersChanged();
  if (ended) await notifyCollabPermissionsChanged({ userId: ended.userId });
}

/** Ends every session of a user, optionally keeping the current one. */
export async function revokeSessions(userId: string, exceptSessionId?: string) {
  let query = db.deleteFrom("Session").where("userId", "=", userId);
  if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
  const result = await query.executeTakeFirst();
  sessionUsersChanged();
  await notifyCollabPermissionsChanged({ userId });
  return { count: Number(result.numDeletedRows) };
}
