// The Content-Security-Policy of every answer (decision 016). Scripts run only from our origin or
// with this response's nonce (Remix's inline scripts carry it, app/entry.server.tsx); inline event
// handlers, plugins, foreign frames around us and a foreign <base> are all refused. Styles allow
// 'unsafe-inline' because the editor (Tiptap/ProseMirror) and React set style attributes.
import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This response's CSP nonce. */
    cspNonce?: string;
  }
}

/** A host header we may echo into connect-src (anything odd is left out; 'self' still applies). */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * `formTargets`: further origins a form submission may end up at. Logout is a form POST that ends
 * with a redirect to the identity provider's end_session_endpoint (RP-initiated logout, decision
 * 022); browsers apply form-action to that redirect too.
 */
export function contentSecurityPolicy(nonce: string, host: string | undefined, development: boolean, formTargets: string[] = []) {
  // The collaboration socket (/collab) is same-origin; older browsers do not count ws: as 'self'.
  const sockets = host && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : "";
  const scripts = development
    ? // Vite's dev server injects its client and React Refresh inline and evaluates modules.
      "script-src 'self' 'unsafe-inline' 'unsafe-eval'"
    : `script-src 'self' 'nonce-${nonce}'`;
  return [
    "default-src 'self'",
    scripts,
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${sockets}${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formTargets.map((t) => ` ${t}`).join("")}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Express middleware: a fresh nonce per response in res.locals.cspNonce and the header. */
export function cspMiddleware(development: boolean) {
  const formTargets = providerOrigin(process.env.OIDC_ISSUER);
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, req.get("host"), development, formTargets));
    next();
  };
}

/** The identity provider's origin (OIDC_ISSUER), if it is a plain http(s) URL. */
function providerOrigin(issuer: string | undefined) {
  if (!issuer) return [];
  try {
    const url = new URL(issuer);
    return url.protocol === "https:" || url.protocol === "http:" ? [url.origin] : [];
  } catch {
    return [];
  }
}
