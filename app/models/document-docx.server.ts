// DOCX export of a position paper (ministries work in Word): headings, paragraphs, bold/italic,
// links, bullet and numbered lists, quotes and tables, built from the stored ProseMirror JSON with
// the `docx` package. Comments can be appended as a list after the text. Everything written is
// cleaned first (XML 1.0 forbids C0 controls except tab/LF/CR: one \x01 and Word refuses the file).
import {
  AlignmentType, BorderStyle, Document, ExternalHyperlink, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow,
  TextRun, WidthType, type ParagraphChild,
} from "docx";
import { cleanJsonText, type JsonNode } from "../editor/content.ts";
import { isAllowedHref } from "../editor/extensions.ts";
import { cleanLine, cleanText } from "../domain/text.ts";

const HEADINGS = { 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2, 4: HeadingLevel.HEADING_3 } as const;
const NUMBERING = "numbered";

type Context = { bullet?: number; numbered?: number; quote?: boolean };

function runs(nodes: JsonNode[] | undefined, quote = false): ParagraphChild[] {
  return (nodes ?? []).flatMap((n): ParagraphChild[] => {
    if (n.type === "hardBreak") return [new TextRun({ break: 1 })];
    if (n.type === "mention") return [new TextRun({ text: `@${String(n.attrs?.label ?? n.attrs?.id ?? "")}`, italics: quote })];
    if (n.type !== "text") return runs(n.content, quote);
    const marks = n.marks ?? [];
    const run = new TextRun({
      text: n.text ?? "",
      bold: marks.some((mk) => mk.type === "bold"),
      italics: quote || marks.some((mk) => mk.type === "italic"),
      ...(marks.some((mk) => mk.type === "link") ? { style: "Hyperlink" } : {}),
    });
    const link = marks.find((mk) => mk.type === "link");
    return link && isAllowedHref(link.attrs?.href) ? [new ExternalHyperlink({ link: String(link.attrs!.href), children: [run] })] : [run];
  });
}

function blocks(node: JsonNode, ctx: Context = {}): Array<Paragraph | Table> {
  switch (node.type) {
    case "heading": {
      const level = (Math.min(Math.max(Number(node.attrs?.level) || 2, 2), 4) as 2 | 3 | 4);
      return [new Paragraph({ heading: HEADINGS[level], children: runs(node.content) })];
    }
    case "paragraph":
      return [new Paragraph({
        children: runs(node.content, ctx.quote),
        ...(ctx.bullet !== undefined ? { bullet: { level: ctx.bullet } } : {}),
        ...(ctx.numbered !== undefined ? { numbering: { reference: NUMBERING, level: ctx.numbered } } : {}),
        ...(ctx.quote ? { indent: { left: 720 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: "999999", space: 8 } } } : {}),
      })];
    case "blockquote":
      return (node.content ?? []).flatMap((c) => blocks(c, { ...ctx, quote: true }));
    case "bulletList":
    case "orderedList": {
      const depth = (ctx.bullet ?? ctx.numbered ?? -1) + 1;
      const next: Context = node.type === "bulletList" ? { bullet: depth } : { numbered: depth };
      return (node.content ?? []).flatMap((item) => (item.content ?? []).flatMap((c) => blocks(c, { ...ctx, bullet: undefined, numbered: undefined, ...next })));
    }
    case "table": {
      const rows = (node.content ?? []).map((row) => new TableRow({
        children: (row.content ?? []).map((cell) => new TableCell({
          columnSpan: Number(cell.attrs?.colspan) > 1 ? Number(cell.attrs?.colspan) : undefined,
          rowSpan: Number(cell.attrs?.rowspan) > 1 ? Number(cell.attrs?.rowspan) : undefined,
          children: (cell.content ?? []).flatMap((c) => blocks(c)).filter((b): b is Paragraph => b instanceof Paragraph),
          ...(cell.type === "tableHeader" ? { shading: { fill: "E8ECEB" } } : {}),
        })),
      }));
      return rows.length ? [new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }), new Paragraph({})] : [];
    }
    default:
      return (node.content ?? []).flatMap((c) => blocks(c, ctx));
  }
}

export type DocxComment = { author: string; quote: string; body: string; resolved: boolean };

export async function toDocx(rawTitle: string, rawJson: JsonNode, rawMeta: { subtitle: string; comments?: DocxComment[]; commentsHeading?: string }): Promise<Buffer> {
  const title = cleanLine(rawTitle);
  const json = cleanJsonText(rawJson);
  const meta = {
    ...rawMeta,
    subtitle: cleanLine(rawMeta.subtitle),
    comments: rawMeta.comments?.map((c) => ({ ...c, author: cleanLine(c.author), quote: cleanText(c.quote), body: cleanText(c.body) })),
  };
  const body = (json.content ?? []).flatMap((n) => blocks(n));
  const appendix = meta.comments?.length
    ? [
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(meta.commentsHeading ?? "Kommentare")], pageBreakBefore: true }),
        ...meta.comments.flatMap((c) => [
          new Paragraph({ children: [new TextRun({ text: `„${c.quote}“`, italics: true })] }),
          new Paragraph({ children: [new TextRun({ text: `${c.author}: `, bold: true }), new TextRun(c.body)], indent: { left: 360 } }),
        ]),
      ]
    : [];
  const doc = new Document({
    title,
    creator: "Länderforum",
    numbering: {
      config: [{
        reference: NUMBERING,
        levels: [0, 1, 2, 3].map((level) => ({
          level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
        })),
      }],
    },
    sections: [{
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
        new Paragraph({ children: [new TextRun({ text: meta.subtitle, color: "555555" })] }),
        ...body,
        ...appendix,
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
