// GET /documents/<id>/export?format=md|html: the stored text (snapshot + log) of a document the
// user may read. Anonymous requests are sent to the login; unreadable documents answer 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { m } from "../i18n/messages.ts";
import { storedDocumentJson, toHtml, toMarkdown } from "../models/document-export.server.ts";
import { ExportFormatSchema } from "../utils/document-schemas.ts";
import type { DocumentStatus } from "../utils/domain.ts";
import { notFound, requireDocumentPermission } from "../utils/permissions.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { document } = await requireDocumentPermission(request, params.id ?? "", "read");
  const format = ExportFormatSchema.safeParse(new URL(request.url).searchParams.get("format"));
  if (!format.success) return new Response(m.documents.export.badFormat, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const json = await storedDocumentJson(document.id);
  if (!json) notFound();
  const filename = document.title.replace(/[^\p{L}\p{N} _-]+/gu, "").trim().replace(/\s+/g, "-").slice(0, 80) || "positionspapier";
  const headers = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
  if (format.data === "md") {
    return new Response(toMarkdown(document.title, json), {
      headers: {
        ...headers,
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, "_")}.md"; filename*=UTF-8''${encodeURIComponent(filename)}.md`,
      },
    });
  }
  const html = toHtml(document.title, json, { space: document.space.name, status: m.documents.status[document.status as DocumentStatus], at: new Date() });
  return new Response(html, {
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" },
  });
}
