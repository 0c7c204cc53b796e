// DOCX import (issue 15): a Word file becomes a new paper with its comments as comment threads and
// its tracked changes as open suggestions (or accepted into the text). The file is opened safely
// first (app/docx/safe-open.ts), read in one pass (app/docx/reader.ts), and everything — the paper,
// its threads, replies, suggestions and the import report — commits in one transaction with the
// audit entry and the "document.created" event, like a paper started from the form.
//
// Word authors are not accounts here: the importing person is the author of every thread and
// comment, and the Word author's name is the comment body's first line ("Aus Word von <Name>"),
// which the export reads back (app/docx/attribution.ts). Word's dates become the rows' createdAt.
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { anchorFromRange, anchorText, readYDoc, type Anchor } from "../editor/anchors.ts";
import { resolveSuggestionTarget } from "../editor/suggestion-apply.ts";
import { suggestionAnchor } from "../editor/suggestion-anchors.ts";
import { parseSuggestionContent } from "../editor/suggestion-content.ts";
import type { JsonNode } from "../editor/content.ts";
import { YJS_FRAGMENT, COLLAB_LIMITS } from "../domain/collab.ts";
import { DOCX_LIMITS, FORUM_LIMITS } from "../domain/model.ts";
import { cleanLine } from "../domain/text.ts";
import { db, type Tx } from "../db/db.server.ts";
import { reindexComment } from "../db/search-index.server.ts";
import { dbDate, dbNow, newId } from "../db/values.ts";
import { announceEvents } from "../events/record.server.ts";
import { m } from "../i18n/messages.ts";
import { openDocx, SafeOpenRefused } from "../docx/safe-open.ts";
import { readDocx, type ReadDocx, type ReportItem, type TrackedMode, type WordComment, type WordDeletion, type WordInsertion } from "../docx/reader.ts";
import { wordAuthorBody } from "../docx/attribution.ts";
import { documentSchema, insertPaper } from "./documents.server.ts";
import { recordAudit } from "./audit.server.ts";

export type ImportRefusal = { ok: false; message: string };
export type ImportResult = { ok: true; id: string; report: ReportItem[] } | ImportRefusal;

type PlannedThread = {
  anchor: Anchor; quote: string; prefix: string; suffix: string; createdAt: string; resolved: boolean;
  comments: Array<{ body: { json: string; text: string; name: string }; createdAt: string }>;
  suggestion?: { kind: "insert" | "delete" | "replace"; insertJson: string; text: string };
};

const dateOr = (date: Date | null, fallback: string) => (date ? dbDate(date) : fallback);

/** Extends an empty range to the word around it (Word lets a comment sit on a point). */
function widenToWord(doc: ReturnType<typeof readYDoc>["doc"], pos: number): { from: number; to: number } | null {
  const $pos = doc.resolve(Math.min(Math.max(pos, 0), doc.content.size));
  if (!$pos.parent.isTextblock) return null;
  const text = $pos.parent.textContent;
  const start = $pos.start();
  let a = $pos.parentOffset, b = $pos.parentOffset;
  // Only plain text blocks map characters 1:1 to positions; with inline leaves, stay conservative.
  if (text.length !== $pos.parent.content.size) return b > 0 ? { from: start + b - 1, to: start + b } : null;
  while (a > 0 && /\S/.test(text[a - 1])) a--;
  while (b < text.length && /\S/.test(text[b])) b++;
  if (a === b) {
    if (b < text.length) b++;
    else if (a > 0) a--;
    else return null;
  }
  return { from: start + a, to: start + b };
}

