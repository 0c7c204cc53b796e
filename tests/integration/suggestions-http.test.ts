// Suggestion mode (issue 14, decision 025) over real HTTP and WebSocket against the built server:
// the contract, the adversarial rule that a suggester never writes the text, accepting as a live
// change received by open clients, two accepts at once, stale suggestions, wrong roles, the chair's
// switch, notifications, and adoption closing open suggestions on a frozen paper.
import { describe, expect, it } from "vitest";
import { SUGGESTION_LIMITS } from "../../app/domain/model.ts";
import { m } from "../../app/i18n/messages.ts";
import { appendParagraph, bodyText } from "../support/collab.ts";
import { eventually } from "../support/eventually.ts";
import { get, postForm } from "../support/http.ts";
import { DEMO } from "../support/paths.ts";
import { mintPaperSuite } from "../support/paper-suite.ts";
import { suggestionFields } from "../support/suggestions.ts";

const suite = mintPaperSuite();
const { cookies, client } = suite;
const post = (who: string, fields: Record<string, string>) => postForm(suite.server.url, `/documents/${suite.paperId}/suggestions`, fields, { cookie: cookies[who], origin: suite.server.url });
const storedMarkdown = async () => (await get(suite.server.url, `/documents/${suite.paperId}/export?format=md`, cookies.by)).text();
const rows = () => suite.sqlite.prepare(`SELECT id, status, kind, text FROM "Suggestion" WHERE documentId = ? ORDER BY rowid`).all(suite.paperId) as Array<{ id: string; status: string; kind: string; text: string }>;
const statusOf = (id: string) => (suite.sqlite.prepare(`SELECT status FROM "Suggestion" WHERE id = ?`).get(id) as { status: string }).status;
type Listed = { suggestions: Array<Record<string, unknown> & { id: string; kind: string; status: string; text: string; quote: string; author: string }>; canSuggest: boolean; canDecide: boolean };
const list = async (who: string) => (await (await get(suite.server.url, `/documents/${suite.paperId}/suggestions`, cookies[who])).json()) as Listed;


