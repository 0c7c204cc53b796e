// Issue 9 over real HTTP against the built server: the post length limit is one number in characters
// (form, hint and server agree), and the Start page lists notifications once per thread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { m } from "../../app/i18n/messages.ts";
import { FORUM_LIMITS } from "../../app/domain/model.ts";
import { get, loginCookie, postForm } from "../support/http.ts";
import { DEMO } from "../support/paths.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { eventually } from "../support/eventually.ts";

let server: TestServer;
const cookies: Record<string, string> = {};

async function newThread(email: string, title: string) {
  const res = await postForm(server.url, "/spaces/mint-regionen/threads/new", { kind: "discussion", title, body: "Erster Beitrag." }, { cookie: cookies[email] });
  expect(res.status).toBe(302);
  return (res.headers.get("location") ?? "").split("/").pop()!;
}
const reply = (email: string, threadId: string, body: string) => postForm(server.url, `/threads/${threadId}`, { intent: "reply", body }, { cookie: cookies[email] });
const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

beforeAll(async () => {
  server = await startServer();
  for (const email of [DEMO.by, DEMO.nw]) cookies[email] = await loginCookie(server.url, email);
});
afterAll(async () => {
  await server?.stop();
});

describe("post length limit", () => {
  const limit = FORUM_LIMITS.bodyTextMax.toLocaleString("de-DE");

  it("is stated in characters with the same number in the form (maxLength, hint) and in the server's answer", async () => {
    expect(limit).toBe("40.000");
    const threadId = await newThread(DEMO.by, "Längengrenze");
    const page = await (await get(server.url, `/threads/${threadId}`, cookies[DEMO.by])).text();
    expect(page).toContain(`maxLength="${FORUM_LIMITS.bodyTextMax}"`);
    expect(page).toContain(`Höchstens ${limit} Zeichen`);
    expect(page).not.toMatch(/200[.\s]?000/);

    const plain = await reply(DEMO.by, threadId, "a".repeat(FORUM_LIMITS.bodyTextMax + 1));
    expect(plain.status).toBe(400);
    const plainText = decode(await plain.text());
    expect(plainText).toContain(m.forum.bodyTooLarge);
    expect(plainText).toContain(`${limit} Zeichen`);
    expect(plainText).not.toMatch(/200[.\s]?000 Zeichen/);
  });

  it("applies to the text of editor JSON too, with the same message, and 40,000 characters are accepted", async () => {
    const threadId = await newThread(DEMO.by, "Längengrenze JSON");
    const json = (text: string) => JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
    const tooLong = await reply(DEMO.by, threadId, json("b".repeat(FORUM_LIMITS.bodyTextMax + 1)));
    expect(tooLong.status).toBe(400);
    expect(decode(await tooLong.text())).toContain(m.forum.bodyTooLarge);
    // Markup bloat past the byte guard also answers with the character limit, never a byte count.
    const bloated = await reply(DEMO.by, threadId, json("c".repeat(FORUM_LIMITS.bodyJsonMaxBytes)));
    expect(bloated.status).toBe(400);
    const bloatedText = decode(await bloated.text());
    expect(bloatedText).toContain(`${limit} Zeichen`);
    expect(bloatedText).not.toMatch(/200[.\s]?000 Zeichen/);

    expect((await reply(DEMO.by, threadId, "d".repeat(FORUM_LIMITS.bodyTextMax))).status).toBe(302);
    expect((await reply(DEMO.by, threadId, json("e".repeat(FORUM_LIMITS.bodyTextMax)))).status).toBe(302);
  });
});

describe("Start page notifications", () => {
  it("lists four replies in one thread as one entry with a count, another thread separately", async () => {
    const busy = await newThread(DEMO.nw, "Viel Betrieb im Thema Ganztag");
    const quiet = await newThread(DEMO.nw, "Ruhiges Thema Lehrkräftebildung");
    for (const text of ["Eins", "Zwei", "Drei", "Vier"]) expect((await reply(DEMO.by, busy, text)).status).toBe(302);
    expect((await reply(DEMO.by, quiet, "Nur eine")).status).toBe(302);

    // Notifications are written off the request (post.created events): wait until all five are in.
    const entries = await eventually(async () => {
      const start = decode(await (await get(server.url, "/", cookies[DEMO.nw])).text());
      const section = start.slice(start.indexOf('id="my-notifications"'), start.indexOf('id="new-activity"'));
      const found = section.split("data-notification-group").slice(1);
      expect(found.find((e) => e.includes("Viel Betrieb im Thema Ganztag"))).toContain(m.forum.notificationGroupCount(4));
      expect(found.find((e) => e.includes("Ruhiges Thema Lehrkräftebildung"))).toBeTruthy();
      return found;
    }, "the notifications of five replies");
    const busyEntries = entries.filter((e) => e.includes("Viel Betrieb im Thema Ganztag"));
    expect(busyEntries).toHaveLength(1);
    expect(busyEntries[0]).toContain(m.forum.notificationGroupCount(4));
    const quietEntries = entries.filter((e) => e.includes("Ruhiges Thema Lehrkräftebildung"));
    expect(quietEntries).toHaveLength(1);
    expect(quietEntries[0]).not.toContain(m.forum.notificationGroupCount(1));
  });
});
