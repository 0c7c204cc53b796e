// Verwaltung → Löschungen: pending account deletions (DSGVO Art. 17) with their due date; an admin
// can carry one out before its grace period ends. The job (server/jobs.ts) carries out the due ones.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { DataTable } from "../components/data-table.tsx";
import { Notice } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { parseForm } from "../forms/parse.server.ts";
import { CarryOutDeletionSchema } from "../forms/privacy-schemas.ts";
import { requirePlatformPermission } from "../auth/permissions.server.ts";
import { carryOutDeletion, listDeletionRequests } from "../models/privacy.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformPermission(request, "administer");
  return { requests: await listDeletionRequests() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformPermission(request, "administer");
  const submission = await parseForm(request, CarryOutDeletionSchema);
  if (submission.status !== "success") return data({ done: false }, { status: 400 });
  const done = await carryOutDeletion(submission.value.userId, admin.id);
  return data({ done }, { status: done ? 200 : 404 });
}

export default function AdminDeletionsPage() {
  const { requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = m.privacy.admin;
  return (
    <section aria-labelledby="deletions-title">
      <h2 id="deletions-title">{t.title}</h2>
      {actionData?.done ? <Notice>{t.done}</Notice> : null}
      <p>{t.intro}</p>
      {requests.length === 0 ? <p>{t.none}</p> : (
        <DataTable columns={[t.person, m.admin.email, t.requestedAt, t.dueAt, m.admin.actions]} caption={t.title}>
            {requests.map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td>{r.email}</td>
                <td>{m.format.dateTime(r.requestedAt)}</td>
                <td>{m.format.day(r.dueAt)}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="userId" value={r.id} />
                    <button type="submit" className="button small danger" aria-label={t.carryOutLabel(r.name)}>{t.carryOut}</button>
                  </Form>
                </td>
              </tr>
            ))}
        </DataTable>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
