import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "../models/notifications.server.ts";
import type { NotificationKind } from "../domain/model.ts";
import { parseForm } from "../forms/parse.server.ts";
import { requireUser } from "../auth/permissions.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.forum.notifications} – ${m.appName}` }];

const NotificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  z.object({ intent: z.literal("read-all") }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const notifications = await listNotifications(user);
  return {
    notifications: notifications.map((n) => ({
      id: n.id, read: Boolean(n.readAt), createdAt: n.createdAt,
      text: n.hidden ? m.forum.notificationHidden : describe(n.kind as NotificationKind, n.actor?.name ?? m.common.none, n.thread?.title ?? n.document?.title ?? "", Boolean(n.documentId)),
      href: n.hidden ? null : n.threadId ? `/threads/${n.threadId}${n.postId ? `?beitrag=${n.postId}#post-${n.postId}` : ""}` : n.documentId ? `/documents/${n.documentId}` : "/",
    })),
  };
}

function describe(kind: NotificationKind, actor: string, title: string, isDocument: boolean) {
  const forumKinds = m.forum.notification as Record<string, (a: string, t: string) => string>;
  const documentKinds = m.review.notification as Record<string, (a: string, t: string) => string>;
  return ((isDocument ? documentKinds[kind] : forumKinds[kind]) ?? forumKinds[kind])?.(actor, title) ?? title;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, NotificationActionSchema);
  if (submission.status === "success") {
    if (submission.value.intent === "read-all") await markAllNotificationsRead(user.id);
    else await markNotificationRead(user.id, submission.value.id);
  }
  return redirect("/notifications");
}

export default function NotificationsPage() {
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => !n.read).length;
  return (
    <>
      <h1>{m.forum.notifications}</h1>
      <p className="muted">{m.forum.unreadCount(unread)}</p>
      {unread ? (
        <Form method="post"><button type="submit" name="intent" value="read-all" className="button secondary">{m.forum.markAllRead}</button></Form>
      ) : null}
      {notifications.length === 0 ? <p>{m.forum.noNotifications}</p> : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.read ? "card" : "card unread"}>
              {n.href ? <Link to={n.href}>{n.text}</Link> : <p>{n.text}</p>}
              <p className="muted"><time dateTime={new Date(n.createdAt).toISOString()}>{m.format.dateTime(n.createdAt)}</time>{n.read ? null : <> · <strong>{m.forum.unread}</strong></>}</p>
              {n.read ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" name="intent" value="read" className="button small secondary" aria-label={`${m.forum.markRead}: ${n.text}`}>{m.forum.markRead}</button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
