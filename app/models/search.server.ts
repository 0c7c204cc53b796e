// Full-text search with SQLite FTS5 (table "SearchFts", one row per post; the opening post's row
// also carries the title and the best-practice fields). Permission filtering happens inside the
// query: ranking joins each match to its entry and keeps only the user's readable Gremien; counting
// matches the Gremium tokens each row carries in the column "scope". Nothing from another Gremium is
// ever ranked, counted or snippeted.
import type { Prisma } from "../generated/prisma/client.ts";
import { db } from "../utils/db.server.ts";
import { FORUM_LIMITS, type ThreadKind } from "../utils/domain.ts";
import { prepared } from "../utils/sqlite.server.ts";

type Tx = Prisma.TransactionClient;

/** German-friendly folding, applied to indexed text and queries alike: Länder = Laender, Straße = Strasse. */
export function foldGerman(text: string) {
  return text.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");
}

export function queryTerms(query: string): string[] {
  return [...new Set(foldGerman(query).match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, 8);
}

const spaceToken = (spaceId: string) => `s${spaceId.toLowerCase()}`;
const kindToken = (kind: string) => `k${kind.replace(/[^a-z]/g, "")}`;

/** Each term becomes a quoted prefix match, so user input can never be FTS5 syntax. */
function textQuery(terms: string[]) {
  return `{title body extra} : (${terms.map((t) => `"${t}"*`).join(" ")})`;
}

/** The text match restricted to the readable Gremien (and a kind) by the row's scope tokens. */
function scopedQuery(terms: string[], spaceIds: string[], kind?: ThreadKind) {
  const scope = `scope : (${spaceIds.map((id) => `"${spaceToken(id)}"`).join(" OR ")})`;
  return `${textQuery(terms)} AND ${scope}${kind ? ` AND scope : "${kindToken(kind)}"` : ""}`;
}

/** Ranking joins each match to its entry and filters by Gremium there: cheaper than intersecting the
 *  large scope lists when every match needs its bm25 anyway. */
function rankedSql(spaceCount: number, kind?: ThreadKind) {
  return `FROM "SearchFts" JOIN "SearchEntry" e ON e."rowid" = "SearchFts".rowid
          WHERE "SearchFts" MATCH ? AND e."spaceId" IN (${Array(spaceCount).fill("?").join(", ")})${kind ? ` AND e."kind" = ?` : ""}`;
}

export type IndexedPost = { postId: string; threadId: string; spaceId: string; kind: ThreadKind; title: string; body: string; extra: string };

export async function indexPost(tx: Tx, entry: IndexedPost) {
  const row = await tx.searchEntry.upsert({
    where: { postId: entry.postId },
    create: { postId: entry.postId, threadId: entry.threadId, spaceId: entry.spaceId, kind: entry.kind },
    update: { threadId: entry.threadId, spaceId: entry.spaceId, kind: entry.kind },
  });
  await tx.$executeRawUnsafe(`DELETE FROM "SearchFts" WHERE rowid = ?`, row.rowid);
  await tx.$executeRawUnsafe(
    `INSERT INTO "SearchFts" (rowid, title, body, extra, scope) VALUES (?, ?, ?, ?, ?)`,
    row.rowid, foldGerman(entry.title), foldGerman(entry.body), foldGerman(entry.extra), `${spaceToken(entry.spaceId)} ${kindToken(entry.kind)}`,
  );
}

export async function removePostFromIndex(tx: Tx, postId: string) {
  const row = await tx.searchEntry.findUnique({ where: { postId } });
  if (!row) return;
  await tx.$executeRawUnsafe(`DELETE FROM "SearchFts" WHERE rowid = ?`, row.rowid);
  await tx.searchEntry.delete({ where: { postId } });
}

export async function removeThreadFromIndex(tx: Tx, threadId: string) {
  const rows = await tx.searchEntry.findMany({ where: { threadId }, select: { postId: true } });
  for (const { postId } of rows) await removePostFromIndex(tx, postId);
}

export const SEARCH_COUNT_CAP = 1000;

export type SearchHit = { postId: string; threadId: string; score: number };

/**
 * Ranked (bm25: title ×8, body ×1, best-practice fields ×3) hits within the given Gremien.
 * `spaceIds` must already be the Gremien the user may read.
 */
export async function searchPosts(opts: { query: string; spaceIds: string[]; kind?: ThreadKind; page: number }) {
  const terms = queryTerms(opts.query);
  if (!terms.length || !opts.spaceIds.length) return { total: 0, more: false, hits: [] as SearchHit[], terms };
  const perPage = FORUM_LIMITS.searchPerPage;
  // Counting uses the scope tokens (FTS5 intersects the lists) and stops at SEARCH_COUNT_CAP: an exact
  // count of a very common word costs more than it tells.
  const counted = (prepared(`SELECT count(*) AS n FROM (SELECT 1 FROM "SearchFts" WHERE "SearchFts" MATCH ? LIMIT ${SEARCH_COUNT_CAP + 1})`)
    .get(scopedQuery(terms, opts.spaceIds, opts.kind)) as { n: number }).n;
  const ranked = prepared(
    `SELECT e."postId" AS "postId", e."threadId" AS "threadId", bm25("SearchFts", 8.0, 1.0, 3.0, 0.0) AS "score" ${rankedSql(opts.spaceIds.length, opts.kind)}
     ORDER BY "score" LIMIT ? OFFSET ?`,
  ).all(textQuery(terms), ...opts.spaceIds, ...(opts.kind ? [opts.kind] : []), perPage, (opts.page - 1) * perPage) as SearchHit[];
  return { total: Math.min(counted, SEARCH_COUNT_CAP), more: counted > SEARCH_COUNT_CAP, hits: ranked, terms };
}

export type SnippetPart = { text: string; match: boolean };

/** A short excerpt around the first match, split into highlighted and plain parts. */
export function snippet(text: string, terms: string[], radius = 90): SnippetPart[] {
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const isMatch = (word: string) => terms.some((t) => foldGerman(word).startsWith(t));
  const first = words.find((w) => isMatch(w[0]));
  const center = first?.index ?? 0;
  const start = Math.max(0, center - radius);
  const end = Math.min(text.length, center + radius);
  const window = text.slice(start, end);
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const w of window.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!isMatch(w[0])) continue;
    if (w.index! > last) parts.push({ text: window.slice(last, w.index), match: false });
    parts.push({ text: w[0], match: true });
    last = w.index! + w[0].length;
  }
  if (last < window.length) parts.push({ text: window.slice(last), match: false });
  if (start > 0) parts.unshift({ text: "… ", match: false });
  if (end < text.length) parts.push({ text: " …", match: false });
  return parts;
}

/** Distinct threads matching a query within the given Gremien (for the catalogue's full-text filter). */
export function searchThreadIds(opts: { query: string; spaceIds: string[]; kind?: ThreadKind; limit?: number }) {
  const terms = queryTerms(opts.query);
  if (!terms.length || !opts.spaceIds.length) return [];
  const rows = prepared(
    `SELECT e."threadId" AS "threadId", min(bm25("SearchFts", 8.0, 1.0, 3.0, 0.0)) AS "score" ${rankedSql(opts.spaceIds.length, opts.kind)}
     GROUP BY e."threadId" ORDER BY "score" LIMIT ?`,
  ).all(textQuery(terms), ...opts.spaceIds, ...(opts.kind ? [opts.kind] : []), opts.limit ?? 500) as Array<{ threadId: string }>;
  return rows.map((r) => r.threadId);
}
