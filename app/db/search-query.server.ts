// Querying the full-text index: the SQLite-only part (FTS5 MATCH, bm25, json_each lists) behind named
// functions, next to the writing side (search-index.server.ts), so a PostgreSQL build replaces these
// two files. Every statement has one fixed text whatever the scope's size (the lists are one JSON
// parameter), so each is prepared once per process.
import { sql } from "kysely";
import type { Queryable } from "./db.server.ts";
import type { SearchHitType } from "../domain/model.ts";

/** What a ranked query may return: rows of these Gremien or papers, optionally of one type and thread kind. */
export type RankedScope = { spaceIds: string[]; documentIds: string[]; type: SearchHitType | null; kind: string | null };

/** How many rows match an FTS5 query (scope tokens included in it), counting at most `cap` + 1. */
export async function countMatches(q: Queryable, match: string, cap: number) {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS "n" FROM (SELECT 1 FROM "SearchFts" WHERE "SearchFts" MATCH ${match} LIMIT ${cap + 1})`.execute(q);
  return rows[0].n;
}

/** The scope filter on a joined entry `e`: readable Gremien or granted papers, optional type and kind. */
function inScope(scope: RankedScope) {
  return sql`(e."spaceId" IN (SELECT "value" FROM json_each(${JSON.stringify(scope.spaceIds)}))
           OR e."documentId" IN (SELECT "value" FROM json_each(${JSON.stringify(scope.documentIds)})))
      AND (${scope.type} IS NULL OR e."type" = ${scope.type})
      AND (${scope.kind} IS NULL OR e."kind" = ${scope.kind})`;
}

/** Each match joined to its entry and kept only within the scope. */
function rankedMatches(match: string, scope: RankedScope) {
  return sql`FROM "SearchFts" JOIN "SearchEntry" e ON e."rowid" = "SearchFts".rowid
    WHERE "SearchFts" MATCH ${match} AND ${inScope(scope)}`;
}

/** bm25 weights: title ×8, body ×1, extra ×3, scope 0. */
const SCORE = sql`bm25("SearchFts", 8.0, 1.0, 3.0, 0.0)`;

export type RankedHit = { type: SearchHitType; postId: string | null; documentId: string | null; commentId: string | null; threadId: string; score: number };

/**
 * How many of the best matches are ranked before the scope filter. Joining every match to its entry
 * costs about 1.6 µs a match (14 ms for a term in 6,300 of 200,000 posts), ranking alone a third of
 * that; most readers may read most matches, so the first pages come from this window.
 */
export const RANK_WINDOW = 200;

/**
 * One page of ranked hits, best first (ties by row, so every path orders alike). bm25 does not
 * depend on the filter, so the best `limit` readable hits within the best RANK_WINDOW matches are
 * the best readable hits overall whenever the window holds enough of them or all matches; otherwise
 * the page is ranked over every match.
 */
export async function rankedHits(q: Queryable, match: string, scope: RankedScope, limit: number, offset: number) {
  if (offset + limit <= RANK_WINDOW) {
    const { rows } = await sql<RankedHit & { windowSize: number }>`WITH "top" AS MATERIALIZED (
        SELECT rowid AS "r", ${SCORE} AS "score" FROM "SearchFts" WHERE "SearchFts" MATCH ${match} ORDER BY "score", rowid LIMIT ${RANK_WINDOW})
      SELECT e."type" AS "type", e."postId" AS "postId", e."documentId" AS "documentId", e."commentId" AS "commentId",
        e."threadId" AS "threadId", "top"."score" AS "score", (SELECT count(*) FROM "top") AS "windowSize"
      FROM "top" JOIN "SearchEntry" e ON e."rowid" = "top"."r"
      WHERE ${inScope(scope)}
      ORDER BY "top"."score", "top"."r" LIMIT ${limit} OFFSET ${offset}`.execute(q);
    const windowSize = rows.length ? rows[0].windowSize : await countMatches(q, match, RANK_WINDOW);
    if (rows.length === limit || windowSize < RANK_WINDOW) return rows.map(({ windowSize: _, ...hit }) => hit);
  }
  const { rows } = await sql<RankedHit>`SELECT e."type" AS "type", e."postId" AS "postId", e."documentId" AS "documentId", e."commentId" AS "commentId",
      e."threadId" AS "threadId", ${SCORE} AS "score" ${rankedMatches(match, scope)}
    ORDER BY "score", "SearchFts".rowid LIMIT ${limit} OFFSET ${offset}`.execute(q);
  return rows;
}

/** Distinct threads with a match, best match first. bm25 cannot run inside an aggregate, so the
 *  ranked matches are materialised first. */
export async function rankedThreadIds(q: Queryable, match: string, scope: RankedScope, limit: number) {
  const { rows } = await sql<{ threadId: string }>`WITH "matches" AS MATERIALIZED (SELECT e."threadId" AS "threadId", ${SCORE} AS "score" ${rankedMatches(match, scope)})
    SELECT "threadId", min("score") AS "score" FROM "matches" GROUP BY "threadId" ORDER BY "score" LIMIT ${limit}`.execute(q);
  return rows.map((r) => r.threadId);
}
