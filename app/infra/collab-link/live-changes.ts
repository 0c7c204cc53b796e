// The server-made changes to a paper's live text, one pure handler per LiveChange type. The
// collaboration process runs the handler on a copy of the room's document inside one transaction,
// validates the resulting update like a client's, and answers the handler's result. Adding a change
// (e.g. accepting a suggestion) is one more entry in LIVE_CHANGE_HANDLERS.
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { YJS_FRAGMENT } from "../../domain/collab.ts";
import { richTextSchema, type JsonNode } from "../../editor/content.ts";
import { applySuggestionToDoc } from "../../editor/suggestion-apply.ts";
import { deriveFromState } from "../../editor/y-schema-guard.ts";
import { patchFragment } from "../../models/restore-change.server.ts";
import type { LiveChange, LiveChangeResults } from "./types.ts";

type Handlers = { [K in LiveChange["type"]]: (ydoc: Y.Doc, change: Extract<LiveChange, { type: K }>) => LiveChangeResults[K] };

export const LIVE_CHANGE_HANDLERS: Handlers = {
  restore(ydoc, change) {
    const before = Y.encodeStateAsUpdate(ydoc);
    // Derived before anything changes: if the current state cannot be read, the restore stops here.
    const beforeJson = deriveFromState(before).json;
    const scratch = new Y.Doc();
    try {
      const target = scratch.getXmlFragment(YJS_FRAGMENT);
      prosemirrorJSONToYXmlFragment(richTextSchema("document"), change.content as JsonNode, target);
      ydoc.transact(() => patchFragment(ydoc.getXmlFragment(YJS_FRAGMENT), target));
    } finally {
      scratch.destroy();
    }
    return { before, beforeJson };
  },
  "accept-suggestion"(ydoc, change) {
    return applySuggestionToDoc(ydoc, change.suggestion);
  },
};

/** Runs the handler for `change` (the caller provides the transaction and the validation). */
export function runLiveChange<C extends LiveChange>(ydoc: Y.Doc, change: C): LiveChangeResults[C["type"]] {
  const handler = LIVE_CHANGE_HANDLERS[change.type] as unknown as (ydoc: Y.Doc, change: C) => LiveChangeResults[C["type"]];
  if (!handler) throw new Error(`unknown live change ${String((change as { type?: unknown }).type)}`);
  return handler(ydoc, change);
}
