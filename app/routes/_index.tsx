import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { ThreadList } from "../components/thread-list.tsx";
import { loadHomePage } from "../models/forum-pages.server.ts";
import { requireUser } from "../auth/permissions.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.start.title} – ${m.appName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadHomePage(user);
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
