// The suggestion cards beside the paper (decision 025): open suggestions in document order, each with
// its author, time, what it proposes, its reply thread and the actions this person may take (accept
// and reject for editors, withdraw for the author). A card whose words are gone says "veraltet" and
// shows the original context. Keyboard: cards are in the tab order; Strg+Alt+A accepts and
// Strg+Alt+R rejects the focused card. The list reloads on the "suggestions" document event.
import type { Editor } from "@tiptap/react";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { resolvedSuggestions, setActiveSuggestion, setShownSuggestions, suggestModeKey, type ShownSuggestion } from "../editor/suggest-mode.ts";
import { m } from "../i18n/messages.ts";
import type { SuggestionView } from "../routes/documents.$id.suggestions.ts";
import { DOCUMENT_EVENT } from "./comment-sidebar.tsx";
import { describeSuggestion } from "./suggestion-text.ts";

type ListData = { suggestions: SuggestionView[]; canSuggest: boolean; canDecide: boolean };

const t = m.suggestions;

async function postSuggestion(documentId: string, fields: Record<string, string>) {
  const res = await fetch(`/documents/${documentId}/suggestions`, { method: "POST", body: new URLSearchParams(fields), headers: { Accept: "application/json" } });
  const body = (await res.json().catch(() => ({}))) as { ok?: boolean; error?: string | null; message?: string | null };
  return { ok: res.ok && body.ok !== false, error: body.error ?? (res.ok ? null : t.errors.failed), message: body.message ?? null };
}

/** Loads the list and keeps it current; also hands the open rows to the editor's decorations. */
export function useSuggestions(documentId: string, editor: Editor | null) {
  const [data, setData] = useState<ListData | null>(null);
  const load = useCallback(async () => {
    const res = await fetch(`/documents/${documentId}/suggestions`, { headers: { Accept: "application/json" } });
    if (res.ok) setData((await res.json()) as ListData);
  }, [documentId]);
  useEffect(() => {
    void load();
    const onEvent = (e: Event) => {
      const detail = (e as CustomEvent<{ documentId: string; event: string }>).detail;
      if (detail?.documentId === documentId && (detail.event === "suggestions" || detail.event === "status" || detail.event === "comments")) void load();
    };
    window.addEventListener(DOCUMENT_EVENT, onEvent);
    return () => window.removeEventListener(DOCUMENT_EVENT, onEvent);
  }, [documentId, load]);
  useEffect(() => {
    if (!editor || editor.isDestroyed || !data) return;
    const rows: ShownSuggestion[] = data.suggestions.filter((s) => s.status === "open");
    setShownSuggestions(editor.view, rows);
  }, [editor, data]);
  return { data, reload: load };
}

