// The table of position papers: /documents and each Gremium page show it.
import { Link } from "@remix-run/react";
import { m } from "../i18n/messages.ts";
import type { DocumentStatus } from "../utils/domain.ts";

export type DocumentListEntry = {
  id: string;
  title: string;
  status: DocumentStatus;
  updatedAt: string;
  space: { name: string; slug: string };
  editingNow: ReadonlyArray<{ name: string; color: string }>;
};

export function DocumentList({ documents, showSpace = true, caption = m.documents.listCaption }: { documents: ReadonlyArray<DocumentListEntry>; showSpace?: boolean; caption?: string }) {
  const t = m.documents;
  if (!documents.length) return <p>{t.empty}</p>;
  return (
    <div className="table-wrap">
      <table className="document-list">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.columns.title}</th>
            {showSpace ? <th scope="col">{t.columns.space}</th> : null}
            <th scope="col">{t.columns.status}</th>
            <th scope="col">{t.columns.updated}</th>
            <th scope="col">{t.columns.editing}</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id}>
              <td><Link to={`/documents/${d.id}`}>{d.title}</Link></td>
              {showSpace ? <td><Link to={`/spaces/${d.space.slug}`}>{d.space.name}</Link></td> : null}
              <td><span className={`badge badge-${d.status}`}>{t.status[d.status]}</span></td>
              <td><time dateTime={d.updatedAt}>{m.format.dateTime(d.updatedAt)}</time></td>
              <td>{d.editingNow.length ? <PresenceList people={d.editingNow} /> : <span className="muted">{t.nobodyEditing}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Names with a colour dot, e.g. for "who is editing now". */
export function PresenceList({ people, label }: { people: ReadonlyArray<{ name: string; color: string; self?: boolean }>; label?: string }) {
  return (
    <ul className="presence-list" aria-label={label}>
      {people.map((p, i) => (
        <li key={`${p.name}-${i}`}>
          <span className="presence-dot" style={{ backgroundColor: p.color }} aria-hidden="true" />
          {p.name}{p.self ? ` ${m.documents.editor.you}` : ""}
        </li>
      ))}
    </ul>
  );
}
