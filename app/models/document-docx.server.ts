// DOCX export of a position paper (ministries work in Word): headings, paragraphs, bold/italic,
// links, bullet and numbered lists, quotes and tables, built from the paper's ProseMirror JSON with
// the `docx` package. Optionally with the paper's comment threads as real Word comments (each reply
// with its own range and reference, resolved threads marked done) and its open suggestions as real
// tracked changes (w:ins / w:del with author and date): docs/decisions/026, research note §4.
//
// Positions: annotations are ProseMirror positions in the very JSON passed in, so every text node is
// split at each boundary *before* it is cleaned. Cleaning happens per written run (XML 1.0 forbids
// C0 controls except tab/LF/CR: one \x01 and Word refuses the file).
import {
  AlignmentType, BorderStyle, CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, Document, ExternalHyperlink, HeadingLevel,
  InsertedTextRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ICommentOptions, type ParagraphChild,
} from "docx";
import type { JsonNode } from "../editor/content.ts";
import { isAllowedHref } from "../editor/extensions.ts";
import { cleanLine, cleanText } from "../domain/text.ts";

const HEADINGS = { 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2, 4: HeadingLevel.HEADING_3 } as const;
const NUMBERING = "numbered";
/** Revision ids start here, away from comment ids (research §2: keep the ranges disjoint). */
const REVISION_ID_BASE = 10_000;

export type DocxComment = { author: string; date: Date; paragraphs: string[] };
/** A thread: the first comment and its replies share the thread's range. */
export type DocxThread = { from: number; to: number; resolved: boolean; comments: DocxComment[] };
export type DocxSuggestion = { kind: "insert" | "delete" | "replace"; from: number; to: number; author: string; date: Date; insert: JsonNode[] };
export type DocxAnnotations = { threads: DocxThread[]; suggestions: DocxSuggestion[] };

type Context = { bullet?: number; numbered?: number; quote?: boolean; tableNeedsSpacer?: boolean };
type Event = { pos: number; order: 0 | 1 | 2; emit: () => ParagraphChild[] };

const initialsOf = (name: string) => name.split(/\s+/).filter(Boolean).map((w) => w[0]!.toUpperCase()).slice(0, 3).join("") || "?";
const wordDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

class Writer {
  private events: Event[] = [];
  private next = 0;
  private deletions: Array<{ from: number; to: number; id: number; author: string; date: string }> = [];
  private cuts: number[] = [];
  readonly comments: ICommentOptions[] = [];
  private revisionId = REVISION_ID_BASE;

  constructor(annotations: DocxAnnotations | undefined) {
    if (!annotations) return;
    let commentId = 0;
    for (const thread of annotations.threads) {
      const ids = thread.comments.map(() => commentId++);
      thread.comments.forEach((c, i) => this.comments.push({
        id: ids[i]!, author: cleanLine(c.author), initials: initialsOf(cleanLine(c.author)), date: c.date,
        children: (c.paragraphs.length ? c.paragraphs : [""]).map((p) => new Paragraph({ children: textRuns(cleanText(p), {}) })),
        ...(i > 0 ? { parentId: ids[0] } : {}),
        ...(i === 0 && thread.resolved ? { resolved: true } : {}),
      }));
      // Every comment of the thread, replies too, gets its own range and reference (LibreOffice drops a reply without).
      this.events.push({ pos: thread.from, order: 2, emit: () => ids.map((id) => new CommentRangeStart(id)) });
      this.events.push({
        pos: thread.to, order: 0,
        emit: () => ids.flatMap((id) => [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })]),
      });
    }
    for (const s of annotations.suggestions) {
      const who = { author: cleanLine(s.author) || "?", date: wordDate(s.date) };
      if (s.kind !== "insert" && s.to > s.from) {
        this.deletions.push({ from: s.from, to: s.to, id: this.revisionId++, ...who });
        this.cuts.push(s.from, s.to);
      }
      if (s.kind !== "delete" && s.insert.length) {
        const id = this.revisionId++;
        const at = s.kind === "replace" ? s.to : s.from;
        this.events.push({
          pos: at, order: 1,
          emit: () => s.insert.map((n) => n.type === "hardBreak"
            ? new InsertedTextRun({ break: 1, id, ...who })
            : new InsertedTextRun({ text: cleanText(n.text ?? ""), id, ...who, ...markOptions(n.marks) })),
        });
      }
    }
    // Stable order: position, then ends, insertions, starts (research §4 step 3).
    this.events.sort((a, b) => a.pos - b.pos || a.order - b.order);
    for (const e of this.events) this.cuts.push(e.pos);
    this.cuts = [...new Set(this.cuts)].sort((a, b) => a - b);
  }

  /** Everything due at or before `pos` that was not written yet. */
  flush(pos: number): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    while (this.next < this.events.length && this.events[this.next]!.pos <= pos) out.push(...this.events[this.next++]!.emit());
    return out;
  }

  rest(): ParagraphChild[] {
    return this.flush(Infinity);
  }

  deletionAt(from: number, to: number) {
    return this.deletions.find((d) => d.from <= from && to <= d.to);
  }

  /** The cut points strictly inside (from, to). */
  cutsWithin(from: number, to: number) {
    return this.cuts.filter((c) => c > from && c < to);
  }
}

