// GET /profile/data-export: everything stored about the signed-in person as a ZIP (DSGVO Art. 15
// and 20; contents in the README, "Datenschutz"). Limited per person (DATA_EXPORT_BUDGET): the only
// write is that budget's counter.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { m } from "../i18n/messages.ts";
import { requireUser } from "../auth/permissions.server.ts";
import { buildDataExport, DATA_EXPORT_BUDGET } from "../models/privacy.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const result = await buildDataExport(user.id);
  if (!result.ok) {
    return new Response(m.privacy.data.tooMany, {
      status: 429, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(DATA_EXPORT_BUDGET.windowSeconds) },
    });
  }
  return new Response(new Uint8Array(result.zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${result.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
