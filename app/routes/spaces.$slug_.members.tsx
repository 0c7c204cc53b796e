// Member management for chairs and admins. Adding someone takes their e-mail address; with
// JavaScript a look-up suggests a few matching people as one types (spaces.$slug_.member-lookup.ts),
// so the page never lists every user's address.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, Notice, SelectField, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { addMember, changeMemberRole, findActiveUserIdByEmail, listMembers, removeMember } from "../models/spaces.server.ts";
import { MEMBER_LOOKUP, SPACE_ROLES, type SpaceRole } from "../domain/model.ts";
import { parseForm } from "../forms/parse.server.ts";
import { requireSpacePermission } from "../auth/permissions.server.ts";
import { MembershipSchema } from "../forms/schemas.ts";
import { DataTable } from "../components/data-table.tsx";
import { constraintOf } from "../forms/constraints.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${m.admin.manageMembers}: ${data?.space.name ?? ""} – ${m.appName}` }];

const ROLE_OPTIONS = SPACE_ROLES.map((r) => ({ value: r, label: m.roles.space[r] }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { space } = await requireSpacePermission(request, params.slug ?? "", "manage-members");
  const members = await listMembers(space.id);
  return {
    space: { slug: space.slug, name: space.name },
    members: members.map((mb) => ({ id: mb.id, role: mb.role as SpaceRole, name: mb.user.name, organisation: mb.user.organisation?.name ?? null })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, space } = await requireSpacePermission(request, params.slug ?? "", "manage-members");
  const submission = await parseForm(request, MembershipSchema);
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
  const input = submission.value;
  if (input.intent === "add") {
    const targetId = await findActiveUserIdByEmail(input.email);
    if (!targetId) return data({ result: submission.reply({ fieldErrors: { email: [m.admin.memberUnknownEmail] } }), notice: null }, { status: 400 });
    const result = await addMember(user.id, space.id, targetId, input.role);
    if (!result.ok) return data({ result: submission.reply({ formErrors: [m.admin.alreadyMember] }), notice: null }, { status: 409 });
    return { result: submission.reply({ resetForm: true }), notice: m.admin.memberAdded };
  }
  if (input.intent === "change-role") {
    await changeMemberRole(user.id, space.id, input.membershipId, input.role);
    return { result: submission.reply(), notice: m.admin.memberRoleChanged };
  }
  await removeMember(user.id, space.id, input.membershipId);
  return { result: submission.reply(), notice: m.admin.memberRemoved };
}

export default function SpaceMembersPage() {
  const { space, members } = useLoaderData<typeof loader>();
  const lookup = useFetcher<Array<{ name: string; email: string }>>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "add-member",
    lastResult: actionData?.result,
    constraint: constraintOf(MembershipSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MembershipSchema }),
  });
  return (
    <>
      <p><Link to={`/spaces/${space.slug}`}>← {space.name}</Link></p>
      <h1>{m.admin.manageMembers}: {space.name}</h1>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <DataTable columns={[m.spaces.name, m.spaces.organisation, m.spaces.role, m.admin.actions]}>
            {members.map((member) => (
              <tr key={member.id}>
                <td>{member.name}</td>
                <td>{member.organisation ?? m.common.none}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="membershipId" value={member.id} />
                    <label className="visually-hidden" htmlFor={`role-${member.id}`}>{m.admin.changeRole}: {member.name}</label>
                    <select id={`role-${member.id}`} name="role" defaultValue={member.role}>
                      {ROLE_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                    </select>
                    <button type="submit" className="button small secondary">{m.admin.changeRole}</button>
                  </Form>
                </td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="membershipId" value={member.id} />
                    <button type="submit" className="button small danger" aria-label={`${m.admin.remove}: ${member.name}`}>{m.admin.remove}</button>
                  </Form>
                </td>
              </tr>
            ))}
          </DataTable>
      <div className="card" style={{ marginTop: "1.5rem" }}>
        <h2>{m.admin.addMember}</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="add" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField
            field={fields.email as never} label={m.admin.memberEmail} hint={m.admin.memberEmailHint} type="email" autoComplete="off" list="member-candidates"
            onInput={(value) => {
              if (value.trim().length >= MEMBER_LOOKUP.minQuery) lookup.load(`/spaces/${space.slug}/member-lookup?${new URLSearchParams({ q: value.trim() })}`);
            }}
          />
          <datalist id="member-candidates">
            {(lookup.data ?? []).map((c) => <option key={c.email} value={c.email}>{c.name}</option>)}
          </datalist>
          <SelectField field={fields.role as never} label={m.spaces.role} options={ROLE_OPTIONS} />
          <button type="submit" className="button">{m.admin.add}</button>
        </Form>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
