// The Unicode cleaners and the form helpers that apply them (app/domain/text.ts, schemas.ts).
import { describe, expect, it } from "vitest";
import { NewThreadSchema, SearchSchema } from "../forms/forum-schemas.ts";
import { ProfileNameSchema } from "../forms/schemas.ts";
import { cleanLine, cleanText } from "./text.ts";

describe("cleanText (bodies)", () => {
  it("keeps tab and line feed, turns CR/CRLF into LF, drops other C0, DEL and XML noncharacters, normalises to NFC", () => {
    expect(cleanText("a\tb\r\nc\rd\u0000e\u0001f\u001Fg\u007Fh\uFFFEi\uFFFF")).toBe("a\tb\nc\nd" + "efghi");
    expect(cleanText("U\u0308")).toBe("Ü");
    expect(cleanText("rechts\u202Elinks \u{1F469}\u200D\u{1F52C}")).toBe("rechts\u202Elinks \u{1F469}\u200D\u{1F52C}"); // bodies keep bidi and ZWJ
    expect(cleanText("lone \uD800 surrogate \uDC00")).toBe("lone  surrogate ");
  });
});

describe("cleanLine (titles, names, search)", () => {
  it("also drops bidi controls and zero-width characters, and makes line breaks spaces", () => {
    const all = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C\u200B\u200C\u200D\u2060\uFEFF";
    expect(cleanLine(`exe${all}.png`)).toBe("exe.png");
    expect(cleanLine("Zeile\neins\tzwei\u0001")).toBe("Zeile eins zwei");
  });
});

describe("form helpers apply them", () => {
  it("a title is cleaned before its length and emptiness are checked", () => {
    const ok = NewThreadSchema.safeParse({ title: "Ti\u202Etel\u0001", body: "x", kind: "discussion" });
    expect(ok.success && ok.data.title).toBe("Titel");
    expect(NewThreadSchema.safeParse({ title: "\u200B\u202E", body: "x", kind: "discussion" }).success).toBe(false);
    const exact = NewThreadSchema.safeParse({ title: "a".repeat(200) + "\u200B".repeat(50), body: "x", kind: "discussion" });
    expect(exact.success).toBe(true);
  });

  it("names and search text too; the body keeps its lines", () => {
    const name = ProfileNameSchema.safeParse({ intent: "name", name: "\u202EAnna\u0007 Muster" });
    expect(name.success && name.data.name).toBe("Anna Muster");
    const q = SearchSchema.safeParse({ q: "Ma\u200Bker\u0000space" });
    expect(q.success && q.data.q).toBe("Makerspace");
    const body = NewThreadSchema.safeParse({ title: "T", body: "eins\u0002\nzwei", kind: "discussion" });
    expect(body.success && body.data.body).toBe("eins\nzwei");
  });
});
