// Suggestion mode in the editor (decision 025). In "Vorschlagen" every local change to the text is
// intercepted before it reaches the document: it becomes a suggestion beside the text, and only the
// caret moves, so a suggester writes nothing to the Y.Doc (the server drops a commenter's updates in
// any case). Typing, deleting, replacing and pasting inline content within one paragraph are
// suggestible; Enter, multi-paragraph paste and formatting are refused with a hint.
//
// A burst of typing is gathered into one local "pending" suggestion (typing at its end appends,
// Backspace shortens it, adjacent deletions grow) and handed to `onPropose` once the person pauses,
// so one word is one suggestion, not one per key. Open suggestions from the server and the pending
// one are drawn as decorations: insertions as an <ins> widget in the author's colour, deletions as
// <del>. The DecorationSet is cached in plugin state and re-resolved only when the document or the
// rows change (see npm run bench:suggestions).
//
// Strg+Z undoes the suggester's own steps, never the text: first back through the pending
// suggestion's states, then by withdrawing the last suggestion sent (`onUndoSent`). Redo is not
// offered in "Vorschlagen" (Strg+Umschalt+Z and Strg+Y do nothing there).
import { Extension } from "@tiptap/core";
import { Fragment, type Node as PMNode, type Slice } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Mapping, ReplaceStep, type Step } from "@tiptap/pm/transform";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import * as Y from "yjs";
import type { SuggestionKind } from "../domain/model.ts";
import { SUGGESTION_LIMITS } from "../domain/model.ts";
import { resolveAnchor, type Mapping as YMapping } from "./anchors.ts";
import { bindingOf, isRemoteRender } from "./caret-sync.ts";
import type { InlineNode, SuggestionToApply } from "./suggestion-apply.ts";
import { suggestionAnchor } from "./suggestion-anchors.ts";

export type SuggestMode = "edit" | "suggest" | "read";

/** An open suggestion as the sidebar has it (GET /documents/<id>/suggestions). */
export type ShownSuggestion = SuggestionToApply & { authorColor: string; author: string };

/**
 * A suggestion made here and not yet sent: a range of the unchanged document and the proposed nodes,
 * plus its anchors, so the range survives y-tiptap's remote renders (which replace the whole document
 * and would map any plain position to its ends).
 */
export type Pending = { kind: SuggestionKind; from: number; to: number; nodes: InlineNode[]; text: string; anchor?: { anchorStart: string; anchorEnd: string } };

export type RefusalReason = "enter" | "structure" | "format" | "too-long";

type Options = {
  getMode: () => SuggestMode;
  /** The pending suggestion is complete: send it (the caller builds anchors from `view.state`). */
  onPropose: (pending: Pending, state: EditorState) => void;
  /** Strg+Z with nothing pending: take back the last suggestion this person sent (withdraw it). */
  onUndoSent: () => void;
  onRefuse: (reason: RefusalReason) => void;
  /** The author's colour for the pending suggestion. */
  color: string;
  /** How long a pause ends a burst of typing. */
  idleMs: number;
};

type Resolved = { id: string; from: number; to: number; stale: boolean };
/**
 * `history`: the earlier states of the pending suggestion in this burst (null = none yet), newest
 * last, so Strg+Z can step back through what the person typed or deleted before it is sent.
 */
type PluginState = { rows: ShownSuggestion[]; pending: Pending | null; history: Array<Pending | null>; decorations: DecorationSet; resolved: Resolved[]; activeId: string | null };

export const suggestModeKey = new PluginKey<PluginState>("suggestMode");
/** Meta: new rows from the server, a new pending suggestion, or the active card. */
type Meta = { rows?: ShownSuggestion[]; pending?: Pending | null; history?: Array<Pending | null>; activeId?: string | null };

/** Steps Strg+Z can take back before a burst is sent; older ones go (the suggestion itself stays). */
export const SUGGEST_UNDO_DEPTH = 200;

/** The pending suggestion's range now, found again from its anchors; null when its words are gone. */
function relocate(pending: Pending, binding: NonNullable<ReturnType<typeof bindingOf>>): Pending | null {
  if (!pending.anchor) return pending;
  const range = resolveAnchor(binding.doc, binding.type, binding.mapping, pending.anchor, { point: pending.kind === "insert" });
  return range ? { ...pending, ...range } : null;
}

/**
 * Where each open suggestion is now. Stale (null range) when an anchor no longer resolves, or a
 * deletion's words are no longer exactly the quoted ones; the card then says "veraltet".
 */
