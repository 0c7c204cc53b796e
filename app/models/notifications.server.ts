// Notifications: fan-out to people who may read the target, the unread badge, and the list, which
// re-checks access when it is shown (someone who lost access sees a neutral entry, no title).
import { db } from "../db/prisma.server.ts";
import { prepared } from "../db/sqlite.server.ts";
import { db as kdb, type Queryable, type Tx } from "../db/db.server.ts";
import { dbNow, newId } from "../db/values.ts";
import type { NotificationKind, SpaceVisibility } from "../domain/model.ts";
import type { EventPayloads } from "../events/types.ts";
import { can, type Actor } from "../domain/permissions.ts";
import { documentResource } from "./documents.server.ts";

/** The permission view (`Actor`) of some users, for deciding who may read what. */
export async function loadActors(userIds: string[], q: Queryable = kdb): Promise<Actor[]> {
  if (!userIds.length) return [];
  const users = await q.selectFrom("User").select(["id", "role", "status"]).where("id", "in", userIds).execute();
  const memberships = await q.selectFrom("Membership").select(["userId", "spaceId", "role"]).where("userId", "in", userIds).execute();
  return users.map((u) => ({ ...u, memberships: memberships.filter((mb) => mb.userId === u.id).map(({ spaceId, role }) => ({ spaceId, role })) }));
}

/**
 * Expands a new post (the "post.created" event, off the request): mentioned people get "mention",
 * watchers "reply" (or "new-thread" for an opening post, from the Gremium's watchers), each person
 * at most once, never the author, and only people who may read the thread now.
 */
export async function fanOutPost(trx: Tx, event: EventPayloads["post.created"]) {
  const thread = await trx.selectFrom("Thread").innerJoin("Space", "Space.id", "Thread.spaceId")
    .select(["Thread.id", "Thread.spaceId", "Thread.deletedAt", "Space.visibility"]).where("Thread.id", "=", event.threadId).executeTakeFirst();
  if (!thread || thread.deletedAt) return 0;
  const watchers = await trx.selectFrom("Watch").select("userId")
    .where(event.isNewThread ? "spaceId" : "threadId", "=", event.isNewThread ? thread.spaceId : thread.id).execute();
  const candidates = new Map<string, NotificationKind>();
  for (const { userId } of watchers) candidates.set(userId, event.isNewThread ? "new-thread" : "reply");
  for (const id of event.mentionIds) candidates.set(id, "mention");
  candidates.delete(event.actorId);

  const space = { type: "space" as const, id: thread.spaceId, visibility: thread.visibility };
  const readers = new Set((await loadActors([...candidates.keys()], trx)).filter((a) => can(a, "read", space)).map((a) => a.id));
  const createdAt = dbNow();
  const rows = [...candidates].filter(([userId]) => readers.has(userId))
    .map(([userId, kind]) => ({ id: newId(), userId, kind, actorId: event.actorId, threadId: thread.id, postId: event.postId, createdAt }));
  if (rows.length) await trx.insertInto("Notification").values(rows).execute();
  return rows.length;
}

export function notify(input: { userId: string; kind: NotificationKind; actorId: string; threadId?: string; postId?: string; documentId?: string }) {
  if (input.userId === input.actorId) return Promise.resolve(null);
  return db.notification.create({ data: input });
}

/** The header badge, on every page: a prepared statement, not a Prisma query. */
export function unreadNotificationCount(userId: string) {
  return (prepared(`SELECT count(*) AS n FROM "Notification" WHERE "userId" = ? AND "readAt" IS NULL`).get(userId) as { n: number }).n;
}

/**
 * The reader's newest notifications. Access is checked now, not when they were sent: an entry whose
 * thread or paper the reader may no longer read (Gremium left, access withdrawn, thread deleted or
 * moved) comes back `hidden`, without title, actor or link target.
 */
export async function listNotifications(reader: Actor, take = 50) {
  const rows = await db.notification.findMany({
    where: { userId: reader.id },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true, kind: true, createdAt: true, readAt: true, postId: true, threadId: true, documentId: true,
      actor: { select: { name: true } },
      thread: { select: { title: true, deletedAt: true, space: { select: { id: true, visibility: true } } } },
      document: { select: { title: true, spaceId: true, status: true, space: { select: { visibility: true } }, access: { where: { userId: reader.id }, select: { role: true } } } },
    },
  });
  return rows.map(({ thread, document, ...n }) => {
    const readable = thread
      ? !thread.deletedAt && can(reader, "read", { type: "space", id: thread.space.id, visibility: thread.space.visibility as SpaceVisibility })
      : document
        ? can(reader, "read", documentResource(document, document.access[0]?.role))
        : false;
    if (!readable) return { ...n, hidden: true as const, threadId: null, postId: null, documentId: null, actor: null, thread: null, document: null };
    return { ...n, hidden: false as const, thread: thread ? { title: thread.title } : null, document: document ? { title: document.title } : null };
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

export function markNotificationRead(userId: string, id: string) {
  return db.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: new Date() } });
}

export function markAllNotificationsRead(userId: string) {
  return db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
}
