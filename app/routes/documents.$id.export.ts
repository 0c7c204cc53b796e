// GET /documents/<id>/export?format=md|html|docx: the stored text (snapshot + log) of a document the
// user may read. For docx, &kommentare=1 writes the comment threads as real Word comments and
// &vorschlaege=1 the open suggestions as tracked changes; both combine (docs/decisions/026).
// Anonymous requests are sent to the login; unreadable documents answer 404. The file name comes from
// the title and the date in Germany, and says which Word variant it is.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { m } from "../i18n/messages.ts";
import { toDocx } from "../models/document-docx.server.ts";
import { loadDocxExport } from "../models/docx-export.server.ts";
import { exportFileName, storedDocumentJson, toHtml, toMarkdown } from "../models/document-export.server.ts";
import { ExportFormatSchema } from "../forms/document-schemas.ts";
import type { DocumentStatus } from "../domain/model.ts";
import { notFound, requireDocumentPermission } from "../auth/permissions.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { document } = await requireDocumentPermission(request, params.id ?? "", "read");
  const query = new URL(request.url).searchParams;
  const format = ExportFormatSchema.safeParse(query.get("format"));
  if (!format.success) return new Response(m.documents.export.badFormat, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const isDocx = format.data === "docx";
  const variant = { withComments: isDocx && query.get("kommentare") === "1", withSuggestions: isDocx && query.get("vorschlaege") === "1" };
  const now = new Date();
  const filename = exportFileName(document.title, now, variant);
  const headers = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
  const disposition = (ext: string) => `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, "_")}.${ext}"; filename*=UTF-8''${encodeURIComponent(filename)}.${ext}`;
  if (isDocx) {
    const paper = (await loadDocxExport(document.id, { comments: variant.withComments, suggestions: variant.withSuggestions })) ?? notFound();
    const subtitle = `${document.space.name} · ${m.documents.status[document.status as DocumentStatus]} · ${m.documents.export.exportedAt(m.format.dateTime(now))}`;
    const buffer = await toDocx(document.title, paper.json, { subtitle, annotations: paper.annotations });
    return new Response(new Uint8Array(buffer), {
      headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Content-Disposition": disposition("docx") },
    });
  }
  const json = (await storedDocumentJson(document.id)) ?? notFound();
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
