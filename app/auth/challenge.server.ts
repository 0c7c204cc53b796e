// The half-signed-in state between the password and the second factor (decision 022). It is not a
// session: a signed, httpOnly cookie that lives five minutes, names the user and what is still
// missing ("verify": a code; "enrol": setting up two-factor sign-in, required for the role), and
// opens nothing but the two pages that finish the sign-in.
import { redirect } from "@remix-run/node";
import { secureFor, signedCookie } from "./session.server.ts";

const CHALLENGE_TTL_SECONDS = 5 * 60;

export type Challenge = { userId: string; purpose: "verify" | "enrol"; redirectTo: string; expires: number };

const challengeCookie = signedCookie("lf_2fa", { path: "/", maxAgeSeconds: CHALLENGE_TTL_SECONDS });

export function challengeCookieHeader(request: Request, challenge: Omit<Challenge, "expires">) {
  return challengeCookie().serialize({ ...challenge, expires: Date.now() + CHALLENGE_TTL_SECONDS * 1000 }, { secure: secureFor(request) });
}

export function clearChallengeHeader(request: Request) {
  return challengeCookie().serialize("", { maxAge: 0, secure: secureFor(request) });
}

/** The pending challenge of this browser, if it is still valid (the expiry inside the signed value counts). */
export async function readChallenge(request: Request, purpose: Challenge["purpose"]): Promise<Challenge | null> {
  const value = (await challengeCookie().parse(request.headers.get("Cookie"))) as Challenge | null;
  if (!value || typeof value.userId !== "string" || value.purpose !== purpose || !(value.expires > Date.now())) return null;
  return value;
}

/** The redirect to the second step, with its challenge cookie. */
export async function toSecondStep(request: Request, userId: string, purpose: Challenge["purpose"], redirectTo: string) {
  const cookie = await challengeCookieHeader(request, { userId, purpose, redirectTo });
  return redirect(purpose === "verify" ? "/auth/code" : "/auth/code-einrichten", { headers: { "Set-Cookie": cookie } });
}
