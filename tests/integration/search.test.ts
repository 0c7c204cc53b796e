// Search over real German word forms, position papers and their comments, in-process against a real
// SQLite copy: stems on both sides (german2: ae/oe/ue), papers and comments filtered by permission
// inside the query (Gremium or a paper granted alone), and a paper's text indexed by the
// collaboration server's writer thread after an edit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchorFromRange, anchorText, findText, readYDoc } from "../../app/editor/anchors.ts";
import { createCommentThread, deleteComment, replyToCommentThread } from "../../app/models/comments.server.ts";
import { createDocument, documentSchema, loadStoredYDoc, renameDocument, setDocumentAccess } from "../../app/models/documents.server.ts";
import { drainEvents } from "../../app/events/processor.server.ts";
import { createThread } from "../../app/models/forum.server.ts";
import { loadActors } from "../../app/models/notifications.server.ts";
import { queryTerms, rebuildPaperSearchIndex, searchResults, searchScopeFor, snippet } from "../../app/models/search.server.ts";
import { listReadableSpaces } from "../../app/models/spaces.server.ts";
import { db, dbReady } from "../../app/db/prisma.server.ts";
import { YJS_FRAGMENT } from "../../app/domain/collab.ts";
import type { SearchHitType } from "../../app/domain/model.ts";
import { analyse, german2Prelude } from "../../app/domain/search-text.js";
import { appendParagraph, connectClient } from "../support/collab.ts";
import { startTestCollab, type TestCollab } from "../support/collab-server.ts";
import { DEMO } from "../support/paths.ts";
import { postBody } from "../support/posts.ts";

await dbReady;

const ids: Record<string, string> = {};
const spaceIds: Record<string, string> = {};
const body = postBody;

/** What `email` finds for `query`, through the same scope computation as the search page. A new post
 *  reaches the index through its "post.created" event: run what is due first. */
async function find(email: string, query: string, type?: SearchHitType) {
  await drainEvents();
  const [actor] = await loadActors([ids[email]]);
  const scope = await searchScopeFor(actor, await listReadableSpaces(actor));
  return searchResults({ query, scope, filter: { type }, page: 1 });
}

async function anchorOn(documentId: string, words: string) {
  const ydoc = (await loadStoredYDoc(documentId))!;
  const { fragment, doc, mapping } = readYDoc(ydoc, documentSchema());
  const range = findText(doc, words)!;
  return { ...anchorFromRange(fragment, mapping, range.from, range.to), ...anchorText(doc, range.from, range.to) };
}

