// The versions of a paper: save one by name, view, compare, and restore after a confirmation step
// (GET ?wiederherstellen=<id> shows it, POST intent=restore-confirm restores; no JavaScript needed).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, Notice, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { getVersion, loadVersionsPage, PaperFrozen, restoreVersion, saveVersion } from "../models/versions.server.ts";
import type { DocumentStatus } from "../domain/model.ts";
import { parseForm } from "../forms/parse.server.ts";
import { can } from "../domain/permissions.ts";
import { forbidden, notFound, requireDocumentPermission } from "../auth/permissions.server.ts";
import { VersionSchema } from "../forms/review-schemas.ts";
import { DataTable } from "../components/data-table.tsx";
import { constraintOf } from "../forms/constraints.ts";

/** The query parameter that asks for the restore confirmation. */
const CONFIRM_PARAM = "wiederherstellen";

// "restore" (a form from before the confirmation step, or without it) only leads to the
// confirmation; "restore-confirm" is the confirmed restore.
const VersionActionSchema = z.discriminatedUnion("intent", [
  ...VersionSchema.options,
  z.object({ intent: z.literal("restore-confirm"), versionId: VersionSchema.options[1].shape.versionId }),
]);

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${m.review.versions}: ${d?.document.title ?? ""} – ${m.appName}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, ...found } = await requireDocumentPermission(request, params.id ?? "", "read");
  return loadVersionsPage(user, found, new URL(request.url).searchParams.get(CONFIRM_PARAM));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, document, resource } = await requireDocumentPermission(request, params.id ?? "", "read");
  const submission = await parseForm(request, VersionActionSchema);
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
  // Saving and restoring are edits: frozen papers and non-editors are refused.
  if (!can(user, "edit", resource)) forbidden();
  const input = submission.value;
  if (input.intent === "save") {
    await saveVersion({ actorId: user.id, documentId: document.id, name: input.name, kind: "manual", status: document.status as DocumentStatus });
    return { result: submission.reply({ resetForm: true }), notice: m.review.versionSaved(input.name) };
  }
  if (input.intent === "restore") {
    throw redirect(`/documents/${document.id}/versions?${new URLSearchParams({ [CONFIRM_PARAM]: input.versionId })}`);
  }
  const version = (await getVersion(document.id, input.versionId)) ?? notFound();
  try {
    if (!(await restoreVersion(user.id, document.id, version.id))) notFound();
  } catch (error) {
    if (error instanceof PaperFrozen) forbidden(); // adopted since the page was checked
    throw error;
  }
  return { result: null, notice: m.review.restoredKept(version.name, m.review.versionBeforeRestore(version.name)) };
}

export default function VersionsPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "save-version", lastResult: actionData?.result, constraint: constraintOf(VersionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VersionSchema }), shouldValidate: "onSubmit",
  });
  const t = m.review;
  return (
    <>
      <p><Link to={`/documents/${d.document.id}`}>← {t.backToDocument}</Link></p>
      <h1>{t.versions}: {d.document.title}</h1>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {d.confirm ? (
        <section className="card" aria-labelledby="restore-confirm-title" aria-describedby="restore-confirm-text">
          <h2 id="restore-confirm-title">{t.restoreConfirmTitle(d.confirm.name)}</h2>
          <div id="restore-confirm-text">
            <p>{t.restoreConfirmText}</p>
            <p>{t.restoreConfirmKeeps(t.versionBeforeRestore(d.confirm.name))}</p>
          </div>
          <Form method="post" action={`/documents/${d.document.id}/versions`} className="inline-form">
            <input type="hidden" name="versionId" value={d.confirm.id} />
            <button type="submit" name="intent" value="restore-confirm" className="button">{t.restoreConfirm}</button>
            <Link to={`/documents/${d.document.id}/versions`} className="button secondary">{t.restoreCancel}</Link>
          </Form>
        </section>
      ) : null}
      {d.canSave ? (
        <section className="card" aria-labelledby="save-version-title">
          <h2 id="save-version-title">{t.saveVersion}</h2>
          <Form method="post" {...getFormProps(form)} className="inline-form">
            <input type="hidden" name="intent" value="save" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextField field={fields.name as never} label={t.versionName} />
            <button type="submit" className="button">{t.saveVersion}</button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="version-list-title">
        <h2 id="version-list-title">{t.versions}</h2>
        {d.versions.length === 0 ? <p>{t.noVersions}</p> : (
          <DataTable className="stacked-table" columns={[t.versionName, m.documents.columns.status, m.admin.auditWhen, m.admin.auditWho, m.admin.actions]}>
                {d.versions.map((v) => (
                  <tr key={v.id}>
                    <td>{v.name} <span className="badge off">{t.kind[v.kind]}</span></td>
                    <td>{m.documents.status[v.status]}</td>
                    <td><time dateTime={v.createdAt}>{m.format.dateTime(v.createdAt)}</time></td>
                    <td>{v.author}</td>
                    <td className="inline-form">
                      <Link to={`/documents/${d.document.id}/versions/${v.id}`}>{t.view}</Link>
                      <Link to={`/documents/${d.document.id}/compare?von=${v.id}&bis=aktuell`}>{t.compareWithNow}</Link>
                      {d.canRestore ? (
                        <Link to={`?${new URLSearchParams({ [CONFIRM_PARAM]: v.id })}`} className="button small secondary" aria-label={`${t.restore}: ${v.name}`}>{t.restore}</Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </DataTable>
        )}
        {d.canRestore ? <p className="hint">{t.restoreHint}</p> : null}
      </section>
      {d.versions.length > 1 ? (
        <Form method="get" action={`/documents/${d.document.id}/compare`} className="card inline-form compare-form" aria-label={t.compareTitle}>
          <label htmlFor="von">{t.compareFrom}</label>
          <select id="von" name="von" defaultValue={d.versions[1]?.id}>{d.versions.map((v) => <option key={v.id} value={v.id}>{v.name} ({m.format.dateTime(v.createdAt)})</option>)}</select>
          <label htmlFor="bis">{t.compareTo}</label>
          <select id="bis" name="bis" defaultValue="aktuell">
            <option value="aktuell">{t.current}</option>
            {d.versions.map((v) => <option key={v.id} value={v.id}>{v.name} ({m.format.dateTime(v.createdAt)})</option>)}
          </select>
          <button type="submit" className="button secondary">{t.compare}</button>
        </Form>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
