// Comment threads beside the live editor: highlights on the anchored words (a ProseMirror plugin
// that resolves each thread's Yjs relative positions on every change), a sidebar in document
// order with open/resolved filter, and the forms to comment, reply, edit, delete and resolve.
// On narrow screens (one column) the sidebar is a bottom sheet, opened by a bar fixed at the bottom or
// by starting a comment, so the form appears next to the selection and not thousands of pixels below.
// Works for commenters and readers too: the selection is read from the DOM, not from an edit.
// A draft holds Yjs relative positions from the moment the words are selected, so text others type
// while the comment is written moves neither the highlight nor the stored quote.
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Editor } from "@tiptap/react";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import type * as Y from "yjs";
import { reanchorByQuote } from "../editor/anchors-fallback.ts";
import { jsonToPlainText } from "../editor/content.ts";
import { anchorFromRange, anchorText, resolveAnchor, type Anchor, type Mapping } from "../editor/anchors.ts";
import { RichText } from "../editor/render.tsx";
import { m } from "../i18n/messages.ts";
import { YJS_FRAGMENT } from "../domain/collab.ts";

export type CommentThreadData = {
  id: string; anchorStart: string; anchorEnd: string; quote: string; prefix: string; suffix: string; resolved: boolean;
  createdAt: string; author: string; canResolve: boolean; canReply: boolean;
  comments: Array<{ id: string; author: string; createdAt: string; edited: boolean; deleted: boolean; bodyJson: string | null; mine: boolean }>;
};

/** Fired on window by the editor's provider when the server says comments or the status changed. */
export const DOCUMENT_EVENT = "laenderforum:document-event";

const t = m.review;
const highlightKey = new PluginKey<DecorationSet>("comment-highlights");
type Filter = "open" | "resolved" | "all";
/** Below this width the text and the sidebar share one column (app.css .document-layout). */
const NARROW_QUERY = "(max-width: 60rem)";
export const SIDEBAR_ID = "comment-sidebar";

function useNarrow() {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const query = window.matchMedia(NARROW_QUERY);
    const update = () => setNarrow(query.matches);
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return narrow;
}

/** A comment being written: its anchor, taken when the words were selected, and the words then. */
type Draft = { anchor: Anchor; quote: string };

function mappingOf(editor: Editor): Mapping | null {
  const state = ySyncPluginKey.getState(editor.state) as { binding?: { mapping: Mapping } } | undefined;
  return state?.binding?.mapping ?? null;
}

function rangesOf(editor: Editor, ydoc: Y.Doc, threads: CommentThreadData[]) {
  const mapping = mappingOf(editor);
  const fragment = ydoc.getXmlFragment(YJS_FRAGMENT);
  const ranges = new Map<string, { from: number; to: number }>();
  if (!mapping) return ranges;
  for (const thread of threads) {
    // An anchor that no longer resolves (its text was re-created, e.g. by an old restore) falls back
    // to its stored quote and context, when they still identify one place.
    const range = resolveAnchor(ydoc, fragment, mapping, thread) ?? reanchorByQuote(editor.state.doc, thread);
    if (range && range.to <= editor.state.doc.content.size) ranges.set(thread.id, range);
  }
  return ranges;
}