export function resolveSuggestions(doc: PMNode, ydoc: Y.Doc, fragment: Y.XmlFragment, mapping: YMapping, rows: ShownSuggestion[]): Resolved[] {
  return rows.map((s) => {
    const range = resolveAnchor(ydoc, fragment, mapping, s, { point: s.kind === "insert" });
    if (!range || (s.kind !== "insert" && doc.textBetween(range.from, range.to, " ", " ") !== s.quote)) return { id: s.id, from: 0, to: 0, stale: true };
    return { id: s.id, ...range, stale: false };
  });
}

function renderIns(nodes: InlineNode[], color: string, id: string, active: boolean) {
  return () => {
    const ins = document.createElement("ins");
    ins.className = `suggest-ins${active ? " suggest-active" : ""}`;
    ins.setAttribute("contenteditable", "false");
    ins.dataset.suggestionId = id;
    ins.style.setProperty("--suggest-color", color);
    for (const n of nodes) {
      let el: Node = document.createTextNode(n.text ?? "");
      for (const mark of n.marks ?? []) {
        const tag = mark.type === "bold" ? "strong" : mark.type === "italic" ? "em" : null;
        if (!tag) continue;
        const wrap = document.createElement(tag);
        wrap.appendChild(el);
        el = wrap;
      }
      ins.appendChild(el);
    }
    return ins;
  };
}

export function buildDecorations(doc: PMNode, rows: ShownSuggestion[], resolved: Resolved[], pending: Pending | null, pendingColor: string, activeId: string | null) {
  const decorations: Decoration[] = [];
  const add = (id: string, kind: SuggestionKind, from: number, to: number, nodes: InlineNode[], color: string) => {
    const active = id === activeId;
    if (kind !== "insert" && to > from) {
      decorations.push(Decoration.inline(from, to, { nodeName: "del", class: `suggest-del${active ? " suggest-active" : ""}`, "data-suggestion-id": id, style: `--suggest-color: ${color}` }));
    }
    if (kind !== "delete" && nodes.length) {
      const key = `${id}:${active ? 1 : 0}:${JSON.stringify(nodes)}`;
      decorations.push(Decoration.widget(to, renderIns(nodes, color, id, active), { side: -1, key, ignoreSelection: true }));
    }
  };
  rows.forEach((s, i) => {
    const r = resolved[i];
    if (r && !r.stale) add(s.id, s.kind, r.from, r.to, s.insertJson, s.authorColor);
  });
  if (pending) add("pending", pending.kind, pending.from, pending.to, pending.nodes, pendingColor);
  return DecorationSet.create(doc, decorations);
}

/** The inline content of a step's slice, or null when it is structural (paragraphs, breaks, mentions). */
function inlineNodesOf(slice: Slice): InlineNode[] | null {
  let content: Fragment = slice.content;
  if (content.childCount === 1 && content.firstChild!.isTextblock && slice.openStart >= 1 && slice.openEnd >= 1) content = content.firstChild!.content;
  const nodes: InlineNode[] = [];
  let ok = true;
  content.forEach((node) => {
    if (!node.isText) ok = false;
    else nodes.push(node.toJSON() as InlineNode);
  });
  return ok ? nodes : null;
}

const plain = (nodes: InlineNode[]) => nodes.map((n) => n.text ?? "").join("");
const sameMarks = (a: InlineNode, b: InlineNode) => JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);

/** Appends nodes, joining neighbours with the same marks (so "ab" typed twice is one text node). */
function joinNodes(a: InlineNode[], b: InlineNode[]) {
  const out = a.map((n) => ({ ...n }));
  for (const n of b) {
    const last = out[out.length - 1];
    if (last && sameMarks(last, n)) last.text = (last.text ?? "") + (n.text ?? "");
    else out.push({ ...n });
  }
  return out;
}

function dropLastChar(nodes: InlineNode[]) {
  const out = nodes.map((n) => ({ ...n }));
  const last = out[out.length - 1];
  if (!last) return out;
  const chars = [...(last.text ?? "")];
  chars.pop();
  last.text = chars.join("");
  if (!last.text) out.pop();
  return out;
}

/** True when from..to lies within one textblock (a suggestion never crosses a paragraph in v1). */
function withinOneTextblock(doc: PMNode, from: number, to: number) {
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  return $from.parent.isTextblock && $from.sameParent($to);
}

type Outcome = { pending: Pending | null; flush: Pending | null; caret: number };

