import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, Notice, SelectField, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { createOrganisation, landExists, loadAdminOrganisationsPage } from "../models/organisations.server.ts";
import { ORGANISATION_KINDS } from "../domain/model.ts";
import { parseForm } from "../forms/parse.server.ts";
import { requirePlatformPermission } from "../auth/permissions.server.ts";
import { OrganisationSchema } from "../forms/schemas.ts";
import { DataTable } from "../components/data-table.tsx";
import { constraintOf } from "../forms/constraints.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformPermission(request, "administer");
  return loadAdminOrganisationsPage();
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformPermission(request, "administer");
  const submission = await parseForm(request, OrganisationSchema);
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
  if (submission.value.landCode && !(await landExists(submission.value.landCode))) {
    return data({ result: submission.reply({ fieldErrors: { landCode: [m.validation.choice] } }), notice: null }, { status: 400 });
  }
  const org = await createOrganisation(admin.id, submission.value);
  return { result: submission.reply({ resetForm: true }), notice: m.admin.orgCreated(org.name) };
}

export default function AdminOrganisationsPage() {
  const { organisations, laender } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "organisation",
    lastResult: actionData?.result,
    constraint: constraintOf(OrganisationSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <section className="card" aria-labelledby="org-new">
        <h2 id="org-new">{m.admin.orgNew}</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.name} label={m.admin.orgName} />
          <SelectField field={fields.kind} label={m.admin.orgKind} placeholder="" options={ORGANISATION_KINDS.map((k) => ({ value: k, label: m.roles.organisationKind[k] }))} />
          <SelectField field={fields.landCode} label={m.admin.orgLand} placeholder={m.admin.orgNoLand} options={laender.map((l) => ({ value: l.code, label: l.name }))} />
          <TextField field={fields.website} label={m.admin.orgWebsite} type="url" />
          <TextField field={fields.contactName} label={m.admin.orgContactName} />
          <TextField field={fields.contactEmail} label={m.admin.orgContactEmail} type="email" />
          <button type="submit" className="button">{m.admin.orgSubmit}</button>
        </Form>
      </section>
      <section aria-labelledby="org-list">
        <h2 id="org-list">{m.admin.organisations} ({organisations.length})</h2>
        <DataTable columns={[m.admin.orgName, m.admin.orgKind, m.admin.orgLand, m.admin.users]}>
              {organisations.map((o) => (
                <tr key={o.id}>
                  <td>{o.website ? <a href={o.website} rel="noopener noreferrer">{o.name}</a> : o.name}</td>
                  <td>{m.roles.organisationKind[o.kind]}</td>
                  <td>{o.land ?? m.common.none}</td>
                  <td>{o.people}</td>
                </tr>
              ))}
            </DataTable>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
