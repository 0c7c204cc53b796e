// Keeps what a person types attached to where they typed it, when others type at the same spot
// (issue 8, finding 11: two people typing at the end of one paragraph got each other's words between
// their leading space and their text). Two upstream behaviours of @tiptap/y-tiptap 3.0.9 cause it:
//
// 1. Local typing → Yjs. y-tiptap turns the new ProseMirror text into Yjs operations by diffing old and
//    new paragraph text without the caret (`updateYText` uses lib0's `simpleDiff`). When the typed
//    character equals the one after the caret (a space typed in front of a collaborator's space), the
//    diff puts the insertion behind that character. The text reads the same, but in Yjs the caret now
//    sits in front of the person's own character, and their next keystroke lands there. lib0 has
//    `simpleDiffStringWithCursor` for this; Lexical's Yjs binding uses it, y-tiptap does not.
//    `TypeAtCaret` inserts a plain typed text at the caret's own Yjs position first, so y-tiptap's diff
//    then finds nothing to guess.
// 2. Remote change → local caret. y-tiptap restores the caret from Yjs relative positions and then
//    second-guesses the result (`recoverSelectionEndpoint`, added for drag-and-drop block moves in
//    ueberdosis/y-tiptap#39 and #41): whenever the caret's paragraph text changed and old and new text
//    share a prefix, it puts the caret back at its old offset in the paragraph, in front of a
//    collaborator's text that arrived before it; and a caret in an empty paragraph moves into another
//    empty paragraph someone else just created in front of it (counted by position among empty
//    paragraphs, cf. ueberdosis/tiptap#7332). `KeepCaret` uses the exact Yjs answer whenever the
//    character or paragraph the caret is glued to still exists; when it or its block was deleted
//    (a moved block), y-tiptap's recovery stands.
// 3. A caret at the end of a paragraph someone else is still typing (the end of the paper, where the
//    next person presses Enter) is glued by Yjs to the character in front of it, so their next
//    characters arrive behind it; Enter then splits their sentence and carries its tail ("eit.") into
//    the new paragraph, in front of whatever is typed there. `KeepCaret` moves such a caret along to
//    the end of the paragraph while the person has not typed into that paragraph themselves.
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { ReplaceStep } from "@tiptap/pm/transform";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

type Mapping = Parameters<typeof relativePositionToAbsolutePosition>[3];
type RelativeSelection = {
  type: string;
  anchor: Y.RelativePosition | null;
  head: Y.RelativePosition | null;
  /** The ProseMirror positions the relative ones were taken from (in the document before the change). */
  absAnchor?: number;
  absHead?: number;
};

/** The parts of y-tiptap's (unexported) ProsemirrorBinding this module relies on. */
export type SyncBinding = {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Mapping;
  /** Set by y-tiptap before every Yjs transaction: the local selection as relative positions. */
  beforeTransactionSelection: RelativeSelection | null;
  /** Writes the ProseMirror document into the Y.Doc (called after every local view update). */
  _prosemirrorChanged: (doc: PMNode) => void;
};

export function bindingOf(state: EditorState): SyncBinding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: SyncBinding } | undefined;
  return sync?.binding ?? null;
}

/** True for y-tiptap's transaction that renders a change that came from Yjs (another person, undo). */
export function isRemoteRender(tr: Transaction) {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

/**
 * The ProseMirror position of `rel` when Yjs can give it exactly: a position in a textblock whose
 * neighbouring character or node (or, at its start or in an empty block, the text or block itself)
 * and every enclosing block still exist. Null otherwise.
 */
export function exactPosition(binding: SyncBinding, rel: Y.RelativePosition | null, doc: PMNode): number | null {
  if (!rel) return null;
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, binding.doc, false);
  if (!abs || !(abs.type instanceof Y.XmlText || abs.type instanceof Y.XmlElement)) return null;
  if (rel.item) {
    const item = Y.getItem(binding.doc.store, rel.item);
    if (!(item instanceof Y.Item) || item.deleted) return null;
  }
  let type: Y.AbstractType<any> = abs.type;
  while (type._item) {
    if (type._item.deleted) return null;
    type = type._item.parent as Y.AbstractType<any>;
  }
  if (type !== binding.type) return null;
  const pos = relativePositionToAbsolutePosition(binding.doc, binding.type, rel, binding.mapping);
  if (pos === null || pos < 0 || pos > doc.content.size) return null;
  return doc.resolve(pos).parent.isTextblock ? pos : null;
}

/**
 * True when a collapsed caret sat at the end of a non-empty textblock that only others have typed
 * into, and they have only added text behind it: then the caret belongs at the end of the
 * block, behind their text. Yjs glues the caret to the character in front of it, so it would stay in
 * front of their new characters, and an Enter pressed there (a new paragraph at the end of the paper
 * while another person finishes the last one) would split their sentence and carry its tail into the
 * new paragraph. Once the person has typed into the paragraph, their caret stays where Yjs puts it
 * (glued to their own last character): that keeps two people typing at the same end apart
 * (finding 11).
 */
