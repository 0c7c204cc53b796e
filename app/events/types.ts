// The domain events that a request records and the event processor expands off the request
// (docs/decisions/020). Each payload carries ids only: handlers read the current state when they
// run, so nothing reaches someone who can no longer read the target by then.

export type EventPayloads = {
  /** A reply or the opening post of a new thread. */
  "post.created": { postId: string; threadId: string; actorId: string; mentionIds: string[]; isNewThread: boolean };
  /** A post marked as the accepted answer: its author hears of it. */
  "answer.accepted": { threadId: string; postId: string; actorId: string };
  /** A comment on a paper (the first of a new comment thread, or a reply in one). */
  "comment.created": { commentId: string; actorId: string; isNewThread: boolean };
  /** A new suggestion on a paper: its editors hear of it (decision 025). */
  "suggestion.created": { suggestionId: string; actorId: string };
  /** A suggestion accepted or rejected: its author hears of it. */
  "suggestion.decided": { suggestionId: string; actorId: string };
  /** A new position paper: the Gremium's members hear of it. */
  "document.created": { documentId: string; actorId: string };
  /** A paper's status changed: review (comment period opened), adopted and published notify. */
  "document.status-changed": { documentId: string; actorId: string; from: string; to: string };
  /** Someone was granted a role on a paper (invited to read, comment or edit it). */
  "document.access-granted": { documentId: string; userId: string; actorId: string };
  /** POST /password/forgot: the lookup, the token and the mail happen off the request (issue 11). */
  "password.reset-requested": { email: string };
};

export type EventType = keyof EventPayloads;
export type DomainEvent = { [T in EventType]: { type: T; payload: EventPayloads[T] } }[EventType];