describe("suggestions: contract and the suggester's rule", () => {
  it("a commenter suggests an insertion, a deletion and a replacement; the text does not change; GET lists them", async () => {
    const rp = await client("ministeriumRp");
    const by = await client("by");
    const before = bodyText(by.doc);
    const insert = await post("ministeriumRp", suggestionFields(rp.doc, "insert", "Sie verbinden", " gemeinsam"));
    expect(insert.status).toBe(200);
    expect(await insert.json()).toMatchObject({ ok: true });
    expect((await post("ministeriumRp", suggestionFields(rp.doc, "delete", "vor Ort "))).status).toBe(200);
    expect((await post("ministeriumRp", suggestionFields(rp.doc, "replace", "häufig", "oft"))).status).toBe(200);
    // The editor's open client is told, and no text changed anywhere.
    await by.until(() => by.documentEvents.filter((e) => e === "suggestions").length >= 3, "three suggestions events");
    expect(bodyText(by.doc)).toBe(before);
    expect(bodyText(rp.doc)).toBe(before);

    const listed = await list("gast");
    expect(listed.canSuggest).toBe(false);
    expect(listed.canDecide).toBe(false);
    expect(listed.suggestions.map(({ kind, status, text, quote, author }) => ({ kind, status, text, quote, author }))).toEqual([
      { kind: "insert", status: "open", text: " gemeinsam", quote: "", author: "Dr. Petra Klein" },
      { kind: "delete", status: "open", text: "", quote: "vor Ort ", author: "Dr. Petra Klein" },
      { kind: "replace", status: "open", text: "oft", quote: "häufig", author: "Dr. Petra Klein" },
    ].map((s) => ({ ...s, author: expect.any(String) })));
    for (const s of listed.suggestions) expect(typeof s.id).toBe("string");
    // A suggestion's thread is not a plain comment.
    const comments = (await (await get(suite.server.url, `/documents/${suite.paperId}/comments`, cookies.by)).json()) as { threads: unknown[] };
    expect(comments.threads).toEqual([]);
  });

  it("adversarial: the suggester's client writes the text directly over its socket, and the server refuses it", async () => {
    const rp = await client("ministeriumRp");
    const by = await client("by");
    const nw = await client("nw");
    const before = bodyText(by.doc);
    const stored = await storedMarkdown();
    // Straight into the shared XmlText, as a hostile client would (not through the editor).
    const fragment = rp.doc.getXmlFragment("default");
    rp.doc.transact(() => {
      const firstParagraph = fragment.get(1) as unknown as { get(i: number): { insert(i: number, s: string): void } };
      firstParagraph.get(0).insert(0, "GEHACKT ");
    });
    appendParagraph(rp.doc, "Direkt geschrieben");
    // The editor keeps writing; once the editor's own edit is on disk and seen by nw, the suggester's never arrived.
    appendParagraph(by.doc, "Redaktion schreibt weiter");
    await by.until(() => by.allSaved(), "editor saved");
    await nw.until(() => bodyText(nw.doc).includes("Redaktion schreibt weiter"), "nw sees the editor");
    expect(bodyText(nw.doc)).not.toContain("GEHACKT");
    expect(bodyText(by.doc)).not.toContain("Direkt geschrieben");
    const after = await storedMarkdown();
    expect(after).not.toContain("GEHACKT");
    expect(after).not.toContain("Direkt geschrieben");
    expect(after).toContain("Redaktion schreibt weiter");
    expect(after.replace("\n\nRedaktion schreibt weiter", "").trim()).toBe(stored.trim());
    expect(bodyText(by.doc)).toBe(`${before}\nRedaktion schreibt weiter`);
    // Its suggestions still work through the one allowed path.
    rp.destroy();
  });

  it("refuses bad input with a German error and stores nothing", async () => {
    const rp = await client("ministeriumRp");
    const count = rows().length;
    const good = suggestionFields(rp.doc, "replace", "Grundfinanzierung", "Finanzierung");
    const cases: Array<[Record<string, string>, number]> = [
      [{ ...good, anchorStart: "!!!" }, 400],
      [{ ...good, anchorStart: "AAAA", anchorEnd: "AAAA" }, 400], // decodes to nothing in this paper
      [{ ...good, quote: "Anderer Text" }, 400], // the range does not cover the quoted words
      [{ ...good, text: "" }, 400],
      [{ ...good, text: "x".repeat(SUGGESTION_LIMITS.textMax + 1) }, 400],
      [{ ...good, insertJson: JSON.stringify([{ type: "hardBreak" }]), text: "" }, 400],
      [{ ...good, insertJson: JSON.stringify([{ type: "text", text: "Andere" }]) }, 400], // json and text disagree
      [{ ...good, insertJson: JSON.stringify([{ type: "paragraph", content: [] }]) }, 400],
      [{ ...good, insertJson: "{nicht json" }, 400],
      [{ ...good, kind: "move" }, 400],
      [{ ...good, text: "Zeile\nZeile" }, 400],
      [{ ...suggestionFields(rp.doc, "delete", "Region."), anchorEnd: suggestionFields(rp.doc, "delete", "Fortbildungsangebote").anchorEnd }, 400], // across paragraphs
    ];
    for (const [fields, status] of cases) {
      const res = await post("ministeriumRp", fields);
      expect(res.status, JSON.stringify(fields).slice(0, 120)).toBe(status);
      const body = (await res.json()) as { ok: boolean; error: string };
      expect(body.ok).toBe(false);
      expect(body.error).toMatch(/[A-Za-zÄÖÜäöüß]/);
    }
    expect(rows().length).toBe(count);
    // Marked content through the editor schema is taken; an unsafe link loses its mark.
    const marked = await post("ministeriumRp", {
      ...good, text: "Finanzierung",
      insertJson: JSON.stringify([{ type: "text", text: "Finanz", marks: [{ type: "bold" }] }, { type: "text", text: "ierung", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }]),
    });
    expect(marked.status).toBe(200);
    const stored = suite.sqlite.prepare(`SELECT insertJson FROM "Suggestion" WHERE id = ?`).get(((await marked.json()) as { id: string }).id) as { insertJson: string };
    expect(JSON.parse(stored.insertJson)).toEqual([{ type: "text", text: "Finanz", marks: [{ type: "bold" }] }, { type: "text", text: "ierung" }]);
  });

  it("wrong roles: readers and outsiders cannot suggest (403/404), commenters cannot decide, only the author withdraws", async () => {
    const by = await client("by");
    const fields = suggestionFields(by.doc, "insert", "Der Länderbeirat empfiehlt", " ausdrücklich");
    expect((await post("gast", fields)).status).toBe(403);
    expect((await post("westpfalz", fields)).status).toBe(404);
    expect((await get(suite.server.url, `/documents/${suite.paperId}/suggestions`, cookies.westpfalz)).status).toBe(404);
    const outsiderBody = await (await get(suite.server.url, `/documents/${suite.paperId}/suggestions`, cookies.westpfalz)).text();
    expect(outsiderBody).not.toContain("gemeinsam");
    const [first] = rows();
    expect((await post("ministeriumRp", { intent: "accept", suggestionId: first.id })).status).toBe(403);
    expect((await post("ministeriumRp", { intent: "accept-all" })).status).toBe(403);
    expect((await post("gast", { intent: "reject", suggestionId: first.id })).status).toBe(403);
    expect((await post("by", { intent: "withdraw", suggestionId: first.id })).status).toBe(403);
    expect((await post("by", { intent: "accept", suggestionId: "gibtesnicht" })).status).toBe(404);
    expect(statusOf(first.id)).toBe("open");
  });
});

