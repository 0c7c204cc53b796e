// Full-text search with SQLite FTS5 over posts, position papers and their comments (table "SearchFts",
// one row per post, paper or comment; an opening post's row also carries the title and the
// best-practice fields). Text and queries become German stems (app/domain/search-text.js), so word
// forms and ae/oe/ue spellings meet. Permission filtering happens inside the query: ranking joins
// each match to its entry and keeps only readable Gremien and papers granted to the user; counting
// matches the tokens each row carries in the column "scope". Nothing unreadable is ever ranked,
// counted or snippeted (docs/decisions/010 and 018).
import type { Prisma } from "../generated/prisma/client.ts";
import { db } from "../db/prisma.server.ts";
import { FORUM_LIMITS, type SearchHitType, type ThreadKind } from "../domain/model.ts";
import { can, type Actor } from "../domain/permissions.ts";
import { analyse, documentToken, scopeTokens, spaceToken, stemWord, words } from "../domain/search-text.js";
import { prepared } from "../db/sqlite.server.ts";
import { documentResource } from "./documents.server.ts";

type Tx = Prisma.TransactionClient;

/** The query's stems (at most 8), each matched as a prefix. */
export function queryTerms(query: string): string[] {
  return [...new Set(words(query).map(stemWord))].slice(0, 8);
}

/** Each term becomes a quoted prefix match, so user input can never be FTS5 syntax. */
function textQuery(terms: string[]) {
  return `{title body extra} : (${terms.map((t) => `"${t}"*`).join(" ")})`;
}

/** What a search may see: the readable Gremien and, beyond them, the papers granted to the user. */
export type SearchScope = { spaceIds: string[]; documentIds: string[] };
export type SearchFilter = { type?: SearchHitType; kind?: ThreadKind };

/** The text match restricted by the row's scope tokens (Gremium or granted paper, type, kind). */
function scopedQuery(terms: string[], scope: SearchScope, filter: SearchFilter) {
  const tokens = [...scope.spaceIds.map(spaceToken), ...scope.documentIds.map(documentToken)].map((t) => `"${t}"`);
  const type = filter.kind ? "post" : filter.type;
  return `${textQuery(terms)} AND scope : (${tokens.join(" OR ")})` +
    `${type ? ` AND scope : "t${type}"` : ""}${filter.kind ? ` AND scope : "k${filter.kind.replace(/[^a-z]/g, "")}"` : ""}`;
}

/** Ranking joins each match to its entry and filters there: cheaper than intersecting the large
 *  scope lists when every match needs its bm25 anyway. Returns the SQL and its parameters. */
function rankedWhere(terms: string[], scope: SearchScope, filter: SearchFilter) {
  const marks = (n: number) => Array(n).fill("?").join(", ");
  const type = filter.kind ? "post" : filter.type;
  const sql = `FROM "SearchFts" JOIN "SearchEntry" e ON e."rowid" = "SearchFts".rowid
    WHERE "SearchFts" MATCH ?
      AND (e."spaceId" IN (${marks(scope.spaceIds.length)})${scope.documentIds.length ? ` OR e."documentId" IN (${marks(scope.documentIds.length)})` : ""})
      ${type ? `AND e."type" = ?` : ""} ${filter.kind ? `AND e."kind" = ?` : ""}`;
  return { sql, params: [textQuery(terms), ...scope.spaceIds, ...scope.documentIds, ...(type ? [type] : []), ...(filter.kind ? [filter.kind] : [])] };
}

type IndexRow = {
  key: string; type: SearchHitType; spaceId: string; threadId: string; kind: string;
  postId?: string | null; documentId?: string | null; commentId?: string | null;
  title: string; body: string; extra: string;
};

