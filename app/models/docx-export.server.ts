// What the Word export with comments and/or suggestions contains: the paper's text read from its
// stored Y.Doc, and its comment threads and open suggestions resolved on that very text, so the
// ranges are positions in the JSON handed to the writer (app/models/document-docx.server.ts).
// Threads whose passage was deleted (anchor no longer resolves, quote not found) are left out, and
// so are stale suggestions: those the accept path would refuse (resolveSuggestionTarget: the words
// under a deletion or replacement are no longer its quote, or it no longer sits in one text run), so
// a tracked change never lands on words nobody proposed to change.
import type { JsonNode } from "../editor/content.ts";
import { readYDoc, resolveAnchor } from "../editor/anchors.ts";
import { reanchorByQuote } from "../editor/anchors-fallback.ts";
import { resolveSuggestionTarget } from "../editor/suggestion-apply.ts";
import { db } from "../db/db.server.ts";
import { fromDbDate } from "../db/values.ts";
import { readAttribution } from "../docx/attribution.ts";
import { listCommentThreads } from "./comments.server.ts";
import { storedYDoc } from "./document-state.server.ts";
import { documentSchema } from "./documents.server.ts";
import type { DocxAnnotations } from "./document-docx.server.ts";

export type DocxExportOptions = { comments: boolean; suggestions: boolean };

/** The paper's JSON and, as asked, its threads and open suggestions; null when the paper does not exist. */
export async function loadDocxExport(documentId: string, options: DocxExportOptions): Promise<{ json: JsonNode; annotations?: DocxAnnotations } | null> {
  const ydoc = storedYDoc(documentId);
  if (!ydoc) return null;
  try {
    const { fragment, doc, mapping } = readYDoc(ydoc, documentSchema());
    const json = doc.toJSON() as JsonNode;
    if (!options.comments && !options.suggestions) return { json };
    const [threads, suggestions, wordAuthors] = await Promise.all([
      listCommentThreads(documentId, { withSuggestions: true }),
      db.selectFrom("Suggestion").select(["threadId", "kind", "insertJson", "status"]).where("documentId", "=", documentId).execute(),
      wordAuthorsOf(documentId),
    ]);
    const attribution = (c: { id: string; bodyJson: string }) => readAttribution(c.bodyJson, wordAuthors.get(c.id) ?? null);
    const suggestionOf = new Map(suggestions.map((s) => [s.threadId, s]));
    const annotations: DocxAnnotations = { threads: [], suggestions: [] };
    for (const thread of threads) {
      const suggestion = suggestionOf.get(thread.id);
      const live = thread.comments.filter((c) => !c.deletedAt);
      const first = live[0] ? attribution(live[0]) : null;
      if (suggestion) {
        if (!options.suggestions || suggestion.status !== "open") continue;
        if (!resolveSuggestionTarget(ydoc, { kind: suggestion.kind, anchorStart: thread.anchorStart, anchorEnd: thread.anchorEnd, quote: thread.quote })) continue;
        const range = resolveAnchor(ydoc, fragment, mapping, thread, { point: suggestion.kind === "insert" });
        if (!range) continue;
        let insert: JsonNode[] = [];
        try {
          const parsed = JSON.parse(suggestion.insertJson) as unknown;
          if (Array.isArray(parsed)) insert = (parsed as JsonNode[]).filter((n) => n && (n.type === "text" || n.type === "hardBreak"));
        } catch {
          insert = [];
        }
        annotations.suggestions.push({
          kind: suggestion.kind, ...range, insert,
          author: first?.wordAuthor ?? thread.author.name, date: fromDbDate(thread.createdAt),
        });
        continue;
      }
      if (!options.comments || !live.length) continue;
      // Like the sidebar: a thread whose anchor was orphaned (e.g. by a version restore) is re-found by its quote and context.
      const range = resolveAnchor(ydoc, fragment, mapping, thread) ?? reanchorByQuote(doc, thread);
      if (!range) continue;
      annotations.threads.push({
        ...range, resolved: Boolean(thread.resolvedAt),
        comments: live.map((c) => {
          const { wordAuthor, paragraphs } = attribution(c);
          return { author: wordAuthor ?? c.author.name, date: fromDbDate(c.createdAt), paragraphs };
        }),
      });
    }
    return { json, annotations };
  } finally {
    ydoc.destroy();
  }
}

/** The Word authors the import stored for a paper's comments, by comment id (decision 026). */
export async function wordAuthorsOf(documentId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom("CommentWordAuthor")
    .innerJoin("Comment", "Comment.id", "CommentWordAuthor.commentId")
    .innerJoin("CommentThread", "CommentThread.id", "Comment.threadId")
    .select(["CommentWordAuthor.commentId", "CommentWordAuthor.name"])
    .where("CommentThread.documentId", "=", documentId)
    .execute();
  return new Map(rows.map((r) => [r.commentId, r.name]));
}

