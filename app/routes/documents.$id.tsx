// One position paper: the collaborative editor with the comment sidebar, exports, and (for chairs)
// access, renaming and archiving. The page data comes from loadPaperPage (documents.server.ts).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { CommentSidebar, DOCUMENT_EVENT } from "../components/comment-sidebar.tsx";
import { DocumentEditor } from "../components/document-editor.tsx";
import { SuggestionPanel } from "../components/suggestion-sidebar.tsx";
import { GeneralErrorBoundary } from "../components/error-boundary.tsx";
import { FormErrors, Notice, SelectField, TextField } from "../components/forms.tsx";
import { m } from "../i18n/messages.ts";
import { archiveDocument, findInvitee, loadPaperPage, renameDocument, setDocumentAccess } from "../models/documents.server.ts";
import documentStyles from "../styles/documents.css?url";
import { DocumentAccessSchema, DocumentActionSchema, RenameDocumentSchema } from "../forms/document-schemas.ts";
import { DOCUMENT_ROLES, type DocumentRole } from "../domain/model.ts";
import { parseForm } from "../forms/parse.server.ts";
import { forbidden, requireDocumentPermission } from "../auth/permissions.server.ts";
import { DataTable } from "../components/data-table.tsx";
import { ImportReportBanner } from "../components/import-report.tsx";
import { openImportReport } from "../models/document-import.server.ts";
import { constraintOf } from "../forms/constraints.ts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: documentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.document.title ?? m.documents.title} – ${m.appName}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, ...found } = await requireDocumentPermission(request, params.id ?? "", "read");
  const [page, importReport] = await Promise.all([loadPaperPage(user, found), openImportReport(found.document.id)]);
  return { ...page, importReport, canDismissImportReport: found.role === "editor" || page.canChangeStatus };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, document } = await requireDocumentPermission(request, params.id ?? "", "manage");
  if (document.status === "archived") forbidden();
  const submission = await parseForm(request, DocumentActionSchema);
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null }, { status: 400 });
  const value = submission.value;
  switch (value.intent) {
    case "rename":
      await renameDocument(user.id, document.id, value.title);
      return { result: submission.reply(), notice: m.documents.rename.done };
    case "archive":
      await archiveDocument(user.id, document.id);
      return { result: submission.reply(), notice: m.documents.archive.done };
    case "access-set": {
      const target = await findInvitee(value.email);
      if (!target) {
        return data({ result: submission.reply({ fieldErrors: { email: [m.documents.access.unknownUser] } }), notice: null }, { status: 400 });
      }
      await setDocumentAccess(user.id, document.id, target, value.role);
      return { result: submission.reply({ resetForm: true }), notice: m.documents.access.saved };
    }
    case "access-remove":
      await setDocumentAccess(user.id, document.id, value.userId, null);
      return { result: submission.reply(), notice: m.documents.access.removed };
  }
}

const RELOAD_ON = new Set(["status", "access", "frozen", "thawed"]);