async function indexRow(tx: Tx, entry: IndexRow) {
  const ids = { type: entry.type, postId: entry.postId ?? null, documentId: entry.documentId ?? null, commentId: entry.commentId ?? null, threadId: entry.threadId, spaceId: entry.spaceId, kind: entry.kind };
  const row = await tx.searchEntry.upsert({ where: { key: entry.key }, create: { key: entry.key, ...ids }, update: ids });
  await tx.$executeRawUnsafe(`DELETE FROM "SearchFts" WHERE rowid = ?`, row.rowid);
  await tx.$executeRawUnsafe(
    `INSERT INTO "SearchFts" (rowid, title, body, extra, scope) VALUES (?, ?, ?, ?, ?)`,
    row.rowid, analyse(entry.title), analyse(entry.body), analyse(entry.extra),
    scopeTokens({ spaceId: entry.spaceId, type: entry.type, kind: entry.kind, documentId: entry.documentId }),
  );
}

async function removeKey(tx: Tx, key: string) {
  const row = await tx.searchEntry.findUnique({ where: { key } });
  if (!row) return;
  await tx.$executeRawUnsafe(`DELETE FROM "SearchFts" WHERE rowid = ?`, row.rowid);
  await tx.searchEntry.delete({ where: { key } });
}

export type IndexedPost = { postId: string; threadId: string; spaceId: string; kind: ThreadKind; title: string; body: string; extra: string };

export function indexPost(tx: Tx, entry: IndexedPost) {
  return indexRow(tx, { ...entry, key: `post:${entry.postId}`, type: "post" });
}

export function removePostFromIndex(tx: Tx, postId: string) {
  return removeKey(tx, `post:${postId}`);
}

export async function removeThreadFromIndex(tx: Tx, threadId: string) {
  const rows = await tx.searchEntry.findMany({ where: { threadId, type: "post" }, select: { key: true } });
  for (const { key } of rows) await removeKey(tx, key);
}

/** A paper's row: title and current text. The collaboration server's writer thread keeps the text
 *  current as it derives it (server/collab/persistence-worker.js, same SQL shape). */
export function indexPaper(tx: Tx, paper: { id: string; spaceId: string; title: string; contentText: string }) {
  return indexRow(tx, { key: `paper:${paper.id}`, type: "paper", documentId: paper.id, spaceId: paper.spaceId, threadId: "", kind: "", title: paper.title, body: paper.contentText, extra: "" });
}

/** A comment's row: its text, with the quoted passage as extra context. Deleted comments leave the index. */
export async function reindexComment(tx: Tx, commentId: string) {
  const comment = await tx.comment.findUnique({
    where: { id: commentId },
    select: { id: true, bodyText: true, deletedAt: true, thread: { select: { id: true, quote: true, document: { select: { id: true, spaceId: true } } } } },
  });
  if (!comment || comment.deletedAt) return removeKey(tx, `comment:${commentId}`);
  const doc = comment.thread.document;
  await indexRow(tx, {
    key: `comment:${comment.id}`, type: "comment", commentId: comment.id, documentId: doc.id, spaceId: doc.spaceId,
    threadId: comment.thread.id, kind: "", title: "", body: comment.bodyText, extra: comment.thread.quote,
  });
}

export const SEARCH_COUNT_CAP = 1000;

export type SearchHit = { type: SearchHitType; postId: string | null; documentId: string | null; commentId: string | null; threadId: string; score: number };

/** The search scope of `actor`: readable Gremien (optionally only the one with `spaceSlug`) and granted papers. */
export async function searchScopeFor(actor: Actor, readableSpaces: Array<{ id: string; slug: string }>, spaceSlug?: string): Promise<SearchScope> {
  const spaces = readableSpaces.filter((s) => !spaceSlug || s.slug === spaceSlug);
  const inSpaces = new Set(spaces.map((s) => s.id));
  const granted = await db.documentAccess.findMany({
    where: { userId: actor.id, ...(spaceSlug ? { document: { space: { slug: spaceSlug } } } : {}) },
    select: { role: true, document: { select: { id: true, spaceId: true, status: true, space: { select: { visibility: true } } } } },
  });
  // A grant counts only where `can` says it lets the actor read (the permission function decides).
  const documentIds = granted
    .filter((g) => !inSpaces.has(g.document.spaceId) && can(actor, "read", documentResource(g.document, g.role)))
    .map((g) => g.document.id);
  return { spaceIds: [...inSpaces], documentIds };
}

