// Two-factor sign-in in-process on a real SQLite copy (decision 022): a code is accepted once per
// time step (replay), attempts are rate-limited per user (even a right code is refused once the
// budget is spent), recovery codes are found however they are typed, and the shared sealing helper
// still opens what the mail outbox sealed.
import crypto from "node:crypto";
import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db/db.server.ts";
import { dbNow, newId } from "../../app/db/values.ts";
import { RATE_LIMITS } from "../../app/domain/model.ts";
import { openPayload, sealPayload } from "../../app/mail/outbox.server.ts";
import { TEST_SESSION_SECRET } from "../support/paths.ts";
import { beginEnrolment, confirmEnrolment, loadTwoFactorState, verifySecondFactor } from "../../app/models/two-factor.server.ts";

async function newUser() {
  const id = newId();
  await db.insertInto("User").values({ id, email: `${id}@example.org`, name: "Zwei Faktor", role: "member", status: "active", createdAt: dbNow(), updatedAt: dbNow() }).execute();
  return id;
}

async function enrolled() {
  const userId = await newUser();
  await beginEnrolment(userId);
  const state = await loadTwoFactorState(userId, `${userId}@example.org`);
  const secret = state.pending!.secret.replace(/\s+/g, "");
  const code = (steps = 0) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });
  const confirmed = await confirmEnrolment(userId, code());
  expect(confirmed.ok).toBe(true);
  return { userId, code, recoveryCodes: confirmed.recoveryCodes! };
}

const clearBudget = (userId: string) => db.deleteFrom("RateCounter").where("key", "=", `twoFactor:${userId}`).execute();

describe("two-factor codes", () => {
  it("accepts a time step once: the same code again is refused", async () => {
    const { userId, code } = await enrolled();
    expect(await verifySecondFactor(userId, code(1))).toEqual({ ok: true });
    expect(await verifySecondFactor(userId, code(1))).toEqual({ ok: false, reason: "invalid" });
    // The enrolment's own step is used up too.
    expect(await verifySecondFactor(userId, code(0))).toEqual({ ok: false, reason: "invalid" });
  });

  it("counts every attempt: after the budget even the right code is refused, with the seconds to wait", async () => {
    const { userId, code } = await enrolled();
    await clearBudget(userId);
    for (let i = 0; i < RATE_LIMITS.twoFactor.max; i++) expect((await verifySecondFactor(userId, "123456" === code(1) ? "654321" : "123456")).ok).toBe(false);
    const refused = await verifySecondFactor(userId, code(1));
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("finds a recovery code typed in capitals and without the hyphen, once", async () => {
    const { userId, recoveryCodes } = await enrolled();
    await clearBudget(userId);
    const typed = recoveryCodes[3].replace("-", " ").toUpperCase();
    expect(await verifySecondFactor(userId, typed)).toEqual({ ok: true });
    expect(await verifySecondFactor(userId, recoveryCodes[3])).toEqual({ ok: false, reason: "invalid" });
    const audit = await db.selectFrom("AuditEvent").select("action").where("targetId", "=", userId).orderBy("createdAt").execute();
    expect(audit.map((a) => a.action)).toEqual(["twofactor.enable", "twofactor.recovery-code"]);
  });

  it("the outbox's sealed payloads still open after the sealing helper moved (same key)", () => {
    const payload = { text: "Link: https://example.org/password/reset/geheim", html: "<p>x</p>", headers: {} };
    const sealed = sealPayload(payload);
    expect(sealed).not.toContain("geheim");
    expect(openPayload(sealed, true)).toEqual(payload);
    // Sealed the way the outbox did before (its own key derivation): still opens.
    const key = crypto.createHash("sha256").update(`laenderforum-outbox:${TEST_SESSION_SECRET}`).digest();
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(payload), "utf8"), cipher.final()]);
    expect(openPayload([iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join("."), true)).toEqual(payload);
  });
});

describe("the requirement for chairs and admins", () => {
  it("sends a chair (and an admin) without TOTP to enrolment only while the setting is on", async () => {
    const { secondStepFor } = await import("../../app/models/two-factor.server.ts");
    const chair = await newUser();
    const space = await db.selectFrom("Space").select("id").executeTakeFirstOrThrow();
    await db.insertInto("Membership").values({ id: newId(), userId: chair, spaceId: space.id, role: "chair", createdAt: dbNow() }).execute();
    const admin = await newUser();
    await db.updateTable("User").set({ role: "admin" }).where("id", "=", admin).execute();
    const member = await newUser();
    const set = (key: string, value: string) => db.insertInto("PlatformSetting").values({ key, value, updatedAt: dbNow() })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value })).execute();

    expect([await secondStepFor(chair), await secondStepFor(admin), await secondStepFor(member)]).toEqual(["none", "none", "none"]);
    await set("twofactor.chairs", "1");
    expect([await secondStepFor(chair), await secondStepFor(admin), await secondStepFor(member)]).toEqual(["enrol", "none", "none"]);
    await set("twofactor.admins", "1");
    expect([await secondStepFor(chair), await secondStepFor(admin), await secondStepFor(member)]).toEqual(["enrol", "enrol", "none"]);
    const { userId: enrolledMember } = await enrolled();
    expect(await secondStepFor(enrolledMember)).toBe("verify");
    await set("twofactor.chairs", "0");
    await set("twofactor.admins", "0");
  });
});
