// POST /documents/<id>/import-report: an editor of the paper (or a chair) hides the DOCX import
// report for everyone. Others get 403, unreadable papers 404. Answers with a redirect to the paper.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { can } from "../domain/permissions.ts";
import { forbidden, requireDocumentPermission } from "../auth/permissions.server.ts";
import { dismissImportReport } from "../models/document-import.server.ts";

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, document, role, resource } = await requireDocumentPermission(request, params.id ?? "", "read");
  if (role !== "editor" && !can(user, "manage", resource)) forbidden();
  await dismissImportReport(user.id, document.id);
  return redirect(`/documents/${document.id}`);
}

export function loader({ params }: ActionFunctionArgs) {
  return redirect(`/documents/${params.id ?? ""}`);
}