function plan(read: ReadDocx, importer: { mode: TrackedMode }) {
  const schema = documentSchema();
  const node = schema.nodeFromJSON(read.doc);
  node.check();
  const json = node.toJSON() as JsonNode;
  const ydoc = prosemirrorJSONToYDoc(schema, json, YJS_FRAGMENT);
  const { fragment, doc, mapping } = readYDoc(ydoc, schema);
  const report = [...read.report];
  const addReport = (kind: ReportItem["kind"], count = 1) => {
    const item = report.find((r) => r.kind === kind);
    if (item) item.count += count;
    else report.push({ kind, count });
  };
  const now = dbNow();
  const threads: PlannedThread[] = [];
  const text = (from: number, to: number) => anchorText(doc, from, to);

  // Comments: a root comment is a thread, its replies (followed up the parent chain) are its comments.
  // The cap applies before anything is planned: the first maxComments comments in the file, and
  // no reply whose thread was cut (it would otherwise become a thread of its own).
  const byId = new Map(read.comments.map((c) => [c.wordId, c]));
  const rootOf = (c: WordComment) => {
    let at = c;
    for (let hops = 0; at.parentWordId && byId.has(at.parentWordId) && hops < 50; hops++) at = byId.get(at.parentWordId)!;
    return at;
  };
  const inFile = new Map(read.comments.map((c, i) => [c, i]));
  const comments = read.comments.filter((c, i) => i < DOCX_LIMITS.maxComments && inFile.get(rootOf(c))! < DOCX_LIMITS.maxComments);
  if (comments.length < read.comments.length) addReport("too-many", read.comments.length - comments.length);
  const replies = new Map<string, WordComment[]>();
  for (const c of comments) {
    const root = rootOf(c);
    if (root === c) continue;
    const list = replies.get(root.wordId);
    if (list) list.push(c);
    else replies.set(root.wordId, [c]);
  }
  for (const c of comments) {
    if (rootOf(c) !== c) continue;
    let range = read.commentRanges.get(c.wordId) ?? null;
    if (range && range.to <= range.from) range = widenToWord(doc, range.from);
    if (!range) {
      addReport("comment-unanchored", 1 + (replies.get(c.wordId)?.length ?? 0));
      continue;
    }
    const createdAt = dateOr(c.date, now);
    const thread = [c, ...(replies.get(c.wordId) ?? [])];
    threads.push({
      anchor: anchorFromRange(fragment, mapping, range.from, range.to), ...text(range.from, range.to), createdAt,
      resolved: thread.some((t) => t.done),
      comments: thread.map((t) => ({ body: wordAuthorBody(t.author, t.text, FORUM_LIMITS.bodyTextMax), createdAt: dateOr(t.date, createdAt) })),
    });
  }

  // Tracked changes: a deletion with the same author's insertion at its end (or start) is one replacement.
  if (importer.mode === "suggest") {
    const plainOf = (content: JsonNode[]) => content.map((n) => (n.type === "text" ? n.text ?? "" : "\n")).join("");
    const suggestion = (author: string, date: Date | null, range: { from: number; to: number }, s: NonNullable<PlannedThread["suggestion"]>) => {
      const anchor = suggestionAnchor(fragment, mapping, s.kind, range.from, range.to);
      const quoted = text(range.from, range.to);
      // The checks a suggestion made in the editor passes (createSuggestion): content one paragraph
      // can take within the limits, and a target inside one text run; otherwise no editor could
      // ever accept it, so it is reported instead.
      const content = s.kind === "delete" ? { ok: true as const } : parseSuggestionContent(s.text, s.insertJson);
      const target = content.ok && resolveSuggestionTarget(ydoc, { kind: s.kind, ...anchor, quote: s.kind === "insert" ? "" : quoted.quote });
      if (!target) return addReport("suggestion-not-kept");
      if ("nodes" in content) s = { ...s, insertJson: JSON.stringify(content.nodes) }; // as checked (unsafe links dropped)
      const createdAt = dateOr(date, now);
      threads.push({
        anchor, ...quoted, createdAt, resolved: false, suggestion: s,
        comments: [{ body: wordAuthorBody(author, "", FORUM_LIMITS.bodyTextMax), createdAt }],
      });
    };
    // Only as many changes as the threads left room for are planned (anchors, checks); the rest is counted.
    const changes = pairChanges(read.deletions, read.insertions);
    const room = Math.max(0, DOCX_LIMITS.maxAnnotations - threads.length);
    if (changes.length > room) addReport("too-many", changes.length - room);
    for (const { del, ins } of changes.slice(0, room)) {
      if (del) {
        suggestion(del.author, del.date, del, ins
          ? { kind: "replace", insertJson: JSON.stringify(ins.content), text: plainOf(ins.content) }
          : { kind: "delete", insertJson: "[]", text: "" });
      } else if (ins) {
        suggestion(ins.author, ins.date, { from: ins.at, to: ins.at }, { kind: "insert", insertJson: JSON.stringify(ins.content), text: plainOf(ins.content) });
      }
    }
  }
  const state = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return { state, threads, report };
}

/**
 * Pairs each deletion with the same author's first unpaired insertion (in file order) at its end or
 * start, which makes one replacement; the other insertions stay insertions. Deletions come first,
 * then the unpaired insertions, each in file order. One pass with the insertions indexed by author
 * and place (a search and splice per deletion made a file full of changes quadratic).
 */
export function pairChanges(deletions: WordDeletion[], insertions: WordInsertion[]) {
  const key = (author: string, at: number) => `${at}\u0000${author}`;
  const waiting = new Map<string, number[]>(); // key → indexes into `insertions`, ascending
  insertions.forEach((ins, i) => {
    const list = waiting.get(key(ins.author, ins.at));
    if (list) list.push(i);
    else waiting.set(key(ins.author, ins.at), [i]);
  });
  const next = new Map<string, number>(); // key → how many of its list are taken (taken ones are a prefix)
  const paired = new Set<number>();
  const peek = (k: string) => {
    const list = waiting.get(k);
    const at = next.get(k) ?? 0;
    return list && at < list.length ? list[at]! : Infinity;
  };
  const changes: Array<{ del?: WordDeletion; ins?: WordInsertion }> = [];
  for (const del of deletions) {
    const ends = [key(del.author, del.to), key(del.author, del.from)];
    const [i, j] = [peek(ends[0]!), peek(ends[1]!)];
    const k = i <= j ? ends[0]! : ends[1]!;
    const index = Math.min(i, j);
    if (index === Infinity) changes.push({ del });
    else {
      next.set(k, (next.get(k) ?? 0) + 1);
      paired.add(index);
      changes.push({ del, ins: insertions[index] });
    }
  }
  insertions.forEach((ins, i) => { if (!paired.has(i)) changes.push({ ins }); });
  return changes;
}

