// A separate process spending one budget as fast as it can, for the cross-process atomicity test.
// It prepares, prints "ready", waits for a line on stdin (so all workers start together), then
// prints how many of its attempts were allowed. DATABASE_URL names the shared database.
import { consumeRateLimit } from "../../app/models/rate-limit.server.ts";
import type { RateLimitKind } from "../../app/domain/model.ts";

const [userId, kind, attempts] = process.argv.slice(2);
await consumeRateLimit(`${userId}-warm-up`, kind as RateLimitKind); // opens the connection and prepares
process.stdout.write("ready\n");
process.stdin.once("data", async () => {
  let allowed = 0;
  for (let i = 0; i < Number(attempts); i++) if ((await consumeRateLimit(userId, kind as RateLimitKind)).ok) allowed++;
  process.stdout.write(`allowed ${allowed}\n`);
  process.exit(0);
});
