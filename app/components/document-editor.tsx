// The live editor of a position paper: Tiptap on the shared extension list, bound to the Y.Doc's
// "default" fragment and synced by the stock y-websocket provider with our "saved" message.
// Until the browser has loaded it (and without JavaScript) the stored text is shown read-only.
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import * as decoding from "lib0/decoding";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { JsonNode } from "../editor/content.ts";
import { editorExtensions, isAllowedHref } from "../editor/extensions.ts";
import { RichText } from "../editor/render.tsx";
import { m } from "../i18n/messages.ts";
import { CLOSE_CODES, COLLAB_PATH_PREFIX, MESSAGE_DOCUMENT_EVENT, MESSAGE_SAVED, YJS_FRAGMENT, type PresenceUser } from "../utils/collab.ts";
import { DOCUMENT_EVENT } from "./comment-sidebar.tsx";
import { PresenceList } from "./document-list.tsx";

type Props = {
  documentId: string;
  user: { id: string; name: string; color: string };
  canEdit: boolean;
  /** Why the editor is read-only, shown above it. */
  readOnlyNotice: string | null;
  initialJson: JsonNode | null;
  /** Rendered beside the live editor once it exists (the comment sidebar). */
  aside?: (editor: Editor, ydoc: Y.Doc) => ReactNode;
};

type Connection = "connecting" | "connected" | "disconnected";
type Session = { ydoc: Y.Doc; provider: WebsocketProvider };

const t = m.documents;

export function DocumentEditor(props: Props) {
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    const ydoc = new Y.Doc();
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${COLLAB_PATH_PREFIX.slice(0, -1)}`;
    const provider = new WebsocketProvider(url, props.documentId, ydoc, { disableBc: true });
    setSession({ ydoc, provider });
    return () => {
      provider.destroy();
      ydoc.destroy();
    };
  }, [props.documentId]);

  return session ? <LiveEditor {...props} session={session} /> : <StaticPreview {...props} />;
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

function LiveEditor({ session, user, canEdit, readOnlyNotice, documentId, aside }: Props & { session: Session }) {
  const { ydoc, provider } = session;
  const status = useCollabStatus(session);

  // Comments, status and versions change beside the text; the server says so on this socket.
  useEffect(() => {
    provider.messageHandlers[MESSAGE_DOCUMENT_EVENT] = (_encoder, decoder) => {
      const event = decoding.readVarString(decoder);
      window.dispatchEvent(new CustomEvent(DOCUMENT_EVENT, { detail: { documentId, event } }));
    };
  }, [provider, documentId]);

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canEdit,
      extensions: [
        ...editorExtensions({ collaborative: true, tables: true }),
        Collaboration.configure({ document: ydoc, field: YJS_FRAGMENT }),
        CollaborationCaret.configure({ provider, user: { name: user.name, color: user.color } }),
      ],
      editorProps: {
        attributes: {
          id: "document-editor",
          class: "document-editor-content rich-text",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": t.editor.label,
          ...(canEdit ? {} : { "aria-readonly": "true" }),
        },
      },
    },
    [ydoc, provider, canEdit],
  );

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
      {readOnlyNotice ? <p className="alert alert-info">{readOnlyNotice}</p> : null}
      <div className={aside ? "document-layout" : undefined}>
        <div>
          {canEdit && editor ? <Toolbar editor={editor} /> : null}
          <div className="document-editor-frame">
            <EditorContent editor={editor} />
          </div>
        </div>
        {aside && editor ? aside(editor, ydoc) : null}
      </div>
    </div>
  );
}

/** Connection, sync and durability as the user should see them. */
function useCollabStatus({ ydoc, provider }: Session) {
  const [connection, setConnection] = useState<Connection>("connecting");
  const [synced, setSynced] = useState(false);
  const [unsaved, setUnsaved] = useState(false);
  const [offline, setOffline] = useState(false);
  const [fatal, setFatal] = useState<string | null>(null);
  const saved = useRef(new Map<number, number>());

  useEffect(() => {
    const recompute = () => setUnsaved((saved.current.get(ydoc.clientID) ?? 0) < Y.getState(ydoc.store, ydoc.clientID));
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

  return { connection, synced, unsaved, offline: !fatal && (offline || connection === "disconnected"), fatal };
}

/** Everyone in the document (one entry per user), as the server stamped them. */
function usePresence(provider: WebsocketProvider, selfId: string) {
  const [people, setPeople] = useState<Array<{ name: string; color: string; self: boolean }>>([]);
  useEffect(() => {
    const update = () => {
      const byUser = new Map<string, { name: string; color: string; self: boolean }>();
      for (const state of provider.awareness.getStates().values()) {
        const u = (state as { user?: Partial<PresenceUser> & { id?: string } }).user;
        if (!u?.name || !u.id) continue;
        byUser.set(u.id, { name: u.name, color: u.color ?? "#555", self: u.id === selfId });
      }
      setPeople([...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, "de")));
    };
    provider.awareness.on("change", update);
    update();
    return () => provider.awareness.off("change", update);
  }, [provider, selfId]);
  return people;
}

type ToolbarButton = { key: string; label: string; shortcut?: string; run: () => void; active?: boolean; show?: boolean };

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
      { key: "bold", label: e.bold, shortcut: "Control+B", run: () => chain().toggleBold().run(), active: state.bold },
      { key: "italic", label: e.italic, shortcut: "Control+I", run: () => chain().toggleItalic().run(), active: state.italic },
      { key: "h2", label: e.heading2, shortcut: "Control+Alt+2", run: () => chain().toggleHeading({ level: 2 }).run(), active: state.h2 },
      { key: "h3", label: e.heading3, shortcut: "Control+Alt+3", run: () => chain().toggleHeading({ level: 3 }).run(), active: state.h3 },
      { key: "ul", label: e.bulletList, shortcut: "Control+Shift+8", run: () => chain().toggleBulletList().run(), active: state.bulletList },
      { key: "ol", label: e.orderedList, shortcut: "Control+Shift+7", run: () => chain().toggleOrderedList().run(), active: state.orderedList },
      { key: "quote", label: e.blockquote, shortcut: "Control+Shift+B", run: () => chain().toggleBlockquote().run(), active: state.blockquote },
      {
        key: "link", label: e.link, active: state.link,
        run: () => {
          const href = window.prompt(e.linkPrompt, (editor.getAttributes("link").href as string | undefined) ?? "https://");
          if (href === null) return;
          if (!href.trim() || !isAllowedHref(href.trim())) chain().extendMarkRange("link").unsetLink().run();
          else chain().extendMarkRange("link").setLink({ href: href.trim() }).run();
        },
      },
      { key: "table", label: e.table, run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), show: !state.table },
      { key: "row", label: e.addRow, run: () => chain().addRowAfter().run(), show: state.table },
      { key: "col", label: e.addColumn, run: () => chain().addColumnAfter().run(), show: state.table },
      { key: "deltable", label: e.deleteTable, run: () => chain().deleteTable().run(), show: state.table },
      { key: "undo", label: e.undo, shortcut: "Control+Z", run: () => chain().undo().run() },
      { key: "redo", label: e.redo, shortcut: "Control+Shift+Z", run: () => chain().redo().run() },
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
          title={b.shortcut ? `${b.label} (${b.shortcut.replace("Control", "Strg").replace("Shift", "Umschalt")})` : b.label}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            setFocusIndex(i);
            b.run();
          }}
        >
          {b.label}
        </button>
      ))}
    </div>
  );
}
