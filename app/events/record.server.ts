// Recording an event: one INSERT inside the caller's transaction, so the event exists exactly when
// the change that caused it committed. The processor is woken after the commit (`announce`).
import type { Queryable } from "../db/db.server.ts";
import { dbNow } from "../db/values.ts";
import type { DomainEvent } from "./types.ts";

type Waker = () => void;
const globalForEvents = globalThis as unknown as { __laenderforumEventWaker?: Waker };

export async function recordEvent(q: Queryable, event: DomainEvent) {
  const now = dbNow();
  await q.insertInto("Event").values({ type: event.type, payload: JSON.stringify(event.payload), createdAt: now, availableAt: now }).execute();
}

/** Call after the transaction that recorded events has committed: the processor runs them soon. */
export function announceEvents() {
  globalForEvents.__laenderforumEventWaker?.();
}

/** The processor registers here (shared through globalThis: the Remix build bundles this module too). */
export function setEventWaker(waker: Waker | undefined) {
  globalForEvents.__laenderforumEventWaker = waker;
}
