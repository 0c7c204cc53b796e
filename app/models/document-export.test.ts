// Markdown export and export file names: emphasis that Markdown renders, and the date in Germany.
import { describe, expect, it } from "vitest";
import type { JsonNode } from "../editor/content.ts";
import { exportDay, exportFileName, toMarkdown } from "./document-export.server.ts";

const text = (t: string, marks?: JsonNode["marks"]): JsonNode => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const doc = (...content: JsonNode[]): JsonNode => ({ type: "doc", content: [{ type: "paragraph", content }] });
const body = (markdown: string) => markdown.split("\n").filter((l) => l && !l.startsWith("#")).join("\n");

describe("Markdown emphasis", () => {
  it("puts the whitespace of a bold or italic text node outside the markers", () => {
    const md = toMarkdown("Titel", doc(text("fett ", [{ type: "bold" }]), text("und "), text(" kursiv", [{ type: "italic" }])));
    expect(body(md)).toBe("**fett** und  *kursiv*");
  });

  it("keeps a link's surrounding spaces outside the brackets, and a mark on spaces only adds nothing", () => {
    const md = toMarkdown("Titel", doc(text("Siehe"), text(" Seite ", [{ type: "link", attrs: { href: "https://example.org/a" } }]), text("und"), text("   ", [{ type: "bold" }]), text("Ende")));
    expect(body(md)).toBe("Siehe [Seite](https://example.org/a) und   Ende");
  });

  it("bold and italic together, with a trailing space", () => {
    const md = toMarkdown("Titel", doc(text("beides ", [{ type: "bold" }, { type: "italic" }]), text("danach")));
    expect(body(md)).toBe("***beides*** danach");
  });
});

describe("export file names", () => {
  it("use the calendar day in Germany: 23:30 UTC on 31 December is already 1 January", () => {
    expect(exportDay(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(exportDay(new Date("2026-12-31T22:59:00Z"))).toBe("2026-12-31");
    // Summer time: UTC+2.
    expect(exportDay(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    expect(exportFileName("Positionspapier MINT", new Date("2026-12-31T23:30:00Z"))).toBe("Positionspapier-MINT-2027-01-01");
  });

  it("give the DOCX with comments its own name", () => {
    const at = new Date("2026-03-01T10:00:00Z");
    expect(exportFileName("Papier", at, { withComments: true })).toBe("Papier-2026-03-01-mit-Kommentaren");
    expect(exportFileName("Papier", at, { withComments: true })).not.toBe(exportFileName("Papier", at));
    expect(exportFileName("«»//", at)).toBe("positionspapier-2026-03-01");
  });
});
