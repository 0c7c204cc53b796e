import { LOGIN_THROTTLE } from "../utils/domain.ts";
import { db } from "../utils/db.server.ts";
import { verifyPassword } from "../utils/password.server.ts";

export type LoginResult = { ok: true; userId: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryMinutes: number };

/**
 * Checks e-mail and password. Unknown e-mail, wrong password and a disabled account all answer
 * "invalid", so the answer reveals nothing. Failures are counted per account and per client address.
 */
export async function login(input: { email: string; password: string; ip: string }): Promise<LoginResult> {
  const since = new Date(Date.now() - LOGIN_THROTTLE.windowMinutes * 60_000);
  const [byAccount, byIp] = await Promise.all([
    db.loginFailure.count({ where: { email: input.email, createdAt: { gt: since } } }),
    db.loginFailure.count({ where: { ip: input.ip, createdAt: { gt: since } } }),
  ]);
  if (byAccount >= LOGIN_THROTTLE.maxFailuresPerAccount || byIp >= LOGIN_THROTTLE.maxFailuresPerIp) {
    return { ok: false, reason: "throttled", retryMinutes: LOGIN_THROTTLE.windowMinutes };
  }

  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true, passwordHash: true, status: true } });
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !passwordOk || user.status !== "active") {
    await db.$transaction([
      db.loginFailure.create({ data: { email: input.email, ip: input.ip } }),
      db.loginFailure.deleteMany({ where: { createdAt: { lt: since } } }),
    ]);
    return { ok: false, reason: "invalid" };
  }
  await db.loginFailure.deleteMany({ where: { email: input.email } });
  return { ok: true, userId: user.id };
}

/** Only local paths, so a crafted link cannot send someone to another site after login. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