function caretFollowsAppendedText(binding: SyncBinding, before: RelativeSelection, oldDoc: PMNode, newDoc: PMNode, pos: number) {
  const rel = before.anchor;
  if (!rel?.item || rel.item.client === binding.doc.clientID || before.absAnchor === undefined) return false;
  if (before.absAnchor !== before.absHead || before.absAnchor > oldDoc.content.size) return false;
  const $old = oldDoc.resolve(before.absAnchor);
  if (!$old.parent.isTextblock || $old.parent.content.size === 0 || $old.pos !== $old.end()) return false;
  // Someone who has typed into this paragraph themselves keeps Yjs' answer (see above).
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, binding.doc);
  if (!abs || !(abs.type instanceof Y.XmlText)) return false;
  for (let item = abs.type._start; item; item = item.right) {
    if (!item.deleted && item.id.client === binding.doc.clientID) return false;
  }
  const $new = newDoc.resolve(pos);
  const oldText = $old.parent.textBetween(0, $old.parentOffset, undefined, "\u0000");
  const newText = $new.parent.textBetween(0, $new.parent.content.size, undefined, "\u0000");
  return $new.parentOffset === $old.parentOffset && $new.pos !== $new.end() && newText.startsWith(oldText);
}

const keepCaretKey = new PluginKey("keep-own-caret");

export const KeepCaret = Extension.create({
  name: "keepOwnCaret",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: keepCaretKey,
        appendTransaction: (trs, _old, state) => {
          if (!trs.some((tr) => tr.docChanged && isRemoteRender(tr))) return null;
          const binding = bindingOf(state);
          const before = binding?.beforeTransactionSelection;
          if (!binding || !before || before.type !== "text") return null;
          let anchor = exactPosition(binding, before.anchor, state.doc);
          let head = exactPosition(binding, before.head, state.doc);
          if (anchor === null || head === null) return null;
          if (anchor === head && caretFollowsAppendedText(binding, before, _old.doc, state.doc, anchor)) {
            anchor = head = state.doc.resolve(anchor).end();
          }
          if (state.selection.anchor === anchor && state.selection.head === head) return null;
          // Marked like y-tiptap's own render, so nothing treats the correction as a local edit.
          return state.tr
            .setSelection(TextSelection.create(state.doc, anchor, head))
            .setMeta("addToHistory", false)
            .setMeta(ySyncPluginKey, { isChangeOrigin: true });
        },
      }),
    ];
  },
});

/** Plain text typed at one position: one step inserting text nodes inside a textblock, nothing else. */
function typedText(tr: Transaction): { at: number; text: string } | null {
  if (tr.steps.length !== 1) return null;
  const step = tr.steps[0];
  if (!(step instanceof ReplaceStep) || step.from !== step.to) return null;
  const { slice } = step;
  if (slice.openStart !== 0 || slice.openEnd !== 0 || slice.content.childCount === 0) return null;
  let text = "";
  for (let i = 0; i < slice.content.childCount; i++) {
    const node = slice.content.child(i);
    if (!node.isText || !node.text) return null;
    text += node.text;
  }
  return tr.before.resolve(step.from).parent.isTextblock ? { at: step.from, text } : null;
}

/**
 * Inserts `typed` into the Y.XmlText at the caret's own Yjs position. Only when the Yjs text in front
 * of that position reads exactly like the ProseMirror text in front of the caret; otherwise nothing,
 * and y-tiptap's diff does the work as before.
 */
function insertAtCaret(binding: SyncBinding, before: PMNode, typed: { at: number; text: string }) {
  const rel = absolutePositionToRelativePosition(typed.at, binding.type, binding.mapping) as Y.RelativePosition;
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, binding.doc);
  if (!abs || !(abs.type instanceof Y.XmlText)) return;
  const ytext = abs.type;
  const ystring = (ytext.toDelta() as Array<{ insert: unknown }>).map((d) => (typeof d.insert === "string" ? d.insert : "\u0000")).join("");
  const $at = before.resolve(typed.at);
  const lead = Math.min(abs.index, $at.parentOffset);
  if (abs.index > ystring.length || ystring.slice(abs.index - lead, abs.index) !== before.textBetween(typed.at - lead, typed.at)) return;
  ytext.insert(abs.index, typed.text);
}

const typeAtCaretKey = new PluginKey("type-at-caret");
const wrapped = new WeakSet<object>();

export const TypeAtCaret = Extension.create({
  name: "typeAtCaret",
  // After Collaboration (priority 100), so y-tiptap's binding exists when this plugin's view starts.
  priority: 90,
  addProseMirrorPlugins() {
    // Local document changes since ProseMirror and Yjs last agreed (y-tiptap wrote the one into the
    // other, or rendered the other into the one); null when unknown, so only the plain "one keystroke
    // on an agreed document" case is handled here.
    let pending: Transaction[] | null = [];
    return [
      new Plugin({
        key: typeAtCaretKey,
        state: {
          init: () => null,
          apply: (tr) => {
            if (isRemoteRender(tr)) pending = pending?.length === 0 ? [] : null;
            else if (tr.docChanged && pending) pending.push(tr);
            return null;
          },
        },
        view: (view) => {
          const binding = bindingOf(view.state);
          if (binding && !wrapped.has(binding)) {
            wrapped.add(binding);
            const write = binding._prosemirrorChanged;
            binding._prosemirrorChanged = function (this: SyncBinding, doc: PMNode) {
              const trs = pending;
              pending = [];
              if (trs?.length === 1 && trs[0].doc === doc) {
                const typed = typedText(trs[0]);
                if (typed) {
                  try {
                    insertAtCaret(binding, trs[0].before, typed);
                  } catch (error) {
                    // The diff below still writes the text; only its position may be guessed.
                    console.warn("type-at-caret skipped", error);
                  }
                }
              }
              write.call(this, doc);
            };
          }
          return {};
        },
      }),
    ];
  },
});