export function CommentSidebar({ documentId, editor, ydoc }: { documentId: string; editor: Editor; ydoc: Y.Doc }) {
  const list = useFetcher<{ threads: CommentThreadData[]; canComment: boolean }>();
  const url = `/documents/${documentId}/comments`;
  const reload = useCallback(() => list.load(url), [list.load, url]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    reload();
    const onEvent = (e: Event) => {
      if ((e as CustomEvent<{ documentId: string; event: string }>).detail?.documentId === documentId) reload();
    };
    window.addEventListener(DOCUMENT_EVENT, onEvent);
    return () => window.removeEventListener(DOCUMENT_EVENT, onEvent);
  }, [documentId, reload]);

  const threads = useMemo(() => list.data?.threads ?? [], [list.data]);
  const [active, setActive] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>("open");
  const [draft, setDraft] = useState<Draft | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [version, setVersion] = useState(0); // bumps when the text changes, to re-sort and re-resolve
  const narrow = useNarrow();
  const [sheetOpen, setSheetOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const openSheet = useCallback(() => {
    if (document.activeElement instanceof HTMLElement && document.activeElement.getAttribute("aria-controls") === SIDEBAR_ID) opener.current = document.activeElement;
    setSheetOpen(true);
  }, []);
  const closeSheet = useCallback(() => {
    setSheetOpen(false);
    // Back to where the sheet was opened from (the bar), so keyboard users keep their place.
    (opener.current ?? document.querySelector<HTMLElement>(`.comment-bar [aria-controls="${SIDEBAR_ID}"]`))?.focus();
  }, []);
  const state = useRef({ threads, active, draft: null as Draft | null, ranges: new Map<string, { from: number; to: number }>() });

  // Highlights: one plugin, fed from the ref; a meta transaction redraws it.
  useEffect(() => {
    const plugin = new Plugin<DecorationSet>({
      key: highlightKey,
      state: {
        init: () => DecorationSet.empty,
        apply: (tr, old, _prev, next) => {
          if (!tr.docChanged && !tr.getMeta(highlightKey)) return old;
          const ranges = rangesOf(editor, ydoc, state.current.threads.filter((th) => !th.resolved));
          state.current.ranges = ranges;
          const draftRange = state.current.draft ? draftRangeOf(editor, ydoc, state.current.draft.anchor) : null;
          return DecorationSet.create(next.doc, [
            ...[...ranges].map(([id, r]) =>
              Decoration.inline(r.from, r.to, { class: id === state.current.active ? "comment-highlight active" : "comment-highlight", "data-thread-id": id })),
            ...(draftRange ? [Decoration.inline(draftRange.from, draftRange.to, { class: "comment-highlight draft" })] : []),
          ]);
        },
      },
      props: {
        decorations: (s) => highlightKey.getState(s),
        handleClick: (_view, pos) => {
          const hit = [...state.current.ranges].find(([, r]) => pos >= r.from && pos <= r.to);
          if (hit) setActive(hit[0]);
          return false;
        },
      },
    });
    editor.registerPlugin(plugin);
    const onUpdate = () => setVersion((v) => v + 1);
    editor.on("update", onUpdate);
    return () => {
      editor.off("update", onUpdate);
      if (!editor.isDestroyed) editor.unregisterPlugin(highlightKey);
    };
  }, [editor, ydoc]);

  useEffect(() => {
    state.current.threads = threads;
    state.current.active = active;
    state.current.draft = draft;
    if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(highlightKey, true));
  }, [editor, threads, active, draft]);

  // A highlight clicked in the text brings its thread into view.
  useEffect(() => {
    if (active) document.getElementById(`comment-thread-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const startComment = useCallback(() => {
    const range = selectedRange(editor);
    const mapping = mappingOf(editor);
    if (!range || !mapping) return setHint(t.selectFirst);
    setHint(null);
    // Relative positions now: absolute ones would point at other words once someone types in front.
    const anchor = anchorFromRange(ydoc.getXmlFragment(YJS_FRAGMENT), mapping, range.from, range.to);
    setDraft({ anchor, quote: anchorText(editor.state.doc, range.from, range.to).quote });
    if (narrow) openSheet();
  }, [editor, ydoc, narrow, openSheet]);

  // Escape closes the sheet wherever the focus is (after a submit it may be on the page itself).
  useEffect(() => {
    if (!narrow || !sheetOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      e.preventDefault();
      closeSheet();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [narrow, sheetOpen, closeSheet]);

  // Opened without a draft (whose textarea takes the focus itself): the focus goes into the sheet.
  useEffect(() => {
    if (narrow && sheetOpen && !state.current.draft) heading.current?.focus();
  }, [narrow, sheetOpen]);

  const canComment = list.data?.canComment ?? false;
  // Ctrl+Alt+M comments on the selection, only for those who may: a reader's form would end in a 403.
  useEffect(() => {
    if (!canComment) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.altKey && (e.key.toLowerCase() === "m" || e.code === "KeyM")) {
        e.preventDefault();
        startComment();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [startComment, canComment]);

  const ranges = useMemo(() => rangesOf(editor, ydoc, threads), [editor, ydoc, threads, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const ordered = useMemo(() => {
    const shown = threads.filter((th) => filter === "all" || (filter === "resolved") === th.resolved);
    return shown.sort((a, b) => (ranges.get(a.id)?.from ?? Infinity) - (ranges.get(b.id)?.from ?? Infinity));
  }, [threads, filter, ranges]);

  const focusText = (id: string) => {
    setActive(id);
    if (narrow) setSheetOpen(false); // the words are under the sheet
    const range = ranges.get(id);
    if (!range) return;
    editor.commands.setTextSelection(range);
    editor.view.dom.querySelector(`[data-thread-id="${id}"]`)?.scrollIntoView({ block: "center" });
  };

  const commentButton = canComment ? (
    <button type="button" className="button" onMouseDown={(e) => e.preventDefault()} onClick={startComment} title={t.commentShortcut} aria-keyshortcuts="Control+Alt+M" aria-controls={narrow ? SIDEBAR_ID : undefined}>
      {t.comment}
    </button>
  ) : null;
  const openCount = threads.filter((th) => !th.resolved).length;
  return (
    <>
    {narrow ? (
      <div className="comment-bar">
        {commentButton}
        <button type="button" className="button secondary" aria-expanded={sheetOpen} aria-controls={SIDEBAR_ID} onClick={() => (sheetOpen ? closeSheet() : openSheet())}>
          {t.commentsToggle(openCount)}
        </button>
      </div>
    ) : null}
    <aside id={SIDEBAR_ID} className={narrow ? "comment-sidebar comment-sheet" : "comment-sidebar"} aria-label={t.sidebar} data-loaded={list.data ? "true" : "false"}
      hidden={narrow && !sheetOpen}>
      <div className="comment-sidebar-header">
        <h2 ref={heading} tabIndex={-1}>{t.comments}</h2>
        {narrow ? <button type="button" className="button small secondary" onClick={closeSheet}>{t.closeComments}</button> : null}
      </div>
      {narrow ? null : commentButton}
      {canComment ? null : <p className="muted">{t.readerCannotComment}</p>}
      {hint ? <p className="alert alert-error" role="alert">{hint}</p> : null}
      {draft && canComment ? <NewThreadForm url={url} editor={editor} ydoc={ydoc} draft={draft} version={version} onDone={() => { setDraft(null); reload(); }} /> : null}
      <div className="filters-row" role="group" aria-label={t.filter}>
        {(["open", "resolved", "all"] as const).map((f) => (
          <button key={f} type="button" className="button small secondary" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {f === "open" ? t.filterOpen : f === "resolved" ? t.filterResolved : t.filterAll}
          </button>
        ))}
      </div>
      {ordered.length === 0 ? <p className="muted">{t.none}</p> : null}
      <ol className="plain-list comment-list">
        {ordered.map((thread) => (
          <li key={thread.id}>
            <Thread thread={thread} url={url} orphaned={!ranges.has(thread.id)} active={thread.id === active} onFocusText={() => focusText(thread.id)} onChanged={reload} />
          </li>
        ))}
      </ol>
    </aside>
    </>
  );
}

/** Where a draft's words are now, or null once they were deleted. */
function draftRangeOf(editor: Editor, ydoc: Y.Doc, anchor: Anchor) {
  const mapping = mappingOf(editor);
  if (!mapping) return null;
  const range = resolveAnchor(ydoc, ydoc.getXmlFragment(YJS_FRAGMENT), mapping, anchor);
  return range && range.to <= editor.state.doc.content.size ? range : null;
}

/** The selected range in the editor, from the DOM selection (works in read-only editors too). */
function selectedRange(editor: Editor): { from: number; to: number } | null {
  const { from, to } = editor.state.selection;
  if (to > from) return { from, to };
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.anchorNode || !selection.focusNode) return null;
  if (!editor.view.dom.contains(selection.anchorNode) || !editor.view.dom.contains(selection.focusNode)) return null;
  try {
    const a = editor.view.posAtDOM(selection.anchorNode, selection.anchorOffset);
    const b = editor.view.posAtDOM(selection.focusNode, selection.focusOffset);
    return a === b ? null : { from: Math.min(a, b), to: Math.max(a, b) };
  } catch {
    return null;
  }
}

function NewThreadForm({ url, editor, ydoc, draft, version, onDone }: { url: string; editor: Editor; ydoc: Y.Doc; draft: Draft; version: number; onDone: () => void }) {
  const fetcher = useFetcher<{ ok: boolean; error: string | null }>();
  const [gone, setGone] = useState(false);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) onDone();
  }, [fetcher.state, fetcher.data, onDone]);
  // The words as they read now (others may have typed inside them), or null once they were deleted.
  const range = useMemo(() => draftRangeOf(editor, ydoc, draft.anchor), [editor, ydoc, draft, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const quote = range ? anchorText(editor.state.doc, range.from, range.to).quote : draft.quote;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // Quote and context from where the anchor points at this moment, not from the selection back then.
    const now = draftRangeOf(editor, ydoc, draft.anchor);
    if (!now) return setGone(true);
    const text = anchorText(editor.state.doc, now.from, now.to);
    const form = new FormData(e.currentTarget);
    fetcher.submit({ intent: "create", ...draft.anchor, ...text, body: String(form.get("body") ?? "") }, { method: "post", action: url });
  };
  const error = gone && !range ? m.documents.comments.draftGone : fetcher.data?.error;
  return (
    <form className="comment-thread" onSubmit={submit} aria-label={t.newComment}>
      <p className="quote">„{quote}“</p>
      {error ? <p className="field-errors" role="alert">{error}</p> : null}
      <label htmlFor="new-comment-body">{t.body}</label>
      <textarea id="new-comment-body" name="body" rows={3} required autoFocus />
      <div className="inline-form">
        <button type="submit" className="button small">{t.submit}</button>
        <button type="button" className="button small secondary" onClick={onDone}>{t.cancel}</button>
      </div>
    </form>
  );
}

function Thread({ thread, url, orphaned, active, onFocusText, onChanged }: {
  thread: CommentThreadData; url: string; orphaned: boolean; active: boolean; onFocusText: () => void; onChanged: () => void;
}) {
  const fetcher = useFetcher<{ ok: boolean; error: string | null }>();
  const [editing, setEditing] = useState<string | null>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) {
      setEditing(null);
      onChanged();
    }
  }, [fetcher.state, fetcher.data, onChanged]);
  const post = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post", action: url });
  return (
    <article id={`comment-thread-${thread.id}`} className={`comment-thread${active ? " active" : ""}${thread.resolved ? " resolved" : ""}`} aria-label={t.threadLabel(thread.author, thread.quote)} tabIndex={-1}>
      {orphaned ? <p className="orphan">{t.orphaned}</p> : null}
      <p className="quote">
        {orphaned ? <>„{thread.quote}“</> : <button type="button" className="link-button" onClick={onFocusText} aria-label={t.jumpTo(thread.quote)}>„{thread.quote}“</button>}
      </p>
      {thread.comments.map((c) => (
        <div key={c.id} className="comment">
          <p className="comment-meta"><strong>{c.author}</strong> · {m.format.dateTime(c.createdAt)}{c.edited && !c.deleted ? ` · ${t.edited}` : ""}</p>
          {c.deleted ? <p className="muted"><em>{t.deleted}</em></p> : editing === c.id ? (
            <form onSubmit={(e) => { e.preventDefault(); post({ intent: "edit", commentId: c.id, body: String(new FormData(e.currentTarget).get("body") ?? "") }); }}>
              <label htmlFor={`edit-${c.id}`} className="visually-hidden">{t.edit}</label>
              <textarea id={`edit-${c.id}`} name="body" rows={3} required autoFocus defaultValue={c.bodyJson ? jsonToPlainText(c.bodyJson) : ""} />
              <button type="submit" className="button small">{t.save}</button>
            </form>
          ) : c.bodyJson ? <RichText json={c.bodyJson} /> : null}
          {c.mine && !c.deleted && editing !== c.id ? (
            <div className="inline-form">
              <button type="button" className="link-button" onClick={() => setEditing(c.id)}>{t.edit}</button>
              <button type="button" className="link-button" onClick={() => post({ intent: "delete", commentId: c.id })}>{t.delete}</button>
            </div>
          ) : null}
        </div>
      ))}
      {fetcher.data?.error ? <p className="field-errors" role="alert">{fetcher.data.error}</p> : null}
      {thread.canReply && !thread.resolved ? (
        <form onSubmit={(e) => { e.preventDefault(); const form = e.currentTarget; post({ intent: "reply", threadId: thread.id, body: String(new FormData(form).get("body") ?? "") }); form.reset(); }}>
          <label htmlFor={`reply-${thread.id}`} className="visually-hidden">{t.replyLabel}</label>
          <textarea id={`reply-${thread.id}`} name="body" rows={2} placeholder={t.replyLabel} required />
          <button type="submit" className="button small secondary">{t.reply}</button>
        </form>
      ) : null}
      {thread.canResolve ? (
        <button type="button" className="button small" onClick={() => post({ intent: thread.resolved ? "reopen" : "resolve", threadId: thread.id })}>
          {thread.resolved ? t.reopen : t.resolve}
        </button>
      ) : null}
    </article>
  );
}
