// The live editor of a position paper: Tiptap on the shared extension list, bound to the Y.Doc's
// "default" fragment and synced by the stock y-websocket provider with our "saved" message.
// Until the browser has loaded it (and without JavaScript) the stored text is shown read-only.
// A status change freezes the text live on the same socket ("frozen"/"thawed" document events): the
// editor turns read-only or writable again without a reload, and keystrokes the server no longer took
// are shown to their author to copy.
import Collaboration from "@tiptap/extension-collaboration";
import { Extension } from "@tiptap/core";
import { Plugin } from "@tiptap/pm/state";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import * as decoding from "lib0/decoding";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MutableRefObject, type ReactNode } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { KeepCaret, TypeAtCaret } from "../editor/caret-sync.ts";
import type { JsonNode } from "../editor/content.ts";
import { editorExtensions, isAllowedHref } from "../editor/extensions.ts";
import { hasUnacknowledged, unacknowledgedText } from "../editor/lost-edits.ts";
import { ReadOnlyCaret } from "../editor/read-only-caret.ts";
import { RichText } from "../editor/render.tsx";
import { SafeCaret } from "../editor/safe-caret.ts";
import { SyncGuard } from "../editor/sync-guard.ts";
import { flushPending, SuggestModeExtension, type Pending, type RefusalReason, type SuggestMode } from "../editor/suggest-mode.ts";
import type { EditorState } from "@tiptap/pm/state";
import { proposeSuggestion, withdrawSuggestion } from "./suggestion-propose.ts";
import { m } from "../i18n/messages.ts";
import { CLOSE_CODES, COLLAB_PATH_PREFIX, MESSAGE_DOCUMENT_EVENT, MESSAGE_SAVED, YJS_FRAGMENT } from "../domain/collab.ts";
import type { DocumentStatus } from "../domain/model.ts";
import { DOCUMENT_EVENT } from "./comment-sidebar.tsx";
import { PresenceList } from "./document-list.tsx";
import { Icon, type IconName } from "./icons.tsx";

type Props = {
  documentId: string;
  user: { id: string; name: string; color: string };
  canEdit: boolean;
  /** The paper's status as the page last loaded it (names the reason in the "frozen" notice). */
  status: DocumentStatus;
  /** Why the editor is read-only, shown above it. */
  readOnlyNotice: string | null;
  initialJson: JsonNode | null;
  /** Rendered beside the live editor once it exists (the comment sidebar). */
  aside?: (editor: Editor, ydoc: Y.Doc) => ReactNode;
  /** May this person suggest (decision 025): editors switch modes, commenters always suggest. */
  canSuggest?: boolean;
};

type Connection = "connecting" | "connected" | "disconnected";
type Session = { ydoc: Y.Doc; provider: WebsocketProvider; generation: number };
/** Keystrokes the server did not take because the text froze: their text ("" when only structure was lost). */
type LostEdits = { text: string };

/** What browser tests may reach (only under WebDriver): the live session of the open paper. */
export type EditorTestHook = { editor: Editor; ydoc: Y.Doc; provider: WebsocketProvider };
declare global {
  interface Window {
    __laenderforumEditor?: EditorTestHook;
  }
}

const t = m.documents;

