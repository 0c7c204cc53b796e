import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { toDocx } from "./document-docx.server.ts";

const text = (t: string, marks?: unknown[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const para = (...content: unknown[]) => ({ type: "paragraph", content });
const cell = (type: string, t: string) => ({ type, content: [para(text(t))] });

const json = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [text("Ausgangslage")] },
    para(text("MINT-Bildung braucht "), text("verlässliche", [{ type: "bold" }]), text(" Strukturen "), text("entlang der Bildungskette", [{ type: "italic" }]), text(".")),
    para(text("Quelle", [{ type: "link", attrs: { href: "https://www.mint-regionen.de" } }]), text(" und "), text("böse", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])),
    { type: "bulletList", content: [{ type: "listItem", content: [para(text("Kita"))] }, { type: "listItem", content: [para(text("Grundschule"))] }] },
    { type: "orderedList", content: [{ type: "listItem", content: [para(text("Erste Forderung"))] }] },
    { type: "blockquote", content: [para(text("Ein Zitat"))] },
    { type: "table", content: [
      { type: "tableRow", content: [cell("tableHeader", "Land"), cell("tableHeader", "Stellen")] },
      { type: "tableRow", content: [cell("tableCell", "Bayern"), cell("tableCell", "27")] },
    ] },
  ],
};

describe("DOCX export", () => {
  it("writes a valid Word document with headings, formatting, lists, links and a table", async () => {
    const buffer = await toDocx("Positionspapier: Test", json as never, {
      subtitle: "Länderbeirat · Entwurf",
      annotations: { threads: [{ from: 36, to: 48, resolved: false, comments: [{ author: "Dr. Helga Reinhardt", date: new Date("2026-11-20T08:00:00Z"), paragraphs: ["Bitte konkretisieren."] }] }], suggestions: [] },
    });
    const zip = await JSZip.loadAsync(buffer);
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml", "word/numbering.xml"]));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?Ausgangslage/);
    expect(xml).toMatch(/<w:b\/>[\s\S]*?verlässliche/);
    expect(xml).toMatch(/<w:i\/>[\s\S]*?entlang der Bildungskette/);
    expect(xml).toContain("<w:tbl>");
    expect(xml).toMatch(/<w:tc>[\s\S]*?Bayern/);
    expect(xml).toContain("<w:hyperlink");
    expect(xml).toContain("<w:numPr>");
    expect(xml).toMatch(/<w:commentRangeStart w:id="0"\/>(<w:r>.*?<\/w:r>)*?<w:r><w:rPr><w:b\/>.*?verlässliche<\/w:t><\/w:r><w:commentRangeEnd w:id="0"\/>/);
    expect(await zip.file("word/comments.xml")!.async("string")).toContain("Bitte konkretisieren.");
    const rels = await zip.file("word/_rels/document.xml.rels")!.async("string");
    expect(rels).toContain("https://www.mint-regionen.de");
    expect(rels).not.toContain("javascript:");
  });

  it("writes well-formed XML whatever the title, text, comments and mentions hold (no C0 controls, no noncharacters)", async () => {
    const hostile = { type: "doc", content: [
      para(text("Steuer\u0001zeichen\u000B und \uFFFE"), { type: "mention", attrs: { id: "x", label: "Pe\u0002ter" } }),
      { type: "heading", attrs: { level: 2 }, content: [text("Kopf\u001F")] },
    ] };
    const buffer = await toDocx("Titel\u0001 mit\u0000 Steuerzeichen", hostile as never, {
      subtitle: "Gremium\u0007",
      annotations: {
        threads: [{ from: 1, to: 8, resolved: false, comments: [{ author: "A\u0003utor\u202E", date: new Date(), paragraphs: ["Text\u0005 \u202Egnp.exe"] }] }],
        suggestions: [{ kind: "replace", from: 9, to: 16, author: "B\u0001", date: new Date(), insert: [text("neu\u0002\u200F")] as never }],
      },
    });
    const zip = await JSZip.loadAsync(buffer);
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith(".xml"))) {
      const xml = await zip.file(name)!.async("string");
      expect(xml, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    }
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("Steuer</w:t>");
    expect(xml).toContain("<w:del ");
    expect(xml).toContain("<w:ins ");
    expect(await zip.file("word/comments.xml")!.async("string")).toContain("Text \u202Egnp.exe");
    expect(xml).toContain("@Peter");
    expect(await zip.file("docProps/core.xml")!.async("string")).toContain("Titel mit Steuerzeichen");
  });
});