function markOptions(marks: JsonNode["marks"], quote = false) {
  return { bold: Boolean(marks?.some((mk) => mk.type === "bold")), italics: quote || Boolean(marks?.some((mk) => mk.type === "italic")) };
}

function textRuns(text: string, options: { bold?: boolean; italics?: boolean }): TextRun[] {
  return [new TextRun({ text, ...options })];
}

/** The inline content of a textblock starting at `start` (the position of its first child). */
function inlineRuns(nodes: JsonNode[] | undefined, start: number, w: Writer, quote: boolean): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  let pos = start;
  for (const n of nodes ?? []) {
    if (n.type !== "text") {
      out.push(...w.flush(pos));
      const deleted = w.deletionAt(pos, pos + 1);
      const label = n.type === "mention" ? `@${String(n.attrs?.label ?? n.attrs?.id ?? "")}` : null;
      const options = n.type === "hardBreak" ? { break: 1 } : { text: cleanLine(label ?? ""), italics: quote };
      out.push(deleted ? new DeletedTextRun({ ...options, id: deleted.id, author: deleted.author, date: deleted.date }) : new TextRun(options));
      pos += 1;
      continue;
    }
    const text = n.text ?? "";
    const link = n.marks?.find((mk) => mk.type === "link");
    const href = link && isAllowedHref(link.attrs?.href) ? String(link.attrs!.href) : null;
    const bounds = [pos, ...w.cutsWithin(pos, pos + text.length), pos + text.length];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const [a, b] = [bounds[i]!, bounds[i + 1]!];
      out.push(...w.flush(a));
      const piece = cleanText(text.slice(a - pos, b - pos));
      const options = { text: piece, ...markOptions(n.marks, quote) };
      const deleted = w.deletionAt(a, b);
      if (deleted) out.push(new DeletedTextRun({ ...options, id: deleted.id, author: deleted.author, date: deleted.date }));
      else {
        const run = new TextRun({ ...options, ...(href ? { style: "Hyperlink" } : {}) });
        out.push(href ? new ExternalHyperlink({ link: href, children: [run] }) : run);
      }
    }
    pos += text.length;
  }
  out.push(...w.flush(pos));
  return out;
}

const spacerAfter = (list: JsonNode[], i: number) => list[i]?.type === "table" && (i === list.length - 1 || list[i + 1]?.type === "table");

/** Size of a node in ProseMirror positions. */
function sizeOf(node: JsonNode): number {
  if (node.type === "text") return (node.text ?? "").length;
  if (!node.content && node.type !== "doc" && isLeaf(node)) return 1;
  return 2 + (node.content ?? []).reduce((sum, c) => sum + sizeOf(c), 0);
}
const isLeaf = (node: JsonNode) => node.type === "hardBreak" || node.type === "mention" || node.type === "image";

