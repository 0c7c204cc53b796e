// Makes sure ProseMirror never falls behind the Y.Doc unnoticed (issue 8, finding 1).
//
// y-tiptap renders every change that arrives in the Y.Doc by dispatching one ProseMirror transaction
// from its Yjs observer. If anything throws during that dispatch (a plugin's state, a decoration, a
// position helper such as ueberdosis/y-tiptap#48), y-tiptap has already rebuilt its Yjs↔ProseMirror
// mapping for the new content while the editor still shows the old document. Its next write from
// ProseMirror into Yjs (after any keystroke or selection change) then deletes what was never shown.
// This guard catches the exception at the observer, redraws the editor from the Y.Doc, and if even
// that fails it stops the binding from ever writing again and reports it, so the page can build a
// fresh editor on the same Y.Doc. Nothing the Y.Doc holds is lost either way.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type * as Y from "yjs";
import { bindingOf } from "./caret-sync.ts";

type ObservedBinding = {
  type: Y.XmlFragment;
  _observeFunction: (events: Array<Y.YEvent<Y.XmlFragment>>, transaction: Y.Transaction) => void;
  _prosemirrorChanged: (doc: unknown) => void;
  _forceRerender: () => void;
};

export type SyncGuardOptions = {
  /** Called when the editor could not be brought back in line with the Y.Doc; it no longer writes. */
  onDesync: (error: unknown) => void;
};

const guarded = new WeakSet<object>();

export const SyncGuard = Extension.create<SyncGuardOptions>({
  name: "syncGuard",
  // After Collaboration (priority 100), so y-tiptap's binding exists and has bound its observer.
  priority: 90,
  addOptions() {
    return { onDesync: () => {} };
  },
  addProseMirrorPlugins() {
    const { onDesync } = this.options;
    return [
      new Plugin({
        key: new PluginKey("sync-guard"),
        // y-tiptap's sync plugin has already bound its observer when plugin views are created.
        view: (view) => {
          const binding = bindingOf(view.state) as unknown as (ObservedBinding & { prosemirrorView: unknown }) | null;
          if (binding?.prosemirrorView && !guarded.has(binding)) {
            guarded.add(binding);
            const observe = binding._observeFunction;
            const safe: ObservedBinding["_observeFunction"] = (events, transaction) => {
              try {
                observe(events, transaction);
              } catch (error) {
                console.error("editor fell behind the shared document; redrawing", error);
                try {
                  binding._forceRerender();
                } catch (again) {
                  // The shown document is stale and cannot be redrawn: never write it into Yjs.
                  binding._prosemirrorChanged = () => {};
                  view.setProps({ editable: () => false });
                  onDesync(again);
                }
              }
            };
            // y-tiptap re-registers `_observeFunction` whenever its view is re-created, so replace both.
            binding.type.unobserveDeep(observe);
            binding._observeFunction = safe;
            binding.type.observeDeep(safe);
          }
          return {};
        },
      }),
    ];
  },
});