describe("deciding", () => {
  it("an editor accepts; every open client receives the change and the stored text has it; the author is told", async () => {
    const rp = await client("ministeriumRp");
    const nw = await client("nw");
    const insert = rows().find((r) => r.kind === "insert" && r.text === " gemeinsam")!;
    const res = await post("by", { intent: "accept", suggestionId: insert.id });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, result: "applied" });
    await rp.until(() => bodyText(rp.doc).includes("Sie verbinden gemeinsam Kitas"), "the commenter sees it");
    await nw.until(() => bodyText(nw.doc).includes("Sie verbinden gemeinsam Kitas"), "the other editor sees it");
    expect(await storedMarkdown()).toContain("Sie verbinden gemeinsam Kitas");
    expect(statusOf(insert.id)).toBe("accepted");
    // Accepting again changes nothing.
    const again = await post("nw", { intent: "accept", suggestionId: insert.id });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toBe(m.suggestions.errors.alreadyDecided);
    await eventually(async () => {
      const n = suite.sqlite.prepare(`SELECT count(*) AS n FROM "Notification" n JOIN "User" u ON u.id = n.userId WHERE u.email = ? AND n.kind = 'suggestion-decided'`).get(DEMO.ministeriumRp) as { n: number };
      expect(n.n).toBe(1);
    }, "the author is notified");
    // Editors heard of the new suggestions.
    const editorNotes = suite.sqlite.prepare(`SELECT count(*) AS n FROM "Notification" n JOIN "User" u ON u.id = n.userId WHERE u.email = ? AND n.kind = 'document-suggestion'`).get(DEMO.nw) as { n: number };
    expect(editorNotes.n).toBeGreaterThan(0);
  });

  it("two editors accept the same suggestion at once: it is applied once", async () => {
    const by = await client("by");
    const created = await post("ministeriumRp", suggestionFields(by.doc, "insert", "Verlässliche", " und dauerhafte"));
    const { id } = (await created.json()) as { id: string };
    const answers = await Promise.all([post("by", { intent: "accept", suggestionId: id }), post("nw", { intent: "accept", suggestionId: id }), post("admin", { intent: "accept", suggestionId: id })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    await by.until(() => bodyText(by.doc).includes("Verlässliche und dauerhafte Grundfinanzierung"), "applied");
    expect(bodyText(by.doc).split("und dauerhafte").length).toBe(2);
    expect((await storedMarkdown()).split("und dauerhafte").length).toBe(2);
  });

  it("a suggestion whose text was deleted meanwhile is stale: accepting it changes nothing and it stays open", async () => {
    const by = await client("by");
    const deletion = rows().find((r) => r.kind === "delete")!;
    // The editor deletes "vor Ort " and more, as a concurrent edit.
    const fragment = by.doc.getXmlFragment("default");
    const paragraph = fragment.get(1) as unknown as { get(i: number): import("yjs").XmlText };
    const text = paragraph.get(0);
    const at = text.toString().indexOf("Kommunen vor Ort");
    expect(at).toBeGreaterThan(0);
    by.doc.transact(() => text.delete(at + "Kommunen ".length, "vor Ort ".length));
    await by.until(() => by.allSaved(), "deletion saved");
    // The export reads the derived text, which follows the saved state shortly after.
    const before = await eventually(async () => {
      const md = await storedMarkdown();
      expect(md).toContain("Kommunen und schaffen");
      return md;
    }, "the export has the deletion");
    const res = await post("nw", { intent: "accept", suggestionId: deletion.id });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toBe(m.suggestions.errors.stale);
    expect(statusOf(deletion.id)).toBe("open");
    expect(await storedMarkdown()).toBe(before);
    // It can still be rejected.
    expect((await post("nw", { intent: "reject", suggestionId: deletion.id })).status).toBe(200);
    expect(statusOf(deletion.id)).toBe("rejected");
  });

  it("the author withdraws; a replacement in bold text is accepted keeping the text's own formatting rules; accept all of one author", async () => {
    const by = await client("by");
    const mine = (await (await post("nw", suggestionFields(by.doc, "insert", "Eine gemeinsame Datengrundlage", " (offen)"))).json()) as { id: string };
    expect((await post("ministeriumRp", { intent: "withdraw", suggestionId: mine.id })).status).toBe(403);
    expect((await post("nw", { intent: "withdraw", suggestionId: mine.id })).status).toBe(200);
    expect(statusOf(mine.id)).toBe("withdrawn");
    expect((await post("nw", { intent: "withdraw", suggestionId: mine.id })).status).toBe(409);

    const open = rows().filter((r) => r.status === "open");
    expect(open.map((r) => r.kind).sort()).toEqual(["replace", "replace"]);
    const res = await post("by", { intent: "accept-all", authorId: (suite.sqlite.prepare(`SELECT id FROM "User" WHERE email = ?`).get(DEMO.ministeriumRp) as { id: string }).id });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ applied: 2, stale: 0 });
    await by.until(() => bodyText(by.doc).includes("geht beim Wechsel in die Grundschule oder in die Sekundarstufe oft verloren"), "replacement applied");
    const md = await storedMarkdown();
    expect(md).toContain("**Interesse, das in der Kita geweckt wird, geht beim Wechsel in die Grundschule oder in die Sekundarstufe oft verloren.**");
    expect(md).toContain("Verlässliche und dauerhafte **Finanz**ierung");
  });
});

