// Notifications: `notify`, the one way to notify (who may read the target now, the in-app entry and
// the mail by preference), the unread badge, and the list, which re-checks access when it is shown
// (someone who lost access sees a neutral entry, no title). Event handlers (app/events/) call
// `notify` off the request; the deadline reminders call it from the periodic job.
import { db as kdb, type Queryable, type Tx } from "../db/db.server.ts";
import { dbNow, fromDbDate, newId } from "../db/values.ts";
import type { NotificationKind, SpaceVisibility } from "../domain/model.ts";
import type { EventPayloads } from "../events/types.ts";
import { can, type Actor } from "../domain/permissions.ts";
import { documentResource } from "./documents.server.ts";
import { queueNotificationMail } from "./mail-preferences.server.ts";

/** The permission view (`Actor`) of some users, for deciding who may read what. */
export async function loadActors(userIds: string[], q: Queryable = kdb): Promise<Actor[]> {
  if (!userIds.length) return [];
  const users = await q.selectFrom("User").select(["id", "role", "status"]).where("id", "in", userIds).execute();
  const memberships = await q.selectFrom("Membership").select(["userId", "spaceId", "role"]).where("userId", "in", userIds).execute();
  return users.map((u) => ({ ...u, memberships: memberships.filter((mb) => mb.userId === u.id).map(({ spaceId, role }) => ({ spaceId, role })) }));
}

/** What a notification is about: a thread (and the post in it) or a position paper. */
export type NotifyTarget = { threadId: string; postId?: string | null } | { documentId: string };

/** One thing that happened, with the people who might hear of it and what each would be told. */
export type NotifyEvent = {
  actorId: string | null;
  target: NotifyTarget;
  /** Candidates (one kind each); `notify` keeps those who may read (or comment, for review kinds) now. */
  recipients: Map<string, NotificationKind>;
  /** For "document-status": the status the paper moved to. */
  status?: "adopted" | "published";
};

/** Reminders and the comment period concern people who may comment; every other kind those who may read. */
const ACTION_OF_KIND: Partial<Record<NotificationKind, "comment">> = { "document-review": "comment", "document-deadline": "comment" };

/**
 * The one way to notify (issue 11), inside the caller's transaction (an event handler's, or the
 * periodic job's): keeps the candidates who may read the target now (`can`, on current state; never
 * the actor), writes their in-app notifications and queues each one's mail by their preference
 * (`queueNotificationMail`: instant now, daily/weekly for the overview, off nothing). Returns the
 * ids of the people notified.
 */
export async function notify(trx: Tx, event: NotifyEvent): Promise<string[]> {
  const candidates = new Map(event.recipients);
  if (event.actorId) candidates.delete(event.actorId);
  if (!candidates.size) return [];
  const target = await loadTarget(trx, event.target, [...candidates.keys()]);
  if (!target) return [];
  const actors = await loadActors([...candidates.keys()], trx);
  const recipients = actors.filter((a) => target.mayHear(a, candidates.get(a.id)!));
  if (!recipients.length) return [];
  const createdAt = dbNow();
  const threadId = "threadId" in event.target ? event.target.threadId : null;
  const postId = "threadId" in event.target ? (event.target.postId ?? null) : null;
  const documentId = "documentId" in event.target ? event.target.documentId : null;
  await trx.insertInto("Notification")
    .values(recipients.map((r) => ({ id: newId(), userId: r.id, kind: candidates.get(r.id)!, actorId: event.actorId, threadId, postId, documentId, createdAt })))
    .execute();
  const actorName = event.actorId
    ? ((await trx.selectFrom("User").select("name").where("id", "=", event.actorId).executeTakeFirst())?.name ?? null)
    : null;
  for (const r of recipients) {
    await queueNotificationMail(trx, {
      userId: r.id, kind: candidates.get(r.id)!,
      item: { actorName, title: target.title, spaceName: target.spaceName, path: target.path(postId), groupKey: target.groupKey, deadline: target.deadline, status: event.status },
    });
  }
  return recipients.map((r) => r.id);
}

