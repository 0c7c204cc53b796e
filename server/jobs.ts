// Periodic work inside the server process: deadline reminders for drafts in their comment period.
import { sendDeadlineReminders } from "../app/models/lifecycle.server.ts";

export const JOB_INTERVAL_MS = 10 * 60 * 1000;

export function startJobs(log: Pick<Console, "error"> = console) {
  const run = () => void sendDeadlineReminders().catch((error: unknown) => log.error("[jobs] deadline reminders failed", error));
  const timer = setInterval(run, JOB_INTERVAL_MS);
  timer.unref();
  run();
  return () => clearInterval(timer);
}
