// The quote fallback for comment anchors: finds the quote again, prefers the occurrence whose
// context agrees, and gives up rather than jump to the same words in another context.
import { describe, expect, it } from "vitest";
import { anchorText, findText } from "./anchors.ts";
import { reanchorByQuote } from "./anchors-fallback.ts";
import { richTextSchema } from "./content.ts";

const schema = richTextSchema("document");
const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const docOf = (...blocks: object[]) => schema.nodeFromJSON({ type: "doc", content: blocks });

describe("reanchorByQuote", () => {
  it("finds the quote and returns exactly its range", () => {
    const doc = docOf(paragraph("Die Länder fördern MINT."), paragraph("Wir fordern zwei Stellen pro Land."));
    const range = reanchorByQuote(doc, { quote: "zwei Stellen", prefix: "Wir fordern ", suffix: " pro Land." })!;
    expect(doc.textBetween(range.from, range.to)).toBe("zwei Stellen");
  });

  it("round-trips what anchorText stored, across block boundaries and hard breaks", () => {
    const doc = docOf(
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Ausgangslage" }] },
      { type: "paragraph", content: [{ type: "text", text: "Erste Zeile" }, { type: "hardBreak" }, { type: "text", text: "zweite Zeile" }] },
    );
    const start = findText(doc, "lage")!.from;
    const end = findText(doc, "zweite")!.to;
    const stored = anchorText(doc, start, end);
    expect(stored.quote).toBe("lage Erste Zeile zweite");
    expect(reanchorByQuote(doc, stored)).toEqual({ from: start, to: end });
  });

  it("chooses the occurrence whose context agrees", () => {
    const doc = docOf(paragraph("Erstens: Die Länder fördern MINT."), paragraph("Zweitens: Die Länder fördern Sport."));
    const second = findText(doc, "Zweitens: Die Länder")!;
    const stored = anchorText(doc, second.from + "Zweitens: ".length, second.to);
    expect(stored.quote).toBe("Die Länder");
    const range = reanchorByQuote(doc, stored)!;
    expect(range.from).toBe(second.from + "Zweitens: ".length);
  });

  it("gives up when the quote is gone, or only found in a different context", () => {
    const doc = docOf(paragraph("Die Länder fördern MINT."), paragraph("Ganz anderer Text: fördern MINT sonst."));
    expect(reanchorByQuote(doc, { quote: "zwei Stellen", prefix: "Wir fordern ", suffix: " pro Land." })).toBeNull();
    expect(reanchorByQuote(doc, { quote: "fördern MINT", prefix: "Unbekannter Vorlauf ", suffix: " Nachlauf, fremd" })).toBeNull();
    expect(reanchorByQuote(doc, { quote: "", prefix: "", suffix: "" })).toBeNull();
    // Without stored context (a quote that spanned the whole paper) any occurrence will do.
    expect(reanchorByQuote(doc, { quote: "fördern MINT", prefix: "", suffix: "" })).not.toBeNull();
  });
});
