// Presence (awareness) on the server without a second JSON round trip: the entries a client sent are
// parsed once (protocol.ts decodeAwarenessUpdate), rebuilt by enforceAwareness, stringified once for
// relaying, and applied to the room's Awareness as objects. applyAwarenessEntries follows
// y-protocols' applyAwarenessUpdate (1.x) rule for rule, only without decoding bytes again.
import { equalityDeep } from "lib0/function";
import type { Awareness } from "y-protocols/awareness";
import { encodeAwarenessEntry, type AwarenessEntry } from "./protocol.ts";

/** As applyAwarenessUpdate: newer clocks win, a null state removes, "change"/"update" are emitted once. */
export function applyAwarenessEntries(awareness: Awareness, entries: AwarenessEntry[], origin: unknown) {
  const timestamp = Date.now();
  const added: number[] = [];
  const updated: number[] = [];
  const filteredUpdated: number[] = [];
  const removed: number[] = [];
  for (const entry of entries) {
    const { clientId, state } = entry;
    let clock = entry.clock;
    const meta = awareness.meta.get(clientId);
    const previous = awareness.states.get(clientId);
    const current = meta === undefined ? 0 : meta.clock;
    if (!(current < clock || (current === clock && state === null && awareness.states.has(clientId)))) continue;
    if (state === null) {
      // The server has no local state, but keep y-protocols' rule anyway.
      if (clientId === awareness.clientID && awareness.getLocalState() != null) clock++;
      else awareness.states.delete(clientId);
    } else {
      awareness.states.set(clientId, state as Record<string, unknown>);
    }
    awareness.meta.set(clientId, { clock, lastUpdated: timestamp });
    if (meta === undefined && state !== null) added.push(clientId);
    else if (meta !== undefined && state === null) removed.push(clientId);
    else if (state !== null) {
      if (!equalityDeep(state, previous)) filteredUpdated.push(clientId);
      updated.push(clientId);
    }
  }
  if (added.length || filteredUpdated.length || removed.length) awareness.emit("change", [{ added, updated: filteredUpdated, removed }, origin]);
  if (added.length || updated.length || removed.length) awareness.emit("update", [{ added, updated, removed }, origin]);
}

/** The encoded entry of a client as the room's Awareness holds it now (a removal encodes state null). */
export function currentAwarenessEntry(awareness: Awareness, clientId: number) {
  const clock = awareness.meta.get(clientId)?.clock ?? 0;
  return encodeAwarenessEntry(clientId, clock, JSON.stringify(awareness.states.get(clientId) ?? null));
}
