import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, Notice, SelectField, TextAreaField, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { createSpace, listSpacesForAdmin } from "../models/spaces.server.ts";
import { SPACE_VISIBILITIES } from "../domain/model.ts";
import { parseForm } from "../forms/parse.server.ts";
import { requirePlatformPermission } from "../auth/permissions.server.ts";
import { SpaceSchema } from "../forms/schemas.ts";
import { DataTable } from "../components/data-table.tsx";
import { constraintOf } from "../forms/constraints.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformPermission(request, "administer");
  return { spaces: await listSpacesForAdmin() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformPermission(request, "administer");
  const submission = await parseForm(request, SpaceSchema);
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
  const result = await createSpace(admin.id, submission.value);
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: { slug: [m.admin.slugTaken] } }), notice: null }, { status: 409 });
  return { result: submission.reply({ resetForm: true }), notice: m.admin.spaceCreated(result.space.name) };
}

export default function AdminSpacesPage() {
  const { spaces } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "space",
    lastResult: actionData?.result,
    constraint: constraintOf(SpaceSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SpaceSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <section aria-labelledby="spaces-list">
        <h2 id="spaces-list">{m.admin.spaces}</h2>
        <DataTable columns={[m.admin.spaceName, m.admin.spaceVisibility, m.spaces.members, m.admin.actions]}>
              {spaces.map((s) => (
                <tr key={s.id}>
                  <td><Link to={`/spaces/${s.slug}`}>{s.name}</Link></td>
                  <td>{m.roles.visibility[s.visibility]}</td>
                  <td>{s.members}</td>
                  <td><Link to={`/spaces/${s.slug}/members`}>{m.admin.manageMembers}</Link></td>
                </tr>
              ))}
            </DataTable>
      </section>
      <section className="card" aria-labelledby="space-new" style={{ marginTop: "1.5rem" }}>
        <h2 id="space-new">{m.admin.spaceNew}</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.name} label={m.admin.spaceName} />
          <TextField field={fields.slug} label={m.admin.spaceSlug} hint={m.validation.slug} />
          <TextAreaField field={fields.description} label={m.admin.spaceDescription} />
          <SelectField field={fields.visibility} label={m.admin.spaceVisibility} options={SPACE_VISIBILITIES.map((v) => ({ value: v, label: m.roles.visibility[v] }))} />
          <button type="submit" className="button">{m.admin.spaceSubmit}</button>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
