// A short version of `scripts/collab-crash-test.ts` (50 runs there) inside the normal suite:
// the real server is SIGKILLed at random moments while 10 clients write; every update it had
// confirmed as durable must be in the database afterwards.
import { describe, expect, it } from "vitest";
import { runCrashTest } from "../../scripts/collab-crash-test.ts";

describe("durable acknowledgement under kill -9", () => {
  it("loses no confirmed update", async () => {
    const lines: string[] = [];
    const result = await runCrashTest(5, (line) => lines.push(line));
    expect(result.confirmed, lines.join("\n")).toBeGreaterThan(0);
    expect(result.loadFailures, lines.join("\n")).toBe(0);
    expect(result.confirmedLost, lines.join("\n")).toBe(0);
  }, 180_000);
});
