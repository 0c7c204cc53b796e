import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { m } from "../i18n/messages.ts";
import { listAuditEvents } from "../models/audit.server.ts";
import { requirePlatformPermission } from "../auth/permissions.server.ts";
import { DataTable } from "../components/data-table.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformPermission(request, "administer");
  return { events: await listAuditEvents() };
}

export default function AdminAuditPage() {
  const { events } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{m.admin.audit}</h2>
      {events.length === 0 ? <p>{m.admin.none}</p> : (
        <DataTable columns={[m.admin.auditWhen, m.admin.auditWho, m.admin.auditWhat, m.admin.auditObject]}>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{m.format.dateTime(e.createdAt)}</td>
                  <td>{e.actor?.name ?? m.common.none}</td>
                  <td><code>{e.action}</code></td>
                  <td>{e.targetType} {e.targetId}</td>
                </tr>
              ))}
            </DataTable>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
