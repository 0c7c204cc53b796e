// The server's cache of rendered rich text (see RichText in render.tsx): markup by post id, edit
// time and the mention names it shows, bounded in entries. React renders a miss with renderToString,
// which emits exactly the markup (text separators included) that streaming rendering would, so
// hydration in the browser finds what it expects.
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import type { MentionNames, RichTextCache } from "./render.tsx";

/** About 1–3 KB each: a few MB for the hot posts of a busy forum. */
export const RICH_TEXT_CACHE_ENTRIES = 5000;

const NO_NAMES = "";
const namesKeys = new WeakMap<MentionNames, string>();

/** The names a page passes are one object for all its posts: stringify it once per page. */
function namesKey(names: MentionNames | undefined) {
  if (!names) return NO_NAMES;
  let key = namesKeys.get(names);
  if (key === undefined) {
    key = JSON.stringify(Object.entries(names).sort(([a], [b]) => (a < b ? -1 : 1)));
    namesKeys.set(names, key);
  }
  return key;
}

export function createRichTextCache(maxEntries = RICH_TEXT_CACHE_ENTRIES): RichTextCache & { size(): number } {
  // A Map keeps insertion order: re-inserting on a hit makes the first key the least recently used.
  const entries = new Map<string, string | null>();
  return {
    markup(cacheKey, names, render) {
      const key = `${cacheKey}\u0000${namesKey(names)}`;
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const node: ReactNode | null = render();
      const html = node === null ? null : renderToString(node);
      entries.set(key, html);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return html;
    },
    size: () => entries.size,
  };
}

/** The process's cache, shared by all requests. */
export const richTextCache = createRichTextCache();
