// /documents/import: "Aus Word-Datei erstellen". GET shows the form; POST (multipart: file, spaceId,
// tracked = suggest|accept) creates a paper from the .docx and redirects to it, or answers 4xx with a
// German message (docs/decisions/026). Who may create papers in the Gremium may import; the same rate
// limit as the new-paper form applies. The body limit of its own is set at the HTTP edge.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FieldErrors, FormErrors, SelectField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { DOCX_LIMITS } from "../domain/model.ts";
import { can } from "../domain/permissions.ts";
import { forbidden, requireUser } from "../auth/permissions.server.ts";
import { actionRetryAfter, parseFormData, readFormData, retryAfter } from "../forms/parse.server.ts";
import { ImportDocumentSchema, TRACKED_MODES } from "../forms/document-import.ts";
import { loadPaperList, spaceForNewPaper } from "../models/documents.server.ts";
import { importDocx } from "../models/document-import.server.ts";
import { consumeRateLimit } from "../models/rate-limit.server.ts";
import documentStyles from "../styles/documents.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: documentStyles }];
export const meta: MetaFunction = () => [{ title: `${m.docx.import.title} – ${m.appName}` }];
export const headers = actionRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { creatable } = await loadPaperList(user);
  return { creatable };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseFormData(await readFormData(request), ImportDocumentSchema);
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["file"] }) }, { status: 400 });
  const resource = await spaceForNewPaper(submission.value.spaceId);
  if (!resource || !can(user, "create-document", resource)) forbidden();
  const limit = await consumeRateLimit(user.id, "document");
  if (!limit.ok) return data({ result: submission.reply({ formErrors: [m.errors.rateLimited(limit.retrySeconds)], hideFields: ["file"] }) }, { status: 429, headers: retryAfter(limit) });
  const { file, spaceId, tracked } = submission.value;
  const result = await importDocx(user.id, { spaceId, tracked, fileName: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
  if (!result.ok) return data({ result: submission.reply({ formErrors: [result.message], hideFields: ["file"] }) }, { status: 400 });
  return redirect(`/documents/${result.id}`);
}

export default function ImportDocumentPage() {
  const { creatable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = m.docx.import;
  const [form, fields] = useForm({
    id: "document-import",
    lastResult: actionData?.result,
    defaultValue: { spaceId: creatable[0]?.id, tracked: "suggest" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ImportDocumentSchema }),
    shouldValidate: "onSubmit",
  });
  if (!creatable.length) {
    return (
      <>
        <h1>{t.title}</h1>
        <p>{t.noSpace}</p>
      </>
    );
  }
  const fileProps = getInputProps(fields.file, { type: "file", ariaDescribedBy: `${fields.file.id}-hint` });
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <section className="card">
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="field">
            <label htmlFor={fields.file.id}>{t.file}</label>
            <p className="hint" id={`${fields.file.id}-hint`}>{t.fileHint(DOCX_LIMITS.fileBytes / 1024 / 1024)}</p>
            <input {...fileProps} key={fileProps.key} accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
            <FieldErrors id={fields.file.errorId} errors={fields.file.errors} />
          </div>
          <SelectField field={fields.spaceId} label={t.space} options={creatable.map((s) => ({ value: s.id, label: s.name }))} />
          <fieldset className="field">
            <legend>{t.tracked}</legend>
            {TRACKED_MODES.map((mode) => (
              <label key={mode} className="choice">
                <input type="radio" name={fields.tracked.name} value={mode} defaultChecked={mode === "suggest"} />{" "}
                {mode === "suggest" ? t.trackedSuggest : t.trackedAccept}
              </label>
            ))}
            <FieldErrors id={fields.tracked.errorId} errors={fields.tracked.errors} />
          </fieldset>
          <button type="submit" className="button" disabled={busy}>{t.submit}</button>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
