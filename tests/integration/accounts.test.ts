// Domain functions for accounts, against a real SQLite copy of the seeded database.
import { describe, expect, it } from "vitest";
import { accountAddressLockMs, clearLoginThrottle, login } from "../../app/models/auth.server.ts";
import { acceptInvitation, createInvitation, findOpenInvitation } from "../../app/models/invitations.server.ts";
import { changeName, changePassword, setUserStatus } from "../../app/models/users.server.ts";
import { db, dbReady } from "../../app/db/prisma.server.ts";
import { LOGIN_THROTTLE } from "../../app/domain/model.ts";
import { createSession, getSessionUser, getSessionUserFromCookieHeader, sessionCookie } from "../../app/auth/session.server.ts";
import { observeQueries } from "../../app/db/db.server.ts";
import { requireSpacePermission, requireThread, requireUser } from "../../app/auth/permissions.server.ts";
import { DEMO, TEST_PASSWORD } from "../support/paths.ts";

await dbReady;
const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;
const cookieFor = async (sessionId: string) => (await sessionCookie().serialize(sessionId)).split(";")[0];

describe("login", () => {
  it("answers the same for an unknown e-mail and a wrong password", async () => {
    const unknown = await login({ email: "niemand@example.org", password: "egal-egal-egal", ip: "10.0.0.1" });
    const wrong = await login({ email: DEMO.nw, password: "falsch-falsch", ip: "10.0.0.1" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual(unknown);
    expect((await login({ email: DEMO.nw, password: TEST_PASSWORD, ip: "10.0.0.1" })).ok).toBe(true);
  });

  it("throttles an account at one address after repeated failures, even with the right password, until cleared", async () => {
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerAccountAddress; i++) {
      expect(await login({ email: DEMO.by, password: "falsch-falsch", ip: "10.1.0.1" })).toEqual({ ok: false, reason: "invalid" });
    }
    const result = await login({ email: DEMO.by, password: TEST_PASSWORD, ip: "10.1.0.1" });
    expect(result).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: LOGIN_THROTTLE.firstLockSeconds });
    // A completed password reset clears the account's throttle.
    await clearLoginThrottle(DEMO.by);
    expect((await login({ email: DEMO.by, password: TEST_PASSWORD, ip: "10.1.0.1" })).ok).toBe(true);
  });

  it("the wait doubles per failure past the threshold and stops at 15 minutes", () => {
    const waits = [4, 5, 6, 7, 8, 9, 10, 20].map((n) => accountAddressLockMs(n) / 1000);
    expect(waits).toEqual([0, 60, 120, 240, 480, 900, 900, 900]);
  });

  it("throttles a client address that tries many accounts", async () => {
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerIp; i++) {
      await login({ email: `probe${i}@example.org`, password: "falsch-falsch", ip: "10.2.0.1" });
    }
    expect(await login({ email: DEMO.admin, password: TEST_PASSWORD, ip: "10.2.0.1" })).toMatchObject({ reason: "throttled" });
    expect((await login({ email: DEMO.admin, password: TEST_PASSWORD, ip: "10.2.0.2" })).ok).toBe(true);
  });

  it("refuses a disabled account", async () => {
    const gast = await userId(DEMO.gast);
    await setUserStatus(await userId(DEMO.admin), gast, "disabled");
    expect(await login({ email: DEMO.gast, password: TEST_PASSWORD, ip: "10.3.0.1" })).toEqual({ ok: false, reason: "invalid" });
    await setUserStatus(await userId(DEMO.admin), gast, "active");
  });
});