describe("review findings: context, reply notifications, the comments endpoint, the bulk cap", () => {
  const thread = (id: string) => suite.sqlite.prepare(`SELECT t.id, t.prefix, t.suffix FROM "CommentThread" t JOIN "Suggestion" s ON s.threadId = t.id WHERE s.id = ?`).get(id) as { id: string; prefix: string; suffix: string };
  const comment = (who: string, fields: Record<string, string>) => postForm(suite.server.url, `/documents/${suite.paperId}/comments`, fields, { cookie: cookies[who], origin: suite.server.url });

  it("the original context is read from the stored text: a forged prefix and suffix are not stored", async () => {
    const by = await client("by");
    const fields = suggestionFields(by.doc, "replace", "Verbindliche Kooperationsvereinbarungen", "Feste Absprachen");
    const honest = { prefix: fields.prefix, suffix: fields.suffix };
    const res = await post("ministeriumRp", { ...fields, prefix: "Der Minister fordert: ", suffix: " sofort abzuschaffen." });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const stored = thread(id);
    expect(stored.prefix).not.toContain("Minister");
    expect(stored.suffix).not.toContain("abzuschaffen");
    // The words around it in its paragraph, as the editor would have sent them.
    expect(stored.prefix).toBe("");
    expect(stored.suffix).toBe(honest.suffix.slice(0, stored.suffix.length));
    expect(stored.suffix.startsWith(" zwischen Kitas, Grundschulen")).toBe(true);
    expect((await post("ministeriumRp", { intent: "withdraw", suggestionId: id })).status).toBe(200);
  });

  it("a reply on a suggestion's thread tells the suggester; resolving it through the comments endpoint is refused, and so is a reply once it is decided", async () => {
    const by = await client("by");
    const created = await post("ministeriumRp", suggestionFields(by.doc, "insert", "Der Länderbeirat empfiehlt", " mit Nachdruck"));
    const { id } = (await created.json()) as { id: string };
    const threadId = thread(id).id;
    const replyNotes = () => (suite.sqlite.prepare(`SELECT count(*) AS n FROM "Notification" n JOIN "User" u ON u.id = n.userId WHERE u.email = ? AND n.kind = 'comment-reply'`).get(DEMO.ministeriumRp) as { n: number }).n;
    const before = replyNotes();
    expect((await comment("by", { intent: "reply", threadId, body: "Warum „mit Nachdruck“?" })).status).toBe(200);
    await eventually(async () => expect(replyNotes()).toBe(before + 1), "the suggester hears of the reply");
    // Resolving would hide the suggestion without a decision.
    for (const intent of ["resolve", "reopen"]) {
      const res = await comment("by", { intent, threadId });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: string }).error).toBe(m.suggestions.errors.resolveViaDecision);
    }
    expect(statusOf(id)).toBe("open");
    expect((await post("by", { intent: "reject", suggestionId: id })).status).toBe(200);
    const late = await comment("ministeriumRp", { intent: "reply", threadId, body: "Schade." });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: string }).error).toBe(m.suggestions.errors.replyDecided);
    const replies = suite.sqlite.prepare(`SELECT count(*) AS n FROM "Comment" WHERE threadId = ?`).get(threadId) as { n: number };
    expect(replies.n).toBe(1);
  });

  it(`"Alle ablehnen" decides at most SUGGESTION_LIMITS.bulkMax per request and says in German how many are left`, async () => {
    const by = await client("by");
    const fields = suggestionFields(by.doc, "insert", "Der Länderbeirat empfiehlt", " bitte");
    const total = SUGGESTION_LIMITS.bulkMax + 2;
    for (let i = 0; i < total; i++) expect((await post("by", { ...fields, text: ` bitte ${i}` })).status).toBe(200);
    const first = await post("by", { intent: "reject-all" });
    expect(first.status).toBe(200);
    const body = (await first.json()) as { rejected: number; remaining: number; message: string };
    expect(body).toMatchObject({ rejected: SUGGESTION_LIMITS.bulkMax, remaining: 2 });
    expect(body.message).toBe(m.suggestions.rejectedCount(SUGGESTION_LIMITS.bulkMax) + m.suggestions.moreRemain(2, SUGGESTION_LIMITS.bulkMax));
    expect(rows().filter((r) => r.status === "open").length).toBe(2);
    const second = (await (await post("by", { intent: "reject-all" })).json()) as { rejected: number; remaining: number; message: string };
    expect(second).toMatchObject({ rejected: 2, remaining: 0, message: m.suggestions.rejectedCount(2) });
    expect(rows().filter((r) => r.status === "open").length).toBe(0);
  });

  it(`"Alle annehmen" does not spend its budget on stale suggestions: with more than bulkMax stale ones first, the live one behind them is applied`, async () => {
    const by = await client("by");
    appendParagraph(by.doc, "Probe für veraltete Vorschläge.");
    appendParagraph(by.doc, "Zweite Probe.");
    await by.until(() => by.allSaved(), "probe paragraphs saved");
    const stale = SUGGESTION_LIMITS.bulkMax + 1;
    // Spread over two people: each has a rate budget of its own (the test before used up "by"'s).
    for (let i = 0; i < stale; i++) expect((await post(i % 2 ? "nw" : "ministeriumRp", suggestionFields(by.doc, "delete", "veraltete "))).status).toBe(200);
    // The editor deletes that paragraph's words for real: every one of those deletions is stale now.
    const fragment = by.doc.getXmlFragment("default");
    const probe = fragment.get(fragment.length - 2) as unknown as { get(i: number): import("yjs").XmlText };
    by.doc.transact(() => probe.get(0).delete(0, probe.get(0).length));
    await by.until(() => by.allSaved(), "deletion saved");
    expect((await post("ministeriumRp", suggestionFields(by.doc, "insert", "Zweite Probe", " bleibt"))).status).toBe(200);
    const res = await post("by", { intent: "accept-all" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ applied: 1, stale, remaining: 0 });
    await by.until(() => bodyText(by.doc).includes("Zweite Probe bleibt."), "the live suggestion reached the editor");
    // The stale ones stay open until someone rejects them.
    while (rows().some((r) => r.status === "open")) expect((await post("by", { intent: "reject-all" })).status).toBe(200);
  });
});

