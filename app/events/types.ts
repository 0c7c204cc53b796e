// The domain events that a request records and the event processor expands off the request
// (docs/decisions/020). Each payload carries ids only: handlers read the current state when they
// run, so nothing reaches someone who can no longer read the target by then.

export type EventPayloads = {
  /** A reply or the opening post of a new thread. */
  "post.created": { postId: string; threadId: string; actorId: string; mentionIds: string[]; isNewThread: boolean };
  /** POST /password/forgot: the lookup, the token and the mail happen off the request (issue 11). */
  "password.reset-requested": { email: string };
};

export type EventType = keyof EventPayloads;
export type DomainEvent = { [T in EventType]: { type: T; payload: EventPayloads[T] } }[EventType];
