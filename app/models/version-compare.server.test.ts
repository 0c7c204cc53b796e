// The bounded version comparison: exact word differences on small examples, whole blocks for
// inserted, deleted and rewritten paragraphs, and two ~4,000-word versions that differ a lot give a
// correct (block-level) result instead of an unbounded word diff. Results only, never timings.
import { describe, expect, it } from "vitest";
import type { JsonNode } from "../editor/content.ts";
import { compareBlocks, compareContents, COMPARE_LIMITS, type DiffPart } from "./version-compare.server.ts";

const doc = (...paragraphs: string[]): JsonNode => ({ type: "doc", content: paragraphs.map((t) => ({ type: "paragraph", content: [{ type: "text", text: t }] })) });
const texts = (parts: DiffPart[], kind: DiffPart["kind"]) => parts.filter((p) => p.kind === kind).map((p) => p.text.trim());
/** What the old side reads (same + deleted) and what the new side reads (same + inserted). */
const sides = (parts: DiffPart[]) => ({
  before: parts.filter((p) => p.kind !== "insert").map((p) => p.text).join(""),
  after: parts.filter((p) => p.kind !== "delete").map((p) => p.text).join(""),
});
/** Without the wall-clock guard, so the outcome depends on the input alone. */
const deterministic = { ...COMPARE_LIMITS, timeoutMs: Number.POSITIVE_INFINITY };

let seed = 11;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const vocabulary = Array.from({ length: 400 }, (_, i) => `Wort${i}`);
const words = (n: number) => Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]);

describe("compareContents", () => {
  it("shows exactly the changed words", () => {
    const added = compareContents(doc("Die Länder fördern MINT."), doc("Die Länder fördern MINT verlässlich."));
    expect(added.complete).toBe(true);
    expect(texts(added.parts, "insert")).toEqual(["verlässlich"]);
    expect(texts(added.parts, "delete")).toEqual([]);
    const removed = compareContents(doc("Wir fordern zwei Stellen pro Land."), doc("Wir fordern Stellen pro Land."));
    expect(texts(removed.parts, "delete")).toEqual(["zwei"]);
    expect(removed.parts).toEqual([
      { kind: "same", text: "Wir fordern " },
      { kind: "delete", text: "zwei " },
      { kind: "same", text: "Stellen pro Land." },
    ]);
  });

  it("aligns blocks first: an inserted or deleted paragraph is one part, the others are unchanged", () => {
    const { parts, complete } = compareContents(doc("Eins.", "Zwei.", "Drei."), doc("Eins.", "Neu dazu.", "Zwei."));
    expect(complete).toBe(true);
    expect(parts).toEqual([
      { kind: "same", text: "Eins." },
      { kind: "insert", text: "\n\nNeu dazu." },
      { kind: "same", text: "\n\nZwei." },
      { kind: "delete", text: "\n\nDrei." },
    ]);
  });

  it("shows a rewritten paragraph whole (old, then new) rather than a confetti of words", () => {
    const { parts, complete } = compareContents(doc("Ausgangslage.", "Alpha Beta Gamma Delta."), doc("Ausgangslage.", "Ganz andere Worte hier."));
    expect(complete).toBe(true);
    expect(texts(parts, "delete")).toEqual(["Alpha Beta Gamma Delta."]);
    expect(texts(parts, "insert")).toEqual(["Ganz andere Worte hier."]);
  });

  it("compares two 4,000-word versions edited throughout, word by word within the budget", () => {
    const before = Array.from({ length: 40 }, () => words(100));
    const after = before.map((p) => p.map((w) => (random() < 0.1 ? vocabulary[Math.floor(random() * vocabulary.length)] : w)));
    const a = before.map((p) => p.join(" "));
    const b = after.map((p) => p.join(" "));
    const result = compareBlocks(a, b, deterministic);
    expect(result.complete).toBe(true);
    expect(sides(result.parts)).toEqual({ before: a.join("\n\n"), after: b.join("\n\n") });
    // Word level: no changed part is a whole paragraph.
    expect(Math.max(...result.parts.filter((p) => p.kind !== "same").map((p) => p.text.length))).toBeLessThan(200);
  });

  it("gives up on words for two 4,000-word versions that differ a lot, and still shows both in full", () => {
    // The same words in another order: they pass the similarity check, but the edit distance is huge.
    const paper = words(4000);
    const shuffled = [...paper].sort(() => random() - 0.5);
    for (const limits of [deterministic, COMPARE_LIMITS]) {
      const result = compareBlocks([paper.join(" ")], [shuffled.join(" ")], limits);
      expect(result.complete).toBe(false);
      expect(result.parts).toEqual([
        { kind: "delete", text: paper.join(" ") },
        { kind: "insert", text: `\n\n${shuffled.join(" ")}` },
      ]);
    }
  });

  it("stays correct when the budget is spent part way", () => {
    const a = ["Eins zwei drei vier.", "Fünf sechs sieben acht.", "Neun zehn elf zwölf."];
    const b = ["Eins zwei DREI vier.", "Fünf sechs SIEBEN acht.", "Neun zehn ELF zwölf."];
    const result = compareBlocks(a, b, { ...deterministic, wordBudget: 30 });
    expect(result.complete).toBe(false);
    expect(sides(result.parts)).toEqual({ before: a.join("\n\n"), after: b.join("\n\n") });
    expect(texts(result.parts, "insert")[0]).toBe("DREI"); // the first pair still fit
  });
});