export default function DocumentPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = m.documents;
  const r = m.review;
  // A status or access change (e.g. adoption, a demotion) changes what this user may do: reload the page
  // data. The editor itself turns read-only or writable on "frozen"/"thawed" without waiting for this.
  const { revalidate } = useRevalidator();
  useEffect(() => {
    const onEvent = (e: Event) => {
      const detail = (e as CustomEvent<{ documentId: string; event: string }>).detail;
      if (detail?.documentId === d.document.id && RELOAD_ON.has(detail.event)) revalidate();
    };
    window.addEventListener(DOCUMENT_EVENT, onEvent);
    return () => window.removeEventListener(DOCUMENT_EVENT, onEvent);
  }, [d.document.id, revalidate]);
  return (
    <article className="document-page" aria-labelledby="document-title">
      <p className="muted"><Link to="/documents">{t.title}</Link> · <Link to={`/spaces/${d.document.space.slug}`}>{d.document.space.name}</Link></p>
      <h1 id="document-title">{d.document.title}</h1>
      <p className="document-meta">
        <span className={`badge badge-${d.document.status}`}>{t.status[d.document.status]}</span>{" "}
        <span className="muted">{t.yourRole(d.effectiveRole === d.role ? t.role[d.role] : t.roleWhileFrozen(t.role[d.effectiveRole], t.status[d.document.status]))}</span>
        {d.document.reviewDeadline ? <> <strong className="badge warn">{r.deadlineUntil(m.format.day(d.document.reviewDeadline))}</strong></> : null}
      </p>
      <nav className="status-bar" aria-label={r.status}>
        {d.canChangeStatus ? <Link className="button small" to={`/documents/${d.document.id}/status`}>{r.changeStatus}</Link> : null}
        <Link className="button small secondary" to={`/documents/${d.document.id}/versions`}>{r.versions}</Link>
      </nav>
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {d.importReport ? <ImportReportBanner documentId={d.document.id} report={d.importReport} canDismiss={d.canDismissImportReport} /> : null}
      <DocumentEditor key={d.document.id} documentId={d.document.id} user={d.user} canEdit={d.canEdit} canSuggest={d.canSuggest} status={d.document.status} readOnlyNotice={d.readOnlyNotice} initialJson={d.contentJson}
        aside={(editor, ydoc) => (
          <div className="document-sidebars">
            <SuggestionPanel documentId={d.document.id} editor={editor} />
            <CommentSidebar documentId={d.document.id} editor={editor} ydoc={ydoc} />
          </div>
        )} />
      <section aria-labelledby="export-heading" className="document-section">
        <h2 id="export-heading">{t.export.heading}</h2>
        <ul className="inline-list">
          <li><a href={`/documents/${d.document.id}/export?format=md`} download>{t.export.markdown}</a></li>
          <li><a href={`/documents/${d.document.id}/export?format=html`} target="_blank" rel="noopener">{t.export.html}</a></li>
          <li><a href={`/documents/${d.document.id}/export?format=docx`} download>{r.docx}</a></li>
          <li><a href={`/documents/${d.document.id}/export?format=docx&kommentare=1`} download>{m.docx.export.docxWithComments}</a></li>
          <li><a href={`/documents/${d.document.id}/export?format=docx&vorschlaege=1`} download>{m.docx.export.docxWithSuggestions}</a></li>
          <li><a href={`/documents/${d.document.id}/export?format=docx&kommentare=1&vorschlaege=1`} download>{m.docx.export.docxWithBoth}</a></li>
        </ul>
        <p className="hint">{t.export.printHint}</p>
      </section>
      {d.canManage ? <ManageSection title={d.document.title} access={d.access} /> : null}
    </article>
  );
}

function ManageSection({ title, access }: { title: string; access: Array<{ role: DocumentRole; user: { id: string; name: string; email: string } }> }) {
  const t = m.documents;
  const actionData = useActionData<typeof action>();
  const [renameForm, renameFields] = useForm({
    id: "document-rename",
    lastResult: actionData?.result,
    constraint: constraintOf(RenameDocumentSchema),
    defaultValue: { title },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RenameDocumentSchema }),
    shouldValidate: "onBlur",
  });
  const [accessForm, accessFields] = useForm({
    id: "document-access",
    lastResult: actionData?.result,
    constraint: constraintOf(DocumentAccessSchema),
    defaultValue: { role: "commenter" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DocumentAccessSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <>
      <section className="card document-section" aria-labelledby="access-heading">
        <h2 id="access-heading">{t.access.heading}</h2>
        <p className="hint">{t.access.intro}</p>
        {access.length ? (
          <DataTable columns={[t.access.person, t.access.role, t.access.actions]} caption={t.access.caption}>
                {access.map((a) => (
                  <tr key={a.user.id}>
                    <td>{a.user.name} <span className="muted">({a.user.email})</span></td>
                    <td>{t.role[a.role]}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="access-remove" />
                        <input type="hidden" name="userId" value={a.user.id} />
                        <button type="submit" className="button secondary" aria-label={t.access.removeLabel(a.user.name)}>{t.access.remove}</button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </DataTable>
        ) : <p>{t.access.none}</p>}
        <Form method="post" {...getFormProps(accessForm)}>
          <input type="hidden" name="intent" value="access-set" />
          <FormErrors id={accessForm.errorId} errors={accessForm.errors} />
          <TextField field={accessFields.email} label={t.access.email} type="email" />
          <SelectField field={accessFields.role} label={t.access.role} options={DOCUMENT_ROLES.map((r) => ({ value: r, label: t.role[r] }))} />
          <button type="submit" className="button">{t.access.add}</button>
        </Form>
      </section>
      <section className="card document-section" aria-labelledby="rename-heading">
        <h2 id="rename-heading">{t.rename.heading}</h2>
        <Form method="post" {...getFormProps(renameForm)}>
          <input type="hidden" name="intent" value="rename" />
          <FormErrors id={renameForm.errorId} errors={renameForm.errors} />
          <TextField field={renameFields.title} label={t.rename.title} />
          <button type="submit" className="button">{t.rename.submit}</button>
        </Form>
        <Form method="post" className="document-archive">
          <input type="hidden" name="intent" value="archive" />
          <p className="hint">{t.archive.hint}</p>
          <button type="submit" className="button secondary">{t.archive.submit}</button>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
