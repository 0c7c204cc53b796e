// Sending a suggestion made in the editor: anchors with the kind's assoc (suggestion-anchors.ts),
// the quoted words with their context, the proposal as text and as inline JSON. Answers the new
// suggestion's id, or the German error to show. `withdrawSuggestion` takes one back (Strg+Z).
import type { EditorState } from "@tiptap/pm/state";
import { anchorText } from "../editor/anchors.ts";
import { bindingOf } from "../editor/caret-sync.ts";
import type { Pending } from "../editor/suggest-mode.ts";
import { suggestionAnchor } from "../editor/suggestion-anchors.ts";
import { m } from "../i18n/messages.ts";

type Sent = { id: string; error: null } | { id: null; error: string };

export async function proposeSuggestion(documentId: string, p: Pending, state: EditorState): Promise<Sent> {
  const binding = bindingOf(state);
  if (!binding) return { id: null, error: m.suggestions.saveFailed };
  const anchor = suggestionAnchor(binding.type, binding.mapping, p.kind, p.from, p.to);
  const context = anchorText(state.doc, p.from, p.to);
  const fields = {
    intent: "create", kind: p.kind, ...anchor,
    quote: p.kind === "insert" ? "" : context.quote, prefix: context.prefix, suffix: context.suffix,
    text: p.text, insertJson: p.kind === "delete" ? "" : JSON.stringify(p.nodes),
  };
  return post(documentId, fields, m.suggestions.saveFailed);
}

/** Withdraws one of this person's suggestions (Strg+Z after it was sent). */
export async function withdrawSuggestion(documentId: string, suggestionId: string): Promise<Sent> {
  return post(documentId, { intent: "withdraw", suggestionId }, m.suggestions.errors.failed);
}

async function post(documentId: string, fields: Record<string, string>, failed: string): Promise<Sent> {
  try {
    const res = await fetch(`/documents/${documentId}/suggestions`, { method: "POST", body: new URLSearchParams(fields), headers: { Accept: "application/json" } });
    const body = (await res.json().catch(() => ({}))) as { id?: string; error?: string };
    return res.ok ? { id: body.id ?? fields.suggestionId ?? "", error: null } : { id: null, error: body.error ?? failed };
  } catch {
    return { id: null, error: failed };
  }
}
