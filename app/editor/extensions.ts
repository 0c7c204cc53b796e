// The one Tiptap extension list. The browser editor, the server's validation, the server-side
// renderer and the exports all build on it, so what can be typed is exactly what is stored and shown.
import type { AnyExtension } from "@tiptap/core";
import Mention from "@tiptap/extension-mention";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import type { SuggestionOptions } from "@tiptap/suggestion";

/** Only these link targets survive validation and rendering. */
export const ALLOWED_LINK_PROTOCOLS = ["http", "https", "mailto"] as const;
export const LINK_REL = "noopener nofollow ugc";

export function isAllowedHref(href: unknown): href is string {
  if (typeof href !== "string" || href.length > 2000) return false;
  try {
    const url = new URL(href);
    return ALLOWED_LINK_PROTOCOLS.some((p) => url.protocol === `${p}:`);
  } catch {
    return false;
  }
}

type Options = {
  /** Collaboration brings its own history; the local undo stack must then be off. */
  collaborative?: boolean;
  /** Position papers have tables; forum posts do not. */
  tables?: boolean;
  /** The browser editor's @mention autocomplete; the schema is the same without it. */
  mentionSuggestion?: Omit<SuggestionOptions, "editor">;
};

export function editorExtensions({ collaborative = false, tables = false, mentionSuggestion }: Options = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      codeBlock: false,
      code: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      undoRedo: collaborative ? false : undefined,
      link: {
        openOnClick: false,
        autolink: true,
        isAllowedUri: (url) => isAllowedHref(url),
        HTMLAttributes: { rel: LINK_REL, target: null },
      },
    }),
    Mention.configure({
      HTMLAttributes: { class: "mention" },
      renderText: ({ node }) => `@${node.attrs.label ?? node.attrs.id}`,
      ...(mentionSuggestion ? { suggestion: mentionSuggestion } : {}),
    }),
    ...(tables ? [TableKit.configure({ table: { resizable: false } })] : []),
  ];
}
