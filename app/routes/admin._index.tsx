import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { Notice } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { findUserName, listUsers, setPlatformRole, setUserStatus } from "../models/users.server.ts";
import { parseForm } from "../forms/parse.server.ts";
import { notFound, requirePlatformPermission } from "../auth/permissions.server.ts";
import { UserAdminSchema } from "../forms/schemas.ts";
import { DataTable } from "../components/data-table.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requirePlatformPermission(request, "administer");
  return { currentUserId: admin.id, users: await listUsers() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformPermission(request, "administer");
  const submission = await parseForm(request, UserAdminSchema);
  if (submission.status !== "success") return data({ notice: null, error: m.errors.badRequest }, { status: 400 });
  const { intent, userId } = submission.value;
  if (userId === admin.id) return data({ notice: null, error: m.admin.cannotChangeSelf }, { status: 400 });
  const target = await findUserName(userId);
  if (!target) notFound();
  if (intent === "disable" || intent === "enable") {
    await setUserStatus(admin.id, userId, intent === "disable" ? "disabled" : "active");
    return { notice: intent === "disable" ? m.admin.userDisabled(target.name) : m.admin.userEnabled(target.name), error: null };
  }
  await setPlatformRole(admin.id, userId, intent === "make-admin" ? "admin" : "member");
  return { notice: m.admin.roleChanged(target.name), error: null };
}

export default function AdminUsersPage() {
  const { users, currentUserId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{m.admin.users}</h2>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {actionData?.error ? <div className="alert alert-error" role="alert"><p>{actionData.error}</p></div> : null}
      <DataTable columns={[m.admin.name, m.admin.email, m.admin.organisation, m.admin.role, m.admin.status, m.admin.actions]}>
            {users.map((user) => (
              <tr key={user.id} data-testid={`user-row-${user.email}`}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td>{user.organisation ?? m.common.none}</td>
                <td>{m.roles.platform[user.role]}</td>
                <td><span className={user.status === "active" ? "badge" : "badge off"}>{m.roles.status[user.status]}</span></td>
                <td>
                  {user.id === currentUserId || user.status === "deleted" ? null : (
                    <div className="inline-form">
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="userId" value={user.id} />
                        <button type="submit" name="intent" value={user.status === "disabled" ? "enable" : "disable"} className={`button small ${user.status === "disabled" ? "secondary" : "danger"}`} aria-label={`${user.status === "disabled" ? m.admin.enable : m.admin.disable}: ${user.name}`}>
                          {user.status === "disabled" ? m.admin.enable : m.admin.disable}
                        </button>
                      </Form>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="userId" value={user.id} />
                        <button type="submit" name="intent" value={user.role === "admin" ? "make-member" : "make-admin"} className="button small secondary" aria-label={`${user.role === "admin" ? m.admin.makeMember : m.admin.makeAdmin}: ${user.name}`}>
                          {user.role === "admin" ? m.admin.makeMember : m.admin.makeAdmin}
                        </button>
                      </Form>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
