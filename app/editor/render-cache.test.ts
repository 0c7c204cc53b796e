// The server's rich-text markup cache must produce exactly what rendering without it produces
// (the browser hydrates against it), hit on the same post and edit time, and miss when the
// mentioned people's names or the edit time change.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { createRichTextCache } from "./render-cache.server.ts";
import { RichText, RichTextCacheContext, type MentionNames } from "./render.tsx";

const doc = JSON.stringify({
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Überschrift" }] },
    { type: "paragraph", content: [
      { type: "text", text: "Hallo " },
      { type: "mention", attrs: { id: "u1", label: "alt" } },
      { type: "text", text: " und " },
      { type: "text", text: "fett", marks: [{ type: "bold" }] },
      { type: "text", text: " mit Link", marks: [{ type: "link", attrs: { href: "https://example.org/" } }] },
      { type: "text", text: " und böser Link", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
      { type: "text", text: " <script>" },
    ] },
    { type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", attrs: { colspan: 2 }, content: [{ type: "paragraph", content: [{ type: "text", text: "Zelle" }] }] }] }] },
  ],
});

const render = (names: MentionNames, cache: ReturnType<typeof createRichTextCache> | null, cacheKey?: string) =>
  renderToString(createElement(RichTextCacheContext.Provider, { value: cache }, createElement(RichText, { json: doc, names, cacheKey })));

describe("rich-text markup cache", () => {
  it("renders exactly the uncached markup, from the cache on the second call", () => {
    const names = { u1: "Tobias Brandl" };
    const plain = render(names, null);
    expect(plain.replaceAll("<!-- -->", "")).toContain("@Tobias Brandl");
    expect(plain).not.toContain("javascript:");
    expect(plain).not.toContain("<script>");
    const cache = createRichTextCache();
    expect(render(names, cache, "p1:2026-01-01")).toBe(plain);
    expect(cache.size()).toBe(1);
    expect(render({ u1: "Tobias Brandl" }, cache, "p1:2026-01-01")).toBe(plain);
    expect(cache.size()).toBe(1);
  });

  it("misses when a mentioned name or the edit time changes, and stays bounded", () => {
    const cache = createRichTextCache(2);
    render({ u1: "A" }, cache, "p1:t1");
    expect(render({ u1: "B" }, cache, "p1:t1")).toContain("@<!-- -->B");
    expect(render({ u1: "B" }, cache, "p1:t2")).toContain("@<!-- -->B");
    expect(cache.size()).toBe(2);
  });

  it("renders nothing for a body that is not JSON, with or without the cache", () => {
    const broken = (cache: ReturnType<typeof createRichTextCache> | null) =>
      renderToString(createElement(RichTextCacheContext.Provider, { value: cache }, createElement(RichText, { json: "{kaputt", cacheKey: "x" })));
    expect(broken(null)).toBe("");
    expect(broken(createRichTextCache())).toBe("");
  });
});
