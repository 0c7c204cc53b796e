// Changing a paper's status (chairs only). The change is one step: the text is frozen, and the
// status, the version of exactly that text and the audit entry commit together (lifecycle.server.ts).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, Notice, SelectField } from "../components/forms.tsx";
import { describeSuggestion } from "../components/suggestion-text.ts";
import { m } from "../i18n/messages.ts";
import { changeDocumentStatus, loadStatusPage } from "../models/lifecycle.server.ts";
import type { DocumentStatus } from "../domain/model.ts";
import { parseFormData, readFormData } from "../forms/parse.server.ts";
import { SuggestionSettingsSchema } from "../forms/suggestion-schemas.ts";
import { countOpenSuggestions, setCommenterSuggestions } from "../models/suggestions.server.ts";
import { broadcastDocumentEvent } from "../infra/collab-link/index.ts";
import { requireDocumentPermission } from "../auth/permissions.server.ts";
import { StatusChangeSchema } from "../forms/review-schemas.ts";
import { constraintOf } from "../forms/constraints.ts";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${m.review.changeStatus}: ${d?.document.title ?? ""} – ${m.appName}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { document } = await requireDocumentPermission(request, params.id ?? "", "manage");
  return loadStatusPage(document);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, document } = await requireDocumentPermission(request, params.id ?? "", "manage");
  const formData = await readFormData(request);
  if (formData.get("intent") === "suggestion-settings") {
    const settings = parseFormData(formData, SuggestionSettingsSchema);
    if (settings.status !== "success") return data({ result: settings.reply(), notice: null }, { status: 400 });
    await setCommenterSuggestions(user.id, document.id, settings.value.commenterSuggestions);
    broadcastDocumentEvent(document.id, "suggestions");
    return { result: settings.reply(), notice: m.suggestions.settingsSaved };
  }
  const submission = parseFormData(formData, StatusChangeSchema);
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
  const { to, deadline, closeSuggestions } = submission.value;
  if (to === "review" && (!deadline || deadline <= new Date())) {
    return data({ result: submission.reply({ fieldErrors: { deadline: [m.review.deadlineRequired] } }), notice: null }, { status: 400 });
  }
  // Adopting with open suggestions asks first; once confirmed, adoption closes them (lifecycle.server.ts).
  if (to === "adopted" && !closeSuggestions && (await countOpenSuggestions(document.id)) > 0) {
    return data({ result: submission.reply({ formErrors: [m.suggestions.confirmRequired] }), notice: null }, { status: 409 });
  }
  const result = await changeDocumentStatus(user.id, { id: document.id, title: document.title, status: document.status as DocumentStatus }, to, {
    deadline, versionName: m.review.versionForStatus(m.documents.status[to]),
  });
  if (!result.ok) return data({ result: submission.reply({ formErrors: [m.review.transitionNotAllowed] }), notice: null }, { status: 409 });
  return redirect(`/documents/${document.id}`);
}

export default function StatusPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "status", lastResult: actionData?.result, constraint: constraintOf(StatusChangeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StatusChangeSchema }), shouldValidate: "onSubmit",
  });
  const t = m.review;
  const sg = m.suggestions;
  return (
    <div className="narrow">
      <p><Link to={`/documents/${d.document.id}`}>← {t.backToDocument}</Link></p>
      <h1>{t.changeStatus}</h1>
      <p>{d.document.title}: <strong>{m.documents.status[d.document.status]}</strong></p>
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField field={fields.to as never} label={t.to} options={d.transitions.map((s) => ({ value: s, label: m.documents.status[s] }))} />
          <div className="field">
            <label htmlFor={fields.deadline.id}>{t.deadlineLabel}</label>
            <input id={fields.deadline.id} name="deadline" type="date" aria-invalid={fields.deadline.errors ? true : undefined} aria-describedby={fields.deadline.errors ? fields.deadline.errorId : undefined} />
            {fields.deadline.errors ? <ul id={fields.deadline.errorId} className="field-errors">{fields.deadline.errors.map((e) => <li key={e}>{e}</li>)}</ul> : null}
          </div>
          <p className="hint">{t.frozenHint}</p>
          {d.openSuggestions.length ? (
            <section aria-labelledby="open-suggestions-heading" className="open-suggestions">
              <h2 id="open-suggestions-heading">{sg.heading}</h2>
              <p>{sg.openBeforeAdoption(d.openSuggestions.length)}</p>
              <ul>
                {d.openSuggestions.map((s) => (
                  <li key={s.id}>{describeSuggestion(s)} <span className="muted">({s.author})</span></li>
                ))}
              </ul>
              <div className="field checkbox">
                <input id="close-suggestions" name="closeSuggestions" type="checkbox" />
                <label htmlFor="close-suggestions">{sg.confirmAdoption}</label>
              </div>
            </section>
          ) : null}
          <button type="submit" className="button">{t.statusSubmit}</button>
        </Form>
      </div>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <section className="card" aria-labelledby="suggestion-settings-heading">
        <h2 id="suggestion-settings-heading">{sg.settingsHeading}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="suggestion-settings" />
          <div className="field checkbox">
            <input id="commenter-suggestions" name="commenterSuggestions" type="checkbox" defaultChecked={d.commenterSuggestions} />
            <label htmlFor="commenter-suggestions">{sg.commenterSuggestions}</label>
          </div>
          <button type="submit" className="button secondary">{sg.settingsSave}</button>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
