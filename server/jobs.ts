// Background work inside the server process: the event processor (app/events/) and, periodically,
// deadline reminders for drafts in their comment period.
import { startEventProcessor } from "../app/events/processor.server.ts";
import { sendDeadlineReminders } from "../app/models/lifecycle.server.ts";

export const JOB_INTERVAL_MS = 10 * 60 * 1000;

export function startJobs(log: Pick<Console, "error"> = console) {
  const run = () => void sendDeadlineReminders().catch((error: unknown) => log.error("[jobs] deadline reminders failed", error));
  const timer = setInterval(run, JOB_INTERVAL_MS);
  timer.unref();
  run();
  const stopEvents = startEventProcessor(log);
  return async () => {
    clearInterval(timer);
    await stopEvents();
  };
}
