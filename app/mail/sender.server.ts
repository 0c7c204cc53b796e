// The mail sender job: delivers due outbox mails, one at a time, with retries and back-off (8 attempts
// over about 22 hours, app/domain/mail.ts), and marks a mail failed after the last one. One process
// at a time holds the "mail" lease. Delivery is at least once: a mail goes out twice only if this
// process dies between the SMTP server's acceptance and the commit of "sent"; the Message-ID stays
// the same, so receivers can drop the duplicate.
//
// Without SMTP_URL nothing leaves the machine: a due mail is printed to the log (redacted outside
// development) and marked "logged"; it stays in the outbox, where admins read it. It is not sent
// later when SMTP_URL appears (its links may have expired by then).
import nodemailer, { type SendMailOptions } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import { db } from "../db/db.server.ts";
import { dbDate, dbNow } from "../db/values.ts";
import { MAIL_LIMITS } from "../domain/mail.ts";
import { getEnv } from "../infra/env.server.ts";
import { PROCESS_HOLDER, startLeasedJob } from "../events/leases.server.ts";
import { nextAttemptAfter, openPayload, type MailPayload } from "./outbox.server.ts";

export const MAIL_LEASE = "mail";
/**
 * The lease is renewed before every mail, so a sender that stalls (a slow SMTP server) loses it
 * rather than racing a successor; a crashed sender's lease passes on after `leaseMs`.
 */
export const MAIL_JOB = { pollMs: 1000, leaseMs: 20_000, batch: 20 } as const;

type Log = Pick<Console, "log" | "error">;
type Transport = { sendMail: (mail: SendMailOptions) => Promise<unknown> };

let transport: Transport | null | undefined;
/** The SMTP transport for SMTP_URL (STARTTLS when offered: nodemailer upgrades unless told otherwise), or null. */
export function mailTransport(): Transport | null {
  if (transport !== undefined) return transport;
  const env = getEnv();
  transport = env.SMTP_URL
    ? nodemailer.createTransport({ url: env.SMTP_URL, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 } as SMTPTransport.Options & { url: string })
    : null;
  return transport;
}

/** Delivers every due mail once; returns how many were tried. Exported for tests. */
export async function deliverDueMails(log: Log = console, now = Date.now(), stillHolder: () => Promise<boolean> = async () => true) {
  const env = getEnv();
  const due = await db.selectFrom("OutboundMail")
    .select(["id", "messageId", "toAddress", "subject", "payload", "sealed", "attempts", "displayText", "kind"])
    .where("status", "=", "queued").where("nextAttemptAt", "<=", dbDate(now))
    .orderBy("nextAttemptAt").orderBy("id").limit(MAIL_JOB.batch).execute();
  const smtp = mailTransport();
  for (const mail of due) {
    if (!mail.payload) continue;
    if (!(await stillHolder())) break;
    let payload: MailPayload;
    try {
      payload = openPayload(mail.payload, mail.sealed === 1);
    } catch {
      // Sealed under another session secret: it can never be sent; say so instead of retrying.
      await db.updateTable("OutboundMail").set({ status: "failed", attempts: mail.attempts + 1, lastError: "nicht lesbar (SESSION_SECRET geändert)", payload: null })
        .where("id", "=", mail.id).execute();
      continue;
    }
    if (!smtp) {
      // No mail server: the log and the outbox view are where this mail can be read.
      const text = env.NODE_ENV === "development" ? payload.text : mail.displayText;
      log.log(`[mail] ohne SMTP_URL nicht versandt, an ${mail.toAddress}: ${mail.subject}\n${text}`);
      await db.updateTable("OutboundMail").set({ status: "logged", attempts: mail.attempts + 1, sentAt: dbNow(), lastError: null })
        .where("id", "=", mail.id).execute();
      continue;
    }
    try {
      await smtp.sendMail({
        from: env.MAIL_FROM,
        to: mail.toAddress,
        subject: mail.subject,
        text: payload.text,
        html: payload.html,
        messageId: mail.messageId,
        headers: payload.headers,
      });
      await db.updateTable("OutboundMail").set({ status: "sent", attempts: mail.attempts + 1, sentAt: dbNow(), lastError: null, payload: null })
        .where("id", "=", mail.id).execute();
    } catch (error) {
      const attempts = mail.attempts + 1;
      const next = nextAttemptAfter(attempts, MAIL_LIMITS.retryDelaysMs, MAIL_LIMITS.maxAttempts, env.MAIL_RETRY_SCALE, now);
      const message = String((error as Error)?.message ?? error).slice(0, 500);
      await db.updateTable("OutboundMail")
        .set(next ? { attempts, nextAttemptAt: next, lastError: message } : { attempts, status: "failed", lastError: message })
        .where("id", "=", mail.id).execute();
      log.error(`[mail] ${mail.kind} ${mail.messageId} an ${mail.toAddress}: Versuch ${attempts} fehlgeschlagen${next ? "" : ", aufgegeben"}: ${message}`);
    }
  }
  return due.length;
}

/** Starts the sender in this process (it only works while it holds the lease). Returns a stop function. */
export function startMailSender(log: Log = console, holder = PROCESS_HOLDER) {
  const job = startLeasedJob({
    name: MAIL_LEASE, leaseMs: MAIL_JOB.leaseMs, pollMs: MAIL_JOB.pollMs, log, holder,
    // The lease is renewed before every mail; a full batch means more may be due.
    work: async (renew) => (await deliverDueMails(log, Date.now(), renew)) === MAIL_JOB.batch,
  });
  return job.stop;
}
