// Verwaltung → Einladungen: admins invite people (the mail is queued with the invitation; the link
// is also shown once to copy) and revoke open invitations.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { InvitationForm } from "../components/invitation-form.tsx";
import { Notice } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { createInvitation, loadAdminInvitationsPage, revokeInvitation } from "../models/invitations.server.ts";
import { spaceExists } from "../models/spaces.server.ts";
import { consumeRateLimit } from "../models/rate-limit.server.ts";
import { actionRetryAfter, parseForm, retryAfter } from "../forms/parse.server.ts";
import { requirePlatformPermission } from "../auth/permissions.server.ts";
import { InvitationSchema, RevokeInvitationSchema } from "../forms/schemas.ts";
import { absoluteUrl } from "../infra/url.server.ts";
import { DataTable } from "../components/data-table.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformPermission(request, "administer");
  return loadAdminInvitationsPage();
}

/** A refused write (429) tells the browser when to retry. */
export const headers = actionRetryAfter;

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformPermission(request, "administer");
  const submission = await parseForm(request, (fd) => (fd.get("intent") === "revoke" ? RevokeInvitationSchema : InvitationSchema));
  if (submission.status !== "success") return data({ result: submission.reply(), inviteLink: null, notice: null }, { status: 400 });
  const input = submission.value;
  if ("invitationId" in input) {
    await revokeInvitation(admin.id, input.invitationId);
    return { result: null, inviteLink: null, notice: m.admin.inviteRevoked };
  }
  if (input.spaceId && !(await spaceExists(input.spaceId))) {
    return data({ result: submission.reply({ fieldErrors: { spaceId: [m.validation.choice] } }), inviteLink: null, notice: null }, { status: 400 });
  }
  const limit = await consumeRateLimit(admin.id, "invitation");
  if (!limit.ok) return data({ result: submission.reply({ formErrors: [m.errors.rateLimited(limit.retrySeconds)] }), inviteLink: null, notice: null }, { status: 429, headers: retryAfter(limit) });
  const result = await createInvitation(admin.id, input);
  if (!result.ok) {
    return data({ result: submission.reply({ fieldErrors: { email: [m.admin.inviteExistingUser] } }), inviteLink: null, notice: null }, { status: 409 });
  }
  return { result: submission.reply({ resetForm: true }), inviteLink: absoluteUrl(request, `/invite/${result.token}`), inviteMail: { to: input.email, delivered: result.mailDelivered }, notice: null };
}

export default function AdminInvitationsPage() {
  const { spaces, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <InvitationForm lastResult={actionData?.result} inviteLink={actionData?.inviteLink} inviteMail={actionData && "inviteMail" in actionData ? actionData.inviteMail : null} spaces={spaces} />
      <section aria-labelledby="invitations-title">
        <h2 id="invitations-title">{m.admin.invitations}</h2>
        {invitations.length === 0 ? <p>{m.admin.none}</p> : (
          <DataTable columns={[m.admin.email, m.admin.spaces, m.admin.status, m.admin.expires, m.admin.invitedBy, m.admin.actions]}>
                {invitations.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{i.space ? `${i.space} (${i.spaceRole ? m.roles.space[i.spaceRole] : ""})` : m.common.none}</td>
                    <td><span className={i.state === "open" ? "badge" : "badge off"}>{m.admin.invitationState[i.state]}</span></td>
                    <td>{m.format.dateTime(i.expiresAt)}</td>
                    <td>{i.invitedBy}</td>
                    <td>
                      {i.state === "open" ? (
                        <Form method="post">
                          <input type="hidden" name="invitationId" value={i.id} />
                          <button type="submit" name="intent" value="revoke" className="button small danger" aria-label={`${m.admin.inviteRevoke}: ${i.email}`}>{m.admin.inviteRevoke}</button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </DataTable>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
