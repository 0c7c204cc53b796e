// Who may open /collab/<documentId> and keep it open: Origin, session cookie, the shared permission
// module, and the per-user and per-address socket caps. Decided before the WebSocket is accepted, so
// a refused client never receives a byte of the document; re-decided on open sockets whenever
// permissions change, failing closed (a re-check that cannot decide closes the socket).
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { documentAccessFor } from "../../app/models/documents.server.ts";
import { COLLAB_LIMITS, COLLAB_PATH_PREFIX } from "../../app/domain/collab.ts";
import { FROZEN_DOCUMENT_STATUSES, URL_ID_PATTERN, type DocumentRole, type DocumentStatus } from "../../app/domain/model.ts";
import { getEnv } from "../../app/infra/env.server.ts";
import { can } from "../../app/domain/permissions.ts";
import { getSessionUserFromCookieHeader, type SessionUser } from "../../app/auth/session.server.ts";
import { isSameOrigin } from "../origin.ts";

/** `frozen`: read-only because of the paper's status (adopted, published, archived), not the role. */
export type Access = { user: SessionUser; role: DocumentRole; readOnly: boolean; frozen: boolean };
export type AccessDecision = { ok: true; access: Access } | { ok: false; status: 401 | 403 | 404 | 429 };

/** The document id of a collab URL, or null for anything else. */
export function documentIdFromUrl(url: string | undefined): string | null {
  if (!url?.startsWith(COLLAB_PATH_PREFIX)) return null;
  const id = url.slice(COLLAB_PATH_PREFIX.length).split("?")[0];
  return URL_ID_PATTERN.test(id) && id.length <= 64 ? id : null;
}

/**
 * Decides an upgrade request. 403 for a foreign Origin, 401 without a session, 429 when `mayOpen`
 * refuses the user (checked before the document query, so a flood of upgrades stays cheap), 404 when
 * not readable.
 */
export async function authoriseUpgrade(req: IncomingMessage, documentId: string, mayOpen: (userId: string) => boolean): Promise<AccessDecision> {
  const encrypted = "encrypted" in req.socket && Boolean(req.socket.encrypted);
  if (!isSameOrigin(req.headers, getEnv().PUBLIC_URL, encrypted)) return { ok: false, status: 403 };
  return resolveAccess(req.headers.cookie ?? null, documentId, mayOpen);
}

/** Also used to re-check open sockets after a permission change. */
export async function resolveAccess(cookieHeader: string | null, documentId: string, mayOpen: (userId: string) => boolean = () => true): Promise<AccessDecision> {
  const user = await getSessionUserFromCookieHeader(cookieHeader);
  if (!user) return { ok: false, status: 401 };
  if (!mayOpen(user.id)) return { ok: false, status: 429 };
  const found = await documentAccessFor(user, documentId);
  if (!found?.role) return { ok: false, status: 404 };
  const readOnly = !can(user, "edit", found.resource);
  const frozen = FROZEN_DOCUMENT_STATUSES.has(found.document.status as DocumentStatus);
  return { ok: true, access: { user, role: found.role, readOnly, frozen } };
}

const STATUS_TEXT = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error" } as const;

/** Answers an upgrade request with a plain HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: keyof typeof STATUS_TEXT) {
  if (socket.writable) {
    socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n`);
  }
  socket.destroy();
}

/**
 * The client's address for the per-address cap, the way Express decides it for HTTP requests: behind
 * `trustProxy` reverse proxies, the address just before those hops in X-Forwarded-For.
 */
export function clientAddress(req: IncomingMessage, trustProxy: number) {
  const own = req.socket.remoteAddress ?? "unknown";
  if (!trustProxy) return own;
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : header ?? "").split(",").map((a) => a.trim()).filter(Boolean);
  const chain = [...forwarded, own]; // the closest hop last
  return chain[Math.max(0, chain.length - 1 - trustProxy)];
}

/** Open sockets per key, up to a maximum. */
class SocketCounter {
  private readonly open = new Map<string, number>();
  constructor(readonly max: number) {}

  take(key: string) {
    const n = this.open.get(key) ?? 0;
    if (n >= this.max) return false;
    this.open.set(key, n + 1);
    return true;
  }

  release(key: string) {
    const n = (this.open.get(key) ?? 1) - 1;
    if (n > 0) this.open.set(key, n);
    else this.open.delete(key);
  }
}

/**
 * Open sockets per user and per client address (`clientAddress`, which follows TRUST_PROXY). The address slot is taken before authorising (so a flood of
 * parallel upgrades is capped too), the user slot once the user is known; both until the socket closes.
 */
export class ConnectionCaps {
  readonly perUser: SocketCounter;
  readonly perAddress: SocketCounter;

  constructor(limits: { perUser?: number; perAddress?: number } = {}) {
    const env = getEnv();
    this.perUser = new SocketCounter(limits.perUser ?? env.COLLAB_MAX_CONNECTIONS_PER_USER ?? COLLAB_LIMITS.maxConnectionsPerUser);
    this.perAddress = new SocketCounter(limits.perAddress ?? env.COLLAB_MAX_CONNECTIONS_PER_ADDRESS ?? COLLAB_LIMITS.maxConnectionsPerAddress);
  }
}
