import { TEST_PASSWORD } from "./paths.ts";

/** Logs in through the real POST /login and returns the Cookie header value. */
export async function loginCookie(baseUrl: string, email: string, password = TEST_PASSWORD) {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  const setCookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !setCookie) throw new Error(`login failed for ${email}: ${res.status}`);
  return setCookie.split(";")[0];
}

export function get(baseUrl: string, path: string, cookie?: string) {
  return fetch(`${baseUrl}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
}

export function postForm(baseUrl: string, path: string, fields: Record<string, string>, options: { cookie?: string; origin?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.origin) headers.Origin = options.origin;
  return fetch(`${baseUrl}${path}`, { method: "POST", body: new URLSearchParams(fields), headers, redirect: "manual" });
}
