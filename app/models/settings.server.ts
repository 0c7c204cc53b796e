// Settings admins change at run time (Verwaltung → Einstellungen): requiring sign-in through the
// identity provider, and requiring two-factor sign-in for admins and for chairs (decision 022).
// Each change is audited; switching a requirement on ends the sessions it now forbids (password
// sessions when SSO becomes required; sessions of people who must enrol in two-factor sign-in).
import { db } from "../db/db.server.ts";
import { dbNow } from "../db/values.ts";
import { recordAudit } from "./audit.server.ts";
import { oidcEnabled, oidcName } from "../auth/oidc.server.ts";
import { endSessionById, revokeSessions } from "../auth/session.server.ts";
import { getEnv } from "../infra/env.server.ts";

export type SignInSettings = { ssoRequired: boolean; twoFactorAdmins: boolean; twoFactorChairs: boolean };

const KEYS = { ssoRequired: "sso.required", twoFactorAdmins: "twofactor.admins", twoFactorChairs: "twofactor.chairs" } as const satisfies Record<keyof SignInSettings, string>;

export async function getSignInSettings(): Promise<SignInSettings> {
  const rows = await db.selectFrom("PlatformSetting").select(["key", "value"]).where("key", "in", Object.values(KEYS)).execute();
  const on = (key: string) => rows.some((r) => r.key === key && r.value === "1");
  // Without a configured provider SSO cannot be required, whatever is stored.
  return { ssoRequired: oidcEnabled() && on(KEYS.ssoRequired), twoFactorAdmins: on(KEYS.twoFactorAdmins), twoFactorChairs: on(KEYS.twoFactorChairs) };
}

/** The Einstellungen page. */
export async function loadSettingsPage() {
  const env = getEnv();
  return { settings: await getSignInSettings(), oidc: oidcEnabled() ? { name: oidcName(), breakGlass: env.BREAK_GLASS_ADMIN ?? null } : null };
}

/**
 * Saves the settings. Turning a two-factor requirement on ends the sessions of the people it covers
 * who have not enrolled yet (except the acting admin's own), so they meet it at their next sign-in.
 */
export async function saveSignInSettings(actorId: string, actorSessionId: string, next: SignInSettings) {
  const before = await getSignInSettings();
  const store = { ...next, ssoRequired: next.ssoRequired && oidcEnabled() };
  await db.transaction().execute(async (trx) => {
    for (const [name, key] of Object.entries(KEYS) as Array<[keyof SignInSettings, string]>) {
      const value = store[name] ? "1" : "0";
      await trx.insertInto("PlatformSetting").values({ key, value, updatedAt: dbNow() })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value, updatedAt: dbNow() })).execute();
    }
    await recordAudit({ actorId, action: "settings.signin", targetType: "platform", targetId: "signin", details: { ...store } }, trx);
  });
  const newlyRequired = { admins: store.twoFactorAdmins && !before.twoFactorAdmins, chairs: store.twoFactorChairs && !before.twoFactorChairs };
  if (newlyRequired.admins || newlyRequired.chairs) {
    const users = await db.selectFrom("User as u")
      .select("u.id")
      .where((eb) => eb.or([
        ...(newlyRequired.admins ? [eb("u.role", "=", "admin")] : []),
        ...(newlyRequired.chairs ? [eb.exists(eb.selectFrom("Membership as m").select("m.id").whereRef("m.userId", "=", "u.id").where("m.role", "=", "chair"))] : []),
      ]))
      .where((eb) => eb.not(eb.exists(eb.selectFrom("TwoFactor as t").select("t.userId").whereRef("t.userId", "=", "u.id").where("t.confirmedAt", "is not", null))))
      .execute();
    for (const user of users) await revokeSessions(user.id, user.id === actorId ? actorSessionId : undefined);
  }
  if (store.ssoRequired && !before.ssoRequired) await endPasswordSessions(actorSessionId);
  return store;
}

/**
 * SSO just became required: sessions that did not come through the provider end, except the acting
 * admin's own and the break-glass admin's.
 */
async function endPasswordSessions(actorSessionId: string) {
  const breakGlass = getEnv().BREAK_GLASS_ADMIN ?? "";
  const sessions = await db.selectFrom("Session as s")
    .innerJoin("User as u", "u.id", "s.userId")
    .select(["s.id"])
    .where("s.id", "!=", actorSessionId)
    .where("u.email", "!=", breakGlass)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("SessionIdToken as t").select("t.sessionId").whereRef("t.sessionId", "=", "s.id"))))
    .execute();
  for (const session of sessions) await endSessionById(session.id);
}

/**
 * Whether a password sign-in is allowed for `email` under the current settings: when SSO is
 * required only the break-glass admin's (and, once the password is checked, only while that
 * account is an admin: pass its `role`).
 */
export async function passwordSignInAllowed(email: string, role?: string) {
  const { ssoRequired } = await getSignInSettings();
  return !ssoRequired || (isBreakGlass(email) && (role === undefined || role === "admin"));
}

export function isBreakGlass(email: string) {
  const breakGlass = getEnv().BREAK_GLASS_ADMIN;
  return Boolean(breakGlass && breakGlass === email.trim().toLowerCase());
}