/** The blocks of `node`, which sits at position `pos`. */
function blocks(node: JsonNode, pos: number, w: Writer, ctx: Context = {}): Array<Paragraph | Table> {
  const childBlocks = (c: Context) => {
    const out: Array<Paragraph | Table> = [];
    let at = pos + 1;
    const list = node.content ?? [];
    list.forEach((child, i) => {
      out.push(...blocks(child, at, w, { ...c, tableNeedsSpacer: spacerAfter(list, i) }));
      at += sizeOf(child);
    });
    return out;
  };
  switch (node.type) {
    case "heading": {
      const level = (Math.min(Math.max(Number(node.attrs?.level) || 2, 2), 4) as 2 | 3 | 4);
      return [new Paragraph({ heading: HEADINGS[level], children: inlineRuns(node.content, pos + 1, w, false) })];
    }
    case "paragraph":
      return [new Paragraph({
        children: inlineRuns(node.content, pos + 1, w, Boolean(ctx.quote)),
        ...(ctx.bullet !== undefined ? { bullet: { level: ctx.bullet } } : {}),
        ...(ctx.numbered !== undefined ? { numbering: { reference: NUMBERING, level: ctx.numbered } } : {}),
        ...(ctx.quote ? { indent: { left: 720 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: "999999", space: 8 } } } : {}),
      })];
    case "blockquote":
      return childBlocks({ ...ctx, quote: true });
    case "bulletList":
    case "orderedList": {
      const depth = Math.min((ctx.bullet ?? ctx.numbered ?? -1) + 1, 8);
      const next: Context = node.type === "bulletList" ? { bullet: depth } : { numbered: depth };
      const out: Array<Paragraph | Table> = [];
      let at = pos + 1;
      for (const item of node.content ?? []) {
        let inner = at + 1;
        for (const c of item.content ?? []) {
          out.push(...blocks(c, inner, w, { ...ctx, bullet: undefined, numbered: undefined, ...next }));
          inner += sizeOf(c);
        }
        at += sizeOf(item);
      }
      return out;
    }
    case "table": {
      let rowAt = pos + 1;
      const rows = (node.content ?? []).map((row) => {
        let cellAt = rowAt + 1;
        rowAt += sizeOf(row);
        const header = (row.content ?? []).length > 0 && (row.content ?? []).every((c) => c.type === "tableHeader");
        return new TableRow({
          tableHeader: header,
          children: (row.content ?? []).map((cell) => {
            const at = cellAt;
            cellAt += sizeOf(cell);
            let inner = at + 1;
            const children: Paragraph[] = [];
            for (const c of cell.content ?? []) {
              children.push(...blocks(c, inner, w, { tableNeedsSpacer: true }).filter((b): b is Paragraph => b instanceof Paragraph));
              inner += sizeOf(c);
            }
            return new TableCell({
              columnSpan: Number(cell.attrs?.colspan) > 1 ? Number(cell.attrs?.colspan) : undefined,
              rowSpan: Number(cell.attrs?.rowspan) > 1 ? Number(cell.attrs?.rowspan) : undefined,
              children: children.length ? children : [new Paragraph({})],
              ...(cell.type === "tableHeader" ? { shading: { fill: "E8ECEB" } } : {}),
            });
          }),
        });
      });
      // Word needs a paragraph after a table that ends the body or a cell, or that another table follows.
      return rows.length ? [new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }), ...(ctx.tableNeedsSpacer ? [new Paragraph({})] : [])] : [];
    }
    default:
      return childBlocks(ctx);
  }
}

/**
 * The paper as a Word file. `json` is the paper's ProseMirror JSON exactly as the annotations'
 * positions were computed on (don't clean it first: cleaning would shift them).
 */
export async function toDocx(rawTitle: string, json: JsonNode, rawMeta: { subtitle: string; annotations?: DocxAnnotations }): Promise<Buffer> {
  const title = cleanLine(rawTitle);
  const w = new Writer(rawMeta.annotations);
  const body: Array<Paragraph | Table> = [];
  let at = 0;
  const top = json.content ?? [];
  top.forEach((node, i) => {
    body.push(...blocks(node, at, w, { tableNeedsSpacer: spacerAfter(top, i) }));
    at += sizeOf(node);
  });
  const rest = w.rest();
  if (rest.length) body.push(new Paragraph({ children: rest }));
  const doc = new Document({
    title,
    creator: "Länderforum",
    ...(w.comments.length ? { comments: { children: w.comments } } : {}),
    ...(rawMeta.annotations?.suggestions.length ? { features: { trackRevisions: true } } : {}),
    styles: { paragraphStyles: [{ id: "Subtitle", name: "Subtitle", basedOn: "Normal", next: "Normal", run: { color: "555555" } }] },
    numbering: {
      config: [{
        reference: NUMBERING,
        levels: [0, 1, 2, 3, 4, 5, 6, 7, 8].map((level) => ({
          level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
        })),
      }],
    },
    sections: [{
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
        new Paragraph({ style: "Subtitle", children: [new TextRun(cleanLine(rawMeta.subtitle))] }),
        ...body,
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
