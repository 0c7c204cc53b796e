// Ranking search hits within a window of the best matches (app/db/search-query.server.ts, RANK_WINDOW)
// must give exactly the pages that ranking every match gives: for a reader who may read most matches
// (the window path), for one who may read few of them (the fallback), and past the window.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/db.server.ts";
import { indexPost } from "../../app/db/search-index.server.ts";
import { RANK_WINDOW, rankedHits, type RankedScope } from "../../app/db/search-query.server.ts";
import { dbNow, newId } from "../../app/db/values.ts";

const MATCH = `{title body extra} : ("fensterwort"*)`;
let readable = "";
let hidden = "";

/** The reference: every match ranked, then filtered, as before the window existed. */
async function rankEverything(scope: RankedScope, limit: number, offset: number) {
  const { rows } = await sql<{ postId: string }>`SELECT e."postId" AS "postId" FROM "SearchFts" JOIN "SearchEntry" e ON e."rowid" = "SearchFts".rowid
    WHERE "SearchFts" MATCH ${MATCH} AND e."spaceId" IN (SELECT "value" FROM json_each(${JSON.stringify(scope.spaceIds)}))
    ORDER BY bm25("SearchFts", 8.0, 1.0, 3.0, 0.0), "SearchFts".rowid LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows.map((r) => r.postId);
}

beforeAll(async () => {
  const spaces = await db.selectFrom("Space").select("id").orderBy("slug").limit(2).execute();
  [readable, hidden] = spaces.map((s) => s.id);
  const author = await db.selectFrom("User").select("id").limit(1).executeTakeFirstOrThrow();
  // 400 matching posts: 9 of 10 in the hidden Gremium, with varying term frequency so bm25 differs.
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < 400; i++) {
      const spaceId = i % 10 === 0 ? readable : hidden;
      const threadId = newId();
      const postId = newId();
      await trx.insertInto("Thread").values({ id: threadId, spaceId, authorId: author.id, kind: "discussion", title: `Fenster ${i}`, createdAt: dbNow(), lastActivityAt: dbNow() }).execute();
      await trx.insertInto("Post").values({ id: postId, threadId, authorId: author.id, bodyJson: "{}", bodyText: "x", createdAt: dbNow() }).execute();
      const text = `${"fensterwort ".repeat(1 + (i % 7))}${"füllwort ".repeat(i % 13)}`;
      await indexPost(trx, { postId, threadId, spaceId, kind: "discussion", title: "", body: text, extra: "" });
    }
  });
});

describe("search ranking window", () => {
  it(`answers every page exactly as ranking all matches does (${RANK_WINDOW} in the window)`, async () => {
    for (const scope of [
      { spaceIds: [readable, hidden], documentIds: [], type: null, kind: null }, // reads everything: window path
      { spaceIds: [readable], documentIds: [], type: null, kind: null }, // reads 1 in 10: falls back
    ] satisfies RankedScope[]) {
      for (const [limit, offset] of [[20, 0], [20, 20], [20, 180], [20, 190], [20, 200], [20, 380]]) {
        const hits = (await rankedHits(db, MATCH, scope, limit, offset)).map((h) => h.postId);
        expect(hits).toEqual(await rankEverything(scope, limit, offset));
      }
    }
    // The first page for the broad reader is full; the narrow reader still finds its 40 posts.
    expect(await rankedHits(db, MATCH, { spaceIds: [readable], documentIds: [], type: null, kind: null }, 50, 0)).toHaveLength(40);
  });

  it("finds nothing outside the scope and nothing for a term without matches", async () => {
    expect(await rankedHits(db, MATCH, { spaceIds: [newId()], documentIds: [], type: null, kind: null }, 20, 0)).toEqual([]);
    expect(await rankedHits(db, `{title body extra} : ("keinsolcheswort"*)`, { spaceIds: [readable], documentIds: [], type: null, kind: null }, 20, 0)).toEqual([]);
  });
});
