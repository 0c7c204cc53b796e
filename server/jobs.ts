// Background work inside the server process: the event processor (app/events/), the mail sender and
// the overview mails (app/mail/), and, periodically, deadline reminders for drafts in their comment
// period, and the privacy job (due account deletions, retention). Each of the first three runs only
// in the process that holds its lease; the privacy job's steps are idempotent.

export const JOB_INTERVAL_MS = 10 * 60 * 1000;
/**
 * The jobs' modules load and their first runs happen this long after start: SQLite calls are
 * synchronous, and an overview round or a retention sweep (or compiling the mail and sign-in
 * modules) at boot would hold up the first requests.
 */
export const JOB_START_DELAY_MS = 1000;

export function startJobs(log: Pick<Console, "log" | "error"> = console) {
  let stops: Array<() => unknown> = [];
  let stopped = false;
  const start = async () => {
    const [{ startEventProcessor }, { sendDeadlineReminders }, { startDigestJob }, { startMailSender }, { startPrivacyJob }] = await Promise.all([
      import("../app/events/processor.server.ts"), import("../app/models/lifecycle.server.ts"), import("../app/mail/digest.server.ts"),
      import("../app/mail/sender.server.ts"), import("../app/models/privacy.server.ts"),
    ]);
    if (stopped) return;
    const run = () => void sendDeadlineReminders().catch((error: unknown) => log.error("[jobs] deadline reminders failed", error));
    const timer = setInterval(run, JOB_INTERVAL_MS);
    timer.unref();
    run();
    stops = [() => clearInterval(timer), startEventProcessor(log), startMailSender(log), startDigestJob(log), startPrivacyJob(log)];
  };
  let starting: Promise<void> | undefined;
  const delay = setTimeout(() => {
    starting = start().catch((error: unknown) => log.error("[jobs] could not start", error));
  }, JOB_START_DELAY_MS);
  delay.unref();
  return async () => {
    stopped = true;
    clearTimeout(delay);
    await starting;
    await Promise.all(stops.map((stop) => stop()));
  };
}
