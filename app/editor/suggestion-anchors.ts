// Anchors of suggestions (decision 025), built like comment anchors (anchors.ts) but with the assoc
// each kind needs: an insertion is a point sticking to the character before it (assoc −1 at both
// ends), so text others type right after it stays after it; a deletion or replacement starts at its
// first covered character (assoc 0) and ends after its last (assoc −1), so text typed at either
// boundary stays outside. Helper D's DOCX import writes the same anchors.
import { absolutePositionToRelativePosition } from "@tiptap/y-tiptap";
import { toBase64 } from "lib0/buffer";
import * as Y from "yjs";
import type { SuggestionKind } from "../domain/model.ts";
import { anchorFromRange, type Anchor, type Mapping } from "./anchors.ts";

export function suggestionAnchor(fragment: Y.XmlFragment, mapping: Mapping, kind: SuggestionKind, from: number, to: number): Anchor {
  if (kind !== "insert") return anchorFromRange(fragment, mapping, from, to);
  const point = toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(from, fragment, mapping) as Y.RelativePosition));
  return { anchorStart: point, anchorEnd: point };
}
