// Notifications: fan-out to people who may read the target, the unread badge, and the list, which
// re-checks access when it is shown (someone who lost access sees a neutral entry, no title).
import { db as kdb, type Queryable, type Tx } from "../db/db.server.ts";
import { dbNow, fromDbDate, newId } from "../db/values.ts";
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

export async function notify(input: { userId: string; kind: NotificationKind; actorId: string; threadId?: string; postId?: string; documentId?: string }) {
  if (input.userId === input.actorId) return null;
  await kdb.insertInto("Notification").values({ id: newId(), ...input, createdAt: dbNow() }).execute();
  return input;
}

/** The header badge, on every page: one cached statement. */
export async function unreadNotificationCount(userId: string) {
  const row = await kdb.selectFrom("Notification").select((eb) => eb.fn.countAll<number>().as("n")).where("userId", "=", userId).where("readAt", "is", null).executeTakeFirstOrThrow();
  return row.n;
}

/**
 * The reader's newest notifications. Access is checked now, not when they were sent: an entry whose
 * thread or paper the reader may no longer read (Gremium left, access withdrawn, thread deleted or
 * moved) comes back `hidden`, without title, actor or link target. One statement.
 */
export async function listNotifications(reader: Actor, take = 50) {
  const rows = await kdb.selectFrom("Notification as n")
    .leftJoin("User as actor", "actor.id", "n.actorId")
    .leftJoin("Thread as t", "t.id", "n.threadId")
    .leftJoin("Space as ts", "ts.id", "t.spaceId")
    .leftJoin("Document as d", "d.id", "n.documentId")
    .leftJoin("Space as ds", "ds.id", "d.spaceId")
    .leftJoin("DocumentAccess as da", (j) => j.onRef("da.documentId", "=", "d.id").on("da.userId", "=", reader.id))
    .select([
      "n.id", "n.kind", "n.createdAt", "n.readAt", "n.postId", "n.threadId", "n.documentId", "actor.name as actorName",
      "t.id as tId", "t.title as threadTitle", "t.deletedAt as threadDeletedAt", "ts.visibility as threadVisibility", "t.spaceId as threadSpaceId",
      "d.id as dId", "d.title as documentTitle", "d.spaceId as documentSpaceId", "d.status as documentStatus", "ds.visibility as documentVisibility", "da.role as grantedRole",
    ])
    .where("n.userId", "=", reader.id)
    .orderBy("n.createdAt", "desc")
    .limit(take)
    .execute();
  return rows.map((r) => {
    const n = { id: r.id, kind: r.kind, createdAt: fromDbDate(r.createdAt), readAt: fromDbDate(r.readAt), postId: r.postId, threadId: r.threadId, documentId: r.documentId, actor: r.actorName === null ? null : { name: r.actorName } };
    const readable = r.tId
      ? !r.threadDeletedAt && can(reader, "read", { type: "space", id: r.threadSpaceId!, visibility: r.threadVisibility as SpaceVisibility })
      : r.dId
        ? can(reader, "read", documentResource({ spaceId: r.documentSpaceId!, status: r.documentStatus!, space: { visibility: r.documentVisibility! } }, r.grantedRole))
        : false;
    if (!readable) return { ...n, hidden: true as const, threadId: null, postId: null, documentId: null, actor: null, thread: null, document: null };
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
