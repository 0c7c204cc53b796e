import { Link } from "@remix-run/react";
import { m } from "../i18n/messages.ts";
import type { ThreadKind } from "../domain/model.ts";

type ThreadRow = {
  id: string; title: string; kind: string; pinned: boolean; locked: boolean; replyCount: number; lastActivityAt: string | Date;
  unread: boolean; acceptedPostId: string | null; author: { name: string }; tags: Array<{ id: string; name: string; slug: string }>;
};

export function ThreadList({ threads }: { threads: ThreadRow[] }) {
  return (
    <ul className="thread-list">
      {threads.map((t) => (
        <li key={t.id} className={t.unread ? "unread" : undefined}>
          <div className="thread-main">
            <Link to={`/threads/${t.id}`} className="thread-title">{t.title}</Link>
            {t.unread ? <span className="badge new">{m.forum.unread}</span> : null}
            <div className="badges">
              <span className="badge">{m.forum.kind[t.kind as ThreadKind]}</span>
              {t.pinned ? <span className="badge warn">{m.forum.pinned}</span> : null}
              {t.locked ? <span className="badge off">{m.forum.locked}</span> : null}
              {t.acceptedPostId ? <span className="badge">{m.forum.acceptedAnswer}</span> : null}
              {t.tags.map((tag) => <span key={tag.id} className="badge tag">{tag.name}</span>)}
            </div>
          </div>
          <div className="thread-meta muted">
            <span>{m.forum.startedBy(t.author.name)}</span>
            <span>{m.forum.replies(t.replyCount)}</span>
            <span>{m.forum.lastActivity}: <time dateTime={new Date(t.lastActivityAt).toISOString()}>{m.format.dateTime(t.lastActivityAt)}</time></span>
          </div>
        </li>
      ))}
    </ul>
  );
}