/**
 * The merge rules for one intercepted change of from..to (in the unchanged document) to `nodes`:
 * typing at the end of my pending insertion appends to it; Backspace there shortens it; a deletion
 * next to my pending deletion grows it; typing over a selection is a replacement. Anything else
 * sends the pending suggestion and starts a new one.
 */
export function mergeChange(pending: Pending | null, from: number, to: number, nodes: InlineNode[], backspace: boolean): Outcome {
  const text = plain(nodes);
  if (pending) {
    if (pending.kind !== "delete" && from === to && from === pending.to && text) {
      const joined = joinNodes(pending.nodes, nodes);
      return { pending: { ...pending, nodes: joined, text: plain(joined) }, flush: null, caret: from };
    }
    if (pending.kind === "insert" && backspace && to === pending.to && !text) {
      const shorter = dropLastChar(pending.nodes);
      return { pending: shorter.length ? { ...pending, nodes: shorter, text: plain(shorter) } : null, flush: null, caret: pending.to };
    }
    if (pending.kind === "delete" && !text && (to === pending.from || from === pending.to)) {
      const grown = { ...pending, from: Math.min(from, pending.from), to: Math.max(to, pending.to) };
      return { pending: grown, flush: null, caret: backspace ? grown.from : grown.to };
    }
  }
  const next: Pending | null = from === to
    ? (text ? { kind: "insert", from, to, nodes, text } : null)
    : { kind: text ? "replace" : "delete", from, to, nodes: text ? nodes : [], text };
  const caret = !next ? from : next.kind === "delete" && backspace ? from : to;
  return { pending: next, flush: pending, caret };
}

/**
 * One intercepted change with its undo history: `history` gains the state before the change; when
 * the change starts a new suggestion (the previous one is sent), the history starts over with
 * "nothing pending", since a sent suggestion is taken back by withdrawing it, not step by step.
 */
export function recordChange(pending: Pending | null, history: Array<Pending | null>, from: number, to: number, nodes: InlineNode[], backspace: boolean) {
  const outcome = mergeChange(pending, from, to, nodes, backspace);
  const next = outcome.flush ? [null] : [...history, pending];
  return { ...outcome, history: next.slice(-SUGGEST_UNDO_DEPTH) };
}

/**
 * Strg+Z in "Vorschlagen" while a suggestion is pending: back to its previous state (or to none).
 * Never touches the text. Null when nothing is pending (then the last sent one is withdrawn).
 */
export function undoPending(pending: Pending | null, history: Array<Pending | null>): { pending: Pending | null; history: Array<Pending | null>; caret: number } | null {
  if (!pending) return null;
  const earlier = history.slice();
  const previous = earlier.pop() ?? null;
  const caret = !previous ? pending.from : previous.kind === "delete" ? previous.from : previous.to;
  return { pending: previous, history: earlier, caret };
}

