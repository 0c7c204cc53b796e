import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { requirePlatformPermission } from "../auth/permissions.server.ts";

export const meta: MetaFunction = () => [{ title: `${m.admin.title} – ${m.appName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformPermission(request, "administer");
  return null;
}

const SECTIONS = [
  { to: "/admin", label: m.admin.users, end: true },
  { to: "/admin/invitations", label: m.admin.invitations },
  { to: "/admin/organisations", label: m.admin.organisations },
  { to: "/admin/spaces", label: m.admin.spaces },
  { to: "/admin/tags", label: m.forum.tagsAdmin },
  { to: "/admin/audit", label: m.admin.audit },
  { to: "/admin/outbox", label: m.mail.outbox.title },
  { to: "/admin/deletions", label: m.privacy.admin.nav },
  { to: "/admin/settings", label: m.signin.settings.nav },
];

export default function AdminLayout() {
  return (
    <>
      <h1>{m.admin.title}</h1>
      <nav aria-label={m.admin.sections} className="subnav">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.to}><NavLink to={s.to} end={s.end}>{s.label}</NavLink></li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
