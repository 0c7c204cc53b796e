// Background work inside the server process: the event processor (app/events/), the mail sender and
// the overview mails (app/mail/), and, periodically, deadline reminders for drafts in their comment
// period, and the privacy job (due account deletions, retention). Each of the first three runs only
// in the process that holds its lease; the privacy job's steps are idempotent.
import { startEventProcessor } from "../app/events/processor.server.ts";
import { sendDeadlineReminders } from "../app/models/lifecycle.server.ts";
import { startDigestJob } from "../app/mail/digest.server.ts";
import { startMailSender } from "../app/mail/sender.server.ts";
import { startPrivacyJob } from "../app/models/privacy.server.ts";

export const JOB_INTERVAL_MS = 10 * 60 * 1000;
/**
 * The jobs' first runs wait this long after start: SQLite calls are synchronous, and an overview
 * round or a retention sweep at boot would hold up the first requests (cold start got 200 ms worse).
 */
export const JOB_START_DELAY_MS = 1000;

export function startJobs(log: Pick<Console, "log" | "error"> = console) {
  let stops: Array<() => unknown> = [];
  const start = () => {
    const run = () => void sendDeadlineReminders().catch((error: unknown) => log.error("[jobs] deadline reminders failed", error));
    const timer = setInterval(run, JOB_INTERVAL_MS);
    timer.unref();
    run();
    stops = [() => clearInterval(timer), startEventProcessor(log), startMailSender(log), startDigestJob(log), startPrivacyJob(log)];
  };
  const delay = setTimeout(start, JOB_START_DELAY_MS);
  delay.unref();
  return async () => {
    clearTimeout(delay);
    await Promise.all(stops.map((stop) => stop()));
  };
}