/**
 * Creates a paper from an uploaded Word file. The caller has checked that `actorId` may create
 * papers in the Gremium and spent the rate limit. Refusals carry the German message.
 */
export async function importDocx(actorId: string, input: { spaceId: string; fileName: string; bytes: Buffer; tracked: TrackedMode }): Promise<ImportResult> {
  let read: ReadDocx;
  try {
    read = await readDocx(await openDocx(input.bytes), input.tracked);
  } catch (error) {
    if (error instanceof SafeOpenRefused) return { ok: false, message: m.docx.errors.refused[error.reason] };
    return { ok: false, message: m.docx.errors.refused.broken };
  }
  let planned: ReturnType<typeof plan>;
  try {
    planned = plan(read, { mode: input.tracked });
  } catch {
    return { ok: false, message: m.docx.errors.refused.broken };
  }
  if (planned.state.byteLength > COLLAB_LIMITS.maxDocumentBytes) return { ok: false, message: m.docx.errors.tooLong };
  const fileName = cleanLine(input.fileName).trim().slice(0, 200) || m.docx.import.fallbackFileName;
  const title = (read.title || fileName.replace(/\.docx$/i, "") || m.docx.import.fallbackTitle).slice(0, 200);
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertPaper(trx, actorId, { spaceId: input.spaceId, title, state: planned.state });
    await writeThreads(trx, id, actorId, planned.threads);
    if (planned.report.length) {
      await trx.insertInto("DocumentImportReport").values({ documentId: id, fileName, itemsJson: JSON.stringify(planned.report), createdAt: dbNow() }).execute();
    }
    const suggestions = planned.threads.filter((t) => t.suggestion).length;
    await recordAudit({
      actorId, action: "document.import", targetType: "document", targetId: id,
      details: { title, fileName, tracked: input.tracked, threads: planned.threads.length - suggestions, suggestions, report: planned.report.map((r) => r.kind) },
    }, trx);
    return id;
  });
  announceEvents();
  return { ok: true, id, report: planned.report };
}

async function writeThreads(trx: Tx, documentId: string, actorId: string, threads: PlannedThread[]) {
  for (const t of threads) {
    const threadId = newId();
    await trx.insertInto("CommentThread").values({
      id: threadId, documentId, authorId: actorId, createdAt: t.createdAt, ...t.anchor, quote: t.quote, prefix: t.prefix, suffix: t.suffix,
      ...(t.resolved ? { resolvedAt: dbNow(), resolvedById: actorId } : {}),
    }).execute();
    for (const c of t.comments) {
      const commentId = newId();
      await trx.insertInto("Comment").values({ id: commentId, threadId, authorId: actorId, bodyJson: c.body.json, bodyText: c.body.text, createdAt: c.createdAt }).execute();
      await trx.insertInto("CommentWordAuthor").values({ commentId, name: c.body.name }).execute();
      await reindexComment(trx, commentId);
    }
    if (t.suggestion) {
      await trx.insertInto("Suggestion").values({ id: newId(), threadId, documentId, ...t.suggestion, status: "open", createdAt: t.createdAt }).execute();
    }
  }
}

/** The paper's import report while nobody has dismissed it, or null. */
export async function openImportReport(documentId: string) {
  const row = await db.selectFrom("DocumentImportReport").select(["fileName", "itemsJson"])
    .where("documentId", "=", documentId).where("dismissedAt", "is", null).executeTakeFirst();
  if (!row) return null;
  let items: ReportItem[] = [];
  try {
    items = JSON.parse(row.itemsJson) as ReportItem[];
  } catch {
    items = [];
  }
  return { fileName: row.fileName, items };
}

/** Hides the report for everyone; false when there was none open. */
export async function dismissImportReport(actorId: string, documentId: string) {
  const changed = await db.transaction().execute(async (trx) => {
    const result = await trx.updateTable("DocumentImportReport").set({ dismissedAt: dbNow(), dismissedById: actorId })
      .where("documentId", "=", documentId).where("dismissedAt", "is", null).executeTakeFirst();
    if (result.numUpdatedRows !== 1n) return false;
    await recordAudit({ actorId, action: "document.import-report.dismiss", targetType: "document", targetId: documentId }, trx);
    return true;
  });
  return changed;
}
