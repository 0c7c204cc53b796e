// The admins' outbox page (Verwaltung → Postausgang) and its one action, "Erneut senden".
import { db } from "../db/db.server.ts";
import { getEnv } from "../infra/env.server.ts";
import { listOutbox, retryFailedMail } from "../mail/outbox.server.ts";
import { recordAudit } from "./audit.server.ts";

export async function loadOutboxPage() {
  return { mails: await listOutbox(db), smtpConfigured: Boolean(getEnv().SMTP_URL) };
}

/** Puts a failed mail back into the queue, with an audit entry. False when it was not failed. */
export async function retryOutboxMail(actorId: string, mailId: string) {
  return db.transaction().execute(async (trx) => {
    if (!(await retryFailedMail(trx, mailId))) return false;
    await recordAudit({ actorId, action: "mail.retry", targetType: "mail", targetId: mailId }, trx);
    return true;
  });
}
