// Two-factor sign-in with TOTP (RFC 6238, otpauth) and one-time recovery codes (decision 022).
// The secret is sealed at rest (AES-256-GCM, app/infra/seal.server.ts). Recovery codes are stored as
// HMAC-SHA256 under a key derived from the session secret: they are 50 random bits each, so a slow
// password hash adds nothing against guessing, while a keyed hash keeps a database copy alone useless
// and lets a code be found by one indexed lookup. Every code attempt counts against a per-user
// budget; a TOTP time step is accepted once (replay); enabling, disabling and recovery-code use are
// audited.
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { db } from "../db/db.server.ts";
import { dbNow, newId } from "../db/values.ts";
import { keyedHash, openText, sealText } from "../infra/seal.server.ts";
import { consumeRateLimit } from "./rate-limit.server.ts";
import { recordAudit } from "./audit.server.ts";
import { getSignInSettings } from "./settings.server.ts";
import { revokeSessions } from "../auth/session.server.ts";

const SEAL = "laenderforum-totp";
const RECOVERY = "laenderforum-recovery";
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Länderforum";
const PERIOD = 30;

function totpFor(secretBase32: string, label: string) {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

/** The time step a code belongs to, or null when it is not valid now (±1 step for clock drift). */
function acceptedStep(secretBase32: string, code: string, now = Date.now()) {
  const delta = totpFor(secretBase32, "x").validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");
const TOTP_CODE = /^\d{6}$/;

function newRecoveryCode() {
  // 10 characters of base32 (50 bits), shown as xxxxx-xxxxx.
  const text = new OTPAuth.Secret({ size: 10 }).base32.slice(0, 10).toLowerCase();
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}

/** The security page: whether two-factor sign-in is on, and a pending enrolment's QR code and secret. */
export async function loadTwoFactorState(userId: string, email: string) {
  const row = await db.selectFrom("TwoFactor").select(["secret", "confirmedAt"]).where("userId", "=", userId).executeTakeFirst();
  const recoveryLeft = await db.selectFrom("RecoveryCode").select((eb) => eb.fn.countAll<number>().as("n")).where("userId", "=", userId).where("usedAt", "is", null).executeTakeFirstOrThrow();
  if (!row || row.confirmedAt) return { enabled: Boolean(row?.confirmedAt), pending: null, recoveryLeft: Number(recoveryLeft.n) };
  const secret = openText(SEAL, row.secret);
  const uri = totpFor(secret, email).toString();
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    enabled: false,
    pending: { secret: secret.replace(/(.{4})/g, "$1 ").trim(), uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` },
    recoveryLeft: 0,
  };
}

/** The forced enrolment page: the same state, for a user known only from the challenge. */
export async function loadEnrolmentFor(userId: string) {
  const user = await db.selectFrom("User").select("email").where("id", "=", userId).executeTakeFirstOrThrow();
  return loadTwoFactorState(userId, user.email);
}

/** Starts (or restarts) enrolment with a fresh secret; does nothing when two-factor sign-in is already on. */
export async function beginEnrolment(userId: string) {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db.insertInto("TwoFactor").values({ userId, secret: sealText(SEAL, secret), confirmedAt: null, lastStep: 0, createdAt: dbNow() })
    .onConflict((oc) => oc.column("userId").doUpdateSet({ secret: sealText(SEAL, secret), lastStep: 0, createdAt: dbNow() }).where("TwoFactor.confirmedAt", "is", null))
    .execute();
}

export type CodeResult = { ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** Confirms a pending enrolment with one valid code; returns the ten recovery codes, shown once. */
export async function confirmEnrolment(userId: string, code: string): Promise<CodeResult & { recoveryCodes?: string[] }> {
  const budget = await consumeRateLimit(userId, "twoFactor");
  if (!budget.ok) return { ok: false, reason: "throttled", retryAfterSeconds: budget.retrySeconds };
  const row = await db.selectFrom("TwoFactor").select(["secret"]).where("userId", "=", userId).where("confirmedAt", "is", null).executeTakeFirst();
  const step = row && TOTP_CODE.test(code.trim()) ? acceptedStep(openText(SEAL, row.secret), code.trim()) : null;
  if (!row || step === null) return { ok: false, reason: "invalid" };
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const confirmed = await db.transaction().execute(async (trx) => {
    const done = await trx.updateTable("TwoFactor").set({ confirmedAt: dbNow(), lastStep: step }).where("userId", "=", userId).where("confirmedAt", "is", null).executeTakeFirst();
    if (!Number(done.numUpdatedRows)) return false;
    await trx.deleteFrom("RecoveryCode").where("userId", "=", userId).execute();
    await trx.insertInto("RecoveryCode").values(recoveryCodes.map((c) => ({ id: newId(), userId, codeHash: keyedHash(RECOVERY, normaliseRecovery(c)), usedAt: null, createdAt: dbNow() }))).execute();
    await recordAudit({ actorId: userId, action: "twofactor.enable", targetType: "user", targetId: userId }, trx);
    return true;
  });
  return confirmed ? { ok: true, recoveryCodes } : { ok: false, reason: "invalid" };
}

/**
 * Checks a second factor: a TOTP code (each time step once) or an unused recovery code (then used
 * up and audited). Every attempt counts against the user's budget.
 */
export async function verifySecondFactor(userId: string, input: string): Promise<CodeResult> {
  const budget = await consumeRateLimit(userId, "twoFactor");
  if (!budget.ok) return { ok: false, reason: "throttled", retryAfterSeconds: budget.retrySeconds };
  const code = input.trim();
  const row = await db.selectFrom("TwoFactor").select(["secret"]).where("userId", "=", userId).where("confirmedAt", "is not", null).executeTakeFirst();
  if (!row) return { ok: false, reason: "invalid" };
  if (TOTP_CODE.test(code)) {
    const step = acceptedStep(openText(SEAL, row.secret), code);
    if (step === null) return { ok: false, reason: "invalid" };
    const taken = await db.updateTable("TwoFactor").set({ lastStep: step }).where("userId", "=", userId).where("lastStep", "<", step).executeTakeFirst();
    return Number(taken.numUpdatedRows) ? { ok: true } : { ok: false, reason: "invalid" };
  }
  const normalised = normaliseRecovery(code);
  if (normalised.length !== 10) return { ok: false, reason: "invalid" };
  return db.transaction().execute(async (trx) => {
    const used = await trx.updateTable("RecoveryCode").set({ usedAt: dbNow() })
      .where("userId", "=", userId).where("codeHash", "=", keyedHash(RECOVERY, normalised)).where("usedAt", "is", null)
      .returning("id").executeTakeFirst();
    if (!used) return { ok: false as const, reason: "invalid" as const };
    await recordAudit({ actorId: userId, action: "twofactor.recovery-code", targetType: "user", targetId: userId }, trx);
    return { ok: true as const };
  });
}

/** Turns two-factor sign-in off after a valid code; other sessions end (the current one stays). */
export async function disableTwoFactor(userId: string, code: string, currentSessionId: string): Promise<CodeResult> {
  const checked = await verifySecondFactor(userId, code);
  if (!checked.ok) return checked;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("TwoFactor").where("userId", "=", userId).execute();
    await trx.deleteFrom("RecoveryCode").where("userId", "=", userId).execute();
    await recordAudit({ actorId: userId, action: "twofactor.disable", targetType: "user", targetId: userId }, trx);
  });
  await revokeSessions(userId, currentSessionId);
  return { ok: true };
}

/** Whether the settings require two-factor sign-in for this user's role (admin, or chair of a Gremium). */
async function requiredFor(userId: string) {
  const row = await db.selectFrom("User as u")
    .leftJoin("TwoFactor as t", "t.userId", "u.id")
    .select((eb) => [
      "u.role", "t.confirmedAt",
      eb.exists(eb.selectFrom("Membership as m").select("m.id").whereRef("m.userId", "=", "u.id").where("m.role", "=", "chair")).as("chair"),
    ])
    .where("u.id", "=", userId)
    .executeTakeFirstOrThrow();
  const settings = await getSignInSettings();
  return { enabled: row.confirmedAt !== null, required: (settings.twoFactorAdmins && row.role === "admin") || (settings.twoFactorChairs && Boolean(row.chair)) };
}

/** What a password sign-in still needs: nothing, a code, or enrolment (required for the user's role). */
export async function secondStepFor(userId: string): Promise<"none" | "verify" | "enrol"> {
  const { enabled, required } = await requiredFor(userId);
  if (enabled) return "verify";
  return required ? "enrol" : "none";
}

/** The security page (profile → Sicherheit). */
export async function loadSecurityPage(user: { id: string; email: string }) {
  const [state, { required }] = await Promise.all([loadTwoFactorState(user.id, user.email), requiredFor(user.id)]);
  return { ...state, required };
}

/** Whether the user may turn two-factor sign-in off (not while their role requires it). */
export async function mayDisable(userId: string) {
  return !(await requiredFor(userId)).required;
}
