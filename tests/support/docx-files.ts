// Real-looking Word files for the import tests, built with the `docx` package the way Word writes
// them: heading styles, numbering, tables, comments with replies (commentsExtended.xml) and tracked
// insertions, deletions and replacements by several authors. Plus hostile archives: a .docm, an
// encrypted (CFB) file and zip bombs.
import JSZip from "jszip";
import {
  CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, Document, EndnoteReferenceRun, ExternalHyperlink, FootnoteReferenceRun, HeadingLevel, ImageRun,
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

/** Footnotes and endnotes side by side, as a paper with sources often has both. */
export async function notesFile(): Promise<Buffer> {
  return Packer.toBuffer(new Document({
    footnotes: { 1: { children: [new Paragraph("Fußnote eins.")] } },
    endnotes: { 1: { children: [new Paragraph("Endnote eins.")] }, 2: { children: [new Paragraph("Endnote zwei.")] } },
    sections: [{
      children: [new Paragraph({
        children: [new TextRun("Satz"), new FootnoteReferenceRun(1), new TextRun(" mit Quellen"), new EndnoteReferenceRun(1), new TextRun(" und mehr"), new EndnoteReferenceRun(2), new TextRun(".")],
      })],
    }],
  }));
}

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A package like simpleFile's with its document.xml (and optionally comments.xml) replaced by raw XML. */
async function rawPackage(documentXml: string, commentsXml?: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await simpleFile("x"));
  zip.file("word/document.xml", documentXml);
  if (commentsXml) zip.file("word/comments.xml", commentsXml);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/**
 * A hostile-in-number file, written as raw OOXML (the `docx` package is slow at thousands of
 * comments): `comments` root comments, each on its own paragraph's word, then `replies` replies to
 * the last root; `insertions` tracked insertions, each in its own paragraph, the last
 * `breakingInsertions` of them with a line break (which the editor cannot take as a suggestion).
 */
export async function manyAnnotationsFile(options: { comments: number; replies?: number; insertions?: number; breakingInsertions?: number }): Promise<Buffer> {
  const { comments, replies = 0, insertions = 0, breakingInsertions = 0 } = options;
  const by = `w:author="${CLARA.author}" w:date="${CLARA.date}"`;
  const body: string[] = [];
  for (let i = 0; i < comments; i++) {
    body.push(`<w:p><w:r><w:t xml:space="preserve">Absatz </w:t></w:r><w:commentRangeStart w:id="${i}"/><w:r><w:t>Wort${i}</w:t></w:r><w:commentRangeEnd w:id="${i}"/><w:r><w:commentReference w:id="${i}"/></w:r></w:p>`);
  }
  for (let i = 0; i < insertions; i++) {
    const extra = i >= insertions - breakingInsertions ? "<w:r><w:br/><w:t>neu</w:t></w:r>" : "";
    body.push(`<w:p><w:r><w:t xml:space="preserve">Satz ${i} </w:t></w:r><w:ins w:id="${100000 + i}" ${by}><w:r><w:t>eingefügt</w:t></w:r>${extra}</w:ins><w:r><w:t>.</w:t></w:r></w:p>`);
  }
  const comment = (id: number, paraId: string, text: string) =>
    `<w:comment w:id="${id}" ${by} w:initials="CB"><w:p w14:paraId="${paraId}"><w:r><w:t>${text}</w:t></w:r></w:p></w:comment>`;
  const all: string[] = [];
  const extended: string[] = [];
  const paraId = (i: number) => (0x10000000 + i).toString(16).toUpperCase();
  for (let i = 0; i < comments; i++) {
    all.push(comment(i, paraId(i), `Kommentar ${i}`));
    extended.push(`<w15:commentEx w15:paraId="${paraId(i)}" w15:done="0"/>`);
  }
  for (let r = 0; r < replies; r++) {
    const id = comments + r;
    all.push(comment(id, paraId(id), `Antwort ${r}`));
    extended.push(`<w15:commentEx w15:paraId="${paraId(id)}" w15:paraIdParent="${paraId(comments - 1)}" w15:done="0"/>`);
  }
  const zip = await JSZip.loadAsync(await rawPackage(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W_NS}><w:body>${body.join("")}</w:body></w:document>`,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments ${W_NS} xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">${all.join("")}</w:comments>`,
  ));
  zip.file("word/commentsExtended.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">${extended.join("")}</w15:commentsEx>`);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A paragraph inside `depth` nested w:customXml elements (each is legal OOXML on its own). */
export async function deeplyNestedFile(depth: number): Promise<Buffer> {
  const open = "<w:customXml w:element=\"x\">".repeat(depth);
  const close = "</w:customXml>".repeat(depth);
  return rawPackage(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NS}><w:body><w:p>${open}<w:r><w:t>tief</w:t></w:r>${close}</w:p></w:body></w:document>`);
}

/** A valid document.xml of about `mb` MB: one short paragraph and the rest white space between elements. */
export async function largeXmlFile(mb: number): Promise<Buffer> {
  const pad = " ".repeat(mb * 1024 * 1024);
  return rawPackage(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NS}><w:body>${pad}<w:p><w:r><w:t>kurz</w:t></w:r></w:p></w:body></w:document>`);
}
