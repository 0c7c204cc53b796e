// Renders stored rich text on the server and in the browser from the editor schema's node types,
// as React elements: never as raw HTML. Unknown nodes render nothing; links are re-checked.
// Mentions show the mentioned person's current name from `names` (loaded by the route with
// mentionNames), not the label stored in the node, which the author's client chose.
//
// On the server, a `cacheKey` (post id + edit time) lets the page reuse the markup this same
// renderer produced earlier (app/editor/render-cache.server.ts, provided by entry.server.tsx): a
// thread page shows 50 posts that rarely change. The cached markup is React's own output for these
// elements, so the browser hydrates it exactly as if it had been rendered now.
import { createContext, Fragment, useContext, type ReactNode } from "react";
import { isAllowedHref, LINK_REL } from "./extensions.ts";
import type { JsonNode } from "./content.ts";
import { m } from "../i18n/messages.ts";

/** id → current name. Without it (previews of one's own text) the stored label is shown. */
export type MentionNames = Readonly<Record<string, string>>;

/** Server-only: markup by key. `render` runs on a miss; null means "render nothing". */
export type RichTextCache = { markup(key: string, names: MentionNames | undefined, render: () => ReactNode | null): string | null };
export const RichTextCacheContext = createContext<RichTextCache | null>(null);

export function RichText({ json, className = "rich-text", names, cacheKey }: { json: string | JsonNode; className?: string; names?: MentionNames; cacheKey?: string }) {
  const cache = useContext(RichTextCacheContext);
  if (cache && cacheKey) {
    const html = cache.markup(cacheKey, names, () => {
      const doc = parse(json);
      return doc ? renderChildren(doc, names) : null;
    });
    return html === null ? null : <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
  }
  const doc = parse(json);
  return doc ? <div className={className}>{renderChildren(doc, names)}</div> : null;
}

function parse(json: string | JsonNode): JsonNode | null {
  try {
    return typeof json === "string" ? (JSON.parse(json) as JsonNode) : json;
  } catch {
    return null;
  }
}

function renderChildren(node: JsonNode, names: MentionNames | undefined): ReactNode {
  return node.content?.map((child, i) => <Fragment key={i}>{renderNode(child, names)}</Fragment>);
}

function mentionName(node: JsonNode, names: MentionNames | undefined) {
  if (!names) return String(node.attrs?.label ?? node.attrs?.id ?? "");
  const id = typeof node.attrs?.id === "string" ? node.attrs.id : "";
  return Object.hasOwn(names, id) ? names[id] : m.common.unknownPerson;
}

function renderNode(node: JsonNode, names: MentionNames | undefined): ReactNode {
  const children = renderChildren(node, names);
  switch (node.type) {
    case "paragraph": return <p>{children}</p>;
    case "heading": {
      const level = Math.min(Math.max(Number(node.attrs?.level) || 2, 2), 4);
      return level === 2 ? <h2>{children}</h2> : level === 3 ? <h3>{children}</h3> : <h4>{children}</h4>;
    }
    case "blockquote": return <blockquote>{children}</blockquote>;
    case "bulletList": return <ul>{children}</ul>;
    case "orderedList": return <ol start={Number(node.attrs?.start) > 1 ? Number(node.attrs?.start) : undefined}>{children}</ol>;
    case "listItem": return <li>{children}</li>;
    case "hardBreak": return <br />;
    case "mention": return <span className="mention">@{mentionName(node, names)}</span>;
    case "table": return <div className="table-wrap"><table><tbody>{children}</tbody></table></div>;
    case "tableRow": return <tr>{children}</tr>;
    case "tableHeader": return <th scope="col" colSpan={span(node.attrs?.colspan)} rowSpan={span(node.attrs?.rowspan)}>{children}</th>;
    case "tableCell": return <td colSpan={span(node.attrs?.colspan)} rowSpan={span(node.attrs?.rowspan)}>{children}</td>;
    case "text": return renderText(node);
    default: return null;
  }
}

function renderText(node: JsonNode): ReactNode {
  let out: ReactNode = node.text ?? "";
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") out = <strong>{out}</strong>;
    else if (mark.type === "italic") out = <em>{out}</em>;
    else if (mark.type === "link" && isAllowedHref(mark.attrs?.href)) out = <a href={mark.attrs.href} rel={LINK_REL}>{out}</a>;
  }
  return out;
}

const span = (value: unknown) => (Number(value) > 1 ? Number(value) : undefined);
