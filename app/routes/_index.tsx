import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { ThreadList } from "../components/thread-list.tsx";
import { listReadableDocuments } from "../models/documents.server.ts";
import { groupNotificationsByTarget, listNotifications } from "../models/notifications.server.ts";
import { listMembers } from "../models/spaces.server.ts";
import { db } from "../db/prisma.server.ts";
import type { SpaceRole } from "../domain/model.ts";
import { requireUser } from "../auth/permissions.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.start.title} – ${m.appName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const spaces = await db.space.findMany({
    where: { memberships: { some: { userId: user.id } } },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, description: true },
  });
  const withMembers = await Promise.all(
    spaces.map(async (space) => ({
      ...space,
      myRole: user.memberships.find((mb) => mb.spaceId === space.id)?.role as SpaceRole,
      members: (await listMembers(space.id)).map((mb) => ({ id: mb.user.id, name: mb.user.name, role: mb.role as SpaceRole })),
    })),
  );
  // New activity since the last visit: threads in my Gremien with activity I have not read yet.
  const recent = await db.thread.findMany({
    where: { spaceId: { in: spaces.map((s) => s.id) }, deletedAt: null },
    orderBy: { lastActivityAt: "desc" },
    take: 30,
    select: {
      id: true, title: true, kind: true, pinned: true, locked: true, replyCount: true, lastActivityAt: true, acceptedPostId: true,
      author: { select: { name: true } }, tags: { select: { tag: { select: { id: true, name: true, slug: true } } } },
      reads: { where: { userId: user.id }, select: { lastReadAt: true } },
    },
  });
  const fresh = recent
    .filter((t) => !t.reads[0] || t.reads[0].lastReadAt < t.lastActivityAt)
    .slice(0, 10)
    .map(({ reads: _reads, tags, ...t }) => ({ ...t, tags: tags.map((x) => x.tag), unread: true }));
  // Grouped by thread or paper: several replies in one thread are one entry with a count.
  const notifications = groupNotificationsByTarget((await listNotifications(user, 50)).filter((n) => !n.readAt)).slice(0, 5);
  // Drafts in their comment period, soonest deadline first.
  const inReview = (await listReadableDocuments(user)).filter((doc) => doc.status === "review");
  const reviews = inReview
    .map((doc) => ({ id: doc.id, title: doc.title, space: doc.space.name, deadline: doc.reviewDeadline }))
    .sort((a, b) => (a.deadline ?? "").localeCompare(b.deadline ?? ""));
  return {
    name: user.name, spaces: withMembers, fresh, reviews,
    notifications: notifications.map(({ latest: n, count, actors }) => n.hidden
      ? { id: n.id, title: m.forum.notificationHidden, actor: "", count, href: "/notifications" }
      : { id: n.id, title: n.thread?.title ?? n.document?.title ?? "", actor: actors.join(", "), count, href: n.threadId ? `/threads/${n.threadId}${n.postId ? `?beitrag=${n.postId}#post-${n.postId}` : ""}` : `/documents/${n.documentId}` }),
  };
}

export default function StartPage() {
  const { name, spaces, fresh, notifications, reviews } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{m.start.welcome(name)}</h1>
      {reviews.length ? (
        <section aria-labelledby="in-review" className="card">
          <h2 id="in-review">{m.start.inReview}</h2>
          <ul className="plain-list">
            {reviews.map((doc) => (
              <li key={doc.id}>
                <Link to={`/documents/${doc.id}`}>{doc.title}</Link> <span className="muted">({doc.space})</span>{" "}
                {doc.deadline ? <strong className="badge warn">{m.review.deadlineUntil(m.format.day(doc.deadline))}</strong> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {notifications.length ? (
        <section aria-labelledby="my-notifications" className="card">
          <h2 id="my-notifications">{m.forum.notifications}</h2>
          <ul className="plain-list">
            {notifications.map((n) => (
              <li key={n.id} data-notification-group>
                <Link to={n.href}>{n.title}</Link>{n.actor ? <> <span className="muted">({n.actor})</span></> : null}
                {n.count > 1 ? <> <span className="badge">{m.forum.notificationGroupCount(n.count)}</span></> : null}
              </li>
            ))}
          </ul>
          <p><Link to="/notifications">{m.forum.notifications} →</Link></p>
        </section>
      ) : null}
      <section aria-labelledby="new-activity">
        <h2 id="new-activity">{m.forum.newActivity}</h2>
        {fresh.length ? <ThreadList threads={fresh} /> : <p>{m.forum.noNewActivity}</p>}
      </section>
      <section aria-labelledby="my-spaces">
        <h2 id="my-spaces">{m.start.mySpaces}</h2>
        {spaces.length === 0 ? <p>{m.start.noSpaces}</p> : null}
        <div className="grid">
          {spaces.map((space) => (
            <article key={space.id} className="card" aria-labelledby={`space-${space.id}`}>
              <h3 id={`space-${space.id}`}><Link to={`/spaces/${space.slug}`}>{space.name}</Link></h3>
              <p className="muted">{m.start.myRole(m.roles.space[space.myRole])} · {m.start.members(space.members.length)}</p>
              <ul className="plain-list">
                {space.members.map((member) => (
                  <li key={member.id}>
                    {member.name} <span className="badge">{m.roles.space[member.role]}</span>
                  </li>
                ))}
              </ul>
            </article>
          ))}
        </div>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
