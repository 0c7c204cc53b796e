// Full-text search with SQLite FTS5 over posts, position papers and their comments (table "SearchFts",
// one row per post, paper or comment; an opening post's row also carries the title and the
// best-practice fields). Text and queries become German stems (app/domain/search-text.js), so word
// forms and ae/oe/ue spellings meet. Permission filtering happens inside the query: ranking joins
// each match to its entry and keeps only readable Gremien and papers granted to the user; counting
// matches the tokens each row carries in the column "scope". Nothing unreadable is ever ranked,
// counted or snippeted (docs/decisions/010 and 018).
import { db } from "../db/db.server.ts";
import { inIdList } from "../db/id-list.server.ts";
import { indexPaper as indexPaperRow, reindexComment as reindexCommentRow } from "../db/search-index.server.ts";
import { countMatches, rankedHits, rankedThreadIds, type RankedScope } from "../db/search-query.server.ts";
import { FORUM_LIMITS, type SearchHitType, type ThreadKind } from "../domain/model.ts";
import { can, type Actor } from "../domain/permissions.ts";
import { documentToken, spaceToken, stemWord, words } from "../domain/search-text.js";
import { documentResource } from "./documents.server.ts";
import { listReadableSpaces } from "./spaces.server.ts";

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

/** The ranked query's scope (the filter applied to each match's entry). */
function rankedScope(scope: SearchScope, filter: SearchFilter): RankedScope {
  return { spaceIds: scope.spaceIds, documentIds: scope.documentIds, type: filter.kind ? "post" : filter.type ?? null, kind: filter.kind ?? null };
}

export const SEARCH_COUNT_CAP = 1000;

export type SearchHit = { type: SearchHitType; postId: string | null; documentId: string | null; commentId: string | null; threadId: string; score: number };

/** The search scope of `actor`: readable Gremien (optionally only the one with `spaceSlug`) and granted papers. */
export async function searchScopeFor(actor: Actor, readableSpaces: Array<{ id: string; slug: string }>, spaceSlug?: string): Promise<SearchScope> {
  const spaces = readableSpaces.filter((s) => !spaceSlug || s.slug === spaceSlug);
  const inSpaces = new Set(spaces.map((s) => s.id));
  let grants = db.selectFrom("DocumentAccess as da").innerJoin("Document as d", "d.id", "da.documentId").innerJoin("Space as s", "s.id", "d.spaceId")
    .select(["da.role", "d.id", "d.spaceId", "d.status", "s.visibility"]).where("da.userId", "=", actor.id);
  if (spaceSlug) grants = grants.where("s.slug", "=", spaceSlug);
  const granted = (await grants.execute()).map((g) => ({ role: g.role, document: { id: g.id, spaceId: g.spaceId, status: g.status, space: { visibility: g.visibility } } }));
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
  const counted = await countMatches(db, scopedQuery(terms, opts.scope, filter), SEARCH_COUNT_CAP);
  const hits: SearchHit[] = await rankedHits(db, textQuery(terms), rankedScope(opts.scope, filter), perPage, (opts.page - 1) * perPage);
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
    db.selectFrom("Post as p").innerJoin("User as a", "a.id", "p.authorId").innerJoin("Thread as t", "t.id", "p.threadId").innerJoin("Space as s", "s.id", "t.spaceId")
      .leftJoin("BestPractice as bp", "bp.threadId", "t.id")
      .select(["p.id", "p.bodyText", "a.name as authorName", "t.id as threadId", "t.title", "t.kind", "s.name as spaceName", "bp.impact"])
      .where(inIdList("p.id", ids("post", (h) => h.postId))).where("p.deletedAt", "is", null).execute(),
    db.selectFrom("Document as d").innerJoin("Space as s", "s.id", "d.spaceId")
      .select(["d.id", "d.title", "d.contentText", "s.name as spaceName"])
      .where(inIdList("d.id", ids("paper", (h) => h.documentId))).execute(),
    db.selectFrom("Comment as c").innerJoin("User as a", "a.id", "c.authorId").innerJoin("CommentThread as ct", "ct.id", "c.threadId")
      .innerJoin("Document as d", "d.id", "ct.documentId").innerJoin("Space as s", "s.id", "d.spaceId")
      .select(["c.id", "c.bodyText", "a.name as authorName", "ct.id as threadId", "d.id as documentId", "d.title", "s.name as spaceName"])
      .where(inIdList("c.id", ids("comment", (h) => h.commentId))).where("c.deletedAt", "is", null).execute(),
  ]);
  const postById = new Map(posts.map((p) => [p.id, p]));
  const paperById = new Map(papers.map((p) => [p.id, p]));
  const commentById = new Map(comments.map((c) => [c.id, c]));
  const results = hits.flatMap((hit): SearchResult[] => {
    if (hit.type === "post") {
      const post = postById.get(hit.postId ?? "");
      if (!post) return [];
      const text = [post.bodyText, post.impact].filter(Boolean).join(" ");
      return [{
        key: `post:${post.id}`, type: "post", href: `/threads/${post.threadId}?beitrag=${post.id}#post-${post.id}`, title: post.title,
        space: post.spaceName, kind: post.kind, author: post.authorName, parts: snippet(text, terms),
      }];
    }
    if (hit.type === "paper") {
      const paper = paperById.get(hit.documentId ?? "");
      if (!paper) return [];
      return [{ key: `paper:${paper.id}`, type: "paper", href: `/documents/${paper.id}`, title: paper.title, space: paper.spaceName, kind: null, author: null, parts: snippet(paper.contentText, terms) }];
    }
    const comment = commentById.get(hit.commentId ?? "");
    if (!comment) return [];
    return [{
      key: `comment:${comment.id}`, type: "comment", href: `/documents/${comment.documentId}#comment-thread-${comment.threadId}`, title: comment.title,
      space: comment.spaceName, kind: null, author: comment.authorName, parts: snippet(comment.bodyText, terms),
    }];
  });
  return { total, more, results };
}

