// Writing the full-text index: the SQLite-only part (FTS5 table "SearchFts", created in raw SQL by
// the migrations) behind named functions, so that a PostgreSQL build replaces this file only. Every
// function takes the caller's transaction: an index row commits with the change it mirrors.
// The collaboration writer thread keeps a paper's text current with the same SQL shape
// (server/collab/persistence-worker.js).
import { sql } from "kysely";
import type { Queryable } from "./db.server.ts";
import type { SearchHitType, ThreadKind } from "../domain/model.ts";
import { analyse, scopeTokens } from "../domain/search-text.js";

type IndexRow = {
  key: string; type: SearchHitType; spaceId: string; threadId: string; kind: string;
  postId?: string | null; documentId?: string | null; commentId?: string | null;
  title: string; body: string; extra: string;
};

async function indexRow(q: Queryable, entry: IndexRow) {
  const ids = { type: entry.type, postId: entry.postId ?? null, documentId: entry.documentId ?? null, commentId: entry.commentId ?? null, threadId: entry.threadId, spaceId: entry.spaceId, kind: entry.kind };
  const { rowid } = await q.insertInto("SearchEntry").values({ key: entry.key, ...ids })
    .onConflict((oc) => oc.column("key").doUpdateSet(ids)).returning("rowid").executeTakeFirstOrThrow();
  await sql`DELETE FROM "SearchFts" WHERE rowid = ${rowid}`.execute(q);
  await sql`INSERT INTO "SearchFts" (rowid, title, body, extra, scope) VALUES (${rowid}, ${analyse(entry.title)}, ${analyse(entry.body)}, ${analyse(entry.extra)}, ${scopeTokens({ spaceId: entry.spaceId, type: entry.type, kind: entry.kind, documentId: entry.documentId })})`.execute(q);
}

async function removeKey(q: Queryable, key: string) {
  const row = await q.deleteFrom("SearchEntry").where("key", "=", key).returning("rowid").executeTakeFirst();
  if (row) await sql`DELETE FROM "SearchFts" WHERE rowid = ${row.rowid}`.execute(q);
}

export type IndexedPost = { postId: string; threadId: string; spaceId: string; kind: ThreadKind; title: string; body: string; extra: string };

export function indexPost(q: Queryable, entry: IndexedPost) {
  return indexRow(q, { ...entry, key: `post:${entry.postId}`, type: "post" });
}

export function removePostFromIndex(q: Queryable, postId: string) {
  return removeKey(q, `post:${postId}`);
}

export async function removeThreadFromIndex(q: Queryable, threadId: string) {
  const rows = await q.deleteFrom("SearchEntry").where("threadId", "=", threadId).where("type", "=", "post").returning("rowid").execute();
  for (const { rowid } of rows) await sql`DELETE FROM "SearchFts" WHERE rowid = ${rowid}`.execute(q);
}

/** A paper's row: title and current text. */
export function indexPaper(q: Queryable, paper: { id: string; spaceId: string; title: string; contentText: string }) {
  return indexRow(q, { key: `paper:${paper.id}`, type: "paper", documentId: paper.id, spaceId: paper.spaceId, threadId: "", kind: "", title: paper.title, body: paper.contentText, extra: "" });
}

/** A comment's row: its text, with the quoted passage as extra context. Deleted comments leave the index. */
export async function reindexComment(q: Queryable, commentId: string) {
  const comment = await q.selectFrom("Comment")
    .innerJoin("CommentThread", "CommentThread.id", "Comment.threadId")
    .innerJoin("Document", "Document.id", "CommentThread.documentId")
    .select(["Comment.id", "Comment.bodyText", "Comment.deletedAt", "CommentThread.id as threadId", "CommentThread.quote", "Document.id as documentId", "Document.spaceId"])
    .where("Comment.id", "=", commentId).executeTakeFirst();
  if (!comment || comment.deletedAt) return removeKey(q, `comment:${commentId}`);
  await indexRow(q, {
    key: `comment:${comment.id}`, type: "comment", commentId: comment.id, documentId: comment.documentId, spaceId: comment.spaceId,
    threadId: comment.threadId, kind: "", title: "", body: comment.bodyText, extra: comment.quote,
  });
}
