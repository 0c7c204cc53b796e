// Other people's carets, drawn so that no presence state can break the editor (issue 8, finding 1).
//
// y-tiptap's cursor plugin draws every awareness `cursor` it is given; a malformed one (`{}`, "x", a
// negative clock) throws inside its decorations. That exception escapes y-tiptap's render of a remote
// change, ProseMirror keeps the old document while y-tiptap's mapping already points at the new one,
// and the next keystroke writes the stale document back: other people's edits are deleted
// (ueberdosis/tiptap#7556; ueberdosis/y-tiptap#33 fixed only one missing-mapping case, 3.0.9 still
// draws whatever it gets). A `tname` other than "default" even creates that root type in every
// viewer's doc. So: only states whose cursor passes `isValidCursor` and whose `user` is an object
// reach y-tiptap, and if drawing still throws, the carets are dropped instead of the text.
// The server filters presence too; this guard must hold without it.
import CollaborationCaret, { type CollaborationCaretOptions } from "@tiptap/extension-collaboration-caret";
import { Plugin, type EditorState, type Transaction } from "@tiptap/pm/state";
import { DecorationSet } from "@tiptap/pm/view";
import { yCursorPlugin } from "@tiptap/y-tiptap";
import { isValidCursor } from "./cursor.ts";

type Awareness = Parameters<typeof yCursorPlugin>[0];
type CaretUser = { name: string; color: string };

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** The presence states y-tiptap may draw: someone else's, with a well-formed cursor and user. */
export function drawablePresence(ownClientId: number, clientId: number, state: unknown): boolean {
  if (ownClientId === clientId || typeof state !== "object" || state === null || Array.isArray(state)) return false;
  const { cursor, user } = state as { cursor?: unknown; user?: unknown };
  if (user != null && (typeof user !== "object" || Array.isArray(user))) return false;
  return isValidCursor(cursor);
}

/** The user as the caret shows it: a string name and a #rrggbb colour, whatever the state held. */
export function caretUser(user: unknown): CaretUser {
  const u = (typeof user === "object" && user !== null ? user : {}) as { name?: unknown; color?: unknown };
  return {
    name: typeof u.name === "string" ? u.name.slice(0, 80) : "",
    color: typeof u.color === "string" && COLOR.test(u.color) ? u.color : "#555555",
  };
}

/** y-tiptap's cursor plugin with its state functions fenced: an exception costs the carets, never the text. */
export function guardedCursorPlugin(awareness: Awareness, options: NonNullable<Parameters<typeof yCursorPlugin>[1]>): Plugin {
  const inner = yCursorPlugin(awareness, options);
  const field = inner.spec.state!;
  return new Plugin({
    ...inner.spec,
    state: {
      init: (config, state: EditorState) => {
        try {
          return field.init.call(inner, config, state);
        } catch (error) {
          console.warn("collaboration carets skipped", error);
          return DecorationSet.empty;
        }
      },
      apply: (tr: Transaction, value: DecorationSet, oldState: EditorState, newState: EditorState) => {
        try {
          return field.apply.call(inner, tr, value, oldState, newState);
        } catch (error) {
          console.warn("collaboration carets skipped", error);
          return DecorationSet.empty;
        }
      },
    },
  });
}

/** CollaborationCaret with the guarded cursor plugin; options, storage and commands unchanged. */
export const SafeCaret = CollaborationCaret.extend<CollaborationCaretOptions>({
  addProseMirrorPlugins() {
    // The parent's first plugin keeps `storage.users` and our own presence; its cursor plugin is replaced.
    const [listener] = this.parent?.() ?? [];
    const { provider, render, selectionRender } = this.options;
    const cursors = guardedCursorPlugin(provider.awareness, {
      awarenessStateFilter: drawablePresence,
      cursorBuilder: (user: unknown) => render(caretUser(user)),
      selectionBuilder: (user: unknown) => selectionRender(caretUser(user)),
    });
    return listener ? [listener, cursors] : [cursors];
  },
});
