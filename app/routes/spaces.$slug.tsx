import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DocumentList } from "../components/document-list.tsx";
import { ThreadList } from "../components/thread-list.tsx";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { InvitationForm } from "../components/invitation-form.tsx";
import { m } from "../i18n/messages.ts";
import { setWatch } from "../models/forum.server.ts";
import { loadSpacePage } from "../models/forum-pages.server.ts";
import { createInvitation } from "../models/invitations.server.ts";
import { consumeRateLimit } from "../models/rate-limit.server.ts";
import { actionRetryAfter, parseFormData, readFormData, retryAfter } from "../forms/parse.server.ts";
import { can } from "../domain/permissions.ts";
import { forbidden, requireSpacePermission } from "../auth/permissions.server.ts";
import { InvitationSchema } from "../forms/schemas.ts";
import { absoluteUrl } from "../infra/url.server.ts";
import { DataTable } from "../components/data-table.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.space.name ?? m.spaces.title} – ${m.appName}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, space, resource } = await requireSpacePermission(request, params.slug ?? "", "read");
  const cursor = new URL(request.url).searchParams.get("nach");
  return loadSpacePage(user, space, resource, cursor);
}

/** A refused write (429) tells the browser when to retry. */
export const headers = actionRetryAfter;

export async function action({ request, params }: ActionFunctionArgs) {
  // Authorise before the body is read: everyone who posts here must at least read the Gremium.
  const { user, space, resource } = await requireSpacePermission(request, params.slug ?? "", "read");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "watch" || intent === "unwatch") {
    await setWatch(user.id, { spaceId: space.id }, intent === "watch");
    return { result: null, inviteLink: null };
  }
  if (!can(user, "invite", resource)) forbidden();
  const submission = parseFormData(formData, InvitationSchema);
  if (submission.status !== "success") return data({ result: submission.reply(), inviteLink: null }, { status: 400 });
  // A chair invites into this Gremium only, never as platform admin.
  if (submission.value.spaceId !== space.id || submission.value.platformRole !== "member") forbidden();
  const limit = await consumeRateLimit(user.id, "invitation");
  if (!limit.ok) return data({ result: submission.reply({ formErrors: [m.errors.rateLimited(limit.retrySeconds)] }), inviteLink: null }, { status: 429, headers: retryAfter(limit) });
  const result = await createInvitation(user.id, submission.value);
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: { email: [m.admin.inviteExistingUser] } }), inviteLink: null }, { status: 409 });
  return { result: submission.reply({ resetForm: true }), inviteLink: absoluteUrl(request, `/invite/${result.token}`), inviteMail: { to: submission.value.email, delivered: result.mailDelivered } };
}

export default function SpacePage() {
  const { space, members, canInvite, canManage, threads, nextCursor, isFirstPage, watching, canCreateThread, documents, canCreateDocument } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>{space.name}</h1>
      <p>{space.description}</p>
      <p className="muted">{m.spaces.visibility}: {m.roles.visibility[space.visibility]}</p>
      <div className="actions-row">
        {canCreateThread ? <Link className="button" to={`/spaces/${space.slug}/threads/new`}>{m.forum.newThread}</Link> : null}
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value={watching ? "unwatch" : "watch"} className="button secondary">{watching ? m.forum.unwatchSpace : m.forum.watchSpace}</button>
        </Form>
      </div>
      <section aria-labelledby="threads-title">
        <h2 id="threads-title">{m.forum.threads}</h2>
        {threads.length === 0 && isFirstPage ? <p>{m.forum.noThreads}</p> : <ThreadList threads={threads} />}
        {nextCursor ? <p><Link to={`?nach=${nextCursor}`}>{m.forum.moreThreads} →</Link></p> : null}
      </section>
      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{m.documents.title}</h2>
        <DocumentList documents={documents} showSpace={false} />
        {canCreateDocument ? <p><Link to="/documents">{m.documents.create.heading} →</Link></p> : null}
      </section>
      <section aria-labelledby="members-title">
        <h2 id="members-title">{m.spaces.members} ({members.length})</h2>
        <DataTable columns={[m.spaces.name, m.spaces.organisation, m.spaces.role]}>
              {members.map((member) => (
                <tr key={member.id}>
                  <td>{member.name}</td>
                  <td>{member.organisation ?? m.common.none}</td>
                  <td><span className="badge">{m.roles.space[member.role]}</span></td>
                </tr>
              ))}
            </DataTable>
        {canManage ? <p><Link to={`/spaces/${space.slug}/members`}>{m.admin.manageMembers}</Link></p> : null}
      </section>
      {canInvite ? (
        <section aria-label={m.spaces.invite}>
          <InvitationForm lastResult={actionData?.result} inviteLink={actionData?.inviteLink} inviteMail={actionData && "inviteMail" in actionData ? actionData.inviteMail : null} fixedSpaceId={space.id} />
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
