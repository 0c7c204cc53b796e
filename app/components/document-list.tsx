// The table of position papers: /documents and each Gremium page show it.
import { Link } from "@remix-run/react";
import { m } from "../i18n/messages.ts";
import type { DocumentStatus } from "../domain/model.ts";
import { DataTable } from "./data-table.tsx";

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
    <DataTable columns={[t.columns.title, ...(showSpace ? [t.columns.space] : []), t.columns.status, t.columns.updated, t.columns.editing]} caption={caption} className="document-list">
          {documents.map((d) => (
            <tr key={d.id}>
              <td><Link to={`/documents/${d.id}`}>{d.title}</Link></td>
              {showSpace ? <td><Link to={`/spaces/${d.space.slug}`}>{d.space.name}</Link></td> : null}
              <td><span className={`badge badge-${d.status}`}>{t.status[d.status]}</span></td>
              <td><time dateTime={d.updatedAt}>{m.format.dateTime(d.updatedAt)}</time></td>
              <td>{d.editingNow.length ? <PresenceList people={d.editingNow} /> : <span className="muted">{t.nobodyEditing}</span>}</td>
            </tr>
          ))}
        </DataTable>
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
