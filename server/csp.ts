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

export function contentSecurityPolicy(nonce: string, host: string | undefined, development: boolean) {
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
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Express middleware: a fresh nonce per response in res.locals.cspNonce and the header. */
export function cspMiddleware(development: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, req.get("host"), development));
    next();
  };
}