/** Waits for what the writer thread commits (it has no event of its own), one event-loop turn at a time. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

beforeAll(async () => {
  for (const u of await db.user.findMany({ select: { id: true, email: true } })) ids[u.email] = u.id;
  for (const s of await db.space.findMany()) spaceIds[s.slug] = s.id;
});

describe("German word forms", () => {
  it("stems both sides with german2: umlauts, their ae/oe/ue spellings and inflections meet", () => {
    for (const form of ["Übergang", "Übergänge", "ubergange", "Uebergaenge", "UEBERGAENGE"]) expect(analyse(form), form).toBe("ubergang");
    for (const form of ["Förderprogramme", "forderprogramme", "Foerderprogramme"]) expect(analyse(form), form).toBe("forderprogramm");
    expect(analyse("Straße")).toBe(analyse("Strasse"));
    // german2 keeps "qu" and a u between vowels: Quelle is not "Qülle", Bauer not "Baür".
    expect(german2Prelude("quelle")).toBe("quelle");
    expect(german2Prelude("bauer")).toBe("baUer");
    expect(queryTerms("Übergänge, Übergang & Förderprogramme")).toEqual(["ubergang", "forderprogramm"]);
  });

  it("cuts a pasted run of characters instead of stemming it (the writer thread indexes whatever is typed)", () => {
    expect(analyse(`Anfang ${"ue".repeat(500_000)} Ende`)).toBe(`anfang ${"ue".repeat(32)} end`);
  });

  it("finds a post about „Übergänge“ and „Förderprogramme“ by every spelling a German speaker types", async () => {
    const { threadId } = await createThread(ids[DEMO.by], { id: spaceIds["mint-regionen"], visibility: "platform" }, {
      title: "Übergänge von der Kita in die Grundschule", kind: "discussion", body: body("Welche Förderprogramme für Lernwerkstätten kennen Sie?"), tagIds: [],
    });
    for (const query of ["Übergang", "Übergänge", "ubergange", "Uebergaenge", "überg", "forderprogramme", "Förderprogramm", "Foerderprogramme", "Lernwerkstatt"]) {
      const { results } = await find(DEMO.nw, query);
      expect(results.some((r) => r.type === "post" && r.href.startsWith(`/threads/${threadId}`)), query).toBe(true);
    }
    expect((await find(DEMO.nw, "Übergangsweise Wasserstoffelektrolyse")).results.some((r) => r.href.startsWith(`/threads/${threadId}`))).toBe(false);
  });

  it("marks the original spelling in snippets", () => {
    const parts = snippet("Gute Übergänge brauchen Förderprogramme.", queryTerms("uebergang forderprogramme"));
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(["Übergänge", "Förderprogramme"]);
  });
});

describe("position papers and their comments", () => {
  let paperId: string;
  let commentId: string;

  beforeAll(async () => {
    // Länderbeirat is visible to its members only: gast and the RP ministry are not members.
    paperId = (await createDocument(ids[DEMO.by], {
      spaceId: spaceIds["laenderbeirat"], title: "Positionspapier Wasserstoffregionen", template: "position-paper",
      templateIntro: "Wir fordern verlässliche Übergänge zwischen Schule und Ausbildung und dauerhafte Förderprogramme für Elektrolyseure.",
    })).id;
    const thread = await createCommentThread(ids[DEMO.nw], paperId, await anchorOn(paperId, "verlässliche Übergänge"), body("Die Quereinsteigerkurse für Lehrkräfte fehlen hier."));
    commentId = (await replyToCommentThread(ids[DEMO.by], { id: thread.id, documentId: paperId }, body("Ergänzt: Quereinsteigerkurse mit Zertifikat."))).id;
  });

  it("a member finds the paper by title and text, and the comments, each with its kind", async () => {
    const byTitle = await find(DEMO.nw, "Wasserstoffregion");
    expect(byTitle.results).toContainEqual(expect.objectContaining({ type: "paper", href: `/documents/${paperId}`, title: "Positionspapier Wasserstoffregionen" }));
    expect((await find(DEMO.nw, "forderprogramme", "paper")).results.map((r) => r.href)).toEqual([`/documents/${paperId}`]);
    const byText = await find(DEMO.nw, "Elektrolyseur uebergaenge");
    expect(byText.results.find((r) => r.type === "paper")?.parts.some((p) => p.match && p.text === "Übergänge")).toBe(true);
    const comments = await find(DEMO.nw, "Quereinsteigerkurs");
    expect(comments.results.map((r) => r.type)).toEqual(["comment", "comment"]);
    expect(comments.results[0].href).toMatch(new RegExp(`^/documents/${paperId}#comment-thread-`));
  });

  it("filters by kind: only papers, only comments, only posts", async () => {
    expect((await find(DEMO.nw, "Quereinsteigerkurse", "paper")).total).toBe(0);
    expect((await find(DEMO.nw, "Quereinsteigerkurse", "comment")).total).toBe(2);
    expect((await find(DEMO.nw, "Wasserstoffregionen", "post")).total).toBe(0);
    expect((await find(DEMO.nw, "Wasserstoffregionen", "paper")).total).toBe(1);
  });

  it("a reader who may not read the paper never finds it or its comments, nor counts them", async () => {
    for (const outsider of [DEMO.gast, DEMO.ministeriumRp]) {
      for (const query of ["Wasserstoffregionen", "Elektrolyseure", "Quereinsteigerkurse", "verlässliche Übergänge"]) {
        const found = await find(outsider, query);
        expect(found.results.filter((r) => r.href.startsWith(`/documents/${paperId}`)), `${outsider} ${query}`).toEqual([]);
        expect(JSON.stringify(found.results)).not.toMatch(/Wasserstoff|Elektrolyse|Quereinsteiger/);
      }
      expect((await find(outsider, "Quereinsteigerkurse")).total).toBe(0);
      // The scope tokens themselves, or FTS5 syntax, typed as a query match nothing of the paper.
      const forged = `scope : "d${paperId.toLowerCase()}" OR "s${spaceIds["laenderbeirat"].toLowerCase()}" Wasserstoff* NEAR(`;
      expect((await find(outsider, forged)).results.filter((r) => r.href.startsWith(`/documents/${paperId}`))).toEqual([]);
    }
  });

  it("a paper granted to one outsider is found by them alone, and no longer once the grant is gone", async () => {
    await setDocumentAccess(ids[DEMO.leitung], paperId, ids[DEMO.gast], "reader");
    expect((await find(DEMO.gast, "Wasserstoffregionen")).results.map((r) => r.type)).toEqual(["paper"]);
    expect((await find(DEMO.gast, "Quereinsteigerkurse")).total).toBe(2);
    expect((await find(DEMO.ministeriumRp, "Wasserstoffregionen")).total).toBe(0);
    await setDocumentAccess(ids[DEMO.leitung], paperId, ids[DEMO.gast], null);
    expect((await find(DEMO.gast, "Wasserstoffregionen")).total).toBe(0);
    expect((await find(DEMO.gast, "Quereinsteigerkurse")).total).toBe(0);
  });

  it("is rebuilt with its comments after a format change empties the index", async () => {
    await db.$executeRawUnsafe(`DELETE FROM "SearchFts"`);
    await db.searchEntry.deleteMany();
    expect((await find(DEMO.nw, "Wasserstoffregionen")).total).toBe(0);
    expect(await rebuildPaperSearchIndex(2)).toBeGreaterThan(3);
    expect((await find(DEMO.nw, "Wasserstoffregionen", "paper")).total).toBe(1);
    expect((await find(DEMO.nw, "Quereinsteigerkurse", "comment")).total).toBe(2);
    expect((await find(DEMO.gast, "Quereinsteigerkurse")).total).toBe(0);
  });

  it("follows a rename and a deleted comment", async () => {
    await renameDocument(ids[DEMO.by], paperId, "Positionspapier Wasserstoffregionen und Fachkräfte");
    expect((await find(DEMO.nw, "Fachkräfte", "paper")).results.map((r) => r.href)).toContain(`/documents/${paperId}`);
    await deleteComment(commentId, paperId);
    expect((await find(DEMO.nw, "Zertifikat", "comment")).total).toBe(0);
    expect((await find(DEMO.nw, "Quereinsteigerkurse", "comment")).total).toBe(1);
  });
});

describe("the live paper", () => {
  let collab: TestCollab;
  beforeAll(async () => {
    collab = await startTestCollab();
  });
  afterAll(async () => {
    await collab?.close();
  });

  it("is found by text typed in the editor once the collaboration server derived it, and not by outsiders", async () => {
    const paperId = (await createDocument(ids[DEMO.by], { spaceId: spaceIds["laenderbeirat"], title: "Ganztag im Grundschulalter", template: "blank", templateIntro: "" })).id;
    expect((await find(DEMO.nw, "Zukunftswerkstätten")).total).toBe(0);
    const client = connectClient(collab.baseUrl, paperId, collab.headers(await collab.cookieFor(DEMO.by)));
    try {
      await client.until(() => client.provider.synced, "synced");
      appendParagraph(client.doc, "Neu: Zukunftswerkstätten für Mädchen in jeder Region.");
      await client.until(() => client.allSaved(), "saved");
      // The derive debounce runs while the editor stays open; the writer thread indexes the text.
      await eventually(async () => (await find(DEMO.nw, "Zukunftswerkstatt")).total === 1, "the edited text in the index");
      const hit = (await find(DEMO.nw, "zukunftswerkstaetten madchen")).results[0];
      expect(hit).toMatchObject({ type: "paper", href: `/documents/${paperId}`, title: "Ganztag im Grundschulalter" });
      expect(hit.parts.filter((p) => p.match).map((p) => p.text)).toEqual(["Zukunftswerkstätten", "Mädchen"]);
      expect((await find(DEMO.gast, "Zukunftswerkstatt")).total).toBe(0);

      // A second edit replaces the row: the removed wording is no longer found.
      client.doc.transact(() => {
        const fragment = client.doc.getXmlFragment(YJS_FRAGMENT);
        fragment.delete(fragment.length - 1, 1);
      });
      appendParagraph(client.doc, "Stattdessen: Forscherferien.");
      await client.until(() => client.allSaved(), "saved again");
      await eventually(async () => (await find(DEMO.nw, "Forscherferien")).total === 1, "the second edit in the index");
      expect((await find(DEMO.nw, "Zukunftswerkstatt")).total).toBe(0);
    } finally {
      client.destroy();
    }
  });
});
