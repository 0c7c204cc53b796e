// Real-looking Word files for the import tests, built with the `docx` package the way Word writes
// them: heading styles, numbering, tables, comments with replies (commentsExtended.xml) and tracked
// insertions, deletions and replacements by several authors. Plus hostile archives: a .docm, an
// encrypted (CFB) file and zip bombs.
import JSZip from "jszip";
import {
  CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, Document, ExternalHyperlink, FootnoteReferenceRun, HeadingLevel, ImageRun,
  InsertedTextRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, UnderlineType,
} from "docx";

export const CLARA = { author: "Clara Beispiel", date: "2026-11-21T09:30:00Z" };
export const DORA = { author: "Dora Muster", date: "2026-11-22T10:00:00Z" };

// A 1×1 PNG, for the "images are reported" check.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** The main fixture: everything the import keeps, plus an image, underline and a footnote it reports. */
export async function wordLikeFile(options: { image?: boolean } = {}): Promise<Buffer> {
  const doc = new Document({
    creator: "Clara Beispiel",
    title: "Stellungnahme MINT",
    footnotes: { 1: { children: [new Paragraph("Quelle: KMK-Bericht 2025.")] } },
    numbering: {
      config: [{
        reference: "zahlen",
        levels: [0, 1].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.` })),
      }],
    },
    comments: {
      children: [
        { id: 0, author: "Clara Beispiel", initials: "CB", date: new Date("2026-11-20T08:00:00Z"), children: [new Paragraph("Bitte mit Zahlen belegen.")] },
        { id: 1, author: "Dora Muster", initials: "DM", date: new Date("2026-11-20T09:00:00Z"), parentId: 0, children: [new Paragraph("Zahlen folgen bis Freitag.")] },
        { id: 2, author: "Erik Prüfer", initials: "EP", date: new Date("2026-11-20T10:00:00Z"), resolved: true, children: [new Paragraph("Erledigt?")] },
      ],
    },
    sections: [{
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun("Stellungnahme der Länder")] }),
        new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("Ausgangslage")] }),
        new Paragraph({
          children: [
            new TextRun("Die Länder "),
            new InsertedTextRun({ text: "gemeinsam ", id: 101, ...CLARA }),
            new CommentRangeStart(0),
            new TextRun({ text: "fördern", bold: true }),
            new TextRun(" MINT-Regionen"),
            new CommentRangeEnd(0),
            new TextRun({ children: [new CommentReference(0)] }),
            new CommentRangeStart(1),
            new CommentRangeEnd(1),
            new TextRun({ children: [new CommentReference(1)] }),
            new TextRun(" und "),
            new DeletedTextRun({ text: "eventuell ", id: 102, ...CLARA }),
            new DeletedTextRun({ text: "dauerhaft", id: 103, ...DORA }),
            new InsertedTextRun({ text: "langfristig", id: 104, ...DORA }),
            new TextRun({ text: " gut", italics: true }),
            new TextRun({ text: " und sicher", underline: { type: UnderlineType.SINGLE } }),
            new TextRun("."),
            new FootnoteReferenceRun(1),
          ],
        }),
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Forderungen")] }),
        new Paragraph({ bullet: { level: 0 }, children: [new TextRun("Kita")] }),
        new Paragraph({ bullet: { level: 1 }, children: [new TextRun("Sprachförderung")] }),
        new Paragraph({ bullet: { level: 0 }, children: [new TextRun("Grundschule")] }),
        new Paragraph({ numbering: { reference: "zahlen", level: 0 }, children: [new TextRun("Erste Forderung")] }),
        new Paragraph({ numbering: { reference: "zahlen", level: 0 }, children: [new TextRun("Zweite Forderung")] }),
        new Paragraph({ children: [
          new TextRun("Mehr unter "),
          new ExternalHyperlink({ link: "https://www.mint-regionen.de", children: [new TextRun({ text: "MINT-Regionen", style: "Hyperlink" })] }),
          new TextRun(" und "),
          new ExternalHyperlink({ link: "javascript:alert(1)", children: [new TextRun("hier")] }),
          new TextRun("."),
        ] }),
        new Table({ rows: [
          new TableRow({ tableHeader: true, children: [cell("Land"), cell("Stellen")] }),
          new TableRow({ children: [cell("Bayern"), cell("27")] }),
          new TableRow({ children: [new TableCell({ columnSpan: 2, children: [new Paragraph("Summe offen")] })] }),
        ] }),
        new Paragraph({ children: [
          new TextRun("Schluss"),
          new CommentRangeStart(2),
          new TextRun("satz"),
          new CommentRangeEnd(2),
          new TextRun({ children: [new CommentReference(2)] }),
        ] }),
        ...(options.image === false ? [] : [new Paragraph({ children: [new ImageRun({ type: "png", data: PNG, transformation: { width: 10, height: 10 } })] })]),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

function cell(text: string) {
  return new TableCell({ children: [new Paragraph(text)] });
}

/** A tracked insertion that carries a line break (Shift+Enter in Word) next to an ordinary one. */
export async function lineBreakInsertionFile(): Promise<Buffer> {
  const by = { author: "Clara Beispiel", date: "2026-11-21T09:30:00Z" };
  return Packer.toBuffer(new Document({
    sections: [{
      children: [new Paragraph({
        children: [
          new TextRun("Die Länder fördern"),
          new InsertedTextRun({ text: " nachhaltig", id: 201, ...by }),
          new TextRun(" MINT-Regionen"),
          new InsertedTextRun({ text: "Neue Zeile", break: 1, id: 202, ...by }),
          new TextRun("."),
        ],
      })],
    }],
  }));
}

/** A plain file with the given text (for the HTTP tests). */
export async function simpleFile(text: string): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

/** The same file declared macro-enabled, with a vbaProject.bin, as Word saves a .docm. */
export async function docmFile(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await simpleFile("Makros"));
  const types = (await zip.file("[Content_Types].xml")!.async("string"))
    .replace("wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml");
  zip.file("[Content_Types].xml", types);
  zip.file("word/vbaProject.bin", Buffer.from("not really VBA"));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** What an encrypted Word file looks like from outside: a CFB (OLE) compound file. */
export function encryptedFile(): Buffer {
  const header = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.write("EncryptedPackage", 1024, "utf16le");
  return header;
}

/** A zip bomb: a valid package whose document.xml inflates to `mb` MB of spaces. */
export async function zipBomb(mb = 100, options: { lieAboutSize?: boolean } = {}): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await simpleFile("Bombe"));
  zip.file("word/document.xml", Buffer.alloc(mb * 1024 * 1024, 0x20));
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
  if (!options.lieAboutSize) return bytes;
  // Patch the declared uncompressed size (local header +22, central directory +24) of document.xml to 1000.
  const name = Buffer.from("word/document.xml");
  for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
    if (bytes.readUInt32LE(at - 30) === 0x04034b50) bytes.writeUInt32LE(1000, at - 30 + 22);
    else if (bytes.readUInt32LE(at - 46) === 0x02014b50) bytes.writeUInt32LE(1000, at - 46 + 24);
  }
  return bytes;
}

/** An archive with more entries than a Word file ever has. */
export async function manyEntries(count = 5000, options: { lieAboutCount?: boolean } = {}): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await simpleFile("Viele"));
  for (let i = 0; i < count; i++) zip.file(`word/x${i}.xml`, "<x/>");
  const bytes = await zip.generateAsync({ type: "nodebuffer" });
  if (!options.lieAboutCount) return bytes;
  // The end-of-central-directory record (no comment: the last 22 bytes) claims a single entry.
  const eocd = bytes.length - 22;
  bytes.writeUInt16LE(1, eocd + 8);
  bytes.writeUInt16LE(1, eocd + 10);
  return bytes;
}
