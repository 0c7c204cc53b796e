// Sending a suggestion made in the editor: anchors with the kind's assoc (suggestion-anchors.ts),
// the quoted words with their context, the proposal as text and as inline JSON. Returns the German
// error to show, or null.
import type { EditorState } from "@tiptap/pm/state";
import { anchorText } from "../editor/anchors.ts";
import { bindingOf } from "../editor/caret-sync.ts";
import type { Pending } from "../editor/suggest-mode.ts";
import { suggestionAnchor } from "../editor/suggestion-anchors.ts";
import { m } from "../i18n/messages.ts";

export async function proposeSuggestion(documentId: string, p: Pending, state: EditorState): Promise<string | null> {
  const binding = bindingOf(state);
  if (!binding) return m.suggestions.saveFailed;
  const anchor = suggestionAnchor(binding.type, binding.mapping, p.kind, p.from, p.to);
  const context = anchorText(state.doc, p.from, p.to);
  const fields = {
    intent: "create", kind: p.kind, ...anchor,
    quote: p.kind === "insert" ? "" : context.quote, prefix: context.prefix, suffix: context.suffix,
    text: p.text, insertJson: p.kind === "delete" ? "" : JSON.stringify(p.nodes),
  };
  try {
    const res = await fetch(`/documents/${documentId}/suggestions`, { method: "POST", body: new URLSearchParams(fields), headers: { Accept: "application/json" } });
    if (res.ok) return null;
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    return body.error ?? m.suggestions.saveFailed;
  } catch {
    return m.suggestions.saveFailed;
  }
}
