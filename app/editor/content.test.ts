import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { parsePostBody } from "../models/forum.server.ts";
import { jsonToPlainText, mentionedIds, parseRichText, plainTextToJson } from "./content.ts";
import { RichText } from "./render.tsx";

const LIMITS = { maxJsonBytes: 10_000, maxTextChars: 2_000, maxDepth: 12 };
const doc = (...content: unknown[]) => JSON.stringify({ type: "doc", content });
const para = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (t: string, marks?: unknown[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const html = (json: string) => renderToStaticMarkup(createElement(RichText, { json }));

describe("rich text validation", () => {
  it("accepts the editor's nodes and marks and derives plain text", () => {
    const result = parseRichText(doc({ type: "heading", attrs: { level: 2 }, content: [text("Ziele")] }, para(text("fett", [{ type: "bold" }]), text(" und kursiv", [{ type: "italic" }]))), "post", LIMITS);
    expect(result.ok && result.text).toBe("Ziele\nfett und kursiv");
  });

  it("refuses unknown node types, unknown marks and malformed JSON", () => {
    expect(parseRichText(doc({ type: "script", content: [text("x")] }), "post", LIMITS)).toEqual({ ok: false, error: "invalid" });
    expect(parseRichText(doc(para(text("x", [{ type: "onclick" }]))), "post", LIMITS)).toEqual({ ok: false, error: "invalid" });
    expect(parseRichText('{"type":"doc","content":[', "post", LIMITS)).toEqual({ ok: false, error: "invalid" });
    expect(parseRichText(JSON.stringify({ type: "paragraph" }), "post", LIMITS)).toEqual({ ok: false, error: "invalid" });
  });

  it("refuses tables in forum posts but accepts them in documents", () => {
    const table = { type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", content: [para(text("A"))] }] }] };
    expect(parseRichText(doc(table), "post", LIMITS).ok).toBe(false);
    expect(parseRichText(doc(table), "document", LIMITS).ok).toBe(true);
  });

  it("enforces size, depth and emptiness", () => {
    expect(parseRichText(doc(para(text("x".repeat(20_000)))), "post", LIMITS)).toEqual({ ok: false, error: "too-large" });
    let deep: unknown = para(text("tief"));
    for (let i = 0; i < 20; i++) deep = { type: "blockquote", content: [deep] };
    expect(parseRichText(doc(deep), "post", LIMITS)).toEqual({ ok: false, error: "too-deep" });
    expect(parseRichText(doc(para()), "post", LIMITS)).toEqual({ ok: false, error: "empty" });
  });

  it("drops javascript: and data: links but keeps http(s) and mailto", () => {
    const result = parseRichText(doc(para(
      text("böse", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]),
      text(" daten", [{ type: "link", attrs: { href: "data:text/html,<script>x</script>" } }]),
      text(" gut", [{ type: "link", attrs: { href: "https://www.mint-regionen.de", onclick: "x" } }]),
      text(" post", [{ type: "link", attrs: { href: "mailto:info@example.org" } }]),
    )), "post", LIMITS);
    if (!result.ok) throw new Error("expected valid");
    const out = html(result.json);
    expect(out).not.toContain("javascript:");
    expect(out).not.toContain("data:");
    expect(out).not.toContain("onclick");
    expect(out).toContain('<a href="https://www.mint-regionen.de" rel="noopener nofollow ugc"> gut</a>');
    expect(out).toContain('href="mailto:info@example.org"');
  });

  it("collects mentioned user ids", () => {
    const json = JSON.parse(doc(para(text("Hallo "), { type: "mention", attrs: { id: "u1", label: "Anna" } }, { type: "mention", attrs: { id: "u2", label: "Ben" } }))) as never;
    expect(mentionedIds(json).sort()).toEqual(["u1", "u2"]);
  });
});

describe("post bodies: plain text and editor JSON", () => {
  it("keeps HTML in plain text inert", () => {
    const result = parsePostBody('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">');
    if (!result.ok) throw new Error("expected valid");
    const out = html(result.json);
    expect(out).not.toMatch(/<script|<img/);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("treats JSON as editor JSON and text starting with { as text", () => {
    expect(parsePostBody(doc({ type: "iframe" }))).toEqual({ ok: false, error: "invalid" });
    const text = parsePostBody("{ kein JSON, sondern eine Klammer }");
    expect(text.ok && text.text).toBe("{ kein JSON, sondern eine Klammer }");
  });

  it("turns blank lines into paragraphs and single newlines into line breaks", () => {
    const result = parsePostBody("Erste Zeile\nzweite Zeile\n\nNeuer Absatz");
    if (!result.ok) throw new Error("expected valid");
    expect(html(result.json)).toBe('<div class="rich-text"><p>Erste Zeile<br/>zweite Zeile</p><p>Neuer Absatz</p></div>');
  });

  it("the renderer ignores node types it does not know, even if stored", () => {
    expect(html(doc({ type: "script", text: "alert(1)" }, para(text("ok"))))).toBe('<div class="rich-text"><p>ok</p></div>');
  });
});

describe("jsonToPlainText (editing a stored comment in a textarea)", () => {
  it("gives back the text a comment was written as: paragraphs, line breaks", () => {
    const written = "Erster Absatz\nmit Umbruch.\n\nZweiter Absatz.";
    expect(jsonToPlainText(plainTextToJson(written))).toBe(written);
  });
  it("keeps mentions as @name and text inside lists", () => {
    const json = doc(para(text("Hallo "), { type: "mention", attrs: { id: "u1", label: "Eva" } }), { type: "bulletList", content: [{ type: "listItem", content: [para(text("Punkt"))] }] });
    expect(jsonToPlainText(json)).toBe("Hallo @Eva\n\nPunkt");
  });
});