/** The target as it is now (null when gone or deleted) and who may hear of it (`can`, per person and kind). */
async function loadTarget(trx: Tx, target: NotifyTarget, userIds: string[]) {
  if ("threadId" in target) {
    const thread = await trx.selectFrom("Thread").innerJoin("Space", "Space.id", "Thread.spaceId")
      .select(["Thread.id", "Thread.title", "Thread.spaceId", "Thread.deletedAt", "Space.name as spaceName", "Space.visibility"])
      .where("Thread.id", "=", target.threadId).executeTakeFirst();
    if (!thread || thread.deletedAt) return null;
    const space = { type: "space" as const, id: thread.spaceId, visibility: thread.visibility };
    return {
      title: thread.title, spaceName: thread.spaceName, groupKey: `thread:${thread.id}`, deadline: null,
      path: (postId: string | null) => `/threads/${thread.id}${postId ? `?beitrag=${postId}#post-${postId}` : ""}`,
      mayHear: (actor: Actor, _kind: NotificationKind) => can(actor, "read", space),
    };
  }
  const doc = await trx.selectFrom("Document").innerJoin("Space", "Space.id", "Document.spaceId")
    .select(["Document.id", "Document.title", "Document.status", "Document.spaceId", "Document.reviewDeadline", "Space.name as spaceName", "Space.visibility"])
    .where("Document.id", "=", target.documentId).executeTakeFirst();
  if (!doc) return null;
  const grants = new Map((await trx.selectFrom("DocumentAccess").select(["userId", "role"])
    .where("documentId", "=", doc.id).where("userId", "in", userIds).execute()).map((g) => [g.userId, g.role]));
  const paper = { spaceId: doc.spaceId, status: doc.status, space: { visibility: doc.visibility } };
  return {
    title: doc.title, spaceName: doc.spaceName, groupKey: `document:${doc.id}`,
    deadline: doc.status === "review" && doc.reviewDeadline ? fromDbDate(doc.reviewDeadline) : null,
    path: () => `/documents/${doc.id}`,
    mayHear: (actor: Actor, kind: NotificationKind) => can(actor, ACTION_OF_KIND[kind] ?? "read", documentResource(paper, grants.get(actor.id))),
  };
}

/**
 * The "post.created" expansion: mentioned people get "mention", watchers "reply" (or "new-thread"
 * for an opening post, from the Gremium's watchers), each person at most once.
 */
export async function fanOutPost(trx: Tx, event: EventPayloads["post.created"]) {
  const thread = await trx.selectFrom("Thread").select(["id", "spaceId"]).where("id", "=", event.threadId).executeTakeFirst();
  if (!thread) return 0;
  const watchers = await trx.selectFrom("Watch").select("userId")
    .where(event.isNewThread ? "spaceId" : "threadId", "=", event.isNewThread ? thread.spaceId : thread.id).execute();
  const candidates = new Map<string, NotificationKind>();
  for (const { userId } of watchers) candidates.set(userId, event.isNewThread ? "new-thread" : "reply");
  for (const id of event.mentionIds) candidates.set(id, "mention");
  return (await notify(trx, { actorId: event.actorId, target: { threadId: thread.id, postId: event.postId }, recipients: candidates })).length;
}

/** The members of a Gremium and everyone granted access to the paper: who may hear of the paper. */
export async function paperAudience(trx: Tx, documentId: string) {
  const doc = await trx.selectFrom("Document").select("spaceId").where("id", "=", documentId).executeTakeFirst();
  if (!doc) return [];
  const members = await trx.selectFrom("Membership").select("userId").where("spaceId", "=", doc.spaceId).execute();
  const granted = await trx.selectFrom("DocumentAccess").select("userId").where("documentId", "=", documentId).execute();
  return [...new Set([...members, ...granted].map((r) => r.userId))];
}

/** The header badge, on every page: one cached statement. */
export async function unreadNotificationCount(userId: string) {
  const row = await kdb.selectFrom("Notification").select((eb) => eb.fn.countAll<number>().as("n")).where("userId", "=", userId).where("readAt", "is", null).executeTakeFirstOrThrow();
  return row.n;
}

/**
 * A reader's notifications joined to their thread or paper as they are now, for the list and the
 * mail overview (app/mail/digest.server.ts). Whether the reader may still read the target is
 * decided by `readableNow`, not by the row's presence.
 */
