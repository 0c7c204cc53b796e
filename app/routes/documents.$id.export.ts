// GET /documents/<id>/export?format=md|html|docx: the stored text (snapshot + log) of a document the
// user may read (docx with &kommentare=1 appends the comment threads). Anonymous requests are sent to
// the login; unreadable documents answer 404. The file name comes from the title and the date in Germany;
// the DOCX with comments carries a suffix so it does not overwrite the one without.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { m } from "../i18n/messages.ts";
import { toDocx } from "../models/document-docx.server.ts";
import { exportFileName, loadPaperExport, toHtml, toMarkdown } from "../models/document-export.server.ts";
import { ExportFormatSchema } from "../forms/document-schemas.ts";
import type { DocumentStatus } from "../domain/model.ts";
import { notFound, requireDocumentPermission } from "../auth/permissions.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { document } = await requireDocumentPermission(request, params.id ?? "", "read");
  const format = ExportFormatSchema.safeParse(new URL(request.url).searchParams.get("format"));
  if (!format.success) return new Response(m.documents.export.badFormat, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const withComments = format.data === "docx" && new URL(request.url).searchParams.get("kommentare") === "1";
  const { json, comments } = (await loadPaperExport(document.id, withComments)) ?? notFound();
  const now = new Date();
  const filename = exportFileName(document.title, now, { withComments });
  const headers = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
  const disposition = (ext: string) => `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, "_")}.${ext}"; filename*=UTF-8''${encodeURIComponent(filename)}.${ext}`;
  if (format.data === "docx") {
    const subtitle = `${document.space.name} · ${m.documents.status[document.status as DocumentStatus]} · ${m.documents.export.exportedAt(m.format.dateTime(now))}`;
    const buffer = await toDocx(document.title, json, { subtitle, comments, commentsHeading: m.review.comments });
    return new Response(new Uint8Array(buffer), {
      headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Content-Disposition": disposition("docx") },
    });
  }
  if (format.data === "md") {
    return new Response(toMarkdown(document.title, json), {
      headers: {
        ...headers,
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": disposition("md"),
      },
    });
  }
  const html = toHtml(document.title, json, { space: document.space.name, status: m.documents.status[document.status as DocumentStatus], at: now });
  return new Response(html, {
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" },
  });
}

