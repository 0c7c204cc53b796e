import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { listLaender } from "../models/organisations.server.ts";
import type { OrganisationKind } from "../domain/model.ts";
import { getSessionUser } from "../auth/session.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.laender.title} – ${m.appName}` }];

// Public: the directory of Länder and organisations. Contact persons (personal data) only for members.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const laender = await listLaender({ withContacts: Boolean(user) });
  return { signedIn: Boolean(user), laender };
}

export default function LaenderPage() {
  const { laender, signedIn } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{m.laender.title}</h1>
      <p>{m.laender.intro}</p>
      {!signedIn ? <p className="muted">{m.laender.contactsHidden}</p> : null}
      <nav aria-label={m.laender.title} className="subnav">
        <ul>
          {laender.map((land) => (
            <li key={land.code}><a href={`#land-${land.code}`}>{land.code}</a></li>
          ))}
        </ul>
      </nav>
      <div className="stack">
        {laender.map((land) => {
          const coordination = land.organisations.filter((o) => o.kind === "coordination");
          const others = land.organisations.filter((o) => o.kind !== "coordination");
          const contacts = land.organisations.flatMap((o) => ("users" in o && o.users ? o.users.map((u) => ({ ...u, org: o.name })) : []));
          return (
            <section key={land.code} id={`land-${land.code}`} className="card land" aria-labelledby={`land-title-${land.code}`}>
              <h2 id={`land-title-${land.code}`}>{land.name} <span className="badge">{land.code}</span></h2>
              <h3>{m.laender.coordination}</h3>
              {coordination.length ? (
                <ul className="plain-list">
                  {coordination.map((org) => (
                    <li key={org.id}>
                      <strong>{org.name}</strong>
                      {org.description ? <> – {org.description}</> : null}
                      {org.website ? <> · <a href={org.website} rel="noopener noreferrer">{m.laender.website}</a></> : null}
                      {"contactName" in org && org.contactName ? <> · {m.laender.contact}: {org.contactName}</> : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{m.laender.noCoordination}</p>
              )}
              {others.length ? (
                <>
                  <h3>{m.laender.organisations}</h3>
                  <ul className="plain-list">
                    {others.map((org) => (
                      <li key={org.id}>
                        {org.name} <span className="badge">{m.roles.organisationKind[org.kind as OrganisationKind]}</span>
                        {org.website ? <> · <a href={org.website} rel="noopener noreferrer">{m.laender.website}</a></> : null}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {contacts.length ? (
                <>
                  <h3>{m.laender.contacts}</h3>
                  <ul className="plain-list">
                    {contacts.map((c) => (
                      <li key={c.id}>{c.name} <span className="muted">({c.org})</span></li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          );
        })}
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