export function DocumentEditor(props: Props) {
  const [session, setSession] = useState<Session | null>(null);
  // Bumped to throw away a Y.Doc that diverged from the server (keystrokes the frozen text refused).
  const [generation, setGeneration] = useState(0);
  // Live status of the text, from this socket's document events; null until one arrived.
  const [frozen, setFrozen] = useState<boolean | null>(null);
  // Whether the text froze (or thawed) while this page was open, to say so; kept across a rebuilt session.
  const [change, setChange] = useState<"frozen" | "thawed" | null>(null);
  const [lost, setLost] = useState<LostEdits | null>(null);

  useEffect(() => {
    const ydoc = new Y.Doc();
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${COLLAB_PATH_PREFIX.slice(0, -1)}`;
    const provider = new WebsocketProvider(url, props.documentId, ydoc, { disableBc: true });
    setSession({ ydoc, provider, generation });
    return () => {
      provider.destroy();
      ydoc.destroy();
    };
  }, [props.documentId, generation]);

  const onFrozen = useCallback((refused: LostEdits | null, wasEditable: boolean) => {
    setFrozen(true);
    setChange((c) => (wasEditable ? "frozen" : c === "thawed" ? null : c));
    if (!refused) return;
    setLost(refused);
    // The local Y.Doc holds what the server dropped; only a fresh copy shows exactly the frozen text.
    setGeneration((g) => g + 1);
  }, []);
  const onThawed = useCallback(() => {
    setFrozen(false);
    setChange((c) => (c === "frozen" ? "thawed" : c));
  }, []);

  if (!session) return <StaticPreview {...props} />;
  return (
    <LiveEditor key={session.generation} {...props} session={session} frozen={frozen} change={change} lost={lost} onDismissLost={() => setLost(null)} onFrozen={onFrozen} onThawed={onThawed} />
  );
}

function StaticPreview({ initialJson }: Props) {
  return (
    <div className="document-editor">
      <p className="connection-state" role="status">{t.editor.loading}</p>
      <div className="document-editor-frame" aria-busy="true">
        {initialJson ? <RichText json={initialJson} className="document-editor-content rich-text" /> : null}
      </div>
    </div>
  );
}

type LiveProps = Props & {
  session: Session;
  frozen: boolean | null;
  change: "frozen" | "thawed" | null;
  lost: LostEdits | null;
  onDismissLost: () => void;
  onFrozen: (refused: LostEdits | null, wasEditable: boolean) => void;
  onThawed: () => void;
};

function LiveEditor({ session, user, canEdit, canSuggest = false, status: paperStatus, readOnlyNotice, documentId, aside, frozen, change, lost, onDismissLost, onFrozen, onThawed }: LiveProps) {
  const { ydoc, provider } = session;
  const status = useCollabStatus(session);
  const editable = canEdit && frozen !== true;
  const editableRef = useRef(editable);
  editableRef.current = editable;
  // Suggestion mode: editors choose; commenters who may suggest are always in "Vorschlagen".
  const [chosenMode, setChosenMode] = useState<"edit" | "suggest">("edit");
  const suggestAllowed = canSuggest && frozen !== true;
  const mode: SuggestMode = editable ? (suggestAllowed ? chosenMode : "edit") : suggestAllowed ? "suggest" : "read";
  const modeRef = useRef(mode);
  modeRef.current = mode;
  // In "Vorschlagen" the view takes keystrokes (they become suggestions); the text itself stays untouched.
  const viewEditable = editable || mode === "suggest";
  const [hint, setHint] = useState<{ text: string; error: boolean } | null>(null);
  const proposeRef = useRef<(p: Pending, state: EditorState) => void>(() => {});
  // What this person sent in this session, newest last, for Strg+Z (withdraw); ids arrive with the answers.
  const sentRef = useRef<Array<Promise<string | null>>>([]);
  proposeRef.current = (p, state) => {
    const sent = proposeSuggestion(documentId, p, state).then(({ id, error }) => {
      setHint(error ? { text: error, error: true } : null);
      return id;
    });
    sentRef.current.push(sent);
  };
  const undoSentRef = useRef<() => void>(() => {});
  undoSentRef.current = () => {
    const last = sentRef.current.pop();
    if (!last) return setHint({ text: m.suggestions.undoNothing, error: false });
    void last.then(async (id) => {
      if (!id) return;
      const { error } = await withdrawSuggestion(documentId, id);
      setHint(error ? { text: error, error: true } : { text: m.suggestions.undone, error: false });
    });
  };
  const refuseRef = useRef<(r: RefusalReason) => void>(() => {});
  refuseRef.current = (r) => setHint({ text: REFUSALS[r], error: false });
  // When the editor could not be brought back in line with the Y.Doc (SyncGuard), it no longer writes:
  // the first time a new editor is built on the same Y.Doc, after that the page asks for a reload.
  const [desyncs, setDesyncs] = useState(0);
  const onDesync = useCallback(() => setDesyncs((n) => n + 1), []);
  const editorGeneration = Math.min(desyncs, 1);

  // Comments, status and versions change beside the text; the server says so on this socket.
  useEffect(() => {
    provider.messageHandlers[MESSAGE_DOCUMENT_EVENT] = (_encoder, decoder) => {
      const event = decoding.readVarString(decoder);
      if (event === "frozen") {
        // The server sent "saved" for everything it accepted before this; anything above is refused.
        const savedClock = status.saved.current.get(ydoc.clientID) ?? 0;
        const refused = hasUnacknowledged(ydoc, status.saved.current) ? { text: unacknowledgedText(ydoc, ydoc.getXmlFragment(YJS_FRAGMENT), savedClock) } : null;
        onFrozen(refused, editableRef.current);
      } else if (event === "thawed") {
        onThawed();
      }
      window.dispatchEvent(new CustomEvent(DOCUMENT_EVENT, { detail: { documentId, event } }));
    };
  }, [provider, ydoc, documentId, onFrozen, onThawed, status.saved]);

  // Screen readers hear that the text is read-only; ProseMirror itself only sets contenteditable.
  const readOnlyAria = useMemo(
    () =>
      Extension.create({
        name: "readOnlyAria",
        addProseMirrorPlugins: () => [new Plugin({ props: { attributes: (): Record<string, string> => (editableRef.current ? {} : { "aria-readonly": "true" }) } })],
      }),
    [],
  );

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: editableRef.current || modeRef.current === "suggest",
      extensions: [
        ...editorExtensions({ collaborative: true, tables: true }),
        Collaboration.configure({ document: ydoc, field: YJS_FRAGMENT }),
        SafeCaret.configure({ provider, user: { name: user.name, color: user.color } }),
        KeepCaret,
        TypeAtCaret,
        SyncGuard.configure({ onDesync }),
        readOnlyAria,
        ReadOnlyCaret,
        SuggestModeExtension.configure({
          getMode: () => modeRef.current,
          onPropose: (p, state) => proposeRef.current(p, state),
          onUndoSent: () => undoSentRef.current(),
          onRefuse: (r) => refuseRef.current(r),
          color: user.color,
        }),
      ],
      editorProps: {
        attributes: {
          id: "document-editor",
          class: "document-editor-content rich-text",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": t.editor.label,
        },
      },
    },
    [ydoc, provider, editorGeneration],
  );

  // Read-only and back, on the same editor, Y.Doc and socket.
  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable !== viewEditable) editor.setEditable(viewEditable, false);
  }, [editor, viewEditable]);
  // Leaving "Vorschlagen" sends what was being typed.
  useEffect(() => {
    if (mode !== "suggest" && editor && !editor.isDestroyed) flushPending(editor.view, (p, state) => proposeRef.current(p, state));
  }, [mode, editor]);

  useTestHook(editor, session);

  useEffect(() => {
    if (!status.unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = t.connection.leaveWarning;
      return t.connection.leaveWarning;
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [status.unsaved]);

  const present = usePresence(provider, user.id);
  const frozenLive = change === "frozen" && !editable;
  const notice = frozenLive ? t.editor.frozenNow(paperStatus) : readOnlyNotice;

  return (
    <div className="document-editor">
      <div className="document-editor-status">
        <p className={`connection-state connection-${status.connection}`} role="status">
          <span>{t.connection[status.connection]}</span>
          {status.connection === "connected" && status.synced ? (
            <span className={status.unsaved ? "save-state unsaved" : "save-state saved"}>
              {" · "}
              {status.unsaved ? t.connection.saving : t.connection.saved}
            </span>
          ) : status.unsaved ? (
            <span className="save-state unsaved">{" · "}{t.connection.unsaved}</span>
          ) : null}
        </p>
        {present.length ? (
          <div className="document-presence">
            <span className="muted">{t.editor.present}:</span> <PresenceList people={present} label={t.editor.present} />
          </div>
        ) : null}
      </div>
      {status.offline ? <div className="alert alert-warning" role="alert">{t.connection.offline}</div> : null}
      {status.fatal ? <div className="alert alert-error" role="alert">{status.fatal}</div> : null}
      {desyncs ? <div className={desyncs > 1 ? "alert alert-error" : "alert alert-warning"} role="alert">{desyncs > 1 ? t.editor.desynced : t.editor.redrawn}</div> : null}
      {lost ? <LostEditsNotice lost={lost} onDismiss={onDismissLost} /> : null}
      {notice ? <p className={frozenLive ? "alert alert-warning" : "alert alert-info"} role={frozenLive ? "alert" : undefined}>{notice}</p> : null}
      {change === "thawed" && editable ? <p className="alert alert-info" role="status">{t.editor.thawed}</p> : null}
      {suggestAllowed ? <ModeSwitch mode={mode} canEdit={editable} onChange={(next) => { setChosenMode(next); editor?.commands.focus(); }} /> : null}
      <p className={hint?.error ? "alert alert-error" : hint ? "alert alert-info" : "visually-hidden"} role="status" data-testid="suggest-hint">{hint?.text ?? ""}</p>
      <div className={aside ? "document-layout" : undefined}>
        <div>
          {editable && mode === "edit" && editor ? <Toolbar editor={editor} /> : null}
          <div className="document-editor-frame">
            <EditorContent editor={editor} />
          </div>
        </div>
        {aside && editor ? aside(editor, ydoc) : null}
      </div>
    </div>
  );
}

const REFUSALS: Record<RefusalReason, string> = {
  enter: m.suggestions.refusedEnter,
  structure: m.suggestions.refusedStructure,
  format: m.suggestions.refusedFormat,
  "too-long": m.suggestions.errors.tooLong,
};

/** "Bearbeiten" / "Vorschlagen" for editors; a fixed note for commenters, who always suggest. */
function ModeSwitch({ mode, canEdit, onChange }: { mode: SuggestMode; canEdit: boolean; onChange: (mode: "edit" | "suggest") => void }) {
  const s = m.suggestions;
  if (!canEdit) return <p className="alert alert-info suggest-mode-note">{s.modeSuggestOnly}</p>;
  return (
    <fieldset className="suggest-mode-switch">
      <legend>{s.mode}</legend>
      {(["edit", "suggest"] as const).map((value) => (
        <label key={value}>
          <input type="radio" name="suggest-mode" value={value} checked={mode === value} onChange={() => onChange(value)} />
          {value === "edit" ? s.modeEdit : s.modeSuggest}
        </label>
      ))}
      {mode === "suggest" ? <span className="hint">{s.modeHint}</span> : null}
    </fieldset>
  );
}

/** Browser tests drive the real session through this; it exists only under WebDriver automation. */
function useTestHook(editor: Editor | null, { ydoc, provider }: Session) {
  useEffect(() => {
    if (!editor || typeof navigator === "undefined" || !navigator.webdriver) return;
    window.__laenderforumEditor = { editor, ydoc, provider };
    return () => {
      if (window.__laenderforumEditor?.editor === editor) delete window.__laenderforumEditor;
    };
  }, [editor, ydoc, provider]);
}

/** The keystrokes a freeze refused, with a way to copy them (clipboard API, else a selected textarea). */
function LostEditsNotice({ lost, onDismiss }: { lost: LostEdits; onDismiss: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(lost.text);
      setCopied("yes");
    } catch {
      // No clipboard permission (or no secure context): select the text and use the old command.
      area.current?.focus();
      area.current?.select();
      setCopied(document.execCommand?.("copy") ? "yes" : "failed");
    }
  };
  const l = t.lost;
  return (
    <section className="alert alert-warning lost-edits" role="alert" aria-labelledby="lost-edits-heading">
      <h2 id="lost-edits-heading">{l.heading}</h2>
      {lost.text ? (
        <>
          <p>{l.intro}</p>
          <label htmlFor="lost-edits-text" className="visually-hidden">{l.textLabel}</label>
          <textarea id="lost-edits-text" ref={area} readOnly value={lost.text} rows={Math.min(6, lost.text.split("\n").length + 1)} />
          <div className="inline-form">
            <button type="button" className="button small" onClick={() => void copy()}>{l.copy}</button>
            <button type="button" className="button small secondary" onClick={onDismiss}>{l.dismiss}</button>
            <span role="status">{copied === "yes" ? l.copied : copied === "failed" ? l.copyFailed : ""}</span>
          </div>
        </>
      ) : (
        <>
          <p>{l.noText}</p>
          <button type="button" className="button small secondary" onClick={onDismiss}>{l.dismiss}</button>
        </>
      )}
    </section>
  );
}

/** Connection, sync and durability as the user should see them. */
function useCollabStatus({ ydoc, provider }: Session) {
  const [connection, setConnection] = useState<Connection>("connecting");
  const [synced, setSynced] = useState(false);
  const [unsaved, setUnsaved] = useState(false);
  const [offline, setOffline] = useState(false);
  const [fatal, setFatal] = useState<string | null>(null);
  // The server's durable state vector, from its last "saved" message.
  const saved: MutableRefObject<Map<number, number>> = useRef(new Map<number, number>());

  useEffect(() => {
    const recompute = () => setUnsaved(hasUnacknowledged(ydoc, saved.current));
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      saved.current = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      recompute();
    };
    const onStatus = ({ status }: { status: Connection }) => setConnection(status);
    const onSync = (isSynced: boolean) => setSynced(isSynced);
    const onClose = (event: CloseEvent | null) => {
      if (!event) return;
      if (event.code === CLOSE_CODES.loadFailed) setFatal(t.connection.loadFailed);
      else if (event.code === CLOSE_CODES.documentTooLarge) setFatal(t.connection.tooLarge);
      else if (event.code === CLOSE_CODES.forbidden || event.code === CLOSE_CODES.unauthenticated || event.code === CLOSE_CODES.notFound) setFatal(t.connection.accessWithdrawn);
      else if (event.code >= 4400 && event.code < 4500) setFatal(t.connection.closed);
    };
    const onOnline = () => setOffline(!navigator.onLine);
    ydoc.on("update", recompute);
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.on("connection-close", onClose);
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOnline);
    onOnline();
    if (provider.wsconnected) setConnection("connected");
    setSynced(provider.synced);
    return () => {
      ydoc.off("update", recompute);
      provider.off("status", onStatus);
      provider.off("sync", onSync);
      provider.off("connection-close", onClose);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOnline);
    };
  }, [ydoc, provider]);

  return { connection, synced, unsaved, saved, offline: !fatal && (offline || connection === "disconnected"), fatal };
}

const PRESENCE_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Everyone in the document (one entry per user), as the server stamped them; malformed states are skipped. */
function usePresence(provider: WebsocketProvider, selfId: string) {
  const [people, setPeople] = useState<Array<{ name: string; color: string; self: boolean }>>([]);
  useEffect(() => {
    const update = () => {
      const byUser = new Map<string, { name: string; color: string; self: boolean }>();
      for (const [clientId, state] of provider.awareness.getStates()) {
        const u = (state as { user?: unknown } | null)?.user as { id?: unknown; name?: unknown; color?: unknown } | null | undefined;
        // Our own state is as we set it (name and colour): only the server stamps the id, on others' copies.
        const id = clientId === provider.awareness.clientID ? selfId : u?.id;
        if (typeof u !== "object" || u === null || typeof id !== "string" || typeof u.name !== "string" || !u.name) continue;
        const color = typeof u.color === "string" && PRESENCE_COLOR.test(u.color) ? u.color : "#555555";
        byUser.set(id, { name: u.name.slice(0, 80), color, self: id === selfId || Boolean(byUser.get(id)?.self) });
      }
      setPeople([...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, "de")));
    };
    provider.awareness.on("change", update);
    update();
    return () => provider.awareness.off("change", update);
  }, [provider, selfId]);
  return people;
}

type ToolbarButton = { key: string; label: string; icon?: IconName; text?: string; shortcut?: string; run: () => void; active?: boolean; show?: boolean };

function Toolbar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      blockquote: e.isActive("blockquote"),
      link: e.isActive("link"),
      table: e.isActive("table"),
    }),
  });
  const e = t.editor;
  const chain = () => editor.chain().focus();
  const buttons: ToolbarButton[] = useMemo(
    () => [
      { key: "bold", label: e.bold, icon: "bold", shortcut: "Control+B", run: () => chain().toggleBold().run(), active: state.bold },
      { key: "italic", label: e.italic, icon: "italic", shortcut: "Control+I", run: () => chain().toggleItalic().run(), active: state.italic },
      { key: "h2", label: e.heading2, text: "H2", shortcut: "Control+Alt+2", run: () => chain().toggleHeading({ level: 2 }).run(), active: state.h2 },
      { key: "h3", label: e.heading3, text: "H3", shortcut: "Control+Alt+3", run: () => chain().toggleHeading({ level: 3 }).run(), active: state.h3 },
      { key: "ul", label: e.bulletList, icon: "bulletList", shortcut: "Control+Shift+8", run: () => chain().toggleBulletList().run(), active: state.bulletList },
      { key: "ol", label: e.orderedList, icon: "orderedList", shortcut: "Control+Shift+7", run: () => chain().toggleOrderedList().run(), active: state.orderedList },
      { key: "quote", label: e.blockquote, icon: "quote", shortcut: "Control+Shift+B", run: () => chain().toggleBlockquote().run(), active: state.blockquote },
      {
        key: "link", label: e.link, icon: "link", active: state.link,
        run: () => {
          const href = window.prompt(e.linkPrompt, (editor.getAttributes("link").href as string | undefined) ?? "https://");
          if (href === null) return;
          if (!href.trim() || !isAllowedHref(href.trim())) chain().extendMarkRange("link").unsetLink().run();
          else chain().extendMarkRange("link").setLink({ href: href.trim() }).run();
        },
      },
      { key: "table", label: e.table, icon: "table", run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), show: !state.table },
      { key: "row", label: e.addRow, icon: "addRow", run: () => chain().addRowAfter().run(), show: state.table },
      { key: "col", label: e.addColumn, icon: "addColumn", run: () => chain().addColumnAfter().run(), show: state.table },
      { key: "deltable", label: e.deleteTable, icon: "deleteTable", run: () => chain().deleteTable().run(), show: state.table },
      { key: "undo", label: e.undo, icon: "undo", shortcut: "Control+Z", run: () => chain().undo().run() },
      { key: "redo", label: e.redo, icon: "redo", shortcut: "Control+Shift+Z", run: () => chain().redo().run() },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [editor, state],
  );
  const visible = buttons.filter((b) => b.show !== false);
  const [focusIndex, setFocusIndex] = useState(0);
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const index = Math.min(focusIndex, visible.length - 1);

  // WAI-ARIA toolbar pattern: one tab stop, arrow keys move between buttons.
  const onKeyDown = (event: KeyboardEvent) => {
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: visible.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = (next + visible.length) % visible.length;
    setFocusIndex(target);
    refs.current[target]?.focus();
  };

  return (
    <div className="editor-toolbar" role="toolbar" aria-label={e.toolbar} aria-controls="document-editor" onKeyDown={onKeyDown}>
      {visible.map((b, i) => (
        <button
          key={b.key}
          ref={(el) => void (refs.current[i] = el)}
          type="button"
          className="toolbar-button"
          tabIndex={i === index ? 0 : -1}
          aria-pressed={b.active === undefined ? undefined : b.active}
          aria-keyshortcuts={b.shortcut}
          aria-label={b.label}
          title={b.shortcut ? `${b.label} (${b.shortcut.replace("Control", "Strg").replace("Shift", "Umschalt")})` : b.label}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            setFocusIndex(i);
            b.run();
          }}
        >
          {b.icon ? <Icon name={b.icon} /> : <span aria-hidden="true">{b.text ?? b.label}</span>}
        </button>
      ))}
    </div>
  );
}
