// For `npm run bench:collab` only: with BENCH_LOOP_DELAY=1, a server logs the longest event-loop stall
// of each second to stderr as `[bench] loop-delay-max-ms=<n>`. Shared by our server and the reference.
import { monitorEventLoopDelay } from "node:perf_hooks";

export function reportLoopDelayForBench() {
  if (process.env.BENCH_LOOP_DELAY !== "1") return;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  setInterval(() => {
    console.error(`[bench] loop-delay-max-ms=${(delay.max / 1e6).toFixed(1)}`);
    delay.reset();
  }, 1000).unref();
}
