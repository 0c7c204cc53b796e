// CSRF defence for the HTTP server and the WebSocket upgrade: a state-changing request must come
// from our own origin. Browsers always send Origin on such requests; a request without Origin and
// without Sec-Fetch-Site (curl, scripts) is not a cross-site browser request and may pass.
import type { IncomingHttpHeaders } from "node:http";

export function expectedOrigin(headers: IncomingHttpHeaders, publicUrl: string | undefined, encrypted: boolean) {
  if (publicUrl) return new URL(publicUrl).origin;
  return `${encrypted ? "https" : "http"}://${headers.host ?? ""}`;
}

export function isSameOrigin(headers: IncomingHttpHeaders, publicUrl: string | undefined, encrypted = false) {
  const origin = headers.origin;
  if (origin === undefined) return headers["sec-fetch-site"] !== "cross-site";
  return origin === expectedOrigin(headers, publicUrl, encrypted);
}

export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
