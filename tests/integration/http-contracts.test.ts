// The brief's stable contracts and the bad-input rules, over real HTTP against the built server.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { LIMITS } from "../../app/domain/model.ts";
import { get, loginCookie, postForm } from "../support/http.ts";
import { DEMO, TEST_PASSWORD } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";

let server: TestServer;
let sqlite: Database.Database;
const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

beforeAll(async () => {
  server = await startServer();
  sqlite = new Database(server.dbFile);
});
afterAll(async () => {
  sqlite?.close();
  await server?.stop();
});

describe("GET /healthz", () => {
  it("answers 200 with {status: ok} while the database answers", async () => {
    const res = await get(server.url, "/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers 503 when the database cannot answer", async () => {
    const broken = await startServer();
    try {
      expect((await get(broken.url, "/healthz")).status).toBe(200);
      const outside = new Database(broken.dbFile);
      outside.exec(`PRAGMA foreign_keys = OFF; DROP TABLE "Organisation"; DROP TABLE "Land";`);
      outside.close();
      const res = await get(broken.url, "/healthz");
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "error" });
    } finally {
      await broken.stop();
    }
  });
});

describe("POST /login", () => {
  it("redirects and sets an httpOnly, SameSite=Lax session cookie on success", async () => {
    const res = await postForm(server.url, "/login", { email: DEMO.admin, password: TEST_PASSWORD });
    expect(res.status).toBe(302);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^lf_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("answers a wrong password and an unknown e-mail alike: 4xx, German message, no cookie", async () => {
    for (const email of [DEMO.nw, "unbekannt@laenderforum.example"]) {
      const res = await postForm(server.url, "/login", { email, password: "falsches-passwort" });
      expect(res.status).toBe(401);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(await res.text()).toContain(m.login.failed);
    }
  });

  it("accepts mixed-case e-mail addresses", async () => {
    const res = await postForm(server.url, "/login", { email: "NW@Laenderforum.example", password: TEST_PASSWORD });
    expect(res.status).toBe(302);
  });

  it("ends the session on logout: the old cookie no longer works", async () => {
    const cookie = await loginCookie(server.url, DEMO.by);
    expect((await get(server.url, "/profile", cookie)).status).toBe(200);
    const logout = await postForm(server.url, "/logout", {}, { cookie });
    expect(logout.status).toBe(302);
    const after = await get(server.url, "/profile", cookie);
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("access", () => {
  it("admin opens /admin; gast gets 403; anonymous is sent to login", async () => {
    expect((await get(server.url, "/admin", await loginCookie(server.url, DEMO.admin))).status).toBe(200);
    expect((await get(server.url, "/admin", await loginCookie(server.url, DEMO.gast))).status).toBe(403);
    const anonymous = await get(server.url, "/admin");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/login?redirectTo=%2Fadmin");
  });

  it("/laender lists all 16 Länder", async () => {
    const html = await (await get(server.url, "/laender")).text();
    expect(html.match(/id="land-[A-Z]{2}"/g)).toHaveLength(16);
    for (const name of ["Baden-Württemberg", "Nordrhein-Westfalen", "Thüringen", "MINTraum bayern", "zdi.NRW"]) expect(html).toContain(name);
  });

  it("a members-only Gremium is 404 for outsiders and reveals nothing", async () => {
    const res = await get(server.url, "/spaces/laenderbeirat", await loginCookie(server.url, DEMO.gast));
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toContain("Leitungen der Landeskoordinierungsstellen");
    expect(html).not.toContain("Tobias Brandl");
    expect((await get(server.url, "/spaces/laenderbeirat", await loginCookie(server.url, DEMO.by))).status).toBe(200);
  });

  it("a member cannot manage the Gremium's members; its chair can", async () => {
    expect((await get(server.url, "/spaces/laenderbeirat/members", await loginCookie(server.url, DEMO.by))).status).toBe(403);
    expect((await get(server.url, "/spaces/laenderbeirat/members", await loginCookie(server.url, DEMO.leitung))).status).toBe(200);
  });
});

describe("bad input is refused and writes nothing", () => {
  it("refuses a non-GET request with a foreign Origin", async () => {
    const cookie = await loginCookie(server.url, DEMO.admin);
    const before = count("Space");
    const res = await postForm(server.url, "/admin/spaces", { name: "Fremd", slug: "fremd", visibility: "members" }, { cookie, origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(m.errors.foreignOrigin);
    expect(count("Space")).toBe(before);
    const own = await postForm(server.url, "/admin/spaces", { name: "Eigen", slug: "eigen", visibility: "members" }, { cookie, origin: server.url });
    expect(own.status).toBe(200);
    expect(count("Space")).toBe(before + 1);
  });

  it("refuses over-long fields with a German field error", async () => {
    const cookie = await loginCookie(server.url, DEMO.admin);
    const before = count("Organisation");
    const res = await postForm(server.url, "/admin/organisations", { name: "x".repeat(LIMITS.nameMax + 1), kind: "partner" }, { cookie });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(m.validation.tooLong(LIMITS.nameMax));
    expect(count("Organisation")).toBe(before);
  });

  it("keeps what the user typed when a form is refused", async () => {
    const cookie = await loginCookie(server.url, DEMO.admin);
    const res = await postForm(server.url, "/admin/spaces", { name: "AG Ganztag", slug: "Ungültig Slug", visibility: "members" }, { cookie });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="AG Ganztag"');
    expect(html).toContain(m.validation.slug);
  });

  it("refuses a body that is not form data with 400", async () => {
    const cookie = await loginCookie(server.url, DEMO.admin);
    const res = await fetch(`${server.url}/admin/spaces`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "multipart/form-data; boundary=x" }, body: "kaputt", redirect: "manual" });
    expect(res.status).toBe(400);
    expect((await get(server.url, "/healthz")).status).toBe(200);
  });

  it("a reused invitation is refused with a clear message", async () => {
    const cookie = await loginCookie(server.url, DEMO.admin);
    const res = await postForm(server.url, "/admin/invitations", { intent: "invite", email: "einmal@example.org", platformRole: "member" }, { cookie });
    const link = /\/invite\/[A-Za-z0-9_-]+/.exec(await res.text())?.[0];
    expect(link).toBeDefined();
    const accept = { name: "Einmalig", password: "gutes-passwort-1", confirm: "gutes-passwort-1" };
    expect((await postForm(server.url, link!, accept)).status).toBe(302);
    const users = count("User");
    const again = await postForm(server.url, link!, { ...accept, name: "Nochmal" });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain(m.invite.invalid);
    expect(count("User")).toBe(users);
    expect((await get(server.url, link!)).status).toBe(410);
  });

  it("a chair cannot invite into another Gremium or as admin", async () => {
    const cookie = await loginCookie(server.url, DEMO.leitung);
    const other = sqlite.prepare(`SELECT id FROM "Space" WHERE slug = 'mint-regionen'`).get() as { id: string };
    const before = count("Invitation");
    const res = await postForm(server.url, "/spaces/laenderbeirat", { intent: "invite", email: "x@example.org", spaceId: other.id, spaceRole: "member" }, { cookie });
    expect(res.status).toBe(403);
    expect(count("Invitation")).toBe(before);
  });
});
