import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { listReadableSpaces } from "../models/spaces.server.ts";
import type { SpaceRole, SpaceVisibility } from "../domain/model.ts";
import { spaceRoleOf } from "../domain/permissions.ts";
import { requireUser } from "../auth/permissions.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.spaces.title} – ${m.appName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const spaces = await listReadableSpaces(user);
  return {
    spaces: spaces.map((s) => ({
      slug: s.slug, name: s.name, description: s.description, visibility: s.visibility as SpaceVisibility,
      memberCount: s._count.memberships, myRole: spaceRoleOf(user, s.id) as SpaceRole | null,
    })),
  };
}

export default function SpacesPage() {
  const { spaces } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{m.spaces.title}</h1>
      <p>{m.spaces.intro}</p>
      {spaces.length === 0 ? <p>{m.spaces.none}</p> : null}
      <div className="grid">
        {spaces.map((space) => (
          <article key={space.slug} className="card" aria-labelledby={`space-${space.slug}`}>
            <h2 id={`space-${space.slug}`}><Link to={`/spaces/${space.slug}`}>{space.name}</Link></h2>
            <p>{space.description}</p>
            <p className="muted">
              {m.spaces.memberCount(space.memberCount)} · {m.roles.visibility[space.visibility]} · {m.spaces.yourRole}:{" "}
              {space.myRole ? m.roles.space[space.myRole] : m.spaces.notMember}
            </p>
          </article>
        ))}
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