/**
 * Ranked (bm25: title ×8, body ×1, extra ×3) hits within the scope.
 * `scope` must come from `searchScopeFor`: only what the user may read.
 */
export async function searchIndex(opts: { query: string; scope: SearchScope; filter?: SearchFilter; page: number }) {
  const terms = queryTerms(opts.query);
  const filter = opts.filter ?? {};
  if (!terms.length || (!opts.scope.spaceIds.length && !opts.scope.documentIds.length)) return { total: 0, more: false, hits: [] as SearchHit[], terms };
  const perPage = FORUM_LIMITS.searchPerPage;
  // Counting uses the scope tokens (FTS5 intersects the lists) and stops at SEARCH_COUNT_CAP: an exact
  // count of a very common word costs more than it tells.
  const counted = (prepared(`SELECT count(*) AS n FROM (SELECT 1 FROM "SearchFts" WHERE "SearchFts" MATCH ? LIMIT ${SEARCH_COUNT_CAP + 1})`)
    .get(scopedQuery(terms, opts.scope, filter)) as { n: number }).n;
  const { sql, params } = rankedWhere(terms, opts.scope, filter);
  const hits = prepared(
    `SELECT e."type" AS "type", e."postId" AS "postId", e."documentId" AS "documentId", e."commentId" AS "commentId", e."threadId" AS "threadId",
            bm25("SearchFts", 8.0, 1.0, 3.0, 0.0) AS "score" ${sql}
     ORDER BY "score" LIMIT ? OFFSET ?`,
  ).all(...params, perPage, (opts.page - 1) * perPage) as SearchHit[];
  return { total: Math.min(counted, SEARCH_COUNT_CAP), more: counted > SEARCH_COUNT_CAP, hits, terms };
}

/** Posts only, within readable Gremien (the forum's search before papers; tests and the benchmark). */
export function searchPosts(opts: { query: string; spaceIds: string[]; kind?: ThreadKind; page: number }) {
  return searchIndex({ query: opts.query, scope: { spaceIds: opts.spaceIds, documentIds: [] }, filter: { type: "post", kind: opts.kind }, page: opts.page });
}

export type SnippetPart = { text: string; match: boolean };