export const SuggestModeExtension = Extension.create<Options>({
  name: "suggestMode",
  priority: 1000,

  addOptions() {
    return { getMode: () => "edit", onPropose: () => {}, onUndoSent: () => {}, onRefuse: () => {}, color: "#555555", idleMs: 800 };
  },

  addStorage() {
    return { timer: null as ReturnType<typeof setTimeout> | null, backspace: false };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<PluginState>({
        key: suggestModeKey,
        state: {
          init: (_config, state) => ({ rows: [], pending: null, history: [], resolved: [], activeId: null, decorations: DecorationSet.create(state.doc, []) }),
          apply: (tr, value, old, state) => {
            const meta = tr.getMeta(suggestModeKey) as Meta | undefined;
            if (!tr.docChanged && !meta) return value;
            let pending = meta && "pending" in meta ? meta.pending ?? null : value.pending;
            // A new pending state brings its history; a flush (pending: null alone) ends the burst's.
            const history = meta && "pending" in meta ? meta.history ?? [] : value.history;
            // Our plugin runs before y-tiptap's, whose state is not yet in `state`; the binding is one object, kept in `old`.
            const binding = bindingOf(state) ?? bindingOf(old);
            if (pending && tr.docChanged && !(meta && "pending" in meta)) {
              if (isRemoteRender(tr) && binding && pending.anchor) {
                // Someone else's change: find the range again from its anchors.
                pending = relocate(pending, binding);
              } else {
                const from = tr.mapping.map(pending.from, pending.kind === "insert" ? -1 : 1);
                const to = tr.mapping.map(pending.to, -1);
                pending = to < from ? null : { ...pending, from, to: pending.kind === "insert" ? from : to };
              }
            }
            const rows = meta?.rows ?? value.rows;
            const activeId = meta && "activeId" in meta ? meta.activeId ?? null : value.activeId;
            // Re-resolve only when the document or the rows changed; the cards read `resolved`.
            const resolved = binding && (tr.docChanged || meta?.rows) ? resolveSuggestions(state.doc, binding.doc, binding.type, binding.mapping, rows) : value.resolved;
            return { rows, pending, history, resolved, activeId, decorations: buildDecorations(state.doc, rows, resolved, pending, options.color, activeId) };
          },
        },
        props: {
          decorations: (state) => suggestModeKey.getState(state)?.decorations,
          handleDOMEvents: {
            // In "Vorschlagen" Tab and Shift+Tab leave the text for the next control (the cards), as in
            // any form. Otherwise the list keymap takes Tab in a list item to indent it, which a
            // suggestion cannot do: the key was refused with a hint and the keyboard stayed trapped.
            // Returning true skips ProseMirror's key handling without preventDefault, so the browser
            // moves the focus.
            keydown: (_view, event) => event.key === "Tab" && !event.ctrlKey && !event.altKey && !event.metaKey && options.getMode() === "suggest",
          },
        },
      }),
    ];
  },

  addKeyboardShortcuts() {
    const suggesting = () => this.options.getMode() === "suggest";
    const refuse = (reason: RefusalReason) => {
      this.options.onRefuse(reason);
      return true;
    };
    // Backspace and Delete in the middle of text are left to the browser by the default keymap; in
    // "Vorschlagen" they become ordinary deletes here, which the dispatch hook turns into suggestions.
    const remove = (backward: boolean) => () => {
      if (!suggesting()) return false;
      const { state } = this.editor;
      const { from, to, empty } = state.selection;
      let a = from;
      let b = to;
      if (empty) {
        const $pos = state.doc.resolve(from);
        if (backward ? $pos.parentOffset === 0 : $pos.parentOffset === $pos.parent.content.size) return refuse("structure");
        const text = $pos.parent.textBetween(0, $pos.parent.content.size, "\uFFFC", "\uFFFC");
        const segments = [...new Intl.Segmenter("de", { granularity: "grapheme" }).segment(text)];
        const offset = $pos.parentOffset;
        const seg = backward ? [...segments].reverse().find((s) => s.index < offset) : segments.find((s) => s.index >= offset);
        if (!seg) return true;
        a = $pos.start() + seg.index;
        b = a + seg.segment.length;
        // Backspace right after my pending insertion shortens it.
        const pending = suggestModeKey.getState(state)?.pending;
        if (backward && pending?.kind === "insert" && pending.to === from) { a = from; b = from; }
      }
      this.storage.backspace = backward;
      const tr = state.tr.delete(a, b);
      if (a === b) tr.setMeta("suggestBackspaceAt", a);
      this.editor.view.dispatch(tr);
      this.storage.backspace = false;
      return true;
    };
    // Strg+Z steps back through the pending suggestion, then withdraws the last one sent. Redo is not
    // offered in "Vorschlagen"; both keys are taken here so y-tiptap's undo never changes the text.
    const undo = () => {
      if (!suggesting()) return false;
      const view = this.editor.view;
      const current = suggestModeKey.getState(view.state);
      const step = undoPending(current?.pending ?? null, current?.history ?? []);
      if (!step) {
        this.options.onUndoSent();
        return true;
      }
      const binding = bindingOf(view.state);
      let pending = step.pending;
      let caret = step.caret;
      if (pending && binding) {
        // The earlier state's range, found again from its anchors (the text may have changed meanwhile).
        pending = relocate(pending, binding);
        if (pending) caret = pending.kind === "delete" ? pending.from : pending.to;
      }
      const tr = view.state.tr.setMeta(suggestModeKey, { pending, history: step.history } satisfies Meta);
      tr.setSelection(TextSelection.create(view.state.doc, Math.min(caret, view.state.doc.content.size)));
      view.dispatch(tr);
      if (this.storage.timer) clearTimeout(this.storage.timer);
      this.storage.timer = pending ? setTimeout(() => flushPending(this.editor.view, this.options.onPropose), this.options.idleMs) : null;
      return true;
    };
    return {
      "Mod-z": undo,
      "Mod-Shift-z": () => suggesting(),
      "Mod-y": () => suggesting(),
      Backspace: remove(true),
      Delete: remove(false),
      "Mod-Backspace": remove(true),
      "Mod-Delete": remove(false),
      Enter: () => (suggesting() ? refuse("enter") : false),
      "Shift-Enter": () => (suggesting() ? refuse("enter") : false),
      "Mod-b": () => (suggesting() ? refuse("format") : false),
      "Mod-i": () => (suggesting() ? refuse("format") : false),
    };
  },

  dispatchTransaction({ transaction: tr, next }) {
    const view = this.editor.view;
    const state = view.state;
    // Only local changes in "Vorschlagen" are intercepted; remote renders and selection moves pass.
    const backspaceAt = tr.getMeta("suggestBackspaceAt") as number | undefined;
    if (this.options.getMode() !== "suggest" || (!tr.docChanged && backspaceAt === undefined) || isRemoteRender(tr) || tr.getMeta(suggestModeKey)) return next(tr);
    const steps: Step[] = tr.steps;
    if (steps.some((s) => !(s instanceof ReplaceStep))) {
      this.options.onRefuse(steps.some((s) => s.constructor.name.includes("Mark")) ? "format" : "structure");
      return next(state.tr.setMeta(suggestModeKey, {}));
    }
    let pending = suggestModeKey.getState(state)?.pending ?? null;
    let history = suggestModeKey.getState(state)?.history ?? [];
    let caret = state.selection.from;
    const flushes: Pending[] = [];
    const changes = backspaceAt !== undefined && !steps.length ? [{ from: backspaceAt, to: backspaceAt, slice: null }] : steps.map((step, i) => {
      // Map each step back to the unchanged document (not Mapping.slice().invert(): see the research note).
      const back = new Mapping(tr.mapping.maps.slice(0, i)).invert();
      const s = step as ReplaceStep & { from: number; to: number; slice: Slice };
      return { from: back.map(s.from, -1), to: back.map(s.to, 1), slice: s.slice };
    });
    for (const change of changes) {
      const nodes = change.slice ? inlineNodesOf(change.slice) : [];
      if (!nodes || !withinOneTextblock(state.doc, change.from, change.to)) {
        this.options.onRefuse("structure");
        return next(state.tr.setMeta(suggestModeKey, {}));
      }
      const outcome = recordChange(pending, history, change.from, change.to, nodes, Boolean(this.storage.backspace));
      if (outcome.pending && outcome.pending.text.length > SUGGESTION_LIMITS.textMax) {
        this.options.onRefuse("too-long");
        return next(state.tr.setMeta(suggestModeKey, {}));
      }
      if (outcome.flush) flushes.push(outcome.flush);
      pending = outcome.pending;
      history = outcome.history;
      caret = outcome.caret;
    }
    for (const p of flushes) this.options.onPropose(p, state);
    const binding = bindingOf(state);
    if (pending && binding) pending = { ...pending, anchor: suggestionAnchor(binding.type, binding.mapping, pending.kind, pending.from, pending.to) };
    const out = state.tr.setMeta(suggestModeKey, { pending, history } satisfies Meta);
    out.setSelection(TextSelection.create(state.doc, Math.min(caret, state.doc.content.size)));
    next(out);
    if (this.storage.timer) clearTimeout(this.storage.timer);
    this.storage.timer = setTimeout(() => flushPending(this.editor.view, this.options.onPropose), this.options.idleMs);
  },

  onBlur() {
    flushPending(this.editor.view, this.options.onPropose);
  },

  onDestroy() {
    if (this.storage.timer) clearTimeout(this.storage.timer);
  },
});

/** Sends the pending suggestion now (pause, blur, mode change). */
export function flushPending(view: { state: EditorState; dispatch: (tr: Transaction) => void; isDestroyed?: boolean }, onPropose: Options["onPropose"]) {
  if (view.isDestroyed) return;
  const pending = suggestModeKey.getState(view.state)?.pending;
  if (!pending) return;
  view.dispatch(view.state.tr.setMeta(suggestModeKey, { pending: null } satisfies Meta));
  onPropose(pending, view.state);
}

/** Gives the plugin the open suggestions from the server (after a load or a "suggestions" event). */
export function setShownSuggestions(view: { state: EditorState; dispatch: (tr: Transaction) => void }, rows: ShownSuggestion[]) {
  view.dispatch(view.state.tr.setMeta(suggestModeKey, { rows } satisfies Meta));
}

export function setActiveSuggestion(view: { state: EditorState; dispatch: (tr: Transaction) => void }, activeId: string | null) {
  view.dispatch(view.state.tr.setMeta(suggestModeKey, { activeId } satisfies Meta));
}

export function resolvedSuggestions(state: EditorState) {
  return suggestModeKey.getState(state)?.resolved ?? [];
}