describe("sessions", () => {
  it("disabling a user ends all their sessions at once", async () => {
    const nw = await userId(DEMO.nw);
    const cookie = await cookieFor(await createSession(nw, "test"));
    expect(await getSessionUserFromCookieHeader(cookie)).not.toBeNull();
    await setUserStatus(await userId(DEMO.admin), nw, "disabled");
    expect(await getSessionUserFromCookieHeader(cookie)).toBeNull();
    expect(await db.session.count({ where: { userId: nw } })).toBe(0);
    await setUserStatus(await userId(DEMO.admin), nw, "active");
  });

  it("changing the password ends the other sessions and keeps the current one", async () => {
    const id = await userId(DEMO.leitung);
    const current = await createSession(id, "a");
    const other = await createSession(id, "b");
    expect((await changePassword(id, current, "falsch-falsch", "neues-passwort-1")).ok).toBe(false);
    expect((await changePassword(id, current, TEST_PASSWORD, "neues-passwort-1")).ok).toBe(true);
    expect(await getSessionUserFromCookieHeader(await cookieFor(current))).not.toBeNull();
    expect(await getSessionUserFromCookieHeader(await cookieFor(other))).toBeNull();
    expect((await login({ email: DEMO.leitung, password: "neues-passwort-1", ip: "10.4.0.1" })).ok).toBe(true);
  });

  it("looks a session up in one statement, once per Request object, afresh after a write changed the user", async () => {
    const id = await userId("th@laenderforum.example");
    const cookie = await cookieFor(await createSession(id, "x"));
    const seen: string[] = [];
    const stop = observeQueries((statement) => seen.push(statement));
    try {
      const post = new Request("http://localhost/profile", { method: "POST", headers: { Cookie: cookie } });
      expect((await getSessionUser(post))?.name).toBe("Katrin Vogt");
      expect(seen).toHaveLength(1); // session, user, organisation and memberships together
      expect((await requireUser(post)).memberships.length).toBeGreaterThan(0);
      expect(seen).toHaveLength(1);
      await changeName(id, "Katrin Vogt-Berger");
      // A write that changes what the session user carries makes even the same Request look again.
      seen.length = 0;
      expect((await getSessionUser(post))?.name).toBe("Katrin Vogt-Berger");
      const page = new Request("http://localhost/profile", { headers: { Cookie: cookie } });
      expect((await getSessionUser(page))?.name).toBe("Katrin Vogt-Berger");
      expect(await getSessionUser(page)).toBe(await getSessionUser(page));
      expect(seen).toHaveLength(2);
    } finally {
      stop();
    }
  });

  it("guards look a Gremium or a thread up once per request", async () => {
    const cookie = await cookieFor(await createSession(await userId(DEMO.admin), "x"));
    const request = new Request("http://localhost/spaces/laender-round-table", { headers: { Cookie: cookie } });
    const thread = await db.thread.findFirstOrThrow({ where: { deletedAt: null }, include: { space: true } });
    const seen: string[] = [];
    const stop = observeQueries((statement) => seen.push(statement));
    try {
      const first = await requireSpacePermission(request, "laender-round-table", "read");
      const again = await requireSpacePermission(request, "laender-round-table", "manage-members");
      expect(again.space).toBe(first.space);
      const found = await requireThread(request, thread.id);
      await requireThread(request, thread.id);
      expect(seen).toHaveLength(3); // session, Gremium, thread
      // The shape loaders use: booleans, Dates, the Gremium's slug.
      expect(found.thread).toMatchObject({ id: thread.id, title: thread.title, locked: thread.locked, pinned: thread.pinned, acceptedPostId: thread.acceptedPostId });
      expect(found.thread.createdAt).toEqual(thread.createdAt);
      expect(found.thread.space).toEqual({ id: thread.space.id, slug: thread.space.slug, name: thread.space.name, visibility: thread.space.visibility });
    } finally {
      stop();
    }
  });

  it("ignores forged and unsigned cookies", async () => {
    const id = await createSession(await userId(DEMO.admin), "x");
    expect(await getSessionUserFromCookieHeader(`lf_session=${id}`)).toBeNull();
    expect(await getSessionUserFromCookieHeader("lf_session=garbage.signature")).toBeNull();
  });
});

describe("invitations", () => {
  it("creates the account and membership once, and refuses reuse", async () => {
    const admin = await userId(DEMO.admin);
    const space = await db.space.findUniqueOrThrow({ where: { slug: "laender-round-table" } });
    const created = await createInvitation(admin, { email: "neu@ministerium.example", platformRole: "member", spaceId: space.id, spaceRole: "commenter" });
    if (!created.ok) throw new Error("invitation not created");
    expect(await findOpenInvitation(created.token)).not.toBeNull();

    const [first, second] = await Promise.all([
      acceptInvitation(created.token, { name: "Neue Person", password: "ein-gutes-passwort" }),
      acceptInvitation(created.token, { name: "Zweiter Versuch", password: "ein-gutes-passwort" }),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    const user = await db.user.findUniqueOrThrow({ where: { email: "neu@ministerium.example" }, include: { memberships: true } });
    expect(user.name).toBe(first.ok ? "Neue Person" : "Zweiter Versuch");
    expect(await db.user.count({ where: { email: "neu@ministerium.example" } })).toBe(1);
    expect(user.memberships).toMatchObject([{ spaceId: space.id, role: "commenter" }]);
    expect(await findOpenInvitation(created.token)).toBeNull();
  });

  it("refuses an expired invitation and writes nothing", async () => {
    const created = await createInvitation(await userId(DEMO.admin), { email: "spaet@example.org", platformRole: "member" });
    if (!created.ok) throw new Error("invitation not created");
    await db.invitation.updateMany({ where: { email: "spaet@example.org" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await acceptInvitation(created.token, { name: "Zu spät", password: "ein-gutes-passwort" })).toEqual({ ok: false, reason: "invalid" });
    expect(await db.user.findUnique({ where: { email: "spaet@example.org" } })).toBeNull();
  });

  it("does not invite an e-mail address that already has an account", async () => {
    expect(await createInvitation(await userId(DEMO.admin), { email: DEMO.by, platformRole: "member" })).toEqual({ ok: false, reason: "existing-user" });
  });
});
