// Who wrote a comment or a change in Word. Word authors are names, not accounts: an imported
// comment's body starts with the line "Aus Word von <Name>" for readers (the importing person is
// the row's author), and the name is stored beside it (CommentWordAuthor), which only the import
// writes. The export trusts that row, never the line, and leaves the line out, so a paper that goes
// Word → Länderforum → Word keeps its Word authors without writing the line twice.
import { plainTextToJson, type JsonNode } from "../editor/content.ts";
import { cleanLine } from "../domain/text.ts";
import { m } from "../i18n/messages.ts";

/** The comment body for a Word comment (or the first post of a Word change) by `author`. */
export function wordAuthorBody(author: string, text: string, maxChars: number) {
  const name = cleanLine(author).trim() || "?";
  const line = `${m.docx.wordAuthorPrefix}${name}`;
  const body = text.slice(0, Math.max(0, maxChars - line.length - 2));
  const plain = body ? `${line}\n\n${body}` : line;
  return { json: plainTextToJson(plain), text: plain, name };
}

/**
 * A stored comment body as paragraphs for the export; for an imported comment (`wordAuthor`, from
 * CommentWordAuthor) without the "Aus Word von" line the import put first.
 */
export function readAttribution(bodyJson: string, wordAuthor: string | null = null): { wordAuthor: string | null; paragraphs: string[] } {
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
  if (wordAuthor !== null && (paragraphs[0] ?? "").startsWith(m.docx.wordAuthorPrefix)) return { wordAuthor, paragraphs: paragraphs.slice(1) };
  return { wordAuthor, paragraphs };
}
