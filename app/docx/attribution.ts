// Who wrote a comment or a change in Word. Word authors are names, not accounts, so an imported
// comment's body starts with the line "Aus Word von <Name>" (the importing person is the row's
// author). The export reads that line back, so a paper that goes Word → Länderforum → Word keeps
// its Word authors, and the line is never written twice.
import { plainTextToJson, type JsonNode } from "../editor/content.ts";
import { cleanLine } from "../domain/text.ts";
import { m } from "../i18n/messages.ts";

/** The comment body for a Word comment (or the first post of a Word change) by `author`. */
export function wordAuthorBody(author: string, text: string, maxChars: number) {
  const name = cleanLine(author).trim() || "?";
  const line = `${m.docx.wordAuthorPrefix}${name}`;
  const body = text.slice(0, Math.max(0, maxChars - line.length - 2));
  const plain = body ? `${line}\n\n${body}` : line;
  return { json: plainTextToJson(plain), text: plain };
}

/** Splits a stored comment body into the Word author (when it came from Word) and the rest. */
export function readAttribution(bodyJson: string): { wordAuthor: string | null; paragraphs: string[] } {
  let root: JsonNode;
  try {
    root = JSON.parse(bodyJson) as JsonNode;
  } catch {
    return { wordAuthor: null, paragraphs: [] };
  }
  const inline = (n: JsonNode): string =>
    n.type === "text" ? n.text ?? "" : n.type === "hardBreak" ? "\n" : n.type === "mention" ? `@${String(n.attrs?.label ?? n.attrs?.id ?? "")}` : (n.content ?? []).map(inline).join("");
  const blocks = (n: JsonNode): string[] =>
    n.content?.some((c) => c.type === "text" || c.type === "hardBreak" || c.type === "mention") || !n.content?.length ? [inline(n)] : n.content.flatMap(blocks);
  const paragraphs = blocks(root);
  const first = paragraphs[0] ?? "";
  if (first.startsWith(m.docx.wordAuthorPrefix) && !first.includes("\n")) {
    return { wordAuthor: first.slice(m.docx.wordAuthorPrefix.length).trim() || null, paragraphs: paragraphs.slice(1) };
  }
  return { wordAuthor: null, paragraphs };
}