/**
 * The search page's data: the Gremien for the filter and, for a query, one page of results within
 * what the user may read (only readable Gremien and granted papers ever reach the query).
 */
export async function loadSearchPage(user: Actor, search: { query: string; spaceSlug?: string; filter: SearchFilter; page: number } | null) {
  const readable = await listReadableSpaces(user);
  const spaces = readable.map((s) => ({ slug: s.slug, name: s.name }));
  if (!search) return { spaces, results: [] as SearchResult[], total: 0, more: false };
  const scope = await searchScopeFor(user, readable, search.spaceSlug);
  return { spaces, ...(await searchResults({ query: search.query, scope, filter: search.filter, page: search.page })) };
}

/** Distinct threads matching a query within the given Gremien, best match first (for the catalogue's
 *  full-text filter). bm25 cannot run inside an aggregate, so the ranked matches are materialised first. */
export async function searchThreadIds(opts: { query: string; spaceIds: string[]; kind?: ThreadKind; limit?: number }) {
  const terms = queryTerms(opts.query);
  if (!terms.length || !opts.spaceIds.length) return [];
  return rankedThreadIds(db, textQuery(terms), { spaceIds: opts.spaceIds, documentIds: [], type: "post", kind: opts.kind ?? null }, opts.limit ?? 500);
}

/** Re-indexes every paper and every visible comment (after an index format change); returns how many. */
export async function rebuildPaperSearchIndex(batchSize = 200) {
  let indexed = 0;
  for (let cursor = ""; ; ) {
    const papers = await db.selectFrom("Document").select(["id", "spaceId", "title", "contentText"]).where("id", ">", cursor).orderBy("id").limit(batchSize).execute();
    if (!papers.length) break;
    await db.transaction().execute(async (trx) => {
      for (const paper of papers) await indexPaperRow(trx, paper);
    });
    indexed += papers.length;
    cursor = papers.at(-1)!.id;
  }
  for (let cursor = ""; ; ) {
    const comments = await db.selectFrom("Comment").select("id").where("deletedAt", "is", null).where("id", ">", cursor).orderBy("id").limit(batchSize).execute();
    if (!comments.length) return indexed;
    await db.transaction().execute(async (trx) => {
      for (const comment of comments) await reindexCommentRow(trx, comment.id);
    });
    indexed += comments.length;
    cursor = comments.at(-1)!.id;
  }
}
