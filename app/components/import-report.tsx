// The DOCX import report on a paper (issue 15): what the Word file held that the paper could not
// keep. Shown to everyone who reads the paper until an editor dismisses it (a plain form post, so
// it works without JavaScript too).
import { Form } from "@remix-run/react";
import type { ReportItem } from "../docx/reader.ts";
import { m } from "../i18n/messages.ts";

export function ImportReportBanner({ documentId, report, canDismiss }: { documentId: string; report: { fileName: string; items: ReportItem[] }; canDismiss: boolean }) {
  const t = m.docx.report;
  return (
    <section className="alert alert-warning import-report" aria-labelledby="import-report-heading">
      <h2 id="import-report-heading">{t.heading}</h2>
      <p>{t.intro(report.fileName)}</p>
      <ul>
        {report.items.map((item) => (
          <li key={item.kind}>
            {(t.kinds[item.kind] ?? (() => item.kind))(item.count)}
            {item.detail ? <> <span className="muted">({item.detail})</span></> : null}
          </li>
        ))}
      </ul>
      {canDismiss ? (
        <Form method="post" action={`/documents/${documentId}/import-report`}>
          <button type="submit" className="button small secondary">{t.dismiss}</button>
        </Form>
      ) : null}
    </section>
  );
}
