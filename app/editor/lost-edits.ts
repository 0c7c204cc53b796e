// What this browser typed that the server never took: when a status change freezes the text, the
// server stores everything it accepted, confirms it with a "saved" state vector, and drops whatever
// arrives later. The author's own Yjs items at or above the confirmed clock are exactly those
// keystrokes; they are shown to the author to copy, because the paper will not contain them.
import * as Y from "yjs";

/** True when the doc holds changes of its own client that `saved` (the server's durable state vector) does not cover. */
export function hasUnacknowledged(doc: Y.Doc, saved: Map<number, number>) {
  return Y.getState(doc.store, doc.clientID) > (saved.get(doc.clientID) ?? 0);
}

/**
 * The text of this client's items at or above `savedClock` that are still visible, in document order:
 * one line per contiguous run (a new paragraph or someone else's text in between starts a new line).
 * Deletions are not text and are not listed.
 */
export function unacknowledgedText(doc: Y.Doc, fragment: Y.XmlFragment, savedClock: number): string {
  const runs: string[] = [];
  let run = "";
  const flush = () => {
    if (run) runs.push(run);
    run = "";
  };
  const walk = (type: Y.AbstractType<unknown>) => {
    for (let item = type._start; item; item = item.right) {
      const content = item.content;
      if (item.deleted) continue;
      if (content instanceof Y.ContentType) {
        flush();
        walk(content.type as Y.AbstractType<unknown>);
        flush();
        continue;
      }
      if (!(content instanceof Y.ContentString)) continue;
      const end = item.id.clock + item.length;
      if (item.id.client === doc.clientID && end > savedClock) run += content.str.slice(Math.max(0, savedClock - item.id.clock));
      else flush();
    }
  };
  walk(fragment as Y.AbstractType<unknown>);
  flush();
  return runs.join("\n");
}
