// Verwaltung → Postausgang: every mail with its state; failed ones can be sent again. Outside
// development the text is the redacted copy (no reset, invitation or unsubscribe links).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { DataTable } from "../components/data-table.tsx";
import { Notice } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { requirePlatformPermission } from "../auth/permissions.server.ts";
import { loadOutboxPage, retryOutboxMail } from "../models/outbox.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformPermission(request, "administer");
  return loadOutboxPage();
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformPermission(request, "administer");
  const form = await request.formData();
  const id = form.get("mailId");
  if (form.get("intent") !== "retry" || typeof id !== "string") return data({ retried: false }, { status: 400 });
  const retried = await retryOutboxMail(admin.id, id);
  return data({ retried }, { status: retried ? 200 : 409 });
}

export default function AdminOutboxPage() {
  const { mails, smtpConfigured } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = m.mail.outbox;
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t.title}</h2>
      {actionData?.retried ? <Notice>{t.retried}</Notice> : null}
      <p>{t.intro}</p>
      {smtpConfigured ? null : <p className="alert">{t.noSmtp}</p>}
      {mails.length === 0 ? <p>{t.none}</p> : (
        <DataTable columns={[t.when, t.to, t.subject, t.status]}>
          {mails.map((mail) => (
            <tr key={mail.id}>
              <td>{m.format.dateTime(mail.createdAt)}</td>
              <td>{mail.toAddress}</td>
              <td>
                <details>
                  <summary>{mail.subject}</summary>
                  <pre>{mail.text}</pre>
                </details>
              </td>
              <td>
                {t.statuses[mail.status]} ({t.attempts(mail.attempts)})
                {mail.lastError ? <><br /><small>{mail.lastError}</small></> : null}
                {mail.status === "failed" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="retry" />
                    <input type="hidden" name="mailId" value={mail.id} />
                    <button type="submit" className="button" aria-label={t.retryLabel(mail.toAddress)}>{t.retry}</button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