export function notificationsWithTargets(q: Queryable, reader: Actor) {
  return q.selectFrom("Notification as n")
    .leftJoin("User as actor", "actor.id", "n.actorId")
    .leftJoin("Thread as t", "t.id", "n.threadId")
    .leftJoin("Space as ts", "ts.id", "t.spaceId")
    .leftJoin("Document as d", "d.id", "n.documentId")
    .leftJoin("Space as ds", "ds.id", "d.spaceId")
    .leftJoin("DocumentAccess as da", (j) => j.onRef("da.documentId", "=", "d.id").on("da.userId", "=", reader.id))
    .select([
      "n.id", "n.kind", "n.createdAt", "n.readAt", "n.postId", "n.threadId", "n.documentId", "actor.name as actorName",
      "t.id as tId", "t.title as threadTitle", "t.deletedAt as threadDeletedAt", "ts.visibility as threadVisibility", "t.spaceId as threadSpaceId", "ts.name as threadSpaceName",
      "d.id as dId", "d.title as documentTitle", "d.spaceId as documentSpaceId", "d.status as documentStatus", "d.reviewDeadline",
      "ds.visibility as documentVisibility", "ds.name as documentSpaceName", "da.role as grantedRole",
    ])
    .where("n.userId", "=", reader.id);
}

type NotificationWithTarget = Awaited<ReturnType<ReturnType<typeof notificationsWithTargets>["execute"]>>[number];

/** Whether the reader may read the notification's thread or paper now (deleted threads: no). */
export function readableNow(reader: Actor, r: NotificationWithTarget) {
  if (r.tId) return !r.threadDeletedAt && can(reader, "read", { type: "space", id: r.threadSpaceId!, visibility: r.threadVisibility as SpaceVisibility });
  if (r.dId) return can(reader, "read", documentResource({ spaceId: r.documentSpaceId!, status: r.documentStatus!, space: { visibility: r.documentVisibility! } }, r.grantedRole));
  return false;
}

/**
 * The reader's newest notifications. Access is checked now, not when they were sent: an entry whose
 * thread or paper the reader may no longer read (Gremium left, access withdrawn, thread deleted or
 * moved) comes back `hidden`, without title, actor or link target. One statement.
 */
export async function listNotifications(reader: Actor, take = 50) {
  const rows = await notificationsWithTargets(kdb, reader).orderBy("n.createdAt", "desc").limit(take).execute();
  return rows.map((r) => {
    const n = { id: r.id, kind: r.kind, createdAt: fromDbDate(r.createdAt), readAt: fromDbDate(r.readAt), postId: r.postId, threadId: r.threadId, documentId: r.documentId, actor: r.actorName === null ? null : { name: r.actorName } };
    if (!readableNow(reader, r)) return { ...n, hidden: true as const, threadId: null, postId: null, documentId: null, actor: null, thread: null, document: null };
    return { ...n, hidden: false as const, thread: r.tId ? { title: r.threadTitle! } : null, document: r.dId ? { title: r.documentTitle! } : null };
  });
}

type ListedNotification = Awaited<ReturnType<typeof listNotifications>>[number];

export type NotificationGroup = {
  /** The newest notification of the group (its link goes to the newest post). */
  latest: ListedNotification;
  count: number;
  /** Distinct names of the people who caused them, newest first. */
  actors: string[];
};

/**
 * One entry per thread or paper (newest first), so four replies in one thread are one line with a
 * count. Entries the reader may no longer read carry no target and are grouped into one.
 */
export function groupNotificationsByTarget(notifications: ListedNotification[]): NotificationGroup[] {
  const groups = new Map<string, NotificationGroup>();
  for (const n of notifications) {
    const key = n.hidden ? "hidden" : n.threadId ? `thread:${n.threadId}` : `document:${n.documentId}`;
    const group = groups.get(key) ?? { latest: n, count: 0, actors: [] };
    group.count += 1;
    const actor = n.actor?.name;
    if (actor && !group.actors.includes(actor)) group.actors.push(actor);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export async function markNotificationRead(userId: string, id: string) {
  await kdb.updateTable("Notification").set({ readAt: dbNow() }).where("id", "=", id).where("userId", "=", userId).where("readAt", "is", null).execute();
}

export async function markAllNotificationsRead(userId: string) {
  await kdb.updateTable("Notification").set({ readAt: dbNow() }).where("userId", "=", userId).where("readAt", "is", null).execute();
}
