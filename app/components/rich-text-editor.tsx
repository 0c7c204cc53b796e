// The post editor. Without JavaScript it is a plain <textarea> (the server turns plain text into
// paragraphs); once hydrated it becomes Tiptap on the shared extension list and submits ProseMirror
// JSON in the same field.
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import type { SuggestionKeyDownProps, SuggestionProps } from "@tiptap/suggestion";
import { useEffect, useState } from "react";
import { editorExtensions } from "../editor/extensions.ts";
import { m } from "../i18n/messages.ts";
import { FORUM_LIMITS } from "../domain/model.ts";

type Props = {
  id: string;
  label: string;
  name?: string;
  /** Initial plain text (no-JS) and editor JSON (with JS), e.g. a quote or the post being edited. */
  defaultText?: string;
  defaultJson?: string;
  errorId?: string;
  invalid?: boolean;
  /** URL answering `?q=` with [{ id, label }] of people who may be mentioned. */
  mentionSource?: string;
};

export function RichTextEditor(props: Props) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const { id, label, name = "body", defaultText = "", errorId, invalid } = props;
  if (!hydrated) {
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <p className="hint" id={`${id}-hint`}>{m.forum.bodyHint}</p>
        <textarea id={id} name={name} rows={8} maxLength={FORUM_LIMITS.bodyTextMax} defaultValue={defaultText} aria-invalid={invalid || undefined} aria-describedby={[`${id}-hint`, invalid ? errorId : ""].filter(Boolean).join(" ")} />
      </div>
    );
  }
  return <TiptapField {...props} name={name} />;
}

function TiptapField({ id, label, name, defaultText, defaultJson, errorId, invalid, mentionSource }: Props & { name: string }) {
  const [json, setJson] = useState(defaultJson ?? "");
  const editor = useEditor({
    immediatelyRender: false,
    extensions: editorExtensions({ mentionSuggestion: mentionSource ? mentionSuggestion(mentionSource) : undefined }),
    content: defaultJson ? (JSON.parse(defaultJson) as object) : textToContent(defaultText ?? ""),
    editorProps: {
      attributes: {
        id, role: "textbox", "aria-multiline": "true", "aria-labelledby": `${id}-label`,
        "aria-describedby": [`${id}-hint`, invalid ? errorId : ""].filter(Boolean).join(" "),
        ...(invalid && errorId ? { "aria-invalid": "true" } : {}),
        class: "editor-content",
      },
    },
    onCreate: ({ editor: e }) => setJson(e.isEmpty ? "" : JSON.stringify(e.getJSON())),
    onUpdate: ({ editor: e }) => setJson(e.isEmpty ? "" : JSON.stringify(e.getJSON())),
  });
  return (
    <div className="field">
      <span className="field-label" id={`${id}-label`}>{label}</span>
      <p className="hint" id={`${id}-hint`}>{m.forum.bodyHint}</p>
      <div className="editor">
        {editor ? <Toolbar editor={editor} /> : null}
        <EditorContent editor={editor} />
      </div>
      <input type="hidden" name={name} value={json} />
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"), italic: e.isActive("italic"), heading: e.isActive("heading"), bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"), blockquote: e.isActive("blockquote"), link: e.isActive("link"),
    }),
  });
  const t = m.forum.editor;
  const setLink = () => {
    const previous = (editor.getAttributes("link").href as string | undefined) ?? "https://";
    const href = window.prompt(t.linkPrompt, previous);
    if (href === null) return;
    if (!href.trim()) editor.chain().focus().unsetLink().run();
    else editor.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
  };
  const buttons: Array<[string, string, boolean, () => void]> = [
    ["B", t.bold, state.bold, () => editor.chain().focus().toggleBold().run()],
    ["I", t.italic, state.italic, () => editor.chain().focus().toggleItalic().run()],
    ["H", t.heading, state.heading, () => editor.chain().focus().toggleHeading({ level: 3 }).run()],
    ["•", t.bulletList, state.bulletList, () => editor.chain().focus().toggleBulletList().run()],
    ["1.", t.orderedList, state.orderedList, () => editor.chain().focus().toggleOrderedList().run()],
    ["„“", t.quote, state.blockquote, () => editor.chain().focus().toggleBlockquote().run()],
    ["🔗", t.link, state.link, setLink],
  ];
  useEffect(() => {
    const dom = editor.view.dom;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setLink();
      }
    };
    dom.addEventListener("keydown", onKey);
    return () => dom.removeEventListener("keydown", onKey);
  });
  return (
    <div role="toolbar" aria-label={t.toolbar} className="editor-toolbar">
      {buttons.map(([text, label, active, run]) => (
        <button key={label} type="button" aria-label={label} title={label} aria-pressed={active} onClick={run}>
          <span aria-hidden="true">{text}</span>
        </button>
      ))}
    </div>
  );
}

function textToContent(text: string) {
  const paragraphs = text.split(/\n{2,}/).filter(Boolean);
  return { type: "doc", content: paragraphs.map((p) => ({ type: "paragraph", content: [{ type: "text", text: p }] })) };
}

type MentionItem = { id: string; label: string };

/** A small accessible listbox for @mentions, fed by the server (only people who may read the thread). */
function mentionSuggestion(source: string) {
  return {
    char: "@",
    items: async ({ query }: { query: string }): Promise<MentionItem[]> => {
      const url = new URL(source, window.location.origin);
      url.searchParams.set("q", query);
      const res = await fetch(url, { headers: { Accept: "application/json" } });
      return res.ok ? ((await res.json()) as MentionItem[]) : [];
    },
    render: () => {
      let list: HTMLUListElement | null = null;
      let items: MentionItem[] = [];
      let selected = 0;
      let command: ((item: MentionItem) => void) | null = null;
      const draw = (props: SuggestionProps<MentionItem>) => {
        items = props.items;
        command = props.command as (item: MentionItem) => void;
        if (!list) {
          list = document.createElement("ul");
          list.className = "mention-list";
          list.setAttribute("role", "listbox");
          list.setAttribute("aria-label", "Personen");
          document.body.append(list);
        }
        const rect = props.clientRect?.();
        if (rect) Object.assign(list.style, { left: `${rect.left + window.scrollX}px`, top: `${rect.bottom + window.scrollY + 4}px` });
        list.replaceChildren(
          ...(items.length
            ? items.map((item, i) => {
                const li = document.createElement("li");
                li.textContent = item.label;
                li.setAttribute("role", "option");
                li.setAttribute("aria-selected", String(i === selected));
                li.addEventListener("mousedown", (e) => {
                  e.preventDefault();
                  command?.(item);
                });
                return li;
              })
            : [Object.assign(document.createElement("li"), { textContent: m.forum.editor.mentionNone })]),
        );
      };
      return {
        onStart: (props: SuggestionProps<MentionItem>) => {
          selected = 0;
          draw(props);
        },
        onUpdate: (props: SuggestionProps<MentionItem>) => {
          selected = Math.min(selected, Math.max(props.items.length - 1, 0));
          draw(props);
        },
        onKeyDown: ({ event }: SuggestionKeyDownProps) => {
          if (!items.length) return false;
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            selected = (selected + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
            list?.querySelectorAll("li").forEach((li, i) => li.setAttribute("aria-selected", String(i === selected)));
            return true;
          }
          if (event.key === "Enter" || event.key === "Tab") {
            command?.(items[selected]);
            return true;
          }
          return false;
        },
        onExit: () => {
          list?.remove();
          list = null;
        },
      };
    },
  };
}
