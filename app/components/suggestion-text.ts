// One sentence for a suggestion ("„a“ ersetzen durch „b“"), shared by the sidebar cards and the status page.
import { m } from "../i18n/messages.ts";

export function describeSuggestion(s: { kind: string; quote: string; text: string }) {
  const t = m.suggestions;
  if (s.kind === "insert") return t.inserts(s.text);
  if (s.kind === "delete") return t.deletes(s.quote);
  return t.replaces(s.quote, s.text);
}
