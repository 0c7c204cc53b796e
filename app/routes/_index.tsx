import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { listMembers } from "../models/spaces.server.ts";
import { db } from "../utils/db.server.ts";
import type { SpaceRole } from "../utils/domain.ts";
import { requireUser } from "../utils/permissions.server.ts";

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
  return { name: user.name, spaces: withMembers };
}

export default function StartPage() {
  const { name, spaces } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{m.start.welcome(name)}</h1>
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