describe("the chair's switch and the lifecycle", () => {
  it("with the switch off commenters cannot suggest, editors still can", async () => {
    const by = await client("by");
    const off = await postForm(suite.server.url, `/documents/${suite.paperId}/status`, { intent: "suggestion-settings" }, { cookie: cookies.leitung, origin: suite.server.url });
    expect(off.status).toBe(200);
    expect((await post("ministeriumRp", suggestionFields(by.doc, "insert", "Der Länderbeirat empfiehlt", " nachdrücklich"))).status).toBe(403);
    expect((await list("ministeriumRp")).canSuggest).toBe(false);
    expect((await postForm(suite.server.url, `/documents/${suite.paperId}/status`, { intent: "suggestion-settings", commenterSuggestions: "on" }, { cookie: cookies.by, origin: suite.server.url })).status).toBe(403);
    const on = await postForm(suite.server.url, `/documents/${suite.paperId}/status`, { intent: "suggestion-settings", commenterSuggestions: "on" }, { cookie: cookies.leitung, origin: suite.server.url });
    expect(on.status).toBe(200);
    expect((await post("ministeriumRp", suggestionFields(by.doc, "insert", "Der Länderbeirat empfiehlt", " nachdrücklich"))).status).toBe(200);
  });

  it("adopting with open suggestions asks for confirmation, then closes them; a frozen paper takes no suggestions", async () => {
    const by = await client("by");
    const open = rows().filter((r) => r.status === "open");
    expect(open.length).toBe(1);
    const page = await (await get(suite.server.url, `/documents/${suite.paperId}/status`, cookies.leitung)).text();
    expect(page).toContain(m.suggestions.openBeforeAdoption(1));
    const unconfirmed = await postForm(suite.server.url, `/documents/${suite.paperId}/status`, { to: "adopted" }, { cookie: cookies.leitung, origin: suite.server.url });
    expect(unconfirmed.status).toBe(409);
    expect(await unconfirmed.text()).toContain(m.suggestions.confirmRequired.slice(0, 30));
    expect(statusOf(open[0].id)).toBe("open");
    const confirmed = await postForm(suite.server.url, `/documents/${suite.paperId}/status`, { to: "adopted", closeSuggestions: "on" }, { cookie: cookies.leitung, origin: suite.server.url });
    expect(confirmed.status).toBe(302);
    expect(statusOf(open[0].id)).toBe("closed");
    expect((await list("gast")).suggestions.find((s) => s.id === open[0].id)?.status).toBe("closed");

    const count = rows().length;
    expect((await post("by", suggestionFields(by.doc, "insert", "Der Länderbeirat", " x"))).status).toBe(403);
    expect((await post("ministeriumRp", suggestionFields(by.doc, "insert", "Der Länderbeirat", " x"))).status).toBe(403);
    expect((await post("by", { intent: "accept", suggestionId: open[0].id })).status).toBe(403);
    expect(rows().length).toBe(count);
  });
});
