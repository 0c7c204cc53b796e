// Who may open /collab/<documentId>: Origin, session cookie, then the shared permission module.
// Decided before the WebSocket is accepted, so a refused client never receives a byte of the document.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { documentAccessFor } from "../../app/models/documents.server.ts";
import { COLLAB_PATH_PREFIX } from "../../app/utils/collab.ts";
import { URL_ID_PATTERN, type DocumentRole } from "../../app/utils/domain.ts";
import { getEnv } from "../../app/utils/env.server.ts";
import { can } from "../../app/utils/permissions.ts";
import { getSessionUserFromCookieHeader, type SessionUser } from "../../app/utils/session.server.ts";
import { isSameOrigin } from "../origin.ts";

export type Access = { user: SessionUser; role: DocumentRole; readOnly: boolean };
export type AccessDecision = { ok: true; access: Access } | { ok: false; status: 401 | 403 | 404 };

/** The document id of a collab URL, or null for anything else. */
export function documentIdFromUrl(url: string | undefined): string | null {
  if (!url?.startsWith(COLLAB_PATH_PREFIX)) return null;
  const id = url.slice(COLLAB_PATH_PREFIX.length).split("?")[0];
  return URL_ID_PATTERN.test(id) && id.length <= 64 ? id : null;
}

/** Decides an upgrade request. 403 for a foreign Origin, 401 without a session, 404 when not readable. */
export async function authoriseUpgrade(req: IncomingMessage, documentId: string): Promise<AccessDecision> {
  const encrypted = "encrypted" in req.socket && Boolean(req.socket.encrypted);
  if (!isSameOrigin(req.headers, getEnv().PUBLIC_URL, encrypted)) return { ok: false, status: 403 };
  return resolveAccess(req.headers.cookie ?? null, documentId);
}

/** Also used to re-check open sockets after a permission change. */
export async function resolveAccess(cookieHeader: string | null, documentId: string): Promise<AccessDecision> {
  const user = await getSessionUserFromCookieHeader(cookieHeader);
  if (!user) return { ok: false, status: 401 };
  const found = await documentAccessFor(user, documentId);
  if (!found?.role) return { ok: false, status: 404 };
  return { ok: true, access: { user, role: found.role, readOnly: !can(user, "edit", found.resource) } };
}

const STATUS_TEXT = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 500: "Internal Server Error" } as const;

/** Answers an upgrade request with a plain HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: keyof typeof STATUS_TEXT) {
  if (socket.writable) {
    socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n`);
  }
  socket.destroy();
}