/** A short excerpt around the first match, split into highlighted and plain parts. */
export function snippet(text: string, terms: string[], radius = 90): SnippetPart[] {
  const isMatch = (word: string) => {
    const stem = stemWord(word.normalize("NFC").toLowerCase());
    return terms.some((t) => stem.startsWith(t));
  };
  const first = [...text.matchAll(/[\p{L}\p{N}]+/gu)].find((w) => isMatch(w[0]));
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

export type SearchResult = {
  key: string; type: SearchHitType; href: string; title: string; space: string;
  kind: ThreadKind | null; author: string | null; parts: SnippetPart[];
};

/**
 * One page of results for the search page: hits of every type within `scope`, with title, link and
 * a snippet built from the stored text (the index is contentless). A hit whose target is gone is dropped.
 */
export async function searchResults(opts: { query: string; scope: SearchScope; filter?: SearchFilter; page: number }) {
  const { total, more, hits, terms } = await searchIndex(opts);
  const ids = (type: SearchHitType, pick: (h: SearchHit) => string | null) => hits.filter((h) => h.type === type).map(pick).filter((x): x is string => !!x);
  const [posts, papers, comments] = await Promise.all([
    db.post.findMany({
      where: { id: { in: ids("post", (h) => h.postId) }, deletedAt: null },
      select: { id: true, bodyText: true, author: { select: { name: true } }, thread: { select: { id: true, title: true, kind: true, space: { select: { name: true } }, bestPractice: { select: { impact: true } } } } },
    }),
    db.document.findMany({
      where: { id: { in: ids("paper", (h) => h.documentId) } },
      select: { id: true, title: true, contentText: true, space: { select: { name: true } } },
    }),
    db.comment.findMany({
      where: { id: { in: ids("comment", (h) => h.commentId) }, deletedAt: null },
      select: { id: true, bodyText: true, author: { select: { name: true } }, thread: { select: { id: true, document: { select: { id: true, title: true, space: { select: { name: true } } } } } } },
    }),
  ]);
  const postById = new Map(posts.map((p) => [p.id, p]));
  const paperById = new Map(papers.map((p) => [p.id, p]));
  const commentById = new Map(comments.map((c) => [c.id, c]));
  const results = hits.flatMap((hit): SearchResult[] => {
    if (hit.type === "post") {
      const post = postById.get(hit.postId ?? "");
      if (!post) return [];
      const text = [post.bodyText, post.thread.bestPractice?.impact].filter(Boolean).join(" ");
      return [{
        key: `post:${post.id}`, type: "post", href: `/threads/${post.thread.id}?beitrag=${post.id}#post-${post.id}`, title: post.thread.title,
        space: post.thread.space.name, kind: post.thread.kind as ThreadKind, author: post.author.name, parts: snippet(text, terms),
      }];
    }
    if (hit.type === "paper") {
      const paper = paperById.get(hit.documentId ?? "");
      if (!paper) return [];
      return [{ key: `paper:${paper.id}`, type: "paper", href: `/documents/${paper.id}`, title: paper.title, space: paper.space.name, kind: null, author: null, parts: snippet(paper.contentText, terms) }];
    }
    const comment = commentById.get(hit.commentId ?? "");
    if (!comment) return [];
    const doc = comment.thread.document;
    return [{
      key: `comment:${comment.id}`, type: "comment", href: `/documents/${doc.id}#comment-thread-${comment.thread.id}`, title: doc.title,
      space: doc.space.name, kind: null, author: comment.author.name, parts: snippet(comment.bodyText, terms),
    }];
  });
  return { total, more, results };
}

/** Distinct threads matching a query within the given Gremien, best match first (for the catalogue's
 *  full-text filter). bm25 cannot run inside an aggregate, so the ranked matches are materialised first. */
export function searchThreadIds(opts: { query: string; spaceIds: string[]; kind?: ThreadKind; limit?: number }) {
  const terms = queryTerms(opts.query);
  if (!terms.length || !opts.spaceIds.length) return [];
  const { sql, params } = rankedWhere(terms, { spaceIds: opts.spaceIds, documentIds: [] }, { type: "post", kind: opts.kind });
  const rows = prepared(
    `WITH "matches" AS MATERIALIZED (SELECT e."threadId" AS "threadId", bm25("SearchFts", 8.0, 1.0, 3.0, 0.0) AS "score" ${sql})
     SELECT "threadId", min("score") AS "score" FROM "matches" GROUP BY "threadId" ORDER BY "score" LIMIT ?`,
  ).all(...params, opts.limit ?? 500) as Array<{ threadId: string }>;
  return rows.map((r) => r.threadId);
}

/** Re-indexes every paper and every visible comment (after an index format change); returns how many. */
export async function rebuildPaperSearchIndex(batchSize = 200) {
  let indexed = 0;
  for (let cursor: string | undefined; ; ) {
    const papers = await db.document.findMany({
      orderBy: { id: "asc" }, take: batchSize, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, spaceId: true, title: true, contentText: true },
    });
    if (!papers.length) break;
    await db.$transaction(async (tx) => {
      for (const paper of papers) await indexPaper(tx, paper);
    });
    indexed += papers.length;
    cursor = papers.at(-1)!.id;
  }
  for (let cursor: string | undefined; ; ) {
    const comments = await db.comment.findMany({
      where: { deletedAt: null }, orderBy: { id: "asc" }, take: batchSize, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}), select: { id: true },
    });
    if (!comments.length) return indexed;
    await db.$transaction(async (tx) => {
      for (const comment of comments) await reindexComment(tx, comment.id);
    });
    indexed += comments.length;
    cursor = comments.at(-1)!.id;
  }
}
