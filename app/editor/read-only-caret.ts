// Keyboard selection in the read-only editor (readers and commenters): the text is a tab stop, and
// arrow keys move a caret (Shift extends the selection, Ctrl by word) through the browser's own
// Selection.modify. Without this, non-editable text can only be selected with a mouse, so a
// keyboard-only commenter could not mark the words a comment refers to. The moved selection is put
// into ProseMirror's state at once: waiting for the browser's asynchronous `selectionchange` let a
// fast Ctrl+Alt+M right after Shift+Arrow anchor the comment on the selection before the last key.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";

type Granularity = "character" | "word" | "line" | "lineboundary" | "documentboundary";
const KEYS: Record<string, { direction: "backward" | "forward"; by: Granularity; ctrlBy?: Granularity }> = {
  ArrowLeft: { direction: "backward", by: "character", ctrlBy: "word" },
  ArrowRight: { direction: "forward", by: "character", ctrlBy: "word" },
  ArrowUp: { direction: "backward", by: "line" },
  ArrowDown: { direction: "forward", by: "line" },
  Home: { direction: "backward", by: "lineboundary", ctrlBy: "documentboundary" },
  End: { direction: "forward", by: "lineboundary", ctrlBy: "documentboundary" },
};

type ModifiableSelection = Selection & { modify?: (alter: "move" | "extend", direction: string, granularity: string) => void };

/** Puts a collapsed caret at the start of the text when the selection is elsewhere (first focus by Tab). */
function caretIntoText(view: EditorView) {
  const selection = window.getSelection();
  if (!selection || (selection.anchorNode && view.dom.contains(selection.anchorNode))) return;
  const walker = document.createTreeWalker(view.dom, NodeFilter.SHOW_TEXT);
  const first = walker.nextNode();
  if (first) selection.collapse(first, 0);
}

/** ProseMirror's selection := the DOM selection, when both ends lie inside the editor. */
function syncSelection(view: EditorView, selection: Selection) {
  const { anchorNode, focusNode } = selection;
  if (!anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return;
  try {
    const anchor = view.posAtDOM(anchorNode, selection.anchorOffset);
    const head = view.posAtDOM(focusNode, selection.focusOffset);
    if (view.state.selection.anchor === anchor && view.state.selection.head === head) return;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, anchor, head)));
  } catch {
    // A position ProseMirror cannot map (outside any text): its own selectionchange handling remains.
  }
}

export const ReadOnlyCaret = Extension.create({
  name: "readOnlyCaret",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("readOnlyCaret"),
        props: {
          // A tab stop only while read-only: an editable contenteditable is focusable anyway.
          attributes: (): Record<string, string> => (this.editor.isEditable ? {} : { tabindex: "0" }),
          // handleDOMEvents, not handleKeyDown: ProseMirror skips its key handlers while not editable.
          handleDOMEvents: {
            focus: (view) => {
              if (!view.editable) caretIntoText(view);
              return false;
            },
            keydown: (view, event) => {
              if (view.editable || event.altKey || event.metaKey) return false;
              const key = KEYS[event.key];
              const selection = window.getSelection() as ModifiableSelection | null;
              if (!key || !selection?.modify) return false;
              caretIntoText(view);
              selection.modify(event.shiftKey ? "extend" : "move", key.direction, event.ctrlKey && key.ctrlBy ? key.ctrlBy : key.by);
              event.preventDefault();
              syncSelection(view, selection);
              return true;
            },
          },
        },
      }),
    ];
  },
});