export function SuggestionSidebar({ documentId, editor, data, reload }: { documentId: string; editor: Editor; data: ListData | null; reload: () => Promise<void> }) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  // Re-render when the plugin re-resolves (document or rows changed), to order cards and mark stale ones.
  const [, setTick] = useState(0);
  useEffect(() => {
    const onTx = () => setTick((n) => n + 1);
    editor.on("transaction", onTx);
    return () => void editor.off("transaction", onTx);
  }, [editor]);

  const open = useMemo(() => (data?.suggestions ?? []).filter((s) => s.status === "open"), [data]);
  const resolved = editor.isDestroyed ? [] : resolvedSuggestions(editor.state);
  const rows = suggestModeKey.getState(editor.state)?.rows ?? [];
  const where = new Map(rows.map((r, i) => [r.id, resolved[i]]));
  const ordered = [...open].sort((a, b) => {
    const ra = where.get(a.id);
    const rb = where.get(b.id);
    const pa = !ra || ra.stale ? Number.MAX_SAFE_INTEGER : ra.from;
    const pb = !rb || rb.stale ? Number.MAX_SAFE_INTEGER : rb.from;
    return pa - pb || a.createdAt.localeCompare(b.createdAt);
  });
  const authors = [...new Map(open.map((s) => [s.authorId, s.author])).entries()];

  // A decided card leaves the list; whoever decided it from inside the card (keyboard or button) keeps
  // their place: focus goes to the card now at its position, else the last card, else the heading.
  // Without this the focus fell to <body> and a keyboard user started over at the top of the page.
  const listRef = useRef<HTMLOListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const refocus = useRef<{ id: string; index: number } | null>(null);
  useEffect(() => {
    const wanted = refocus.current;
    const list = listRef.current;
    if (!wanted || !list) return;
    const remaining = [...list.querySelectorAll<HTMLElement>("article.suggestion-card")];
    // The list may reload for other reasons first (a "suggestions" event); wait until the card is gone.
    if (remaining.some((el) => el.dataset.suggestionId === wanted.id)) return;
    refocus.current = null;
    (remaining[Math.min(wanted.index, remaining.length - 1)] ?? headingRef.current)?.focus();
  }, [data]);

  const act = async (fields: Record<string, string>, fromCard?: string) => {
    if (fromCard && listRef.current?.contains(document.activeElement)) refocus.current = { id: fromCard, index: ordered.findIndex((s) => s.id === fromCard) };
    const result = await postSuggestion(documentId, fields);
    setMessage(result.ok ? (result.message ? { text: result.message, error: false } : null) : { text: result.error ?? t.errors.failed, error: true });
    if (!result.ok) refocus.current = null;
    await reload();
  };

  const onCardKey = (s: SuggestionView) => (event: KeyboardEvent) => {
    if (!(event.ctrlKey && event.altKey)) return;
    const key = event.key.toLowerCase();
    if (key === "a" && s.canDecide) {
      event.preventDefault();
      void act({ intent: "accept", suggestionId: s.id }, s.id);
    } else if (key === "r" && s.canDecide) {
      event.preventDefault();
      void act({ intent: "reject", suggestionId: s.id }, s.id);
    }
  };

  return (
    <section className="suggestion-sidebar" aria-labelledby="suggestions-heading" data-loaded={data ? "true" : "false"}>
      <h2 id="suggestions-heading" ref={headingRef} tabIndex={-1}>{t.heading} <span className="muted">({open.length})</span></h2>
      <p role="status" className={message?.error ? "alert alert-error" : message ? "alert alert-info" : "visually-hidden"}>{message?.text ?? ""}</p>
      {data?.canDecide && open.length ? (
        <div className="inline-form suggestion-bulk">
          <button type="button" className="button small" onClick={() => void act({ intent: "accept-all" })}>{t.acceptAll}</button>
          <button type="button" className="button small secondary" onClick={() => void act({ intent: "reject-all" })}>{t.rejectAll}</button>
          {authors.length > 1 ? authors.map(([id, name]) => (
            <button key={id} type="button" className="button small secondary" onClick={() => void act({ intent: "accept-all", authorId: id })}>{t.acceptAllOf(name)}</button>
          )) : null}
        </div>
      ) : null}
      {!open.length ? <p className="muted">{t.none}</p> : null}
      <ol className="suggestion-cards" ref={listRef}>
        {ordered.map((s) => {
          const r = where.get(s.id);
          const stale = Boolean(r?.stale);
          return (
            <li key={s.id}>
              <article
                className={`suggestion-card${stale ? " suggestion-stale" : ""}`}
                tabIndex={0}
                aria-label={t.cardLabel(t.kind[s.kind], s.author)}
                aria-keyshortcuts={s.canDecide ? "Control+Alt+A Control+Alt+R" : undefined}
                data-suggestion-id={s.id}
                style={{ ["--suggest-color" as string]: s.authorColor }}
                onKeyDown={onCardKey(s)}
                onFocus={() => setActiveSuggestion(editor.view, s.id)}
                onBlur={() => setActiveSuggestion(editor.view, null)}
              >
                <p className="suggestion-meta">
                  <span className="suggestion-swatch" aria-hidden="true" />
                  <strong>{s.author}</strong> · <time dateTime={s.createdAt}>{m.format.dateTime(s.createdAt)}</time>
                  {stale ? <> · <strong className="badge warn">{t.stale}</strong></> : null}
                </p>
                <p className="suggestion-what">{describeSuggestion(s)}</p>
                {stale ? (
                  <p className="suggestion-context"><span className="hint">{t.staleHint}</span> „{s.prefix}<mark>{s.quote}</mark>{s.suffix}“</p>
                ) : null}
                {s.replies.length ? (
                  <ul className="suggestion-replies" aria-label={t.replies}>
                    {s.replies.map((c) => <li key={c.id}><strong>{c.author}:</strong> {c.text ?? m.review.deleted}</li>)}
                  </ul>
                ) : null}
                <div className="inline-form">
                  {s.canDecide ? (
                    <>
                      <button type="button" className="button small" title={t.acceptShortcut} aria-keyshortcuts="Control+Alt+A" onClick={() => void act({ intent: "accept", suggestionId: s.id }, s.id)}>{t.accept}</button>
                      <button type="button" className="button small secondary" title={t.rejectShortcut} aria-keyshortcuts="Control+Alt+R" onClick={() => void act({ intent: "reject", suggestionId: s.id }, s.id)}>{t.reject}</button>
                    </>
                  ) : null}
                  {s.canWithdraw ? <button type="button" className="button small secondary" onClick={() => void act({ intent: "withdraw", suggestionId: s.id }, s.id)}>{t.withdraw}</button> : null}
                </div>
                {s.canReply ? <ReplyForm documentId={documentId} threadId={s.threadId} onDone={reload} /> : null}
              </article>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function ReplyForm({ documentId, threadId, onDone }: { documentId: string; threadId: string; onDone: () => Promise<void> }) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = `suggestion-reply-${threadId}`;
  const send = async () => {
    const res = await fetch(`/documents/${documentId}/comments`, { method: "POST", body: new URLSearchParams({ intent: "reply", threadId, body }) });
    const answer = (await res.json().catch(() => ({}))) as { error?: string | null };
    if (!res.ok) return setError(answer.error ?? t.errors.failed);
    setBody("");
    setError(null);
    await onDone();
  };
  return (
    <form className="suggestion-reply" onSubmit={(e) => { e.preventDefault(); void send(); }}>
      <label htmlFor={id} className="visually-hidden">{m.review.replyLabel}</label>
      <textarea id={id} rows={1} value={body} onChange={(e) => setBody(e.target.value)} placeholder={m.review.replyLabel} />
      {error ? <p className="field-errors" role="alert">{error}</p> : null}
      <button type="submit" className="button small secondary" disabled={!body.trim()}>{m.review.reply}</button>
    </form>
  );
}

/** The list and its cards for one open editor (readers see them too, without actions). */
export function SuggestionPanel({ documentId, editor }: { documentId: string; editor: Editor }) {
  const { data, reload } = useSuggestions(documentId, editor);
  return <SuggestionSidebar documentId={documentId} editor={editor} data={data} reload={reload} />;
}
