import { getEnv } from "./env.server.ts";

/** An absolute link for people outside the current request (invitation links). */
export function absoluteUrl(request: Request, pathname: string) {
  return new URL(pathname, getEnv().PUBLIC_URL ?? new URL(request.url).origin).toString();
}
