// The DOCX reader (research note §3.2): body, comments and tracked changes in one pass over the
// parts of a safely opened package, into ProseMirror JSON of the paper schema plus positioned
// comment ranges and revisions. Positions are ProseMirror positions of the returned document, so
// the import can turn them into Yjs anchors. What the paper cannot hold is counted in the report,
// never dropped silently. Every text is cleaned as it is read (before positions are counted).
import type { JsonNode } from "../editor/content.ts";
import { isAllowedHref } from "../editor/extensions.ts";
import { cleanLine, cleanText } from "../domain/text.ts";
import { m } from "../i18n/messages.ts";
import type { DocxPackage } from "./safe-open.ts";
import { attr, child, children, findDeep, isOn, kids, parseXml, tagOf, textOf, type XNode } from "./xml.ts";

export type TrackedMode = "suggest" | "accept";

export const REPORT_KINDS = [
  "image", "underline", "formula", "textbox", "internal-link", "unsafe-link", "merged-cells", "paragraph-revision",
  "format-revision", "comment-unanchored", "subtitle", "footnotes", "embedded", "too-many", "suggestion-not-kept",
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type ReportItem = { kind: ReportKind; count: number; detail?: string };

export type WordComment = { wordId: string; author: string; initials: string; date: Date | null; text: string; parentWordId: string | null; done: boolean };
export type WordInsertion = { at: number; author: string; date: Date | null; content: JsonNode[] };
export type WordDeletion = { from: number; to: number; author: string; date: Date | null };

export type ReadDocx = {
  title: string | null;
  doc: JsonNode;
  comments: WordComment[];
  /** Word comment id → its range in `doc` (from === to when Word marked no text). */
  commentRanges: Map<string, { from: number; to: number }>;
  insertions: WordInsertion[];
  deletions: WordDeletion[];
  report: ReportItem[];
};

type Marker =
  | { m: "commentStart" | "commentEnd" | "commentRef"; id: string }
  | { m: "ins"; author: string; date: string | undefined; content: JsonNode[] }
  | { m: "delStart" | "delEnd"; key: number; author: string; date: string | undefined };
const MARKER = "__marker";
type Inline = JsonNode;
const marker = (mk: Marker): Inline => ({ type: MARKER, attrs: { mk } });

type Styles = Map<string, { name: string; numId?: string; ilvl?: number }>;
type Ctx = {
  styles: Styles;
  numbering: Map<string, Map<number, string>>;
  links: Map<string, string>;
  footnotes: Map<string, string>;
  footnoteOrder: string[];
  endnotes: Map<string, string>;
  endnoteOrder: string[];
  mode: TrackedMode;
  report: Map<ReportKind, { count: number; detail?: string }>;
  delKey: number;
};

function note(ctx: Ctx, kind: ReportKind, detail?: string, count = 1) {
  const item = ctx.report.get(kind) ?? { count: 0 };
  item.count += count;
  if (detail && !item.detail) item.detail = detail.slice(0, 200);
  ctx.report.set(kind, item);
}

// ---- Parts around the body

function readStyles(xml: string | null): Styles {
  const styles: Styles = new Map();
  if (!xml) return styles;
  const root = findDeep(parseXml(xml), "w:styles");
  for (const style of children(root, "w:style")) {
    const id = attr(style, "w:styleId");
    const name = attr(child(style, "w:name"), "w:val");
    if (!id) continue;
    const numPr = child(child(style, "w:pPr"), "w:numPr");
    styles.set(id, {
      name: (name ?? id).toLowerCase(),
      numId: attr(child(numPr, "w:numId"), "w:val"),
      ilvl: Number(attr(child(numPr, "w:ilvl"), "w:val") ?? 0),
    });
  }
  return styles;
}

/** numId → level → numFmt ("bullet", "decimal", …). */
function readNumbering(xml: string | null) {
  const result = new Map<string, Map<number, string>>();
  if (!xml) return result;
  const root = findDeep(parseXml(xml), "w:numbering");
  const abstract = new Map<string, Map<number, string>>();
  for (const a of children(root, "w:abstractNum")) {
    const levels = new Map<number, string>();
    for (const lvl of children(a, "w:lvl")) levels.set(Number(attr(lvl, "w:ilvl") ?? 0), attr(child(lvl, "w:numFmt"), "w:val") ?? "decimal");
    abstract.set(attr(a, "w:abstractNumId") ?? "", levels);
  }
  for (const num of children(root, "w:num")) {
    const levels = abstract.get(attr(child(num, "w:abstractNumId"), "w:val") ?? "");
    if (levels) result.set(attr(num, "w:numId") ?? "", levels);
  }
  return result;
}

function readRels(xml: string | null) {
  const links = new Map<string, string>();
  if (!xml) return links;
  for (const rel of children(findDeep(parseXml(xml), "Relationships"), "Relationship")) {
    if (attr(rel, "TargetMode") === "External" && /\/hyperlink$/.test(attr(rel, "Type") ?? "")) links.set(attr(rel, "Id") ?? "", attr(rel, "Target") ?? "");
  }
  return links;
}

/** Plain text of a story (footnote, comment): paragraphs joined by blank lines, deleted text left out. */
function storyText(nodes: XNode[]): string {
  const paragraph = (p: XNode): string => {
    let out = "";
    const walk = (list: XNode[]) => {
      for (const n of list) {
        const tag = tagOf(n);
        if (tag === "w:t") out += textOf(n);
        else if (tag === "w:tab") out += "\t";
        else if (tag === "w:br" || tag === "w:cr") out += "\n";
        else if (tag === "w:del" || tag === "w:moveFrom" || tag === "w:rPr" || tag === "w:pPr" || tag === "w:footnoteRef" || tag === "w:endnoteRef") continue;
        else walk(kids(n));
      }
    };
    walk(kids(p));
    return out;
  };
  const paras: string[] = [];
  const collect = (list: XNode[]) => list.forEach((n) => (tagOf(n) === "w:p" ? paras.push(paragraph(n)) : collect(kids(n))));
  collect(nodes);
  return cleanText(paras.join("\n\n").trim());
}

/** Footnotes (`w:footnotes`/`w:footnote`) or endnotes (`w:endnotes`/`w:endnote`): id → text. */
function readNotes(xml: string | null, kind: "footnote" | "endnote") {
  const notes = new Map<string, string>();
  if (!xml) return notes;
  for (const fn of children(findDeep(parseXml(xml), `w:${kind}s`), `w:${kind}`)) {
    if (attr(fn, "w:type") && attr(fn, "w:type") !== "normal") continue; // separators
    notes.set(attr(fn, "w:id") ?? "", storyText(kids(fn)));
  }
  return notes;
}

function readComments(xml: string | null, extendedXml: string | null): WordComment[] {
  if (!xml) return [];
  const extended = new Map<string, { parent?: string; done: boolean }>();
  if (extendedXml) {
    for (const ex of children(findDeep(parseXml(extendedXml), "w15:commentsEx"), "w15:commentEx")) {
      extended.set(attr(ex, "w15:paraId") ?? "", { parent: attr(ex, "w15:paraIdParent"), done: attr(ex, "w15:done") === "1" });
    }
  }
  const raw = children(findDeep(parseXml(xml), "w:comments"), "w:comment").map((c) => {
    const paras = children(c, "w:p");
    const lastParaId = attr(paras.at(-1), "w14:paraId") ?? "";
    const date = attr(c, "w:date");
    return {
      wordId: attr(c, "w:id") ?? "", author: cleanLine(attr(c, "w:author") ?? "").trim(), initials: cleanLine(attr(c, "w:initials") ?? ""),
      date: parseDate(date), text: storyText(kids(c)), paraIds: paras.map((p) => attr(p, "w14:paraId") ?? ""), ex: extended.get(lastParaId),
    };
  });
  const byParaId = new Map<string, string>();
  for (const c of raw) for (const id of c.paraIds) if (id) byParaId.set(id, c.wordId);
  return raw.map((c) => ({
    wordId: c.wordId, author: c.author, initials: c.initials, date: c.date, text: c.text,
    parentWordId: c.ex?.parent ? byParaId.get(c.ex.parent) ?? null : null, done: c.ex?.done ?? false,
  }));
}

function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

// ---- The body

type Block = { node: JsonNode; list?: { type: "bulletList" | "orderedList"; level: number } };

function runMarks(rPr: XNode | undefined, ctx: Ctx, link: string | null) {
  const marks: NonNullable<JsonNode["marks"]> = [];
  const style = ctx.styles.get(attr(child(rPr, "w:rStyle"), "w:val") ?? "")?.name ?? "";
  if (isOn(child(rPr, "w:b")) || style === "strong") marks.push({ type: "bold" });
  if (isOn(child(rPr, "w:i")) || style === "emphasis") marks.push({ type: "italic" });
  const u = attr(child(rPr, "w:u"), "w:val");
  if (child(rPr, "w:u") && u !== "none" && !link) note(ctx, "underline");
  if (link) marks.push({ type: "link", attrs: { href: link } });
  return marks;
}

function runContent(run: XNode, ctx: Ctx, link: string | null, out: Inline[]) {
  const rPr = child(run, "w:rPr");
  if (child(rPr, "w:rPrChange")) note(ctx, "format-revision");
  const marks = runMarks(rPr, ctx, link);
  const text = (t: string) => {
    const clean = cleanText(t);
    if (clean) out.push({ type: "text", text: clean, ...(marks.length ? { marks } : {}) });
  };
  for (const n of kids(run)) {
    switch (tagOf(n)) {
      case "w:t":
      case "w:delText":
        text(textOf(n));
        break;
      case "w:tab":
        text("\t");
        break;
      case "w:br":
        if (!attr(n, "w:type") || attr(n, "w:type") === "textWrapping") out.push({ type: "hardBreak" });
        break;
      case "w:cr":
        out.push({ type: "hardBreak" });
        break;
      case "w:noBreakHyphen":
        text("\u2011");
        break;
      case "w:softHyphen":
        break;
      case "w:footnoteReference":
        ctx.footnoteOrder.push(attr(n, "w:id") ?? "");
        text(`[${ctx.footnoteOrder.length}]`);
        break;
      case "w:endnoteReference":
        // Word numbers endnotes i, ii, iii by default: apart from the footnotes' 1, 2, 3.
        ctx.endnoteOrder.push(attr(n, "w:id") ?? "");
        text(`[${roman(ctx.endnoteOrder.length)}]`);
        break;
      case "w:commentReference":
        out.push(marker({ m: "commentRef", id: attr(n, "w:id") ?? "" }));
        break;
      case "w:drawing":
      case "w:pict":
        note(ctx, findDeep([n], "w:txbxContent") || findDeep([n], "v:textbox") ? "textbox" : "image");
        break;
      case "w:object":
        note(ctx, "embedded");
        break;
      case "mc:AlternateContent":
        note(ctx, findDeep([n], "w:txbxContent") ? "textbox" : "image");
        break;
      default:
        break;
    }
  }
}

function inlines(nodes: XNode[], ctx: Ctx, out: Inline[], link: string | null = null) {
  for (const n of nodes) {
    const tag = tagOf(n);
    switch (tag) {
      case "w:r":
        runContent(n, ctx, link, out);
        break;
      case "w:hyperlink": {
        const target = ctx.links.get(attr(n, "r:id") ?? "");
        let href: string | null = null;
        if (target !== undefined) {
          if (isAllowedHref(target)) href = target;
          else note(ctx, "unsafe-link", cleanLine(target).slice(0, 200));
        } else if (attr(n, "w:anchor")) note(ctx, "internal-link");
        inlines(kids(n), ctx, out, href ?? link);
        break;
      }
      case "w:ins":
      case "w:moveTo": {
        if (ctx.mode === "accept") { inlines(kids(n), ctx, out, link); break; }
        const content: Inline[] = [];
        inlines(kids(n), ctx, content, link);
        const proposed = content.filter((c) => c.type === "text" || c.type === "hardBreak");
        if (proposed.length) out.push(marker({ m: "ins", author: attr(n, "w:author") ?? "", date: attr(n, "w:date"), content: proposed }));
        out.push(...content.filter((c) => c.type === MARKER));
        break;
      }
      case "w:del":
      case "w:moveFrom": {
        if (ctx.mode === "accept") {
          const content: Inline[] = [];
          inlines(kids(n), ctx, content, link);
          out.push(...content.filter((c) => c.type === MARKER && (c.attrs!.mk as Marker).m.startsWith("comment")));
          break;
        }
        const key = ++ctx.delKey;
        const who = { key, author: attr(n, "w:author") ?? "", date: attr(n, "w:date") };
        out.push(marker({ m: "delStart", ...who }));
        inlines(kids(n), ctx, out, link);
        out.push(marker({ m: "delEnd", ...who }));
        break;
      }
      case "w:commentRangeStart":
        out.push(marker({ m: "commentStart", id: attr(n, "w:id") ?? "" }));
        break;
      case "w:commentRangeEnd":
        out.push(marker({ m: "commentEnd", id: attr(n, "w:id") ?? "" }));
        break;
      case "w:smartTag":
      case "w:customXml":
      case "w:fldSimple":
        inlines(kids(n), ctx, out, link);
        break;
      case "w:sdt":
        inlines(kids(child(n, "w:sdtContent") ?? {}), ctx, out, link);
        break;
      case "m:oMath":
      case "m:oMathPara":
        note(ctx, "formula");
        break;
      default:
        break;
    }
  }
}

function paragraph(p: XNode, ctx: Ctx, state: { title: string | null; seenContent: boolean }): Block | null {
  const pPr = child(p, "w:pPr");
  const styleId = attr(child(pPr, "w:pStyle"), "w:val") ?? "";
  const style = ctx.styles.get(styleId);
  const styleName = style?.name ?? styleId.toLowerCase();
  const markRevision = child(child(pPr, "w:rPr"), "w:ins") ?? child(child(pPr, "w:rPr"), "w:del");
  if (markRevision) note(ctx, "paragraph-revision");
  const content: Inline[] = [];
  inlines(kids(p), ctx, content);
  if (styleName === "title" && state.title === null && !state.seenContent) {
    state.title = content.filter((c) => c.type === "text").map((c) => c.text).join("");
    return null;
  }
  if (styleName === "subtitle" && !state.seenContent) {
    note(ctx, "subtitle", content.filter((c) => c.type === "text").map((c) => c.text).join(""));
    return null;
  }
  state.seenContent = true;
  const heading = /^heading (\d)$/.exec(styleName);
  const node: JsonNode = heading
    ? { type: "heading", attrs: { level: Math.min(Number(heading[1]) + 1, 4) }, content }
    : { type: "paragraph", content };
  const numPr = child(pPr, "w:numPr");
  const numId = attr(child(numPr, "w:numId"), "w:val") ?? style?.numId;
  const level = Number(attr(child(numPr, "w:ilvl"), "w:val") ?? style?.ilvl ?? 0);
  if (!heading && numId && numId !== "0") {
    const format = ctx.numbering.get(numId)?.get(level) ?? "decimal";
    return { node, list: { type: format === "bullet" ? "bulletList" : "orderedList", level: Math.min(Math.max(level, 0), 8) } };
  }
  return { node };
}

/** Consecutive list paragraphs become (nested) lists by their level. */
function groupLists(blocks: Block[]): JsonNode[] {
  const out: JsonNode[] = [];
  let stack: Array<{ list: JsonNode; level: number }> = [];
  for (const b of blocks) {
    if (!b.list) {
      stack = [];
      out.push(b.node);
      continue;
    }
    const { type, level } = b.list;
    while (stack.length && stack.at(-1)!.level > level) stack.pop();
    if (stack.length && stack.at(-1)!.level === level && stack.at(-1)!.list.type !== type) stack.pop();
    if (!stack.length || stack.at(-1)!.level < level) {
      const list: JsonNode = { type, content: [] };
      const parent = stack.at(-1);
      if (parent) {
        let item = parent.list.content!.at(-1);
        if (!item) parent.list.content!.push((item = { type: "listItem", content: [{ type: "paragraph", content: [] }] }));
        item.content!.push(list);
      } else out.push(list);
      stack.push({ list, level });
    }
    const paragraphNode = b.node.type === "paragraph" ? b.node : { type: "paragraph", content: b.node.content };
    stack.at(-1)!.list.content!.push({ type: "listItem", content: [paragraphNode] });
  }
  return out;
}

function table(tbl: XNode, ctx: Ctx, state: { title: string | null; seenContent: boolean }): JsonNode | null {
  const rows = children(tbl, "w:tr").map((tr) => {
    const header = isOn(child(child(tr, "w:trPr"), "w:tblHeader"));
    const cells = children(tr, "w:tc").map((tc) => {
      const tcPr = child(tc, "w:tcPr");
      const span = Number(attr(child(tcPr, "w:gridSpan"), "w:val") ?? 1);
      if (child(tcPr, "w:vMerge")) note(ctx, "merged-cells");
      const content = bodyBlocks(kids(tc).filter((k) => tagOf(k) !== "w:tcPr"), ctx, state);
      return {
        type: header ? "tableHeader" : "tableCell",
        attrs: { colspan: span > 1 && span < 64 ? span : 1, rowspan: 1, colwidth: null },
        content: content.length ? content : [{ type: "paragraph", content: [] }],
      } as JsonNode;
    });
    return { type: "tableRow", content: cells } as JsonNode;
  }).filter((r) => r.content!.length);
  return rows.length ? { type: "table", content: rows } : null;
}

function bodyBlocks(nodes: XNode[], ctx: Ctx, state: { title: string | null; seenContent: boolean }): JsonNode[] {
  const blocks: Block[] = [];
  const walk = (list: XNode[]) => {
    for (const n of list) {
      const tag = tagOf(n);
      if (tag === "w:p") {
        const b = paragraph(n, ctx, state);
        if (b) blocks.push(b);
      } else if (tag === "w:tbl") {
        state.seenContent = true;
        const t = table(n, ctx, state);
        if (t) blocks.push({ node: t });
      } else if (tag === "w:sdt") walk(kids(child(n, "w:sdtContent") ?? {}));
      else if (tag === "w:customXml" || tag === "w:ins" || tag === "w:moveTo") walk(kids(n));
      else if (tag === "w:altChunk") note(ctx, "embedded");
    }
  };
  walk(nodes);
  // Word needs a paragraph after a table that ends the body or a cell; an empty one there is not content.
  const last = blocks.at(-1), before = blocks.at(-2);
  if (last && before?.node.type === "table" && !last.list && last.node.type === "paragraph" && !last.node.content?.length) blocks.pop();
  return groupLists(blocks);
}

// ---- Positions

type Positioned = { mk: Marker; pos: number };

/** Computes ProseMirror positions of the markers and returns the document without them. */
function layout(doc: JsonNode): { doc: JsonNode; markers: Positioned[] } {
  const markers: Positioned[] = [];
  const visit = (node: JsonNode, pos: number): { node: JsonNode | null; size: number } => {
    if (node.type === MARKER) {
      markers.push({ mk: node.attrs!.mk as Marker, pos });
      return { node: null, size: 0 };
    }
    if (node.type === "text") return { node, size: node.text!.length };
    if (node.type === "hardBreak") return { node, size: 1 };
    let at = pos + 1;
    const content: JsonNode[] = [];
    for (const c of node.content ?? []) {
      const r = visit(c, at);
      if (r.node) content.push(r.node);
      at += r.size;
    }
    const { content: _drop, ...rest } = node;
    return { node: content.length ? { ...rest, content } : rest, size: at + 1 - pos };
  };
  // The doc node itself has no opening token: its content starts at 0.
  let at = 0;
  const content: JsonNode[] = [];
  for (const c of doc.content ?? []) {
    const r = visit(c, at);
    if (r.node) content.push(r.node);
    at += r.size;
  }
  return { doc: { type: "doc", content }, markers };
}

export async function readDocx(pkg: DocxPackage, mode: TrackedMode): Promise<ReadDocx> {
  const [documentXml, stylesXml, numberingXml, relsXml, footnotesXml, endnotesXml, commentsXml, extendedXml] = await Promise.all([
    pkg.text("word/document.xml"), pkg.text("word/styles.xml"), pkg.text("word/numbering.xml"), pkg.text("word/_rels/document.xml.rels"),
    pkg.text("word/footnotes.xml"), pkg.text("word/endnotes.xml"), pkg.text("word/comments.xml"), pkg.text("word/commentsExtended.xml"),
  ]);
  const ctx: Ctx = {
    styles: readStyles(stylesXml), numbering: readNumbering(numberingXml), links: readRels(relsXml),
    footnotes: readNotes(footnotesXml, "footnote"), footnoteOrder: [], endnotes: readNotes(endnotesXml, "endnote"), endnoteOrder: [],
    mode, report: new Map(), delKey: 0,
  };
  const body = findDeep(parseXml(documentXml ?? ""), "w:body");
  if (!body) throw new Error("no w:body");
  const state = { title: null as string | null, seenContent: false };
  const blocks = bodyBlocks(kids(body), ctx, state);
  // Foot- and endnotes as text at the end, each under its heading, one report line counting both.
  const notesSection = (heading: string, order: string[], notes: Map<string, string>, label: (n: number) => string) => {
    if (!order.length) return;
    note(ctx, "footnotes", undefined, order.length);
    blocks.push({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: heading }] });
    order.forEach((id, i) => {
      const text = (notes.get(id) ?? "").replace(/\s*\n\s*/g, " ");
      blocks.push({ type: "paragraph", content: [{ type: "text", text: `[${label(i + 1)}] ${text}`.trim() }] });
    });
  };
  notesSection(m.docx.footnotesHeading, ctx.footnoteOrder, ctx.footnotes, String);
  notesSection(m.docx.endnotesHeading, ctx.endnoteOrder, ctx.endnotes, roman);
  if (!blocks.length) blocks.push({ type: "paragraph", content: [] });
  const { doc, markers } = layout({ type: "doc", content: blocks });

  const commentRanges = new Map<string, { from: number; to: number }>();
  const refs = new Map<string, number>();
  const insertions: WordInsertion[] = [];
  const deletions: WordDeletion[] = [];
  const openDels = new Map<number, number>();
  for (const { mk, pos } of markers) {
    if (mk.m === "commentStart") commentRanges.set(mk.id, { from: pos, to: pos });
    else if (mk.m === "commentEnd") {
      const range = commentRanges.get(mk.id);
      if (range) range.to = Math.max(range.from, pos);
    } else if (mk.m === "commentRef") refs.set(mk.id, pos);
    else if (mk.m === "ins") insertions.push({ at: pos, author: cleanLine(mk.author).trim(), date: parseDate(mk.date), content: mk.content });
    else if (mk.m === "delStart") openDels.set(mk.key, pos);
    else if (mk.m === "delEnd") {
      const from = openDels.get(mk.key) ?? pos;
      if (pos > from) deletions.push({ from, to: pos, author: cleanLine(mk.author).trim(), date: parseDate(mk.date) });
    }
  }
  // A comment Word anchored at a point (no range markers) starts at its reference.
  for (const [id, pos] of refs) if (!commentRanges.has(id)) commentRanges.set(id, { from: pos, to: pos });

  return {
    title: state.title === null ? null : cleanLine(state.title).trim() || null,
    doc,
    comments: readComments(commentsXml, extendedXml),
    commentRanges,
    insertions: mergeInsertions(insertions),
    deletions: mergeDeletions(deletions),
    report: [...ctx.report].map(([kind, v]) => ({ kind, count: v.count, ...(v.detail ? { detail: v.detail } : {}) })),
  };
}

/**
 * Word splits one typed insertion at every formatting change: same place and author make one. The
 * merged content grows in place (copying it per piece made a hostile file's many pieces quadratic).
 */
export function mergeInsertions(list: WordInsertion[]): WordInsertion[] {
  const out: WordInsertion[] = [];
  for (const ins of list) {
    const last = out.at(-1);
    if (last && last.at === ins.at && last.author === ins.author) for (const node of ins.content) last.content.push(node);
    else out.push({ ...ins, content: [...ins.content] });
  }
  return out;
}

/** Lower-case Roman numerals, Word's default for endnotes. */
function roman(n: number): string {
  const digits: Array<[number, string]> = [[1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
  let out = "";
  for (const [value, digit] of digits) for (; n >= value; n -= value) out += digit;
  return out;
}

function mergeDeletions(list: WordDeletion[]): WordDeletion[] {
  const out: WordDeletion[] = [];
  for (const del of [...list].sort((a, b) => a.from - b.from)) {
    const last = out.at(-1);
    if (last && last.to === del.from && last.author === del.author) last.to = del.to;
    else out.push({ ...del });
  }
  return out;
}
