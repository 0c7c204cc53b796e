// The list of position papers the user may read (/documents) and the form that starts a new one.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DocumentList } from "../components/document-list.tsx";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, SelectField, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { createDocument, loadPaperList, spaceForNewPaper } from "../models/documents.server.ts";
import { consumeRateLimit } from "../models/rate-limit.server.ts";
import documentStyles from "../styles/documents.css?url";
import { CreateDocumentSchema, DOCUMENT_TEMPLATES } from "../forms/document-schemas.ts";
import { actionRetryAfter, parseForm, retryAfter } from "../forms/parse.server.ts";
import { can } from "../domain/permissions.ts";
import { forbidden, requireUser } from "../auth/permissions.server.ts";
import { constraintOf } from "../forms/constraints.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: documentStyles }];

export const meta: MetaFunction = () => [{ title: `${m.documents.title} – ${m.appName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadPaperList(user);
}

/** A refused write (429) tells the browser when to retry. */
export const headers = actionRetryAfter;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, CreateDocumentSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const resource = await spaceForNewPaper(submission.value.spaceId);
  if (!resource || !can(user, "create-document", resource)) forbidden();
  const limit = await consumeRateLimit(user.id, "document");
  if (!limit.ok) return data({ result: submission.reply({ formErrors: [m.errors.rateLimited(limit.retrySeconds)] }) }, { status: 429, headers: retryAfter(limit) });
  const created = await createDocument(user.id, { ...submission.value, templateIntro: m.documents.create.templateIntro });
  return redirect(`/documents/${created.id}`);
}

export default function DocumentsPage() {
  const { documents, creatable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = m.documents.create;
  const [form, fields] = useForm({
    id: "document-new",
    lastResult: actionData?.result,
    constraint: constraintOf(CreateDocumentSchema),
    defaultValue: { template: "position-paper", spaceId: creatable[0]?.id },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateDocumentSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <h1>{m.documents.title}</h1>
      <p>{m.documents.intro}</p>
      <DocumentList documents={documents} />
      {creatable.length ? (
        <section className="card" aria-labelledby="document-new-heading" style={{ marginTop: "1.5rem" }}>
          <h2 id="document-new-heading">{t.heading}</h2>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField field={fields.title} label={t.title} />
            <SelectField field={fields.spaceId} label={t.space} options={creatable.map((s) => ({ value: s.id, label: s.name }))} />
            <SelectField field={fields.template} label={t.template} options={DOCUMENT_TEMPLATES.map((v) => ({ value: v, label: t.templates[v] }))} />
            <button type="submit" className="button">{t.submit}</button>
          </Form>
          <p><Link to="/documents/import" className="button secondary">{m.docx.import.link}</Link></p>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
