// Exports of a position paper's stored text: Markdown, and HTML with a print stylesheet (the
// browser's "print to PDF" is the PDF path). The HTML body is rendered by the same RichText
// component as the app (React elements, never raw HTML), so nothing from the document is unescaped.
// Paper text arrives as Yjs updates, never through a form's cleaner, so every export cleans what the
// paper holds (cleanJsonText, cleanLine) and is well-formed whatever was typed.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { cleanJsonText, type JsonNode } from "../editor/content.ts";
import { RichText } from "../editor/render.tsx";
import { isAllowedHref } from "../editor/extensions.ts";
import { m } from "../i18n/messages.ts";
import { cleanLine } from "../domain/text.ts";
import { storedContent } from "./document-state.server.ts";

/** The stored body (snapshot + log, validated) as ProseMirror JSON; null when the document does not exist. */
export async function storedDocumentJson(documentId: string): Promise<JsonNode | null> {
  return storedContent(documentId)?.json ?? null;
}

// ---- File names

const berlinDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day (YYYY-MM-DD) of `at` in Germany, where the users are, not in UTC. */
export function exportDay(at: Date): string {
  const parts = Object.fromEntries(berlinDay.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The export's file name without extension: title, Berlin date and, for the Word variants with comments and/or suggestions, a suffix. */
export function exportFileName(title: string, at: Date, options: { withComments?: boolean; withSuggestions?: boolean } = {}): string {
  const base = title.replace(/[^\p{L}\p{N} _-]+/gu, "").trim().replace(/\s+/g, "-").slice(0, 80) || m.exportFile.fallbackName;
  const suffix = options.withComments && options.withSuggestions ? m.docx.fileSuffix.both
    : options.withComments ? m.docx.fileSuffix.comments : options.withSuggestions ? m.docx.fileSuffix.suggestions : null;
  return `${base}-${exportDay(at)}${suffix ? `-${suffix}` : ""}`;
}

// ---- Markdown

const escapeMd = (text: string) => text.replace(/([\\`*_[\]#|<>])/g, "\\$1");

function inline(nodes: JsonNode[] | undefined): string {
  return (nodes ?? [])
    .map((n) => {
      if (n.type === "hardBreak") return "  \n";
      if (n.type === "mention") return `@${String(n.attrs?.label ?? n.attrs?.id ?? "")}`;
      if (n.type !== "text") return inline(n.content);
      // Emphasis markers must touch the text: "**fett **" is not bold in Markdown, so the
      // surrounding whitespace goes outside the markers (and outside a link's brackets).
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(n.text ?? "")!;
      if (!core) return lead + trail;
      let out = escapeMd(core);
      const marks = n.marks ?? [];
      if (marks.some((mk) => mk.type === "bold")) out = `**${out}**`;
      if (marks.some((mk) => mk.type === "italic")) out = `*${out}*`;
      const link = marks.find((mk) => mk.type === "link");
      if (link && isAllowedHref(link.attrs?.href)) out = `[${out}](${String(link.attrs!.href).replace(/[()\s]/g, encodeURIComponent)})`;
      return lead + out + trail;
    })
    .join("");
}

function block(node: JsonNode, prefix = ""): string[] {
  switch (node.type) {
    case "paragraph":
      return [prefix + inline(node.content)];
    case "heading":
      return [`${"#".repeat(Math.min(Math.max(Number(node.attrs?.level) || 2, 1), 6))} ${inline(node.content)}`];
    case "blockquote":
      return (node.content ?? []).flatMap((c, i) => [...(i ? [">"] : []), ...block(c).map((l) => `> ${l}`)]);
    case "bulletList":
    case "orderedList":
      return (node.content ?? []).flatMap((item, i) => {
        const marker = node.type === "bulletList" ? "- " : `${(Number(node.attrs?.start) || 1) + i}. `;
        const lines = (item.content ?? []).flatMap((c) => block(c));
        return lines.map((l, j) => (j ? " ".repeat(marker.length) + l : marker + l));
      });
    case "table": {
      const rows = (node.content ?? []).map((row) => (row.content ?? []).map((cell) => (cell.content ?? []).map((p) => inline(p.content)).join(" ")));
      if (!rows.length) return [];
      const width = Math.max(...rows.map((r) => r.length));
      const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? "").join(" | ")} |`;
      return [line(rows[0]), `|${" --- |".repeat(width)}`, ...rows.slice(1).map(line)];
    }
    default:
      return node.content ? node.content.flatMap((c) => block(c)) : [];
  }
}

export function toMarkdown(rawTitle: string, rawJson: JsonNode): string {
  const title = cleanLine(rawTitle);
  const json = cleanJsonText(rawJson);
  const blocks = (json.content ?? []).map((n) => block(n).join("\n")).filter((b) => b.trim() !== "");
  return [`# ${escapeMd(title)}`, ...blocks].join("\n\n") + "\n";
}

// ---- HTML

const PRINT_CSS = `
  body { font: 11pt/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { font-size: 1.25rem; margin-top: 1.6rem; } h3 { font-size: 1.1rem; }
  .meta { color: #444; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; } th, td { border: 1px solid #777; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  th { background: #eee; } blockquote { border-left: 3px solid #999; margin-left: 0; padding-left: 1rem; color: #333; }
  a { color: #1d4ed8; }
  @page { size: A4; margin: 2cm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; }
    a { color: inherit; text-decoration: none; } a[href]::after { content: " (" attr(href) ")"; font-size: .9em; }
    h2, h3 { break-after: avoid; } table, tr, blockquote { break-inside: avoid; }
  }`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function toHtml(rawTitle: string, rawJson: JsonNode, rawMeta: { space: string; status: string; at: Date }): string {
  const title = cleanLine(rawTitle);
  const json = cleanJsonText(rawJson);
  const meta = { ...rawMeta, space: cleanLine(rawMeta.space) };
  const body = renderToStaticMarkup(createElement(RichText, { json, className: "document" }));
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(meta.space)} · ${escapeHtml(meta.status)} · ${escapeHtml(m.documents.export.exportedAt(m.format.dateTime(meta.at)))}</p>
${body}
</main>
</body>
</html>
`;
}
